//! The rule table: each obligation id with its title, the clause of the
//! notice it comes from, and the text shown in the detail pane.

use crate::model::Severity;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub id: &'static str,
    /// The title of SPEC §4 (shown in `due` and the timeline).
    pub title: &'static str,
    /// A short name for narrow columns.
    pub short: &'static str,
    pub clause: &'static str,
    /// The rule in a sentence or two, for the detail pane.
    pub text: &'static str,
    pub severity: Severity,
}

use Severity::{Effort, Info, Required};

pub static RULES: &[Rule] = &[
    Rule {
        id: "pre.needs_assessment",
        title: "就職後の職場定着支援のニーズ把握・支援方法の相談",
        short: "ニーズ把握・相談",
        clause: "000 §1(1)①",
        text: "就職先の決定から就職日の前日までに、就職後の職場定着支援のニーズを把握し、支援の実施方法等について相談する。",
        severity: Required,
    },
    Rule {
        id: "pre.inform_service",
        title: "7月目から就労定着支援が利用できることの情報提供",
        short: "定着支援の情報提供",
        clause: "000 §1(1)①",
        text: "就職前に、就職後6月経過後から就労定着支援が一定期間利用可能であることを対象者に情報提供する。",
        severity: Required,
    },
    Rule {
        id: "pre.report_municipality",
        title: "就職したことを支給決定市町村へ報告",
        short: "市町村へ就職報告",
        clause: "003 就労移行支援事業の適正な実施について (一般就労へ移行した利用者一覧表)",
        text: "就職したことを支給決定市町村へ適時に報告する (既定: 就職日から14日以内。事業所の設定で変更可)。通常型のみ。",
        severity: Required,
    },
    Rule {
        id: "m23.confirm_intent",
        title: "就労定着支援の利用意向の確認",
        short: "利用意向の確認",
        clause: "000 §1(1)②",
        text: "就職後2～3月目に、対象者に就労定着支援の利用の意向を確認する。",
        severity: Required,
    },
    Rule {
        id: "m23.share_status",
        title: "本人同意の上、特定相談支援事業所・就労定着支援事業所へ状況共有、生活面の支援の相談",
        short: "状況共有・生活面相談",
        clause: "000 §1(1)②",
        text: "就職後2～3月目に、対象者の同意の上で、特定相談支援事業所や就労定着支援事業所に就職後の状況を共有し、就労定着支援の利用を含めて生活面の支援等を相談する。",
        severity: Required,
    },
    Rule {
        id: "m45.coordinate",
        title: "就労定着支援事業所・企業と支援の方向性の共有、連絡調整",
        short: "事業所・企業と調整",
        clause: "000 §1(1)③",
        text: "就職後4～5月目に、就労定着支援の利用申請をした対象者について、就労定着支援事業所・企業と支援の方向性を共有し、必要な連絡調整を行う。",
        severity: Required,
    },
    Rule {
        id: "m6.handover",
        title: "就労定着支援の円滑な開始に向けた引継ぎ完了",
        short: "定着支援への引継ぎ",
        clause: "000 §1(1), 別添④",
        text: "就職後6月目の終わりまでに、就労定着支援が円滑に始められるよう引継ぎを終える。",
        severity: Required,
    },
    Rule {
        id: "ret.plan_initial",
        title: "就労定着支援計画の作成・本人への提示",
        short: "定着支援計画の作成",
        clause: "000 §1(6), 別添④",
        text: "就労定着支援の開始に当たり、就労定着支援計画 (別紙様式2) を作成し、対象者に提示する。",
        severity: Required,
    },
    Rule {
        id: "ret.plan_review",
        title: "計画の見直し (少なくとも6月に1回)",
        short: "計画の見直し",
        clause: "000 §1(6)",
        text: "サービス管理責任者は、少なくとも6月に1回以上、就労定着支援計画の見直しを行い、必要に応じて変更する。",
        severity: Required,
    },
    Rule {
        id: "ret.monthly_face_to_face",
        title: "本人との対面又はテレビ電話等による支援 (月1回以上)",
        short: "月次 対面支援",
        clause: "000 §1(4)②",
        text: "利用者との対面又はテレビ電話装置等による支援を月1回以上行う。電話・メールは数えない。",
        severity: Required,
    },
    Rule {
        id: "ret.monthly_report",
        title: "支援レポートの本人への提供 (月1回以上)",
        short: "月次 支援レポート",
        clause: "000 §1(4)②, §2(2)",
        text: "支援内容を記載した支援レポート (別紙様式1) を1月に1回以上利用者に提供する (報酬算定の要件)。提示日がその月にあるものを数える。",
        severity: Required,
    },
    Rule {
        id: "ret.monthly_employer",
        title: "事業主との連絡・職場での状況把握 (月1回以上)",
        short: "月次 事業主連絡",
        clause: "000 §1(4)②",
        text: "雇用する事業主に対し月1回以上、職場での状況を把握する (努力義務。訪問が望ましい)。障害非開示の場合は対象外。",
        severity: Effort,
    },
    Rule {
        id: "end.handover_share",
        title: "要継続支援利用者の情報を本人同意の上で関係機関へ共有し記録",
        short: "要継続支援の引継ぎ",
        clause: "000 §1(4)③, §2(4)イ",
        text: "支援終了の3月以上前に、要継続支援利用者の同意を得て、関係機関等と必要な情報を共有し、記録する。期限後の共有は支援体制構築未実施減算の対象となる。",
        severity: Required,
    },
    Rule {
        id: "end.support_end",
        title: "支援期間の終了",
        short: "支援期間の終了",
        clause: "000 §1(1), §1(4)①",
        text: "就労定着支援の支援期間 (最長3年、就職から3年6月まで) が終わる日。",
        severity: Info,
    },
];

/// The rule for an id (None for an unknown id).
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// Position in the timeline order (ties on the same due day).
pub(crate) fn order(id: &str) -> usize {
    RULES.iter().position(|r| r.id == id).unwrap_or(usize::MAX)
}
