//! Signs that the file was changed outside the program, for `check`: the
//! audit trail's chain (`chain`) and the triggers that guard the tables and
//! keep the trail append-only (`guard`).
//!
//! What this cannot see, said plainly so that nobody relies on more:
//! someone with write access to the file who recomputes the chain after
//! their change (the encoding is documented and sha256 has no secret), who
//! drops a trigger, writes and recreates it with the same SQL, or who
//! removes the newest audit rows and lowers `sqlite_sequence` with them,
//! leaves nothing to find. What keeps people out of the file is its
//! permissions — the setgid deployment, where only the program, not the
//! staff's own logins, can open it for writing. This tells an office when
//! that protection failed in the ways that leave a trace.

use std::fmt;

use super::chain::{self, ChainFindings};
use super::guard::{self, TriggerProblem};
use super::{Store, StoreError};

/// What to tell the office when something was found.
const ADVICE: &str = "記録がこのプログラムを通さずに変更された可能性があります。\
     管理者へ連絡し、必要ならバックアップから復元してください（teichaku restore）。";

/// The tamper checks' findings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TamperReport {
    pub chain: ChainFindings,
    /// Triggers missing, changed or foreign: (name, problem).
    pub triggers: Vec<(String, TriggerProblem)>,
}

impl TamperReport {
    pub fn is_ok(&self) -> bool {
        self.chain.broken.is_empty() && self.chain.missing.is_empty() && self.triggers.is_empty()
    }
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
        if !self.is_ok() {
            writeln!(f, "  → {ADVICE}")?;
        }
        Ok(())
    }
}

impl Store {
    /// The audit chain and the triggers (part of `check`; reads the whole
    /// trail).
    pub fn tamper_check(&self) -> Result<TamperReport, StoreError> {
        let chain = self.read(chain::verify)?;
        let triggers = guard::compare(&guard::triggers(&self.conn)?, &guard::expected_triggers()?);
        Ok(TamperReport { chain, triggers })
    }
}

#[cfg(test)]
#[path = "tamper_tests.rs"]
mod tests;
