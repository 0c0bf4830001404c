//! The SQLite store, through its public API, on real files.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test's failure is its message

mod store_common;

use std::thread;

use store_common::*;
use teichaku::model::*;
use teichaku::operation::{self, Operation, Record};
use teichaku::store::{AuditAction, Store, StoreError, Table, supported_schema_version};

#[test]
fn new_file_is_created_and_migrated_to_the_current_schema() {
    let (_dir, path) = db();
    let s = open(&path, "tanaka");
    assert_eq!(
        s.schema_version().expect("version"),
        supported_schema_version()
    );
    assert_eq!(s.user(), "tanaka");
    assert!(s.load_all().expect("load").is_empty());
    drop(s);
    // Reopening an up-to-date file changes nothing.
    let s = open(&path, "tanaka");
    assert_eq!(
        s.schema_version().expect("version"),
        supported_schema_version()
    );
}

#[test]
fn database_from_a_newer_program_is_refused_in_japanese_and_left_untouched() {
    let (_dir, path) = db();
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.pragma_update(None, "user_version", supported_schema_version() + 5)
            .expect("set");
    }
    let err = Store::open_as(&path, "tanaka").expect_err("too new");
    assert!(matches!(err, StoreError::TooNew { .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains("このデータベースは新しいバージョンの teichaku で作成されています"),
        "{err}"
    );
    let conn = rusqlite::Connection::open(&path).expect("open");
    let v: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(v, supported_schema_version() + 5);
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "delete", "not even switched to WAL");
}

#[test]
fn import_then_export_gives_the_same_document() {
    let (_dir, path) = db();
    let s = open(&path, "tanaka");
    let doc = rich_document();
    let summary = operation::import_document(&s, &doc).expect("import");
    assert_eq!(summary.clients, 3);
    assert_eq!(summary.contacts, 4);
    assert_eq!(summary.plan_reviews, 4);
    assert_eq!(s.export(None).expect("export"), doc);
    let one = s.export(Some("C002")).expect("export one");
    assert_eq!(one.clients, vec![doc.clients[1].clone()]);
    // And through JSON, the interchange format itself.
    let json = serde_json::to_string(&s.export(None).expect("export")).expect("json");
    let back: Document = serde_json::from_str(&json).expect("parse");
    assert_eq!(back, doc);
}

#[test]
fn loaded_records_carry_ids_and_versions_for_editing() {
    let (_dir, path) = db();
    let s = open(&path, "tanaka");
    operation::import_document(&s, &rich_document()).expect("import");
    let all = s.load_all().expect("load");
    let c = &all[0];
    assert!(c.id.is_some() && c.version == 1);
    assert!(c.contacts.iter().all(|x| x.id.is_some() && x.version == 1));
    assert!(
        c.employments
            .iter()
            .all(|x| x.id.is_some() && x.version == 1)
    );
    assert_eq!(s.load_client(c.id.expect("id")).expect("one"), *c);
    assert_eq!(s.client_id("C001").expect("lookup"), c.id);
    assert_eq!(s.client_id("nobody").expect("lookup"), None);
}

#[test]
fn engine_load_leaves_out_long_text_only() {
    let (_dir, path) = db();
    let s = open(&path, "tanaka");
    operation::import_document(&s, &rich_document()).expect("import");
    let full = s.load_all().expect("full");
    let lean = s.load_all_for_engine().expect("lean");
    assert_eq!(lean.len(), full.len());
    let (f, l) = (&full[0], &lean[0]);
    assert!(l.fields.is_empty() && l.contacts[0].summary.is_empty());
    assert!(l.employments[0].fields.is_empty() && l.reports[0].fields.is_empty());
    assert_eq!(l.contacts[0].obligations, f.contacts[0].obligations);
    assert_eq!(l.employments[0].anchor(), f.employments[0].anchor());
    assert_eq!(l.reports[0].presented, f.reports[0].presented);
    assert_eq!(l.plans[0].reviews, f.plans[0].reviews);
}

