//! The hint bar at the bottom of the screen. Its choice of keys: per
//! mode, most useful first, with the action the selected client or item
//! needs next moved to the front (a client whose report is due gets the
//! report key first; a closed case its reopening). Its line is generated
//! from the active keymap, so it always shows the keys actually bound —
//! including the user's own changes. What does not fit at 80 columns is
//! behind `? その他`.

use ratatui::text::{Line, Span};

use crate::model::{ObligationId, Status};
use crate::text;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::theme::{Slot, Theme};
use crate::tui::timeline::{EnterAction, Entry, Row};
use crate::tui::widgets::layout::Pane;

/// The actions for the bar, in order.
pub(crate) fn hint_actions(app: &App) -> Vec<Action> {
    let mode = app.mode();
    let base = if mode == Mode::Timeline && app.focus == Pane::Detail {
        DETAIL
    } else if mode == Mode::Timeline && app.records_view {
        RECORDS_VIEW
    } else {
        by_mode(mode)
    };
    let first: Vec<Action> = match mode {
        Mode::List => list_first(app),
        Mode::Timeline => timeline_first(app),
        // The open form's own keys (本人に渡した, 離職) on that form only.
        Mode::Form => app
            .form
            .as_ref()
            .map(|f| f.own_actions().to_vec())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let mut out = first;
    for &a in base {
        if !out.contains(&a) {
            out.push(a);
        }
    }
    // Everyone's changes are the 管理者's: nobody else is offered them.
    if !crate::access::allows(app.role, crate::access::Permission::ViewAudit) {
        out.retain(|&a| a != Action::HistoryScope);
    }
    out
}

/// The bar's entries for `app`: its actions, each with the word for what
/// it does here (q and Esc say where they return to; a 対象外 offers
/// taking it back), those with nothing to do here left out.
pub(crate) fn bar_hints(app: &App) -> Vec<(Action, &'static str)> {
    hint_actions(app)
        .into_iter()
        .filter_map(|a| Some((a, label(app, a)?)))
        .collect()
}

/// What `a` does on the screen as it is; `None` when it does nothing.
fn label(app: &App, a: Action) -> Option<&'static str> {
    let screens = matches!(
        app.mode(),
        Mode::List
            | Mode::Timeline
            | Mode::Deadlines
            | Mode::Office
            | Mode::Figures
            | Mode::History
    );
    match a {
        Action::Back if screens => app.back_to(),
        Action::Quit if screens && !app.at_top() => app.back_to(),
        Action::Enter if app.mode() == Mode::List => Some("開く"),
        Action::Resolve if app.mode() == Mode::Timeline => {
            let t = app.timeline.as_ref()?;
            match t.selected_row() {
                Some(Row::Entry(Entry::Obligation(i))) => match &t.obligations[i] {
                    // Decided by a person: theirs to take back.
                    o if o.status == Status::Waived && o.waived_by.is_some() => {
                        Some("対象外を取消")
                    }
                    // By the rules: nothing to undo.
                    o if o.status == Status::Waived => None,
                    o if o.status == Status::Done => None,
                    _ => Some(a.short()),
                },
                _ => Some(a.short()),
            }
        }
        _ => Some(a.short()),
    }
}

/// The detail pane in focus: it scrolls; the rest is the other panes'.
const DETAIL: &[Action] = &[
    Action::Down,
    Action::Up,
    Action::PageDown,
    Action::PageUp,
    Action::NextPane,
    Action::Back,
    Action::Quit,
];

/// The records view: opening, correcting and adding records; nothing due.
const RECORDS_VIEW: &[Action] = &[
    Action::Enter,
    Action::GroupToggle,
    Action::Back,
    Action::DeleteRecord,
    Action::ConsentForm,
    Action::HandoverForm,
    Action::ConferenceForm,
    Action::NewContact,
    Action::RecordsView,
    Action::Quit,
];

/// What the selected client needs next, from their most urgent item.
fn list_first(app: &App) -> Vec<Action> {
    if app.snap.loaded && app.snap.rows.is_empty() {
        return vec![Action::NewClient];
    }
    let Some(row_i) = app.list.selected_row() else {
        return Vec::new();
    };
    let Some(row) = app.snap.rows.get(row_i) else {
        return Vec::new();
    };
    if row.closure.is_some() {
        // A closed case: reading and reopening, not recording.
        return vec![Action::Enter, Action::RecordsView, Action::CloseCase];
    }
    match row.most_urgent {
        Some((id, status)) if status != Status::Upcoming => vec![for_item(id)],
        _ if row.employer.is_empty() => vec![Action::EmploymentForm],
        _ => Vec::new(),
    }
}

