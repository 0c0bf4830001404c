//! The shared-group diagnosis: pure findings and their wording.

use super::*;

const TANAKA: u32 = 1001;
const SUZUKI: u32 = 1002;
const STAFF: u32 = 500;

fn m(uid: u32, gid: u32, mode: u32) -> Meta {
    Meta { uid, gid, mode }
}

fn tanaka() -> Me {
    Me {
        uid: TANAKA,
        gids: vec![TANAKA, STAFF],
    }
}

fn names() -> Names<'static> {
    Names {
        user: &|u| match u {
            TANAKA => "tanaka".into(),
            SUZUKI => "suzuki".into(),
            _ => format!("uid {u}"),
        },
        group: &|g| match g {
            STAFF => "staff".into(),
            TANAKA => "tanaka".into(),
            SUZUKI => "suzuki".into(),
            _ => g.to_string(),
        },
    }
}

/// A well set-up shared folder: setgid, group staff, files 0660.
fn good() -> Facts {
    Facts {
        dir: Some(m(0, STAFF, 0o042770)),
        db: Some(m(SUZUKI, STAFF, 0o100660)),
        wal: Some(m(SUZUKI, STAFF, 0o100660)),
        shm: Some(m(TANAKA, STAFF, 0o100660)),
    }
}

#[test]
fn access_follows_owner_then_group_then_others() {
    let me = tanaka();
    assert!(can_read_write(m(TANAKA, 9, 0o600), &me));
    assert!(
        !can_read_write(m(TANAKA, STAFF, 0o060), &me),
        "owner bits decide"
    );
    assert!(can_read_write(m(SUZUKI, STAFF, 0o660), &me));
    assert!(!can_read_write(m(SUZUKI, SUZUKI, 0o660), &me));
    assert!(can_read_write(m(SUZUKI, SUZUKI, 0o666), &me));
    assert!(!can_read_write(m(SUZUKI, STAFF, 0o640), &me));
    let root = Me {
        uid: 0,
        gids: vec![0],
    };
    assert!(can_read_write(m(SUZUKI, SUZUKI, 0o600), &root));
}

#[test]
fn a_good_shared_folder_and_a_private_one_have_no_findings() {
    assert!(diagnose(&good(), &tanaka()).is_empty());
    let private = Facts {
        dir: Some(m(TANAKA, TANAKA, 0o040700)),
        db: Some(m(TANAKA, TANAKA, 0o100600)),
        wal: Some(m(TANAKA, TANAKA, 0o100600)),
        shm: None,
    };
    assert!(diagnose(&private, &tanaka()).is_empty());
}

#[test]
fn a_shared_folder_without_setgid_is_found_with_its_fix() {
    let mut f = good();
    f.dir = Some(m(0, STAFF, 0o040770));
    assert_eq!(diagnose(&f, &tanaka()), vec![Finding::FolderNotSetgid]);
    let text = describe(
        Finding::FolderNotSetgid,
        Path::new("/srv/office/t.db"),
        &f,
        &tanaka(),
        &names(),
    );
    assert!(text.contains("chmod g+s '/srv/office'"), "{text}");
}

#[test]
fn side_files_in_another_group_or_not_group_writable_are_found() {
    let mut f = good();
    // suzuki's -wal in suzuki's private group, but tanaka owns -shm.
    f.wal = Some(m(SUZUKI, SUZUKI, 0o100666));
    f.shm = Some(m(TANAKA, STAFF, 0o100640));
    let found = diagnose(&f, &tanaka());
    assert_eq!(
        found,
        vec![
            Finding::OtherGroup(Side::Wal),
            Finding::NotGroupWritable(Side::Shm)
        ]
    );
    let db = Path::new("/srv/office/t.db");
    let wal = describe(found[0], db, &f, &tanaka(), &names());
    assert!(wal.contains("/srv/office/t.db-wal"), "{wal}");
    assert!(wal.contains("suzukiさん"), "{wal}");
    assert!(wal.contains("chgrp staff '/srv/office/t.db-wal'"), "{wal}");
    let shm = describe(found[1], db, &f, &tanaka(), &names());
    assert!(shm.contains("あなたのファイル"), "{shm}");
    assert!(shm.contains("chmod g+rw '/srv/office/t.db-shm'"), "{shm}");
}

#[test]
fn a_refused_open_is_explained_by_the_side_file_this_person_cannot_open() {
    // After a kill -9: suzuki's -wal and -shm, in suzuki's private group
    // (the folder was not setgid).
    let f = Facts {
        dir: Some(m(0, STAFF, 0o040770)),
        db: Some(m(SUZUKI, STAFF, 0o100660)),
        wal: Some(m(SUZUKI, SUZUKI, 0o100660)),
        shm: Some(m(SUZUKI, SUZUKI, 0o100660)),
    };
    let db = Path::new("/srv/office/t.db");
    let text = explain_refusal(db, &f, &tanaka(), &names()).expect("explained");
    assert!(
        text.starts_with("データベース /srv/office/t.db を開けません。"),
        "{text}"
    );
    assert!(
        text.contains("作業ファイル /srv/office/t.db-wal はsuzukiさんのファイル"),
        "{text}"
    );
    assert!(
        text.contains("あなた（tanaka）は読み書きできません"),
        "{text}"
    );
    assert!(
        text.contains("chgrp staff '/srv/office/t.db-shm' && chmod g+rw '/srv/office/t.db-shm'"),
        "{text}"
    );
    assert!(
        text.contains("消さないでください"),
        "never advise deleting a -wal: {text}"
    );
    assert!(
        text.contains("chmod g+s '/srv/office'"),
        "the cause too: {text}"
    );
    // suzuki opens them fine: nothing to explain.
    let suzuki = Me {
        uid: SUZUKI,
        gids: vec![SUZUKI, STAFF],
    };
    assert_eq!(explain_refusal(db, &f, &suzuki, &names()), None);
}

#[test]
fn a_refusal_the_files_do_not_explain_keeps_its_own_message() {
    assert_eq!(
        explain_refusal(Path::new("/x/t.db"), &good(), &tanaka(), &names()),
        None
    );
    let e = explain(
        Path::new("/nonexistent/t.db"),
        StoreError::Permission("x".into()),
    );
    assert!(matches!(e, StoreError::Permission(_)), "{e:?}");
    let e = explain(Path::new("/nonexistent/t.db"), StoreError::Busy);
    assert!(matches!(e, StoreError::Busy));
}
