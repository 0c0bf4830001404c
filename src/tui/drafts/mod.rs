//! A form's drafts. They are written as the case worker types and
//! offered back when the form is opened again (`update`), each under a
//! key naming the form and the terminal it was typed in (`key`).
//!
//! At start-up, the drafts this login left behind — in this terminal or
//! another, a dropped SSH session's among them — are listed with when they
//! were saved and where (`DraftList`, drawn by `view`). Enter opens the
//! draft's form, where it is offered back (another terminal's draft is
//! only copied: that terminal may still be using it). Esc leaves every
//! draft as it is.

pub(crate) mod key;
mod update;
mod view;

use chrono::{DateTime, Utc};

pub(crate) use update::{FoundDraft, Offer, local_time};
pub(crate) use view::DraftListView;

use self::key::FormKey;
use super::action::Action;
use crate::store::Draft;

/// One listed draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(crate) form: FormKey,
    pub(crate) saved_at: DateTime<Utc>,
    /// Where it was typed: `pts/3`, `tmux %1` …
    pub(crate) terminal: String,
    /// Typed in this terminal (an earlier session of it).
    pub(crate) here: bool,
}

/// What a key did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    Consumed,
    Close,
    /// Open this draft's form.
    Open(FormKey),
}

/// The list on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DraftList {
    pub(crate) entries: Vec<Entry>,
    pub(crate) cursor: usize,
}

impl DraftList {
    /// `login`'s TUI drafts among `drafts` (newest first); `None` if
    /// there are none. `terminal`: this terminal's id.
    pub(crate) fn new(drafts: &[Draft], login: &str, terminal: &str) -> Option<DraftList> {
        let entries: Vec<Entry> = drafts
            .iter()
            .filter_map(|d| {
                let form = key::parse(&d.key, login)?;
                let here = key::split(&d.key).1.unwrap_or("") == terminal;
                Some(Entry {
                    form,
                    saved_at: d.updated_at,
                    terminal: key::terminal_label(&d.key),
                    here,
                })
            })
            .collect();
        (!entries.is_empty()).then_some(DraftList { entries, cursor: 0 })
    }

    /// A key, with the action the keymap's drafts table gave it.
    pub(crate) fn key(&mut self, action: Option<Action>) -> Outcome {
        let last = self.entries.len().saturating_sub(1);
        match action {
            Some(Action::Up) => self.cursor = self.cursor.saturating_sub(1),
            Some(Action::Down) => self.cursor = (self.cursor + 1).min(last),
            Some(Action::Top) => self.cursor = 0,
            Some(Action::Bottom) => self.cursor = last,
            Some(Action::Back) => return Outcome::Close,
            Some(Action::Enter) => {
                if let Some(e) = self.entries.get(self.cursor) {
                    return Outcome::Open(e.form.clone());
                }
            }
            _ => {}
        }
        Outcome::Consumed
    }
}