#[test]
fn import_is_all_or_nothing_when_a_later_client_is_a_duplicate() {
    let (_dir, path) = db();
    let s = open(&path, "tanaka");
    operation::apply(&s, &Operation::AddClient(Box::new(bare_client("C002"))))
        .map(|a| a.client.unwrap_or_default())
        .expect("existing");
    let err = operation::import_document(&s, &rich_document()).expect_err("duplicate");
    assert!(
        matches!(&err, StoreError::Duplicate(what) if what.contains("C002")),
        "{err:?}"
    );
    assert!(err.to_string().contains("C002"));
    let all = s.load_all().expect("load");
    assert_eq!(all.len(), 1, "C001 (before the duplicate) was not kept");
    assert_eq!(all[0].external_id, "C002");
    assert!(all[0].contacts.is_empty());
}

#[test]
fn import_rejects_a_duplicate_inside_the_document_and_unknown_obligation_ids() {
    let (_dir, path) = db();
    let s = open(&path, "tanaka");
    let doc = Document {
        clients: vec![bare_client("X"), bare_client("X")],
    };
    assert!(matches!(
        operation::import_document(&s, &doc),
        Err(StoreError::Duplicate(_))
    ));
    // An unknown obligation id cannot even be built: the JSON is refused.
    let mut c = serde_json::to_value(rich_client("Y")).expect("json");
    c["contacts"][1]["obligations"] = serde_json::json!(["m99.nonsense"]);
    let text = serde_json::json!({ "clients": [c] }).to_string();
    let problems = teichaku::interchange::parse_document(&text, s.today()).expect_err("bad id");
    assert!(
        problems.iter().any(|p| p.message.contains("m99.nonsense")),
        "{problems:?}"
    );
    assert_eq!(s.client_count().expect("count"), 0);
}

