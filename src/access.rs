//! Who may do what: the three roles of an office and the actions they gate.
//!
//! Pure: the store resolves a login to a `Standing` (from the `staff`
//! table and the file's owner) and asks `allows`; the CLI and the TUI only
//! show the refusal. Most daily work (clients, contacts, reports, plans,
//! 対象外, 終結, a client's documents) is open to every member of staff;
//! what is gated is what reaches the whole office or the office's set-up.

use std::fmt;

use crate::model::Role;

/// An action only some roles may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Add, change or remove staff (`teichaku staff`).
    ManageStaff,
    /// Change the office settings (`teichaku settings KEY VALUE`).
    ManageSettings,
    /// Import records into an existing office database.
    Import,
    /// Copy the whole database (`teichaku backup`).
    Backup,
    /// Replace the database with a copy (`teichaku restore`).
    Restore,
    /// Read everyone's audit trail (`teichaku audit`); one's own changes
    /// (`audit --mine`) are anyone's.
    ViewAudit,
    /// Export every client's records at once (`teichaku export` without
    /// `--client`).
    ExportOffice,
    /// Record a contact with another worker as 記録者 (`--staff`).
    RecordForOthers,
    /// See and change clients assigned to other workers while the office
    /// limits 支援員 to their own caseload.
    OthersCaseload,
    /// The office figures (`teichaku figures`): 就労定着率, staffing, 減算
    /// risks, the 加算 and billing readiness of the whole office.
    ViewFigures,
}

impl Permission {
    /// What the permission allows, for refusals ("…できるのは…").
    pub fn label(self) -> &'static str {
        match self {
            Permission::ManageStaff => "職員の登録・変更",
            Permission::ManageSettings => "事業所の設定の変更",
            Permission::Import => "既存のデータベースへの取り込み",
            Permission::Backup => "バックアップ",
            Permission::Restore => "バックアップからの復元",
            Permission::ViewAudit => "全員の操作記録（監査ログ）の閲覧",
            Permission::ExportOffice => "事業所全体の書き出し",
            Permission::RecordForOthers => "他の職員を記録者とする記録",
            Permission::OthersCaseload => "担当外の利用者の閲覧・記録",
            Permission::ViewFigures => "事業所の実績（就労定着率・人員・減算・加算・請求）の閲覧",
        }
    }

    /// The roles that hold it.
    pub fn roles(self) -> &'static [Role] {
        match self {
            Permission::ManageStaff
            | Permission::ManageSettings
            | Permission::Import
            | Permission::Backup
            | Permission::Restore
            | Permission::ViewAudit => &[Role::Admin],
            Permission::ExportOffice
            | Permission::RecordForOthers
            | Permission::OthersCaseload
            | Permission::ViewFigures => &[Role::Coordinator, Role::Admin],
        }
    }
}

/// Does `role` hold `p`?
pub fn allows(role: Role, p: Permission) -> bool {
    p.roles().contains(&role)
}

/// How a login stands in an office database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// Registered in `staff` with this role.
    Staff(Role),
    /// Not registered, but owns the database file: treated as 管理者 (the
    /// owner can read and replace the file anyway; this is how a database
    /// made before staff were registered, or a demo, is set up).
    Owner,
    /// Not registered and not the owner: refused.
    Unknown,
}

impl Standing {
    /// Resolves a login: its registered role wins; else the file's owner is
    /// 管理者; else unknown.
    pub fn resolve(registered: Option<Role>, owns_file: bool) -> Standing {
        match (registered, owns_file) {
            (Some(role), _) => Standing::Staff(role),
            (None, true) => Standing::Owner,
            (None, false) => Standing::Unknown,
        }
    }

    /// The role the program acts with (`None`: refused).
    pub fn role(&self) -> Option<Role> {
        match self {
            Standing::Staff(r) => Some(*r),
            Standing::Owner => Some(Role::Admin),
            Standing::Unknown => None,
        }
    }
}

