//! The figures as lines of Japanese text, one section per figure: what
//! `teichaku figures` prints as its table and what the figures screen
//! shows. Lines are meant to fit 80 columns; a warning starts with `!`
//! and an error with `!!`, so neither depends on color.

use std::fmt::Write as _;

use super::{
    Addition, DeductionRisks, Figures, Readiness, RetentionRate, Share, Staffing, Training,
    UsersRule,
};
use crate::model::{AgencyKind, Role};
use crate::text::{fit, for_display};
use crate::wareki;

/// A day in a table's column (R8.4.30), `-` when there is none.
fn day(d: Option<chrono::NaiveDate>) -> String {
    fit(&d.map_or_else(|| "-".to_string(), wareki::format_short), 10)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A section's title.
    Heading,
    Text,
    /// Column heads and notes.
    Dim,
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub kind: Kind,
    pub text: String,
}

struct Out(Vec<Line>);

impl Out {
    fn push(&mut self, kind: Kind, text: impl Into<String>) {
        let text: String = text.into();
        self.0.push(Line {
            kind,
            text: text.trim_end().to_string(),
        });
    }
    fn text(&mut self, t: impl Into<String>) {
        self.push(Kind::Text, t);
    }
    fn dim(&mut self, t: impl Into<String>) {
        self.push(Kind::Dim, t);
    }
    fn warn(&mut self, t: impl AsRef<str>) {
        self.push(Kind::Warning, format!("!  {}", t.as_ref()));
    }
    fn error(&mut self, t: impl AsRef<str>) {
        self.push(Kind::Error, format!("!! {}", t.as_ref()));
    }
    fn heading(&mut self, t: impl AsRef<str>) {
        if !self.0.is_empty() {
            self.push(Kind::Text, "");
        }
        self.push(Kind::Heading, format!("■ {}", t.as_ref()));
    }
}

/// An id and a name in fixed columns.
fn who(id: &str, name: &str) -> String {
    format!(
        "{} {}",
        fit(&for_display(id), 8),
        fit(&for_display(name), 12)
    )
}

/// Hundredths as a number: 12.50.
pub(crate) fn hundredths(v: u32) -> String {
    format!("{}.{:02}", v / 100, v % 100)
}

/// Every section, in order.
pub(crate) fn lines(f: &Figures) -> Vec<Line> {
    let mut o = Out(Vec::new());
    o.push(
        Kind::Heading,
        format!(
            "事業所の実績 {}  基準日 {}",
            f.fiscal_year.label(),
            wareki::format(f.today)
        ),
    );
    o.text(format!(
        "   {}〜{}",
        wareki::format(f.from),
        wareki::format(f.to)
    ));
    rate(&mut o, &f.retention_rate);
    staffing(&mut o, &f.staffing);
    deduction(&mut o, &f.deduction_risks);
    conferences(&mut o, f);
    billing(&mut o, f);
    o.0
}

fn rate(o: &mut Out, r: &RetentionRate) {
    o.heading(format!("就労定着率（{}）", r.clause));
    o.text(format!(
        "   {}〜{} に就労定着支援を始めた人のうち、",
        wareki::format(r.window_from),
        wareki::format(r.window_to)
    ));
    o.text(format!(
        "   {} の終わりに就労を続けている人の割合",
        wareki::format(r.as_of)
    ));
    match r.rate_permille {
        Some(p) => o.text(format!(
            "   {} / {} 人 = {}.{}%（小数点第2位以下切り捨て）",
            r.numerator,
            r.denominator,
            p / 10,
            p % 10
        )),
        None => o.warn(
            "この期間に就労定着支援を始めた人がいません（新たに指定を受けた事業所は、一体的に運営する就労移行支援等の実績で算出: 000 §2(1)ただし書）",
        ),
    }
    o.dim("   離職日が年度末当日の人は、就労を続けている人に数えません。");
    o.dim("   報酬の区分（就労定着率の境目）は報酬告示で確認してください。");
    if r.clients.is_empty() {
        return;
    }
    o.dim(format!(
        "   {} {} {} {}",
        who("ID", "氏名"),
        fit("開始日", 10),
        fit("離職日", 10),
        "年度末"
    ));
    for c in &r.clients {
        let mut line = format!(
            "   {} {} {} {}",
            who(&c.external_id, &c.name),
            day(Some(c.start)),
            day(c.separation),
            if c.employed { "継続" } else { "離職" }
        );
        if let Some(n) = &c.note {
            let _ = write!(line, " {}", for_display(n));
        }
        o.text(line);
    }
}

