//! The program's own writes replay clean: whatever a day's work writes
//! through the store, `check` finds every row as its history says.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

mod store_common;

use proptest::prelude::*;
use store_common::*;
use teichaku::model::{Agency, AgencyKind, Role, Staff};
use teichaku::store::{Store, Table};

fn assert_clean(s: &Store) {
    let report = s.check().expect("check");
    let t = report.tamper.as_ref().expect("read");
    assert!(t.replay.recorded, "{report}");
    assert!(t.is_ok(), "{report}");
    assert!(report.is_ok(), "{report}");
}

fn staff(login: &str, role: Role) -> Staff {
    Staff {
        login: login.into(),
        display_name: format!("職員 {login}"),
        role,
        basic_training: None,
        fte_percent: None,
    }
}

#[test]
fn a_day_of_the_programs_writes_replays_clean() {
    let (_dir, path) = db();
    let s = open(&path, "tanaka");
    s.import(&rich_document()).expect("import");
    let c1 = s.client_id("C001").expect("id").expect("C001");
    // A contact added, corrected, then deleted with a reason.
    let id = s
        .add_contact(c1, &contact(d(2026, 11, 2), "電話で様子を確認"))
        .expect("add");
    let mut x = s
        .load_client(c1)
        .expect("load")
        .contacts
        .into_iter()
        .find(|c| c.id == Some(id))
        .expect("added");
    x.summary = "電話で様子を確認（訂正）".into();
    x.version = s.update_contact(&x).expect("correct");
    s.delete_record(Table::Contacts, id, x.version, "誤って登録したため")
        .expect("delete");
    // Staff, settings and agencies.
    s.upsert_staff(&staff("tanaka", Role::Admin))
        .expect("staff");
    s.upsert_staff(&staff("suzuki", Role::CaseWorker))
        .expect("staff");
    s.upsert_staff(&staff("suzuki", Role::Admin))
        .expect("promote");
    s.upsert_staff(&staff("suzuki", Role::CaseWorker))
        .expect("demote");
    s.remove_staff("suzuki").expect("remove");
    let mut settings = s.settings().expect("settings");
    settings.warn_days += 1;
    s.set_settings(&settings).expect("settings");
    s.set_caseload_only(true).expect("caseload");
    let a = s
        .add_agency(&Agency {
            id: None,
            kind: AgencyKind::HelloWork,
            name: "ハローワーク".into(),
            contact: String::new(),
        })
        .expect("agency");
    s.delete_agency(a).expect("delete agency");
    // A whole client deleted (their records go with them), views, exports,
    // drafts (not records: no history needed).
    let c3 = s.client_id("C003").expect("id").expect("C003");
    let v = s.load_client(c3).expect("load").version;
    s.delete_client(c3, v, "重複して登録したため")
        .expect("delete client");
    s.record_view(c1, "タイムライン").expect("view");
    s.export(Some("C001")).expect("export");
    s.save_draft("contact:C001", "{}").expect("draft");
    assert_clean(&s);
    // Another person's handle on the same file writes into the same history.
    let other = open(&path, "tanaka");
    other
        .add_contact(c1, &contact(d(2026, 11, 9), "訪問"))
        .expect("add");
    assert_clean(&s);
}

/// One of the writes a session makes.
#[derive(Debug, Clone)]
enum Op {
    AddContact(u8),
    CorrectContact(u8),
    DeleteContact(u8),
    Staff(u8, bool),
    RemoveStaff(u8),
    Settings(u8),
    Agency,
    View,
    Import(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        any::<u8>().prop_map(Op::AddContact),
        any::<u8>().prop_map(Op::CorrectContact),
        any::<u8>().prop_map(Op::DeleteContact),
        (any::<u8>(), any::<bool>()).prop_map(|(n, a)| Op::Staff(n, a)),
        any::<u8>().prop_map(Op::RemoveStaff),
        any::<u8>().prop_map(Op::Settings),
        Just(Op::Agency),
        Just(Op::View),
        any::<u8>().prop_map(Op::Import),
    ]
}

/// Applies `op`; refusals the rules make (a duplicate import, a removed
/// login) are part of the game: they must write nothing. Whether it wrote.
fn apply(s: &Store, op: &Op) -> bool {
    let c1 = s.client_id("C001").expect("id").expect("C001");
    let contacts = s.load_client(c1).expect("load").contacts;
    let pick = |n: u8| {
        contacts
            .get(usize::from(n) % contacts.len().max(1))
            .cloned()
    };
    let done = match op {
        Op::AddContact(n) => s
            .add_contact(c1, &contact(d(2026, 11, 1 + u32::from(n % 27)), "記録"))
            .map(|_| ()),
        Op::CorrectContact(n) => match pick(*n) {
            Some(mut x) => {
                x.summary = format!("訂正 {n}");
                s.update_contact(&x).map(|_| ())
            }
            None => return false, // no contact left: nothing to do
        },
        Op::DeleteContact(n) => match pick(*n) {
            Some(x) => s.delete_record(Table::Contacts, x.id.expect("id"), x.version, "誤入力"),
            None => return false, // no contact left: nothing to do
        },
        Op::Staff(n, admin) => {
            let role = if *admin {
                Role::Admin
            } else {
                Role::CaseWorker
            };
            s.upsert_staff(&staff(&format!("w{}", n % 4), role))
        }
        Op::RemoveStaff(n) => s.remove_staff(&format!("w{}", n % 4)),
        Op::Settings(n) => {
            let mut x = s.settings().expect("settings");
            x.warn_days = i64::from(n % 30) + 1;
            s.set_settings(&x)
        }
        Op::Agency => s
            .add_agency(&Agency {
                id: None,
                kind: AgencyKind::Medical,
                name: "病院".into(),
                contact: String::new(),
            })
            .map(|_| ()),
        Op::View => s.record_view(c1, "タイムライン"),
        Op::Import(n) => {
            let doc = teichaku::model::Document {
                clients: vec![bare_client(&format!("N{}", n % 8))],
            };
            s.import(&doc).map(|_| ())
        }
    };
    if matches!(op, Op::AddContact(_) | Op::View) {
        assert!(done.is_ok(), "{op:?}: {done:?}");
    }
    done.is_ok()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn any_sequence_of_the_programs_writes_replays_clean(ops in prop::collection::vec(op(), 1..25)) {
        let (_dir, path) = db();
        let s = open(&path, "tanaka");
        s.import(&rich_document()).expect("import");
        let before = s.audit_mark().expect("mark");
        let wrote = ops.iter().filter(|op| apply(&s, op)).count();
        let appended = s.audit_mark().expect("mark") - before;
        prop_assert!(appended >= i64::try_from(wrote).unwrap_or(0), "{appended} < {wrote}");
        assert_clean(&s);
    }
}
