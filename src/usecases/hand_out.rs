//! A file handed out, told truly in the audit trail. Every export of
//! 要配慮個人情報 is recorded, and only what was handed out: the file is
//! finished under a hidden name first (`files::stage`), its audit row is
//! written, and only then does it take its name. An export that could not
//! be written (no such folder, a FIFO refused, a full disk) leaves no row;
//! one whose row could not be written leaves no file.

use std::path::PathBuf;

use crate::files::{Readers, Staged};
use crate::store::{Store, StoreError};

/// Who may read the files this person exports (the office's
/// `export_group`), and what to tell them when that group is not theirs.
pub(crate) fn readers(store: &Store) -> Result<(Readers, Option<String>), StoreError> {
    Ok(Readers::for_office(store.export_group()?.as_deref()))
}

/// The staged file, audited by `record` (saying `what`), takes its name
/// (`Staged::hand_out`).
pub(crate) fn hand_out(
    staged: Staged,
    what: &str,
    record: impl Fn(&str) -> Result<(), StoreError>,
) -> Result<PathBuf, StoreError> {
    staged.hand_out(what, record, StoreError::Invalid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::store;

    fn exports(s: &Store) -> Vec<String> {
        s.audit_log(50)
            .expect("log")
            .into_iter()
            .filter(|e| e.action == crate::store::AuditAction::Export)
            .map(|e| e.summary)
            .collect()
    }

    #[test]
    fn a_file_takes_its_name_only_after_its_row_and_a_late_failure_is_recorded_as_one() {
        let (dir, s) = store();
        let p = dir.path().join("out.json");
        let record = |what: &str| s.record_office_export(what);
        let staged = crate::files::stage(&p, b"{}", false, &Readers::owner()).expect("stage");
        assert_eq!(hand_out(staged, "期限一覧", record).expect("out"), p);
        assert_eq!(exports(&s), ["期限一覧"]);
        // The name taken between the row and the placing: the row that
        // said it left is followed by one that says it did not.
        let staged = crate::files::stage(&p, b"{}", true, &Readers::owner()).expect("stage");
        std::fs::remove_file(&p).expect("rm");
        std::fs::create_dir(&p).expect("a folder there now");
        hand_out(staged, "期限一覧", record).expect_err("taken");
        assert_eq!(
            exports(&s),
            [
                "失敗: 期限一覧（ファイルを置けませんでした）",
                "期限一覧",
                "期限一覧"
            ]
        );
        // No row, no file: the staged copy is removed.
        let q = dir.path().join("other.json");
        let staged = crate::files::stage(&q, b"{}", false, &Readers::owner()).expect("stage");
        let refused = |_: &str| Err(StoreError::Invalid("記録できません".into()));
        hand_out(staged, "期限一覧", refused).expect_err("no row");
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("other"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }
}