fn staffing(o: &mut Out, s: &Staffing) {
    o.heading(format!("利用者数と人員（{}）", s.clause));
    o.text(format!("   利用者数: {}", s.rule.label()));
    let users = hundredths(s.users);
    match (s.rule, s.months_from, s.months_to) {
        (UsersRule::Estimate, _, _) => o.text(format!(
            "     就職後6月に達した人 {} 人 × 70% = {users} 人",
            s.count
        )),
        (_, Some(a), Some(b)) => o.text(format!(
            "     {}〜{} の延べ {} 人月 ÷ {} = {users} 人",
            wareki::format_year_month(a),
            wareki::format_year_month(b),
            s.count,
            s.users_denominator
        )),
        _ => o.text(format!("     {users} 人")),
    }
    match s.support_began {
        Some(d) => {
            o.dim(format!(
                "     支援開始 {}（記録上もっとも早い開始日）",
                wareki::format(d)
            ));
            o.dim(format!("     適用日 {}", wareki::format(s.reference_day)));
        }
        None => o.dim("     就労定着支援を始めた人の記録がありません"),
    }
    o.text(format!(
        "   必要な就労定着支援員（常勤換算）: {users} ÷ 40 = {} 人",
        hundredths(s.required_fte)
    ));
    let have = format!(
        "   配置（支援員の常勤換算の合計）: {} 人",
        hundredths(s.fte)
    );
    if s.short {
        o.error(format!("{} — 基準に足りません", have.trim_start()));
    } else {
        o.text(format!("{have} — 基準を満たしています"));
    }
    o.dim("   サービス管理責任者・管理者の常勤換算は含めません");
    for l in &s.staff {
        let fte = l.fte.map_or_else(|| "未入力".to_string(), hundredths);
        let role = match l.role {
            Role::CaseWorker => "支援員",
            Role::Coordinator => "サビ管",
            Role::Admin => "管理者",
        };
        let base = format!("{} {role} {}", who(&l.login, &l.name), fit(&fte, 6));
        match l.training {
            Training::Done => o.text(format!(
                "   {base} 基礎的研修 {}",
                l.basic_training.map(wareki::format).unwrap_or_default()
            )),
            Training::NotRequired => o.text(format!("   {base}")),
            Training::Transition => {
                o.warn(format!("{base} 基礎的研修なし（R10.3.31まで経過措置）"))
            }
            // After R10.3.31 not a 就労定着支援員 at all (000 §3(1)).
            Training::Missing => o.error(format!("{base} 基礎的研修なし・配置に数えない")),
        }
        if l.counted && l.fte.is_none() {
            o.warn(format!(
                "{} の常勤換算が未入力です（teichaku staff set {} --fte 1.0）",
                for_display(&l.name),
                for_display(&l.login)
            ));
        }
    }
    if s.staff.is_empty() {
        o.warn("職員が登録されていません（teichaku staff add）");
    }
}

fn deduction(o: &mut Out, d: &DeductionRisks) {
    o.heading(format!("支援体制構築未実施減算のおそれ（{}）", d.clause));
    let set = |o: &mut Out, ok: bool, what: &str, key: &str| {
        if ok {
            o.text(format!("   ア {what}: 設定あり"));
        } else {
            o.error(format!("ア {what}: 未設定（teichaku settings {key} …）"));
        }
    };
    set(o, d.guideline_set, "引継ぎの指針", "handover_guideline");
    set(
        o,
        d.responsible_set,
        "引継ぎの責任者",
        "handover_responsible",
    );
    o.text(format!(
        "   イ・ウ 要継続支援の利用者（共有の期限 E − 3月 が年度内）: {} 人",
        d.clients.len()
    ));
    if !d.clients.is_empty() {
        o.dim(format!(
            "      {} {} {} 状態",
            who("ID", "氏名"),
            fit("期限", 10),
            fit("共有日", 10)
        ));
    }
    for c in &d.clients {
        let shared = day(c.shared_on);
        let mut state = c.share.label().to_string();
        if let Some(n) = c.days_late {
            let _ = write!(state, "（{n}日遅れ）");
        }
        if c.gap_in_record() {
            state.push_str("、ウ 共有した内容の記録なし");
        }
        if c.unconsented {
            state.push_str("、同意のない共有は数えません");
        }
        let line = format!(
            "{} {} {shared} {state}",
            who(&c.external_id, &c.name),
            day(Some(c.due))
        );
        match c.share {
            Share::Late | Share::Missing => o.error(format!("イ {line}")),
            _ if c.gap_in_record() => o.error(format!("ウ {line}")),
            Share::Pending => o.warn(format!("   {line}")),
            Share::InTime => o.text(format!("      {line}")),
        }
    }
    if d.at_risk() {
        o.error("減算のおそれがあります（措置が1つでも欠けると所定単位数の10%減算）");
    } else {
        o.text("   今のところ減算のおそれはありません");
    }
}

