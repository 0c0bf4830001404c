//! `rules --format markdown`: the document committed as docs/RULES.md. The
//! rules come from `RULES`, the statuses from `Status`, and every date in
//! the examples is computed by `crate::dates`, the functions the engine
//! uses, so the text cannot disagree with what the program does.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::dates::{YearMonth, month_k, months_before, months_overlapping, period_end};
use crate::model::{Settings, Status};
use crate::obligations::{RULES, Recurrence};

/// Where the generated file lives, and how to make it again.
pub(super) const REGENERATE: &str = "teichaku rules --format markdown > docs/RULES.md";

const INTRO: &str = "\
teichaku が利用者ごとに計算する義務 (期限のある対応) の一覧です。画面のタイムライン、
期限一覧、`teichaku due` はすべてこの表に従います。この文書はプログラムの中のルール表
(`src/obligations/rules.rs`) から `teichaku rules --format markdown` で作られたもので、
日付の例もプログラム自身の計算結果です。端末では `teichaku rules` で同じ内容を見られます。

*English: the obligations teichaku computes for each client, generated from the program's
own rule table (`teichaku rules --format markdown`); ids are a public contract and never
change.*
";

/// The Markdown document.
pub fn markdown() -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# 義務の一覧 (teichaku のルール表)\n");
    let _ = writeln!(
        out,
        "<!-- 生成されたファイルです。手で書き換えず、src/obligations/rules.rs を直してから \
         `{REGENERATE}` で作り直してください。 -->\n"
    );
    out.push_str(INTRO);
    symbols(&mut out);
    summary(&mut out);
    details(&mut out);
    statuses(&mut out);
    dates(&mut out);
    sources(&mut out);
    out
}

/// A table cell: no line breaks, `|` escaped.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn symbols(out: &mut String) {
    out.push_str(
        "
## 記号

| 記号 | 意味 |
|---|---|
| A | 起算日 (1日目)。支援の類型で決まる: 通常は就職日、労働時間延長支援型は就労移行支援等の終了日の翌日、復職支援型は復職日 |
| k月目 | A を1日目として数えた k 番目の月 (「日付の数え方」を参照) |
| S | 就労定着支援の開始日 (記録された日。通常は6月目の末日の翌日) |
| E | 支援期間の終了日: S から3年 (36月) の期間の末日と、A から3年6月 (42月) の期間の末日の、早いほう |
",
    );
}

fn summary(out: &mut String) {
    out.push_str(
        "
## 一覧

期限の早い順 (同じ日なら表の順) に並びます。区分の「必須」は通知が義務とするもの、
「努力義務」は努めるべきもの、「情報」は期限の目安として示すだけのものです。

| 段階 | ID | 項目 | 期限 | 繰り返し | 区分 |
|---|---|---|---|---|---|
",
    );
    for r in RULES {
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} | {} | {} |",
            r.stage,
            r.id,
            cell(r.title),
            cell(r.due),
            r.recurrence.label(),
            r.severity.label()
        );
    }
}

fn details(out: &mut String) {
    out.push_str("\n## 各義務\n");
    for r in RULES {
        let recurrence = match r.recurrence {
            Recurrence::Once => "",
            Recurrence::Monthly => "。S～E に重なる月それぞれに1件",
            Recurrence::EverySixMonths => "。前回の計画・見直しから数えて次々に",
        };
        let _ = write!(
            out,
            "\n### `{}`\n\n**{}** — {}\n\n{}\n\n\
             - 段階: {}\n\
             - 区分: {} (`{}`)\n\
             - 繰り返し: {} (`{}`){}\n\
             - 対応期間の開始: {}\n\
             - 期限: {}\n\
             - 対象: {}\n\
             - 完了の条件: {}\n\
             - 根拠: {}\n",
            r.id,
            r.title,
            r.short,
            r.text,
            r.stage,
            r.severity.label(),
            r.severity.as_str(),
            r.recurrence.label(),
            r.recurrence.as_str(),
            recurrence,
            r.window,
            r.due,
            r.applies,
            r.satisfied_by,
            r.clause
        );
    }
}

/// What a status means. Exhaustive, so a new status needs its words here.
fn meaning(s: Status, warn_days: i64) -> String {
    match s {
        Status::Overdue => "期限を過ぎても完了していない".into(),
        Status::DueSoon => {
            format!("期限まで{warn_days}日以内で未完了 (日数は事業所の設定、既定は{warn_days}日)")
        }
        Status::Open => "対応期間に入っている".into(),
        Status::Upcoming => "対応期間はまだ先".into(),
        Status::Done => "満たす記録がある。期限後の記録なら「完了(遅延)」".into(),
        Status::Waived => "この利用者には当てはまらない。理由を添えて「対象外(理由)」".into(),
    }
}

