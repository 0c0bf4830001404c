//! The obligation engine (docs/BASIS.md §2–§4): from a client's records, every
//! required step with its window, due day and status on a given day.
//!
//! A pure function of (records, settings, today): nothing here reads the
//! clock or the database.

#[cfg(test)]
mod as_of_tests;
mod before_retention;
#[cfg(test)]
mod cert_tests;
mod jobs;
#[cfg(test)]
mod new_job_tests;
mod retention;
#[cfg(test)]
mod retention_tests;
mod rules;
mod stage;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_decisions;

use std::borrow::Cow;

use chrono::NaiveDate;

pub(crate) use retention::plan_dates;
pub(crate) use rules::order as rule_order;
pub(crate) use rules::{RULES, Recurrence, Rule, rule};
pub(crate) use stage::{Stage, stage};

use crate::dates::{YearMonth, period_end};
use crate::model::{
    Client, Contact, Employment, Obligation, ObligationId, RecordRef, Settings, Severity, Status,
};

/// S and E of an employment: S = the recorded 就労定着支援 start day, E =
/// min(period_end(S, 36), period_end(A, 42)) — at most 3 years, and never
/// beyond 3年6月 from A (000 §1(1) last paragraph). None without A or S, or
/// when S is already past 3年6月 (no support period is left).
pub(crate) fn support_period(e: &Employment) -> Option<(NaiveDate, NaiveDate)> {
    let a = e.anchor()?;
    let s = e.retention_start_date?;
    let end = period_end(s, 36).min(period_end(a, 42));
    (s <= end).then_some((s, end))
}

/// An item before its status is decided.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub id: ObligationId,
    /// The rule's place in `RULES` (its timeline order), found once.
    pub rule: usize,
    pub period: Option<YearMonth>,
    pub window_start: NaiveDate,
    pub due: NaiveDate,
    pub satisfied_by: Option<RecordRef>,
    pub late: bool,
    pub waived: Option<Cow<'static, str>>,
    /// Who decided, when a person (not a rule) waived the item.
    pub waived_by: Option<String>,
    pub note: Option<String>,
    /// Done without a record (end.support_end once the day has passed).
    pub done_without_record: bool,
    /// Days before `due` it turns due soon, when not the office's
    /// `warn_days` (the 受給者証 renewal has its own window).
    pub warn_days: Option<i64>,
    /// An earlier job's anchor (`jobs`); `None` for the current job.
    pub job: Option<NaiveDate>,
}

impl Item {
    pub(crate) fn new(id: ObligationId, window_start: NaiveDate, due: NaiveDate) -> Self {
        Self::of(id, rules::order(id.as_str()), window_start, due)
    }

    /// With the rule's place already looked up (monthly items: once, not
    /// once per month).
    pub(crate) fn of(
        id: ObligationId,
        rule: usize,
        window_start: NaiveDate,
        due: NaiveDate,
    ) -> Self {
        Item {
            id,
            rule,
            period: None,
            window_start,
            due,
            satisfied_by: None,
            late: false,
            waived: None,
            waived_by: None,
            note: None,
            done_without_record: false,
            warn_days: None,
            job: None,
        }
    }

    pub(crate) fn waive(mut self, reason: &'static str) -> Self {
        self.waived = Some(Cow::Borrowed(reason));
        self
    }

    /// Mark done by `r`; late when the record is dated after the due day.
    pub(crate) fn satisfy(&mut self, r: RecordRef) {
        self.late = r.date() > self.due;
        self.satisfied_by = Some(r);
    }

    fn is_done(&self) -> bool {
        self.satisfied_by.is_some() || self.done_without_record
    }
}

/// A contact as a record reference.
pub(crate) fn contact_ref(c: &Contact) -> RecordRef {
    RecordRef::Contact {
        id: c.id,
        date: c.date,
    }
}

/// Status on `today` (docs/BASIS.md §4.4).
fn status_of(item: &Item, settings: &Settings, today: NaiveDate) -> Status {
    if item.is_done() {
        Status::Done
    } else if item.waived.is_some() {
        Status::Waived
    } else if item.due < today {
        Status::Overdue
    } else if (item.due - today).num_days() <= item.warn_days.unwrap_or(settings.warn_days) {
        Status::DueSoon
    } else if item.window_start <= today {
        Status::Open
    } else {
        Status::Upcoming
    }
}

/// The 受給者証 renewal: due on the recorded 有効期限, due soon from
/// `cert_warn_days` before it. Entering a later 有効期限 moves the item to
/// the new day (the renewal is done). Not needed when the 有効期限 falls
/// after the support period ends (E).
fn certificate_renewal(client: &Client, emp: &Employment, settings: &Settings) -> Option<Item> {
    let expires = client.certificate_expires?;
    if support_period(emp).is_some_and(|(_, end)| expires > end) {
        return None;
    }
    let start = crate::dates::add_days(expires, -settings.cert_warn_days);
    let mut it = Item::new(ObligationId::CERT_RENEWAL, start, expires);
    it.warn_days = Some(settings.cert_warn_days);
    Some(it)
}

