//! Import's rows: a document valid but for one thing (so accepting it
//! would add a client), or a file that is not a document at all. The
//! fragments name the field by its JSON path and say what is wrong. One
//! row per line, as a table (hence `rustfmt::skip`).

use serde_json::{Value, json};

use super::{Case, client_doc, fixture, import};

pub(crate) fn cases() -> Vec<Case> {
    let mut all = value_cases();
    all.extend(shape_cases());
    all.extend(file_cases());
    all
}

/// The one-client document with `value` at `path` (a JSON pointer whose
/// parent exists; the last key is added if missing).
fn set(path: &str, value: Value) -> Vec<u8> {
    client_doc(|c| {
        let (parent, key) = path.rsplit_once('/').expect("a pointer");
        match c.pointer_mut(parent).unwrap_or_else(|| panic!("{path}")) {
            Value::Array(items) => items[key.parse::<usize>().expect("index")] = value,
            object => object[key] = value,
        }
    })
}

/// Values a rule refuses, and the characters no text may hold.
#[rustfmt::skip]
fn value_cases() -> Vec<Case> {
    let two_reports = client_doc(|c| {
        let r = c["reports"][0].clone();
        c["reports"].as_array_mut().expect("reports").push(r);
    });
    let monthly_without_month = json!([{"obligation": "ret.monthly_report", "reason": "入院中", "decided_by": "tanaka", "decided_on": "2026-11-01"}]);
    vec![
        import("impossible day", set("/contacts/0/date", json!("2026-02-30")), &["contacts[0].date", "存在しない日付"]),
        import("date with slashes", set("/birth_date", json!("1990/05/01")), &["birth_date", "日付として読めません", "YYYY-MM-DD"]),
        import("birth in 1899", set("/birth_date", json!("1899-12-31")), &["birth_date", "ありえない日付"]),
        import("expiry in 2206", set("/certificate_expires", json!("2206-03-31")), &["certificate_expires", "ありえない日付"]),
        import("separation before start", set("/employments/0/separation_date", json!("2026-04-01")), &["employments[0].separation_date", "離職日", "より前"]),
        import("decision after start", set("/employments/0/decision_date", json!("2026-05-01")), &["employments[0].decision_date", "より後"]),
        import("retention within six months", set("/employments/0/retention_start_date", json!("2026-09-01")), &["employments[0].retention_start_date", "6月"]),
        import("review before the plan", set("/plans/0/reviews", json!(["2026-09-01"])), &["plans[0].reviews[0]", "より前"]),
        import("withdrawn before consent", set("/consents/0/withdrawn", json!("2026-05-01")), &["consents[0].withdrawn", "より前"]),
        import("presented before created", set("/reports/0/presented", json!("2026-10-01")), &["reports[0].presented", "より前"]),
        import("two reports for one month", two_reports, &["reports[1].month", "2件"]),
        import("name with ESC", set("/name", json!("山田\u{1b}[2J太郎")), &["name:", "氏名", "エスケープシーケンス"]),
        import("employer with C1", set("/employments/0/employer/name", json!("JS\u{9b}31m工業")), &["employments[0].employer.name", "U+009B"]),
        import("name with RLO", set("/name", json!("山田\u{202e}太郎")), &["name:", "U+202E"]),
        import("kana with zero width", set("/kana", json!("やまだ\u{200b}たろう")), &["kana:", "見えない文字", "U+200B"]),
        import("summary with BEL", set("/contacts/0/summary", json!("面談\u{7}")), &["contacts[0].summary", "U+0007"]),
        import("name with a line break", set("/name", json!("山田\n太郎")), &["name:", "改行"]),
        import("ESC inside a date", set("/contacts/0/date", json!("2026-05-\u{1b}[2J20")), &["contacts[0].date", "日付として読めません"]),
        import("name of 201 characters", set("/name", json!("あ".repeat(201))), &["name:", "いま201字", "40字まで"]),
        import("a pasted book as summary", set("/contacts/0/summary", json!("長".repeat(2_000_000))), &["contacts[0].summary", "10000字まで", "いま2000000字"]),
        import("blank name", set("/name", json!(" ")), &["name:", "氏名が空です"]),
        import("empty employer name", set("/employments/0/employer/name", json!("")), &["employments[0].employer.name", "雇用事業主が空です", "空"]),
        import("unknown obligation", set("/contacts/0/obligations", json!(["m9.nothing"])), &["contacts[0].obligations[0]", "m9.nothing", "ありません"]),
        import("handover completing a monthly item", set("/handovers/0/obligations", json!(["ret.monthly_report"])), &["handovers[0].obligations[0]", "ret.monthly_report"]),
        import("monthly resolution without a month", client_doc(|c| c["resolutions"] = monthly_without_month), &["resolutions[0].period", "月ごとの項目"]),
        import("unknown counterpart", set("/contacts/0/counterpart", json!("boss")), &["contacts[0].counterpart", "boss", "使えない値"]),
        import("unknown support type", set("/employments/0/support_type", json!("part_time")), &["employments[0].support_type", "part_time", "使えない値"]),
        import("unknown closure reason", client_doc(|c| c["closure"] = json!({"date": "2027-01-10", "reason": "fired"})), &["closure.reason", "fired", "使えない値"]),
        import("month 13", set("/reports/0/month", json!("2026-13")), &["reports[0].month", "月として読めません"]),
        import("unknown report field", client_doc(|c| c["reports"][0]["fields"] = json!({"nosuch": "1"})), &["reports[0].fields.nosuch", "nosuch"]),
    ]
}

