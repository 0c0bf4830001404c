//! The delete dialog: the delete key on a record row of the timeline asks
//! for confirmation, naming the record (kind, day, a few words) and asking
//! why — a quick reason by its number, or free text. Confirming deletes it
//! through the use case (the audit keeps the old values and the reason);
//! cancelling changes nothing.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Effect};
use crate::store::Table;
use crate::text;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::timeline::{ItemKey, RecordKind};

/// Reasons offered by number (1, 2, 3) while the reason is empty.
pub(crate) const QUICK_REASONS: &[&str] = &["誤記", "重複", "別の利用者の記録"];

/// Longest reason kept (it goes into the audit trail).
const REASON_MAX_CHARS: usize = 200;

/// What is deleted (`pub`: it travels in the public `Effect`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeleteTarget {
    /// Row `id` of a table (a contact, a report, an employment, …).
    Record(Table, i64),
    /// A plan's review (評価日), a dated row of its plan.
    Review {
        plan_id: i64,
        date: chrono::NaiveDate,
    },
}

/// A record to delete and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteRequest {
    pub client_id: i64,
    pub target: DeleteTarget,
    pub reason: String,
}

/// The dialog while it is up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DeleteDialog {
    pub client_id: i64,
    pub target: DeleteTarget,
    /// Kind, day and a few words: 支援記録 2026-11-20 本人・面接.
    pub what: String,
    /// The record's first line of text, to tell it from its neighbours.
    pub detail: String,
    pub reason: String,
    /// Why the last attempt did not go through.
    pub error: Option<String>,
    /// The delete is under way.
    pub busy: bool,
    /// Where the timeline's cursor goes once the record is gone.
    after: Option<ItemKey>,
}

impl App {
    /// The delete key: the dialog for the selected record, or a word on
    /// which rows can be deleted.
    pub(super) fn ask_delete(&mut self) {
        let Some(t) = &self.timeline else {
            return self.info("先に利用者を選んでください");
        };
        let Some(r) = t.selected_record() else {
            // Named as the timeline's own column names them.
            let kinds: Vec<&str> = RecordKind::ALL.iter().map(|k| k.label()).collect();
            return self.info(format!(
                "削除できるのは * 印の行（{}）です",
                kinds.join("・")
            ));
        };
        let Some(id) = r.id else { return };
        let table = r.kind.table();
        let target = match r.kind {
            RecordKind::PlanReview => DeleteTarget::Review {
                plan_id: id,
                date: r.date,
            },
            _ => DeleteTarget::Record(table, id),
        };
        let what = format!("{} {} {}", table.label(), r.date, r.brief);
        let detail = r
            .body
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("")
            .to_string();
        self.dialog = Some(DeleteDialog {
            client_id: t.client_id(),
            target,
            what: what.trim_end().to_string(),
            detail,
            reason: String::new(),
            error: None,
            busy: false,
            after: t.neighbour_key(),
        });
    }

    /// A key while the dialog is up: confirm, cancel, or edit the reason.
    pub(super) fn dialog_key(&mut self, key: &KeyEvent) {
        let Some(d) = &mut self.dialog else { return };
        if d.busy {
            return;
        }
        match self.keymap.lookup(Mode::Confirm, key) {
            Some(Action::Enter) => return self.confirm_delete(),
            Some(Action::Back) => {
                self.dialog = None;
                return self.info("削除をやめました（何も変わっていません）");
            }
            Some(_) => return,
            None => {}
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Backspace => {
                d.reason.pop();
            }
            KeyCode::Char('u') if ctrl => d.reason.clear(),
            KeyCode::Char(c) if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) => {
                match quick_reason(c).filter(|_| d.reason.trim().is_empty()) {
                    Some(r) => d.reason = r.to_string(),
                    None => push_capped(&mut d.reason, &c.to_string()),
                }
            }
            _ => return,
        }
        d.error = None;
    }

    /// Pasted text goes into the reason, on one line.
    pub(super) fn dialog_paste(&mut self, s: &str) {
        let Some(d) = &mut self.dialog else { return };
        if d.busy {
            return;
        }
        let line: Vec<String> = text::clean_input(s).lines().map(str::to_string).collect();
        push_capped(&mut d.reason, &line.join(" "));
        d.error = None;
    }

    fn confirm_delete(&mut self) {
        let Some(d) = &mut self.dialog else { return };
        let reason = d.reason.trim().to_string();
        if reason.is_empty() {
            d.error = Some("削除の理由を入力してください（番号で選ぶか、文字で書きます）".into());
            return;
        }
        d.busy = true;
        let request = DeleteRequest {
            client_id: d.client_id,
            target: d.target,
            reason,
        };
        self.push(Effect::Delete(request));
    }

    /// The store's answer to `Delete`: the record is gone (the timeline is
    /// read again), or the dialog stays with the reason why not.
    pub(crate) fn deleted(&mut self, result: Result<(), String>) {
        let Some(mut d) = self.dialog.take() else {
            return;
        };
        self.push(Effect::RefreshClient(d.client_id));
        match result {
            Ok(()) => {
                self.select_after_load = d.after.take();
                self.info(format!(
                    "{} を削除しました（理由: {}）",
                    d.what,
                    d.reason.trim()
                ));
            }
            Err(e) => {
                d.busy = false;
                d.error = Some(e.clone());
                self.dialog = Some(d);
                self.error(format!("削除できませんでした: {e}"));
            }
        }
    }
}

/// The quick reason numbered `c` (half- or full-width digit).
fn quick_reason(c: char) -> Option<&'static str> {
    let n = match c {
        '1'..='9' => c as u32 - '0' as u32,
        '１'..='９' => c as u32 - '０' as u32,
        _ => return None,
    };
    QUICK_REASONS.get(n.checked_sub(1)? as usize).copied()
}

fn push_capped(reason: &mut String, s: &str) {
    let room = REASON_MAX_CHARS.saturating_sub(reason.chars().count());
    reason.extend(s.chars().filter(|c| !c.is_control()).take(room));
}
