//! Who the person at the keyboard is in this office: their standing (from
//! `staff` and the file's owner, resolved once at open), the permission
//! checks every gated use case makes, and the office's caseload limit.

use std::os::unix::fs::MetadataExt;
use std::path::Path;

use rusqlite::{Connection, OptionalExtension};

use crate::access::{self, Permission, Refusal, Standing};
use crate::model::{ClientId, Role};
use crate::store::{Store, StoreError};

/// The login's standing in the file at `path` (one query on `staff`).
pub(in crate::store) fn standing(
    conn: &Connection,
    path: &Path,
    login: &str,
) -> Result<Standing, StoreError> {
    let registered: Option<String> = conn
        .query_row("SELECT role FROM staff WHERE login = ?1", [login], |r| {
            r.get(0)
        })
        .optional()?;
    let registered = match registered {
        Some(s) => Some(Role::parse(&s).ok_or_else(|| {
            StoreError::Invalid(format!("職員 {login} の役割「{s}」が読めません。"))
        })?),
        None => None,
    };
    let owns_file = std::fs::metadata(path)
        .map(|m| m.uid() == nix::unistd::getuid().as_raw())
        .unwrap_or(false);
    Ok(Standing::resolve(registered, owns_file))
}

/// Every registered 管理者 as people read them (表示名（login）), for a
/// refusal.
pub(in crate::store) fn admins(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut stmt =
        conn.prepare("SELECT display_name, login FROM staff WHERE role = ?1 ORDER BY login")?;
    let rows = stmt.query_map([Role::Admin.as_str()], |r| {
        let (name, login): (String, String) = (r.get(0)?, r.get(1)?);
        Ok(crate::model::person_label(Some(&name), &login))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

impl Store {
    /// The role the program acts with for this login.
    pub fn role(&self) -> Role {
        self.standing.role().unwrap_or(Role::CaseWorker)
    }

    /// How this login stands (registered, or the file's owner).
    pub fn standing(&self) -> &Standing {
        &self.standing
    }

    /// Refuses unless this login's role holds `p`.
    pub fn require(&self, p: Permission) -> Result<(), StoreError> {
        let role = self.role();
        if access::allows(role, p) {
            Ok(())
        } else {
            Err(StoreError::Refused(Refusal::Role {
                permission: p,
                role,
            }))
        }
    }

    /// Whether the office limits 支援員 to their own caseload.
    pub fn caseload_only(&self) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT caseload_only FROM settings WHERE id = 1", [], |r| {
                r.get::<_, bool>(0)
            })
            .optional()?
            .unwrap_or(false))
    }

    /// The login whose caseload this person is limited to, if the office
    /// limits 支援員 to their own clients and this person is one.
    pub fn caseload_limit(&self) -> Result<Option<&str>, StoreError> {
        if access::allows(self.role(), Permission::OthersCaseload) || !self.caseload_only()? {
            Ok(None)
        } else {
            Ok(Some(self.user()))
        }
    }

    /// The client an office id (`external_id`) names, for this person.
    /// Someone limited to their own caseload gets one answer for an id no
    /// client has and for another worker's client: two answers would tell
    /// them which ids exist. Everyone else is told precisely.
    pub fn reachable_client(&self, external_id: &str) -> Result<ClientId, StoreError> {
        let found = self.client_id(external_id)?;
        match (self.caseload_limit()?, found) {
            (None, Some(id)) => Ok(id),
            (None, None) => Err(StoreError::Invalid(format!(
                "利用者 ID「{}」は登録されていません。ID を確かめてください。",
                crate::text::as_typed(external_id)
            ))),
            (Some(me), Some(id)) if self.assigned_staff(id)?.as_deref() == Some(me) => Ok(id),
            (Some(_), _) => Err(StoreError::Refused(Refusal::Unreachable {
                client: external_id.to_string(),
            })),
        }
    }

    /// Refuses a client assigned to someone else while the office limits
    /// 支援員 to their own caseload.
    pub fn require_serves(&self, assigned: Option<&str>, who: &str) -> Result<(), StoreError> {
        match self.caseload_limit()? {
            Some(me) if assigned != Some(me) => Err(StoreError::Refused(Refusal::Caseload {
                client: who.to_string(),
            })),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Permission;
    use crate::model::Staff;
    use crate::store::test_support::{client_with_employment, store};

    fn member(login: &str, role: Role) -> Staff {
        Staff {
            login: login.into(),
            display_name: format!("{login} さん"),
            role,
            basic_training: None,
            fte_percent: None,
            joined: None,
            left: None,
            fte_history: Vec::new(),
        }
    }

    /// The office of `store()` (owner `tanaka`) with an admin, a
    /// coordinator and two case workers; returns a handle as `login`.
    fn office_as(login: &str) -> (tempfile::TempDir, Store) {
        let (dir, s) = store();
        crate::operation::apply(
            &s,
            &crate::operation::Operation::AddStaff(member("kobayashi", Role::Admin)),
        )
        .expect("admin");
        crate::operation::apply(
            &s,
            &crate::operation::Operation::AddStaff(member("nakamura", Role::Coordinator)),
        )
        .expect("coordinator");
        crate::operation::apply(
            &s,
            &crate::operation::Operation::AddStaff(member("tanaka", Role::CaseWorker)),
        )
        .expect("worker");
        crate::operation::apply(
            &s,
            &crate::operation::Operation::AddStaff(member("suzuki", Role::CaseWorker)),
        )
        .expect("worker");
        let mut me = Store::open_as(&dir.path().join("t.db"), login).expect("open");
        me.set_today(s.today());
        (dir, me)
    }

    #[test]
    fn a_registered_case_worker_is_refused_the_office_set_up_even_as_the_file_owner() {
        let (dir, s) = office_as("tanaka");
        assert_eq!(s.role(), Role::CaseWorker);
        for e in [
            crate::operation::apply(
                &s,
                &crate::operation::Operation::AddStaff(member("sato", Role::CaseWorker)),
            )
            .expect_err("staff"),
            s.remove_staff("suzuki").expect_err("staff"),
            s.set_caseload_only(true).expect_err("settings"),
            crate::operation::apply(
                &s,
                &crate::operation::Operation::Office {
                    office: None,
                    settings: Some(crate::model::Settings::default()),
                    caseload_only: None,
                    export_group: None,
                },
            )
            .expect_err("settings"),
            s.export(None).expect_err("whole office"),
            s.backup_to(&dir.path().join("b.db"), false)
                .expect_err("backup"),
        ] {
            let msg = e.to_string();
            assert!(matches!(e, StoreError::Refused(_)), "{msg}");
            assert!(
                msg.contains("管理者") && msg.contains("就労定着支援員"),
                "{msg}"
            );
        }
        assert!(!dir.path().join("b.db").exists());
        assert_eq!(s.list_staff().expect("list").len(), 4, "nothing changed");
        let (_d, coord) = office_as("nakamura");
        assert!(coord.require(Permission::ExportOffice).is_ok());
        assert!(coord.require(Permission::ManageStaff).is_err());
    }

    #[test]
    fn the_last_admin_cannot_be_removed_or_demoted() {
        let (_dir, s) = office_as("kobayashi");
        let e = s.remove_staff("kobayashi").expect_err("last admin");
        assert!(e.to_string().contains("最後の管理者"), "{e}");
        let e = crate::operation::apply(
            &s,
            &crate::operation::Operation::EditStaff(member("kobayashi", Role::CaseWorker)),
        )
        .expect_err("demoted");
        assert!(e.to_string().contains("最後の管理者"), "{e}");
        crate::operation::apply(
            &s,
            &crate::operation::Operation::EditStaff(member("nakamura", Role::Admin)),
        )
        .expect("second admin");
        s.remove_staff("kobayashi")
            .expect("now another admin remains");
    }

    #[test]
    fn staff_logins_and_names_follow_the_rule_set() {
        let (_dir, s) = office_as("kobayashi");
        for bad in ["", "a b", "-x", "田中", "x\u{1b}[2J", &"a".repeat(33)] {
            let e = crate::operation::apply(
                &s,
                &crate::operation::Operation::AddStaff(member(bad, Role::CaseWorker)),
            )
            .expect_err(bad);
            assert!(matches!(e, StoreError::Rules { .. }), "{bad:?}: {e}");
        }
        let mut m = member("sato", Role::CaseWorker);
        m.display_name = "佐藤\u{202e}".into();
        assert!(
            crate::operation::apply(&s, &crate::operation::Operation::AddStaff(m.clone())).is_err()
        );
        assert!(s.staff_member("sato").expect("read").is_none());
    }

    #[test]
    fn the_caseload_limit_hides_and_refuses_other_workers_clients_from_case_workers_only() {
        let (dir, admin) = office_as("kobayashi");
        let mine = client_with_employment(&admin, "C1");
        let theirs = client_with_employment(&admin, "C2");
        for (id, who) in [(mine, "tanaka"), (theirs, "suzuki")] {
            let mut c = admin.load_client(id).expect("client");
            c.assigned_staff = Some(who.into());
            crate::operation::apply(
                &admin,
                &crate::operation::Operation::EditClient {
                    client: Box::new(c.clone()),
                    conflict: None,
                },
            )
            .expect("assign");
        }
        let mut tanaka = Store::open_as(&dir.path().join("t.db"), "tanaka").expect("open");
        tanaka.set_today(admin.today());
        assert_eq!(tanaka.load_all().expect("all").len(), 2, "no limit yet");
        admin.set_caseload_only(true).expect("limit");
        let seen: Vec<String> = tanaka
            .load_all()
            .expect("all")
            .into_iter()
            .map(|c| c.external_id)
            .collect();
        assert_eq!(seen, ["C1"]);
        let e = tanaka.load_client(theirs).expect_err("someone else's");
        assert!(e.to_string().contains("担当ではありません"), "{e}");
        let e = crate::usecases::client_by_external_id(&tanaka, "C2").expect_err("by id");
        assert!(matches!(e, StoreError::Refused(_)), "{e}");
        // By office id: one answer for a colleague's client and for an id
        // nobody has, or the answer would tell which ids exist.
        assert_eq!(tanaka.reachable_client("C1").expect("mine"), mine);
        let said = |s: &Store, id: &str| {
            s.reachable_client(id)
                .expect_err(id)
                .to_string()
                .replace(id, "<ID>")
        };
        assert_eq!(said(&tanaka, "C2"), said(&tanaka, "C9"));
        assert!(
            said(&tanaka, "C9").contains("見つからないか、あなたの担当ではありません"),
            "{}",
            said(&tanaka, "C9")
        );
        // An id typed with an escape is echoed with it shown, not as
        // another client's id.
        let e = tanaka.reachable_client("C1\u{1b}1").expect_err("not C11");
        assert!(e.to_string().contains("「C1⟨U+001B⟩1」"), "{e}");
        // Who sees every client is told precisely.
        assert_eq!(admin.reachable_client("C2").expect("theirs"), theirs);
        assert!(said(&admin, "C9").contains("登録されていません"));
        let brief = tanaka.load_clients_brief().expect("brief");
        assert_eq!(brief.len(), 1);
        let mut batches = 0;
        tanaka
            .for_each_engine_batch([&[mine, theirs][..]], Default::default(), |cs| {
                batches += cs.len();
                Ok(())
            })
            .expect("batches");
        assert_eq!(batches, 1);
        let nakamura = Store::open_as(&dir.path().join("t.db"), "nakamura").expect("open");
        assert_eq!(
            nakamura.load_all().expect("all").len(),
            2,
            "coordinators see all"
        );
    }

    #[test]
    fn recording_for_someone_else_needs_the_role_and_a_registered_login() {
        let (dir, admin) = office_as("kobayashi");
        let id = client_with_employment(&admin, "C1");
        let contact = |staff: &str| crate::model::Contact {
            id: None,
            version: 0,
            date: chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap_or_default(),
            time: None,
            staff: Some(staff.into()),
            counterpart: crate::model::Counterpart::Client,
            counterpart_detail: String::new(),
            method: crate::model::Method::Video,
            method_detail: String::new(),
            place: crate::model::Place::Other,
            place_detail: String::new(),
            summary: "面談".into(),
            obligations: Vec::new(),
        };
        let mut tanaka = Store::open_as(&dir.path().join("t.db"), "tanaka").expect("open");
        tanaka.set_today(admin.today());
        crate::operation::apply(
            &tanaka,
            &crate::operation::Operation::AddContact {
                client_id: id,
                contact: Box::new(contact("tanaka")),
                intent: None,
            },
        )
        .map(|a| a.record.unwrap_or_default())
        .expect("own");
        let e = crate::operation::apply(
            &tanaka,
            &crate::operation::Operation::AddContact {
                client_id: id,
                contact: Box::new(contact("suzuki")),
                intent: None,
            },
        )
        .map(|a| a.record.unwrap_or_default())
        .expect_err("for another");
        assert!(e.to_string().contains("他の職員を記録者とする記録"), "{e}");
        let e = crate::operation::apply(
            &admin,
            &crate::operation::Operation::AddContact {
                client_id: id,
                contact: Box::new(contact("nobody")),
                intent: None,
            },
        )
        .map(|a| a.record.unwrap_or_default())
        .expect_err("unknown");
        assert!(e.to_string().contains("登録されていません"), "{e}");
        crate::operation::apply(
            &admin,
            &crate::operation::Operation::AddContact {
                client_id: id,
                contact: Box::new(contact("suzuki")),
                intent: None,
            },
        )
        .map(|a| a.record.unwrap_or_default())
        .expect("coordinator");
        assert_eq!(admin.load_client(id).expect("c").contacts.len(), 2);
    }
}
