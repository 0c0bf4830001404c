//! Obligation ids as a type: a value of `ObligationId` is always one of the
//! ids of the rule table, so a typo cannot reach the store or the engine.
//! The ids are a public contract (JSON, `due`, `--fulfils`): never renamed.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Every obligation id, in timeline order (public contract), spelled once:
/// by the constants of `ObligationId`.
pub const OBLIGATION_IDS: &[&str] = &[
    ObligationId::PRE_NEEDS_ASSESSMENT.0,
    ObligationId::PRE_INFORM_SERVICE.0,
    ObligationId::PRE_REPORT_MUNICIPALITY.0,
    ObligationId::M23_CONFIRM_INTENT.0,
    ObligationId::M23_SHARE_STATUS.0,
    ObligationId::M45_COORDINATE.0,
    ObligationId::M6_HANDOVER.0,
    ObligationId::RET_PLAN_INITIAL.0,
    ObligationId::RET_PLAN_REVIEW.0,
    ObligationId::RET_MONTHLY_FACE_TO_FACE.0,
    ObligationId::RET_MONTHLY_REPORT.0,
    ObligationId::RET_MONTHLY_EMPLOYER.0,
    ObligationId::END_HANDOVER_SHARE.0,
    ObligationId::END_SUPPORT_END.0,
    ObligationId::CERT_RENEWAL.0,
];

/// One of `OBLIGATION_IDS`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObligationId(&'static str);

impl ObligationId {
    // The ids of the rule table; the only place they are spelled.
    pub const PRE_NEEDS_ASSESSMENT: ObligationId = ObligationId("pre.needs_assessment");
    pub const PRE_INFORM_SERVICE: ObligationId = ObligationId("pre.inform_service");
    pub const PRE_REPORT_MUNICIPALITY: ObligationId = ObligationId("pre.report_municipality");
    pub const M23_CONFIRM_INTENT: ObligationId = ObligationId("m23.confirm_intent");
    pub const M23_SHARE_STATUS: ObligationId = ObligationId("m23.share_status");
    pub const M45_COORDINATE: ObligationId = ObligationId("m45.coordinate");
    pub const M6_HANDOVER: ObligationId = ObligationId("m6.handover");
    pub const RET_PLAN_INITIAL: ObligationId = ObligationId("ret.plan_initial");
    pub const RET_PLAN_REVIEW: ObligationId = ObligationId("ret.plan_review");
    pub const RET_MONTHLY_FACE_TO_FACE: ObligationId = ObligationId("ret.monthly_face_to_face");
    pub const RET_MONTHLY_REPORT: ObligationId = ObligationId("ret.monthly_report");
    pub const RET_MONTHLY_EMPLOYER: ObligationId = ObligationId("ret.monthly_employer");
    pub const END_HANDOVER_SHARE: ObligationId = ObligationId("end.handover_share");
    pub const END_SUPPORT_END: ObligationId = ObligationId("end.support_end");
    pub const CERT_RENEWAL: ObligationId = ObligationId("cert.renewal");

    /// The id named by `s` (surrounding spaces ignored), if there is one.
    pub fn parse(s: &str) -> Option<ObligationId> {
        let s = s.trim();
        OBLIGATION_IDS
            .iter()
            .find(|id| **id == s)
            .map(|id| ObligationId(id))
    }

    /// Like `parse`, with the message a person reads when `s` is no id.
    pub fn parse_or_explain(s: &str) -> Result<ObligationId, String> {
        Self::parse(s).ok_or_else(|| unknown_message(s))
    }

    pub const fn as_str(self) -> &'static str {
        self.0
    }

    /// Every id, in timeline order.
    pub fn all() -> impl Iterator<Item = ObligationId> {
        OBLIGATION_IDS.iter().map(|id| ObligationId(id))
    }

    /// A monthly item (its resolutions name a month).
    pub fn is_monthly(self) -> bool {
        self.0.starts_with("ret.monthly_")
    }
}

/// The one wording of "no such obligation id".
pub fn unknown_message(s: &str) -> String {
    format!(
        "義務ID「{}」はありません（使えるID: {}）",
        crate::text::for_display(s),
        OBLIGATION_IDS.join(", ")
    )
}

impl fmt::Debug for ObligationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

impl fmt::Display for ObligationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl PartialEq<str> for ObligationId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<String> for ObligationId {
    fn eq(&self, other: &String) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for ObligationId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

// An id held as text (`Obligation::id`) compares with a constant.
impl PartialEq<ObligationId> for str {
    fn eq(&self, other: &ObligationId) -> bool {
        self == other.0
    }
}

impl PartialEq<ObligationId> for &str {
    fn eq(&self, other: &ObligationId) -> bool {
        *self == other.0
    }
}

impl Serialize for ObligationId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for ObligationId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<str>::deserialize(d)?;
        ObligationId::parse(&s).ok_or_else(|| serde::de::Error::custom(unknown_message(&s)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_contract_id_parses_to_itself_and_nothing_else_does() {
        for id in OBLIGATION_IDS {
            assert_eq!(ObligationId::parse(id).map(ObligationId::as_str), Some(*id));
        }
        assert_eq!(ObligationId::parse("ret.monthly"), None);
        assert_eq!(ObligationId::parse(""), None);
        let e = ObligationId::parse_or_explain("m6.handvoer").expect_err("typo");
        assert!(
            e.contains("m6.handvoer") && e.contains("m6.handover"),
            "{e}"
        );
    }

    /// The list is built from the constants; this pins the public
    /// contract's spelling and order, so renaming a constant cannot change it.
    #[test]
    fn the_contract_ids_are_spelled_as_published() {
        assert_eq!(
            OBLIGATION_IDS,
            [
                "pre.needs_assessment",
                "pre.inform_service",
                "pre.report_municipality",
                "m23.confirm_intent",
                "m23.share_status",
                "m45.coordinate",
                "m6.handover",
                "ret.plan_initial",
                "ret.plan_review",
                "ret.monthly_face_to_face",
                "ret.monthly_report",
                "ret.monthly_employer",
                "end.handover_share",
                "end.support_end",
                "cert.renewal",
            ]
        );
    }

    #[test]
    fn json_is_the_plain_id_and_an_unknown_id_is_refused() {
        let id = ObligationId::parse("m6.handover").expect("id");
        assert_eq!(serde_json::to_string(&id).expect("json"), "\"m6.handover\"");
        let back: ObligationId = serde_json::from_str("\"m6.handover\"").expect("back");
        assert_eq!(back, id);
        assert!(serde_json::from_str::<ObligationId>("\"nope\"").is_err());
    }
}
