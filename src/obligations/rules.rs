//! The rule table: each obligation id with its title, the clause of the
//! notice it comes from, the text shown in the detail pane, and — in words,
//! for `teichaku rules` and docs/RULES.md — its stage, window, due day,
//! recurrence, when it applies and what satisfies it. The words describe
//! what before_retention.rs and retention.rs compute; change them together.

use crate::model::{ObligationId, Severity};

/// How often an obligation comes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Recurrence {
    /// Once per employment.
    Once,
    /// Once for each calendar month overlapping the support period S..E.
    Monthly,
    /// A chain: each one due 6 months after the previous plan or review.
    EverySixMonths,
}

impl Recurrence {
    /// The id in `teichaku rules --format json`.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Recurrence::Once => "once",
            Recurrence::Monthly => "monthly",
            Recurrence::EverySixMonths => "every_6_months",
        }
    }

    /// The label shown to people.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Recurrence::Once => "1回",
            Recurrence::Monthly => "暦月ごと",
            Recurrence::EverySixMonths => "6月ごと",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rule {
    pub id: &'static str,
    /// The stage of the flow: ①就職前, ②2～3月目, ③4～5月目, ④6月目,
    /// 就労定着支援 or 終了.
    pub stage: &'static str,
    /// The title in docs/RULES.md (shown in `due` and the timeline).
    pub title: &'static str,
    /// A short name for narrow columns.
    pub short: &'static str,
    pub clause: &'static str,
    /// The rule in a sentence or two, for the detail pane.
    pub text: &'static str,
    pub severity: Severity,
    pub recurrence: Recurrence,
    /// When the window opens (its first day), in words.
    pub window: &'static str,
    /// The due day, in words.
    pub due: &'static str,
    /// When it applies, and when it is waived (対象外).
    pub applies: &'static str,
    /// Which record completes it.
    pub satisfied_by: &'static str,
}

use Recurrence::{EverySixMonths, Monthly, Once};
use Severity::{Effort, Info, Required};

const PRE: &str = "①就職前";
const M23: &str = "②2～3月目";
const M45: &str = "③4～5月目";
const M6: &str = "④6月目";
const RET: &str = "就労定着支援";
const END: &str = "終了";
const CERT: &str = "受給者証";

/// Stages ①–④ and the plan: a contact (or plan) dated after the due day
/// still completes the step, marked late.
const LINKED_CONTACT: &str = "この義務 ID を結び付けた支援記録 (期限後の日付でも完了(遅延)になる)";
const FROM_DECISION: &str = "就職先の決定日 (未記録なら A の前日)";
const ALWAYS: &str = "すべての支援類型 (通常・労働時間延長支援型・復職支援型)";
const IF_NOT_DECLINED: &str = "利用意向が「希望しない」なら対象外 (利用希望なし)。「未確認」のままなら期限を残し、利用意向が未確認である旨の警告を付ける";
const EACH_MONTH: &str = "S～E に重なる暦月ごと (最初と最後の端数月も含む)";
const MONTH_OPENS: &str = "各暦月の初日 (最初の月は S)";
const MONTH_DUE: &str = "その暦月の末日";

