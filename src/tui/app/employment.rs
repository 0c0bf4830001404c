//! `E` when the current job has ended (離職): the case worker either
//! corrects that employment or registers the new job the person found.
//! The new one is saved by `usecases::add_employment` (it refuses a job
//! that does not begin after the 離職日); the timeline then follows it and
//! the ended one stays listed as a record.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent};

use super::{App, Preset};
use crate::model::ClientId;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::record_forms::FormKind;
use crate::tui::widgets::prompt::Prompt;

/// Which employment the employment form edits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum JobTarget {
    /// The current one; when it has ended, ask first.
    #[default]
    Ask,
    /// The current one, ended or not.
    Current,
    /// A new job after the current one ended.
    New,
}

/// The question `E` asks about an ended job, waiting for its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobChoice {
    pub client_id: ClientId,
    pub employer: String,
    pub separated: NaiveDate,
}

impl App {
    /// Ask instead of opening the form when the current job has ended and
    /// the preset does not say which one; `true` when asking.
    pub(crate) fn ask_which_job(&mut self, preset: &Preset) -> bool {
        // A job named by its row (a correction) is opened as it is.
        if preset.job != JobTarget::Ask || preset.record.is_some() {
            return false;
        }
        let Some(t) = &self.timeline else {
            return false;
        };
        let Some(e) = t.client.current_employment() else {
            return false;
        };
        let Some(separated) = e.separation_date else {
            return false;
        };
        self.job_choice = Some(JobChoice {
            client_id: t.client_id(),
            employer: e.employer.name.clone(),
            separated,
        });
        self.message = None;
        true
    }

    /// The answer: y a new job, n the ended one, back (Esc) neither.
    pub(super) fn job_choice_key(&mut self, key: &KeyEvent) {
        let target = match key.code {
            KeyCode::Char('y' | 'Y' | 'ｙ' | 'Ｙ') => JobTarget::New,
            KeyCode::Char('n' | 'N' | 'ｎ' | 'Ｎ') => JobTarget::Current,
            _ if self.keymap.lookup(Mode::Global, key) == Some(Action::Back) => {
                self.job_choice = None;
                self.info("就職の入力をやめました");
                return;
            }
            _ => return,
        };
        let Some(choice) = self.job_choice.take() else {
            return;
        };
        // The timeline may have moved to another client meanwhile (a jump
        // is not possible while asking, but a reload is).
        if self.timeline.as_ref().map(|t| t.client_id()) != Some(choice.client_id) {
            return;
        }
        self.open_form(
            FormKind::Employment,
            Preset {
                job: target,
                ..Preset::default()
            },
        );
    }

    /// The prompt's text: title, why it asks, and (key, what it does).
    pub(crate) fn job_prompt(&self) -> Option<Prompt> {
        let c = self.job_choice.as_ref()?;
        let back = self
            .keymap
            .keys_for(Mode::Global, Action::Back)
            .first()
            .map(|k| k.to_string())
            .unwrap_or_default();
        let lines = vec![
            format!(
                "{}を{}に離職しています。",
                crate::text::for_display(&c.employer),
                crate::wareki::format(c.separated)
            ),
            "新しい就職を登録しますか？".to_string(),
        ];
        let mut choices = vec![
            (
                "y".to_string(),
                "新しい就職を登録する（経過は新しい就職に沿います）".to_string(),
            ),
            ("n".to_string(), "離職した就職の情報を直す".to_string()),
        ];
        if !back.is_empty() {
            choices.push((back, "やめる".to_string()));
        }
        Some(Prompt {
            title: "就職（雇用）情報".to_string(),
            lines,
            choices,
        })
    }
}
