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

/// The actions for the bar, in order.
pub(crate) fn hint_actions(app: &App) -> Vec<Action> {
    let mode = app.mode();
    let base = if mode == Mode::Timeline && app.records_view {
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
    out
}

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
        Mode::List | Mode::Global => &[
            Action::NewContact,
            Action::NewClient,
            Action::Report,
            Action::Export,
            Action::Plan,
            Action::EmploymentForm,
            Action::ConsentForm,
            Action::HandoverForm,
            Action::ConferenceForm,
            Action::Filter,
            Action::Deadlines,
            Action::Quit,
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

/// For each action, the first key that triggers it in `mode` and the
/// action's short name: what the bottom hint bar shows. Actions with no
/// key are left out.
pub(crate) fn hints(
    keymap: &Keymap,
    mode: Mode,
    actions: &[Action],
) -> Vec<(String, &'static str)> {
    actions
        .iter()
        .filter_map(|&a| {
            let key = keymap.keys_for(mode, a).into_iter().next()?;
            Some((key.to_string(), a.short()))
        })
        .collect()
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
    let rest: Vec<Action> = actions
        .iter()
        .copied()
        .filter(|&a| a != Action::Help)
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
    for (key, short) in hints(keymap, mode, &rest) {
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
