//! The office's staff: registered by login, each with a role; there is
//! always a 管理者 once there was one.

use rusqlite::{Connection, OptionalExtension, params};

use crate::access::Permission;
use crate::model::{Role, Staff};
use crate::store::audit::{Audit, AuditAction};
use crate::store::case::records::checked;
use crate::store::codec::{At, date_opt_text};
use crate::store::rows::{STAMP_COLS, Table};
use crate::store::{Store, StoreError};
use crate::validate;

fn count_admins(tx: &Connection) -> Result<i64, StoreError> {
    Ok(tx.query_row(
        "SELECT count(*) FROM staff WHERE role = ?1",
        [Role::Admin.as_str()],
        |r| r.get(0),
    )?)
}

/// An office that had a 管理者 keeps one: nobody could add staff again.
fn keep_an_admin(tx: &Connection, before: i64) -> Result<(), StoreError> {
    if before > 0 && count_admins(tx)? == 0 {
        return Err(StoreError::Invalid(
            "最後の管理者は外せません。先に別の職員を管理者にしてください。何も変更していません。"
                .to_string(),
        ));
    }
    Ok(())
}

impl Store {
    /// Adds or replaces a staff member by login (管理者 only). Refused if
    /// it would leave an office that had a 管理者 without one.
    pub(crate) fn upsert_staff(&self, s: &Staff) -> Result<(), StoreError> {
        self.require(Permission::ManageStaff)?;
        self.write(|tx, stamp| {
            checked(
                || format!("職員 {}", crate::text::for_display(&s.login)),
                validate::staff(s, stamp.today),
            )?;
            let admins_before = count_admins(tx)?;
            let exists = tx
                .query_row("SELECT 1 FROM staff WHERE login = ?1", [&s.login], |_| Ok(()))
                .optional()?
                .is_some();
            let training = date_opt_text(s.basic_training);
            let history = serde_json::to_string(&s.fte_history).unwrap_or_else(|_| "[]".into());
            if exists {
                tx.execute(
                    "UPDATE staff SET display_name = ?2, role = ?3, basic_training = ?4, \
                     fte_percent = ?7, joined_on = ?8, left_on = ?9, fte_history = ?10, \
                     version = version + 1, updated_by = ?5, updated_at = ?6 WHERE login = ?1",
                    params![
                        s.login,
                        s.display_name,
                        s.role.as_str(),
                        training,
                        stamp.user,
                        stamp.at,
                        s.fte_percent,
                        date_opt_text(s.joined),
                        date_opt_text(s.left),
                        history,
                    ],
                )?;
            } else {
                tx.execute(
                    &format!(
                        "INSERT INTO staff (login, display_name, role, basic_training, fte_percent, \
                         joined_on, left_on, fte_history, {STAMP_COLS}) \
                         VALUES (?1, ?2, ?3, ?4, ?7, ?8, ?9, ?10, ?5, ?6, ?5, ?6)"
                    ),
                    params![
                        s.login,
                        s.display_name,
                        s.role.as_str(),
                        training,
                        stamp.user,
                        stamp.at,
                        s.fte_percent,
                        date_opt_text(s.joined),
                        date_opt_text(s.left),
                        history,
                    ],
                )?;
            }
            keep_an_admin(tx, admins_before)?;
            let action = if exists {
                AuditAction::Update
            } else {
                AuditAction::Create
            };
            let summary = format!("職員 {} ({})", s.login, s.role.label());
            let detail = serde_json::json!({"new": {
                "login": s.login, "display_name": s.display_name,
                "role": s.role.as_str(), "basic_training": training,
                "fte_percent": s.fte_percent,
                "joined": date_opt_text(s.joined), "left": date_opt_text(s.left),
                "fte_history": s.fte_history,
            }})
            .to_string();
            Audit::of(action, Table::Staff, &summary)
                .detail(&detail)
                .append(tx, stamp)
        })
    }

    /// The staff member with this login, if registered.
    pub fn staff_member(&self, login: &str) -> Result<Option<Staff>, StoreError> {
        Ok(self.list_staff()?.into_iter().find(|s| s.login == login))
    }

    pub fn list_staff(&self) -> Result<Vec<Staff>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT login, display_name, role, basic_training, fte_percent, joined_on, left_on, \
             fte_history FROM staff ORDER BY login",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let at = At {
                table: "staff",
                row,
            };
            out.push(Staff {
                login: at.string(0)?,
                display_name: at.string(1)?,
                role: at.parse(2, Role::parse)?,
                basic_training: at.date_opt(3)?,
                fte_percent: row.get(4)?,
                joined: at.date_opt(5)?,
                left: at.date_opt(6)?,
                fte_history: at.json(7)?,
            });
        }
        Ok(out)
    }

    /// Removes a staff member (管理者 only; never the last 管理者). Their
    /// records keep their login as 記録者.
    pub(crate) fn remove_staff(&self, login: &str) -> Result<(), StoreError> {
        self.require(Permission::ManageStaff)?;
        self.write(|tx, stamp| {
            let admins_before = count_admins(tx)?;
            if tx.execute("DELETE FROM staff WHERE login = ?1", [login])? == 0 {
                return Err(StoreError::NotFound {
                    what: format!("職員 {login}"),
                });
            }
            keep_an_admin(tx, admins_before)?;
            let summary = format!("職員 {login}");
            Audit::of(AuditAction::Delete, Table::Staff, &summary).append(tx, stamp)
        })
    }
}
