//! Signs that the file was changed outside the program, for `check`: the
//! audit trail's chain (`chain`, keyed from schema step 8 on), the replay
//! of the rows each write recorded against the rows as they are
//! (`replay`), the schema against the program's (`shape`), and the
//! triggers that guard the tables and keep the trail append-only
//! (`guard`).
//!
//! What this shows: a data row changed, added or removed without its audit
//! row (whatever trigger was dropped or function defined to let the write
//! through); an audit row changed, forged or removed, the newest ones
//! included; a table, column, constraint, index, view or trigger not the
//! program's. What it cannot, said plainly so that nobody relies on more:
//! whoever can read the key (`<db>.key`) and write the file can rewrite the
//! history and its chain as a whole; and a file put back as a whole to an
//! earlier state of its own (an older copy, key and all) is consistent.
//! Against both, only a copy of the chain's head kept elsewhere (printed by
//! `check`, `backup` and the morning `agenda`) helps. What keeps people out
//! of the file and its key is their permissions — the setgid deployment,
//! where only the program, not the staff's own logins, can open them.

use std::fmt;

use rusqlite::Connection;

use super::chain::{self, ChainFindings, HeadMark};
use super::guard::{self, TriggerProblem};
use super::key::{self, KeyState};
use super::replay::{self, ReplayFindings};
use super::shape::{self, SchemaProblem};
use crate::store::rows::Table;
use crate::store::{Store, StoreError, schema};

/// What to tell the office when something was found.
const ADVICE: &str = "記録がこのプログラムを通さずに変更された可能性があります。\
     管理者へ連絡し、必要ならバックアップから復元してください（teichaku restore）。";

/// The tamper checks' findings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TamperReport {
    pub chain: ChainFindings,
    /// Triggers missing, changed or foreign: (name, problem).
    pub triggers: Vec<(String, TriggerProblem)>,
    /// Tables, indexes and views missing, changed or foreign: (type, name,
    /// problem).
    pub schema: Vec<(String, String, SchemaProblem)>,
    /// The rows against their history.
    pub replay: ReplayFindings,
    /// The keyed links could not be checked: why (no key, unreadable).
    pub key_problem: Option<String>,
    /// The person running the program can read the key themselves (a
    /// single person's set-up): the chain cannot show what they rewrite.
    pub key_readable_by_login: bool,
}

impl TamperReport {
    pub fn is_ok(&self) -> bool {
        self.chain.broken.is_empty()
            && self.chain.missing.is_empty()
            && self.chain.head_mark.is_none()
            && self.triggers.is_empty()
            && self.schema.is_empty()
            && self.replay.is_ok()
            && self.key_problem.is_none()
    }

    /// Each finding, with the lines that detail it (a restore refused
    /// lists them).
    pub fn problems(&self) -> Vec<String> {
        let text = self.to_string();
        let mut out: Vec<String> = Vec::new();
        let mut detailing = false;
        for line in text.lines() {
            if let Some(p) = line.strip_prefix('‼') {
                out.push(p.trim().to_string());
                detailing = true;
            } else if detailing && line.starts_with("    ") {
                out.push(line.to_string());
            } else {
                detailing = false;
            }
        }
        out
    }
}

/// `label id, id; label id` for rows of several tables, at most 20 ids.
fn rows_line(rows: &[(Table, i64)]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut last: Option<Table> = None;
    for (t, id) in rows.iter().take(20) {
        if last == Some(*t) {
            if let Some(p) = parts.last_mut() {
                p.push_str(&format!(", {id}"));
            }
        } else {
            parts.push(format!("{} {id}", t.label()));
            last = Some(*t);
        }
    }
    let more = if rows.len() > 20 { " …" } else { "" };
    format!("{}{more}", parts.join("; "))
}

/// The replay's lines.
fn replay_lines(f: &mut fmt::Formatter<'_>, r: &ReplayFindings) -> fmt::Result {
    if !r.recorded {
        return Ok(());
    }
    if r.is_ok() {
        return writeln!(
            f,
            "✓ 記録の履歴: すべての行（{} 行）が監査記録のとおりです",
            r.rows
        );
    }
    let n = r.differ.len() + r.unrecorded.len() + r.vanished.len();
    writeln!(
        f,
        "‼ 記録の履歴: 監査記録と合わない行が {n} 行あります（プログラムを通さない変更）"
    )?;
    for (what, rows) in [
        ("内容が履歴と違う行", &r.differ),
        ("履歴のない行", &r.unrecorded),
        ("履歴にあるのに無い行", &r.vanished),
    ] {
        if !rows.is_empty() {
            writeln!(f, "    {what} {} 行: {}", rows.len(), rows_line(rows))?;
        }
    }
    if !r.sets.is_empty() {
        let ids: Vec<String> = r.sets.iter().take(20).map(i64::to_string).collect();
        writeln!(
            f,
            "‼ 記録の履歴: 監査記録 id {} の行の控えが、その監査記録と一致しません",
            ids.join(", ")
        )?;
    }
    Ok(())
}

