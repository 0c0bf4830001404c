//! Taking back a person's last change (`crate::operation::undo_last`):
//! the change is read from the audit trail (what each row was before),
//! checked against what happened since, and reversed as a new, audited
//! write — never by removing the trail's rows.
//!
//! One change is the audit rows one operation left: each names its
//! operation (`"op"` in its detail, the id of the operation's first row).
//! Rows written before operations were named are grouped as consecutive
//! rows by the same login with the same stamp on the same client.

use rusqlite::types::Value as Sql;
use rusqlite::{Connection, OptionalExtension, ToSql, params_from_iter};
use serde_json::{Map, Value};

use super::{Audit, AuditAction};
use crate::model::{ClientId, RecordId};
use crate::store::rows::{self, Table, Target};
use crate::store::{Stamp, Store, StoreError};

/// The case records a change can be taken back on.
const REVERSIBLE: &[Table] = &[
    Table::Clients,
    Table::Employments,
    Table::Contacts,
    Table::Reports,
    Table::Plans,
    Table::Consents,
    Table::Handovers,
    Table::Conferences,
    Table::Resolutions,
];

fn table_of(sql: &str) -> Option<Table> {
    REVERSIBLE.iter().copied().find(|t| t.sql() == sql)
}

/// One audit row of a change, as a step to reverse.
#[derive(Debug, Clone)]
struct Step {
    audit_id: i64,
    action: AuditAction,
    table: Table,
    /// The row of `table` (a client's or a record's).
    row: i64,
    client: Option<ClientId>,
    detail: Value,
}

/// A person's last change, as the audit trail recorded it.
#[derive(Debug, Clone)]
pub struct LastChange {
    op: Option<i64>,
    /// The audit rows it left (oldest first).
    pub audit_ids: Vec<i64>,
    pub at: String,
    /// The rows' summaries (no personal data), for the person to see.
    pub summaries: Vec<String>,
    steps: Vec<Step>,
}

/// Someone changed a record of the change since: nothing is taken back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Since {
    pub login: String,
    pub at: String,
    pub summary: String,
}

/// The most audit rows one undo takes back.
const LIMIT: usize = 200;

const DATA_ACTIONS: &str = "('create', 'update', 'delete')";

impl Store {
    /// `login`'s last change to a case (the audit rows of its
    /// transaction), if any.
    pub(crate) fn last_change_of(&self, login: &str) -> Result<Option<LastChange>, StoreError> {
        self.read(|tx| last_change(tx, login))
    }

    /// What others (or the person) wrote on the records of `change` after
    /// it: the first such audit row, if any.
    pub(crate) fn changed_since(&self, change: &LastChange) -> Result<Option<Since>, StoreError> {
        self.read(|tx| changed_since(tx, change))
    }

    /// Reverses `change`: a created record is deleted, a changed one gets
    /// its earlier values back, a deleted one is written again — each an
    /// audited write whose summary says it is a taking back. Refused
    /// (`Stale`) when a record was changed since.
    pub(crate) fn reverse(&self, change: &LastChange) -> Result<(), StoreError> {
        self.write(|tx, stamp| {
            if let Some(s) = changed_since(tx, change)? {
                return Err(StoreError::Invalid(format!(
                    "取り消せません: そのあと {} が {} に変更しています（{}）。何も変更していません。",
                    crate::text::for_display(&s.login),
                    s.at,
                    crate::text::for_display(&s.summary)
                )));
            }
            for step in change.steps.iter().rev() {
                reverse_step(self, tx, stamp, step)?;
            }
            Ok(())
        })
    }
}

