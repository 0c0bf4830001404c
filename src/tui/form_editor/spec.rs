//! What a form is made of: its fields, each an id, a Japanese label and
//! the kind of value it holds. A record's field comes from the field table
//! (`crate::fields`): its label, whether it is required, its length and
//! what it accepts are the table's, checked by the table's own rule.

use crate::fields::{self, Field};

/// Longest accepted input for fields without their own limit.
const DATE_MAX_CHARS: usize = 32;
const NUMBER_MAX_CHARS: usize = 20;

/// What kind of value a field holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    /// One line of text.
    Text { max_chars: usize },
    /// Several lines (the keymap's `newline` key starts a new line).
    MultiLine { max_chars: usize },
    /// Free text checked by the caller's date parser.
    Date,
    /// One of the given (id, Japanese label) pairs; the value is the id.
    Choice(Vec<(String, String)>),
    /// Yes/no; the value is "true" or "false".
    Bool,
    /// A number (half- or full-width digits, optional decimals).
    Number,
}

impl FieldKind {
    pub(super) fn max_chars(&self) -> usize {
        match self {
            FieldKind::Text { max_chars } | FieldKind::MultiLine { max_chars } => *max_chars,
            FieldKind::Date => DATE_MAX_CHARS,
            FieldKind::Number => NUMBER_MAX_CHARS,
            FieldKind::Choice(_) | FieldKind::Bool => 0,
        }
    }

    pub(super) fn is_text(&self) -> bool {
        matches!(
            self,
            FieldKind::Text { .. }
                | FieldKind::MultiLine { .. }
                | FieldKind::Date
                | FieldKind::Number
        )
    }
}

/// One field of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSpec {
    pub id: String,
    /// Japanese, shown in the label column.
    pub label: String,
    pub kind: FieldKind,
    pub required: bool,
    /// A heading drawn above the field: the section of a printed form
    /// (別紙様式1) it starts, so the fields read as grouped on paper.
    pub heading: Option<String>,
    /// A choice picked from anywhere in the form with the quick-choice
    /// modifier and its digit
    /// (the contact's 方法, so a phone call needs no walk to the field).
    pub quick: bool,
    /// What to enter, when the form knows better than the field's kind
    /// (「11月中の日付を入力」): on the help line, in the empty field, and
    /// in the message when it is left empty.
    pub hint: Option<String>,
    /// The record's field in the table, when it is one: its value is
    /// checked by the table's rule, as everywhere else.
    pub(crate) field: Option<Field>,
}

impl FieldSpec {
    pub fn new(id: impl Into<String>, label: impl Into<String>, kind: FieldKind) -> Self {
        FieldSpec {
            id: id.into(),
            label: label.into(),
            kind,
            required: false,
            heading: None,
            quick: false,
            hint: None,
            field: None,
        }
    }

    /// The form field for the table's `f`, under the form id `id`: a text
    /// or a date (a choice is `choice_of`).
    pub(crate) fn of(id: &str, f: &Field) -> Self {
        let kind = match f.kind {
            fields::Kind::Line | fields::Kind::Login => FieldKind::Text { max_chars: f.max },
            fields::Kind::Text => FieldKind::MultiLine { max_chars: f.max },
            fields::Kind::Flag => FieldKind::Bool,
            fields::Kind::Number => FieldKind::Number,
            fields::Kind::Date | fields::Kind::Month => FieldKind::Date,
            fields::Kind::Time => FieldKind::Text { max_chars: 8 },
            fields::Kind::Choice => FieldKind::Choice(Vec::new()),
        };
        FieldSpec::from_table(id, f, kind)
    }

    /// The form field for the table's choice `f`, offering `choices`.
    pub(crate) fn choice_of(id: &str, f: &Field, choices: &[(&str, &str)]) -> Self {
        let FieldSpec { kind, .. } = FieldSpec::choice(id, "", choices);
        FieldSpec::from_table(id, f, kind)
    }

    fn from_table(id: &str, f: &Field, kind: FieldKind) -> Self {
        FieldSpec {
            required: f.required,
            field: Some(*f),
            ..FieldSpec::new(id, f.titled(), kind)
        }
    }

    /// Every problem the table's rule finds with `value` (none for a field
    /// of no table), one message.
    pub(crate) fn problem(&self, value: &str) -> Option<String> {
        let problems = match &self.field {
            Some(f) => f.problems(value),
            None => Vec::new(),
        };
        (!problems.is_empty()).then(|| problems.join("。"))
    }
    pub fn text(id: &str, label: &str, max_chars: usize) -> Self {
        FieldSpec::new(id, label, FieldKind::Text { max_chars })
    }
    pub fn multiline(id: &str, label: &str, max_chars: usize) -> Self {
        FieldSpec::new(id, label, FieldKind::MultiLine { max_chars })
    }
    pub fn date(id: &str, label: &str) -> Self {
        FieldSpec::new(id, label, FieldKind::Date)
    }
    pub fn choice(id: &str, label: &str, choices: &[(&str, &str)]) -> Self {
        let choices = choices
            .iter()
            .map(|(i, l)| (i.to_string(), l.to_string()))
            .collect();
        FieldSpec::new(id, label, FieldKind::Choice(choices))
    }
    pub fn boolean(id: &str, label: &str) -> Self {
        FieldSpec::new(id, label, FieldKind::Bool)
    }
    pub fn number(id: &str, label: &str) -> Self {
        FieldSpec::new(id, label, FieldKind::Number)
    }
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }
    /// The field starts a section titled `heading`.
    pub fn under(mut self, heading: &str) -> Self {
        self.heading = Some(heading.to_string());
        self
    }

    /// Picked with Alt and a digit from any field (one per form).
    pub fn quick(mut self) -> Self {
        self.quick = true;
        self
    }
}
