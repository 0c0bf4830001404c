//! The small dialog for a person's decisions about a case: mark one item
//! 対象外 with a reason (picked by number or typed), take such a decision
//! back, or reopen a closed case. Each asks for a reason, which the audit
//! keeps. The dialog only edits its own state; confirming hands a
//! `DecideRequest` to the loop, which calls the use case (`run.rs`).
//! Closing a case is a form (`record_forms::closure`), not this dialog.

mod run;
mod view;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub(crate) use run::run;
pub(crate) use view::DecisionView;

use super::action::Action;
use crate::dates::YearMonth;
use crate::model::ObligationId;
use crate::validate::MAX_SHORT_TEXT;

/// The reasons offered by number for 対象外; the last is free text.
pub(crate) const RESOLVE_REASONS: [&str; 4] = ["入院中", "連絡不能", "本人の意向", "その他"];

/// What the dialog decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ask {
    /// Mark the item 対象外.
    Resolve,
    /// Take back a person's 対象外 decision on the item.
    Unresolve,
    /// Reopen the closed case.
    Reopen,
}

impl Ask {
    pub(crate) fn title(self) -> &'static str {
        match self {
            Ask::Resolve => "対象外にする",
            Ask::Unresolve => "対象外の判断を取り消す",
            Ask::Reopen => "終結を取り消す",
        }
    }

    fn prompt(self) -> &'static str {
        match self {
            Ask::Resolve => "理由を番号で選ぶか、入力してください（記録に残ります）",
            Ask::Unresolve | Ask::Reopen => "取り消す理由を入力してください（記録に残ります）",
        }
    }
}

/// The item a decision is about. (`pub`: `Effect`, which is, carries it.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRef {
    pub id: ObligationId,
    pub period: Option<YearMonth>,
    /// The title as shown (with its month for monthly items).
    pub title: String,
}

/// A decision to write, built from the dialog. (`pub`: `Effect`, which
/// is, carries it.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecideRequest {
    Resolve {
        client_id: i64,
        item: ItemRef,
        reason: String,
    },
    Unresolve {
        client_id: i64,
        item: ItemRef,
        reason: String,
    },
    Reopen {
        client_id: i64,
        reason: String,
    },
}

impl DecideRequest {
    pub(crate) fn client_id(&self) -> i64 {
        match self {
            DecideRequest::Resolve { client_id, .. }
            | DecideRequest::Unresolve { client_id, .. }
            | DecideRequest::Reopen { client_id, .. } => *client_id,
        }
    }
}

/// What a key did to the dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    Consumed,
    /// Leave without changing anything.
    Cancel,
    /// The reason is given: write this.
    Confirm(DecideRequest),
}

/// The open dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decision {
    pub(crate) ask: Ask,
    pub(crate) client_id: i64,
    /// The item, for 対象外 and its undoing.
    pub(crate) item: Option<ItemRef>,
    /// What is decided, as label and value lines (client, item, due …).
    pub(crate) facts: Vec<(&'static str, String)>,
    /// The reason as typed (or the word picked by number).
    pub(crate) reason: String,
    /// その他 was picked: the reason is typed.
    pub(crate) other: bool,
    /// Why the last confirm was refused (empty reason, the store's answer).
    pub(crate) error: Option<String>,
    /// The decision is being written (the loop runs it before the next key).
    pub(crate) busy: bool,
}

impl Decision {
    pub(crate) fn new(
        ask: Ask,
        client_id: i64,
        item: Option<ItemRef>,
        facts: Vec<(&'static str, String)>,
    ) -> Decision {
        Decision {
            ask,
            client_id,
            item,
            facts,
            reason: String::new(),
            other: false,
            error: None,
            busy: false,
        }
    }

    pub(crate) fn prompt(&self) -> &'static str {
        self.ask.prompt()
    }

