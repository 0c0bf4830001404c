//! The form's update: an open form's keys and pastes, and what each
//! outcome does — a save submitted, a form left (its draft dropped), a
//! save that waits for the file saying so.

use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyEvent};

use super::FormOutcome;
use crate::tui::action::Action;
use crate::tui::app::{App, Effect};
use crate::tui::keymap::Mode;
use crate::tui::record_forms as rf;
use crate::tui::widgets::layout;

/// While a save waits for the file.
pub(crate) const SAVING_WAITS: &str =
    "保存しています。他の人の保存が終わるのを待っています（終わるまで入力はできません）";

/// A save still under way this long waits for someone else's: the form
/// says so without waiting for a key.
pub(crate) const SLOW_SAVE: Duration = Duration::from_millis(700);

impl App {
    /// A save that takes long waits for the file: say so (once). `true`
    /// when it did (the screen must be drawn again).
    pub(crate) fn note_slow_save(&mut self, now: Instant) -> bool {
        let Some(fs) = &mut self.form else {
            return false;
        };
        if !fs.saving {
            fs.saving_since = None;
            return false;
        }
        let (since, told) = fs.saving_since.get_or_insert((now, false));
        if !*told && now.duration_since(*since) >= SLOW_SAVE {
            *told = true;
            fs.form.say(SAVING_WAITS);
            return true;
        }
        false
    }

    pub(crate) fn form_key(&mut self, key: &KeyEvent, now: Instant) {
        let Some(fs) = &mut self.form else { return };
        // The save waits on the file (another person is saving): what is
        // typed now would not be in it, so nothing is taken until it ends.
        // Moving between fields and a field's help change nothing saved.
        if fs.saving {
            match self.keymap.lookup(Mode::Form, key) {
                Some(Action::NextField | Action::PrevField | Action::Help) => {
                    // Only moves or explains: nothing for `form_outcome`.
                    let _ = fs.form.handle_event(&Event::Key(*key), &self.keymap);
                }
                _ => fs.form.say(SAVING_WAITS),
            }
            return;
        }
        if let Some(offer) = fs.offer.take() {
            self.offer_key(offer, key);
            return;
        }
        if fs.conflict.as_ref().is_some_and(|c| c.shown) {
            self.conflict_key(key, now);
            return;
        }
        // The form's own actions (the form itself knows no records), not
        // while the jump list takes the keys.
        if !fs.form.jumping() {
            let action = self.keymap.lookup(Mode::Form, key);
            if !fs.form.confirming_discard() && action == Some(Action::RefreshRecords) {
                self.refresh_records(now);
                return;
            }
            if self.form_action(action, now) {
                return;
            }
        }
        let Some(fs) = &mut self.form else { return };
        let outcome = fs.form.handle_event(&Event::Key(*key), &self.keymap);
        self.form_outcome(outcome, now);
    }

    /// A left click at (`x`, `y`): in an open form, the field there.
    pub(crate) fn form_click(&mut self, x: u16, y: u16, now: Instant) {
        if self.help.is_some() {
            return;
        }
        self.touched = true;
        let area = layout::form_area(layout::full_layout(self.size).body);
        let Some(fs) = &mut self.form else { return };
        if fs.saving || fs.offer.is_some() || fs.conflict.as_ref().is_some_and(|c| c.shown) {
            return;
        }
        let outcome = fs.form.click(area, x, y);
        if outcome != FormOutcome::Ignored {
            self.form_outcome(outcome, now);
        }
    }

    pub(crate) fn form_paste(&mut self, s: &str, now: Instant) {
        let Some(fs) = &mut self.form else { return };
        if fs.saving {
            fs.form.say(SAVING_WAITS);
            return;
        }
        if fs.offer.is_some() || fs.conflict.as_ref().is_some_and(|c| c.shown) {
            return;
        }
        let outcome = fs.form.handle_paste(s);
        self.form_outcome(outcome, now);
    }

    pub(crate) fn form_outcome(&mut self, outcome: FormOutcome, now: Instant) {
        let Some(fs) = &mut self.form else { return };
        let invalid = outcome == FormOutcome::Invalid;
        match outcome {
            FormOutcome::Consumed | FormOutcome::Invalid | FormOutcome::Ignored => {
                // A contact's place follows 相手 and 方法 until chosen.
                if fs.kind == rf::FormKind::Contact
                    && let Some(note) = rf::follow_place(&mut fs.form)
                {
                    let text = match fs.form.message() {
                        Some(m) => format!("{m}。{note}"),
                        None => note,
                    };
                    fs.form.say(&text);
                }
                fs.changed(now);
                if invalid {
                    self.show_other_problems();
                }
                let Some(fs) = &mut self.form else { return };
                // The plan's title says whether saving makes a 見直し.
                if let (Some(base), Some(t)) = (&fs.base_plan, &self.timeline) {
                    let title = rf::plan_title(&t.client, base, &fs.form.values(), self.today);
                    fs.form.set_title(title);
                }
            }
            FormOutcome::Cancel => {
                let keys = [Some(fs.draft_key.clone()), fs.adopted.take()];
                self.form = None;
                for key in keys.into_iter().flatten() {
                    self.push(Effect::DeleteDraft(key));
                }
                self.info("入力をやめました");
            }
            // Someone else's change still waits for the person's choices.
            FormOutcome::Submit(values) if fs.conflict.is_some() => {
                self.reopen_conflict(&values, now)
            }
            FormOutcome::Submit(values) => self.submit(&values),
        }
    }
}
