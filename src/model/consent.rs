//! Consent as a dated fact (docs/BASIS.md §6; 000 §1(4)①): whether the
//! client's consent to share with other agencies stood on a given day, and
//! so whether a share or a case conference of that day was made with it.

use chrono::NaiveDate;

use super::{CaseConference, Client, Handover, ObligationId};

/// The scope of the consent to share with agencies (相談支援事業所,
/// 医療機関 …).
pub const AGENCY_SHARING: &str = "agency_sharing";

/// The agency-sharing consent on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentOnDay {
    /// A consent given on or before the day and not withdrawn by then.
    InForce,
    /// Every consent given by then had been withdrawn by then.
    Withdrawn,
    /// No consent had been recorded by then.
    NotRecorded,
}

impl ConsentOnDay {
    /// Why a share or conference of that day does not count, in words with
    /// the clause; `None` when it does.
    pub fn refusal(self) -> Option<&'static str> {
        match self {
            ConsentOnDay::InForce => None,
            ConsentOnDay::Withdrawn => Some("本人が同意を撤回した後 (000 §1(4)①)"),
            ConsentOnDay::NotRecorded => Some("本人の同意の記録がない (000 §1(4)①)"),
        }
    }
}

impl Client {
    /// The agency-sharing consent on `day`.
    pub fn agency_consent_on(&self, day: NaiveDate) -> ConsentOnDay {
        let given: Vec<_> = self
            .consents
            .iter()
            .filter(|c| c.scope == AGENCY_SHARING && c.date <= day)
            .collect();
        if given.iter().any(|c| c.in_force(day)) {
            ConsentOnDay::InForce
        } else if given.is_empty() {
            ConsentOnDay::NotRecorded
        } else {
            ConsentOnDay::Withdrawn
        }
    }

    /// Whether a handover was made with the client's consent: marked so,
    /// and not on a day the client had withdrawn it. (The handover's own
    /// mark records a consent taken for that share; a withdrawal on file
    /// with no consent after it overrides the mark.)
    pub fn handover_consented(&self, h: &Handover) -> bool {
        h.consent && self.agency_consent_on(h.date) != ConsentOnDay::Withdrawn
    }

    /// Why `h` is not a consented share, in words with the clause.
    pub fn handover_refusal(&self, h: &Handover) -> Option<&'static str> {
        if !h.consent {
            Some("本人の同意なし (000 §1(4)③)")
        } else if self.agency_consent_on(h.date) == ConsentOnDay::Withdrawn {
            ConsentOnDay::Withdrawn.refusal()
        } else {
            None
        }
    }

    /// The consent under which a case conference shared the client's
    /// information: only one in force on the conference's day covers it.
    pub fn conference_consent(&self, c: &CaseConference) -> ConsentOnDay {
        self.agency_consent_on(c.date)
    }
}

impl Handover {
    /// A handover that can be the share before the end: not one linked
    /// only to the month-6 step (that is the handover to this service).
    pub fn for_end(&self) -> bool {
        self.obligations.is_empty() || self.obligations.contains(&ObligationId::END_HANDOVER_SHARE)
    }
}
