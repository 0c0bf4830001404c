//! `check`: is the file healthy? SQLite's own integrity and foreign-key
//! checks, the schema version, signs of changes made outside the program
//! (`tamper`: the keyed audit chain, the rows against their history, the
//! schema and the triggers; read its limits), and the permissions of the
//! file and its key.

use std::fmt;

use super::perms::mode_of;
use super::schema::current_version;
use crate::store::{Store, StoreError, TamperReport};

/// The result of `Store::check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    /// `PRAGMA integrity_check` lines other than "ok".
    pub integrity_problems: Vec<String>,
    /// `PRAGMA foreign_key_check`: (table, rowid, parent table).
    pub foreign_key_problems: Vec<(String, Option<i64>, String)>,
    pub schema_version: i64,
    pub supported_version: i64,
    /// Files (db, -wal, -shm, .key) that others than owner and group can
    /// access.
    pub world_accessible: Vec<(String, u32)>,
    /// The audit chain and the triggers; `None` when the file is too
    /// damaged to read them (see `integrity_problems`).
    pub tamper: Option<TamperReport>,
    /// Problems of a folder shared by a group (no setgid bit, side files
    /// in another group or not group-writable), each with its fix. Warnings:
    /// they stop others, not this check.
    pub sharing: Vec<String>,
    /// The damage flag another run had left (`damage`), removed because
    /// the file was found sound: what it said.
    pub cleared_damage: Option<String>,
    /// Files a killed backup or restore left beside the database
    /// (`scratch`); the next backup removes them.
    pub leftovers: Vec<String>,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.integrity_problems.is_empty()
            && self.foreign_key_problems.is_empty()
            && self.schema_version == self.supported_version
            && self.world_accessible.is_empty()
            && self.tamper.as_ref().is_some_and(TamperReport::is_ok)
    }
}

impl fmt::Display for CheckReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.integrity_problems.is_empty() {
            writeln!(f, "✓ データベースの整合性: 問題なし")?;
        } else {
            writeln!(
                f,
                "‼ データベースの整合性: {} 件の問題（バックアップからの復元を検討してください）",
                self.integrity_problems.len()
            )?;
            for p in self.integrity_problems.iter().take(20) {
                writeln!(f, "    {p}")?;
            }
        }
        if self.foreign_key_problems.is_empty() {
            writeln!(f, "✓ 記録のつながり: 問題なし")?;
        } else {
            writeln!(
                f,
                "‼ 記録のつながり: 親の記録がない行が {} 件",
                self.foreign_key_problems.len()
            )?;
            for (table, row, parent) in self.foreign_key_problems.iter().take(20) {
                let row = row.map(|r| r.to_string()).unwrap_or_default();
                writeln!(f, "    {table} {row} → {parent}")?;
            }
        }
        if self.schema_version == self.supported_version {
            writeln!(f, "✓ スキーマの版: {}", self.schema_version)?;
        } else {
            writeln!(
                f,
                "‼ スキーマの版: {}（このプログラムの版は {}）",
                self.schema_version, self.supported_version
            )?;
        }
        match &self.tamper {
            Some(t) => write!(f, "{t}")?,
            None => writeln!(
                f,
                "‼ 監査記録の連鎖: 読めませんでした（上の整合性の問題を参照）"
            )?,
        }
        if self.world_accessible.is_empty() {
            write!(f, "✓ ファイルの権限: 他のユーザーは読めません")?;
        } else {
            write!(
                f,
                "‼ ファイルの権限: 他のユーザーも読めます（chmod o-rwx で直してください）"
            )?;
            for (path, mode) in &self.world_accessible {
                write!(f, "\n    {path} {mode:o}")?;
            }
        }
        for w in &self.sharing {
            write!(f, "\n⚠ 共有の設定: {w}")?;
        }
        if let Some(was) = &self.cleared_damage {
            write!(
                f,
                "\n✓ 損傷の記録を解除しました（{}）。書き込みを再開できます。",
                crate::text::for_display(was)
            )?;
        }
        if !self.leftovers.is_empty() {
            write!(
                f,
                "\n⚠ 中断されたバックアップ・復元の作業ファイルが残っています（次の `teichaku backup` が削除します）:"
            )?;
            for p in &self.leftovers {
                write!(f, "\n    {}", crate::text::for_display(p))?;
            }
        }
        Ok(())
    }
}

impl Store {
    fn pragma_rows(
        &self,
        pragma: &str,
        mut each: impl FnMut(&rusqlite::Row<'_>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare(&format!("PRAGMA {pragma}"))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            each(row)?;
        }
        Ok(())
    }

    /// Checks the whole file. Slow on a big file (reads every page).
    pub fn check(&self) -> Result<CheckReport, StoreError> {
        let mut integrity_problems = Vec::new();
        let mut foreign_key_problems = Vec::new();
        // A badly damaged file can make the checks themselves fail with
        // SQLITE_CORRUPT: that is a finding to report, not an error to return.
        let damaged = |e: StoreError, found: &mut Vec<String>| match e {
            StoreError::Corrupt | StoreError::NotADatabase => {
                found.push(e.to_string());
                Ok(())
            }
            other => Err(other),
        };
        if let Err(e) = self.pragma_rows("integrity_check", |r| {
            let line: String = r.get(0)?;
            if line != "ok" {
                integrity_problems.push(line);
            }
            Ok(())
        }) {
            damaged(e, &mut integrity_problems)?;
        }
        if let Err(e) = self.pragma_rows("foreign_key_check", |r| {
            foreign_key_problems.push((r.get(0)?, r.get(1)?, r.get(2)?));
            Ok(())
        }) {
            damaged(e, &mut integrity_problems)?;
        }
        let tamper = match self.tamper_check() {
            Ok(t) => Some(t),
            Err(e) => {
                damaged(e, &mut integrity_problems)?;
                None
            }
        };
        let mut world_accessible = Vec::new();
        // The audit key too: whoever reads it can re-sign the trail.
        for suffix in ["", "-wal", "-shm", ".key"] {
            let p = crate::paths::with_suffix(self.path(), suffix);
            if let Some(mode) = mode_of(&p).filter(|m| m & 0o007 != 0) {
                world_accessible.push((p.display().to_string(), mode));
            }
        }
        // Damage found is remembered for every process; a sound file ends it.
        let cleared_damage = if let Some(first) = integrity_problems.first() {
            super::damage::mark(self.path(), self.user(), first);
            None
        } else {
            super::damage::found(self.path()).filter(|_| super::damage::clear(self.path()))
        };
        Ok(CheckReport {
            cleared_damage,
            leftovers: super::scratch::leftovers(self.path())
                .iter()
                .map(|p| p.display().to_string())
                .collect(),
            integrity_problems,
            foreign_key_problems,
            schema_version: self.schema_version()?,
            supported_version: current_version(),
            world_accessible,
            tamper,
            sharing: super::sharing::warnings(self.path()),
        })
    }
}
