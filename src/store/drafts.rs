//! Drafts: a form's unsaved contents, kept per login so that a dropped SSH
//! session or a closed terminal loses nothing. Not audited: a draft is the
//! person's own scratch (saved on every pause in typing), not a record.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::codec::At;
use super::{Store, StoreError, rfc3339};

/// One saved draft of a user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub key: String,
    pub updated_at: DateTime<Utc>,
}

fn parse_at(s: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| StoreError::Invalid(format!("下書きの日時が読めません「{s}」")))
}

impl Store {
    /// Saves (or replaces) this user's draft under `key`. `json` must be JSON.
    pub fn save_draft(&self, key: &str, json: &str) -> Result<(), StoreError> {
        if serde_json::from_str::<serde::de::IgnoredAny>(json).is_err() {
            return Err(StoreError::Invalid(
                "下書きを保存できません（内容が JSON ではありません）。".to_string(),
            ));
        }
        let at = rfc3339(self.now());
        self.write(|tx, _| {
            tx.execute(
                "INSERT INTO drafts (login, key, json, updated_at) VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT (login, key) DO UPDATE SET json = excluded.json, \
                 updated_at = excluded.updated_at",
                params![self.user, key, json, at],
            )?;
            Ok(())
        })
    }

    /// This user's draft under `key`: its JSON and when it was saved.
    pub fn load_draft(&self, key: &str) -> Result<Option<(String, DateTime<Utc>)>, StoreError> {
        let hit: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT json, updated_at FROM drafts WHERE login = ?1 AND key = ?2",
                params![self.user, key],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        match hit {
            Some((json, at)) => Ok(Some((json, parse_at(&at)?))),
            None => Ok(None),
        }
    }

    /// Removes this user's draft under `key` (after the form was saved).
    pub fn delete_draft(&self, key: &str) -> Result<(), StoreError> {
        self.write(|tx, _| {
            tx.execute(
                "DELETE FROM drafts WHERE login = ?1 AND key = ?2",
                params![self.user, key],
            )?;
            Ok(())
        })
    }

    /// Every draft of this user, newest first (offered again at start-up,
    /// whichever terminal wrote them). Another login's are never listed.
    pub fn list_drafts(&self) -> Result<Vec<Draft>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT key, updated_at FROM drafts WHERE login = ?1 ORDER BY updated_at DESC, key",
        )?;
        let mut rows = stmt.query([&self.user])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let at = At {
                table: "drafts",
                row,
            };
            out.push(Draft {
                key: at.string(0)?,
                updated_at: parse_at(at.str(1)?)?,
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::store;
    use super::*;

    #[test]
    fn draft_is_replaced_and_deleted_per_key() {
        let (_dir, s) = store();
        s.save_draft("contact:new:1", r#"{"summary":"a"}"#)
            .expect("save");
        s.save_draft("contact:new:1", r#"{"summary":"b"}"#)
            .expect("save");
        let (json, _) = s.load_draft("contact:new:1").expect("load").expect("some");
        assert_eq!(json, r#"{"summary":"b"}"#);
        assert_eq!(s.list_drafts().expect("list").len(), 1);
        s.delete_draft("contact:new:1").expect("delete");
        assert_eq!(s.load_draft("contact:new:1").expect("load"), None);
    }

    #[test]
    fn drafts_are_private_to_their_login() {
        let (dir, s) = store();
        s.save_draft("k", "{}").expect("save");
        let other = Store::open_as(&dir.path().join("t.db"), "suzuki").expect("open");
        assert_eq!(other.load_draft("k").expect("load"), None);
        assert!(other.list_drafts().expect("list").is_empty());
        assert_eq!(s.list_drafts().expect("list").len(), 1);
    }

    #[test]
    fn non_json_draft_is_refused() {
        let (_dir, s) = store();
        let err = s.save_draft("k", "not json").expect_err("invalid");
        assert!(matches!(err, StoreError::Invalid(_)));
    }
}
