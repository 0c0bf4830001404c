//! The command line's rows: each command's options given a bad value.
//! The fragments name the option (or the field, where the refusal is about
//! the record rather than one option) and say what is wrong. One row per
//! line, as a table (hence `rustfmt::skip`).

use super::{Case, Office, cli, raw};

/// Text a person might paste: escape sequences (clearing the screen, a
/// clipboard write), a C1 control, bidi isolates and overrides, a
/// zero-width space.
const ESC_CLEAR: &str = "記録\u{1b}[2J\u{1b}[H";
const OSC_52: &str = "記録\u{1b}]52;c;Zm9v\u{7}";
const C1_CSI: &str = "記録\u{9b}31m";
const RLO: &str = "逆順\u{202e}txt.exe";
const LRI: &str = "メモ\u{2066}隠す";
const ZWSP: &str = "山田\u{200b}太郎";

pub(crate) fn cases(o: &Office) -> Vec<Case> {
    let mut all = contact_cases(o);
    all.extend(record_cases(o));
    all.extend(decision_cases());
    all.extend(document_cases(o));
    all.extend(office_cases());
    all
}

/// `base` followed by `extra`, as one row.
fn with(base: &[&str], name: &'static str, extra: &[&str], expect: &[&'static str]) -> Case {
    let args: Vec<&str> = base.iter().chain(extra).copied().collect();
    cli(name, &args, expect)
}

#[rustfmt::skip]
fn contact_cases(o: &Office) -> Vec<Case> {
    let add = |name, extra: &[&str], expect| with(&["contact", "add", "--client", "C001"], name, extra, expect);
    let edit = |name, extra: &[&str], expect| with(&["contact", "edit", &o.contact], name, extra, expect);
    let paste = "あ".repeat(30_000);
    vec![
        add("contact add: 2月30日", &["--date", "2026-02-30"], &["--date:", "2月30日は存在しません"]),
        add("contact add: after today", &["--date", "2027-01-25"], &["--date:", "今日", "より後"]),
        add("contact add: year 1899", &["--date", "1899-12-31"], &["--date:", "ありえない日付"]),
        add("contact add: 令和 before it began", &["--date", "R1.4.30"], &["--date:", "令和は", "平成31年4月30日"]),
        add("contact add: -200y is a date, not an option", &["--date", "-200y"], &["--date:", "ありえない日付"]),
        add("contact add: date in words", &["--date", "明後日"], &["--date:", "日付として読み取れません"]),
        add("contact add: hour 25", &["--time", "25:00"], &["--time:", "25:00", "時刻"]),
        add("contact add: time as a word", &["--time", "午後"], &["--time:", "午後", "時刻"]),
        add("contact add: counterpart", &["--counterpart", "boss"], &["--counterpart:", "boss", "使えません"]),
        add("contact add: method", &["--method", "fax"], &["--method:", "fax", "使えません"]),
        add("contact add: place", &["--place", "home"], &["--place:", "home", "使えません"]),
        add("contact add: summary ESC", &["--summary", ESC_CLEAR], &["--summary:", "エスケープシーケンス"]),
        add("contact add: summary OSC 52", &["--summary", OSC_52], &["--summary:", "エスケープシーケンス"]),
        add("contact add: summary C1", &["--summary", C1_CSI], &["--summary:", "U+009B"]),
        add("contact add: summary RLO", &["--summary", RLO], &["--summary:", "U+202E"]),
        add("contact add: summary zero width", &["--summary", ZWSP], &["--summary:", "見えない文字", "U+200B"]),
        add("contact add: a pasted page", &["--summary", &paste], &["--summary:", "10000字まで", "いま30000字"]),
        add("contact add: unknown obligation", &["--fulfils", "m9.nothing"], &["--fulfils:", "m9.nothing", "ありません"]),
        add("contact add: unknown intent", &["--fulfils", "m23.confirm_intent", "--intent", "maybe"], &["--intent:", "maybe", "使えません"]),
        add("contact add: intent without its step", &["--intent", "wants"], &["--intent:", "--fulfils m23.confirm_intent"]),
        add("contact add: staff ESC", &["--staff", "ta\u{1b}[31mnaka"], &["--staff:", "エスケープシーケンス"]),
        add("contact add: staff not registered", &["--staff", "nobody", "--summary", "面談"], &["記録者", "nobody", "登録されていません"]),
        cli("contact add: unknown client", &["contact", "add", "--client", "C999"], &["利用者 ID「C999」", "登録されていません"]),
        cli("contact add: no client", &["contact", "add"], &["必要な指定がありません", "--client"]),
        edit("contact edit: 13月", &["--date", "2026-13-01"], &["--date:", "13月は存在しません"]),
        edit("contact edit: minute 75", &["--time", "9:75"], &["--time:", "9:75"]),
        edit("contact edit: summary OSC", &["--summary", OSC_52], &["--summary:", "エスケープシーケンス"]),
        edit("contact edit: counterpart", &["--counterpart", "上司"], &["--counterpart:", "上司", "使えません"]),
        edit("contact edit: obligation", &["--fulfils", "ret.bogus"], &["--fulfils:", "ret.bogus"]),
        cli("contact edit: no such contact", &["contact", "edit", "99999", "--summary", "x"], &["支援記録 #99999", "見つかりません"]),
        cli("contact edit: id not a number", &["contact", "edit", "abc"], &["<ID>", "abc", "正しくありません"]),
        cli("contact delete: blank reason", &["contact", "delete", &o.contact, "--reason", " "], &["理由を入力してください"]),
        cli("contact delete: reason ESC", &["contact", "delete", &o.contact, "--reason", ESC_CLEAR], &["--reason:", "削除する理由", "エスケープシーケンス"]),
    ]
}