fn last_change(tx: &Connection, login: &str) -> Result<Option<LastChange>, StoreError> {
    let mut stmt = tx.prepare(&format!(
        "SELECT id, at, action, tbl, row_id, client_id, summary, detail FROM audit \
         WHERE login = ?1 AND action IN {DATA_ACTIONS} ORDER BY id DESC LIMIT {LIMIT}"
    ))?;
    let mut rows = stmt.query([login])?;
    let mut out: Option<LastChange> = None;
    let mut next_id = 0;
    let mut read = 0;
    while let Some(r) = rows.next()? {
        read += 1;
        if read == LIMIT {
            // The change goes on past what one undo takes back (an import).
            return Err(StoreError::Invalid(format!(
                "最後の変更は {LIMIT} 件以上の記録にわたるため、取り消せません。何も変更していません。"
            )));
        }
        let id: i64 = r.get(0)?;
        let at: String = r.get(1)?;
        let client: Option<ClientId> = r.get(5)?;
        let op = r
            .get::<_, Option<String>>(7)?
            .and_then(|d| serde_json::from_str::<Value>(&d).ok())
            .and_then(|d| d.get("op").and_then(Value::as_i64));
        if let Some(c) = &out {
            let same = match (c.op, op) {
                (Some(a), Some(b)) => a == b,
                (None, None) => {
                    c.at == at
                        && id + 1 == next_id
                        && c.steps.first().map(|s| s.client) == Some(client)
                }
                _ => false,
            };
            if !same {
                break;
            }
        }
        let action = AuditAction::parse(&r.get::<_, String>(2)?).unwrap_or(AuditAction::View);
        let tbl: String = r.get(3)?;
        let summary: String = r.get(6)?;
        let detail: Option<String> = r.get(7)?;
        let change = out.get_or_insert_with(|| LastChange {
            op,
            audit_ids: Vec::new(),
            at: at.clone(),
            summaries: Vec::new(),
            steps: Vec::new(),
        });
        change.audit_ids.insert(0, id);
        change.summaries.insert(0, summary.clone());
        let (Some(table), Some(row)) = (table_of(&tbl), r.get::<_, Option<i64>>(4)?) else {
            return Err(StoreError::Invalid(format!(
                "最後の変更（{}）は取り消せません。取り消せるのは利用者の記録の追加・修正・削除です。",
                crate::text::for_display(&summary)
            )));
        };
        change.steps.insert(
            0,
            Step {
                audit_id: id,
                action,
                table,
                row,
                client: r.get(5)?,
                detail: detail
                    .and_then(|d| serde_json::from_str(&d).ok())
                    .unwrap_or(Value::Null),
            },
        );
        next_id = id;
    }
    Ok(out)
}

fn changed_since(tx: &Connection, change: &LastChange) -> Result<Option<Since>, StoreError> {
    let Some(last) = change.audit_ids.last() else {
        return Ok(None);
    };
    for step in &change.steps {
        // A client created or deleted takes its whole case with it.
        let whole_case = step.table == Table::Clients && step.action != AuditAction::Update;
        let sql = if whole_case {
            format!(
                "SELECT login, at, summary FROM audit WHERE id > ?1 AND action IN {DATA_ACTIONS} \
                 AND client_id = ?2 ORDER BY id LIMIT 1"
            )
        } else {
            format!(
                "SELECT login, at, summary FROM audit WHERE id > ?1 AND action IN {DATA_ACTIONS} \
                 AND tbl = ?3 AND row_id = ?2 ORDER BY id LIMIT 1"
            )
        };
        let mut stmt = tx.prepare(&sql)?;
        let found = if whole_case {
            stmt.query_row(rusqlite::params![last, step.row], since)
        } else {
            stmt.query_row(rusqlite::params![last, step.row, step.table.sql()], since)
        }
        .optional()?;
        if found.is_some() {
            return Ok(found);
        }
    }
    Ok(None)
}

fn since(r: &rusqlite::Row<'_>) -> rusqlite::Result<Since> {
    Ok(Since {
        login: r.get(0)?,
        at: r.get(1)?,
        summary: r.get(2)?,
    })
}

