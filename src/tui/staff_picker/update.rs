//! The staff picker's update: choosing one worker (or 全員, or the
//! clients nobody is assigned to) narrows the list; the choice stays while
//! the program runs. My caseload (`m`) goes before it while on, and
//! choosing here turns it off.

use crossterm::event::KeyEvent;

use super::{Outcome, StaffPicker, Who};
use crate::tui::action::Action;
use crate::tui::app::{App, Screen};
use crate::tui::keymap::Mode;

impl App {
    pub(crate) fn open_picker(&mut self) {
        let current = if self.list.mine_only {
            Who::Staff(self.user.clone())
        } else {
            self.deadlines.staff.clone()
        };
        self.picker = Some(StaffPicker::new(
            &self.deadlines,
            &self.letterhead.staff,
            &self.marks,
            &current,
        ));
    }

    pub(crate) fn picker_key(&mut self, key: &KeyEvent) {
        let action = self.keymap.lookup(Mode::Picker, key);
        let Some(p) = &mut self.picker else { return };
        match p.key(action) {
            Outcome::Consumed => {}
            Outcome::Close => self.picker = None,
            Outcome::Pick(who) => {
                self.picker = None;
                self.pick_staff(who);
            }
        }
    }

    /// Narrow the deadlines to `who` and say so.
    pub(crate) fn pick_staff(&mut self, who: Who) {
        let caseload_off = self.list.mine_only;
        if caseload_off {
            self.list.mine_only = false;
            self.list.rebuild(&self.snap, &self.user);
        }
        self.deadlines.staff = who;
        self.rebuild_deadlines();
        self.sync_scroll();
        let shown = match &self.deadlines.staff {
            Who::All => "全員の期限を表示しています".to_string(),
            w => format!(
                "{}の期限を表示しています（{}件）",
                w.label(&self.marks),
                self.deadlines.items
            ),
        };
        let toggle = self
            .keymap
            .keys_for(Mode::Deadlines, Action::ToggleCaseload)
            .first()
            .map(|k| format!("（{k}: 自分の担当）"))
            .unwrap_or_default();
        self.info(if caseload_off {
            format!("{shown}。担当のみの表示は解除しました{toggle}")
        } else {
            shown
        });
    }

    /// `m`: my caseload only, in the list and the deadlines, or back to
    /// everyone (the deadlines go back to the worker chosen there).
    pub(crate) fn toggle_caseload(&mut self) {
        self.list.mine_only = !self.list.mine_only;
        self.remember_view();
        self.list.rebuild(&self.snap, &self.user);
        self.rebuild_deadlines();
        self.selection_changed();
        let key = self
            .keymap
            .keys_for(self.mode(), Action::ToggleCaseload)
            .first()
            .map(|k| k.to_string());
        let again = |what: &str| {
            key.as_ref()
                .map(|k| format!("（{k} で{what}）"))
                .unwrap_or_default()
        };
        self.info(if self.list.mine_only {
            format!(
                "{} さんの担当だけを表示しています{}",
                self.marks.name(&self.user),
                again("全員")
            )
        } else if self.screen == Screen::Deadlines && self.deadlines.staff != Who::All {
            format!(
                "全員の利用者を表示しています。期限一覧は{}の期限です{}",
                self.deadlines.staff.label(&self.marks),
                again("担当のみ")
            )
        } else {
            format!("全員の利用者を表示しています{}", again("担当のみ"))
        });
    }
}
