//! The program's own writes replay clean: whatever a day's work writes
//! through the store, `check` finds every row as its history says.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

mod store_common;

use proptest::prelude::*;
use store_common::*;
use teichaku::model::{ClientId, RecordId, Role, Staff};
use teichaku::operation::{self, Operation, Record};
use teichaku::store::{Store, StoreError, Table};

fn assert_clean(s: &Store) {
    let report = s.check().expect("check");
    let t = report.tamper.as_ref().expect("read");
    assert!(t.replay.recorded, "{report}");
    assert!(t.is_ok(), "{report}");
    assert!(report.is_ok(), "{report}");
}

/// Registers or changes a member of staff, as the office screen does.
fn put_staff(s: &Store, member: Staff) -> Result<(), StoreError> {
    let op = match s.staff_member(&member.login)? {
        Some(_) => Operation::EditStaff(member),
        None => Operation::AddStaff(member),
    };
    operation::apply(s, &op).map(|_| ())
}

fn office(s: &Store, settings: Option<teichaku::model::Settings>, caseload: Option<bool>) {
    let op = Operation::Office {
        office: None,
        settings,
        caseload_only: caseload,
        export_group: None,
    };
    operation::apply(s, &op).expect("office");
}

fn add(
    s: &Store,
    client_id: ClientId,
    x: teichaku::model::Contact,
) -> Result<RecordId, StoreError> {
    let op = Operation::AddContact {
        client_id,
        contact: Box::new(x),
        intent: None,
    };
    operation::apply(s, &op).map(|a| a.record.unwrap_or_default())
}

fn staff(login: &str, role: Role) -> Staff {
    Staff {
        login: login.into(),
        display_name: format!("職員 {login}"),
        role,
        basic_training: None,
        fte_percent: None,
        joined: None,
        left: None,
        fte_history: Vec::new(),
    }
}

#[test]
fn a_day_of_the_programs_writes_replays_clean() {
    let (_dir, path) = db();
    let s = open(&path, "tanaka");
    operation::import_document(&s, &rich_document()).expect("import");
    let c1 = s.client_id("C001").expect("id").expect("C001");
    // A contact added, corrected, then deleted with a reason.
    let id = add(&s, c1, contact(d(2026, 11, 2), "電話で様子を確認")).expect("add");
    let mut x = s
        .load_client(c1)
        .expect("load")
        .contacts
        .into_iter()
        .find(|c| c.id == Some(id))
        .expect("added");
    x.summary = "電話で様子を確認（訂正）".into();
    let edit = Operation::edit(Record::Contact(x.clone()));
    operation::apply(&s, &edit).expect("correct");
    let delete = Operation::Delete {
        table: Table::Contacts,
        id,
        version: Some(x.version + 1),
        reason: "誤って登録したため".into(),
    };
    operation::apply(&s, &delete).expect("delete");
    // Taken back, and back again.
    operation::apply(&s, &Operation::Undo).expect("undo");
    operation::apply(&s, &Operation::Undo).expect("undo the undo");
    // Staff and settings.
    put_staff(&s, staff("tanaka", Role::Admin)).expect("staff");
    put_staff(&s, staff("suzuki", Role::CaseWorker)).expect("staff");
    put_staff(&s, staff("suzuki", Role::Admin)).expect("promote");
    put_staff(&s, staff("suzuki", Role::CaseWorker)).expect("demote");
    let remove = Operation::RemoveStaff {
        login: "suzuki".into(),
    };
    operation::apply(&s, &remove).expect("remove");
    let mut settings = s.settings().expect("settings");
    settings.warn_days += 1;
    office(&s, Some(settings), None);
    office(&s, None, Some(true));
    // A whole client deleted (their records go with them), views, exports,
    // drafts (not records: no history needed).
    let c3 = s.client_id("C003").expect("id").expect("C003");
    let v = s.load_client(c3).expect("load").version;
    let gone = Operation::DeleteClient {
        client_id: c3,
        version: v,
        reason: "重複して登録したため".into(),
    };
    operation::apply(&s, &gone).expect("delete client");
    s.record_view(c1, "タイムライン").expect("view");
    s.export(Some("C001")).expect("export");
    s.save_draft("contact:C001", "{}").expect("draft");
    assert_clean(&s);
    // Another person's handle on the same file writes into the same history.
    let other = open(&path, "tanaka");
    add(&other, c1, contact(d(2026, 11, 9), "訪問")).expect("add");
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
    Undo,
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
        Just(Op::Undo),
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
        Op::AddContact(n) => {
            add(s, c1, contact(d(2026, 11, 1 + u32::from(n % 27)), "記録")).map(|_| ())
        }
        Op::CorrectContact(n) => match pick(*n) {
            Some(mut x) => {
                x.summary = format!("訂正 {n}");
                let op = Operation::edit(Record::Contact(x));
                operation::apply(s, &op).map(|_| ())
            }
            None => return false, // no contact left: nothing to do
        },
        Op::DeleteContact(n) => match pick(*n) {
            Some(x) => {
                let op = Operation::Delete {
                    table: Table::Contacts,
                    id: x.id.expect("id"),
                    version: Some(x.version),
                    reason: "誤入力".into(),
                };
                operation::apply(s, &op).map(|_| ())
            }
            None => return false, // no contact left: nothing to do
        },
        Op::Staff(n, admin) => {
            let role = if *admin {
                Role::Admin
            } else {
                Role::CaseWorker
            };
            put_staff(s, staff(&format!("w{}", n % 4), role))
        }
        Op::RemoveStaff(n) => {
            let op = Operation::RemoveStaff {
                login: format!("w{}", n % 4),
            };
            operation::apply(s, &op).map(|_| ())
        }
        Op::Settings(n) => {
            let mut x = s.settings().expect("settings");
            x.warn_days = i64::from(n % 30) + 1;
            let op = Operation::Office {
                office: None,
                settings: Some(x),
                caseload_only: None,
                export_group: None,
            };
            operation::apply(s, &op).map(|_| ())
        }
        Op::Undo => operation::apply(s, &Operation::Undo).map(|_| ()),
        Op::View => s.record_view(c1, "タイムライン"),
        Op::Import(n) => {
            let doc = teichaku::model::Document {
                clients: vec![bare_client(&format!("N{}", n % 8))],
            };
            operation::import_document(s, &doc).map(|_| ())
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
        // Imported by someone else: tanaka's undo takes back only hers.
        let importer = open(&path, "kobayashi");
        operation::import_document(&importer, &rich_document()).expect("import");
        let s = open(&path, "tanaka");
        let before = s.audit_mark().expect("mark");
        let wrote = ops.iter().filter(|op| apply(&s, op)).count();
        let appended = s.audit_mark().expect("mark") - before;
        prop_assert!(appended >= i64::try_from(wrote).unwrap_or(0), "{appended} < {wrote}");
        assert_clean(&s);
    }
}