/// 離職 (or 終結) closes every later obligation that is not done: an item
/// due after that day is waived; done items and items that were already
/// overdue before it stay as they are (the history stays). The end of the
/// support period is not "done" once its day passes after a separation:
/// the support ended with the job, not at E.
fn apply_end(items: &mut [Item], day: NaiveDate, reason: &'static str) {
    for it in items.iter_mut() {
        if it.due > day && it.waived.is_none() && it.satisfied_by.is_none() {
            it.done_without_record = false;
            it.waived = Some(Cow::Borrowed(reason));
        }
    }
}

/// A person's 対象外 decisions: an item that is not done takes the reason
/// and who decided.
fn apply_resolutions(items: &mut [Item], client: &Client) {
    if client.resolutions.is_empty() {
        return;
    }
    for it in items.iter_mut().filter(|it| !it.is_done()) {
        if let Some(r) = client
            .resolutions
            .iter()
            .find(|r| r.covers(it.id.as_str(), it.period))
        {
            it.waived = Some(Cow::Owned(r.reason.clone()));
            it.waived_by = Some(r.decided_by.clone());
        }
    }
}

/// One job's items: its steps, completed by its own records, closed by
/// its 離職 and by 終結, and decided by its 対象外 decisions.
fn job_items(
    client: &Client,
    job: &jobs::Job<'_>,
    settings: &Settings,
    today: NaiveDate,
    out: &mut Vec<Item>,
) {
    let own = job.records(client);
    let client = own.as_ref();
    let (emp, anchor) = (job.emp, job.anchor);
    // Contacts sorted once by date: every rule below scans ranges of it.
    let mut contacts: Vec<&Contact> = client.contacts.iter().collect();
    // Ties on a day go to the earliest record, whichever way it was loaded.
    contacts.sort_by_key(|c| (c.date, c.id));

    let mut items = before_retention::items(client, emp, anchor, &contacts, settings);
    retention::items(client, emp, anchor, &contacts, today, &mut items);
    if job.earlier().is_none() {
        items.extend(certificate_renewal(client, emp, settings));
    }
    if let Some(x) = emp.separation_date {
        apply_end(&mut items, x, "離職");
    }
    if let Some(x) = &client.closure {
        apply_end(&mut items, x.date, x.reason.label());
    }
    apply_resolutions(&mut items, client);
    out.append(&mut items);
}

/// Every obligation of the client's jobs on `today` — the current job's and
/// those an earlier job kept (marked with its anchor) — in timeline order:
/// by due day, then by the order of the rule table (docs/BASIS.md §4.5).
pub(crate) fn compute(client: &Client, settings: &Settings, today: NaiveDate) -> Vec<Obligation> {
    compute_where(client, settings, today, |_, _, _| true)
}

/// The obligations `keep(status, due, severity)` accepts, in timeline order. For a
/// listing of a whole office (`due`), which keeps a few of each client's
/// hundred-odd items: the rest are never built or sorted.
pub(crate) fn compute_where(
    client: &Client,
    settings: &Settings,
    today: NaiveDate,
    mut keep: impl FnMut(Status, NaiveDate, Severity) -> bool,
) -> Vec<Obligation> {
    // Only what had happened by `today` counts (docs/BASIS.md §4.4).
    let known = client.as_of(today);
    let client = known.as_ref();
    let mut items = Vec::new();
    for job in jobs::jobs(client) {
        let first = items.len();
        job_items(client, &job, settings, today, &mut items);
        if let Some(a) = job.earlier() {
            for it in &mut items[first..] {
                it.job = Some(a);
            }
        }
    }
    // In place: only the kept items move.
    let severity = |it: &Item| {
        RULES
            .get(it.rule)
            .map_or(Severity::Required, |r| r.severity)
    };
    items.retain(|it| keep(status_of(it, settings, today), it.due, severity(it)));
    items.sort_by_key(|i| (i.due, i.rule, i.period));
    items
        .into_iter()
        .map(|it| {
            let status = status_of(&it, settings, today);
            let r = RULES.get(it.rule);
            Obligation {
                id: it.id.as_str(),
                title: r.map_or("", |r| r.title),
                clause: r.map_or("", |r| r.clause),
                severity: severity(&it),
                period: it.period,
                window_start: it.window_start,
                due: it.due,
                status,
                late: it.late && status == Status::Done,
                waived_by: if status == Status::Waived {
                    it.waived_by
                } else {
                    None
                },
                waived_reason: if status == Status::Waived {
                    it.waived
                } else {
                    None
                },
                satisfied_by: it.satisfied_by,
                note: it.note,
                job: it.job,
            }
        })
        .collect()
}
