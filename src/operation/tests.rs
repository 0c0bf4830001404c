use chrono::NaiveDate;

use super::*;
use crate::model::{Counterpart, Method, Place, Role};
use crate::store::test_support::{client_with_employment, store};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

fn contact(date: NaiveDate, summary: &str) -> Contact {
    Contact {
        id: None,
        version: 0,
        date,
        time: None,
        staff: Some("tanaka".into()),
        counterpart: Counterpart::Client,
        counterpart_detail: String::new(),
        method: Method::InPerson,
        method_detail: String::new(),
        place: Place::Office,
        place_detail: String::new(),
        summary: summary.into(),
        obligations: Vec::new(),
    }
}

fn employer() -> ObligationId {
    ObligationId::RET_MONTHLY_EMPLOYER
}

fn staff(login: &str, role: Role) -> Staff {
    Staff {
        login: login.into(),
        display_name: login.into(),
        role,
        basic_training: None,
        fte_percent: None,
        joined: None,
        left: None,
        fte_history: Vec::new(),
    }
}

fn audit_rows(s: &Store) -> i64 {
    s.audit_log(10_000).expect("audit").len() as i64
}

#[test]
fn an_operation_that_fails_part_way_writes_nothing() {
    let (_dir, s) = store();
    let id = client_with_employment(&s, "C001");
    let before = audit_rows(&s);
    // The office save writes the details, then the settings: settings out
    // of range refuse the whole save, the details included.
    let mut office = s.office().expect("office");
    office.name = "新しい名前".into();
    let settings = crate::model::Settings {
        warn_days: -5,
        ..s.settings().expect("settings")
    };
    let op = Operation::Office {
        office: Some(Box::new(office)),
        settings: Some(settings),
        caseload_only: None,
        export_group: None,
    };
    assert!(apply(&s, &op).is_err());
    assert_ne!(s.office().expect("office").name, "新しい名前");
    assert_eq!(audit_rows(&s), before);
    // And a case: nothing of it was touched either.
    assert!(s.load_client(id).expect("client").contacts.is_empty());
}

#[test]
fn a_staff_login_is_unique_checked_inside_the_transaction() {
    let (_dir, s) = store();
    apply(&s, &Operation::AddStaff(staff("tanaka", Role::Admin))).expect("first");
    apply(&s, &Operation::AddStaff(staff("suzuki", Role::CaseWorker))).expect("second");
    let again = apply(&s, &Operation::AddStaff(staff("suzuki", Role::Admin)));
    assert!(matches!(again, Err(StoreError::Duplicate(_))), "{again:?}");
    let suzuki = s.staff_member("suzuki").expect("read").expect("kept");
    assert_eq!(
        suzuki.role,
        Role::CaseWorker,
        "the first registration stands"
    );
    let missing = apply(&s, &Operation::EditStaff(staff("sato", Role::Admin)));
    assert!(
        matches!(missing, Err(StoreError::NotFound { .. })),
        "{missing:?}"
    );
}

#[test]
fn the_assigned_worker_must_be_registered_staff() {
    let (_dir, s) = store();
    apply(&s, &Operation::AddStaff(staff("tanaka", Role::Admin))).expect("staff");
    let id = client_with_employment(&s, "C001");
    let mut c = s.load_client(id).expect("client");
    c.assigned_staff = Some("田中".into());
    let op = Operation::EditClient {
        client: Box::new(c.clone()),
        conflict: None,
    };
    let err = apply(&s, &op).expect_err("not a login of the office");
    let text = err.to_string();
    assert!(text.contains("田中") && text.contains("tanaka"), "{text}");
    c.assigned_staff = Some("tanaka".into());
    let op = Operation::EditClient {
        client: Box::new(c),
        conflict: None,
    };
    apply(&s, &op).expect("a registered login");
    assert_eq!(
        s.load_client(id).expect("client").assigned_staff.as_deref(),
        Some("tanaka")
    );
}

