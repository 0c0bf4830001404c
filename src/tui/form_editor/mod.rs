//! The one form editor every record uses (client, employment, contact,
//! consent, handover, case conference, and the declarative 支援レポート /
//! 計画書 forms): a list of field specs, one editor per field.
//!
//! Keys arrive already resolved through the keymap (`Mode::Form`):
//! `next_field`/`prev_field` move, `save` validates and submits, `back`
//! leaves (asking first if anything changed). Other keys edit the focused
//! field, with the keymap's field-editing actions (`keys.rs`: a choice's
//! next/previous/clear, a line break, the quick choice from any field).
//! Everything a person types or pastes is cleaned (`text::clean_input`).
//! Nothing is cut without a word: a key past the field's length is
//! refused with a message naming the limit, and a paste is kept whole,
//! the field saying how far over it is until it is shortened (cutting
//! would lose the pasted end; refusing would lose the paste).
//!
//! The open form over the screens is a `FormSession` (`session`: what it
//! is for, opening it); `update` takes its keys and pastes, `view` draws.

mod choice_view;
mod draft;
mod field;
#[cfg(test)]
mod fit_tests;
mod form_actions;
mod input;
mod jump;
mod jump_view;
mod keys;
mod mouse;
mod refresh_records;
mod session;
mod spec;
#[cfg(test)]
mod tests;
mod update;
mod view;

use std::collections::BTreeMap;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind};

use self::field::{Field, FieldStyles};
pub(crate) use self::keys::FormKeys;
use super::action::Action;
use super::keymap::{Keymap, Mode};
use super::theme::Theme;

pub(crate) use draft::Draft;
pub(crate) use session::{FormSession, Preset};
pub(crate) use spec::{FieldKind, FieldSpec};
pub(crate) use view::FormView;

/// The caller's date parser: input text → the normalized display
/// (e.g. 令和8年4月30日), or a Japanese error message.
pub(crate) type DateCheck = Box<dyn Fn(&str) -> Result<String, String>>;

/// What a key or paste did to the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormOutcome {
    /// Not for the form; the caller may handle it.
    Ignored,
    /// Handled; redraw.
    Consumed,
    /// Save asked and every field is valid: these are the values.
    Submit(BTreeMap<String, String>),
    /// Save asked but some fields are invalid; messages are shown.
    Invalid,
    /// Leave the form; unsaved changes (if any) were discarded on request.
    Cancel,
}

/// A form being edited.
pub struct Form {
    title: String,
    specs: Vec<FieldSpec>,
    fields: Vec<Field>,
    focus: usize,
    errors: Vec<Option<String>>,
    /// Per field, the text the last successful date/number check produced,
    /// so it is not checked again (the parser need not read its own output).
    checked: Vec<Option<String>>,
    /// A notice for the status line (cut paste, refused input …).
    message: Option<String>,
    /// "変更を破棄しますか？ (y/n)" is showing.
    confirm_discard: bool,
    /// The values as last loaded or saved, to know whether anything changed.
    baseline: BTreeMap<String, String>,
    date_check: DateCheck,
    styles: FieldStyles,
    /// The keymap's field-editing keys (`set_keys`).
    keys: FormKeys,
    /// The jump list is open (`jump`).
    jump: Option<jump::Jump>,
    /// Per field, whether the person changed it (a key, a paste, the
    /// quick choice) since the values were loaded: a field the form fills
    /// in from others (the contact's 場所) leaves such a one alone.
    touched: Vec<bool>,
}

impl std::fmt::Debug for Form {
    // The text areas and the date check (a closure) have no useful print.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Form")
            .field("title", &self.title)
            .field("focus", &self.focus)
            .field("errors", &self.errors)
            .finish_non_exhaustive()
    }
}

