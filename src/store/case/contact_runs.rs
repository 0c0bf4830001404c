//! Contacts, the largest table: read in runs of one client, so a read can
//! be split between connections (`split`) or batches (`due`) and the runs
//! attached to their clients afterwards.

use rusqlite::Connection;

use crate::model::{Client, ClientId, Contact, Counterpart, Method, Place};

use super::load::{Detail, OPEN_CHILDREN, Part, Scope, Slots, query_each};
use crate::store::StoreError;

/// Adds runs of contacts to their clients (after the ones already there).
pub(in crate::store) fn attach_contacts(
    clients: &mut [Client],
    runs: Vec<(ClientId, Vec<Contact>)>,
) {
    let ids: Vec<ClientId> = clients.iter().map(|c| c.id.unwrap_or_default()).collect();
    let mut slots = Slots::new(&ids);
    for (client_id, run) in runs {
        if let Some(i) = slots.find(client_id) {
            let have = &mut clients[i].contacts;
            if have.is_empty() {
                *have = run; // no copy for the common case of one run per client
            } else {
                have.extend(run);
            }
        }
    }
}

/// Contacts grouped in runs of one client, in id order. Rows come in id
/// (insertion) order, which keeps a client's contacts mostly together.
pub(in crate::store) fn contact_runs(
    tx: &Connection,
    detail: Detail,
    scope: Scope,
    part: Part,
) -> Result<Vec<(ClientId, Vec<Contact>)>, StoreError> {
    let filter = match (scope, part) {
        (Scope::One(_) | Scope::Range(..), _) => scope.children(),
        (Scope::All, Part::Whole) => String::new(),
        (Scope::All, Part::Below(id)) => format!("WHERE id < {id}"),
        (Scope::All, Part::From(id)) => format!("WHERE id >= {id}"),
        (Scope::Open, Part::Whole) => format!("WHERE {OPEN_CHILDREN}"),
        (Scope::Open, Part::Below(id)) => format!("WHERE id < {id} AND {OPEN_CHILDREN}"),
        (Scope::Open, Part::From(id)) => format!("WHERE id >= {id} AND {OPEN_CHILDREN}"),
    };
    let lean = detail == Detail::Lean;
    let sql = if lean {
        // Only the columns the engine reads, all in the covering index.
        format!(
            "SELECT id, client_id, date, counterpart, method, place, obligations \
             FROM contacts {filter} ORDER BY client_id, date"
        )
    } else {
        format!(
            "SELECT id, client_id, version, date, {}, {}, counterpart, {}, \
             method, {}, place, {}, {}, obligations FROM contacts {filter} \
             ORDER BY id",
            detail.long("time", "NULL"),
            detail.long("staff", "NULL"),
            detail.long("counterpart_detail", "''"),
            detail.long("method_detail", "''"),
            detail.long("place_detail", "''"),
            detail.long("summary", "''"),
        )
    };
    let mut runs: Vec<(ClientId, Vec<Contact>)> = Vec::new();
    query_each(tx, &sql, scope, "contacts", |r| {
        let client_id = r.client_id(1)?;
        let contact = if lean {
            Contact {
                id: Some(r.record_id(0)?),
                version: 0,
                date: r.date(2)?,
                time: None,
                staff: None,
                counterpart: r.id(3, Counterpart::from_id, Counterpart::parse)?,
                counterpart_detail: String::new(),
                method: r.id(4, Method::from_id, Method::parse)?,
                method_detail: String::new(),
                place: r.id(5, Place::from_id, Place::parse)?,
                place_detail: String::new(),
                summary: String::new(),
                obligations: r.json(6)?,
            }
        } else {
            Contact {
                id: Some(r.record_id(0)?),
                version: r.int(2)?,
                date: r.date(3)?,
                time: r.time_opt(4)?,
                staff: r.string_opt(5)?,
                counterpart: r.id(6, Counterpart::from_id, Counterpart::parse)?,
                counterpart_detail: r.string(7)?,
                method: r.id(8, Method::from_id, Method::parse)?,
                method_detail: r.string(9)?,
                place: r.id(10, Place::from_id, Place::parse)?,
                place_detail: r.string(11)?,
                summary: r.string(12)?,
                obligations: r.json(13)?,
            }
        };
        match runs.last_mut() {
            Some((id, run)) if *id == client_id => run.push(contact),
            last => {
                // Clients have similar numbers of contacts: sizing the next
                // run like the last saves re-allocating (and copying) it.
                let guess = last.map_or(8, |(_, run)| run.len().max(4));
                let mut run = Vec::with_capacity(guess);
                run.push(contact);
                runs.push((client_id, run));
            }
        }
        Ok(())
    })?;
    Ok(runs)
}