#[test]
fn a_month_the_rules_waive_cannot_be_decided_by_a_person() {
    let (_dir, s) = store();
    let id = client_with_employment(&s, "C001");
    let mut c = s.load_client(id).expect("client");
    let mut job = c.employments[0].clone();
    job.retention_start_date = Some(d(2026, 10, 15));
    let op = Operation::edit(Record::Employment(job));
    let mut s = s;
    s.set_today(d(2027, 3, 10));
    apply(&s, &op).expect("就労定着支援の開始");
    c.version = s.load_client(id).expect("client").version;
    c.disclosure = crate::model::Disclosure::Closed;
    let op = Operation::EditClient {
        client: Box::new(c),
        conflict: None,
    };
    apply(&s, &op).expect("非開示");
    // 2026-04-15 start: retention support from 2026-10-15, so 2027-02 is
    // a month of it, and 障害非開示 waives its employer contact.
    let waived =
        crate::usecases::item_now(&s, id, employer(), YearMonth::new(2027, 2), None).expect("item");
    assert_eq!(waived.status, crate::model::Status::Waived);
    let op = Operation::Resolve {
        client_id: id,
        obligation: employer(),
        period: YearMonth::new(2027, 2),
        job: None,
        reason: "本人の希望".into(),
    };
    let err = apply(&s, &op).expect_err("the rule's reason stands");
    assert!(err.to_string().contains("規則で対象外"), "{err}");
    assert!(s.load_client(id).expect("client").resolutions.is_empty());
}

#[test]
fn a_new_client_and_an_import_are_the_same_operation() {
    let (_dir, s) = store();
    let doc = crate::demo::generate(3, s.today());
    let summary = import_document(&s, &doc).expect("import");
    assert_eq!(summary.clients, 3);
    let dup = apply(&s, &Operation::AddClient(Box::new(doc.clients[0].clone())));
    assert!(matches!(dup, Err(StoreError::Duplicate(_))), "{dup:?}");
    // A failing client in a stream leaves none of the stream behind.
    let (_dir2, t) = store();
    let mut clients = doc.clients.clone();
    clients.push(doc.clients[1].clone());
    let r = import(&t, |put| clients.into_iter().try_for_each(put));
    assert!(r.is_err());
    assert_eq!(t.client_count().expect("count"), 0);
}

#[test]
fn a_contact_for_someone_else_needs_the_role_and_a_registered_login() {
    let (dir, s) = store();
    apply(&s, &Operation::AddStaff(staff("tanaka", Role::CaseWorker))).expect("staff");
    apply(&s, &Operation::AddStaff(staff("boss", Role::Admin))).expect("admin");
    let id = client_with_employment(&s, "C001");
    let tanaka = Store::open_as(&dir.path().join("t.db"), "tanaka").expect("tanaka");
    let mut c = contact(d(2026, 5, 1), "面談");
    c.staff = Some("boss".into());
    let op = Operation::AddContact {
        client_id: id,
        contact: Box::new(c),
        intent: None,
    };
    assert!(matches!(apply(&tanaka, &op), Err(StoreError::Refused(_))));
    let boss = Store::open_as(&dir.path().join("t.db"), "boss").expect("boss");
    let mut c = contact(d(2026, 5, 1), "面談");
    c.staff = Some("nobody".into());
    let op = Operation::AddContact {
        client_id: id,
        contact: Box::new(c),
        intent: None,
    };
    let err = apply(&boss, &op).expect_err("not staff");
    assert!(err.to_string().contains("nobody"), "{err}");
}

