//! `export employed-list` through the real binary: the 一般就労へ移行した
//! 利用者一覧表 of a range, printed (LibreOffice for the xlsx, Chromium for
//! the HTML) on A4 landscape with the table's header on every page, each
//! value beside its label; blanks named on stderr; only for those who may
//! export the whole office; audited.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr
)] // a test's failure is its message

mod binary;
mod printed;

use std::path::{Path, PathBuf};

use binary::{Bin, me};

const BIN: Bin = Bin {
    today: "2026-11-30",
};

/// Users who left in April 2026: `n` of them, each with every field of
/// the form, plus one who left in March (not in April's list) and one
/// who returned to a job (復職: never listed).
fn office(n: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let mut clients: Vec<serde_json::Value> = (1..=n)
        .map(|i| {
            serde_json::json!({
                "external_id": format!("E{i:03}"),
                "name": format!("利用者 {i:02}号"),
                "kana": format!("りようしゃ {i:02}"),
                "birth_date": "1990-05-01",
                "certificate_no": format!("{:010}", 1_000_000 + i),
                "employments": [{
                    "employer": {
                        "name": format!("就職先{i:02}株式会社"),
                        "address": format!("東京都千代田区{i}-1"),
                        "phone": format!("03-1234-{i:04}")
                    },
                    "support_type": "standard",
                    "prior_service_end_date": format!("2026-04-{:02}", i.min(30)),
                    "start_date": "2026-05-01"
                }]
            })
        })
        .collect();
    clients.push(serde_json::json!({
        "external_id": "M001", "name": "三月 退所", "kana": "さんがつ",
        "employments": [{"employer": {"name": "三月商事"}, "support_type": "standard",
            "prior_service_end_date": "2026-03-31", "start_date": "2026-04-01"}]
    }));
    clients.push(serde_json::json!({
        "external_id": "R001", "name": "復職 者", "kana": "ふくしょく",
        "employments": [{"employer": {"name": "元の会社"}, "support_type": "return_to_work",
            "start_date": "2026-04-15"}]
    }));
    let f = dir.path().join("in.json");
    std::fs::write(&f, serde_json::json!({ "clients": clients }).to_string()).expect("write");
    BIN.ok(&db, &["import", f.to_str().expect("utf8")]);
    for (k, v) in [
        ("office_number", "1310000000"),
        ("corporation", "社会福祉法人みらい会"),
        ("office_name", "みらい就労支援センター"),
        ("address", "東京都千代田区千代田1-1-1"),
    ] {
        BIN.ok(&db, &["settings", k, v]);
    }
    (dir, db)
}

fn export(db: &Path, out: &Path, format: &str) -> std::process::Output {
    export_with(db, out, format, &[])
}

/// April's list, with `extra` options.
fn export_with(db: &Path, out: &Path, format: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "export",
        "employed-list",
        "--from",
        "2026-04-01",
        "--to",
        "2026-04-30",
        "--format",
        format,
        "-o",
        out.to_str().expect("utf8"),
    ];
    args.extend_from_slice(extra);
    BIN.run(db, &args)
}

#[test]
fn thirty_users_print_on_two_landscape_pages_with_the_header_on_both() {
    let (dir, db) = office(30);
    let mut pages = Vec::new();
    for format in ["xlsx", "html"] {
        let out = dir.path().join(format!("list.{format}"));
        let o = export(&db, &out, format);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(
            String::from_utf8_lossy(&o.stdout).contains("(30名)"),
            "{o:?}"
        );
        assert!(o.stderr.is_empty(), "nothing is blank: {o:?}");
        let Some(p) = printed::render(&out, &format!("employed-list-{format}")) else {
            return;
        };
        // A4 landscape.
        assert!(
            (p.size.0 - 842.0).abs() < 2.0 && (p.size.1 - 595.0).abs() < 2.0,
            "{format}: page size {:?}",
            p.size
        );
        assert_eq!(p.pages, 2, "{format}: {}", p.text);
        for n in [1, 2] {
            let page = p.page(n);
            for h in ["退所日", "受給者証番号", "一般就労先名称", "就労予定日"]
            {
                assert!(page.contains(h), "{format}: page {n} lacks {h}\n{page}");
            }
        }
        // The office block once, on the first page, each value beside
        // its label.
        for (label, value) in [
            ("事業所番号", "1310000000"),
            ("法人名", "社会福祉法人みらい会"),
            ("事業所名", "みらい就労支援センター"),
            ("所在地", "東京都千代田区千代田1-1-1"),
            ("事業の種類", "就労移行支援"),
        ] {
            assert!(
                p.beside(label, value),
                "{format}: {label} {value}\n{}",
                p.text
            );
        }
        assert!(!p.page(2).contains("法人名"), "{format}");
        assert!(p.page(1).contains("援護の実施市担当課長"), "{format}");
        // Each user's row: 退所日, name, かな, certificate, birthday and
        // employer on one line, in that order, and every one of the 30.
        let row = p.line_with("利用者 07号").expect("row 7");
        let order = [
            "令和8年4月7日",
            "利用者 07号",
            "りようしゃ 07",
            "0001000007",
            "平成2年5月1日",
            "就職先07株式会社",
        ];
        let at: Vec<usize> = order
            .iter()
            .map(|v| {
                row.find(v)
                    .unwrap_or_else(|| panic!("{format}: {v} in {row}"))
            })
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{format}: {row}");
        let squeezed = p.squeezed();
        for i in 1..=30 {
            assert!(
                squeezed.contains(&format!("利用者{i:02}号")),
                "{format}: {i}"
            );
            assert!(squeezed.contains(&format!("03-1234-{i:04}")), "{format}");
        }
        assert!(!squeezed.contains("三月退所") && !squeezed.contains("復職者"));
        pages.push(p.pages);
    }
    assert_eq!(pages, vec![2, 2], "the same page count in both formats");
}

