//! The field table: every field of every record, declared once — its
//! Japanese label, the kind of value, whether it is required, one line or
//! many, and how long it may be. The rule set (`crate::validate`), the
//! TUI's forms, the command line's help and messages, import and the
//! documents' fitting rules all read their field rules from here, so one
//! value gets one answer wherever it is entered.
//!
//! Limits: where a document prints the field (支援レポート, 計画書), its
//! limit is what fits the printed form — a longer value would be accepted
//! and then refuse every save of the document. Elsewhere the limit is
//! generous (`LINE`, `TEXT`): no value entered before becomes uncorrectable.

mod around_case;
mod case;
mod people;
#[cfg(test)]
mod tests;

pub(crate) use around_case::{
    agency, closure, conference, consent, form_fields, handover, resolution,
};
pub(crate) use case::{client, contact, employment, plan, report};
pub(crate) use people::{office, reason, settings, staff};

use crate::text::{Unfit, unfit};

/// Longest one-line text nobody prints on a form (ids, agency names).
pub(crate) const LINE: usize = 200;
/// Longest free text (notes, summaries).
pub(crate) const TEXT: usize = 10_000;
/// Longest login name (POSIX allows 32 on most systems).
pub(crate) const LOGIN: usize = 32;

/// What kind of value a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// One line of text, no newline or tab.
    Line,
    /// Free text: several lines.
    Text,
    /// A login name (one line, as long as a login can be).
    Login,
    /// A date (typed in any form `date_input` reads; YYYY-MM-DD in a file).
    Date,
    /// A time of day (HH:MM).
    Time,
    /// A month (YYYY-MM).
    Month,
    /// One of a fixed set of ids.
    Choice,
    /// Yes or no.
    Flag,
    /// A number (half- or full-width digits, optional decimals).
    Number,
}

/// One field of one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Field {
    /// Its path inside the record, as the JSON interchange names it
    /// (`employer.name`).
    pub key: &'static str,
    /// Japanese: the form's label and the name in every message.
    pub label: &'static str,
    pub kind: Kind,
    pub required: bool,
    /// Longest value in characters (text kinds; 0 for the others).
    pub max: usize,
    /// What it takes, briefly, shown beside the label where a form or
    /// `--help` names it ("半角数字10桁"); empty when the label says it all.
    pub note: &'static str,
}

impl Field {
    pub(crate) const fn new(key: &'static str, label: &'static str, kind: Kind) -> Field {
        let max = match kind {
            Kind::Line => LINE,
            Kind::Text => TEXT,
            Kind::Login => LOGIN,
            _ => 0,
        };
        Field {
            key,
            label,
            kind,
            required: false,
            max,
            note: "",
        }
    }
    pub(crate) const fn line(key: &'static str, label: &'static str) -> Field {
        Field::new(key, label, Kind::Line)
    }
    pub(crate) const fn text(key: &'static str, label: &'static str) -> Field {
        Field::new(key, label, Kind::Text)
    }
    pub(crate) const fn login(key: &'static str, label: &'static str) -> Field {
        Field::new(key, label, Kind::Login)
    }
    pub(crate) const fn date(key: &'static str, label: &'static str) -> Field {
        Field::new(key, label, Kind::Date)
    }
    pub(crate) const fn required(mut self) -> Field {
        self.required = true;
        self
    }
    pub(crate) const fn max(mut self, max: usize) -> Field {
        self.max = max;
        self
    }
    pub(crate) const fn note(mut self, note: &'static str) -> Field {
        self.note = note;
        self
    }

    /// Text kinds: the value is typed, measured and checked as text.
    pub(crate) fn is_text(&self) -> bool {
        matches!(self.kind, Kind::Line | Kind::Text | Kind::Login)
    }

    /// The label with its note: 「事業所番号（半角数字10桁）」.
    pub(crate) fn titled(&self) -> String {
        if self.note.is_empty() {
            self.label.to_string()
        } else {
            format!("{}（{}）", self.label, self.note)
        }
    }

    /// The text of a command-line option's `--help`: the label, the note,
    /// and what the value may be.
    pub(crate) fn help(&self) -> String {
        let mut parts = Vec::new();
        if self.required {
            parts.push("必須".to_string());
        }
        if !self.note.is_empty() {
            parts.push(self.note.to_string());
        }
        match self.kind {
            Kind::Line | Kind::Login => parts.push(format!("1行、{}字まで", self.max)),
            Kind::Text => parts.push(format!("改行可、{}字まで", self.max)),
            _ => {}
        }
        if parts.is_empty() {
            self.label.to_string()
        } else {
            format!("{} ({})", self.label, parts.join("、"))
        }
    }

    /// Every problem of `value` as this field's text, at once: empty when
    /// required, a character it cannot hold, longer than its limit. The
    /// one verdict the forms, the command line and import all give.
    pub(crate) fn problems(&self, value: &str) -> Vec<String> {
        self.problems_as(self.label, value)
    }

    /// `problems`, naming the field `label` (a reason is asked for under
    /// the name of what it is for: 削除する理由).
    pub(crate) fn problems_as(&self, label: &str, value: &str) -> Vec<String> {
        // Spaces and line breaks at the ends are not the value: a form
        // drops them, and a file keeping them is judged alike.
        let value = crate::text::trim_input(value);
        let mut out = Vec::new();
        if self.required && value.is_empty() {
            out.push(format!("{label}が空です。入力してください"));
        }
        if !self.is_text() {
            return out;
        }
        for u in unfit(value, self.kind != Kind::Text) {
            out.push(match u {
                Unfit::LineBreak => format!("{label}に改行やタブは使えません"),
                u => format!(
                    "{label}に{}が含まれています。取り除いてください",
                    u.describe()
                ),
            });
        }
        let n = value.chars().count();
        if n > self.max {
            out.push(too_long(label, self.max, n));
        }
        out
    }
}

/// The one way a length over a limit is said, wherever it is found.
pub(crate) fn too_long(label: &str, max: usize, n: usize) -> String {
    format!("{label}は{max}字までです（いま{n}字）")
}

/// The field at `key` among `fields`.
pub(crate) fn find(fields: &[Field], key: &str) -> Option<Field> {
    fields.iter().find(|f| f.key == key).copied()
}
