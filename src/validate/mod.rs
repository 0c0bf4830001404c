//! The rule set: every rule of every record, in one place. What one field
//! may hold (required, one line, its length, its characters) is the field
//! table's (`crate::fields`); the rules here add what is about dates and
//! about fields together.
//!
//! Each function takes a record (and `today`, never the clock) and returns
//! its problems, each naming the field by its JSON path inside the record
//! (`date`, `employer.name`, `fields.goal_1`, `reviews[0]`) with a message
//! in Japanese. The store applies these inside every write transaction —
//! import included — so nothing is written that an import would refuse. The
//! CLI, the forms and import only translate field names to their labels.

mod case;
mod record_rules;
mod report_entry;
#[cfg(test)]
mod tests;

use chrono::{Datelike, NaiveDate};

use crate::fields::{Field, form_fields};

pub(crate) use case::{client, client_case, client_case_restoring};
pub(crate) use record_rules::{
    closure, conference, consent, contact, employment, export_group, handover, office, plan,
    reason, report, resolution, review, staff,
};
pub(crate) use report_entry::report_entry;

/// No date of this application is earlier (birth dates included).
pub(crate) const EARLIEST_YEAR: i32 = 1900;
/// Dates that may lie ahead (a planned start, a 受給者証 expiry) are at
/// most this many years after today: a typo such as 2206 is caught.
pub(crate) const MAX_YEARS_AHEAD: i32 = 10;

/// One thing wrong with a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Path of the field inside the record, as in the JSON interchange.
    pub field: String,
    /// Other fields the rule read (a date order names both).
    pub also: Vec<String>,
    /// What is wrong and what to do, in Japanese.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Collects the problems of one record, with a path prefix for nested parts.
pub(crate) struct Check<'a> {
    prefix: String,
    today: NaiveDate,
    out: &'a mut Vec<Problem>,
}

impl<'a> Check<'a> {
    pub(crate) fn new(today: NaiveDate, out: &'a mut Vec<Problem>) -> Self {
        Check {
            prefix: String::new(),
            today,
            out,
        }
    }

    /// The same collector for a nested part (`employments[0].`).
    pub(crate) fn nested(&mut self, prefix: &str) -> Check<'_> {
        Check {
            prefix: format!("{}{prefix}", self.prefix),
            today: self.today,
            out: self.out,
        }
    }

    fn path(&self, field: &str) -> String {
        format!("{}{field}", self.prefix)
    }

    pub(crate) fn report(&mut self, field: &str, also: &[&str], message: String) {
        let also = also.iter().map(|f| self.path(f)).collect();
        self.out.push(Problem {
            field: self.path(field),
            also,
            message,
        });
    }

    /// `value` as the field `f` of the table: every problem at once.
    pub(crate) fn field(&mut self, f: &Field, value: &str) {
        self.field_at(f.key, f, value);
    }

    /// Like `field`, at another path than the field's own key (a form
    /// field `fields.goal_1`).
    pub(crate) fn field_at(&mut self, path: &str, f: &Field, value: &str) {
        for message in f.problems(value) {
            self.report(path, &[], message);
        }
    }

    /// Form fields: one-line keys, free-text values.
    pub(crate) fn fields(&mut self, fields: &crate::model::Fields) {
        for (key, value) in fields {
            let field = format!("fields.{key}");
            self.field_at(&field, &form_fields::KEY, key);
            self.field_at(&field, &form_fields::VALUE, value);
        }
    }

    /// Form fields against the form they belong to: known, one line where
    /// the form has one, no longer than the printed form holds.
    pub(crate) fn form_fields(
        &mut self,
        def: &crate::document_forms::FormDef,
        fields: &crate::model::Fields,
    ) {
        for (key, value) in fields {
            if let Some(message) = def.field_problem(key, value) {
                self.report(&format!("fields.{key}"), &[], message);
            }
        }
    }

    /// `later` must not be before `earlier`.
    pub(crate) fn order(
        &mut self,
        earlier: (&str, &str, NaiveDate),
        later: (&str, &str, NaiveDate),
    ) {
        let (e_field, e_label, e) = earlier;
        let (l_field, l_label, l) = later;
        if l < e {
            self.report(
                l_field,
                &[e_field],
                format!(
                    "{l_label}（{}）が{e_label}（{}）より前になっています",
                    day(l),
                    day(e)
                ),
            );
        }
    }

    /// Something done: it cannot be dated after today. An impossible year
    /// is reported as that first, the same way at every entry point.
    pub(crate) fn done_by_today(&mut self, field: &str, label: &str, d: NaiveDate) {
        let before = self.out.len();
        self.plausible(field, label, d);
        if self.out.len() == before && d > self.today {
            self.report(
                field,
                &[],
                format!(
                    "{label}（{}）が今日（{}）より後です。済んだことは済んだ日で記録してください",
                    day(d),
                    day(self.today)
                ),
            );
        }
    }

    /// Any date: not before 1900, not more than `MAX_YEARS_AHEAD` years ahead.
    pub(crate) fn plausible(&mut self, field: &str, label: &str, d: NaiveDate) {
        let latest = self.today.year() + MAX_YEARS_AHEAD;
        if d.year() < EARLIEST_YEAR || d.year() > latest {
            self.report(
                field,
                &[],
                format!(
                    "{label}（{}）はありえない日付です（{EARLIEST_YEAR}年から{latest}年までの日付にしてください）",
                    day(d)
                ),
            );
        }
    }

    pub(crate) fn plausible_opt(&mut self, field: &str, label: &str, d: Option<NaiveDate>) {
        if let Some(d) = d {
            self.plausible(field, label, d);
        }
    }
}

/// A date in a message: ISO, as the CLI and the JSON write it (short
/// enough for an 80-column message line).
pub(crate) fn day(d: NaiveDate) -> String {
    d.to_string()
}

/// Every problem of `f`'s checks, for a record entered on `today`.
pub(crate) fn collect(today: NaiveDate, f: impl FnOnce(&mut Check<'_>)) -> Vec<Problem> {
    let mut out = Vec::new();
    f(&mut Check::new(today, &mut out));
    out
}
