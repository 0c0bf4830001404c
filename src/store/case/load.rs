//! Reading whole cases. Each table is read with one query in one read
//! transaction (one snapshot) and grouped in memory: 10,000 clients must
//! load in well under 200 ms, which per-client queries could never do.

use std::collections::HashMap;

use rusqlite::Connection;

use crate::model::{
    AgencyKind, CaseConference, Client, ClientId, Closure, ClosureReason, Consent, Disclosure,
    Employer, Employment, Handover, Intent, ObligationId, Plan, RecordId, Report, Resolution,
    SupportType,
};

pub(in crate::store) use super::contact_runs::{attach_contacts, contact_runs};
use crate::store::codec::At;
pub(crate) use crate::store::office::scope::Cases;
pub(in crate::store) use crate::store::office::scope::{Among, Detail, OPEN_CHILDREN, Part, Scope};
use crate::store::rows::Table;
use crate::store::{Store, StoreError};

impl Store {
    /// Every client with all records, ordered by row id (insertion order).
    pub fn load_all(&self) -> Result<Vec<Client>, StoreError> {
        self.load_every(Detail::Full, Scope::All)
    }

    /// Every client with the records the engine needs; long text is left
    /// empty (contact summaries, `fields`, handover and conference notes).
    pub fn load_all_for_engine(&self) -> Result<Vec<Client>, StoreError> {
        self.load_every(Detail::Engine, Scope::All)
    }

    /// Every client with their employments but no other records: a list of
    /// names and stages in a few milliseconds, before the full load.
    pub fn load_clients_brief(&self) -> Result<Vec<Client>, StoreError> {
        self.load_brief(Cases::All)
    }

    /// `load_clients_brief`, with or without the closed cases.
    pub(crate) fn load_brief(&self, cases: Cases) -> Result<Vec<Client>, StoreError> {
        let limit = self.caseload_limit()?;
        let mut all = self.read(|tx| load(tx, Detail::Brief, cases.scope(), Part::Whole))?;
        keep_caseload(&mut all, limit);
        Ok(all)
    }

    /// `load_all_for_engine`, with or without the closed cases: without
    /// them, no record of a closed case is read. (The screens read in
    /// batches: `Snapshot::read`.)
    #[cfg(test)]
    pub(crate) fn load_for_engine(&self, cases: Cases) -> Result<Vec<Client>, StoreError> {
        self.load_every(Detail::Engine, cases.scope())
    }

    /// The clients' row ids, in order (to split work across connections).
    pub fn client_ids(&self) -> Result<Vec<ClientId>, StoreError> {
        self.client_ids_among(Among::default())
    }

    /// The row ids of clients whose case is not closed (終結), in order:
    /// what `due` and the lists read by default.
    pub fn open_client_ids(&self) -> Result<Vec<ClientId>, StoreError> {
        self.client_ids_among(Among {
            open_only: true,
            staff: None,
        })
    }

    /// The row ids of the clients `among` chooses, in order.
    pub fn client_ids_among(&self, among: Among<'_>) -> Result<Vec<ClientId>, StoreError> {
        let every = Scope::Range(ClientId::new(i64::MIN), ClientId::new(i64::MAX), among);
        let sql = format!("SELECT id FROM clients {} ORDER BY id", every.clients());
        self.read(|tx| {
            let mut ids = Vec::new();
            query_each(tx, &sql, every, "clients", |r| {
                ids.push(r.client_id(0)?);
                Ok(())
            })?;
            Ok(ids)
        })
    }