impl Form {
    pub fn new(title: impl Into<String>, specs: Vec<FieldSpec>, date_check: DateCheck) -> Form {
        let styles = FieldStyles::from_theme(&Theme::default());
        let fields = specs.iter().map(|s| Field::new(&s.kind)).collect();
        let mut form = Form {
            title: title.into(),
            errors: vec![None; specs.len()],
            checked: vec![None; specs.len()],
            touched: vec![false; specs.len()],
            jump: None,
            specs,
            fields,
            focus: 0,
            message: None,
            confirm_discard: false,
            baseline: BTreeMap::new(),
            date_check,
            styles,
            keys: FormKeys::default(),
        };
        form.restyle();
        form.baseline = form.values();
        form
    }

    /// Edit with `keymap`'s keys, and name them so on the help line.
    pub fn set_keys(&mut self, keymap: &Keymap) {
        self.keys = FormKeys::new(keymap);
    }

    /// Use `theme`'s input styles for the editors.
    pub fn set_theme(&mut self, theme: &Theme) {
        self.styles = FieldStyles::from_theme(theme);
        self.restyle();
    }

    fn restyle(&mut self) {
        for (i, f) in self.fields.iter_mut().enumerate() {
            f.apply_styles(&self.styles, i == self.focus);
        }
    }

    pub fn title(&self) -> &str {
        &self.title
    }
    /// A title that follows the values (a plan becoming a review).
    pub fn set_title(&mut self, title: impl Into<String>) {
        self.title = title.into();
    }
    pub fn specs(&self) -> &[FieldSpec] {
        &self.specs
    }
    pub fn focus_index(&self) -> usize {
        self.focus
    }
    pub fn focus_id(&self) -> &str {
        self.specs
            .get(self.focus)
            .map(|s| s.id.as_str())
            .unwrap_or("")
    }
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
    pub fn confirming_discard(&self) -> bool {
        self.confirm_discard
    }

    /// The validation message under field `id`, if any.
    pub fn error(&self, id: &str) -> Option<&str> {
        let i = self.index_of(id)?;
        self.errors[i].as_deref()
    }

    /// Show a message under field `id` (e.g. a rule the caller checks).
    pub fn set_error(&mut self, id: &str, message: impl Into<String>) {
        if let Some(i) = self.index_of(id) {
            self.errors[i] = Some(message.into());
        }
    }

    /// Field `id`'s label, as shown.
    pub fn label_of(&self, id: &str) -> Option<String> {
        let i = self.index_of(id)?;
        Some(crate::text::for_display(&self.specs[i].label).into_owned())
    }

    fn index_of(&self, id: &str) -> Option<usize> {
        self.specs.iter().position(|s| s.id == id)
    }

    /// Move the focus to field `id`.
    pub fn focus_field(&mut self, id: &str) {
        if let Some(i) = self.index_of(id) {
            self.set_focus(i);
        }
    }

    fn set_focus(&mut self, i: usize) {
        if i == self.focus || i >= self.fields.len() {
            return;
        }
        let old = self.focus;
        self.focus = i;
        self.fields[old].apply_styles(&self.styles, false);
        self.fields[i].apply_styles(&self.styles, true);
    }

    /// Every field's value by id: text as entered (lines joined by "\n"),
    /// a choice's id ("" when none), "true"/"false" for yes/no.
    pub fn values(&self) -> BTreeMap<String, String> {
        self.specs
            .iter()
            .zip(&self.fields)
            .map(|(s, f)| (s.id.clone(), f.value(&s.kind)))
            .collect()
    }

    /// Load values (ids not in the form are ignored; text is cleaned).
    /// The form then counts as unchanged, and nothing as the person's.
    pub fn set_values(&mut self, values: &BTreeMap<String, String>) {
        self.fill(values);
        self.baseline = self.values();
        self.touched.iter_mut().for_each(|t| *t = false);
    }

    /// The person changed field `id` since the values were loaded.
    pub fn touched(&self, id: &str) -> bool {
        self.index_of(id).is_some_and(|i| self.touched[i])
    }

    /// Count field `id` as the person's (a saved record's value, a draft's).
    pub fn mark_touched(&mut self, id: &str) {
        if let Some(i) = self.index_of(id) {
            self.touched[i] = true;
        }
    }

    /// The key table that applies: the filter's while the jump list is
    /// open (it filters the fields), the form's otherwise.
    pub fn mode(&self) -> Mode {
        if self.jump.is_some() {
            Mode::Filter
        } else {
            Mode::Form
        }
    }