impl fmt::Display for TamperReport {
    /// Lines in the style of `CheckReport`'s, each ending in a newline;
    /// what to do, once, after the findings.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.chain;
        match c.broken.first() {
            None => writeln!(f, "✓ 監査記録の連鎖: 問題なし（{} 件）", c.rows)?,
            Some(first) => {
                writeln!(
                    f,
                    "‼ 監査記録の連鎖: id {first} の行が、記録されたときの内容と一致しません（一致しない行 {} 件）",
                    c.broken.len()
                )?;
                if c.broken.len() > 1 {
                    let ids: Vec<String> = c.broken.iter().take(20).map(i64::to_string).collect();
                    writeln!(f, "    id {}", ids.join(", "))?;
                }
            }
        }
        if !c.missing.is_empty() {
            let n: i64 = c.missing.iter().map(|(a, b)| b - a + 1).sum();
            writeln!(f, "‼ 監査記録の欠落: {n} 行が削除されています")?;
            for (a, b) in c.missing.iter().take(20) {
                if a == b {
                    writeln!(f, "    id {a}")?;
                } else {
                    writeln!(f, "    id {a}～{b}")?;
                }
            }
        }
        if c.unchecked > 0 {
            writeln!(
                f,
                "‼ 監査記録の連鎖: 鍵がないため {} 行を確かめられません",
                c.unchecked
            )?;
        }
        if let Some(p) = &self.key_problem {
            writeln!(f, "‼ 監査記録の鍵: {p}")?;
        }
        match c.head_mark {
            None => {}
            Some(HeadMark::Absent) => writeln!(
                f,
                "‼ 監査記録の末尾の控え: ありません（表 chain_state の行が削除されています）"
            )?,
            Some(HeadMark::Differs) => writeln!(
                f,
                "‼ 監査記録の末尾の控え: 最新の行と一致しません（末尾の行が追加・削除・作り直された可能性）"
            )?,
        }
        replay_lines(f, &self.replay)?;
        if self.schema.is_empty() {
            writeln!(f, "✓ スキーマの定義: このプログラムのとおり")?;
        } else {
            writeln!(
                f,
                "‼ スキーマの定義: {} 件がこのプログラムのものと違います",
                self.schema.len()
            )?;
            for (kind, name, problem) in self.schema.iter().take(20) {
                writeln!(
                    f,
                    "    {} {name}: {}",
                    shape::kind_label(kind),
                    problem.label()
                )?;
            }
        }
        if self.triggers.is_empty() {
            writeln!(f, "✓ 書き込みの保護（トリガー）: 問題なし")?;
        } else {
            writeln!(
                f,
                "‼ 書き込みの保護（トリガー）: {} 件が削除または変更されています",
                self.triggers.len()
            )?;
            for (name, problem) in self.triggers.iter().take(20) {
                writeln!(f, "    {name}: {}", problem.label())?;
            }
        }
        if let Some((id, link)) = &c.head {
            writeln!(f, "  {}", head_line(c.rows, *id, link))?;
        }
        if self.key_readable_by_login && self.key_problem.is_none() {
            writeln!(
                f,
                "⚠ 監査記録の鍵: 鍵はこのログインでも読めるため、ファイルを直接書き換えられる人は連鎖も作り直せます。連鎖の先頭を別の場所に控えてください。"
            )?;
        }
        if !self.is_ok() {
            writeln!(f, "  → {ADVICE}")?;
        }
        Ok(())
    }
}

/// The chain's head in one line, to keep elsewhere: the rows, the newest
/// id and the first 16 hex digits of its link.
pub(crate) fn head_line(rows: i64, id: i64, link: &str) -> String {
    let short = link.get(..16).unwrap_or(link);
    format!("連鎖の先頭: {rows} 行、id {id}、{short}")
}

/// The tamper checks on one connection, `key` for the keyed links (also a
/// backup before it is restored, with the office's key).
pub(crate) fn inspect(conn: &Connection, key: &KeyState) -> Result<TamperReport, StoreError> {
    let version = schema::user_version(conn)?;
    let chain = chain::verify(conn, key.key())?;
    let objects = shape::objects(conn)?;
    let expected = shape::expected(version)?;
    let triggers = guard::compare(
        &guard::triggers_of(&objects),
        &guard::triggers_of(&expected),
    );
    let schema = shape::compare(&objects, &expected);
    let replay = replay::replay(conn)?;
    let key_problem = if chain.unchecked > 0 {
        key.problem()
    } else {
        None
    };
    Ok(TamperReport {
        chain,
        triggers,
        schema,
        replay,
        key_problem,
        key_readable_by_login: false,
    })
}

impl Store {
    /// The audit chain, the rows' history, the schema and the triggers
    /// (part of `check`; reads the whole trail and every row), in one
    /// snapshot.
    pub fn tamper_check(&self) -> Result<TamperReport, StoreError> {
        let mut report = self.read(|tx| inspect(tx, &self.key))?;
        report.key_readable_by_login =
            self.key.key().is_some() && key::readable_by_login(self.path());
        Ok(report)
    }

    /// The chain's head in one line (`head_line`), for a copy kept
    /// elsewhere; None for an empty trail.
    pub fn chain_head(&self) -> Result<Option<String>, StoreError> {
        self.read(|tx| {
            let rows: i64 = tx.query_row("SELECT count(*) FROM audit", [], |r| r.get(0))?;
            let (id, link) = chain::last(tx)?;
            Ok((rows > 0).then(|| head_line(rows, id, &link)))
        })
    }
}

#[cfg(test)]
#[path = "tamper_tests.rs"]
mod tests;