pub(crate) static RULES: &[Rule] = &[
    Rule {
        id: ObligationId::PRE_NEEDS_ASSESSMENT.as_str(),
        stage: PRE,
        title: "就職後の職場定着支援のニーズ把握・支援方法の相談",
        short: "ニーズ把握・相談",
        clause: "000 §1(1)①",
        text: "就職先の決定から就職日の前日までに、就職後の職場定着支援のニーズを把握し、支援の実施方法等について相談する。",
        severity: Required,
        recurrence: Once,
        window: FROM_DECISION,
        due: "A の前日",
        applies: ALWAYS,
        satisfied_by: LINKED_CONTACT,
    },
    Rule {
        id: ObligationId::PRE_INFORM_SERVICE.as_str(),
        stage: PRE,
        title: "7月目から就労定着支援が利用できることの情報提供",
        short: "定着支援の情報提供",
        clause: "000 §1(1)①",
        text: "就職前に、就職後6月経過後から就労定着支援が一定期間利用可能であることを対象者に情報提供する。",
        severity: Required,
        recurrence: Once,
        window: FROM_DECISION,
        due: "A の前日",
        applies: ALWAYS,
        satisfied_by: LINKED_CONTACT,
    },
    Rule {
        id: ObligationId::PRE_REPORT_MUNICIPALITY.as_str(),
        stage: PRE,
        title: "就職したことを支給決定市町村へ報告",
        short: "市町村へ就職報告",
        clause: "003 就労移行支援事業の適正な実施について (一般就労へ移行した利用者一覧表)",
        text: "就職したことを支給決定市町村へ適時に報告する (既定: 就職日から14日以内。事業所の設定で変更可)。通常型のみ。",
        severity: Required,
        recurrence: Once,
        window: FROM_DECISION,
        due: "A から14日後 (通知は「適時に」とだけ定める。日数は事業所の設定で変更でき、既定は14日)",
        applies: "通常型のみ。労働時間延長支援型・復職支援型は対象外 (通常型のみ)",
        satisfied_by: LINKED_CONTACT,
    },
    Rule {
        id: ObligationId::M23_CONFIRM_INTENT.as_str(),
        stage: M23,
        title: "就労定着支援の利用意向の確認",
        short: "利用意向の確認",
        clause: "000 §1(1)②",
        text: "就職後2～3月目に、対象者に就労定着支援の利用の意向を確認する。",
        severity: Required,
        recurrence: Once,
        window: "就職後2月目の初日",
        due: "就職後3月目の末日",
        applies: ALWAYS,
        satisfied_by: LINKED_CONTACT,
    },
    Rule {
        id: ObligationId::M23_SHARE_STATUS.as_str(),
        stage: M23,
        title: "本人同意の上、特定相談支援事業所・就労定着支援事業所へ状況共有、生活面の支援の相談",
        short: "状況共有・生活面相談",
        clause: "000 §1(1)②",
        text: "就職後2～3月目に、対象者の同意の上で、特定相談支援事業所や就労定着支援事業所に就職後の状況を共有し、就労定着支援の利用を含めて生活面の支援等を相談する。",
        severity: Required,
        recurrence: Once,
        window: "就職後2月目の初日",
        due: "就職後3月目の末日",
        applies: "利用意向が「希望しない」なら対象外 (利用希望なし)。関係機関との情報共有についての本人同意 (agency_sharing) がその時点で有効でなければ警告を付ける (完了の扱いは変わらない)",
        satisfied_by: LINKED_CONTACT,
    },
    Rule {
        id: ObligationId::M45_COORDINATE.as_str(),
        stage: M45,
        title: "就労定着支援事業所・企業と支援の方向性の共有、連絡調整",
        short: "事業所・企業と調整",
        clause: "000 §1(1)③",
        text: "就職後4～5月目に、就労定着支援の利用申請をした対象者について、就労定着支援事業所・企業と支援の方向性を共有し、必要な連絡調整を行う。",
        severity: Required,
        recurrence: Once,
        window: "就職後4月目の初日",
        due: "就職後5月目の末日",
        applies: IF_NOT_DECLINED,
        satisfied_by: LINKED_CONTACT,
    },
    Rule {
        id: ObligationId::M6_HANDOVER.as_str(),
        stage: M6,
        title: "就労定着支援の円滑な開始に向けた引継ぎ完了",
        short: "定着支援への引継ぎ",
        clause: "000 §1(1), 別添④",
        text: "就職後6月目の終わりまでに、就労定着支援が円滑に始められるよう引継ぎを終える。",
        severity: Required,
        recurrence: Once,
        window: "就職後6月目の初日",
        due: "就職後6月目の末日 (A から6月の期間の末日)",
        applies: IF_NOT_DECLINED,
        satisfied_by: "この義務 ID を結び付けた支援記録、または 6月目の引継ぎとして記録した引継ぎ記録 (早い方。期限後の日付でも完了(遅延)になる)",
    },
    Rule {
        id: ObligationId::RET_PLAN_INITIAL.as_str(),
        stage: RET,
        title: "就労定着支援計画の作成・本人への提示",
        short: "定着支援計画の作成",
        clause: "000 §1(6), 別添④",
        text: "就労定着支援の開始に当たり、就労定着支援計画 (別紙様式2) を作成し、対象者に提示する。",
        severity: Required,
        recurrence: Once,
        window: "S",
        due: "S",
        applies: "就労定着支援の開始日 S が記録されているとき",
        satisfied_by: "最初の就労定着支援計画 (作成日のあるもの)。S より後の作成も完了(遅延)になる",
    },
    Rule {
        id: ObligationId::RET_PLAN_REVIEW.as_str(),
        stage: RET,
        title: "計画の見直し (少なくとも6月に1回)",
        short: "計画の見直し",
        clause: "000 §1(6)",
        text: "サービス管理責任者は、少なくとも6月に1回以上、就労定着支援計画の見直しを行い、必要に応じて変更する。",
        severity: Required,
        recurrence: EverySixMonths,
        window: "前回の計画作成日・見直し日の翌日 (計画がなければ S の翌日)",
        due: "前回の計画作成日・見直し日から6月の期間の末日",
        applies: "就労定着支援の開始日 S が記録されているとき。次の期限が E を越える回は出さない",
        satisfied_by: "次の見直し (評価日) または新しい計画の作成日。遅れた見直しも完了(遅延)になり、次の期限はその日から数える",
    },
    Rule {
        id: ObligationId::RET_MONTHLY_FACE_TO_FACE.as_str(),
        stage: RET,
        title: "本人との対面又はテレビ電話等による支援 (月1回以上)",
        short: "月次 対面支援",
        clause: "000 §1(4)②",
        text: "利用者との対面又はテレビ電話装置等による支援を月1回以上行う。電話・メールは数えない。",
        severity: Required,
        recurrence: Monthly,
        window: MONTH_OPENS,
        due: MONTH_DUE,
        applies: EACH_MONTH,
        satisfied_by: "その月の S～E 内の日付で、相手が本人、方法が面接またはテレビ電話の支援記録。電話・メール・その他は数えない",
    },
    Rule {
        id: ObligationId::RET_MONTHLY_REPORT.as_str(),
        stage: RET,
        title: "支援レポートの本人への提供 (月1回以上)",
        short: "月次 支援レポート",
        clause: "000 §1(4)②, §2(2)",
        text: "支援内容を記載した支援レポート (別紙様式1) を1月に1回以上利用者に提供する (報酬算定の要件)。提示日がその月にあるものを数える。",
        severity: Required,
        recurrence: Monthly,
        window: MONTH_OPENS,
        due: MONTH_DUE,
        applies: EACH_MONTH,
        satisfied_by: "対象者提示日がその月の S～E 内にある支援レポート (作成しただけで提示日のないものは数えない)",
    },
    Rule {
        id: ObligationId::RET_MONTHLY_EMPLOYER.as_str(),
        stage: RET,
        title: "事業主との連絡・職場での状況把握 (月1回以上)",
        short: "月次 事業主連絡",
        clause: "000 §1(4)②",
        text: "雇用する事業主に対し月1回以上、職場での状況を把握する (努力義務。訪問が望ましい)。障害非開示の場合は対象外。",
        severity: Effort,
        recurrence: Monthly,
        window: MONTH_OPENS,
        due: MONTH_DUE,
        applies: "S～E に重なる暦月ごと (最初と最後の端数月も含む)。障害を事業主に開示していない (障害非開示) 利用者は対象外",
        satisfied_by: "その月の S～E 内の日付で、相手が事業主の支援記録 (方法は問わない)。雇用事業主内での訪問があればそれを表示する",
    },
    Rule {
        id: ObligationId::END_HANDOVER_SHARE.as_str(),
        stage: END,
        title: "要継続支援利用者の情報を本人同意の上で関係機関へ共有し記録",
        short: "要継続支援の引継ぎ",
        clause: "000 §1(4)③, §2(4)イ",
        text: "支援終了の3月以上前に、要継続支援利用者の同意を得て、関係機関等と必要な情報を共有し、記録する。期限後の共有は支援体制構築未実施減算の対象となる。",
        severity: Required,
        recurrence: Once,
        window: "S (期限が S より前ならその期限の日)",
        due: "E の3月前の同じ日 (その月にない日なら月末)",
        applies: "要継続支援の利用者のみ。それ以外は対象外 (要継続支援の対象外)",
        satisfied_by: "本人同意のある引継ぎ記録で、日付が期限以前のもの (6月目の引継ぎとしてだけ記録したものは除く)。期限後の共有では完了にならず期限超過のまま (支援体制構築未実施減算の対象)。同意のない引継ぎは数えない",
    },
    Rule {
        id: ObligationId::END_SUPPORT_END.as_str(),
        stage: END,
        title: "支援期間の終了",
        short: "支援期間の終了",
        clause: "000 §1(1), §1(4)①",
        text: "就労定着支援の支援期間 (最長3年、就職から3年6月まで) が終わる日。",
        severity: Info,
        recurrence: Once,
        window: "E",
        due: "E",
        applies: "就労定着支援の開始日 S が記録されているとき。S が A から3年6月を過ぎていて支給できる期間が残らない場合は対象外 (期限は A から3年6月の期間の末日)",
        satisfied_by: "記録は要らない。E を過ぎると完了になる",
    },
    Rule {
        id: ObligationId::CERT_RENEWAL.as_str(),
        stage: CERT,
        title: "受給者証の更新 (有効期限)",
        short: "受給者証の更新",
        clause: "障害者総合支援法 第23条 (支給決定の有効期間)",
        text: "支給決定には有効期間があり、期限を過ぎると報酬を請求できない。有効期限の前に本人の更新申請を支援し、新しい受給者証の有効期限を記録する。",
        severity: Required,
        recurrence: Once,
        window: "有効期限の 60 日前 (事業所の設定 cert_warn_days)",
        due: "受給者証の有効期限",
        applies: "受給者証の有効期限が記録されているとき。有効期限が支援期間の終了日 E より後なら不要 (表示しない)。離職・終結の後の期限は対象外",
        satisfied_by: "より後の有効期限を記録すると、新しい有効期限の項目に置き換わる (更新が済んだことになる)",
    },
];

