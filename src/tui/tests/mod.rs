//! Tests of the TUI as a whole: screens' state over hand-made obligations,
//! key sequences driving a headless session on a real store, and
//! snapshots of every screen.

mod conflict;
mod corrections;
mod deadlines;
mod decisions;
mod documents;
mod figures;
mod find;
mod fit;
mod flow;
mod form_jumps;
mod forms;
mod harness;
mod health;
mod history;
mod keys;
mod navigation;
mod office;
mod quick_keys;
mod reads;
mod reason_dialog;
mod records_view;
mod refresh;
mod report_form;
mod report_records;
mod screens;
mod staff_filter;
mod timeline;
mod undo;
mod views;
mod write_lock;

use chrono::NaiveDate;

use crate::dates::YearMonth;
use crate::model::{Obligation, RecordId, RecordRef, Severity, Status};

/// An obligation as the engine would produce it.
pub(super) fn ob(
    id: &'static str,
    title: &'static str,
    start: NaiveDate,
    due: NaiveDate,
    status: Status,
) -> Obligation {
    Obligation {
        id,
        title,
        clause: "000 §1(1)",
        period: None,
        window_start: start,
        due,
        severity: Severity::Required,
        status,
        late: false,
        waived_reason: None,
        waived_by: None,
        satisfied_by: None,
        note: None,
        job: None,
    }
}

pub(super) fn monthly(
    id: &'static str,
    title: &'static str,
    m: YearMonth,
    status: Status,
) -> Obligation {
    Obligation {
        period: Some(m),
        ..ob(id, title, m.first_day(), m.last_day(), status)
    }
}

pub(super) fn done_by_contact(mut o: Obligation, date: NaiveDate) -> Obligation {
    o.status = Status::Done;
    o.satisfied_by = Some(RecordRef::Contact {
        id: Some(RecordId::new(1)),
        date,
    });
    o
}