/// The promise of the one write API: no module of the CLI or the TUI
/// calls one of the store's mutating methods; they build operations. The
/// mutators are found, not listed: every function of the store whose body
/// opens a write (`self.write(`) or calls one that does, except the ones
/// that change no office record (a person's drafts, the log of views and
/// exports, a backup of the file).
#[test]
fn no_ui_module_calls_a_store_mutator() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let not_office_records = [
        "save_draft",
        "delete_draft",
        "record_view",
        "claim",
        "release",
        "record_export",
        "record_office_export",
        "backup_to",
        "audit_backup",
        "export",
        "write",
        "write_here",
        "joined",
        "transaction",
    ];
    // Each function of the store and the `self.` calls in its body.
    let mut calls: Vec<(String, Vec<String>)> = Vec::new();
    for file in rust_files(&root.join("store")) {
        let text = std::fs::read_to_string(&file).expect("read");
        for line in text.lines() {
            let t = line.trim_start();
            // `fn name(` after any visibility: `pub`, `pub(crate)`,
            // `pub(in crate::store)` …
            let after_vis = match t.strip_prefix("pub") {
                Some(rest) if rest.starts_with('(') => rest.split_once(") ").map_or("", |(_, r)| r),
                Some(rest) => rest.trim_start(),
                None => t,
            };
            if let Some(rest) = after_vis.strip_prefix("fn ")
                && let Some(name) = rest.split(['(', '<']).next()
            {
                calls.push((name.to_string(), Vec::new()));
            }
            if let Some((_, called)) = calls.last_mut() {
                for part in t.split("self.").skip(1) {
                    if let Some(name) = part.split('(').next() {
                        called.push(name.to_string());
                    }
                }
            }
        }
    }
    let mut mutators: std::collections::BTreeSet<String> = ["write".to_string()].into();
    loop {
        let before = mutators.len();
        for (name, called) in &calls {
            if called.iter().any(|c| mutators.contains(c))
                && !not_office_records.contains(&name.as_str())
            {
                mutators.insert(name.clone());
            }
        }
        if mutators.len() == before {
            break;
        }
    }
    mutators.remove("write");
    for expected in [
        "add_contact",
        "update",
        "upsert_staff",
        "set_office",
        "add_case",
        "restore_from",
    ] {
        assert!(
            mutators.contains(expected),
            "{expected} not found: {mutators:?}"
        );
    }
    for read in [
        "load_client",
        "client_count",
        "client_id",
        "settings",
        "list_staff",
    ] {
        assert!(
            !mutators.contains(read),
            "{read} read as a mutator: {mutators:?}"
        );
    }
    let mut offenders = Vec::new();
    for dir in ["cli", "tui"] {
        for file in rust_files(&root.join(dir)) {
            let name = file.to_string_lossy();
            if name.contains("/tests/") || name.ends_with("tests.rs") || name.contains("testutil") {
                continue; // tests may set up a file any way they like
            }
            let text = std::fs::read_to_string(&file).expect("read");
            for (n, line) in text.lines().enumerate() {
                for m in &mutators {
                    if line.contains(&format!(".{m}(")) {
                        offenders.push(format!("{name}:{}: {m}", n + 1));
                    }
                }
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}

fn rust_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).expect("dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out
}

fn add(s: &Store, client_id: ClientId, summary: &str) -> RecordId {
    let op = Operation::AddContact {
        client_id,
        contact: Box::new(contact(d(2026, 5, 1), summary)),
        intent: None,
    };
    apply(s, &op).expect("contact").record.expect("id")
}

fn summaries(s: &Store, client_id: ClientId) -> Vec<String> {
    let c = s.load_client(client_id).expect("client");
    c.contacts.into_iter().map(|c| c.summary).collect()
}

#[test]
fn undo_takes_back_ones_last_contact_and_undo_again_puts_it_back() {
    let (_dir, s) = store();
    let id = client_with_employment(&s, "C001");
    add(&s, id, "一回目");
    let second = add(&s, id, "二回目");
    apply(&s, &Operation::Undo).expect("undo");
    assert_eq!(summaries(&s, id), vec!["一回目"]);
    apply(&s, &Operation::Undo).expect("undo the undo");
    assert_eq!(summaries(&s, id), vec!["一回目", "二回目"]);
    let back = s.load_client(id).expect("client");
    assert!(
        back.contacts.iter().any(|c| c.id == Some(second)),
        "same id"
    );
}

#[test]
fn undo_restores_a_corrected_contacts_earlier_values() {
    let (_dir, s) = store();
    let id = client_with_employment(&s, "C001");
    let cid = add(&s, id, "元の内容");
    let mut c = s.load_client(id).expect("client").contacts[0].clone();
    c.summary = "直した内容".into();
    c.time = chrono::NaiveTime::from_hms_opt(10, 30, 0);
    let op = Operation::edit(Record::Contact(c));
    apply(&s, &op).expect("edit");
    apply(&s, &Operation::Undo).expect("undo");
    let back = s.load_client(id).expect("client").contacts[0].clone();
    assert_eq!(
        (back.id, back.summary.as_str(), back.time),
        (Some(cid), "元の内容", None)
    );
    assert_eq!(back.version, 3, "the taking back is a change of its own");
}

#[test]
fn undo_of_a_deletion_brings_the_record_back() {
    let (_dir, s) = store();
    let id = client_with_employment(&s, "C001");
    let cid = add(&s, id, "消す記録");
    let op = Operation::Delete {
        table: Table::Contacts,
        id: cid,
        version: None,
        reason: "誤記".into(),
    };
    apply(&s, &op).expect("delete");
    assert!(summaries(&s, id).is_empty());
    apply(&s, &Operation::Undo).expect("undo");
    let back = s.load_client(id).expect("client").contacts;
    assert_eq!(back.len(), 1);
    assert_eq!(
        (back[0].id, back[0].summary.as_str()),
        (Some(cid), "消す記録")
    );
}

#[test]
fn undo_is_refused_when_someone_changed_the_record_since() {
    let (dir, s) = store();
    apply(&s, &Operation::AddStaff(staff("tanaka", Role::Admin))).expect("staff");
    apply(&s, &Operation::AddStaff(staff("suzuki", Role::Admin))).expect("staff");
    let id = client_with_employment(&s, "C001");
    add(&s, id, "田中の記録");
    let suzuki = Store::open_as(&dir.path().join("t.db"), "suzuki").expect("suzuki");
    let mut c = suzuki.load_client(id).expect("client").contacts[0].clone();
    c.summary = "鈴木が直した".into();
    let op = Operation::edit(Record::Contact(c));
    apply(&suzuki, &op).expect("suzuki edits");
    let before = audit_rows(&s);
    let err = apply(&s, &Operation::Undo).expect_err("changed since");
    let text = err.to_string();
    assert!(
        text.contains("suzuki") && text.contains("取り消せません"),
        "{text}"
    );
    assert_eq!(summaries(&s, id), vec!["鈴木が直した"]);
    assert_eq!(audit_rows(&s), before, "nothing written");
    // suzuki's own last change is hers to take back.
    apply(&suzuki, &Operation::Undo).expect("suzuki undoes hers");
    assert_eq!(summaries(&s, id), vec!["田中の記録"]);
}

#[test]
fn undo_takes_back_a_contact_and_the_intent_it_recorded_together() {
    let (_dir, s) = store();
    let id = client_with_employment(&s, "C001");
    let mut c = contact(d(2026, 5, 1), "意向を確認");
    c.obligations = vec![ObligationId::M23_CONFIRM_INTENT];
    let op = Operation::AddContact {
        client_id: id,
        contact: Box::new(c),
        intent: Some(Intent::Wants),
    };
    apply(&s, &op).expect("contact with intent");
    assert_eq!(
        s.load_client(id).expect("c").employments[0].intent,
        Intent::Wants
    );
    apply(&s, &Operation::Undo).expect("undo");
    let back = s.load_client(id).expect("c");
    assert!(back.contacts.is_empty());
    assert_eq!(back.employments[0].intent, Intent::Unknown);
}

#[test]
fn a_part_that_failed_rolls_back_the_operation_even_if_it_went_on() {
    let (_dir, s) = store();
    let id = client_with_employment(&s, "C001");
    let before = audit_rows(&s);
    let r = s.transaction(|| {
        // A contact after the reference day is refused…
        let _ignored = s.add_contact(id, &contact(d(2031, 6, 1), "先の日付"));
        // …and the operation goes on with a good one.
        s.add_contact(id, &contact(d(2026, 5, 1), "正しい記録"))
    });
    assert!(r.is_err(), "{r:?}");
    assert!(summaries(&s, id).is_empty(), "nothing of it was kept");
    assert_eq!(audit_rows(&s), before);
}
