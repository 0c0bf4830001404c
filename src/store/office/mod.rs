//! The office: its settings, staff and agencies, who the person opening
//! the file is in it (`identity`), and which clients they may see
//! (`scope`).

pub(super) mod identity;
pub(super) mod scope;
mod staff;

#[cfg(test)]
use rusqlite::params;
use rusqlite::{Connection, OptionalExtension};

use crate::model::Letterhead;
use crate::model::{Agency, AgencyKind, Office, Settings};

#[cfg(test)]
use super::audit::{Audit, AuditAction};
use super::case::records::checked;
use super::codec::At;
use super::rows::{self, STAMP_COLS, Table, Target, stamps};
use super::{Stamp, Store, StoreError};
use crate::access::Permission;
use crate::validate;

fn check_days(name: &str, v: i64) -> Result<(), StoreError> {
    if (0..=365).contains(&v) {
        Ok(())
    } else {
        Err(StoreError::Invalid(format!(
            "{name}は 0〜365 日で指定してください（{v}）。"
        )))
    }
}

/// Sets columns of the one settings row (created with defaults first if
/// missing), at whatever version it has: these are single values saved
/// whole, last writer wins; audited like any update.
fn update_settings_row(
    tx: &Connection,
    stamp: &Stamp,
    set: &str,
    values: &[&dyn rusqlite::ToSql],
    summary: &str,
) -> Result<(), StoreError> {
    ensure_settings_row(tx, stamp)?;
    let version: i64 = tx.query_row("SELECT version FROM settings WHERE id = 1", [], |r| {
        r.get(0)
    })?;
    let target = Target {
        table: Table::Settings,
        id: 1,
        version,
    };
    rows::update(tx, stamp, target, set, values, summary)?;
    Ok(())
}

/// Creates the settings row with defaults if it is missing.
fn ensure_settings_row(tx: &Connection, stamp: &Stamp) -> Result<(), StoreError> {
    let d = Settings::default();
    tx.execute(
        &format!(
            "INSERT INTO settings (id, warn_days, report_municipality_days, {STAMP_COLS}) \
             VALUES (1, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING"
        ),
        rusqlite::params_from_iter(
            [
                &d.warn_days as &dyn rusqlite::ToSql,
                &d.report_municipality_days,
            ]
            .into_iter()
            .chain(stamps(stamp)),
        ),
    )?;
    Ok(())
}

impl Store {
    /// Settings the engine reads; defaults until someone saves them.
    pub fn settings(&self) -> Result<Settings, StoreError> {
        let row = self
            .conn
            .query_row(
                "SELECT warn_days, report_municipality_days, cert_warn_days \
                 FROM settings WHERE id = 1",
                [],
                |r| {
                    Ok(Settings {
                        warn_days: r.get(0)?,
                        report_municipality_days: r.get(1)?,
                        cert_warn_days: r.get(2)?,
                    })
                },
            )
            .optional()?;
        Ok(row.unwrap_or_default())
    }

    /// Saves the engine settings (last writer wins: two numbers, no form).
    pub(crate) fn set_settings(&self, s: &Settings) -> Result<(), StoreError> {
        self.require(Permission::ManageSettings)?;
        check_days("期限間近の日数", s.warn_days)?;
        check_days("市町村への報告期限の日数", s.report_municipality_days)?;
        check_days("受給者証の更新を知らせる日数", s.cert_warn_days)?;
        self.write(|tx, stamp| {
            update_settings_row(
                tx,
                stamp,
                "warn_days = ?, report_municipality_days = ?, cert_warn_days = ?",
                &[&s.warn_days, &s.report_municipality_days, &s.cert_warn_days],
                &format!(
                    "期限間近 {} 日, 市町村報告 {} 日, 受給者証の更新 {} 日前",
                    s.warn_days, s.report_municipality_days, s.cert_warn_days
                ),
            )?;
            Ok(())
        })
    }

    /// Limits 支援員 to their own caseload, or lifts the limit (管理者 only).
    pub(crate) fn set_caseload_only(&self, on: bool) -> Result<(), StoreError> {
        self.require(Permission::ManageSettings)?;
        self.write(|tx, stamp| {
            update_settings_row(
                tx,
                stamp,
                "caseload_only = ?",
                &[&on],
                if on {
                    "支援員は担当の利用者のみ"
                } else {
                    "支援員も全利用者"
                },
            )?;
            Ok(())
        })
    }

