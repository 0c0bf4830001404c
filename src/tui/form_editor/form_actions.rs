//! A form's own one-key actions, offered on that form only (hint bar,
//! keys): 本人に渡した（今日） on the 支援レポート sets 対象者提示日 to
//! today; 離職 on the employment form goes to 離職日, filled with today
//! when empty, the 離職の理由 one field further. Both only fill the form:
//! the person sees the value, may change it, and saves as with any edit.

use std::time::Instant;

use super::{FormOutcome, FormSession};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Mode;
use crate::tui::record_forms::{self as rf, FormKind, Values};

impl FormSession {
    /// The actions of this form alone, first on its hint bar.
    pub(crate) fn own_actions(&self) -> &'static [Action] {
        match self.kind {
            FormKind::Report => &[Action::MarkPresented],
            FormKind::Employment => &[Action::Separation],
            _ => &[],
        }
    }
}

impl App {
    /// `action` when it is one of a form's own; `false` for any other.
    pub(super) fn form_action(&mut self, action: Option<Action>, now: Instant) -> bool {
        let Some(fs) = &self.form else { return false };
        let (Some(a @ (Action::MarkPresented | Action::Separation)), false) =
            (action, fs.form.confirming_discard())
        else {
            return false;
        };
        if !fs.own_actions().contains(&a) {
            let which = if a == Action::MarkPresented {
                FormKind::Report
            } else {
                FormKind::Employment
            };
            let text = format!("{}の入力中だけ使えます", which.title());
            if let Some(fs) = &mut self.form {
                fs.form.say(&text);
            }
            return true;
        }
        if a == Action::MarkPresented {
            self.mark_presented();
        } else {
            self.separation();
        }
        self.form_outcome(FormOutcome::Consumed, now);
        true
    }

    /// 対象者提示日 := today, shown in focus.
    fn mark_presented(&mut self) {
        let save = self.key_label(Mode::Form, Action::Save);
        let today = crate::wareki::format(self.today);
        let Some(fs) = &mut self.form else { return };
        let id = rf::PRESENTED;
        let label = fs.form.label_of(id).unwrap_or_default();
        let before = fs.form.values().get(id).cloned().unwrap_or_default();
        let before = before.trim();
        fs.form.go_to_field(id);
        let text = if before == today {
            format!("{label}は今日（{today}）です。{save}で保存します")
        } else {
            let was = if before.is_empty() {
                String::new()
            } else {
                format!("（前は{}）", crate::text::for_display(before))
            };
            fs.form.put(&one(id, &today));
            format!("{label}を今日（{today}）にしました{was}。{save}で保存します")
        };
        fs.form.say(&text);
    }

    /// To 離職日, today put in when it is empty.
    fn separation(&mut self) {
        let save = self.key_label(Mode::Form, Action::Save);
        let next = self.key_label(Mode::Form, Action::NextField);
        let today = crate::wareki::format(self.today);
        let Some(fs) = &mut self.form else { return };
        let (id, reason) = (rf::SEPARATION_DATE, rf::SEPARATION_REASON);
        let label = fs.form.label_of(id).unwrap_or_default();
        let reason = fs.form.label_of(reason).unwrap_or_default();
        let before = fs.form.values().get(id).cloned().unwrap_or_default();
        fs.form.go_to_field(id);
        let then = format!("{next}で{reason}、{save}で保存します");
        let text = if before.trim().is_empty() {
            fs.form.put(&one(id, &today));
            format!("{label}に今日（{today}）を入れました。違う日なら直してください。{then}")
        } else {
            let before = crate::text::for_display(before.trim()).into_owned();
            format!("{label}は入力済みです（{before}）。{then}")
        };
        fs.form.say(&text);
    }
}

fn one(id: &str, value: &str) -> Values {
    Values::from([(id.to_string(), value.to_string())])
}