    fn fill(&mut self, values: &BTreeMap<String, String>) {
        for (i, spec) in self.specs.iter().enumerate() {
            if let Some(v) = values.get(&spec.id) {
                self.fields[i].set(&spec.kind, v);
                self.fields[i].apply_styles(&self.styles, i == self.focus);
                self.errors[i] = None;
            }
        }
    }

    /// Anything changed since the values were loaded or saved.
    pub fn dirty(&self) -> bool {
        self.values() != self.baseline
    }

    /// The caller saved the values: they are the new baseline.
    pub fn mark_saved(&mut self) {
        self.baseline = self.values();
    }

    /// Route a terminal event: keys through the keymap's table for the
    /// form (`mode`), pastes to the focused field or the jump list.
    pub fn handle_event(&mut self, ev: &Event, keymap: &Keymap) -> FormOutcome {
        match ev {
            Event::Key(key) => self.handle_key(key, keymap.lookup(self.mode(), key)),
            Event::Paste(s) if self.jump.is_some() => self.jump_paste(s),
            Event::Paste(s) => self.handle_paste(s),
            _ => FormOutcome::Ignored,
        }
    }

    /// A key press, with the action the keymap gave it (if any).
    /// A line in the form's status area (until the next key).
    pub(crate) fn say(&mut self, text: &str) {
        self.message = Some(text.to_string());
    }

    pub fn handle_key(&mut self, key: &KeyEvent, action: Option<Action>) -> FormOutcome {
        if key.kind == KeyEventKind::Release {
            return FormOutcome::Ignored;
        }
        if self.confirm_discard {
            return self.answer_discard(key);
        }
        self.message = None;
        if self.jump.is_some() {
            return self.jump_key(key, action);
        }
        match action {
            Some(Action::JumpField) => self.start_jump(),
            Some(Action::NextField) => self.move_focus(1),
            Some(Action::PrevField) => self.move_focus(-1),
            Some(Action::Save) => self.submit(),
            Some(Action::Back) => {
                if self.dirty() {
                    self.confirm_discard = true;
                    FormOutcome::Consumed
                } else {
                    FormOutcome::Cancel
                }
            }
            Some(Action::Help) => self.explain_field(),
            // In a field that takes no text, ? explains it too.
            None if key.code == KeyCode::Char('?')
                && self
                    .specs
                    .get(self.focus)
                    .is_some_and(|s| !s.kind.is_text()) =>
            {
                self.explain_field()
            }
            // The field decides: a choice moves, a text field takes the key.
            Some(
                a @ (Action::ChoiceNext
                | Action::ChoicePrev
                | Action::ChoiceClear
                | Action::Newline),
            ) => self.edit(key, Some(a)),
            Some(Action::QuickChoice | Action::NoOp) | None => match self.quick_pick(key) {
                Some(outcome) => outcome,
                None => self.edit(key, None),
            },
            Some(_) => FormOutcome::Ignored,
        }
    }

    /// The focused field's full label and what it expects, on the status
    /// line (it wraps there) until the next key.
    fn explain_field(&mut self) -> FormOutcome {
        if let Some(spec) = self.specs.get(self.focus) {
            let mut s = format!("「{}」", crate::text::for_display(&spec.label));
            if spec.required {
                s.push_str("（必須）");
            }
            let hint = self.keys.hint(&spec.kind);
            let expects = match &spec.kind {
                FieldKind::Choice(c) => format!("{}つの中から選ぶ。{hint}", c.len()),
                FieldKind::Text { max_chars } => format!("1行、{max_chars}字まで"),
                FieldKind::MultiLine { max_chars } => format!("{max_chars}字までの文章。{hint}"),
                _ => hint,
            };
            self.message = Some(format!("{s}: {expects}"));
        }
        FormOutcome::Consumed
    }