/// The key that records what the item `id` asks for.
fn for_item(id: &str) -> Action {
    match EnterAction::of(id) {
        EnterAction::Report => Action::Report,
        EnterAction::Plan => Action::Plan,
        EnterAction::Handover => Action::HandoverForm,
        _ if id == ObligationId::CERT_RENEWAL => Action::ClientForm,
        _ if id == ObligationId::M6_HANDOVER => Action::HandoverForm,
        _ => Action::NewContact,
    }
}

/// What the selected row of the timeline (or the records view) offers.
fn timeline_first(app: &App) -> Vec<Action> {
    let Some(t) = &app.timeline else {
        return Vec::new();
    };
    // Back leaves the records view first, then the timeline.
    let back = Action::Back;
    match t.selected_row() {
        Some(Row::Month { .. } | Row::Kind { .. }) => vec![Action::GroupToggle, back],
        Some(Row::Entry(Entry::Record(_))) => vec![Action::Enter, Action::DeleteRecord, back],
        Some(Row::Entry(Entry::Obligation(i))) => {
            let o = &t.obligations[i];
            match o.status {
                Status::Done => vec![Action::Enter, back],
                Status::Waived => vec![Action::Resolve, back],
                _ => vec![Action::Enter, Action::NewContact, Action::Resolve, back],
            }
        }
        _ => vec![back],
    }
}

/// The actions offered in each mode when nothing more is known, most
/// useful first.
fn by_mode(mode: Mode) -> &'static [Action] {
    match mode {
        // Help and quit early: they must fit at 80 columns.
        // The bar ends with the help key (その他): what does not fit is there.
        // Finding someone, opening them, the deadlines and leaving fit
        // at 80 columns with the commonest records.
        Mode::List | Mode::Global => &[
            Action::NewContact,
            Action::Report,
            Action::Filter,
            Action::Enter,
            Action::Deadlines,
            Action::NewClient,
            Action::Quit,
            Action::Export,
            Action::Plan,
            Action::EmploymentForm,
            Action::ConsentForm,
            Action::HandoverForm,
            Action::ConferenceForm,
            Action::NextPane,
            Action::ToggleCaseload,
            Action::ToggleSort,
            Action::ClientForm,
            Action::ToggleClosed,
            Action::CloseCase,
            Action::RecordsView,
        ],
        Mode::Timeline => &[
            Action::Enter,
            Action::NewContact,
            Action::Resolve,
            Action::GroupToggle,
            Action::NextPane,
            Action::Back,
            Action::Help,
            Action::Quit,
            Action::DeleteRecord,
            Action::ConsentForm,
            Action::HandoverForm,
            Action::ConferenceForm,
            Action::EmploymentForm,
            Action::RecordsView,
        ],
        Mode::Deadlines => &[
            Action::Enter,
            Action::PickStaff,
            Action::MoreDays,
            Action::FewerDays,
            Action::KindFilter,
            // Before the caseload toggle, which the list's bar shows too.
            Action::Resolve,
            Action::Back,
            Action::Quit,
            Action::Help,
            Action::Filter,
            // toggle_sort reads right here: it switches 状態別／月別.
            Action::ToggleSort,
            Action::ToggleCaseload,
            Action::NewContact,
            Action::SeverityFilter,
        ],
        Mode::Picker => &[Action::Enter, Action::Back, Action::Down, Action::Up],
        Mode::Office => &[
            Action::Enter,
            Action::NextPane,
            Action::AddStaff,
            Action::RemoveStaff,
            Action::Back,
            Action::Help,
            Action::Quit,
        ],
        Mode::Filter => &[Action::Enter, Action::Back, Action::Down, Action::Up],
        Mode::Form => &[
            Action::Save,
            Action::JumpField,
            Action::NextField,
            // Back before PrevField: at 80 columns there is room for one.
            Action::Back,
            Action::PrevField,
        ],
        Mode::Help => &[Action::Back, Action::Down, Action::Up],
        Mode::Dialog => &[Action::Enter, Action::Back],
        Mode::Drafts => &[Action::Enter, Action::Back, Action::Down, Action::Up],
        Mode::Figures => &[
            Action::PageDown,
            Action::PageUp,
            Action::PrevYear,
            Action::NextYear,
            Action::Back,
            Action::Help,
            Action::Quit,
        ],
        Mode::History => &[
            Action::PageDown,
            Action::PageUp,
            Action::Back,
            Action::Quit,
            Action::HistoryScope,
            Action::Help,
        ],
        Mode::Conflict => &[
            Action::TakeTheirs,
            Action::KeepMine,
            Action::Save,
            Action::EditInForm,
            Action::Back,
            Action::Help,
        ],
    }
}

