//! Deleting a record: the delete key on a record row of the timeline puts
//! up the reason dialog, naming the record (kind, day, a few words, its
//! first line) and asking why — a quick reason by its number, or free
//! text. Confirming deletes it through the use case (the audit keeps the
//! old values and the reason); cancelling changes nothing.

use super::{App, Effect};
use crate::model::{ClientId, RecordId};
use crate::store::Table;
use crate::tui::reason_dialog::ReasonDialog;
use crate::tui::timeline::{ItemKey, RecordKind};
use crate::wareki;

/// Reasons offered by number (1, 2, 3) while the reason is empty.
const QUICK_REASONS: &[&str] = &["誤記", "重複", "別の利用者の記録"];

/// What is deleted (`pub`: it travels in the public `Effect`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeleteTarget {
    /// Row `id` of a table (a contact, a report, an employment, …), at
    /// the version the person saw.
    Record(Table, RecordId, i64),
    /// A plan's review (評価日), a dated row of its plan.
    Review {
        plan_id: RecordId,
        date: chrono::NaiveDate,
    },
}

/// A record to delete and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteRequest {
    pub client_id: ClientId,
    pub target: DeleteTarget,
    pub reason: String,
    /// Kind, day and a few words (支援記録 令和8年11月20日 本人・面接), for
    /// the line that says it is gone.
    pub what: String,
    /// Where the timeline's cursor goes once the record is gone.
    pub after: Option<ItemKey>,
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
            _ => DeleteTarget::Record(table, id, r.version),
        };
        let what = format!("{} {} {}", table.label(), wareki::format(r.date), r.brief)
            .trim_end()
            .to_string();
        let detail = r
            .body
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("")
            .to_string();
        let (client_id, after) = (t.client_id(), t.neighbour_key());
        let mut facts = vec![
            ("", format!("{what} を削除しますか")),
            self.client_fact(client_id),
        ];
        if !detail.is_empty() {
            facts.push(("内容", detail));
        }
        let then = move |reason| {
            Effect::Delete(DeleteRequest {
                client_id,
                target,
                reason,
                what: what.clone(),
                after: after.clone(),
            })
        };
        let dialog = ReasonDialog::new("記録の削除", facts, "削除する", Box::new(then))
            .choices(QUICK_REASONS, None)
            .prompt(
                "削除の理由を番号で選ぶか、入力してください",
                "（元の内容と理由は監査記録に残ります）",
            )
            .cancelled("削除をやめました（何も変わっていません）");
        self.dialog = Some(dialog);
    }

    /// The store's answer to `Delete`: the record is gone (the timeline is
    /// read again, the cursor on its neighbour), or the dialog stays with
    /// the reason why not.
    pub(crate) fn deleted(&mut self, req: &DeleteRequest, result: Result<(), String>) {
        if result.is_ok() {
            self.select_after_load = req.after.clone();
        }
        let result = result
            .map(|()| format!("{} を削除しました（理由: {}）", req.what, req.reason))
            .map_err(|e| format!("削除できませんでした: {e}"));
        self.dialog_answered(req.client_id, result);
    }
}
