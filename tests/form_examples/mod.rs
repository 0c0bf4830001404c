//! The notice's 作成例 of the 支援レポート (別紙様式1), moved to the test
//! client's November, a filled 計画書 (別紙様式2) in the same voice, and
//! every field at its longest: what the printing tests enter through the
//! CLI (`report set`, `import`) and export to print.

#![allow(dead_code)] // each test binary uses part of this

use std::path::Path;
use std::process::Output;

#[path = "../binary/mod.rs"]
mod binary;

/// 別紙様式1's 作成例 of the notice, moved to this client's November.
pub(crate) const REPORT_EXAMPLE: [(&str, &str); 18] = [
    ("record_1_date", "11月2日"),
    ("record_1_place", "その他（自宅）"),
    ("record_1_method", "電話"),
    ("record_2_date", "11月5日"),
    ("record_2_place", "雇用事業主内"),
    ("record_2_method", "面接"),
    (
        "goal_1",
        "①就業中の環境変化(異動に伴う、職場の人間関係、役割分担の変化)による影響を把握し、ストレス対処の方法について必要な助言等を行います。",
    ),
    (
        "goal_2",
        "②継続勤務による疲労により体調・気分の変化が生じやすいため、引き続いて毎日の疲労度・気分の状態を把握し、これまで実践してきた体調管理の方法が適切に履行されるように必要な助言等を行います。",
    ),
    (
        "goal_3",
        "③主治医の診察時にご自身の状況について的確に伝えられるように、疲労度・気分の状況を踏まえた報告の仕方について相談します。",
    ),
    (
        "done_1",
        "職場の定期異動があった初日(11/2)の勤務時間後、ご本人に対して電話により新しい上司や同僚の様子や、仕事の状況と共に、環境変化によって不安に感じたことがなかったかを確認しました。11/5には雇用事業主を訪問し、新しい職場上司との顔合わせ、前任者からの引き継ぎ事項の確認を行うと共に、ご本人に対して休憩の取り方(給水やトイレ休憩を意識して取ること)や、困った時のSOSの出し方について確認を行いました。",
    ),
    (
        "result_1",
        "11/2時点では、新しい上司や同僚がご自身の障害について正しく把握しているかという点について不安を感じていましたが、11/5の訪問時に課長から前任者との引き継ぎ事項を教えて頂き、新しい上司や同僚にもご本人の障害状況について情報共有されていることが分かり、ご本人の不安が軽減しました。仕事の内容もこれまでと変わらないことを確認していますが、職場では、いつもより多めに休憩を確保され、11/28時点では強い疲労を感じることなく働くことができています。",
    ),
    (
        "done_2",
        "前月に引き続いて、月末の相談にあわせて体調チェック表をメールで報告いただき、11/28に行った事業所での相談において、体調変化への対処方法等について助言を行いました。",
    ),
    (
        "result_2",
        "これまで実施してきた体調管理の方法(①8時間睡眠の確保、②休日のうち1日は完全休息)のうち、今月は睡眠時間を確保ができなかった日が多い結果でした。緊張感をほぐすために好きな映画を視聴して、就寝が遅れることがあったということです。この結果を受けて11/28の相談において、まずは睡眠時間が8時間に満たない日が続くことがないように確認しました。",
    ),
    (
        "done_3",
        "11/28の相談において、疲労度や気分の状況、ご自身の体調管理の方法について振り返り、連休明けの通院の際に主治医に伝えるポイントを整理しました。",
    ),
    (
        "result_3",
        "主治医に対して説明するポイント2点(仕事の状況、疲労度・気分の波の原因と対処方法)、確認したい点1点(今後の薬を減らしていく時期や方法)についてメモにまとめて、連休明けの診察時に活用する予定です。",
    ),
    (
        "next_support",
        "ご本人が以前から心配されていた11月の定期異動による影響は少なかったものの、引き続いて職場での過ごし方や、疲労を翌日に持ち越さないための睡眠時間の確保は課題になると考えられますので、月1回の職場訪問において職場での過ごし方を確認すると共に、体調チェック表の共有を通じて、体調管理の方法(①8時間睡眠の確保、②休日のうち1日は完全休息)が履行できるように助言等を行っていきます。\n日常生活面では主治医の診察や銀行や市役所での手続き等、必要なことを的確に伝えられるか不安に感じていらっしゃるため、引き続いて毎月1回の相談機会を設定して、相手に伝えるポイントの整理をお手伝いすると共に、ご本人のみでは伝えることが難しい場合等は同席して補足説明を行う等の支援を行います。",
    ),
    (
        "effort_client",
        "・体調チェック表の作成と振り返りを行い、以前確認した体調管理の方法(①8時間睡眠の確保、②休日のうち1日は完全休息)が履行されるように心がけて下さい。\n・職場においては仕事内容に不安を感じた時は上司に対して早めの相談、11月と同様に給水やトイレ休憩を意識的に取るように心がけて下さい。",
    ),
    (
        "effort_employer",
        "・環境変化や仕事のやり方の変化があった場合に、対応方法が分からずに緊張が強くなる傾向がおありですので、引き続いて変更を前もって説明いただくこと、対応に困った時の相談の窓口を伝えていただくようお願いいたします。",
    ),
];
pub(crate) const REPORT_SHARED: &str = "令和9年1月で支援開始から6ヶ月となり、個別支援計画の見直しを行います。これまでの支援レポートを振り返って、今後6ヶ月間で引き続き支援が必要な項目、新たに支援が必要な項目を検討していきます。個別支援計画に盛り込んで欲しい支援内容等があれば、来月の相談において確認いたします。";