/// A refusal, worded for the person refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The login is not staff of this office.
    NotStaff {
        login: String,
        /// "表示名 (login)" of the office's 管理者, to ask.
        admins: Vec<String>,
    },
    /// The login's role does not hold the permission.
    Role { permission: Permission, role: Role },
    /// The office limits 支援員 to their own caseload and this client is
    /// someone else's.
    Caseload { client: String },
    /// The office limits 支援員 to their own caseload, and this office id
    /// (as typed) names no client of theirs: whether it names someone
    /// else's is not said.
    Unreachable { client: String },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::NotStaff { login, admins } => {
                write!(
                    f,
                    "ログイン「{}」はこの事業所の職員として登録されていません。何も変更していません。",
                    crate::text::for_display(login)
                )?;
                if admins.is_empty() {
                    write!(
                        f,
                        "管理者がまだ登録されていません。データベースファイルの所有者が `teichaku staff add` で登録してください。"
                    )
                } else {
                    let names: Vec<String> = admins
                        .iter()
                        .map(|a| crate::text::for_display(a).into_owned())
                        .collect();
                    write!(
                        f,
                        "管理者の{}に `teichaku staff add` での登録を依頼してください。",
                        names.join("、")
                    )
                }
            }
            Refusal::Role { permission, role } => {
                let who: Vec<&str> = permission.roles().iter().map(|r| r.label()).collect();
                write!(
                    f,
                    "{}ができるのは{}です（あなたの役割: {}）。何も変更していません。",
                    permission.label(),
                    who.join("・"),
                    role.label()
                )
            }
            Refusal::Unreachable { client } => write!(
                f,
                "利用者 ID「{}」は見つからないか、あなたの担当ではありません（この事業所では支援員は担当の利用者だけを扱う設定です）。ID を確かめてください。何も変更していません。",
                crate::text::as_typed(client)
            ),
            Refusal::Caseload { client } => write!(
                f,
                "{}はあなたの担当ではありません（この事業所では支援員は担当の利用者だけを扱う設定です）。何も変更していません。",
                crate::text::for_display(client)
            ),
        }
    }
}

/// May a worker with `role` see or record for a client assigned to
/// `assigned`? Only limited when the office chose `caseload_only`.
pub fn may_serve(role: Role, login: &str, caseload_only: bool, assigned: Option<&str>) -> bool {
    !caseload_only || allows(role, Permission::OthersCaseload) || assigned == Some(login)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_gate_is_held_by_the_admin_and_none_only_by_case_workers() {
        let all = [
            Permission::ManageStaff,
            Permission::ManageSettings,
            Permission::Import,
            Permission::Backup,
            Permission::Restore,
            Permission::ViewAudit,
            Permission::ExportOffice,
            Permission::RecordForOthers,
            Permission::OthersCaseload,
            Permission::ViewFigures,
        ];
        for p in all {
            assert!(allows(Role::Admin, p), "{p:?}");
            assert!(!allows(Role::CaseWorker, p), "{p:?}");
        }
        assert!(allows(Role::Coordinator, Permission::ExportOffice));
        assert!(allows(Role::Coordinator, Permission::ViewFigures));
        assert!(!allows(Role::Coordinator, Permission::ManageStaff));
    }

    #[test]
    fn registered_role_wins_over_owning_the_file() {
        assert_eq!(
            Standing::resolve(Some(Role::CaseWorker), true).role(),
            Some(Role::CaseWorker)
        );
        assert_eq!(Standing::resolve(None, true).role(), Some(Role::Admin));
        assert_eq!(Standing::resolve(None, false).role(), None);
    }

    #[test]
    fn caseload_limit_applies_to_case_workers_only_when_chosen() {
        let cw = Role::CaseWorker;
        assert!(may_serve(cw, "tanaka", false, Some("suzuki")));
        assert!(!may_serve(cw, "tanaka", true, Some("suzuki")));
        assert!(!may_serve(cw, "tanaka", true, None));
        assert!(may_serve(cw, "tanaka", true, Some("tanaka")));
        assert!(may_serve(
            Role::Coordinator,
            "nakamura",
            true,
            Some("suzuki")
        ));
    }

    #[test]
    fn refusals_name_the_admins_and_the_roles_that_may() {
        let r = Refusal::NotStaff {
            login: "x\u{1b}]0;t\u{7}".into(),
            admins: vec!["小林 誠（kobayashi）".into()],
        };
        let s = r.to_string();
        assert!(s.contains("管理者の小林 誠（kobayashi）に"), "{s}");
        assert!(!s.contains('\u{1b}'), "{s}");
        let r = Refusal::Role {
            permission: Permission::Import,
            role: Role::CaseWorker,
        };
        assert!(r.to_string().contains("管理者"), "{r}");
    }
}