#[test]
fn blanks_are_named_on_stderr_and_left_blank() {
    let (dir, db) = office(1);
    // A user with no かな, no phone for the job and no 退所日 (listed by
    // the day they started), in an office without its number.
    let doc = serde_json::json!({"clients": [{
        "external_id": "B001", "name": "空欄 あり",
        "birth_date": "1990-05-01", "certificate_no": "2222222222",
        "employments": [{"employer": {"name": "空欄商事", "address": "大阪府"},
            "support_type": "standard", "start_date": "2026-04-20"}]
    }]});
    let f = dir.path().join("b.json");
    std::fs::write(&f, doc.to_string()).expect("write");
    BIN.ok(&db, &["import", f.to_str().expect("utf8")]);
    BIN.ok(&db, &["settings", "office_number", ""]);
    let out = dir.path().join("l.html");
    let o = export(&db, &out, "html");
    assert!(o.status.success(), "{o:?}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("空欄のまま"), "{err}");
    assert!(err.contains("事業所: 事業所番号"), "{err}");
    assert!(
        err.contains("B001 空欄 あり: 退所日、かな、連絡先（TEL）"),
        "{err}"
    );
    assert!(!err.contains("E001"), "{err}");
    let page = std::fs::read_to_string(&out).expect("html");
    assert!(
        page.contains("<td class=\"d\"></td><td>空欄 あり</td><td></td><td>2222222222</td>"),
        "{page}"
    );
    assert!(page.contains("大阪府<div class=\"tel\"></div>"), "{page}");
}

#[test]
fn only_who_may_export_the_office_gets_the_list_and_it_is_audited() {
    let (dir, db) = office(3);
    let out = dir.path().join("l.xlsx");
    assert!(export(&db, &out, "xlsx").status.success());
    let audit = BIN.ok(&db, &["audit", "--limit", "5"]);
    assert!(
        audit.contains("一般就労へ移行した利用者一覧表 R8.4.1～R8.4.30 3名"),
        "{audit}"
    );
    // An existing file is kept without --force.
    let o = export(&db, &out, "xlsx");
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("既にあります"));
    // A 支援員 is refused and nothing is written.
    BIN.ok(
        &db,
        &[
            "staff",
            "add",
            "kobayashi",
            "--name",
            "小林 誠",
            "--role",
            "管理者",
        ],
    );
    BIN.ok(
        &db,
        &["staff", "add", &me(), "--name", "私", "--role", "支援員"],
    );
    let other = dir.path().join("other.xlsx");
    let o = export(&db, &other, "xlsx");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("事業所全体の書き出し"),
        "{o:?}"
    );
    assert!(!other.exists());
    // The range must be a range.
    let e = BIN.refused(
        &db,
        &[
            "export",
            "employed-list",
            "--from",
            "2026-05-01",
            "--to",
            "2026-04-01",
            "--format",
            "html",
        ],
    );
    assert!(e.contains("より後"), "{e}");
}

#[test]
fn each_municipality_gets_its_own_list_addressed_to_it() {
    let (dir, db) = office(0);
    let user = |id: &str, city: &str, day: &str| {
        serde_json::json!({
            "external_id": id, "name": format!("{id} 氏名"), "kana": "かな",
            "birth_date": "1990-05-01", "certificate_no": "1111111111",
            "municipality": city,
            "employments": [{"employer": {"name": "就職先", "address": "東京都", "phone": "03"},
                "support_type": "standard", "prior_service_end_date": day,
                "start_date": "2026-05-01"}]
        })
    };
    let doc = serde_json::json!({"clients": [
        user("K001", "千代田区", "2026-04-10"),
        user("K002", "千代田区", "2026-04-11"),
        user("K003", "港区", "2026-04-12"),
        user("K004", "", "2026-04-13"),
    ]});
    let f = dir.path().join("k.json");
    std::fs::write(&f, doc.to_string()).expect("write");
    BIN.ok(&db, &["import", f.to_str().expect("utf8")]);
    // The municipality goes out in the interchange and comes back.
    let json = BIN.ok(&db, &["export", "--format", "json", "--client", "K003"]);
    assert!(json.contains("\"municipality\": \"港区\""), "{json}");

    // Without --municipality: everyone, the form's blank addressee, and a
    // warning that names each municipality.
    let all = dir.path().join("all.html");
    let o = export(&db, &all, "html");
    assert!(o.status.success(), "{o:?}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("援護の実施市町村が複数あります（千代田区 2名、港区 1名、未記録 1名）"),
        "{err}"
    );
    let page = std::fs::read_to_string(&all).expect("html");
    assert!(page.contains("（援護の実施市担当課長）あて"), "{page}");

    // With it: that municipality's users alone, addressed to it.
    let out = dir.path().join("chiyoda.html");
    let o = export_with(&db, &out, "html", &["--municipality", "千代田区"]);
    assert!(o.status.success(), "{o:?}");
    assert!(!String::from_utf8_lossy(&o.stderr).contains("複数"));
    let page = std::fs::read_to_string(&out).expect("html");
    assert!(page.contains("<p>（千代田区担当課長）あて</p>"), "{page}");
    assert!(page.contains("K001 氏名") && page.contains("K002 氏名"));
    assert!(
        !page.contains("K003") && !page.contains("利用者 "),
        "{page}"
    );
    let audit = BIN.ok(&db, &["audit", "--limit", "1"]);
    assert!(
        audit.contains("一覧表（千代田区） R8.4.1～R8.4.30 2名"),
        "{audit}"
    );
}