    /// For each batch of client row ids (each ascending) that `batches`
    /// yields, those clients with what the engine needs, all from one
    /// snapshot: a large office is processed without holding every record
    /// at once, and two connections can share one queue of batches.
    /// Only the clients of a batch's range that `among` chooses are read
    /// (closed cases, other workers' clients are skipped in SQL).
    pub fn for_each_engine_batch<'a>(
        &self,
        batches: impl IntoIterator<Item = &'a [ClientId]>,
        among: Among<'_>,
        mut f: impl FnMut(Vec<Client>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let limit = self.caseload_limit()?.map(str::to_owned);
        self.read(|tx| {
            for chunk in batches {
                let (Some(&lo), Some(&hi)) = (chunk.first(), chunk.last()) else {
                    continue;
                };
                let scope = Scope::Range(lo, hi, among);
                let mut clients = load(tx, Detail::Lean, scope, Part::Whole)?;
                keep_caseload(&mut clients, limit.as_deref());
                f(clients)?;
            }
            Ok(())
        })
    }

    /// One client with all records.
    /// Refused for a client outside a 支援員's own caseload when the
    /// office limits them to it.
    pub fn load_client(&self, id: ClientId) -> Result<Client, StoreError> {
        let client = self
            .read(|tx| load(tx, Detail::Full, Scope::One(id), Part::Whole))?
            .pop()
            .ok_or_else(|| StoreError::NotFound {
                what: Table::Clients.label().to_string(),
            })?;
        self.require_serves(
            client.assigned_staff.as_deref(),
            &format!("利用者 {}", client.external_id),
        )?;
        Ok(client)
    }
}

/// Drops the clients outside `limit`'s caseload (the office limits a
/// 支援員 to their own clients; `None`: no limit).
pub(in crate::store) fn keep_caseload(clients: &mut Vec<Client>, limit: Option<&str>) {
    if let Some(me) = limit {
        clients.retain(|c| c.assigned_staff.as_deref() == Some(me));
    }
}

/// Finds a client's index in `clients` (sorted by id). Rows come grouped by
/// client, so the previous answer is nearly always right.
pub(in crate::store) struct Slots<'a> {
    ids: &'a [ClientId],
    last: Option<(ClientId, usize)>,
}

impl<'a> Slots<'a> {
    pub(in crate::store) fn new(ids: &'a [ClientId]) -> Self {
        Slots { ids, last: None }
    }

    pub(in crate::store) fn find(&mut self, client_id: ClientId) -> Option<usize> {
        if let Some((id, i)) = self.last
            && id == client_id
        {
            return Some(i);
        }
        let i = self.ids.binary_search(&client_id).ok()?;
        self.last = Some((client_id, i));
        Some(i)
    }
}