#[rustfmt::skip]
fn record_cases(o: &Office) -> Vec<Case> {
    // C002's job has ended: a new one reaches the rules.
    let add = |name, extra: &[&str], expect| with(&["employment", "add", "--client", "C002", "--employer", "株式会社みどり"], name, extra, expect);
    let end = |name, extra: &[&str], expect| with(&["employment", "end", "--client", "C001"], name, extra, expect);
    vec![
        add("employment add: decision after start", &["--decision", "2027-01-10", "--start", "2027-01-05"], &["--decision:", "就職先決定日", "より後"]),
        add("employment add: start in 2041", &["--start", "2041-01-05"], &["--start:", "ありえない日付"]),
        add("employment add: support type", &["--type", "part_time"], &["--type:", "part_time", "使えません"]),
        add("employment add: prior end in words", &["--type", "hours_extension", "--prior-end", "先月末"], &["--prior-end:", "日付として読み取れません"]),
        add("employment add: contact person RLO", &["--start", "2027-01-05", "--contact-person", RLO], &["--contact-person:", "U+202E"]),
        cli("employment add: empty employer", &["employment", "add", "--client", "C002", "--employer", "", "--start", "2027-01-05"], &["--employer:", "雇用事業主が空です", "空"]),
        cli("employment add: employer C1", &["employment", "add", "--client", "C002", "--employer", C1_CSI, "--start", "2027-01-05"], &["--employer:", "U+009B"]),
        cli("employment add: current job not ended", &["employment", "add", "--client", "C001", "--employer", "株式会社みどり", "--start", "2027-01-05"], &["離職日がありません"]),
        end("employment end: before the start", &["--date", "2026-04-01"], &["--date:", "離職日", "就職日", "より前"]),
        end("employment end: date in words", &["--date", "明後日"], &["--date:", "日付として読み取れません"]),
        end("employment end: reason OSC", &["--date", "2027-01-10", "--reason", OSC_52], &["--reason:", "エスケープシーケンス"]),
        cli("consent withdraw: before the consent", &["consent", "withdraw", &o.consent, "--date", "2026-05-01"], &["--date:", "同意の撤回日", "より前"]),
        cli("consent withdraw: after today", &["consent", "withdraw", &o.consent, "--date", "2027-02-01"], &["--date:", "同意の撤回日", "今日"]),
        cli("consent withdraw: no such consent", &["consent", "withdraw", "99999"], &["同意 #99999", "見つかりません"]),
        cli("record delete: unknown kind", &["record", "delete", "--kind", "memo", "1", "--reason", "x"], &["--kind", "memo", "使えません"]),
        cli("record delete: no such plan", &["record", "delete", "--kind", "plan", "99999", "--reason", "重複"], &["#99999", "見つかりません"]),
        cli("record delete: reason zero width", &["record", "delete", "--kind", "report", &o.report, "--reason", ZWSP], &["--reason:", "見えない文字"]),
        cli("record delete: reason of 201 characters", &["record", "delete", "--kind", "plan", &o.plan, "--reason", &"誤".repeat(201)], &["--reason:", "200字まで", "いま201字"]),
    ]
}

