//! The 支援レポート form's `refresh_records`: the month's contacts into the
//! 支援実績 rows the form holds now, by the rule the first draft and
//! `report set --refresh-records` use (`document_forms::report_records`).
//! The rows go into the form, not straight to the file: the person sees
//! them and saves as with any edit (one write API, the version checked,
//! audited), and what was added or did not fit is said on the status line.

use std::time::Instant;

use super::Form;
use crate::document_forms::report_records::{self, RecordRow, TakenIn};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Mode;
use crate::tui::record_forms::{FormKind, Values};

impl Form {
    /// Set the fields whose value differs from `values` (the others keep
    /// their cursor and their message); the form counts as changed.
    fn put_changed(&mut self, values: &Values) {
        let now = self.values();
        let changed: Values = values
            .iter()
            .filter(|(k, v)| now.get(*k) != Some(*v))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        self.fill(&changed);
    }
}

fn list(rows: &[RecordRow]) -> String {
    rows.iter()
        .map(RecordRow::describe)
        .collect::<Vec<_>>()
        .join("、")
}

/// The status line after taking the contacts in; `save` names the key.
fn said(t: &TakenIn, rows: usize, save: &str) -> String {
    let mut s = if t.added.is_empty() {
        match t.present {
            0 if t.left_out.is_empty() => {
                "取り込む記録はありません（この月の本人・事業主との支援の記録がありません）"
                    .to_string()
            }
            n if t.left_out.is_empty() => {
                format!(
                    "取り込む記録はありません（この月の本人・事業主との支援の記録{n}件はすべて載っています）"
                )
            }
            _ => "空いた行がないため、支援実績に取り込めませんでした".to_string(),
        }
    } else {
        format!(
            "支援実績に{}件を取り込みました: {}。{save}で保存します",
            t.added.len(),
            list(&t.added)
        )
    };
    if !t.left_out.is_empty() {
        s.push_str(&format!(
            "。支援実績は{rows}行までのため入りません（行を書き換えるか、支援状況の欄へ）: {}",
            list(&t.left_out)
        ));
    }
    s
}

impl App {
    /// `refresh_records` in an open form: the report's only.
    pub(crate) fn refresh_records(&mut self, now: Instant) {
        let save = self.key_label(Mode::Form, Action::Save);
        let Some(fs) = &mut self.form else { return };
        let client = self
            .timeline
            .as_ref()
            .map(|t| &t.client)
            .filter(|c| c.id == Some(fs.client_id));
        let (FormKind::Report, Some(base), Some(client)) = (fs.kind, &fs.base_report, client)
        else {
            fs.form.say(
                "このキーは支援レポートの入力中に、支援実績へ支援の記録を取り込むためのものです",
            );
            return;
        };
        let def = crate::document_forms::report_form();
        let rows = def
            .sections
            .iter()
            .find_map(|s| s.table.as_ref())
            .map_or(0, |t| t.rows);
        let mut values = fs.form.values();
        let taken = report_records::take_in(&def, client, base.month, &mut values);
        fs.form.put_changed(&values);
        fs.changed(now);
        fs.form.say(&said(&taken, rows, &save));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(date: &str) -> RecordRow {
        RecordRow {
            date: date.into(),
            place: "事業所内".into(),
            method: "面接".into(),
        }
    }

    #[test]
    fn the_status_line_names_what_was_added_and_what_did_not_fit() {
        let t = TakenIn {
            added: vec![row("11月5日"), row("11月12日")],
            present: 1,
            left_out: vec![row("11月28日")],
        };
        assert_eq!(
            said(&t, 6, "Ctrl+s"),
            "支援実績に2件を取り込みました: 11月5日 事業所内・面接、11月12日 事業所内・面接。Ctrl+sで保存します。支援実績は6行までのため入りません（行を書き換えるか、支援状況の欄へ）: 11月28日 事業所内・面接"
        );
        let none = TakenIn {
            present: 2,
            ..TakenIn::default()
        };
        assert!(said(&none, 6, "Ctrl+s").contains("2件はすべて載っています"));
    }
}
