//! Import and export of the interchange document (docs/MODEL.md §6).
//!
//! Import is all or nothing: one IMMEDIATE transaction, statements prepared
//! once. Row ids and versions are local to a database: the document carries
//! none, and `export` clears them, so `import(d)` then `export(None)` gives
//! `d` back.

use std::fmt;

use crate::model::{Client, ClientId, Document};

use super::clients::{INSERT_CLIENT, insert_client_row};
use super::records::{Inserter, checked};
use crate::store::audit::{Audit, AuditAction};
use crate::store::rows::Table;
use crate::store::{Store, StoreError};
use crate::validate;

/// What an import wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub clients: usize,
    pub employments: usize,
    pub contacts: usize,
    pub reports: usize,
    pub plans: usize,
    pub plan_reviews: usize,
    pub consents: usize,
    pub handovers: usize,
    pub conferences: usize,
}

impl ImportSummary {
    pub(crate) fn add(&mut self, c: &Client) {
        self.clients += 1;
        self.employments += c.employments.len();
        self.contacts += c.contacts.len();
        self.reports += c.reports.len();
        self.plans += c.plans.len();
        self.plan_reviews += c.plans.iter().map(|p| p.reviews.len()).sum::<usize>();
        self.consents += c.consents.len();
        self.handovers += c.handovers.len();
        self.conferences += c.conferences.len();
    }
}

impl fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "利用者 {} 名、就職 {} 件、支援記録 {} 件、支援レポート {} 件、計画 {} 件（見直し {} 件）、同意 {} 件、引継ぎ {} 件、ケース会議 {} 件",
            self.clients,
            self.employments,
            self.contacts,
            self.reports,
            self.plans,
            self.plan_reviews,
            self.consents,
            self.handovers,
            self.conferences
        )
    }
}

/// The counts of one client, for its audit row (no names, no text).
fn client_counts(c: &Client) -> String {
    format!(
        "就職 {}, 支援記録 {}, レポート {}, 計画 {}, 同意 {}, 引継ぎ {}, 会議 {}",
        c.employments.len(),
        c.contacts.len(),
        c.reports.len(),
        c.plans.len(),
        c.consents.len(),
        c.handovers.len(),
        c.conferences.len()
    )
}

/// A client as the interchange document carries it: no local ids or versions.
fn strip_local(mut c: Client) -> Client {
    c.id = None;
    c.version = 0;
    for e in &mut c.employments {
        e.id = None;
        e.version = 0;
    }
    for x in &mut c.contacts {
        x.id = None;
        x.version = 0;
    }
    for r in &mut c.reports {
        r.id = None;
        r.version = 0;
    }
    for p in &mut c.plans {
        p.id = None;
        p.version = 0;
    }
    for x in &mut c.consents {
        x.id = None;
        x.version = 0;
    }
    for h in &mut c.handovers {
        h.id = None;
        h.version = 0;
    }
    for k in &mut c.conferences {
        k.id = None;
        k.version = 0;
    }
    for r in &mut c.resolutions {
        r.id = None;
    }
    c
}

impl Store {
    /// Writes one client with all their records, checked whole against
    /// the rule set (so each problem names its record), audited with its
    /// counts. `crate::operation` calls it, one client at a time for an
    /// import, inside its transaction; statements are cached on the
    /// connection, so an import of 300,000 contacts does not re-parse SQL.
    pub(crate) fn add_case(&self, c: &Client) -> Result<ClientId, StoreError> {
        self.write(|tx, stamp| {
            checked(
                || format!("利用者 {}", crate::text::for_display(&c.external_id)),
                validate::client_case_restoring(c, stamp.today)
                    .into_iter()
                    .map(|mut p| {
                        p.message = format!("{}: {}", p.field, p.message);
                        p
                    })
                    .collect(),
            )?;
            let mut client_stmt = tx.prepare_cached(INSERT_CLIENT)?;
            let mut ins = Inserter::new(tx, stamp)?.prechecked();
            let cid = insert_client_row(tx, &mut client_stmt, stamp, c, true)?;
            for e in &c.employments {
                ins.employment(cid, e)?;
            }
            for x in &c.contacts {
                ins.contact(cid, x)?;
            }
            for r in &c.reports {
                ins.report(cid, r)?;
            }
            for p in &c.plans {
                ins.plan(cid, p)?;
            }
            for x in &c.consents {
                ins.consent(cid, x)?;
            }
            for h in &c.handovers {
                ins.handover(cid, h)?;
            }
            for k in &c.conferences {
                ins.conference(cid, k)?;
            }
            for r in &c.resolutions {
                ins.resolution(cid, r)?;
            }
            let line = format!(
                "利用者 {} を取り込み（{}）",
                c.external_id,
                client_counts(c)
            );
            Audit::of(AuditAction::Create, Table::Clients, &line)
                .row(cid.get())
                .client(cid)
                .append(tx, stamp)?;
            Ok(cid)
        })
    }