#[rustfmt::skip]
fn decision_cases() -> Vec<Case> {
    let monthly = |name, extra: &[&str], expect| with(&["resolve", "--client", "C001", "--obligation", "ret.monthly_face_to_face"], name, extra, expect);
    let close = |name, extra: &[&str], expect| with(&["client", "close", "--client", "C001"], name, extra, expect);
    vec![
        cli("resolve: unknown obligation", &["resolve", "--client", "C001", "--obligation", "ret.bogus", "--reason", "入院中"], &["--obligation:", "ret.bogus", "ありません"]),
        monthly("resolve: a monthly item without its month", &["--reason", "入院中"], &["月ごとの項目", "2026-10"]),
        monthly("resolve: month 13", &["--period", "2026-13", "--reason", "入院中"], &["--period:", "2026-13", "年月ではありません"]),
        monthly("resolve: blank reason", &["--period", "2026-11", "--reason", "  "], &["--reason:", "空です"]),
        monthly("resolve: reason ESC", &["--period", "2026-11", "--reason", ESC_CLEAR], &["--reason:", "エスケープシーケンス"]),
        monthly("resolve: reason of 201 characters", &["--period", "2026-11", "--reason", &"院".repeat(201)], &["--reason:", "200字まで", "いま201字"]),
        monthly("resolve: undo what was never decided", &["--period", "2026-11", "--undo"], &["対象外の判断が見つかりません"]),
        cli("resolve: a done item", &["resolve", "--client", "C001", "--obligation", "m23.confirm_intent", "--reason", "本人の意向"], &["完了", "対象外にできません"]),
        close("client close: reason", &["--reason", "fired"], &["--reason:", "fired", "使えません"]),
        close("client close: after today", &["--reason", "moved", "--date", "2027-02-01"], &["--date:", "終結日", "今日"]),
        close("client close: 2月30日", &["--reason", "other", "--date", "2026-02-30"], &["--date:", "2月30日は存在しません"]),
        close("client close: note LRI", &["--reason", "moved", "--date", "2027-01-10", "--note", LRI], &["--note:", "U+2066"]),
        cli("client reopen: not closed", &["client", "reopen", "--client", "C001", "--reason", "誤り"], &["終結していません"]),
        cli("client reopen: reason ESC", &["client", "reopen", "--client", "C003", "--reason", ESC_CLEAR], &["--reason:", "終結を取り消す理由", "エスケープシーケンス"]),
    ]
}