/// The rule for an id (None for an unknown id).
pub(crate) fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// Position in the timeline order (ties on the same due day), which is
/// also the rule's place in `RULES`. An id taken from the table itself is
/// found by its address before any text is compared.
pub(crate) fn order(id: &str) -> usize {
    RULES
        .iter()
        .position(|r| std::ptr::eq(r.id, id) || r.id == id)
        .unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use serde_json::json;

    use super::*;
    use crate::dates::months_overlapping;
    use crate::model::{Client, OBLIGATION_IDS, Settings};
    use crate::obligations::{compute, support_period};

    #[test]
    fn the_table_has_every_obligation_id_in_timeline_order() {
        let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        assert_eq!(ids, OBLIGATION_IDS);
        let stages = [PRE, M23, M45, M6, RET, END, CERT];
        let pos = |r: &Rule| stages.iter().position(|s| *s == r.stage);
        assert!(RULES.iter().all(|r| pos(r).is_some()), "unknown stage");
        assert!(RULES.windows(2).all(|w| pos(&w[0]) <= pos(&w[1])));
    }

    /// The words say how often an item comes back; the engine must agree.
    #[test]
    fn recurrence_in_words_is_what_the_engine_computes() {
        let c: Client = serde_json::from_value(json!({
            "external_id": "C001", "name": "山田 太郎",
            "needs_continuing_support": true,
            "certificate_expires": "2027-03-31",
            "employments": [{
                "employer": {"name": "JS工業株式会社"},
                "support_type": "standard",
                "decision_date": "2026-03-20",
                "start_date": "2026-04-15",
                "intent": "applied",
                "retention_start_date": "2026-10-15"
            }],
            "plans": [{"created": "2026-10-15", "reviews": ["2027-04-10", "2027-10-01"]}]
        }))
        .expect("client");
        // After both reviews: a review counts from its own day.
        let today = NaiveDate::from_ymd_opt(2027, 11, 23).expect("date");
        let items = compute(&c, &Settings::default(), today);
        let (s, e) = support_period(&c.employments[0]).expect("support period");
        let months = months_overlapping(s, e).count();
        for r in RULES {
            let n = items.iter().filter(|o| o.id == r.id).count();
            match r.recurrence {
                Recurrence::Once => assert_eq!(n, 1, "{}", r.id),
                Recurrence::Monthly => assert_eq!(n, months, "{}", r.id),
                Recurrence::EverySixMonths => assert!(n >= 3, "{}: {n}", r.id),
            }
        }
    }

    #[test]
    fn the_municipality_report_days_in_words_are_the_default_setting() {
        let days = Settings::default().report_municipality_days;
        let r = rule("pre.report_municipality").expect("rule");
        assert!(r.due.contains(&format!("{days}日")), "{}", r.due);
    }
}
