//! What each JSON key of the interchange document is, for messages: its
//! Japanese label and the kind of value it holds (date, month, enum …).

use crate::model::{AgencyKind, Counterpart, Disclosure, Intent, Method, Place, SupportType};

/// The kind of value a key holds, so a serde error can be explained in terms
/// a case worker understands ("存在しない日付です" rather than "out of range").
pub(super) enum Kind {
    Date,
    Time,
    Month,
    /// An enumeration: the accepted ids.
    Enum(fn() -> String),
    Other,
}

/// `key` is the last object key on the path; for an array element (e.g. a
/// plan's `reviews[1]`) it is the array's key.
pub(super) fn kind(key: &str) -> Kind {
    match key {
        "birth_date"
        | "certificate_expires"
        | "decision_date"
        | "start_date"
        | "prior_service_end_date"
        | "retention_start_date"
        | "separation_date"
        | "date"
        | "created"
        | "presented"
        | "withdrawn"
        | "reviews"
        | "basic_training" => Kind::Date,
        "time" => Kind::Time,
        "month" => Kind::Month,
        "disclosure" => Kind::Enum(Disclosure::choices),
        "support_type" => Kind::Enum(SupportType::choices),
        "intent" => Kind::Enum(Intent::choices),
        "counterpart" => Kind::Enum(Counterpart::choices),
        "method" => Kind::Enum(Method::choices),
        "place" => Kind::Enum(Place::choices),
        "agencies" => Kind::Enum(AgencyKind::choices),
        _ => Kind::Other,
    }
}

/// Japanese label of `key` inside `container` (the enclosing record list such
/// as `contacts`, or `employer`; empty for the client itself).
pub(super) fn label(container: &str, key: &str) -> &'static str {
    match (container, key) {
        ("employer", "name") => "雇用事業主の名称",
        ("employer", "phone") => "雇用事業主の連絡先",
        ("employer", "address") => "雇用事業主の所在地",
        ("contacts", "date") => "支援日",
        ("contacts", "staff") => "支援記録の職員",
        ("consents", "date") => "同意日",
        ("handovers", "date") => "引継ぎ日",
        ("conferences", "date") => "ケース会議の開催日",
        ("reports", "created") => "支援レポートの作成日",
        ("plans", "created") => "計画の作成日",
        ("reports" | "plans" | "employments", "fields") => "様式の項目",
        (_, key) => label_of_key(key),
    }
}

fn label_of_key(key: &str) -> &'static str {
    match key {
        "clients" => "利用者一覧",
        "external_id" => "利用者ID",
        "name" => "氏名",
        "kana" => "ふりがな",
        "birth_date" => "生年月日",
        "sex" => "性別",
        "certificate_no" => "受給者証番号",
        "certificate_expires" => "受給者証の有効期限",
        "municipality" => "援護の実施市町村",
        "disclosure" => "障害の開示・非開示",
        "needs_continuing_support" => "要継続支援",
        "assigned_staff" => "担当職員",
        "fields" => "追加項目",
        "employments" => "就職",
        "employer" => "雇用事業主",
        "industry" => "業種",
        "address" => "所在地",
        "phone" => "連絡先",
        "contact_person" => "担当者",
        "support_type" => "支援の類型",
        "decision_date" => "就職先決定日",
        "start_date" => "就職日（復職日）",
        "prior_service_end_date" => "就労移行支援等の終了日",
        "intent" => "就労定着支援の利用意向",
        "retention_start_date" => "就労定着支援の開始日",
        "separation_date" => "離職日",
        "separation_reason" => "離職理由",
        "contacts" => "支援記録",
        "date" => "日付",
        "time" => "時刻",
        "staff" => "職員",
        "counterpart" => "相手方",
        "counterpart_detail" => "相手方の詳細",
        "method" => "方法",
        "method_detail" => "方法の詳細",
        "place" => "場所",
        "place_detail" => "場所の詳細",
        "summary" => "支援内容",
        "obligations" => "対応する義務ID",
        "reports" => "支援レポート",
        "month" => "対象月",
        "created" => "作成日",
        "presented" => "対象者提示日",
        "share_with_employer" => "事業主との共有",
        "plans" => "就労定着支援計画",
        "reviews" => "計画の見直し日",
        "consents" => "同意",
        "scope" => "同意の範囲",
        "written" => "書面による同意",
        "withdrawn" => "同意の撤回日",
        "handovers" => "引継ぎ",
        "agency" => "引継ぎ先",
        "shared" => "共有した内容",
        "consent" => "本人の同意",
        "conferences" => "ケース会議",
        "agencies" => "参加した関係機関",
        "online" => "オンライン開催",
        "manager_attended" => "サービス管理責任者の出席",
        "manager_informed" => "サービス管理責任者への結果共有",
        "notes" => "記録",
        _ => "項目",
    }
}