    /// The question stays until it is answered: an Esc pressed again
    /// (people press Esc twice to leave) keeps asking, so the y that
    /// follows answers it instead of being typed into the text.
    fn answer_discard(&mut self, key: &KeyEvent) -> FormOutcome {
        match key.code {
            KeyCode::Char('y' | 'Y' | 'ｙ' | 'Ｙ') => {
                self.confirm_discard = false;
                FormOutcome::Cancel
            }
            KeyCode::Char('n' | 'N' | 'ｎ' | 'Ｎ') | KeyCode::Enter => {
                self.confirm_discard = false;
                FormOutcome::Consumed
            }
            _ => FormOutcome::Consumed,
        }
    }

    fn move_focus(&mut self, delta: isize) -> FormOutcome {
        self.leave_field(self.focus);
        let n = self.fields.len() as isize;
        // Top to bottom: Tab on the last field comes back to the first
        // (Tab alone reaches every field), but Shift-Tab on the first
        // stays, rather than jumping to the far end of a long form.
        let next = self.focus as isize + delta;
        if n > 0 && next >= 0 {
            self.set_focus((next % n) as usize);
        }
        FormOutcome::Consumed
    }

    /// Check a field when the focus leaves it: dates and numbers are
    /// normalized or get a message. Emptiness is only checked on save.
    fn leave_field(&mut self, i: usize) {
        let Some(spec) = self.specs.get(i) else {
            return;
        };
        let raw = self.fields[i].value(&spec.kind);
        let trimmed = raw.trim();
        let already = self.checked[i].as_deref() == Some(raw.as_str());
        if already
            || trimmed.is_empty()
            || !matches!(spec.kind, FieldKind::Date | FieldKind::Number)
        {
            self.errors[i] = None;
            return;
        }
        let checked = match spec.kind {
            FieldKind::Date => (self.date_check)(trimmed),
            _ => field::normalize_number(trimmed),
        };
        match checked {
            Ok(normalized) => {
                self.errors[i] = None;
                if normalized != raw {
                    self.fields[i].set(&spec.kind, &normalized);
                    self.fields[i].apply_styles(&self.styles, i == self.focus);
                }
                self.checked[i] = Some(self.fields[i].value(&spec.kind));
            }
            Err(msg) => self.errors[i] = Some(msg),
        }
    }

    /// Validate every field; `true` when all are fine. The focus goes to
    /// the first field with a problem.
    pub fn validate(&mut self) -> bool {
        let mut first_bad = None;
        for i in 0..self.specs.len() {
            self.leave_field(i);
            let spec = &self.specs[i];
            let value = self.fields[i].value(&spec.kind);
            let chars = value.chars().count();
            let table_text = spec.field.is_some()
                && matches!(
                    spec.kind,
                    FieldKind::Text { .. } | FieldKind::MultiLine { .. }
                );
            if self.errors[i].is_none() && spec.required && value.trim().is_empty() && !table_text {
                self.errors[i] = Some(match (&spec.kind, &spec.hint) {
                    (_, Some(hint)) => format!("必須項目です。{hint}してください"),
                    (FieldKind::Choice(_), None) => "必須項目です。選んでください".to_string(),
                    _ => "必須項目です。入力してください".to_string(),
                });
            }
            // A record's field: the table's own verdict, every problem at
            // once, in the words every other way in uses.
            // (The table judges the value without the spaces at its ends.)
            if self.errors[i].is_none() && table_text {
                self.errors[i] = spec.problem(&value);
            }
            let max = spec.kind.max_chars();
            if self.errors[i].is_none() && spec.kind.is_text() && !table_text && chars > max {
                self.errors[i] = Some(crate::fields::too_long(&spec.label, max, chars));
            }
            if self.errors[i].is_some() && first_bad.is_none() {
                first_bad = Some(i);
            }
        }
        if let Some(i) = first_bad {
            self.set_focus(i);
            let n = self.errors.iter().filter(|e| e.is_some()).count();
            self.message = Some(format!("入力内容を確認してください（{n}件）"));
            return false;
        }
        true
    }

    fn submit(&mut self) -> FormOutcome {
        if self.validate() {
            FormOutcome::Submit(self.values())
        } else {
            FormOutcome::Invalid
        }
    }
}