/// Wrong types, missing and unknown keys, duplicate ids.
#[rustfmt::skip]
fn shape_cases() -> Vec<Case> {
    let two = |first: &str, second: &str| {
        let mut a = fixture()["clients"][0].clone();
        a["external_id"] = json!(first);
        let mut b = a.clone();
        b["external_id"] = json!(second);
        json!({"clients": [a, b]}).to_string().into_bytes()
    };
    let without_name = client_doc(|c| {
        c.as_object_mut().expect("object").remove("name");
    });
    vec![
        import("date as a number", set("/employments/0/start_date", json!(20260415)), &["employments[0].start_date", "日付", "数値になっています"]),
        import("flag as text", set("/needs_continuing_support", json!("yes")), &["needs_continuing_support", "true か false"]),
        import("contacts as an object", set("/contacts", json!({"date": "2026-05-20"})), &["contacts", "配列"]),
        import("name as an array", set("/name", json!(["山田", "太郎"])), &["name", "文字列", "配列になっています"]),
        import("name missing", without_name, &["name", "氏名がありません"]),
        import("misspelt key", client_doc(|c| c["nmae"] = json!("山田")), &["nmae", "という項目はありません"]),
        import("a client that is a string", json!({"clients": ["C001"]}).to_string().into_bytes(), &["1件目", "オブジェクト"]),
        import("the same id twice", two("N001", "N001"), &["external_id", "N001", "重複"]),
        import("an id already stored", two("C001", "N002"), &["C001", "既に登録されています"]),
        import("top level misspelt", br#"{"client": []}"#.to_vec(), &["最上位", "client"]),
        import("an array, not an object", b"[1, 2]".to_vec(), &["最上位", "clients"]),
    ]
}

/// Files that are not a document: other encodings, cut short, empty.
#[rustfmt::skip]
fn file_cases() -> Vec<Case> {
    let text = String::from_utf8(client_doc(|_| {})).expect("utf8");
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    // 山田 in Shift_JIS: not UTF-8.
    let sjis = [&b"{\"clients\": [{\"name\": \""[..], &[0x8E, 0x52, 0x93, 0x63], b"\"}]}"].concat();
    let mut bom_then_bad_date = vec![0xEF, 0xBB, 0xBF];
    bom_then_bad_date.extend(set("/contacts/0/date", json!("2026-02-30")));
    let cut: Vec<u8> = text.as_bytes()[..200].to_vec();
    vec![
        import("UTF-16", utf16, &["UTF-16", "UTF-8 で保存し直して"]),
        import("Shift_JIS", sjis, &["UTF-8 として読めない", "Shift_JIS"]),
        import("a BOM, then a bad date", bom_then_bad_date, &["contacts[0].date", "存在しない日付"]),
        import("cut short", cut, &["JSON が途中で終わっています"]),
        import("empty file", Vec::new(), &["JSON が途中で終わっています"]),
        import("not JSON", "external_id,name\nC001,山田\n".as_bytes().to_vec(), &["JSON として読めません", "1行目"]),
        import("NUL bytes", vec![0u8; 64], &["JSON として読めません"]),
    ]
}
