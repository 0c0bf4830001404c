//! A person's decisions from the screens: `resolve` on an item (対象外 with
//! a reason, or taking that back), `close_case` on a client (the closure
//! form, or reopening a closed case), and showing closed cases. What may be
//! decided is the engine's and the store's to say; this only explains
//! why a key does nothing on an item that cannot be marked. The reasons
//! are asked by the reason dialog; the loop writes them through the use
//! cases the shell's `resolve` and `client reopen` call too.

use super::{App, Effect, Preset, Screen};
use crate::dates::YearMonth;
use crate::model::{ClientId, Obligation, ObligationId, Status};
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::reason_dialog::ReasonDialog;
use crate::tui::record_forms::FormKind;
use crate::tui::timeline::view::satisfied_text;
use crate::tui::widgets::layout::Pane;
use crate::wareki;

/// The reasons offered by number for 対象外, then その他 (typed).
const RESOLVE_REASONS: [&str; 3] = ["入院中", "連絡不能", "本人の意向"];
const OTHER: &str = "その他";

/// The item a decision is about. (`pub`: `Effect`, which is, carries it.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRef {
    pub id: ObligationId,
    pub period: Option<YearMonth>,
    /// An earlier job's anchor; `None` for the current job's item.
    pub job: Option<chrono::NaiveDate>,
    /// The title as shown (with its month for monthly items).
    pub title: String,
}

/// A decision to write, built from the dialog (→ `dialog_answered`). (`pub`: `Effect`, which
/// is, carries it.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecideRequest {
    Resolve {
        client_id: ClientId,
        item: ItemRef,
        reason: String,
    },
    Unresolve {
        client_id: ClientId,
        item: ItemRef,
        reason: String,
    },
    Reopen {
        client_id: ClientId,
        reason: String,
    },
}

impl DecideRequest {
    pub(crate) fn client_id(&self) -> ClientId {
        match self {
            DecideRequest::Resolve { client_id, .. }
            | DecideRequest::Unresolve { client_id, .. }
            | DecideRequest::Reopen { client_id, .. } => *client_id,
        }
    }
}

