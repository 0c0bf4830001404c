//! The 受給者証 as dated records (docs/BASIS.md §8.5): the current one
//! lives in the client's own fields, the renewed ones in its history, and
//! together their 支給決定期間 bound the months that can be billed.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Client;

/// One 受給者証 (支給決定): its number, 支給決定期間 and the municipality
/// that decided it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Certificate {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub number: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    /// 有効期限 (the period's last day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub municipality: String,
}

impl Client {
    /// Every 支給決定期間 on record (from, to; either may be open), the
    /// current one last. Empty when nothing is known of any.
    pub fn certificate_periods(&self) -> Vec<(Option<NaiveDate>, Option<NaiveDate>)> {
        let mut out: Vec<_> = self
            .certificate_history
            .iter()
            .filter(|c| c.from.is_some() || c.to.is_some())
            .map(|c| (c.from, c.to))
            .collect();
        if self.certificate_from.is_some() || self.certificate_expires.is_some() {
            out.push((self.certificate_from, self.certificate_expires));
        }
        out
    }

    /// The current 受給者証 as a record (what a renewal keeps).
    pub fn current_certificate(&self) -> Certificate {
        Certificate {
            number: self.certificate_no.clone(),
            from: self.certificate_from,
            to: self.certificate_expires,
            municipality: self.municipality.clone(),
        }
    }
}
