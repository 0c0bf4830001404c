//! Correcting a saved record: one path for every kind. Each correction
//! names the version the editor loaded (a stale one is refused, nothing
//! written), is checked against the rule set inside the transaction, and
//! leaves an audit row with the fields that changed (old → new) — and,
//! when the person first resolved a conflict with someone else's change,
//! both versions of the fields they disagreed on.

use chrono::{DateTime, Utc};
use rusqlite::ToSql;

use crate::model::{
    CaseConference, Client, ConflictRecord, Consent, Contact, Employment, Handover, Plan, RecordId,
    Report,
};
use crate::validate;

use super::edits::contact_summary;
use super::records::checked;
use crate::store::codec::{date_opt_text, date_text, fields_json, list_json, time_opt_text};
use crate::store::rows::{self, CaseRow, Table, Target, need_id};
use crate::store::{Store, StoreError};

/// A saved record, corrected, with the version it was read at.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Edit<'a> {
    Client(&'a Client),
    Employment(&'a Employment),
    Contact(&'a Contact),
    Report(&'a Report),
    /// The 作成日 and form fields; reviews have their own writes.
    Plan(&'a Plan),
    Consent(&'a Consent),
    Handover(&'a Handover),
    Conference(&'a CaseConference),
}

/// One UPDATE of a versioned record: the SET list and its values.
struct Change<'a> {
    table: Table,
    id: Option<RecordId>,
    version: i64,
    set: &'a str,
    values: &'a [&'a dyn ToSql],
    summary: String,
    problems: Vec<validate::Problem>,
    conflict: Option<&'a ConflictRecord>,
}

impl Store {
    /// Writes `edit` if its row is still at the version it was read at;
    /// returns the new version. `conflict`: what the person chose when
    /// their edit met someone else's change (kept in the audit row).
    pub(crate) fn update(
        &self,
        edit: Edit<'_>,
        conflict: Option<&ConflictRecord>,
    ) -> Result<i64, StoreError> {
        match edit {
            Edit::Client(c) => self.update_client_noting(c, conflict),
            Edit::Employment(e) => self.change(Change {
                table: Table::Employments,
                id: e.id,
                version: e.version,
                set: "employer_name = ?, employer_industry = ?, employer_address = ?, \
                     employer_phone = ?, employer_contact_person = ?, support_type = ?, \
                     decision_date = ?, start_date = ?, prior_service_end_date = ?, intent = ?, \
                     retention_start_date = ?, separation_date = ?, separation_reason = ?, fields = ?",
                values: &[
                    &e.employer.name,
                    &e.employer.industry,
                    &e.employer.address,
                    &e.employer.phone,
                    &e.employer.contact_person,
                    &e.support_type.as_str(),
                    &date_opt_text(e.decision_date),
                    &date_opt_text(e.start_date),
                    &date_opt_text(e.prior_service_end_date),
                    &e.intent.as_str(),
                    &date_opt_text(e.retention_start_date),
                    &date_opt_text(e.separation_date),
                    &e.separation_reason,
                    &fields_json(&e.fields),
                ],
                summary: format!("就職 {}", e.support_type.label()),
                problems: validate::employment(e, self.write_day()),
                conflict,
            }),
            Edit::Contact(c) => self.change(Change {
                table: Table::Contacts,
                id: c.id,
                version: c.version,
                set: "date = ?, time = ?, staff = ?, counterpart = ?, counterpart_detail = ?, \
                     method = ?, method_detail = ?, place = ?, place_detail = ?, summary = ?, \
                     obligations = ?",
                values: &[
                    &date_text(c.date),
                    &time_opt_text(c.time),
                    &c.staff,
                    &c.counterpart.as_str(),
                    &c.counterpart_detail,
                    &c.method.as_str(),
                    &c.method_detail,
                    &c.place.as_str(),
                    &c.place_detail,
                    &c.summary,
                    &list_json(&c.obligations),
                ],
                summary: contact_summary(c),
                problems: validate::contact(c, self.write_day()),
                conflict,
            }),
            Edit::Report(r) => self.change(Change {
                table: Table::Reports,
                id: r.id,
                version: r.version,
                set: "month = ?, created = ?, presented = ?, share_with_employer = ?, fields = ?",
                values: &[
                    &r.month.to_string(),
                    &date_opt_text(r.created),
                    &date_opt_text(r.presented),
                    &r.share_with_employer,
                    &fields_json(&r.fields),
                ],
                summary: format!("支援レポート {}", r.month),
                problems: validate::report(r, self.write_day()),
                conflict,
            }),
            Edit::Plan(p) => self.change(Change {
                table: Table::Plans,
                id: p.id,
                version: p.version,
                set: "created = ?, fields = ?",
                values: &[&date_text(p.created), &fields_json(&p.fields)],
                summary: format!("計画 {}", p.created),
                problems: validate::plan(p, self.write_day()),
                conflict,
            }),
            Edit::Consent(c) => self.change(Change {
                table: Table::Consents,
                id: c.id,
                version: c.version,
                set: "scope = ?, date = ?, written = ?, withdrawn = ?",
                values: &[
                    &c.scope,
                    &date_text(c.date),
                    &c.written,
                    &date_opt_text(c.withdrawn),
                ],
                summary: format!("同意 {} {}", c.scope, c.date),
                problems: validate::consent(c, self.write_day()),
                conflict,
            }),
            Edit::Handover(h) => self.change(Change {
                table: Table::Handovers,
                id: h.id,
                version: h.version,
                set: "date = ?, agency = ?, shared = ?, consent = ?, obligations = ?",
                values: &[
                    &date_text(h.date),
                    &h.agency,
                    &h.shared,
                    &h.consent,
                    &list_json(&h.obligations),
                ],
                summary: format!("引継ぎ {}", h.date),
                problems: validate::handover(h, self.write_day()),
                conflict,
            }),
            Edit::Conference(c) => self.change(Change {
                table: Table::Conferences,
                id: c.id,
                version: c.version,
                set: "date = ?, agencies = ?, online = ?, manager_attended = ?, \
                      manager_informed = ?, notes = ?",
                values: &[
                    &date_text(c.date),
                    &list_json(&c.agencies),
                    &c.online,
                    &c.manager_attended,
                    &c.manager_informed,
                    &c.notes,
                ],
                summary: format!("ケース会議 {}", c.date),
                problems: validate::conference(c, self.write_day()),
                conflict,
            }),
        }
    }

    /// Who last changed `row` and when, if the row exists (the conflict
    /// view names who made the version it shows).
    pub fn last_change(&self, row: CaseRow) -> Result<Option<(String, DateTime<Utc>)>, StoreError> {
        let Some((by, at)) = self.read(|tx| rows::last_change(tx, row))? else {
            return Ok(None);
        };
        let at = DateTime::parse_from_rfc3339(&at)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| StoreError::Invalid(format!("更新日時が読めません「{at}」")))?;
        Ok(Some((by, at)))
    }

    /// Checks and applies one change; returns the new version.
    fn change(&self, c: Change<'_>) -> Result<i64, StoreError> {
        let id = need_id(c.table, c.id)?;
        checked(|| c.summary.clone(), c.problems)?;
        self.write(|tx, stamp| {
            rows::update_noting(
                tx,
                stamp,
                Target::record(c.table, id, c.version),
                c.set,
                c.values,
                &c.summary,
                c.conflict,
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::model::{Chosen, ConflictField};
    use crate::store::test_support::{client_with_employment, store};

    fn record(version: i64) -> ConflictRecord {
        let field = ConflictField {
            label: "受給者証番号".into(),
            base: Some("1111111111".into()),
            theirs: "2222222222".into(),
            mine: "1111111111".into(),
            chosen: Chosen::Theirs,
        };
        ConflictRecord {
            theirs_version: version,
            theirs_by: Some("suzuki".into()),
            fields: BTreeMap::from([("certificate_no".to_string(), field)]),
        }
    }

    #[test]
    fn an_update_after_a_conflict_keeps_both_versions_in_its_audit_row() {
        let (_dir, s) = store();
        let id = client_with_employment(&s, "C001");
        let mut c = s.load_client(id).expect("load");
        c.kana = "やまだ".into();
        let conflict = record(c.version);
        s.update(Edit::Client(&c), Some(&conflict)).expect("saved");
        let row = &s.audit_for_client(id, 1).expect("audit")[0];
        let detail: serde_json::Value =
            serde_json::from_str(row.detail.as_deref().expect("detail")).expect("json");
        assert_eq!(detail["changes"]["kana"][1], "やまだ");
        let f = &detail["conflict"]["fields"]["certificate_no"];
        assert_eq!(f["theirs"], "2222222222");
        assert_eq!(f["mine"], "1111111111");
        assert_eq!(f["chosen"], "theirs");
        assert_eq!(detail["conflict"]["theirs_by"], "suzuki");
    }

    #[test]
    fn a_plain_update_has_no_conflict_in_its_audit_row() {
        let (_dir, s) = store();
        let id = client_with_employment(&s, "C001");
        let mut c = s.load_client(id).expect("load");
        c.kana = "やまだ".into();
        crate::operation::apply(
            &s,
            &crate::operation::Operation::EditClient {
                client: Box::new(c.clone()),
                conflict: None,
            },
        )
        .expect("saved");
        let row = &s.audit_for_client(id, 1).expect("audit")[0];
        let detail = row.detail.as_deref().expect("detail");
        assert!(!detail.contains("conflict"), "{detail}");
    }

    #[test]
    fn last_change_names_who_wrote_the_version_now_stored() {
        let (dir, s) = store();
        let id = client_with_employment(&s, "C001");
        let other = Store::open_as(&dir.path().join("t.db"), "suzuki").expect("open");
        let mut c = other.load_client(id).expect("load");
        c.kana = "やまだ".into();
        crate::operation::apply(
            &other,
            &crate::operation::Operation::EditClient {
                client: Box::new(c.clone()),
                conflict: None,
            },
        )
        .expect("saved");
        let (by, _) = s
            .last_change(CaseRow::Client(id))
            .expect("query")
            .expect("row");
        assert_eq!(by, "suzuki");
        let gone = CaseRow::Client(crate::model::ClientId::new(id.get() + 100));
        assert_eq!(s.last_change(gone).expect("query"), None);
    }
}