#[test]
fn stale_update_from_a_second_handle_is_refused_and_changes_nothing() {
    let (_dir, path) = db();
    let a = open(&path, "tanaka");
    let b = open(&path, "suzuki");
    operation::import_document(&a, &rich_document()).expect("import");
    let id = a.client_id("C001").expect("id").expect("some");
    let mut ca = a.load_client(id).expect("a loads");
    let mut cb = b.load_client(id).expect("b loads");
    ca.kana = "やまだ".into();
    operation::apply(
        &a,
        &Operation::EditClient {
            client: Box::new(ca.clone()),
            conflict: None,
        },
    )
    .expect("a saves");
    assert_eq!(a.load_client(id).expect("reload").version, 2);
    cb.name = "上書き".into();
    let err = operation::apply(
        &b,
        &Operation::EditClient {
            client: Box::new(cb.clone()),
            conflict: None,
        },
    )
    .expect_err("b is stale");
    assert!(
        matches!(
            &err,
            StoreError::Stale {
                current_version: 2,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("他の人が変更しました"));
    let now = b.load_client(id).expect("reload");
    assert_eq!(
        (now.name.as_str(), now.kana.as_str()),
        ("山田 太郎", "やまだ")
    );

    // The same for a contact, and a delete from a stale screen.
    let mut xa = now.contacts[0].clone();
    let xb = now.contacts[0].clone();
    xa.summary = "追記".into();
    operation::apply(&a, &Operation::edit(Record::Contact(xa.clone()))).expect("a saves contact");
    assert!(matches!(
        operation::apply(&b, &Operation::edit(Record::Contact(xb.clone()))),
        Err(StoreError::Stale {
            current_version: 2,
            ..
        })
    ));
    assert!(matches!(
        operation::apply(
            &b,
            &Operation::Delete {
                table: Table::Contacts,
                id: xb.id.expect("id"),
                version: Some(xb.version),
                reason: ("誤記").to_string()
            }
        ),
        Err(StoreError::Stale { .. })
    ));
}

#[test]
fn editing_a_record_deleted_meanwhile_is_not_found() {
    let (_dir, path) = db();
    let a = open(&path, "tanaka");
    let b = open(&path, "suzuki");
    operation::import_document(&a, &rich_document()).expect("import");
    let id = a.client_id("C001").expect("id").expect("some");
    let c = b.load_client(id).expect("load");
    let x = c.contacts[0].clone();
    operation::apply(
        &a,
        &Operation::Delete {
            table: Table::Contacts,
            id: x.id.expect("id"),
            version: Some(x.version),
            reason: ("誤記").to_string(),
        },
    )
    .expect("a deletes");
    assert!(matches!(
        operation::apply(&b, &Operation::edit(Record::Contact(x.clone()))),
        Err(StoreError::NotFound { .. })
    ));
    operation::apply(
        &a,
        &Operation::DeleteClient {
            client_id: id,
            version: c.version,
            reason: ("重複登録").to_string(),
        },
    )
    .expect("a deletes client");
    assert!(matches!(
        operation::apply(
            &b,
            &Operation::EditClient {
                client: Box::new(c.clone()),
                conflict: None
            }
        ),
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        b.load_client(id),
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        operation::apply(
            &b,
            &Operation::AddContact {
                client_id: id,
                contact: Box::new(contact(d(2026, 6, 1), "")),
                intent: None
            }
        )
        .map(|a| a.record.unwrap_or_default()),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn two_handles_writing_at_once_from_two_threads_lose_nothing() {
    let (_dir, path) = db();
    let s = open(&path, "tanaka");
    let id = operation::apply(&s, &Operation::AddClient(Box::new(bare_client("C001"))))
        .map(|a| a.client.unwrap_or_default())
        .expect("client");
    let workers: Vec<_> = ["tanaka", "suzuki"]
        .into_iter()
        .map(|user| {
            let path = path.clone();
            thread::spawn(move || {
                let s = Store::open_as(&path, user).expect("open");
                for i in 0..200 {
                    operation::apply(
                        &s,
                        &Operation::AddContact {
                            client_id: id,
                            contact: Box::new(contact(d(2026, 6, 1), &format!("{user} {i}"))),
                            intent: None,
                        },
                    )
                    .map(|a| a.record.unwrap_or_default())
                    .expect("add");
                }
            })
        })
        .collect();
    for w in workers {
        w.join().expect("thread");
    }
    let c = s.load_client(id).expect("load");
    assert_eq!(c.contacts.len(), 400);
    for user in ["tanaka", "suzuki"] {
        let n = c
            .contacts
            .iter()
            .filter(|x| x.summary.starts_with(user))
            .count();
        assert_eq!(n, 200, "{user}");
    }
}

#[test]
fn a_write_while_someone_else_holds_the_lock_is_busy_and_writes_nothing() {
    let (_dir, path) = db();
    let s = open(&path, "tanaka");
    let id = operation::apply(&s, &Operation::AddClient(Box::new(bare_client("C001"))))
        .map(|a| a.client.unwrap_or_default())
        .expect("client");
    s.set_busy_timeout(std::time::Duration::from_millis(50))
        .expect("timeout");
    let other = rusqlite::Connection::open(&path).expect("open");
    other.execute_batch("BEGIN IMMEDIATE").expect("lock");
    let err = operation::apply(
        &s,
        &Operation::AddContact {
            client_id: id,
            contact: Box::new(contact(d(2026, 6, 1), "x")),
            intent: None,
        },
    )
    .map(|a| a.record.unwrap_or_default())
    .expect_err("busy");
    assert!(matches!(err, StoreError::Busy), "{err:?}");
    assert!(err.to_string().contains("他の人が書き込み中"));
    // Reading is not blocked by a writer (WAL).
    assert!(s.load_client(id).expect("read").contacts.is_empty());
    other.execute_batch("COMMIT").expect("unlock");
    operation::apply(
        &s,
        &Operation::AddContact {
            client_id: id,
            contact: Box::new(contact(d(2026, 6, 1), "x")),
            intent: None,
        },
    )
    .map(|a| a.record.unwrap_or_default())
    .expect("now it saves");
    assert_eq!(s.load_client(id).expect("read").contacts.len(), 1);
}

#[test]
fn every_change_export_and_import_is_audited_with_user_and_action() {
    let (_dir, path) = db();
    let s = open(&path, "tanaka");
    operation::import_document(
        &s,
        &Document {
            clients: vec![rich_client("C001")],
        },
    )
    .expect("import");
    let id = s.client_id("C001").expect("id").expect("some");
    let cid = operation::apply(
        &s,
        &Operation::AddContact {
            client_id: id,
            contact: Box::new(contact(d(2026, 6, 1), "秘密の相談内容")),
            intent: None,
        },
    )
    .map(|a| a.record.unwrap_or_default())
    .expect("add");
    let mut c = s.load_client(id).expect("load");
    let x = c
        .contacts
        .iter()
        .find(|x| x.id == Some(cid))
        .expect("contact")
        .clone();
    operation::apply(
        &s,
        &Operation::Delete {
            table: Table::Contacts,
            id: cid,
            version: Some(x.version),
            reason: ("誤記").to_string(),
        },
    )
    .expect("delete");
    c.sex = "女".into();
    operation::apply(
        &s,
        &Operation::EditClient {
            client: Box::new(c.clone()),
            conflict: None,
        },
    )
    .expect("update");
    s.export(Some("C001")).expect("export");

    let log = s.audit_log(10).expect("audit");
    let actions: Vec<(AuditAction, &str)> =
        log.iter().map(|e| (e.action, e.table.as_str())).collect();
    assert_eq!(
        actions,
        vec![
            (AuditAction::Export, "document"),
            (AuditAction::Update, "clients"),
            (AuditAction::Delete, "contacts"),
            (AuditAction::Create, "contacts"),
            (AuditAction::Import, "document"),
            (AuditAction::Create, "clients"),
        ]
    );
    assert!(log.iter().all(|e| e.user == "tanaka"));
    assert_eq!(log[0].at.to_rfc3339(), "2030-12-31T01:02:03+00:00");
    assert_eq!(log[2].row_id, Some(cid.get()));
    assert_eq!(log[2].client_id, Some(id));
    assert_eq!(log[2].external_id.as_deref(), Some("C001"));
    // The trail holds no personal text.
    assert!(
        log.iter()
            .all(|e| !e.summary.contains("秘密") && !e.summary.contains("山田"))
    );
    assert_eq!(s.audit_for_client(id, 100).expect("client audit").len(), 5);
}

#[test]
fn a_draft_survives_closing_and_reopening_the_database() {
    let (_dir, path) = db();
    {
        let s = open(&path, "tanaka");
        s.save_draft("contact:C001", r#"{"summary":"途中まで"}"#)
            .expect("save");
    } // the SSH session drops
    let s = open(&path, "tanaka");
    let (json, at) = s.load_draft("contact:C001").expect("load").expect("kept");
    assert_eq!(json, r#"{"summary":"途中まで"}"#);
    assert_eq!(at.to_rfc3339(), "2030-12-31T01:02:03+00:00");
    let list = s.list_drafts().expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].key, "contact:C001");
}

#[test]
fn data_version_changes_when_another_connection_writes() {
    let (_dir, path) = db();
    let a = open(&path, "tanaka");
    let b = open(&path, "suzuki");
    let before = a.data_version().expect("v");
    assert_eq!(
        a.data_version().expect("v"),
        before,
        "stable while nobody writes"
    );
    operation::apply(&b, &Operation::AddClient(Box::new(bare_client("C001"))))
        .map(|a| a.client.unwrap_or_default())
        .expect("b writes");
    assert_ne!(a.data_version().expect("v"), before);
}

#[test]
fn records_are_added_updated_and_deleted_one_by_one() {
    let (_dir, path) = db();
    let s = open(&path, "tanaka");
    let src = rich_client("C001");
    // The client alone first, then each record by its own operation.
    let bare = Client {
        employments: Vec::new(),
        contacts: Vec::new(),
        reports: Vec::new(),
        plans: Vec::new(),
        consents: Vec::new(),
        handovers: Vec::new(),
        conferences: Vec::new(),
        resolutions: Vec::new(),
        ..src.clone()
    };
    let id = operation::apply(&s, &Operation::AddClient(Box::new(bare)))
        .map(|a| a.client.unwrap_or_default())
        .expect("client");
    for e in &src.employments {
        operation::apply(
            &s,
            &Operation::AddEmployment {
                client_id: id,
                employment: Box::new(e.clone()),
            },
        )
        .map(|a| a.record.unwrap_or_default())
        .expect("employment");
    }
    for r in &src.reports {
        operation::apply(
            &s,
            &Operation::AddReport {
                client_id: id,
                report: Box::new(r.clone()),
            },
        )
        .map(|a| a.record.unwrap_or_default())
        .expect("report");
    }
    let plan_id = operation::apply(
        &s,
        &Operation::AddPlan {
            client_id: id,
            plan: Box::new((src.plans[0]).clone()),
        },
    )
    .map(|a| a.record.unwrap_or_default())
    .expect("plan");
    operation::apply(
        &s,
        &Operation::AddReview {
            plan_id,
            date: d(2026, 12, 1),
        },
    )
    .map(|a| a.record.unwrap_or_default())
    .expect("review");
    for c in &src.consents {
        operation::apply(
            &s,
            &Operation::AddConsent {
                client_id: id,
                consent: Box::new(c.clone()),
            },
        )
        .map(|a| a.record.unwrap_or_default())
        .expect("consent");
    }
    let h = operation::apply(
        &s,
        &Operation::AddHandover {
            client_id: id,
            handover: Box::new((src.handovers[0]).clone()),
        },
    )
    .map(|a| a.record.unwrap_or_default())
    .expect("handover");
    let k = operation::apply(
        &s,
        &Operation::AddConference {
            client_id: id,
            conference: Box::new((src.conferences[0]).clone()),
        },
    )
    .map(|a| a.record.unwrap_or_default())
    .expect("conference");

    let mut c = s.load_client(id).expect("load");
    assert_eq!(c.employments.len(), 2);
    assert_eq!(
        c.plans[0].reviews,
        vec![d(2026, 12, 1), d(2027, 4, 10), d(2027, 10, 1)],
        "oldest first"
    );
    c.employments[0].intent = Intent::Declined;
    let job = operation::apply(
        &s,
        &Operation::edit(Record::Employment(c.employments[0].clone())),
    )
    .expect("e");
    let saved = s.load_client(c.id.expect("id")).expect("reload");
    let version = saved
        .employments
        .iter()
        .find(|e| e.id == job.record)
        .map(|e| e.version);
    assert_eq!(version, Some(2));
    c.reports[1].presented = Some(d(2026, 11, 30));
    operation::apply(&s, &Operation::edit(Record::Report((c.reports[1]).clone()))).expect("r");
    c.consents[1].withdrawn = Some(d(2026, 6, 1));
    operation::apply(
        &s,
        &Operation::edit(Record::Consent((c.consents[1]).clone())),
    )
    .expect("consent");
    c.plans[0].created = d(2026, 10, 16);
    operation::apply(&s, &Operation::edit(Record::Plan((c.plans[0]).clone()))).expect("plan");
    operation::apply(
        &s,
        &Operation::DeleteReview {
            plan_id,
            date: d(2027, 4, 10),
            reason: ("誤記").to_string(),
        },
    )
    .expect("review gone");

    let c2 = s.load_client(id).expect("reload");
    assert_eq!(c2.employments[0].intent, Intent::Declined);
    assert_eq!(c2.reports[1].presented, Some(d(2026, 11, 30)));
    assert_eq!(c2.consents[1].withdrawn, Some(d(2026, 6, 1)));
    assert_eq!(c2.plans[0].created, d(2026, 10, 16));
    assert_eq!(c2.plans[0].reviews, vec![d(2026, 12, 1), d(2027, 10, 1)]);

    operation::apply(
        &s,
        &Operation::Delete {
            table: Table::Handovers,
            id: h,
            version: Some(1),
            reason: ("誤記").to_string(),
        },
    )
    .expect("handover");
    operation::apply(
        &s,
        &Operation::Delete {
            table: Table::Conferences,
            id: k,
            version: Some(1),
            reason: ("誤記").to_string(),
        },
    )
    .expect("conference");
    operation::apply(
        &s,
        &Operation::Delete {
            table: Table::Reports,
            id: c2.reports[0].id.expect("id"),
            version: Some(c2.reports[0].version),
            reason: ("誤記").to_string(),
        },
    )
    .expect("report");
    operation::apply(
        &s,
        &Operation::Delete {
            table: Table::Plans,
            id: plan_id,
            version: Some(c2.plans[0].version),
            reason: ("誤記").to_string(),
        },
    )
    .expect("plan");
    let c3 = s.load_client(id).expect("reload");
    assert!(c3.handovers.is_empty() && c3.conferences.is_empty() && c3.plans.is_empty());
    assert_eq!(c3.reports.len(), 1);
}

#[test]
fn consent_withdrawn_before_it_was_given_is_invalid() {
    let (_dir, path) = db();
    let s = open(&path, "tanaka");
    let id = operation::apply(&s, &Operation::AddClient(Box::new(bare_client("C001"))))
        .map(|a| a.client.unwrap_or_default())
        .expect("client");
    let mut c = rich_client("x").consents[0].clone();
    c.withdrawn = Some(d(2020, 1, 1));
    match operation::apply(
        &s,
        &Operation::AddConsent {
            client_id: id,
            consent: Box::new(c.clone()),
        },
    )
    .map(|a| a.record.unwrap_or_default())
    {
        Err(StoreError::Rules { problems, .. }) => {
            assert_eq!(problems[0].field, "withdrawn", "{problems:?}");
        }
        other => panic!("refused by the rules: {other:?}"),
    }
}

#[test]
fn check_on_a_healthy_database_reports_ok_in_japanese() {
    let (_dir, path) = db();
    let s = open(&path, "tanaka");
    operation::import_document(&s, &rich_document()).expect("import");
    let report = s.check().expect("check");
    assert!(report.is_ok(), "{report}");
    let text = report.to_string();
    assert!(text.contains("整合性: 問題なし"), "{text}");
    assert!(text.contains(&format!("スキーマの版: {}", supported_schema_version())));
}

#[test]
fn a_file_of_garbage_is_reported_not_a_panic() {
    let (_dir, path) = db();
    let garbage: Vec<u8> = (0..16384u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    std::fs::write(&path, garbage).expect("write");
    let err = Store::open_as(&path, "tanaka").expect_err("not a database");
    assert!(
        matches!(err, StoreError::NotADatabase | StoreError::Corrupt),
        "{err:?}"
    );
    let msg = err.to_string();
    assert!(
        msg.contains("壊れています") && msg.contains("teichaku check"),
        "{msg}"
    );
}

#[test]
fn a_damaged_page_inside_a_real_database_is_found_by_check_and_reported_by_load() {
    let (_dir, path) = db();
    {
        let s = open(&path, "tanaka");
        let doc = Document {
            clients: (0..200).map(|i| rich_client(&format!("C{i:04}"))).collect(),
        };
        operation::import_document(&s, &doc).expect("import");
    } // closing checkpoints the WAL into the main file
    let mut bytes = std::fs::read(&path).expect("read");
    let page = 4096;
    let pages = bytes.len() / page;
    assert!(pages > 40, "big enough to damage data pages only");
    // Data pages in the middle (the rows' digests the import recorded
    // fill the last pages); the schema at the start stays readable.
    for b in &mut bytes[(pages / 2) * page..(pages / 2 + 2) * page] {
        *b = 0xA5;
    }
    std::fs::write(&path, bytes).expect("write");
    let s = Store::open_as(&path, "tanaka").expect("the schema is intact");
    let report = s.check().expect("check reports rather than fails");
    assert!(!report.is_ok());
    assert!(
        report.to_string().contains("‼ データベースの整合性"),
        "{report}"
    );
    let err = s.load_all().expect_err("damaged rows");
    assert!(matches!(err, StoreError::Corrupt), "{err:?}");
    assert!(err.to_string().contains("壊れています"));
}
