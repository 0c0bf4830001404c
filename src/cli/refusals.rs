//! A refusal said with what the person may do instead. The store refuses
//! for a role or a caseload (crate::access); the command line adds, for
//! the person who was refused, the command lines they may run — with
//! their own login filled in — and whom to ask for the rest.

use crate::access::{Permission, Refusal};
use crate::store::StoreError;
use crate::text::for_display;

/// One thing the person may run instead: what it does, and the command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Instead {
    pub what: String,
    pub command: String,
}

impl Instead {
    pub(super) fn new(what: impl Into<String>, command: impl Into<String>) -> Instead {
        Instead {
            what: what.into(),
            command: command.into(),
        }
    }
}

/// What a person with `login` refused `p` may run instead, whatever
/// command was refused (a command adds its own first, `explain_with`).
fn instead_of(p: Permission, login: &str) -> Vec<Instead> {
    let me = for_display(login);
    match p {
        Permission::ViewAudit => vec![Instead::new(
            "自分が行った操作の記録を見る",
            "teichaku audit --mine",
        )],
        Permission::ManageStaff => vec![Instead::new("職員の一覧を見る", "teichaku staff list")],
        Permission::ManageSettings => {
            vec![Instead::new("今の設定を見る", "teichaku settings")]
        }
        Permission::ViewFigures | Permission::OthersCaseload => vec![
            Instead::new(
                "自分の担当の期限を一覧する",
                format!("teichaku due --staff {me}"),
            ),
            Instead::new(
                "自分の担当の期限をまとめて見る",
                format!("teichaku agenda --staff {me}"),
            ),
        ],
        // The refused command's own line says these (`explain_with`'s
        // `first`); there is no other command that does the same.
        Permission::RecordForOthers
        | Permission::ExportOffice
        | Permission::Import
        | Permission::Backup
        | Permission::Restore => Vec::new(),
    }
}

/// The refusal's message, then what `login` may run instead (`first`: the
/// refused command's own alternatives), then whom to ask.
pub(super) fn explain_with(r: &Refusal, login: &str, first: &[Instead]) -> String {
    let mut out = r.to_string();
    let (mut may, ask) = match r {
        Refusal::Role { permission, .. } => {
            let roles: Vec<&str> = permission.roles().iter().map(|r| r.label()).collect();
            (
                instead_of(*permission, login),
                Some(format!(
                    "{}が必要なときは、{}に依頼してください。",
                    permission.label(),
                    roles.join("・")
                )),
            )
        }
        Refusal::Caseload { .. } | Refusal::Unreachable { .. } => (
            instead_of(Permission::OthersCaseload, login),
            Some("担当外の利用者のことは、担当者かサービス管理責任者に依頼してください。".into()),
        ),
        // Already says whom to ask and how.
        Refusal::NotStaff { .. } => (Vec::new(), None),
    };
    may.splice(0..0, first.iter().cloned());
    if !may.is_empty() {
        out.push_str("\nあなたにできること:");
        for i in &may {
            out.push_str(&format!("\n  {}: {}", i.what, i.command));
        }
    }
    if let Some(ask) = ask {
        out.push('\n');
        out.push_str(&ask);
    }
    out
}

/// A store error for the person at the terminal: a refusal with what
/// they may do instead, anything else as the store says it.
pub(super) fn store_message(e: &StoreError, first: &[Instead]) -> String {
    match e {
        StoreError::Refused(r) => explain_with(r, &crate::store::os_login(), first),
        e => e.to_string(),
    }
}

/// `store_message` with `first` said only when `e` refuses `p` for the
/// person's role (another refusal, of a client say, has its own).
pub(super) fn refused_for(e: &StoreError, p: Permission, first: &[Instead]) -> String {
    match e {
        StoreError::Refused(Refusal::Role { permission, .. }) if *permission == p => {
            store_message(e, first)
        }
        e => store_message(e, &[]),
    }
}

/// The command line as the person typed it (`teichaku` and its
/// arguments), without `drop` and its value, with `add` at the end:
/// quoted for a shell where needed, so it can be pasted back.
pub(super) fn typed_with(drop: &str, add: &[&str]) -> String {
    let mut words = vec!["teichaku".to_string()];
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == drop {
            args.next();
            continue;
        }
        if a.strip_prefix(drop).is_some_and(|v| v.starts_with('=')) {
            continue;
        }
        words.push(quoted(&a));
    }
    words.extend(add.iter().map(|a| a.to_string()));
    words.join(" ")
}

/// `a` as a shell reads it back: as it is when plain, else in single quotes.
fn quoted(a: &str) -> String {
    let plain = !a.is_empty()
        && a.chars()
            .all(|c| !c.is_whitespace() && !"'\"\\$`!*?[]{}()<>|&;#~".contains(c));
    let shown = for_display(a);
    if plain {
        shown.into_owned()
    } else {
        format!("'{}'", shown.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Role;

    #[test]
    fn a_case_worker_refused_the_audit_is_shown_their_own() {
        let r = Refusal::Role {
            permission: Permission::ViewAudit,
            role: Role::CaseWorker,
        };
        let m = explain_with(&r, "tanaka", &[]);
        assert!(m.starts_with(&r.to_string()), "{m}");
        assert!(
            m.contains(
                "あなたにできること:\n  自分が行った操作の記録を見る: teichaku audit --mine"
            ),
            "{m}"
        );
        assert!(
            m.ends_with("操作記録（監査ログ）の閲覧が必要なときは、管理者に依頼してください。"),
            "{m}"
        );
    }

    #[test]
    fn the_refused_commands_own_alternative_comes_first_with_the_login_filled_in() {
        let r = Refusal::Role {
            permission: Permission::ViewFigures,
            role: Role::CaseWorker,
        };
        let first = [Instead::new("先にこれ", "teichaku x")];
        let m = explain_with(&r, "suzuki", &first);
        let x = m.find("teichaku x").expect("first");
        let due = m.find("teichaku due --staff suzuki").expect("due");
        assert!(x < due, "{m}");
        assert!(m.contains("teichaku agenda --staff suzuki"), "{m}");
        assert!(m.contains("サービス管理責任者・管理者に依頼"), "{m}");
    }

    #[test]
    fn someone_elses_client_points_to_ones_own_and_a_stranger_only_to_the_admins() {
        let m = explain_with(
            &Refusal::Caseload {
                client: "D00001 山田 太郎".into(),
            },
            "tanaka",
            &[],
        );
        assert!(m.contains("teichaku due --staff tanaka"), "{m}");
        let r = Refusal::NotStaff {
            login: "guest".into(),
            admins: vec!["小林 誠（kobayashi）".into()],
        };
        assert_eq!(explain_with(&r, "guest", &[]), r.to_string());
    }

    #[test]
    fn words_a_shell_would_split_or_expand_are_quoted() {
        assert_eq!(quoted("--month"), "--month");
        assert_eq!(quoted("レポート 10月"), "'レポート 10月'");
        assert_eq!(quoted("it's"), r"'it'\''s'");
        assert_eq!(quoted("$HOME"), "'$HOME'");
        assert_eq!(quoted(""), "''");
    }
}