/// An ordinary month of the same client, every field of the report filled
/// at about the lengths of the notice's 作成例 (a few printed lines each,
/// 支援実施内容 and 支援結果 a paragraph): what a report usually holds,
/// which must print on one A4 page.
pub(crate) const REPORT_TYPICAL: [(&str, &str); 26] = [
    ("record_1_date", "11月4日"),
    ("record_1_place", "雇用事業主内"),
    ("record_1_method", "面接"),
    ("record_2_date", "11月11日"),
    ("record_2_place", "その他（自宅）"),
    ("record_2_method", "電話"),
    ("record_3_date", "11月18日"),
    ("record_3_place", "事業所内"),
    ("record_3_method", "面接"),
    ("record_4_date", "11月25日"),
    ("record_4_place", "雇用事業主内"),
    ("record_4_method", "面接"),
    (
        "goal_1",
        "年末に向けて業務量が増える時期のため、作業の優先順位の付け方を一緒に確認し、残業が続かないよう働き方を調整します。",
    ),
    (
        "goal_2",
        "睡眠時間と休日の過ごし方を体調チェック表で振り返り、疲れをためない生活リズムが続くように助言します。",
    ),
    (
        "goal_3",
        "職場での報告・相談の仕方について、困ったときに早めに上司へ伝える練習を続けます。",
    ),
    (
        "done_1",
        "11/4に職場を訪問し、総務課の課長と本人の三者で年末までの業務予定を確認しました。入力作業の締切が重なる週は、郵便物の仕分けを同僚が一部担当する調整をお願いしました。11/25の訪問でも作業の進み具合を確認しました。",
    ),
    (
        "result_1",
        "業務の分担が決まったことで、本人から「何から手を付ければよいか分かった」との発言がありました。11月の残業は2日（各30分）にとどまり、締切前も大きな疲れの訴えはありませんでした。課長からも、作業の正確さは保たれているとの評価をいただきました。",
    ),
    (
        "done_2",
        "11/11の電話と11/18の事業所での相談で、体調チェック表をもとに睡眠時間と休日の過ごし方を振り返り、疲れを感じた日の対処について助言しました。",
    ),
    (
        "result_2",
        "平日の睡眠は概ね7時間を確保できていましたが、休日に外出が続いた翌週は疲労度が高い傾向が見られました。休日のうち1日は自宅で休む日とすることを本人と確認しました。",
    ),
    (
        "done_3",
        "11/18の相談で、上司への報告の仕方をロールプレイで練習し、困ったときに使う相談メモの書き方を一緒に考えました。",
    ),
    (
        "result_3",
        "相談メモを使って、11/25に本人から課長へ作業手順の確認を申し出ることができました。今後も自分から伝えられた経験を積み重ねていくことを確認しました。",
    ),
    (
        "next_support",
        "年末年始は業務量の増減と休暇による生活リズムの変化が予想されるため、12月も月1回の職場訪問と月2回の相談を継続し、業務量と体調の変化を早めに把握します。\n休暇明けに疲れが出やすいことから、1月の初回出勤後に電話で様子を確認し、必要に応じて課長と業務の調整を行います。報告・相談の練習は、相談メモの活用を中心に続けます。",
    ),
    (
        "effort_client",
        "・体調チェック表を毎日記入し、月末の相談に持参してください。\n・困ったときは相談メモを使い、早めに課長へ伝えてください。",
    ),
    (
        "effort_employer",
        "・締切が重なる時期は、作業の優先順位を前もってお伝えいただくようお願いいたします。\n・年末の業務分担に変更があれば、事前に本人へご説明ください。",
    ),
    (
        "effort_agencies",
        "・障害者就業・生活支援センター：休日の過ごし方について、生活面の相談を引き続きお願いします。\n・主治医：12月の受診時に睡眠の状況を報告します。",
    ),
    (
        "shared",
        "12月は年末の業務が増えるため、訪問日を12月9日（水）に予定しています。年始は1月6日（火）に電話で様子を確認します。体調面で気になることがあれば、いつでも事業所までご連絡ください。",
    ),
];

