//! What a read covers: how much of each record (`Detail`), which clients
//! (`Scope`, with `Among` for a batch) and which part of the contacts
//! (`Part`). Each scope is a WHERE clause and its parameters, so SQLite,
//! not the program, leaves out what is not asked for.

use rusqlite::ToSql;

use crate::model::ClientId;

/// How much to read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(in crate::store) enum Detail {
    /// Everything.
    Full,
    /// Only what the obligation engine needs: no long text (summaries,
    /// form fields, notes) and no contact time, staff or detail columns.
    Engine,
    /// What the engine needs and nothing it does not: also no row
    /// versions, and contacts in index order, so the covering indexes of
    /// schema step 2 answer the queries without touching the tables. For
    /// one-pass reports (`due`); never for records that will be edited.
    Lean,
    /// Clients and employments only: enough to list names and stages.
    Brief,
}

impl Detail {
    /// The row version, unless the rows are only read once.
    pub(in crate::store) fn version(self) -> &'static str {
        if self == Detail::Lean { "0" } else { "version" }
    }

    /// The column, or an empty stand-in of the same type.
    pub(in crate::store) fn long(self, col: &'static str, empty: &'static str) -> &'static str {
        match self {
            Detail::Full => col,
            Detail::Engine | Detail::Lean | Detail::Brief => empty,
        }
    }

    /// A client's detail that lists are made by (援護の実施市町村), which the
    /// engine never needs.
    pub(in crate::store) fn listing(self, col: &'static str, empty: &'static str) -> &'static str {
        match self {
            Detail::Full | Detail::Brief => col,
            Detail::Engine | Detail::Lean => empty,
        }
    }
}

/// Which clients of a batch's range are read; the others' records never
/// are, so an office with many closed cases, or one worker's list, reads
/// only what it shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Among<'a> {
    /// Only clients whose case is not closed (終結).
    pub open_only: bool,
    /// Only the clients assigned to this login.
    pub staff: Option<&'a str>,
}

impl Among<'_> {
    /// The condition on `clients` beyond the id range, if any.
    fn condition(self) -> Option<String> {
        let mut parts = Vec::new();
        if self.open_only {
            parts.push("closed_on IS NULL");
        }
        if self.staff.is_some() {
            parts.push("assigned_staff = ?3");
        }
        (!parts.is_empty()).then(|| parts.join(" AND "))
    }
}

/// Which clients to read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(in crate::store) enum Scope<'a> {
    All,
    /// Every client whose case is not closed (終結).
    Open,
    One(ClientId),
    /// Clients with ids in lo..=hi (a batch), narrowed by `Among`.
    Range(ClientId, ClientId, Among<'a>),
}

impl<'a> Scope<'a> {
    /// The WHERE clause on `clients`.
    pub(in crate::store) fn clients(self) -> String {
        match self {
            Scope::All => String::new(),
            Scope::Open => "WHERE closed_on IS NULL".into(),
            Scope::One(_) => "WHERE id = ?1".into(),
            Scope::Range(_, _, among) => match among.condition() {
                None => "WHERE id BETWEEN ?1 AND ?2".into(),
                Some(c) => format!("WHERE id BETWEEN ?1 AND ?2 AND {c}"),
            },
        }
    }

    /// The WHERE clause on a child table's `client_id`.
    pub(in crate::store) fn children(self) -> String {
        match self {
            Scope::All => String::new(),
            Scope::Open => format!("WHERE {OPEN_CHILDREN}"),
            Scope::One(_) => "WHERE client_id = ?1".into(),
            Scope::Range(_, _, among) => match among.condition() {
                None => "WHERE client_id BETWEEN ?1 AND ?2".into(),
                Some(c) => format!(
                    "WHERE client_id IN (SELECT id FROM clients \
                     WHERE id BETWEEN ?1 AND ?2 AND {c})"
                ),
            },
        }
    }

    /// The parameters of both clauses.
    pub(in crate::store) fn params(&self) -> Vec<&dyn ToSql> {
        match self {
            Scope::All | Scope::Open => Vec::new(),
            Scope::One(id) => vec![id],
            Scope::Range(lo, hi, among) => match &among.staff {
                None => vec![lo, hi],
                Some(staff) => vec![lo, hi, staff],
            },
        }
    }
}

/// Which contacts (by row id) one connection reads: a bound computed
/// from the span of the ids, so a bare number.
#[derive(Clone, Copy)]
pub(in crate::store) enum Part {
    Whole,
    Below(i64),
    From(i64),
}

/// Whether a read of the whole office includes closed (終結) cases. An
/// office keeps its closed cases for years; the screens leave them out
/// unless asked, so a start reads and computes only the open ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cases {
    All,
    OpenOnly,
}

impl Cases {
    pub(in crate::store) fn scope(self) -> Scope<'static> {
        match self {
            Cases::All => Scope::All,
            Cases::OpenOnly => Scope::Open,
        }
    }
}

/// The rows of open cases. `+` keeps SQLite from looking rows up through
/// the client_id index (and then sorting them): the table is read in
/// order and each row's client checked against the open ones.
pub(in crate::store) const OPEN_CHILDREN: &str =
    "+client_id IN (SELECT id FROM clients WHERE closed_on IS NULL)";

#[cfg(test)]
#[path = "scope_tests.rs"]
mod tests;