/// The dialog that marks `item` 対象外 (or, `undo`, takes that back).
fn item_dialog(
    client_id: ClientId,
    item: ItemRef,
    facts: Vec<(&'static str, String)>,
    undo: bool,
) -> ReasonDialog {
    if undo {
        let then = move |reason| {
            Effect::Decide(DecideRequest::Unresolve {
                client_id,
                item: item.clone(),
                reason,
            })
        };
        return ReasonDialog::new("対象外の判断を取り消す", facts, "取り消す", Box::new(then))
            .prompt("取り消す理由を入力してください", "（記録に残ります）");
    }
    let then = move |reason| {
        Effect::Decide(DecideRequest::Resolve {
            client_id,
            item: item.clone(),
            reason,
        })
    };
    ReasonDialog::new("対象外にする", facts, "対象外にする", Box::new(then))
        .choices(&RESOLVE_REASONS, Some(OTHER))
        .prompt("理由を番号で選ぶか、入力してください", "（記録に残ります）")
}

/// An item's title as the dialog names it: monthly items with their
/// month, an earlier job's marked 前職.
fn item_title(
    title: &str,
    period: Option<crate::dates::YearMonth>,
    job: Option<chrono::NaiveDate>,
) -> String {
    let earlier = if job.is_some() { "前職 " } else { "" };
    match period {
        Some(p) => format!("{earlier}{title}（{}）", wareki::format_year_month(p)),
        None => format!("{earlier}{title}"),
    }
}

fn due_fact(due: chrono::NaiveDate, status: Status, label: &str) -> String {
    format!("{}  {} {label}", wareki::format(due), status.glyph())
}

impl App {
    /// The first key bound to `action` in `mode`, for messages that name it.
    pub(crate) fn key_label(&self, mode: Mode, action: Action) -> String {
        self.keymap
            .keys_for(mode, action)
            .first()
            .map(|k| k.to_string())
            .unwrap_or_else(|| action.short().to_string())
    }

    /// `resolve`: on the deadlines view the selected item; on the main
    /// screen the timeline's.
    pub(super) fn resolve_selected(&mut self) {
        if self.screen == Screen::Deadlines {
            return self.resolve_deadline();
        }
        let Some(t) = &self.timeline else {
            return self.info("先に利用者を選んでください");
        };
        if self.focus == Pane::List || t.selected_obligation().is_none() {
            return self.info("経過で、対象外にする項目を選んでください");
        }
        let client_id = t.client_id();
        let Some(o) = t.selected_obligation().cloned() else {
            return;
        };
        let decided_on = t
            .client
            .resolutions
            .iter()
            .find(|r| r.covers(o.id, o.period))
            .map(|r| r.decided_on);
        self.resolve_item(client_id, &o, decided_on);
    }

    fn resolve_item(
        &mut self,
        client_id: ClientId,
        o: &Obligation,
        decided_on: Option<chrono::NaiveDate>,
    ) {
        let title = item_title(o.title, o.period, o.job);
        let shown = crate::text::for_display(&title).into_owned();
        let undo = match (o.status, &o.waived_by) {
            (Status::Done, _) => {
                let by = o
                    .satisfied_by
                    .as_ref()
                    .map(|r| format!("（{}）", satisfied_text(r)))
                    .unwrap_or_default();
                return self.info(format!(
                    "完了しているので対象外にできません{by}。記録を直すか消してください: {shown}"
                ));
            }
            (Status::Waived, None) => {
                let why = o.waived_reason.as_deref().unwrap_or("規則");
                return self.info(format!(
                    "規則で対象外です（{}）。人の判断は要らず、取り消しもできません: {shown}",
                    crate::text::for_display(why)
                ));
            }
            (Status::Waived, Some(_)) => true,
            _ => false,
        };
        let Some(id) = ObligationId::parse(o.id) else {
            return self.error(crate::model::unknown_obligation_message(o.id));
        };
        let mut facts = vec![self.client_fact(client_id), ("項目", title.clone())];
        if let (Some(by), Some(reason)) = (&o.waived_by, &o.waived_reason) {
            facts.push(("期限", wareki::format(o.due)));
            facts.push(("理由", reason.to_string()));
            let on = decided_on
                .map(|d| format!("（{}）", wareki::format(d)))
                .unwrap_or_default();
            facts.push(("判断", format!("{}{on}", self.marks.person(by))));
        } else {
            facts.push(("期限", due_fact(o.due, o.status, &o.status_label())));
        }
        let item = ItemRef {
            id,
            period: o.period,
            job: o.job,
            title,
        };
        self.dialog = Some(item_dialog(client_id, item, facts, undo));
    }

    /// `resolve` on the deadlines view: its items are all still to do.
    fn resolve_deadline(&mut self) {
        let Some(p) = self
            .deadlines
            .selected_item()
            .and_then(|i| self.snap.pending.get(i))
            .copied()
        else {
            return self.info("対象外にする項目を選んでください");
        };
        let Some(client_id) = self.snap.rows.get(p.row).map(|r| r.id) else {
            return;
        };
        let d = p.obligation;
        let Some(id) = ObligationId::parse(d.id()) else {
            return self.error(crate::model::unknown_obligation_message(d.id()));
        };
        let title = item_title(d.title(), d.period, d.job);
        let facts = vec![
            self.client_fact(client_id),
            ("項目", title.clone()),
            ("期限", due_fact(d.due, d.status, d.status.label())),
        ];
        let item = ItemRef {
            id,
            period: d.period,
            job: d.job,
            title,
        };
        self.dialog = Some(item_dialog(client_id, item, facts, false));
    }

    /// `close_case`: the closure form, or on a closed case the dialog to
    /// reopen it.
    pub(super) fn close_or_reopen(&mut self) {
        let Some(client_id) = self.form_client() else {
            return self.info("先に利用者を選んでください");
        };
        let Some(x) = self.snap.row(client_id).and_then(|r| r.closure.clone()) else {
            return self.request_form(FormKind::Closure, Preset::default());
        };
        let mut facts = vec![
            self.client_fact(client_id),
            ("終結日", wareki::format(x.date)),
            ("理由", x.reason.label().to_string()),
        ];
        if !x.note.is_empty() {
            facts.push(("記録", x.note.clone()));
        }
        if !x.closed_by.is_empty() {
            facts.push(("終結した人", self.marks.person(&x.closed_by)));
        }
        let then = move |reason| Effect::Decide(DecideRequest::Reopen { client_id, reason });
        let dialog = ReasonDialog::new("終結を取り消す", facts, "取り消す", Box::new(then))
            .prompt("取り消す理由を入力してください", "（記録に残ります）");
        self.dialog = Some(dialog);
    }

    /// `toggle_closed`: list closed cases too, or not. Their records are
    /// read only while they are shown.
    pub(super) fn toggle_closed(&mut self) {
        self.list.show_closed = !self.list.show_closed;
        self.list.rebuild(&self.snap, &self.user);
        self.selection_changed();
        self.push(Effect::Reload);
        let key = self.key_label(self.mode(), Action::ToggleClosed);
        self.info(if self.list.show_closed {
            format!("終結した利用者も表示します（{key} で隠す）")
        } else {
            format!("終結した利用者を隠しました（{key} で表示）")
        });
    }
}