pub(in crate::store) fn query_each(
    tx: &Connection,
    sql: &str,
    scope: Scope<'_>,
    table: &'static str,
    mut each: impl FnMut(&At<'_>) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let mut stmt = tx.prepare(sql)?;
    let mut rows = stmt.query(scope.params().as_slice())?;
    while let Some(row) = rows.next()? {
        each(&At { table, row })?;
    }
    Ok(())
}

/// Reads clients with their records. Contacts are limited to `part` (the
/// rest are read by another connection, see `split`).
pub(in crate::store) fn load(
    tx: &Connection,
    detail: Detail,
    scope: Scope<'_>,
    part: Part,
) -> Result<Vec<Client>, StoreError> {
    let client_where = scope.clients();
    let child_where = scope.children();
    let child_where = child_where.as_str();
    let mut clients = Vec::new();
    let sql = format!(
        "SELECT id, version, external_id, name, kana, birth_date, sex, certificate_no, \
         certificate_expires, disclosure, needs_continuing_support, assigned_staff, {}, \
         closed_on, closed_reason, closed_note, closed_by, {}, job_coach_months, \
         certificate_from, certificate_history \
         FROM clients {client_where} ORDER BY id",
        detail.long("fields", "'{}'"),
        detail.listing("municipality", "''"),
    );
    query_each(tx, &sql, scope, "clients", |r| {
        clients.push(Client {
            id: Some(r.client_id(0)?),
            version: r.int(1)?,
            external_id: r.string(2)?,
            name: r.string(3)?,
            kana: r.string(4)?,
            birth_date: r.date_opt(5)?,
            sex: r.string(6)?,
            certificate_no: r.string(7)?,
            certificate_expires: r.date_opt(8)?,
            disclosure: r.id(9, Disclosure::from_id, Disclosure::parse)?,
            needs_continuing_support: r.bool(10)?,
            assigned_staff: r.string_opt(11)?,
            fields: r.json(12)?,
            municipality: r.string(17)?,
            job_coach_subsidy_months: r.json(18)?,
            certificate_from: r.date_opt(19)?,
            certificate_history: r.json(20)?,
            closure: match r.date_opt(13)? {
                None => None,
                Some(date) => Some(Closure {
                    date,
                    reason: r.id(14, ClosureReason::from_id, ClosureReason::parse)?,
                    note: r.string(15)?,
                    closed_by: r.string(16)?,
                }),
            },
            resolutions: Vec::new(),
            employments: Vec::new(),
            contacts: Vec::new(),
            reports: Vec::new(),
            plans: Vec::new(),
            consents: Vec::new(),
            handovers: Vec::new(),
            conferences: Vec::new(),
        });
        Ok(())
    })?;
    let ids: Vec<ClientId> = clients.iter().map(|c| c.id.unwrap_or_default()).collect();
    let mut slots = Slots::new(&ids);
    // Rows of a client that is not in `clients` cannot occur inside one
    // snapshot with foreign keys on; they are skipped rather than trusted.
    // Within a client, records come in id order. For a range of clients the
    // order is by client first, which the client_id indexes give without a
    // sort (their trailing key is the id).
    let by_client = match scope {
        Scope::All | Scope::Open => "id",
        Scope::One(_) | Scope::Range(..) => "client_id, id",
    };
    macro_rules! children {
        ($table:literal, $cols:expr, $field:ident, |$r:ident| $build:expr) => {
            children!($table, $cols, by_client, $field, |$r| $build)
        };
        ($table:literal, $cols:expr, $order:expr, $field:ident, |$r:ident| $build:expr) => {{
            let sql = format!(
                "SELECT {} FROM {} {child_where} ORDER BY {}",
                $cols, $table, $order
            );
            query_each(tx, &sql, scope, $table, |$r| {
                if let Some(i) = slots.find($r.client_id(1)?) {
                    clients[i].$field.push($build);
                }
                Ok(())
            })?;
        }};
    }

    children!(
        "employments",
        format!(
            "id, client_id, version, employer_name, employer_industry, employer_address, \
             employer_phone, employer_contact_person, support_type, decision_date, start_date, \
             prior_service_end_date, intent, retention_start_date, separation_date, \
             separation_reason, {}",
            detail.long("fields", "'{}'")
        ),
        employments,
        |r| Employment {
            id: Some(r.record_id(0)?),
            version: r.int(2)?,
            employer: Employer {
                name: r.string(3)?,
                industry: r.string(4)?,
                address: r.string(5)?,
                phone: r.string(6)?,
                contact_person: r.string(7)?,
            },
            support_type: r.id(8, SupportType::from_id, SupportType::parse)?,
            decision_date: r.date_opt(9)?,
            start_date: r.date_opt(10)?,
            prior_service_end_date: r.date_opt(11)?,
            intent: r.id(12, Intent::from_id, Intent::parse)?,
            retention_start_date: r.date_opt(13)?,
            separation_date: r.date_opt(14)?,
            separation_reason: r.string_opt(15)?,
            fields: r.json(16)?,
        }
    );

    if detail == Detail::Brief {
        return Ok(clients);
    }
    attach_contacts(&mut clients, contact_runs(tx, detail, scope, part)?);

    children!(
        "reports",
        format!(
            "id, client_id, {}, month, created, presented, share_with_employer, {}",
            detail.version(),
            detail.long("fields", "'{}'")
        ),
        // The engine's reading comes straight from the reports_engine index
        // in its order (the engine does not depend on the order of reports).
        if detail == Detail::Full || matches!(scope, Scope::All | Scope::Open) {
            by_client
        } else {
            "client_id, month"
        },
        reports,
        |r| Report {
            id: Some(r.record_id(0)?),
            version: r.int(2)?,
            month: r.month(3)?,
            created: r.date_opt(4)?,
            presented: r.date_opt(5)?,
            share_with_employer: r.bool(6)?,
            fields: r.json(7)?,
        }
    );

    children!(
        "plans",
        format!(
            "id, client_id, version, created, {}",
            detail.long("fields", "'{}'")
        ),
        plans,
        |r| Plan {
            id: Some(r.record_id(0)?),
            version: r.int(2)?,
            created: r.date(3)?,
            reviews: Vec::new(),
            fields: r.json(4)?,
        }
    );
    load_reviews(tx, scope, &mut clients)?;

    children!(
        "consents",
        "id, client_id, version, scope, date, written, withdrawn",
        consents,
        |r| Consent {
            id: Some(r.record_id(0)?),
            version: r.int(2)?,
            scope: r.string(3)?,
            date: r.date(4)?,
            written: r.bool(5)?,
            withdrawn: r.date_opt(6)?,
        }
    );

    // What was shared is read even for the engine: the office figures
    // check it is on record (000 §2(4)ウ). Handovers are few and short.
    children!(
        "handovers",
        format!(
            "id, client_id, date, agency, shared, consent, {}, obligations",
            detail.version(),
        ),
        handovers,
        |r| Handover {
            id: Some(r.record_id(0)?),
            date: r.date(2)?,
            agency: r.string(3)?,
            shared: r.string(4)?,
            consent: r.bool(5)?,
            version: r.int(6)?,
            obligations: r.json(7)?,
        }
    );

    children!(
        "case_conferences",
        format!(
            "id, client_id, date, agencies, online, manager_attended, manager_informed, {}, {}",
            detail.long("notes", "''"),
            detail.version(),
        ),
        conferences,
        |r| CaseConference {
            id: Some(r.record_id(0)?),
            version: r.int(8)?,
            date: r.date(2)?,
            agencies: r.json::<Vec<AgencyKind>>(3)?,
            online: r.bool(4)?,
            manager_attended: r.bool(5)?,
            manager_informed: r.bool(6)?,
            notes: r.string(7)?,
        }
    );

    children!(
        "resolutions",
        "id, client_id, obligation, period, reason, decided_by, decided_on, job",
        resolutions,
        |r| Resolution {
            id: Some(r.record_id(0)?),
            obligation: r.parse(2, ObligationId::parse)?,
            period: match r.text_opt(3)? {
                None => None,
                Some(_) => Some(r.month(3)?),
            },
            reason: r.string(4)?,
            decided_by: r.string(5)?,
            decided_on: r.date(6)?,
            job: r.date_opt(7)?,
        }
    );

    Ok(clients)
}

/// Plan reviews, oldest first within each plan (model contract).
fn load_reviews(
    tx: &Connection,
    scope: Scope<'_>,
    clients: &mut [Client],
) -> Result<(), StoreError> {
    let mut where_plan: HashMap<RecordId, (usize, usize)> = HashMap::new();
    for (ci, c) in clients.iter().enumerate() {
        for (pi, p) in c.plans.iter().enumerate() {
            if let Some(id) = p.id {
                where_plan.insert(id, (ci, pi));
            }
        }
    }
    if where_plan.is_empty() {
        return Ok(());
    }
    let filter = match scope {
        Scope::All => String::new(),
        _ => format!(
            "WHERE plan_id IN (SELECT id FROM plans {})",
            scope.children()
        ),
    };
    let sql =
        format!("SELECT id, plan_id, date FROM plan_reviews {filter} ORDER BY plan_id, date, id");
    query_each(tx, &sql, scope, "plan_reviews", |r| {
        if let Some(&(ci, pi)) = where_plan.get(&r.record_id(1)?) {
            clients[ci].plans[pi].reviews.push(r.date(2)?);
        }
        Ok(())
    })
}

#[cfg(test)]
#[path = "load_tests.rs"]
mod tests;