/// A 計画書 for the same client in the notice's voice (the notice gives the
/// blank form only), every field of the form filled.
pub(crate) const PLAN_EXAMPLE: [(&str, &str); 45] = [
    ("author", "田中 一郎"),
    ("evaluator", "田中 一郎"),
    ("support_category", "区分3"),
    ("handbook", "精神"),
    ("approval_manager", "小林"),
    ("approval_coordinator", "中村"),
    ("approval_staff", "田中"),
    ("industry", "製造業"),
    ("employer_address", "東京都港区芝公園1-2-3"),
    ("employer_phone", "03-1234-5678"),
    (
        "handover_notes",
        "就労移行支援事業所より：疲労が溜まると表情が硬くなり、報告が遅れがち。体調チェック表（毎日記入）を職場と共有して体調の波を把握してきた。困った時のSOSの出し方を練習中。",
    ),
    (
        "env_physical",
        "休憩室あり（昼休みは一人で過ごせる席を確保）。コピー機の音がやや大きい。",
    ),
    (
        "env_human",
        "キーパーソンは総務課の課長。同僚は5名、仕事の指示は課長に一本化。",
    ),
    (
        "duties",
        "総務課での書類のデータ入力、郵便物の仕分けと配布、会議室の準備・片付け。午前は入力、午後は仕分けと配布の流れで固定。",
    ),
    ("employment_form", "パート・アルバイト"),
    ("wage", "時給1,100円"),
    ("holidays", "土日祝"),
    ("hours", "9:00～16:00（60分）"),
    (
        "agencies",
        "障害者就業・生活支援センター（生活面の相談）、主治医（月1回の通院）、特定相談支援事業所（サービス等利用計画）",
    ),
    (
        "health",
        "うつ病。服薬あり（朝・夕）。月1回通院。疲労が溜まると睡眠が乱れやすい。",
    ),
    (
        "living",
        "両親と同居。家事は一部自立（洗濯・自室の掃除）。金銭管理は本人。",
    ),
    (
        "needs",
        "今の職場で長く働き続けたい。体調を崩さずに、仕事の幅を少しずつ広げたい。",
    ),
    (
        "long_goal",
        "体調管理を自分で行い、今の職場で安定して働き続ける。",
    ),
    ("long_set", "2026-10-15"),
    ("long_due", "2027-10-14"),
    ("long_result", "一部"),
    (
        "short_goal",
        "体調チェック表を毎日つけ、疲れた時に自分から休憩を申し出る。",
    ),
    ("short_set", "2026-10-15"),
    ("short_due", "2027-04-14"),
    ("short_result", "達成"),
    (
        "item_1",
        "月1回の職場訪問で職場での過ごし方を確認し、課長と情報共有する。",
    ),
    ("item_1_period", "10月15日～4月14日"),
    ("item_1_done", "実施"),
    ("item_1_achieved", "達成"),
    (
        "item_1_issues",
        "異動の時期に不安が強まる。前もって説明いただくよう事業主に依頼する。",
    ),
    (
        "item_2",
        "月末の相談で体調チェック表を振り返り、睡眠時間の確保について助言する。",
    ),
    ("item_2_period", "10月15日～4月14日"),
    ("item_2_done", "一部"),
    ("item_2_achieved", "未達成"),
    ("item_3_done", "未実施"),
    (
        "special_notes",
        "障害は職場に開示済み。支援レポートを事業主と共有することに本人が同意している。",
    ),
    (
        "summary",
        "職場の異動による影響は少なく、体調管理の方法も定着しつつある。睡眠時間の確保を引き続き支援する。",
    ),
    ("consent_date", "2026-10-20"),
    ("consent_client", "山田 太郎"),
    ("report_to", "相談支援センターあおば 佐藤"),
];

pub(crate) const TODAY: &str = "2026-11-30";