#[rustfmt::skip]
fn document_cases(o: &Office) -> Vec<Case> {
    let existing = o.input("existing.json");
    std::fs::write(&existing, "keep").expect("write");
    let existing = existing.to_string_lossy().into_owned();
    let db = o.db.to_string_lossy().into_owned();
    // Beside the database: a file left there is a failure of the row.
    let out = o.dir.join("out.json").to_string_lossy().into_owned();
    let set = |name, extra: &[&str], expect| with(&["report", "set", "--client", "C001"], name, extra, expect);
    let report = |name, extra: &[&str], expect| with(&["export", "report", "--client", "C001", "-o", &out], name, extra, expect);
    let plan = |name, extra: &[&str], expect| with(&["export", "plan", "--client", "C001", "-o", &out], name, extra, expect);
    vec![
        set("report set: month outside the support", &["--month", "2030-01"], &["就労定着支援の期間", "外です"]),
        set("report set: month 13", &["--month", "2026-13"], &["--month:", "2026-13", "年月ではありません"]),
        set("report set: unknown field", &["--month", "2026-11", "--field", "nosuch=1"], &["nosuch", "ありません"]),
        set("report set: field without =", &["--month", "2026-11", "--field", "goal_1"], &["--field:", "項目=値"]),
        set("report set: field longer than the form", &["--month", "2026-11", "--field", &format!("goal_1={}", "目".repeat(3000))], &["200字まで", "いま3000字"]),
        set("report set: escape sequence in a field", &["--month", "2026-11", "--field", &format!("goal_1=体調{ESC_CLEAR}")], &["エスケープシーケンス", "取り除いてください"]),
        set("report set: presented after today", &["--month", "2026-11", "--presented", "2027-02-01"], &["対象者提示日", "今日", "より後"]),
        set("report set: presented before created", &["--month", "2026-10", "--presented", "2026-10-01"], &["対象者提示日", "作成日", "より前"]),
        set("report set: presented 11月40日", &["--month", "2026-11", "--presented", "2026-11-40"], &["対象者提示日", "11月40日は存在しません"]),
        cli("due: negative days", &["due", "--within", "-1"], &["--within", "0 以上"]),
        cli("due: days as text", &["due", "--within", "abc"], &["--within", "abc"]),
        cli("due: from 2月30日", &["due", "--from", "2026-02-30"], &["--from:", "2月30日は存在しません"]),
        cli("due: from -1x", &["due", "--from", "-1x"], &["--from:", "-1x", "日付として読み取れません"]),
        cli("due: staff not registered", &["due", "--staff", "nobody"], &["--staff:", "nobody", "登録されていません"]),
        cli("due: staff ESC", &["due", "--staff", ESC_CLEAR], &["--staff:", "登録されていません"]),
        cli("due: format", &["due", "--format", "xml"], &["--format", "xml", "使えません"]),
        cli("due: unknown client", &["due", "--client", "C999"], &["利用者 ID「C999」", "登録されていません"]),
        cli("due: fail-on", &["due", "--fail-on", "late"], &["--fail-on", "late", "使えません"]),
        cli("due: unknown client, no file left", &["due", "--client", "C999", "-o", &out], &["利用者 ID「C999」", "登録されていません"]),
        cli("due: onto the database", &["due", "-o", &db, "--force"], &["データベース"]),
        cli("due: onto a file without --force", &["due", "--format", "ics", "-o", &existing], &["既にあります", "--force"]),
        cli("due: --force without -o", &["due", "--force"], &["--output"]),
        cli("agenda: negative days", &["agenda", "--within", "-1"], &["--within", "0 以上"]),
        cli("agenda: staff not registered", &["agenda", "--staff", "nobody"], &["--staff:", "nobody", "登録されていません"]),
        cli("export: unknown client, no file left", &["export", "--client", "C999", "-o", &out], &["利用者 ID「C999」", "登録されていません"]),
        cli("export: format", &["export", "--format", "csv"], &["--format", "csv", "使えません"]),
        cli("export: onto the database", &["export", "-o", &db, "--force"], &["データベース"]),
        cli("export: onto a file without --force", &["export", "-o", &existing], &["既にあります", "--force"]),
        cli("export: onto a folder", &["export", "-o", &o.dir.to_string_lossy(), "--force"], &["フォルダ"]),
        cli("export: --force without -o", &["export", "--force"], &["--output"]),
        report("export report: month 13", &["--month", "2026-13", "--format", "html"], &["--month:", "2026-13"]),
        report("export report: format", &["--month", "2026-10", "--format", "pdf"], &["--format", "pdf", "使えません"]),
        report("export report: none that month", &["--month", "2026-11", "--format", "html"], &["支援レポートはまだありません"]),
        report("export report: employer copy without consent", &["--month", "2026-10", "--format", "html", "--for-employer"], &["employer_report_sharing", "同意"]),
        plan("export plan: version 0", &["--version", "0", "--format", "html"], &["計画書", "1〜1 版"]),
        plan("export plan: version 9", &["--version", "9", "--format", "xlsx"], &["計画書", "1〜1 版"]),
        plan("export plan: version -1", &["--version", "-1", "--format", "xlsx"], &["--version", "-1", "正しくありません"]),
    ]
}