    /// The numbered reasons this dialog offers (none for undoing).
    pub(crate) fn choices(&self) -> &'static [&'static str] {
        match self.ask {
            Ask::Resolve => &RESOLVE_REASONS,
            Ask::Unresolve | Ask::Reopen => &[],
        }
    }

    /// The numbered reason now chosen: a word picked (and not edited), or
    /// その他 for anything typed.
    pub(crate) fn chosen(&self) -> Option<usize> {
        let choices = self.choices();
        let last = choices.len().checked_sub(1)?;
        match choices[..last].iter().position(|w| *w == self.reason) {
            Some(i) => Some(i),
            None if self.other || !self.reason.is_empty() => Some(last),
            None => None,
        }
    }

    /// A number picks a reason while nothing is typed yet (or a picked
    /// word would simply be replaced); otherwise digits are text. `false`
    /// when `c` picked nothing.
    fn pick(&mut self, c: char) -> bool {
        let n = match c {
            '1'..='9' => c as u32 - '0' as u32,
            '１'..='９' => c as u32 - '１' as u32 + 1,
            _ => return false,
        } as usize;
        let choices = self.choices();
        // After その他 the person is typing: digits are text.
        let picking =
            (self.reason.is_empty() && !self.other) || choices.contains(&self.reason.as_str());
        if !picking || n == 0 || n > choices.len() {
            return false;
        }
        if n == choices.len() {
            self.reason.clear();
            self.other = true;
        } else {
            self.reason = choices[n - 1].to_string();
            self.other = false;
        }
        true
    }

    fn push_str(&mut self, s: &str) {
        let room = MAX_SHORT_TEXT.saturating_sub(self.reason.chars().count());
        let line: String = crate::text::clean_input(s)
            .chars()
            .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
            .collect();
        if line.chars().count() > room {
            self.error = Some(format!("理由は{MAX_SHORT_TEXT}文字までです"));
        }
        self.reason.extend(line.chars().take(room));
    }

    /// A key, with the action the keymap's dialog table gave it.
    pub(crate) fn key(&mut self, key: &KeyEvent, action: Option<Action>) -> Outcome {
        if self.busy {
            return Outcome::Consumed;
        }
        match action {
            Some(Action::Back) => return Outcome::Cancel,
            Some(Action::Enter | Action::Save) => return self.confirm(),
            Some(Action::NoOp) | None => {}
            Some(_) => return Outcome::Consumed,
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        self.error = None;
        match key.code {
            KeyCode::Backspace if self.chosen().is_some_and(|i| i + 1 < self.choices().len()) => {
                // A picked word goes as a whole, as it came.
                self.reason.clear();
            }
            // Nothing left to delete: その他 is undone too.
            KeyCode::Backspace if self.reason.pop().is_none() => self.other = false,
            KeyCode::Char('u') if ctrl => {
                self.reason.clear();
                self.other = false;
            }
            KeyCode::Char(c) if !ctrl && !alt && !self.pick(c) => self.push_str(&c.to_string()),
            _ => {}
        }
        Outcome::Consumed
    }

    /// Pasted text is typed into the reason (one line, cleaned).
    pub(crate) fn paste(&mut self, s: &str) {
        if !self.busy {
            self.error = None;
            self.push_str(s);
        }
    }

    fn confirm(&mut self) -> Outcome {
        let reason = self.reason.trim().to_string();
        if reason.is_empty() {
            self.error = Some(
                match (self.ask, self.other) {
                    (Ask::Resolve, true) => "その他の理由を入力してください",
                    (Ask::Resolve, false) => "理由を番号で選ぶか、入力してください",
                    _ => "取り消す理由を入力してください",
                }
                .to_string(),
            );
            return Outcome::Consumed;
        }
        let client_id = self.client_id;
        let request = match (self.ask, self.item.clone()) {
            (Ask::Resolve, Some(item)) => DecideRequest::Resolve {
                client_id,
                item,
                reason,
            },
            (Ask::Unresolve, Some(item)) => DecideRequest::Unresolve {
                client_id,
                item,
                reason,
            },
            (Ask::Reopen, _) => DecideRequest::Reopen { client_id, reason },
            (_, None) => return Outcome::Cancel,
        };
        self.busy = true;
        Outcome::Confirm(request)
    }
}

#[cfg(test)]
mod tests;