    /// The audit row of a whole import (after its clients' own rows).
    pub(crate) fn record_import(&self, summary: &ImportSummary) -> Result<(), StoreError> {
        self.write(|tx, stamp| {
            Audit::named(AuditAction::Import, "document", &summary.to_string()).append(tx, stamp)
        })
    }

    /// Records in the audit trail that a document about a client left the
    /// system (an exported 支援レポート or 計画書): personal data.
    pub fn record_export(&self, client_id: ClientId, what: &str) -> Result<(), StoreError> {
        self.export_row(Some(client_id), what)
    }

    /// Records an export that is not one client's (a deadline list sent
    /// to a file or pipe, the office's figures).
    pub fn record_office_export(&self, what: &str) -> Result<(), StoreError> {
        self.export_row(None, what)
    }

    /// The one export row, one client's or the office's. Nothing is
    /// recorded in a copy opened read-only (the person was told it keeps
    /// no trail).
    fn export_row(&self, client: Option<ClientId>, what: &str) -> Result<(), StoreError> {
        if self.is_read_only() {
            return Ok(());
        }
        self.write(|tx, stamp| {
            Audit::named(AuditAction::Export, "document", what)
                .client_opt(client)
                .append(tx, stamp)
        })
    }

    /// The interchange document of every client (サービス管理責任者 and
    /// 管理者 only) or of one by external_id (NotFound if unknown), and
    /// what its audit row says; not recorded yet: the caller records it
    /// (`record_export`, `record_office_export`) once the document has left, so an export
    /// that failed never reads as one handed out.
    pub fn export_document(&self, external_id: Option<&str>) -> Result<Export, StoreError> {
        let clients = match external_id {
            None => {
                self.require(crate::access::Permission::ExportOffice)?;
                self.load_all()?
            }
            Some(ext) => vec![self.load_client(self.reachable_client(ext)?)?],
        };
        let client = match external_id {
            Some(_) => clients.first().and_then(|c| c.id),
            None => None,
        };
        let what = match external_id {
            Some(ext) => format!("利用者 {ext}"),
            None => format!("全利用者 {} 名", clients.len()),
        };
        Ok(Export {
            document: Document {
                clients: clients.into_iter().map(strip_local).collect(),
            },
            what,
            client,
        })
    }

    /// `export_document`, recorded as handed out at once (for a caller
    /// that cannot fail to hand it out: a test, a benchmark).
    pub fn export(&self, external_id: Option<&str>) -> Result<Document, StoreError> {
        let e = self.export_document(external_id)?;
        self.export_row(e.client, &e.what)?;
        Ok(e.document)
    }
}

/// An interchange document made for export, and its audit row's words.
#[derive(Debug)]
pub struct Export {
    pub document: Document,
    /// What the audit row says was exported.
    pub what: String,
    /// The client, when it is one client's case.
    pub client: Option<ClientId>,
}

#[cfg(test)]
mod tests {
    use crate::store::StoreError;
    use crate::store::test_support::store;

    #[test]
    fn an_import_fed_client_by_client_writes_nothing_when_the_feed_fails_half_way() {
        let (_dir, s) = store();
        let doc = crate::demo::generate(6, s.today());
        let failed = crate::operation::import(&s, |put| {
            for c in &doc.clients[..3] {
                put(c.clone())?;
            }
            Err(StoreError::Invalid("読めません".into()))
        });
        assert!(matches!(failed, Err(StoreError::Invalid(_))), "{failed:?}");
        assert_eq!(s.client_count().expect("count"), 0, "nothing written");
        let summary = crate::operation::import_document(&s, &doc).expect("import");
        assert_eq!(summary.clients, 6);
        assert_eq!(s.client_count().expect("count"), 6);
    }
}
