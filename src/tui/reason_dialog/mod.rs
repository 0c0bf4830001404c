//! The one dialog for a write that needs a person's reason: deleting a
//! record, marking an item 対象外 or taking that back, reopening a case.
//! A box over the screen names what is decided, asks why (typed, or a
//! quick reason by its number while nothing is typed), Enter does it and
//! Esc leaves. Each caller supplies the title, the lines that name the
//! thing, the quick reasons, the confirm word and the effect Enter queues;
//! the dialog only edits its own state (the audit keeps the reason).
//! `update` takes its keys and the store's answer, `view` draws it.

mod update;
mod view;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub(crate) use view::ReasonDialogView;

use super::action::Action;
use super::app::Effect;
use crate::fields::reason::REASON;

/// What Enter queues, given the reason (trimmed, never empty).
pub(crate) type Then = Box<dyn Fn(String) -> Effect>;

/// What a key did to the dialog.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Outcome {
    Consumed,
    /// Leave without changing anything.
    Cancel,
    /// The reason is given: run this (boxed: an effect is large).
    Confirm(Box<Effect>),
}

/// The open dialog.
pub(crate) struct ReasonDialog {
    /// On the top border: what the dialog does.
    pub(crate) title: &'static str,
    /// What is decided, as label and value lines (client, item, record …);
    /// an empty label gives the value a line of its own (a question).
    pub(crate) facts: Vec<(&'static str, String)>,
    /// Asks for the reason; said again when Enter comes without one.
    pub(crate) prompt: &'static str,
    /// After the prompt: where the reason goes.
    pub(crate) note: &'static str,
    /// The reasons offered by number.
    pub(crate) choices: &'static [&'static str],
    /// One more number, after the choices, for a reason of one's own
    /// (その他): picking it only lets the person type.
    pub(crate) other: Option<&'static str>,
    /// Next to the confirm key on the border: what Enter does.
    pub(crate) confirm: &'static str,
    /// The status line after Esc.
    pub(crate) cancelled: &'static str,
    /// The reason as typed (or the word picked by number).
    pub(crate) reason: String,
    /// `other` was picked: the reason is typed.
    typing_other: bool,
    /// Why the last confirm was refused (empty reason, the store's answer).
    pub(crate) error: Option<String>,
    /// The write is under way (the loop runs it before the next key).
    pub(crate) busy: bool,
    then: Then,
}

impl std::fmt::Debug for ReasonDialog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReasonDialog")
            .field("title", &self.title)
            .field("facts", &self.facts)
            .field("reason", &self.reason)
            .field("error", &self.error)
            .field("busy", &self.busy)
            .finish_non_exhaustive()
    }
}

impl ReasonDialog {
    /// A dialog titled `title` about `facts`; Enter (its word `confirm`)
    /// queues `then(reason)`. No quick reasons until `choices`.
    pub(crate) fn new(
        title: &'static str,
        facts: Vec<(&'static str, String)>,
        confirm: &'static str,
        then: Then,
    ) -> ReasonDialog {
        ReasonDialog {
            title,
            facts,
            prompt: "理由を入力してください",
            note: "（記録に残ります）",
            choices: &[],
            other: None,
            confirm,
            cancelled: "やめました（何も変更していません）",
            reason: String::new(),
            typing_other: false,
            error: None,
            busy: false,
            then,
        }
    }

    /// Quick reasons by number; `other` (その他) after them lets the
    /// person type one of their own.
    pub(crate) fn choices(
        mut self,
        choices: &'static [&'static str],
        other: Option<&'static str>,
    ) -> ReasonDialog {
        self.choices = choices;
        self.other = other;
        self
    }

    /// The question for the reason and the note after it.
    pub(crate) fn prompt(mut self, prompt: &'static str, note: &'static str) -> ReasonDialog {
        self.prompt = prompt;
        self.note = note;
        self
    }

    /// The status line after Esc.
    pub(crate) fn cancelled(mut self, message: &'static str) -> ReasonDialog {
        self.cancelled = message;
        self
    }

    /// Every numbered word, `other` last.
    pub(crate) fn numbered(&self) -> Vec<&'static str> {
        self.choices.iter().copied().chain(self.other).collect()
    }

    /// The numbered reason now chosen: a word picked (and not edited), or
    /// `other` for anything typed.
    pub(crate) fn chosen(&self) -> Option<usize> {
        match self.choices.iter().position(|w| *w == self.reason) {
            Some(i) => Some(i),
            None if self.other.is_some() && (self.typing_other || !self.reason.is_empty()) => {
                Some(self.choices.len())
            }
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
        // After その他 the person is typing: digits are text.
        let picking = (self.reason.is_empty() && !self.typing_other)
            || self.choices.contains(&self.reason.as_str());
        if !picking || n == 0 || n > self.numbered().len() {
            return false;
        }
        match self.choices.get(n - 1) {
            Some(word) => {
                self.reason = word.to_string();
                self.typing_other = false;
            }
            None => {
                self.reason.clear();
                self.typing_other = true;
            }
        }
        true
    }

    fn push_str(&mut self, s: &str) {
        let room = REASON.max.saturating_sub(self.reason.chars().count());
        let line: String = crate::text::clean_input(s)
            .chars()
            .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
            .collect();
        // Nothing is cut without a word: what does not fit is refused
        // whole, with the limit named, and the reason stays as it was.
        let n = line.chars().count();
        if n > room {
            let after = self.reason.chars().count() + n;
            self.error = Some(crate::fields::too_long("理由", REASON.max, after));
            return;
        }
        self.reason.push_str(&line);
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
            KeyCode::Backspace if self.choices.contains(&self.reason.as_str()) => {
                // A picked word goes as a whole, as it came.
                self.reason.clear();
            }
            // Nothing left to delete: その他 is undone too.
            KeyCode::Backspace if self.reason.pop().is_none() => self.typing_other = false,
            KeyCode::Char('u') if ctrl => {
                self.reason.clear();
                self.typing_other = false;
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
            self.error = Some(match (self.other, self.typing_other) {
                (Some(other), true) => format!("{other}の理由を入力してください"),
                _ => self.prompt.to_string(),
            });
            return Outcome::Consumed;
        }
        self.busy = true;
        Outcome::Confirm(Box::new((self.then)(reason)))
    }

    /// The store's answer: the write did not go through, and why.
    pub(crate) fn refused(&mut self, why: String) {
        self.busy = false;
        self.error = Some(why);
    }
}

#[cfg(test)]
mod tests;