fn statuses(out: &mut String) {
    let warn_days = Settings::default().warn_days;
    out.push_str(
        "
## 状態

ある日 (基準日) の各義務の状態です。色だけでなく、記号と言葉でも示します。

| 記号 | 状態 | id | 意味 |
|---|---|---|---|
",
    );
    for s in Status::ALL {
        let _ = writeln!(
            out,
            "| `{}` | {} | `{}` | {} |",
            s.glyph(),
            s.label(),
            s.as_str(),
            meaning(*s, warn_days)
        );
    }
    out.push_str(
        "
離職日が記録されると、離職日より後が期限で未完了の義務はすべて「対象外(離職)」になります
(支援期間の終了 `end.support_end` も、期限の日が過ぎても「対象外(離職)」のままです)。
完了したものと、離職日より前に期限を過ぎていたものはそのまま残ります (記録の履歴は消えません)。
離職の後の新しい就職では、期限は新しい就職の起算日から数え直し、前の就職の離職日までの記録は数えません。

ケースを終結すると (終結日と理由: 支援終了・離職・転居・死亡・その他)、終結日より後が期限で
未完了の義務は「対象外(理由)」になり、その利用者は一覧と `due` から外れます (記録は残り、
`--include-closed` で表示できます。終結は取り消せます)。

職員は、未完了の義務を一つ (月ごとの義務は一月分) 理由を添えて対象外にできます (入院中・
連絡不能・本人の意向など)。「対象外(理由)」と判断した職員・日付が残り、取り消せます。
完了した義務は対象外にできません。
",
    );
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn dates(out: &mut String) {
    out.push_str(
        "
## 日付の数え方

期間は民法第143条の数え方で数えます。「D を1日目とする N 月の期間」の末日
(以下「D から N 月の期間の末日」) は:

- D が月の1日なら、D の月から数えて N 番目の月の末日。
- そうでなければ、N 月後の同じ日 (応当日) の前日。その月に同じ日がなければ、その月の末日。

| 1日目 D | 月数 N | 期間の末日 | |
|---|---|---|---|
",
    );
    for (d, n, why) in [
        (day(2026, 4, 15), 6, "応当日 10月15日の前日"),
        (day(2026, 4, 1), 6, "1日始まり: 6番目の月 (9月) の末日"),
        (day(2026, 8, 31), 6, "2月31日はないので2月の末日"),
        (day(2027, 8, 30), 6, "うるう年: 2月30日はないので2月29日"),
    ] {
        let _ = writeln!(out, "| {d} | {n} | {} | {why} |", period_end(d, n));
    }

    let a = day(2026, 4, 15);
    let _ = write!(
        out,
        "
**k月目** (A を1日目として k 番目の月) は、A から k−1 月の期間の末日の翌日に始まり
(1月目は A から)、A から k 月の期間の末日に終わります。A = {a} の場合:

| k月目 | 初日 | 末日 |
|---|---|---|
"
    );
    for k in 1..=6 {
        let (from, to) = month_k(a, k);
        let _ = writeln!(out, "| {k}月目 | {from} | {to} |");
    }

    let s = period_end(a, 6).succ_opt().unwrap_or(a);
    let e = period_end(s, 36).min(period_end(a, 42));
    let late_s = day(2027, 7, 15);
    let late_e = period_end(late_s, 36).min(period_end(a, 42));
    let _ = write!(
        out,
        "
**支援期間 S～E**: S は記録された就労定着支援の開始日で、通常は6月目の末日の翌日
(A = {a} なら S = {s}) です。E は S から36月の期間の末日と、A から42月の期間の末日の
早いほうです。

- A = {a}, S = {s}: S から36月の末日 {s36}、A から42月の末日 {a42} → E = {e}。
- 7月目に利用を希望せず、後から申し込んだ場合 (A = {a}, S = {late_s}): S から36月の末日は
  {late_s36} ですが、A から3年6月を越えられないので E = {late_e}
  (就職から1年3月たっていれば、残りは2年3月)。

**「E の3月以上前」** (`end.handover_share`) は、E の3月前の同じ日 (その月に同じ日がなければ
その月の末日) 以前のことです。E = {e} なら {e3} まで、E = 2029-05-31 なら {clamp} まで。

**計画の見直し** (`ret.plan_review`) は、前回の計画作成日または見直し日から6月の期間の末日が
期限です。{s} に計画を作ったら、次の見直しは {review} までに。

**月ごとの義務** (`ret.monthly_*`) は、S～E に1日でも重なる暦月 (請求の単位となる月) ごとに
1件で、期限はその月の末日です。最初と最後の端数の月も含み、その場合は S～E 内の日付の記録
だけを数えます。S = {s}, E = {e} なら {first} から {last} までの {count} か月です。
",
        s36 = period_end(s, 36),
        a42 = period_end(a, 42),
        late_s36 = period_end(late_s, 36),
        e3 = months_before(e, 3),
        clamp = months_before(day(2029, 5, 31), 3),
        review = period_end(s, 6),
        first = YearMonth::of(s),
        last = YearMonth::of(e),
        count = months_overlapping(s, e).count(),
    );
}

fn sources(out: &mut String) {
    out.push_str(
        "
## 根拠の略号

- **000** — 「就労定着支援の実施について」(令和3年3月30日 障障発0330第1号、最終改正
  令和6年3月29日 障障発0329第6号、厚生労働省 障害保健福祉部障害福祉課長通知)。§ の後は
  その通知の項番号 (例: 000 §1(1)② は 1 の (1) の ②「就職後2～3月目」)。別添は連携フロー。
- **003 就労移行支援事業の適正な実施について** — 厚生労働省 障害保健福祉部障害福祉課長通知
  「就労移行支援事業の適正な実施について」(令和2年2月1日適用)。就職した利用者を支給決定
  市町村へ適時に報告すること (参考様式「一般就労へ移行した利用者一覧表」)。
",
    );
}
