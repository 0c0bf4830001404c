//! Who besides its owner may read a file written for the user. Nobody
//! (0600) unless the office names a group for exports (`export_group`)
//! and the user is in it (0640, in that group): an export holds a
//! client's 要配慮個人情報, and sharing the user's primary group (often
//! everyone's on a shared server) does not make a colleague one who may
//! read every client's records.

use std::fs::{File, Permissions};
use std::os::unix::fs::PermissionsExt;

use nix::unistd::{Gid, Group, getgid, getgroups};

/// Mode of a file only its owner reads.
const OWNER_ONLY: u32 = 0o600;
/// Mode of a file its group reads too.
const GROUP_READS: u32 = 0o640;

/// The readers of a file: its owner, and perhaps one group.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Readers {
    /// The group's id and name.
    group: Option<(u32, String)>,
}

impl Readers {
    /// The owner alone (0600).
    pub(crate) fn owner() -> Readers {
        Readers::default()
    }

    /// The file's mode.
    pub(crate) fn mode(&self) -> u32 {
        if self.group.is_some() {
            GROUP_READS
        } else {
            OWNER_ONLY
        }
    }

    /// The group that reads too, if any.
    #[cfg(test)]
    pub(crate) fn group(&self) -> Option<&str> {
        self.group.as_ref().map(|(_, name)| name.as_str())
    }

    /// The readers the office's `export_group` gives this user: the group
    /// when the user is in it; otherwise the owner alone, and what to tell
    /// the user (a group they are not in, or one this server does not
    /// have, is never given their files).
    pub(crate) fn for_office(export_group: Option<&str>) -> (Readers, Option<String>) {
        let Some(name) = export_group.map(str::trim).filter(|g| !g.is_empty()) else {
            return (Readers::owner(), None);
        };
        let shown = crate::text::as_typed(name);
        let why = match Group::from_name(name) {
            Ok(Some(g)) if is_member(g.gid) => {
                return (
                    Readers {
                        group: Some((g.gid.as_raw(), name.to_string())),
                    },
                    None,
                );
            }
            Ok(Some(_)) => "あなたはこのグループに入っていない",
            Ok(None) | Err(_) => "このグループがこのサーバーにない",
        };
        (
            Readers::owner(),
            Some(format!(
                "注意: 書き出したファイルを読めるグループ（設定 export_group）は「{shown}」ですが、{why}ため、ファイルはあなただけが読める 0600 で作ります。グループでも読めるようにするには、サーバーの管理者に相談してください。"
            )),
        )
    }

    /// Gives the open file its group and mode (the mode explicitly: the
    /// umask may have taken bits off, an old file had its own).
    pub(super) fn apply(&self, f: &File, shown: &str) -> Result<(), String> {
        if let Some((gid, name)) = &self.group {
            std::os::unix::fs::fchown(f, None, Some(*gid)).map_err(|e| {
                format!(
                    "{shown} をグループ「{}」で読めるようにできません（{e}）。何も書き出していません。",
                    crate::text::as_typed(name)
                )
            })?;
        }
        f.set_permissions(Permissions::from_mode(self.mode()))
            .map_err(|e| format!("{shown} の権限を設定できません（{e}）。何も書き出していません。"))
    }
}

/// Whether the user (the real gid and the supplementary groups: never
/// the program's setgid group) is in group `gid`.
fn is_member(gid: Gid) -> bool {
    getgid() == gid || getgroups().is_ok_and(|all| all.contains(&gid))
}

/// Whether a group of this name exists on this server (for the setting).
pub(crate) fn group_exists(name: &str) -> bool {
    matches!(Group::from_name(name), Ok(Some(_)))
}
