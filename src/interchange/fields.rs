//! What each JSON key of the interchange document is, for messages: its
//! Japanese label and the kind of value it holds (date, month, enum …) —
//! the field table's for a record's field, and here only the names of the
//! document's own structure.

use crate::model::{AgencyKind, Counterpart, Disclosure, Intent, Method, Place, SupportType};

/// The kind of value a key holds (the field table's), so a serde error
/// can be explained in terms a case worker understands ("存在しない日付です"
/// rather than "out of range").
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
    use crate::fields::Kind as K;
    match key {
        "disclosure" => return Kind::Enum(Disclosure::choices),
        "support_type" => return Kind::Enum(SupportType::choices),
        "intent" => return Kind::Enum(Intent::choices),
        "counterpart" => return Kind::Enum(Counterpart::choices),
        "method" => return Kind::Enum(Method::choices),
        "place" => return Kind::Enum(Place::choices),
        "agencies" => return Kind::Enum(AgencyKind::choices),
        _ => {}
    }
    // A date, a time or a month is one in the field table, whichever
    // record holds the key.
    let found = RECORDS
        .iter()
        .flat_map(|r| r.iter())
        .find(|f| f.key == key && matches!(f.kind, K::Date | K::Time | K::Month));
    match found.map(|f| f.kind) {
        Some(K::Date) => Kind::Date,
        Some(K::Time) => Kind::Time,
        Some(K::Month) => Kind::Month,
        _ => Kind::Other,
    }
}

/// Every record of the document, by the field table.
const RECORDS: [&[crate::fields::Field]; 10] = {
    use crate::fields as t;
    [
        t::client::ALL,
        t::employment::ALL,
        t::contact::ALL,
        t::report::ALL,
        t::plan::ALL,
        t::consent::ALL,
        t::handover::ALL,
        t::conference::ALL,
        t::resolution::ALL,
        t::closure::ALL,
    ]
};

/// Japanese label of `key` inside `container` (the enclosing record list such
/// as `contacts`, or `employer`; empty for the client itself): a record's
/// field is named as the field table names it, everywhere.
pub(super) fn label(container: &str, key: &str) -> &'static str {
    use crate::fields as t;
    let table: &[t::Field] = match container {
        "" => t::client::ALL,
        "employments" => t::employment::ALL,
        "contacts" => t::contact::ALL,
        "reports" => t::report::ALL,
        "plans" => t::plan::ALL,
        "consents" => t::consent::ALL,
        "handovers" => t::handover::ALL,
        "conferences" => t::conference::ALL,
        "resolutions" => t::resolution::ALL,
        "closure" => t::closure::ALL,
        _ => &[],
    };
    let found = match container {
        "employer" => t::find(t::employment::ALL, &format!("employer.{key}")),
        _ => t::find(table, key),
    };
    match (found, container, key) {
        (Some(f), ..) => f.label,
        (None, "reports" | "plans" | "employments", "fields") => "様式の項目",
        (None, _, key) => label_of_key(key),
    }
}

fn label_of_key(key: &str) -> &'static str {
    match key {
        "clients" => "利用者一覧",
        "fields" => "追加項目",
        "employments" => "就職",
        "employer" => "雇用事業主",
        "contacts" => "支援記録",
        "obligations" => "対応する義務ID",
        "reports" => "支援レポート",
        "plans" => "就労定着支援計画",
        "consents" => "同意",
        "handovers" => "引継ぎ",
        "conferences" => "ケース会議",
        _ => "項目",
    }
}