    /// The OS group that may read what a worker exports (`None`: the
    /// worker alone).
    pub fn export_group(&self) -> Result<Option<String>, StoreError> {
        let group: Option<String> = self
            .conn
            .query_row("SELECT export_group FROM settings WHERE id = 1", [], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(group.filter(|g| !g.is_empty()))
    }

    /// Names the group that may read exports ("": none), 管理者 only.
    /// Whether the server has it is the caller's check (the OS's business).
    pub(crate) fn set_export_group(&self, group: &str) -> Result<(), StoreError> {
        self.require(Permission::ManageSettings)?;
        let group = group.trim();
        checked(|| "事業所の設定".to_string(), validate::export_group(group))?;
        self.write(|tx, stamp| {
            update_settings_row(
                tx,
                stamp,
                "export_group = ?",
                &[&group],
                &if group.is_empty() {
                    "書き出しは本人のみ読める".to_string()
                } else {
                    format!("書き出しはグループ {group} も読める")
                },
            )?;
            Ok(())
        })
    }

    pub fn office(&self) -> Result<Office, StoreError> {
        let row = self
            .conn
            .query_row(
                "SELECT office_name, handover_guideline, handover_responsible, version, \
                 office_number, corporation, address, phone FROM settings WHERE id = 1",
                [],
                |r| {
                    Ok(Office {
                        name: r.get(0)?,
                        handover_guideline: r.get(1)?,
                        handover_responsible: r.get(2)?,
                        version: r.get(3)?,
                        number: r.get(4)?,
                        corporation: r.get(5)?,
                        address: r.get(6)?,
                        phone: r.get(7)?,
                    })
                },
            )
            .optional()?;
        Ok(row.unwrap_or_default())
    }

    /// What documents name besides the client: the office's name, its
    /// staff and who is writing (`forms::identity`).
    pub fn letterhead(&self) -> Result<Letterhead, StoreError> {
        Ok(Letterhead {
            office_name: self.office()?.name,
            staff: self.list_staff()?,
            user: self.user().to_string(),
        })
    }

    /// Saves the office details if nobody changed them since `o.version`
    /// was read. Returns the new version.
    pub(crate) fn set_office(&self, o: &Office) -> Result<i64, StoreError> {
        self.require(Permission::ManageSettings)?;
        self.write(|tx, stamp| {
            checked(|| "事業所の設定".to_string(), validate::office(o))?;
            let existed: bool = tx
                .query_row("SELECT 1 FROM settings WHERE id = 1", [], |_| Ok(()))
                .optional()?
                .is_some();
            // Never saved (the form showed defaults, version 0): the row
            // starts at version 1 and this save becomes version 2.
            if !existed {
                ensure_settings_row(tx, stamp)?;
            }
            let expected = if existed { o.version } else { 1 };
            rows::update(
                tx,
                stamp,
                Target {
                    table: Table::Settings,
                    id: 1,
                    version: expected,
                },
                "office_name = ?, handover_guideline = ?, handover_responsible = ?, \
                 office_number = ?, corporation = ?, address = ?, phone = ?",
                &[
                    &o.name,
                    &o.handover_guideline,
                    &o.handover_responsible,
                    &o.number,
                    &o.corporation,
                    &o.address,
                    &o.phone,
                ],
                "事業所情報",
            )
        })
    }

    #[cfg(test)]
    pub(crate) fn add_agency(&self, a: &Agency) -> Result<i64, StoreError> {
        if a.name.trim().is_empty() {
            return Err(StoreError::Invalid("関係機関の名称が空です。".to_string()));
        }
        self.write(|tx, stamp| {
            tx.execute(
                &format!(
                    "INSERT INTO agencies (kind, name, contact, {STAMP_COLS}) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?4, ?5)"
                ),
                params![a.kind.as_str(), a.name, a.contact, stamp.user, stamp.at],
            )?;
            let id = tx.last_insert_rowid();
            let summary = format!("関係機関 {}", a.kind.label());
            Audit::of(AuditAction::Create, Table::Agencies, &summary)
                .row(id)
                .append(tx, stamp)?;
            Ok(id)
        })
    }

    pub fn list_agencies(&self) -> Result<Vec<Agency>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, kind, name, contact FROM agencies ORDER BY kind, name, id")?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let at = At {
                table: "agencies",
                row,
            };
            out.push(Agency {
                id: Some(at.int(0)?),
                kind: at.parse(1, AgencyKind::parse)?,
                name: at.string(2)?,
                contact: at.string(3)?,
            });
        }
        Ok(out)
    }

    #[cfg(test)]
    pub(crate) fn delete_agency(&self, id: i64) -> Result<(), StoreError> {
        self.write(|tx, stamp| {
            let version: i64 = tx
                .query_row("SELECT version FROM agencies WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .optional()?
                .ok_or_else(|| StoreError::NotFound {
                    what: Table::Agencies.label().to_string(),
                })?;
            let target = Target {
                table: Table::Agencies,
                id,
                version,
            };
            rows::delete(tx, stamp, target, "関係機関", "関係機関の削除")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Role, Staff};
    use crate::store::test_support::store;

    #[test]
    fn settings_default_until_saved_then_read_back() {
        let (_dir, s) = store();
        assert_eq!(s.settings().expect("get"), Settings::default());
        let new = Settings {
            warn_days: 7,
            report_municipality_days: 10,
            cert_warn_days: 90,
        };
        crate::operation::apply(
            &s,
            &crate::operation::Operation::Office {
                office: None,
                settings: Some(new),
                caseload_only: None,
                export_group: None,
            },
        )
        .expect("set");
        assert_eq!(s.settings().expect("get"), new);
        assert!(
            crate::operation::apply(
                &s,
                &crate::operation::Operation::Office {
                    office: None,
                    settings: Some(Settings {
                        warn_days: -1,
                        ..new
                    }),
                    caseload_only: None,
                    export_group: None,
                }
            )
            .is_err()
        );
    }

    #[test]
    fn office_edit_from_a_stale_screen_is_refused() {
        let (_dir, s) = store();
        let mut o = s.office().expect("office");
        assert_eq!(o.version, 0);
        o.handover_responsible = "佐藤".to_string();
        crate::operation::apply(
            &s,
            &crate::operation::Operation::Office {
                office: Some(Box::new(o.clone())),
                settings: None,
                caseload_only: None,
                export_group: None,
            },
        )
        .expect("first save");
        let v = s.office().expect("office").version;
        assert_eq!(s.office().expect("office").handover_responsible, "佐藤");
        // `o` still carries version 0: someone saved since.
        let err = crate::operation::apply(
            &s,
            &crate::operation::Operation::Office {
                office: Some(Box::new(o.clone())),
                settings: None,
                caseload_only: None,
                export_group: None,
            },
        )
        .expect_err("stale");
        assert!(matches!(err, StoreError::Stale { current_version, .. } if current_version == v));
    }

    #[test]
    fn office_texts_with_an_escape_or_a_page_of_text_are_refused_and_nothing_saved() {
        let (_dir, s) = store();
        for (field, o) in [
            (
                "office_name",
                Office {
                    name: "事業所\u{1b}]0;x\u{7}".into(),
                    ..Office::default()
                },
            ),
            (
                "handover_guideline",
                Office {
                    handover_guideline: "共有\u{200b}フォルダ".into(),
                    ..Office::default()
                },
            ),
            (
                "handover_responsible",
                Office {
                    handover_responsible: "佐".repeat(201),
                    ..Office::default()
                },
            ),
        ] {
            match crate::operation::apply(
                &s,
                &crate::operation::Operation::Office {
                    office: Some(Box::new(o.clone())),
                    settings: None,
                    caseload_only: None,
                    export_group: None,
                },
            ) {
                Err(StoreError::Rules { problems, .. }) => assert_eq!(problems[0].field, field),
                other => panic!("{field}: {other:?}"),
            }
        }
        assert_eq!(s.office().expect("office"), Office::default());
    }

    #[test]
    fn staff_upsert_replaces_by_login() {
        let (_dir, s) = store();
        let mut st = Staff {
            login: "tanaka".into(),
            display_name: "田中".into(),
            role: Role::CaseWorker,
            basic_training: None,
            fte_percent: None,
            joined: None,
            left: None,
            fte_history: Vec::new(),
        };
        crate::operation::apply(&s, &crate::operation::Operation::AddStaff(st.clone()))
            .expect("insert");
        st.role = Role::Coordinator;
        crate::operation::apply(&s, &crate::operation::Operation::EditStaff(st.clone()))
            .expect("update");
        assert_eq!(s.list_staff().expect("list"), vec![st]);
        s.remove_staff("tanaka").expect("remove");
        assert!(s.list_staff().expect("list").is_empty());
    }

    #[test]
    fn agencies_are_added_listed_and_deleted() {
        let (_dir, s) = store();
        let a = Agency {
            id: None,
            kind: AgencyKind::HelloWork,
            name: "ハローワーク○○".into(),
            contact: "03-0000-0000".into(),
        };
        let id = s.add_agency(&a).expect("add");
        let listed = s.list_agencies().expect("list");
        assert_eq!(listed, vec![Agency { id: Some(id), ..a }]);
        s.delete_agency(id).expect("delete");
        assert!(s.list_agencies().expect("list").is_empty());
    }
}