/// The hint bar: `key 説明  key 説明 …  ? その他`. The help key always
/// closes it (when bound), so what does not fit is never cut silently:
/// the rest is one key away. A hint too wide for what is left is skipped
/// and shorter ones after it still get their place.
pub(crate) fn hint_line(
    keymap: &Keymap,
    mode: Mode,
    actions: &[Action],
    theme: &Theme,
    width: u16,
) -> Line<'static> {
    let labeled: Vec<(Action, &'static str)> = actions.iter().map(|&a| (a, a.short())).collect();
    labeled_line(keymap, mode, &labeled, theme, width)
}

/// `hint_line` with each action's word given (`bar_hints`). Actions that
/// do the same here (q and Esc on a sub-screen) share one hint: `Esc/q 一覧へ`.
pub(crate) fn labeled_line(
    keymap: &Keymap,
    mode: Mode,
    actions: &[(Action, &'static str)],
    theme: &Theme,
    width: u16,
) -> Line<'static> {
    let help = keymap.keys_for(mode, Action::Help).into_iter().next();
    // In a form the help key explains the field in focus.
    let more = if mode == Mode::Form {
        "項目の説明"
    } else {
        MORE
    };
    let tail = help
        .as_ref()
        .map(|k| 2 + text::width(&k.to_string()) + 1 + text::width(more))
        .unwrap_or(0);
    let rest: Vec<(Action, &'static str)> = actions
        .iter()
        .copied()
        .filter(|&(a, _)| a != Action::Help)
        .collect();
    let mut spans = Vec::new();
    let mut used = 0usize;
    let room = (width as usize).saturating_sub(tail);
    let push = |spans: &mut Vec<Span<'static>>, key: String, short: &'static str| {
        if !spans.is_empty() {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(key, theme.style(Slot::HintKey)));
        spans.push(Span::raw(" "));
        spans.push(Span::styled(short, theme.style(Slot::HintText)));
    };
    for (key, short) in merged(keymap, mode, &rest) {
        let sep = if spans.is_empty() { 0 } else { 2 };
        let w = sep + text::width(&key) + 1 + text::width(short);
        if used + w > room {
            continue;
        }
        push(&mut spans, key, short);
        used += w;
    }
    if let Some(k) = help
        && used + tail <= width as usize
    {
        push(&mut spans, k.to_string(), more);
    }
    Line::from(spans)
}

/// Each action's first key with its word; actions with the same word
/// here joined into one hint (`Esc/q`), at the first one's place.
fn merged(
    keymap: &Keymap,
    mode: Mode,
    actions: &[(Action, &'static str)],
) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for &(a, short) in actions {
        let Some(key) = keymap.keys_for(mode, a).into_iter().next() else {
            continue;
        };
        match out.iter_mut().find(|(_, s)| *s == short) {
            Some((keys, _)) => {
                keys.push('/');
                keys.push_str(&key.to_string());
            }
            None => out.push((key.to_string(), short)),
        }
    }
    out
}

/// The last hint: everything else is in the help.
pub(crate) const MORE: &str = "その他";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hint_bar_shows_what_fits_and_skips_unbound_actions() {
        let k = Keymap::default();
        let theme = Theme::default();
        let actions = [
            Action::Quit,
            Action::NextField,
            Action::Help,
            Action::Filter,
        ];
        // The help key always comes last, as その他: the rest is there.
        let bar = hint_line(&k, Mode::List, &actions, &theme, 80);
        assert_eq!(bar.to_string(), "q 終了  / 絞込  ? その他");
        // "q 終了" is 6 columns, "  ? その他" 10 more: what does not fit
        // before the help key is left out, never the help key.
        let narrow = hint_line(&k, Mode::List, &actions, &theme, 16);
        assert_eq!(narrow.to_string(), "q 終了  ? その他");
        let narrow = hint_line(&k, Mode::List, &actions, &theme, 15);
        assert_eq!(narrow.to_string(), "? その他");
        // A shorter hint after a wide one that does not fit still shows.
        let actions = [Action::Quit, Action::Office, Action::Filter];
        let bar = hint_line(&k, Mode::List, &actions, &theme, 24);
        assert_eq!(bar.to_string(), "q 終了  / 絞込  ? その他");
    }
}