/// The command, run in `dir`; fails the test unless it succeeded.
pub(crate) fn run(db: &Path, dir: &Path, args: &[&str]) -> Output {
    let o = binary::Bin { today: TODAY }.run_in(dir, db, args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

pub(crate) fn imported() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spec_example.json");
    run(
        &db,
        dir.path(),
        &["import", fixture.to_str().expect("utf8")],
    );
    (dir, db)
}

/// Exports the report of `month` as `name`.xlsx and `name`.html.
pub(crate) fn export_report(db: &Path, d: &Path, month: &str, name: &str) {
    for f in ["xlsx", "html"] {
        let file = format!("{name}.{f}");
        run(
            db,
            d,
            &[
                "export", "report", "--client", "C001", "--month", month, "--format", f, "-o",
                &file,
            ],
        );
    }
}

/// `fields` entered into C001's November report with `report set` (提示日
/// the day), exported as `name`.xlsx and `name`.html.
pub(crate) fn report_with(fields: &[(String, String)], name: &str) -> tempfile::TempDir {
    let (dir, db) = imported();
    let mut args: Vec<String> = ["report", "set", "--client", "C001", "--month", "2026-11"]
        .map(String::from)
        .to_vec();
    for (k, v) in fields {
        args.push("--field".into());
        args.push(format!("{k}={v}"));
    }
    args.extend(["--presented", "2026-11-30"].map(String::from));
    run(
        &db,
        dir.path(),
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    export_report(&db, dir.path(), "2026-11", name);
    dir
}

/// The 作成例 entered with `report set`, exported as example.xlsx/.html.
pub(crate) fn report_example() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, db) = imported();
    let mut args: Vec<String> = ["report", "set", "--client", "C001", "--month", "2026-11"]
        .map(String::from)
        .to_vec();
    for (k, v) in REPORT_EXAMPLE {
        args.push("--field".into());
        args.push(format!("{k}={v}"));
    }
    args.push("--field".into());
    args.push(format!("shared={REPORT_SHARED}"));
    args.extend(["--presented", "2026-11-30"].map(String::from));
    run(
        &db,
        dir.path(),
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    export_report(&db, dir.path(), "2026-11", "example");
    (dir, db)
}

/// The fixture's client with its first plan's `fields` replaced, imported,
/// and that plan exported as plan.xlsx and plan.html.
pub(crate) fn plan_with(fields: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let db = d.join("t.db");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spec_example.json");
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture).expect("fixture")).expect("json");
    let fields: serde_json::Map<String, serde_json::Value> = fields
        .iter()
        .map(|(k, v)| (k.to_string(), serde_json::Value::from(*v)))
        .collect();
    doc["clients"][0]["plans"][0]["fields"] = fields.into();
    std::fs::write(d.join("in.json"), doc.to_string()).expect("write");
    run(&db, d, &["import", "in.json"]);
    for f in ["xlsx", "html"] {
        let file = format!("plan.{f}");
        run(
            &db,
            d,
            &[
                "export", "plan", "--client", "C001", "--format", f, "-o", &file,
            ],
        );
    }
    dir
}

/// The limit of a field the form fills from the records (it has no `max`
/// of its own: the record field's limit is the printed form's).
fn record_limit(id: &str) -> usize {
    match id {
        "sex" => 4,
        "employer_phone" | "staff_name" => 20,
        "industry" | "employer_contact" => 30,
        "client_name" | "kana" | "office_name" => 40,
        "employer" => 60,
        "employer_address" => 80,
        _ => 20,
    }
}

/// Every text field of the form definition `file` at the longest the
/// form allows, each ending in its own marker `[n]` (one word, never
/// broken over two lines); choices and dates set.
pub(crate) fn longest(file: &str) -> Vec<(String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/forms")
        .join(file);
    let def: toml::Value =
        toml::from_str(&std::fs::read_to_string(path).expect("form")).expect("toml");
    let filler = "職場での過ごし方と体調管理の方法について確認し、助言しました。";
    let text = |n: usize, max: usize| {
        let marker = format!("[{n}]");
        let body: String = filler
            .chars()
            .cycle()
            .take(max - marker.chars().count())
            .collect();
        format!("{body}{marker}")
    };
    let mut out = Vec::new();
    for s in def["sections"].as_array().expect("sections") {
        for f in s
            .get("fields")
            .and_then(|f| f.as_array())
            .into_iter()
            .flatten()
        {
            let id = f["id"].as_str().expect("id").to_string();
            let n = out.len();
            let v = match f["kind"].as_str().expect("kind") {
                "date" => "2026-11-30".to_string(),
                "choice" => f["choices"]
                    .as_array()
                    .and_then(|c| c.last())
                    .and_then(|c| c.as_str())
                    .expect("choice")
                    .to_string(),
                _ => text(
                    n,
                    f.get("max")
                        .and_then(|m| m.as_integer())
                        .map_or_else(|| record_limit(&id), |m| m as usize),
                ),
            };
            out.push((id, v));
        }
        if let Some(t) = s.get("table") {
            let prefix = t["prefix"].as_str().expect("prefix");
            for row in 1..=t["rows"].as_integer().expect("rows") {
                for c in t["columns"].as_array().expect("columns") {
                    let id = format!("{prefix}_{row}_{}", c["id"].as_str().expect("id"));
                    let v = text(out.len(), c["max"].as_integer().expect("max") as usize);
                    out.push((id, v));
                }
            }
        }
    }
    out
}
