//! What a key or a paste does to the focused field: the quick pick of a
//! choice, ordinary editing, and bracketed paste (cleaned, whole, its
//! length said).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{FieldKind, FieldSpec, Form, FormOutcome, field};
use crate::tui::action::Action;

impl Form {
    /// The field Alt and a digit picks in, if the form has one.
    pub fn quick_field(&self) -> Option<&FieldSpec> {
        self.specs.iter().find(|s| s.quick)
    }

    /// Alt and a digit: that choice of the quick field, wherever the
    /// focus is (the focus stays, so the text goes on being typed).
    pub(super) fn quick_pick(&mut self, key: &KeyEvent) -> Option<FormOutcome> {
        let c = self.keys.quick_digit(key)?;
        let q = self.specs.iter().position(|s| s.quick)?;
        let FieldKind::Choice(choices) = &self.specs[q].kind else {
            return None;
        };
        let i = field::choice_for_key(c, choices.len())?;
        let id = choices[i].0.clone();
        self.fields[q].set(&self.specs[q].kind, &id);
        self.errors[q] = None;
        self.touched[q] = true;
        self.message = Some(format!(
            "{}: {}",
            crate::text::for_display(&self.specs[q].label),
            crate::text::for_display(&choices[i].1)
        ));
        Some(FormOutcome::Consumed)
    }

    /// A key that is not a form action edits the focused field, with the
    /// field-editing action the keymap gave it (if any).
    pub(super) fn edit(&mut self, key: &KeyEvent, action: Option<Action>) -> FormOutcome {
        let i = self.focus;
        let Some(spec) = self.specs.get(i) else {
            return FormOutcome::Ignored;
        };
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        // Up/Down move between one-line fields; in a text box they move the cursor.
        if plain && !matches!(spec.kind, FieldKind::MultiLine { .. }) {
            match key.code {
                KeyCode::Down => return self.move_focus(1),
                KeyCode::Up => return self.move_focus(-1),
                _ => {}
            }
        }
        match self.fields[i].edit(&spec.kind, key, action) {
            field::Edit::Unchanged => FormOutcome::Ignored,
            field::Edit::Changed => {
                self.touched[i] = true;
                // Still over the limit (after a long paste): still said.
                let n = self.fields[i].value(&spec.kind).chars().count();
                let max = spec.kind.max_chars();
                let label = spec.field.map_or(spec.label.as_str(), |f| f.label);
                self.errors[i] = (spec.kind.is_text() && n > max)
                    .then(|| crate::fields::too_long(label, max, n));
                FormOutcome::Consumed
            }
            field::Edit::Moved => FormOutcome::Consumed,
            field::Edit::TooLong => {
                // The key is refused, and said: nothing is dropped unseen.
                let label = spec.field.map_or(spec.label.as_str(), |f| f.label);
                self.message = Some(format!(
                    "{}は{}字までです。これ以上は入りません",
                    crate::text::for_display(label),
                    spec.kind.max_chars()
                ));
                FormOutcome::Consumed
            }
        }
    }

    /// Pasted text (bracketed paste) goes into the focused field, cleaned
    /// of control characters and escape sequences, whole; text past the
    /// field's length is kept and shown as the field's problem.
    pub fn handle_paste(&mut self, pasted: &str) -> FormOutcome {
        if self.confirm_discard {
            return FormOutcome::Consumed;
        }
        let i = self.focus;
        let Some(spec) = self.specs.get(i) else {
            return FormOutcome::Ignored;
        };
        if !spec.kind.is_text() {
            self.message = Some("この項目には貼り付けできません".to_string());
            return FormOutcome::Consumed;
        }
        let report = self.fields[i].paste(&spec.kind, pasted);
        self.touched[i] = true;
        let label = spec.field.map_or(spec.label.as_str(), |f| f.label);
        let max = spec.kind.max_chars();
        // Over the limit: the field says so until it is short enough, and
        // saving is refused with the same words.
        self.errors[i] = report.over.map(|n| crate::fields::too_long(label, max, n));
        self.message = report.message(label, max);
        FormOutcome::Consumed
    }
}