#[rustfmt::skip]
fn office_cases() -> Vec<Case> {
    let add = |name, extra: &[&str], expect| with(&["staff", "add", "tanaka"], name, extra, expect);
    vec![
        cli("staff add: login ESC", &["staff", "add", "ta\u{1b}[2Jnaka", "--name", "田中"], &["ログイン名", "半角英数字"]),
        cli("staff add: login with a space", &["staff", "add", "ta naka", "--name", "田中"], &["ログイン名", "半角英数字"]),
        add("staff add: role", &["--name", "田中", "--role", "boss"], &["--role:", "boss", "役割ではありません"]),
        add("staff add: empty name", &["--name", ""], &["表示名", "空"]),
        add("staff add: name RLO", &["--name", RLO], &["表示名", "U+202E"]),
        add("staff add: training after today", &["--name", "田中", "--basic-training", "2027-05-01"], &["基礎的研修の修了日", "今日"]),
        add("staff add: misspelt option", &["--name", "田中", "--training", "2026-05-01"], &["--training", "--basic-training"]),
        cli("staff set: not staff", &["staff", "set", "nobody", "--role", "admin"], &["nobody", "登録されていません"]),
        cli("staff remove: not staff", &["staff", "remove", "nobody"], &["nobody", "見つかりません"]),
        cli("settings: unknown key", &["settings", "nosuch", "1"], &["設定「nosuch」はありません"]),
        cli("settings: days as text", &["settings", "warn_days", "abc"], &["warn_days:", "abc", "日数"]),
        cli("settings: days too many", &["settings", "warn_days", "999"], &["期限間近の日数", "0〜365"]),
        cli("settings: negative days", &["settings", "report_municipality_days", "-5"], &["市町村への報告期限の日数", "0〜365"]),
        cli("settings: yes or no", &["settings", "caseload_only", "maybe"], &["caseload_only:", "yes か no"]),
        cli("settings: office name OSC", &["settings", "office_name", OSC_52], &["office_name:", "事業所名", "エスケープシーケンス"]),
        cli("settings: guideline zero width", &["settings", "handover_guideline", ZWSP], &["handover_guideline:", "見えない文字"]),
        cli("settings: responsible of 201 characters", &["settings", "handover_responsible", &"佐".repeat(201)], &["handover_responsible:", "200字まで", "いま201字"]),
        cli("audit: since 2月30日", &["audit", "--since", "2026-02-30"], &["--since:", "2月30日は存在しません"]),
        cli("audit: negative limit", &["audit", "--limit", "-3"], &["--limit", "-3", "正しくありません"]),
        cli("demo: zero clients", &["demo", "--clients", "0"], &["--clients", "1〜30000"]),
    ]
}

/// The options before any command: the reference day and the database.
#[rustfmt::skip]
pub(crate) fn global_cases(o: &Office) -> Vec<Case> {
    let db = o.db.to_string_lossy().into_owned();
    let typo = o.dir.join("typo").join("offce.db").to_string_lossy().into_owned();
    let folder = o.dir.to_string_lossy().into_owned();
    let not_db = o.input("notes.db");
    std::fs::write(&not_db, "メモ\n").expect("write");
    std::fs::set_permissions(&not_db, std::os::unix::fs::PermissionsExt::from_mode(0o600)).expect("chmod");
    let not_db = not_db.to_string_lossy().into_owned();
    let good_file = o.input("fixture.json").to_string_lossy().into_owned();
    vec![
        raw("--today 2月30日", &["--db", &db, "--today", "2026-02-30", "due"], &[], &["--today:", "2月30日は存在しません"]),
        raw("--today 13月 in 和暦", &["--db", &db, "--today", "R8.13.1", "due"], &[], &["--today:", "13月は存在しません"]),
        raw("--today -1x", &["--db", &db, "--today", "-1x", "due"], &[], &["--today:", "-1x", "日付として読み取れません"]),
        raw("--today OSC", &["--db", &db, "--today", OSC_52, "due"], &[], &["--today:", "日付として読み取れません"]),
        raw("TEICHAKU_TODAY as a word", &["--db", &db, "due"], &[("TEICHAKU_TODAY", "xyz")], &["--today:", "xyz"]),
        raw("--db mistyped", &["--db", &typo, "due"], &[], &["offce.db", "ありません", "init"]),
        raw("TEICHAKU_DB mistyped", &["contact", "add", "--client", "C001"], &[("TEICHAKU_DB", &typo)], &["offce.db", "TEICHAKU_DB"]),
        raw("--db a folder", &["--db", &folder, "due"], &[], &["--db:", "フォルダ"]),
        raw("--db a folder, to import into", &["--db", &folder, "import", &good_file], &[], &["--db:", "フォルダ"]),
        raw("--db not a database", &["--db", &not_db, "due"], &[], &["データベースではない"]),
        raw("--demo with --db", &["--demo", "--db", &db, "due"], &[], &["--demo", "--db", "一緒に指定できません"]),
    ]
}
