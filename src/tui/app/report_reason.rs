//! Why this month's 支援レポート cannot exist yet, said the same way by
//! `report` (which would open it) and `export` (which would write it), with
//! what to do about it and the key that does it (from the keymap).

use super::App;
use crate::dates::YearMonth;
use crate::document_forms::report;
use crate::model::Client;
use crate::obligations::support_period;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::wareki;

impl App {
    /// The reason a report for `month` cannot be made for `client`, with
    /// the next step (e.g. no 就労定着支援 start date: enter it in the
    /// employment form); `None` when it can.
    pub(crate) fn report_impossible(&self, client: &Client, month: YearMonth) -> Option<String> {
        let reason = report::check_month(client, month).err()?;
        let job = self.key_label(Mode::Global, Action::EmploymentForm);
        let next = match client.current_employment() {
            None => format!("{job} で就職の記録を入力してください"),
            Some(e) if support_period(e).is_none() => {
                format!("{job} で「就労定着支援の開始日」を入力してください")
            }
            // A month outside the period: nothing to enter, only to know.
            Some(_) => return Some(reason),
        };
        Some(format!("{reason}。{next}"))
    }

    /// `export`: this month's report as xlsx, or why there is none yet.
    pub(super) fn export_report(&mut self) {
        let Some(t) = &self.timeline else {
            return self.info("先に利用者を選んでください");
        };
        let month = crate::tui::record_forms::report_month(&t.client, self.today);
        if let Some(why) = self.report_impossible(&t.client, month) {
            return self.error(why);
        }
        if !t.client.reports.iter().any(|r| r.month == month) {
            let key = self.key_label(Mode::Global, Action::Report);
            return self.info(format!(
                "{} の支援レポートはまだありません（{key} で作成）",
                wareki::format_year_month(month)
            ));
        }
        let (id, dir) = (t.client_id(), self.export_dir.clone());
        self.push(super::Effect::ExportReport(id, month, dir));
    }
}
