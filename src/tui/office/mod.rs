//! The office screen (`O`): the office's settings and its staff, one tab
//! each. Everyone may look; the 管理者 changes them through the forms
//! (`record_forms::office`), and the store checks the role again on every
//! save. The data is read when the screen opens and after each change;
//! `update` takes the screen's keys and the store's answers, `view` draws
//! it.

#[cfg(test)]
mod tests;
mod update;
mod view;

pub(crate) use update::OfficeForm;
pub(crate) use view::OfficeView;

use crate::model::Staff;
use crate::tui::record_forms::{OfficeData, SETTING_KEYS};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OfficeTab {
    #[default]
    Settings,
    Staff,
}

impl OfficeTab {
    pub fn label(self) -> &'static str {
        match self {
            OfficeTab::Settings => "事業所の設定",
            OfficeTab::Staff => "職員",
        }
    }
}

/// The screen's state: which tab, the cursor in each, what was read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfficeScreen {
    pub tab: OfficeTab,
    /// Index into `SETTING_KEYS`.
    pub setting: usize,
    /// Index into the staff list.
    pub staff: usize,
    pub data: Option<OfficeData>,
}

impl OfficeScreen {
    fn len(&self) -> usize {
        match self.tab {
            OfficeTab::Settings => SETTING_KEYS.len(),
            OfficeTab::Staff => self.data.as_ref().map_or(0, |d| d.staff.len()),
        }
    }

    fn cursor(&mut self) -> &mut usize {
        match self.tab {
            OfficeTab::Settings => &mut self.setting,
            OfficeTab::Staff => &mut self.staff,
        }
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.len().saturating_sub(1) as isize;
        let c = self.cursor();
        *c = (*c as isize + delta).clamp(0, last.max(0)) as usize;
    }

    pub fn select_end(&mut self, last: bool) {
        let n = self.len().saturating_sub(1);
        *self.cursor() = if last { n } else { 0 };
    }

    pub fn switch_tab(&mut self) {
        self.tab = match self.tab {
            OfficeTab::Settings => OfficeTab::Staff,
            OfficeTab::Staff => OfficeTab::Settings,
        };
    }

    /// The settings key under the cursor.
    pub fn selected_key(&self) -> &'static str {
        SETTING_KEYS
            .get(self.setting)
            .map_or("office_name", |(k, _)| *k)
    }

    pub fn selected_staff(&self) -> Option<&Staff> {
        self.data.as_ref()?.staff.get(self.staff)
    }

    /// Newly read data; the staff cursor stays on the same login if it is
    /// still there, else on the row where it was.
    pub fn set_data(&mut self, d: OfficeData) {
        let keep = self.selected_staff().map(|s| s.login.clone());
        let at = keep
            .and_then(|l| d.staff.iter().position(|s| s.login == l))
            .unwrap_or(self.staff);
        self.staff = at.min(d.staff.len().saturating_sub(1));
        self.data = Some(d);
    }

    /// Select the staff member with `login`, if listed.
    pub fn select_login(&mut self, login: &str) {
        if let Some(i) = self
            .data
            .as_ref()
            .and_then(|d| d.staff.iter().position(|s| s.login == login))
        {
            self.staff = i;
        }
    }
}