fn agency_letters(a: &[AgencyKind]) -> String {
    let letters: Vec<String> = a
        .iter()
        .filter_map(|k| k.label().chars().next())
        .map(String::from)
        .collect();
    if letters.is_empty() {
        "-".to_string()
    } else {
        letters.join("")
    }
}

fn conferences(o: &mut Out, f: &Figures) {
    let c = &f.conference_addition;
    o.heading(format!("地域連携会議実施加算（{}）", c.clause));
    o.text(format!(
        "   利用者・月ごと: (I) {} 件  (II) {} 件  対象外 {} 件",
        c.count(Some(Addition::One)),
        c.count(Some(Addition::Two)),
        c.count(None)
    ));
    o.dim("   (I) サービス管理責任者が出席 (II) 他の支援員が出席し、結果を共有");
    o.dim("   1月・1年あたりの上限は報酬告示で確認してください。");
    if c.months.is_empty() {
        o.dim("   この年度のケース会議の記録はありません");
        return;
    }
    o.dim(format!(
        "   {} {} 会議 {} 加算",
        fit("月", 7),
        who("ID", "氏名"),
        fit("機関", 9)
    ));
    for m in &c.months {
        let verdict = match (m.addition, m.reason) {
            (Some(a), _) => a.label().to_string(),
            (None, Some(r)) => format!("対象外: {r}"),
            (None, None) => "対象外".to_string(),
        };
        let line = format!(
            "   {} {} {} {} {verdict}",
            fit(&wareki::format_short_month(m.month), 7),
            who(&m.external_id, &m.name),
            fit(&m.conferences.to_string(), 4),
            fit(&agency_letters(&m.agencies), 9)
        );
        if m.addition.is_some() {
            o.text(line);
        } else {
            o.warn(line.trim_start());
        }
    }
}

fn billing(o: &mut Out, f: &Figures) {
    let b = &f.billing;
    o.heading(format!("請求前の確認（{}）", b.clause));
    o.dim("   対面支援（面接・テレビ電話）と支援レポートの提示がそろった月が算定できます");
    if b.summary.is_empty() {
        o.dim("   この年度はまだ始まっていません");
        return;
    }
    o.dim(format!(
        "   {} {} {} {} {}",
        fit("月", 7),
        fit("対象", 6),
        fit("算定可", 6),
        fit("算定不可", 8),
        "月内未了"
    ));
    for s in &b.summary {
        let line = format!(
            "   {} {:>6} {:>6} {:>8} {:>8}",
            fit(&wareki::format_short_month(s.month), 7),
            s.clients,
            s.billable,
            s.not_billable,
            s.pending
        );
        if s.not_billable > 0 {
            o.warn(line.trim_start());
        } else {
            o.text(line);
        }
    }
    let missing: Vec<_> = b
        .months
        .iter()
        .filter(|m| m.readiness == Readiness::NotBillable)
        .collect();
    if missing.is_empty() {
        return;
    }
    o.text(format!(
        "   {}の利用者・月: {} 件",
        Readiness::NotBillable.label(),
        missing.len()
    ));
    for m in missing {
        o.warn(format!(
            "{} {} {}",
            fit(&wareki::format_short_month(m.month), 7),
            who(&m.external_id, &m.name),
            for_display(&m.reasons.join("、"))
        ));
    }
}