fn version_of(tx: &Connection, table: Table, id: i64) -> Result<i64, StoreError> {
    tx.query_row(
        &format!("SELECT version FROM {} WHERE id = ?1", table.sql()),
        [id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound {
        what: format!("{} #{id}", table.label()),
    })
}

const REASON: &str = "取り消し（undo）";

fn reverse_step(
    store: &Store,
    tx: &Connection,
    stamp: &Stamp,
    step: &Step,
) -> Result<(), StoreError> {
    let label = step.table.label();
    match (step.action, step.table) {
        (AuditAction::Create, Table::Clients) => {
            let version = version_of(tx, Table::Clients, step.row)?;
            store.delete_client(ClientId::new(step.row), version, REASON)
        }
        (AuditAction::Create, table) => {
            let version = version_of(tx, table, step.row)?;
            store.delete_record(table, RecordId::new(step.row), version, REASON)
        }
        (AuditAction::Update, table) => {
            let changes = step
                .detail
                .get("changes")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            let columns = columns_of(tx, table)?;
            let mut set = Vec::new();
            let mut values: Vec<Sql> = Vec::new();
            for (col, pair) in &changes {
                if !columns.contains(col) {
                    return Err(unreadable(step));
                }
                let old = pair.get(0).cloned().unwrap_or(Value::Null);
                set.push(format!("{col} = ?"));
                values.push(sql_of(&old).ok_or_else(|| unreadable(step))?);
            }
            if set.is_empty() {
                return Ok(());
            }
            let refs: Vec<&dyn ToSql> = values.iter().map(|v| v as &dyn ToSql).collect();
            let version = version_of(tx, table, step.row)?;
            rows::update(
                tx,
                stamp,
                Target {
                    table,
                    id: step.row,
                    version,
                },
                &set.join(", "),
                &refs,
                &format!("{label} #{} を元に戻す（取り消し）", step.row),
            )
            .map(|_| ())
        }
        (AuditAction::Delete, Table::Clients) => {
            let old = step.detail.get("old").cloned().unwrap_or(Value::Null);
            let client: crate::model::Client =
                serde_json::from_value(old).map_err(|_| unreadable(step))?;
            store.add_case(&client).map(|_| ())
        }
        (AuditAction::Delete, table) => {
            let old = step
                .detail
                .get("old")
                .and_then(Value::as_object)
                .cloned()
                .ok_or_else(|| unreadable(step))?;
            let client = step.client.ok_or_else(|| unreadable(step))?;
            reinsert(tx, stamp, table, step, client, &old)
        }
        _ => Err(unreadable(step)),
    }
}

/// The deleted row again, under its old id when nobody took it since,
/// at version 1, stamped now, audited as created by the taking back.
fn reinsert(
    tx: &Connection,
    stamp: &Stamp,
    table: Table,
    step: &Step,
    client: ClientId,
    old: &Map<String, Value>,
) -> Result<(), StoreError> {
    let columns = columns_of(tx, table)?;
    let mut names = vec!["id".to_string(), "client_id".to_string()];
    let mut values: Vec<Sql> = vec![Sql::Integer(step.row), Sql::Integer(client.get())];
    for (col, v) in old {
        if !columns.contains(col) {
            return Err(unreadable(step));
        }
        names.push(col.clone());
        values.push(sql_of(v).ok_or_else(|| unreadable(step))?);
    }
    for (col, v) in [
        ("created_by", &stamp.user),
        ("created_at", &stamp.at),
        ("updated_by", &stamp.user),
        ("updated_at", &stamp.at),
    ] {
        names.push(col.to_string());
        values.push(Sql::Text(v.clone()));
    }
    let marks = vec!["?"; names.len()].join(", ");
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({marks})",
        table.sql(),
        names.join(", ")
    );
    tx.execute(&sql, params_from_iter(values.iter()))?;
    let new = crate::store::history::snapshot(tx, table, step.row)?.unwrap_or_default();
    Audit::of(
        AuditAction::Create,
        table,
        &format!("{} #{} を戻す（取り消し）", table.label(), step.row),
    )
    .row(step.row)
    .client(client)
    .detail(&crate::store::history::created(new))
    .append(tx, stamp)
}

fn columns_of(tx: &Connection, table: Table) -> Result<Vec<String>, StoreError> {
    let mut stmt = tx.prepare(&format!("PRAGMA table_info({})", table.sql()))?;
    let names = stmt
        .query_map([], |r| r.get::<_, String>(1))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(names)
}

fn sql_of(v: &Value) -> Option<Sql> {
    Some(match v {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Sql::Integer(i),
            None => Sql::Real(n.as_f64()?),
        },
        Value::String(s) => Sql::Text(s.clone()),
        _ => return None,
    })
}

fn unreadable(step: &Step) -> StoreError {
    StoreError::Invalid(format!(
        "監査記録 id {} の内容から元に戻せません（{}）。何も変更していません。",
        step.audit_id,
        step.table.label()
    ))
}
