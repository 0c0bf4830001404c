//! The hint bar's choice of keys: per mode, most useful first, with the
//! action the selected client or item needs next moved to the front (a
//! client whose report is due gets the report key first; a closed case its
//! reopening). What does not fit at 80 columns is behind `? その他`.

use super::action::Action;
use super::app::App;
use super::keymap::Mode;
use super::timeline::{EnterAction, Entry, Row};
use crate::model::{ObligationId, Status};

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
            Action::NextField,
            Action::PrevField,
            Action::Back,
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
