//! A click in the form, where the terminal sends one (mouse reporting is
//! off unless asked for: see `runtime::terminal`): on a field's label or
//! value it takes the focus there, as Tab would (the field left is
//! checked); on an entry of the jump list it goes to that field.

use ratatui::layout::{Position, Rect};

use super::{Form, FormOutcome};

impl Form {
    /// A left click at (`x`, `y`) on the form drawn in `area`.
    pub fn click(&mut self, area: Rect, x: u16, y: u16) -> FormOutcome {
        if self.confirm_discard {
            return FormOutcome::Ignored;
        }
        let inner = self.inner(area);
        let target = if self.jump.is_some() {
            self.jump_field_at(inner, x, y)
        } else {
            self.field_at(inner, x, y)
        };
        match target {
            Some(i) => {
                self.message = None;
                self.jump = None;
                if i != self.focus {
                    self.leave_field(self.focus);
                    self.set_focus(i);
                }
                FormOutcome::Consumed
            }
            None => FormOutcome::Ignored,
        }
    }

    /// The field whose label, value or problem is drawn at (`x`, `y`).
    fn field_at(&self, inner: Rect, x: u16, y: u16) -> Option<usize> {
        let at = Position::new(x, y);
        self.layout(inner)
            .rows
            .iter()
            .find(|r| {
                r.label.contains(at)
                    || r.value.contains(at)
                    || r.error.is_some_and(|e| e.contains(at))
            })
            .map(|r| r.field)
    }
}
