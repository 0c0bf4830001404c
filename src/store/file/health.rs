//! Noticing damage before it spreads: a quick structural check of the
//! file (SQLite's `quick_check`: every page and record, no index
//! cross-check) at the start of the terminal UI and before an import,
//! and a handle that stops writing once damage was found.

use crate::store::{Store, StoreError};

/// At most this many problem lines are kept (a badly damaged file can
/// report thousands).
const MAX_LINES: usize = 20;

impl Store {
    /// `PRAGMA quick_check`: the problems found (empty: the file is sound).
    /// A file too damaged to check is a finding, not an error.
    pub fn quick_check(&self) -> Result<Vec<String>, StoreError> {
        // Every page is read once: through a small cache, not a memory map
        // as large as the file (which would count against the process).
        self.one_pass_reads()?;
        let run = || -> Result<Vec<String>, StoreError> {
            let mut stmt = self.conn.prepare("PRAGMA quick_check(20)")?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
            let mut out = Vec::new();
            for line in rows {
                let line = line?;
                if line != "ok" && out.len() < MAX_LINES {
                    out.push(line);
                }
            }
            Ok(out)
        };
        match run() {
            Ok(found) => Ok(found),
            Err(e @ (StoreError::Corrupt | StoreError::NotADatabase)) => Ok(vec![e.to_string()]),
            Err(e) => Err(e),
        }
    }

    /// From now on every write is refused with `Damaged`, by this handle
    /// and by every other process (the flag beside the file): writing into
    /// a damaged file can spread the damage. Reading goes on.
    pub fn stop_writes(&mut self, found: &[String]) {
        let first = found.first().cloned().unwrap_or_default();
        super::damage::mark(&self.path, &self.user, &first);
        self.damaged = Some(first);
    }

    /// Refuses with `Damaged` if this handle or any process found the file
    /// damaged (and `check` has not found it sound since).
    pub(crate) fn refuse_if_damaged(&self) -> Result<(), StoreError> {
        match self
            .damaged
            .clone()
            .or_else(|| super::damage::found(&self.path))
        {
            Some(first) => Err(StoreError::Damaged(first)),
            None => Ok(()),
        }
    }

    /// Checks the file before a large write (import) and refuses to write
    /// into a damaged one.
    pub fn require_sound(&mut self) -> Result<(), StoreError> {
        let found = self.quick_check()?;
        if !found.is_empty() {
            self.stop_writes(&found);
        }
        self.refuse_if_damaged()
    }
}

#[cfg(test)]
mod tests {
    use crate::store::test_support::{client_with_employment, store};
    use crate::store::{Store, StoreError};

    #[test]
    fn a_sound_file_passes_and_a_handle_stopped_for_damage_refuses_writes_but_reads() {
        let (_dir, mut s) = store();
        client_with_employment(&s, "C1");
        assert!(s.quick_check().expect("check").is_empty());
        s.require_sound().expect("sound");
        s.stop_writes(&["*** in database main ***".to_string()]);
        let e = s.save_draft("k", "{}").expect_err("stopped");
        assert!(matches!(e, StoreError::Damaged(_)), "{e}");
        let msg = e.to_string();
        assert!(
            msg.contains("restore") && msg.contains("teichaku check"),
            "{msg}"
        );
        assert_eq!(s.load_all().expect("reads go on").len(), 1);
        // Another process's handle is stopped too: the flag is beside the file.
        let other = Store::open_as(s.path(), "tester").expect("open");
        let e = other.save_draft("k", "{}").expect_err("the flag stops it");
        assert!(e.to_string().contains("in database main"), "{e}");
        // `check` finds the file sound: the flag goes, and it says so.
        let report = other.check().expect("check");
        assert!(report.integrity_problems.is_empty());
        let cleared = report.cleared_damage.as_deref().expect("said");
        assert!(cleared.contains("in database main"), "{cleared}");
        assert!(report.to_string().contains("解除"), "{report}");
        other.save_draft("k", "{}").expect("writes again");
        // A later check has nothing to clear.
        assert_eq!(other.check().expect("check").cleared_damage, None);
    }

    /// Random bytes over pages in the middle of the file (as a disk or a
    /// copy gone wrong leaves them): found by the quick check.
    #[test]
    fn random_bytes_in_the_middle_of_the_file_are_found() {
        let (dir, s) = store();
        for i in 0..150 {
            client_with_employment(&s, &format!("C{i:03}"));
        }
        drop(s);
        let path = dir.path().join("t.db");
        let mut bytes = std::fs::read(&path).expect("read");
        let mid = bytes.len() / 2;
        let mut x: u32 = 0x2545_f491;
        for b in &mut bytes[mid..mid + 2048] {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            *b = x as u8;
        }
        std::fs::write(&path, &bytes).expect("write");
        let mut s = match Store::open_as(&path, "tanaka") {
            Ok(s) => s,
            Err(e) => {
                // Damage that reaches the schema is refused at open: also fine.
                assert!(
                    matches!(e, StoreError::Corrupt | StoreError::NotADatabase),
                    "{e}"
                );
                return;
            }
        };
        assert!(!s.quick_check().expect("check").is_empty(), "damage found");
        assert!(matches!(s.require_sound(), Err(StoreError::Damaged(_))));
    }
}
