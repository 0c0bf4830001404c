//! The shared-group set-up (no setgid program; the staff share one group):
//! what goes wrong with the database's side files, said plainly.
//!
//! SQLite makes `-wal` and `-shm` beside the database, owned by whoever
//! opened it first, in that person's group unless the folder is setgid.
//! A side file another person cannot open makes the database unusable for
//! them, with SQLite's bare "unable to open database file". So when opening
//! or writing is refused, the files are looked at and the message names
//! the file, whose it is, and the command that fixes it; `check` reports
//! the same problems before they bite.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use nix::unistd::{Gid, Group, Uid, User, getegid, getgroups, getuid};

use crate::store::StoreError;
use crate::text::for_display;

/// What access is decided on: owner, group, mode (with the setgid bit).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Meta {
    pub uid: u32,
    pub gid: u32,
    pub mode: u32,
}

/// The person asking: real uid, and the groups the kernel checks
/// (effective and supplementary).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Me {
    pub uid: u32,
    pub gids: Vec<u32>,
}

/// The database's folder, the file and its side files, as found (`None`:
/// not there).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Facts {
    pub dir: Option<Meta>,
    pub db: Option<Meta>,
    pub wal: Option<Meta>,
    pub shm: Option<Meta>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Wal,
    Shm,
}

impl Side {
    fn suffix(self) -> &'static str {
        match self {
            Side::Wal => "-wal",
            Side::Shm => "-shm",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Finding {
    /// This person cannot open a side file (left by a killed process, or
    /// made in someone's private group): the database is unusable to them.
    Unreachable(Side),
    /// The folder is shared by its group but not setgid: each person's
    /// side files get their private group.
    FolderNotSetgid,
    /// A side file's group is not the database's.
    OtherGroup(Side),
    /// A side file the group cannot read and write.
    NotGroupWritable(Side),
}

const SETGID: u32 = 0o2000;

/// Whether `me` may read and write a file of `m` (the kernel's rule:
/// owner bits, else group bits, else the others' bits; root may).
pub(crate) fn can_read_write(m: Meta, me: &Me) -> bool {
    let bits = if me.uid == 0 {
        return true;
    } else if m.uid == me.uid {
        m.mode >> 6
    } else if me.gids.contains(&m.gid) {
        m.mode >> 3
    } else {
        m.mode
    };
    bits & 0o6 == 0o6
}

/// Everything wrong with the set-up as `me` sees it, the problems that
/// stop `me` first.
pub(crate) fn diagnose(f: &Facts, me: &Me) -> Vec<Finding> {
    let mut found = Vec::new();
    let sides = [(Side::Wal, f.wal), (Side::Shm, f.shm)];
    for (side, m) in sides {
        if m.is_some_and(|m| !can_read_write(m, me)) {
            found.push(Finding::Unreachable(side));
        }
    }
    // The rest matters only where the group shares the database.
    let Some(db) = f.db.filter(|db| db.mode & 0o060 == 0o060) else {
        return found;
    };
    if f.dir
        .is_some_and(|d| d.mode & 0o020 != 0 && d.mode & SETGID == 0)
    {
        found.push(Finding::FolderNotSetgid);
    }
    for (side, m) in sides {
        let Some(m) = m else { continue };
        if found.contains(&Finding::Unreachable(side)) {
            continue; // its message says all of it
        }
        if m.gid != db.gid {
            found.push(Finding::OtherGroup(side));
        } else if m.mode & 0o060 != 0o060 {
            found.push(Finding::NotGroupWritable(side));
        }
    }
    found
}

/// Names for ids (the OS's, or a test's).
pub(crate) struct Names<'a> {
    pub user: &'a dyn Fn(u32) -> String,
    pub group: &'a dyn Fn(u32) -> String,
}

/// One finding as a sentence: which file, whose, and the command that
/// fixes it (and who may run it).
pub(crate) fn describe(
    finding: Finding,
    db_path: &Path,
    f: &Facts,
    me: &Me,
    names: &Names<'_>,
) -> String {
    let side_path = |s: Side| for_display(&side(db_path, s).display().to_string()).into_owned();
    let side_meta = |s: Side| match s {
        Side::Wal => f.wal,
        Side::Shm => f.shm,
    };
    let owner = |m: Meta| {
        if m.uid == me.uid {
            "あなた".to_string()
        } else {
            format!("{}さん", (names.user)(m.uid))
        }
    };
    let db_group = f.db.map(|d| (names.group)(d.gid)).unwrap_or_default();
    match finding {
        Finding::Unreachable(side) => {
            let (path, m) = (side_path(side), side_meta(side).unwrap_or_default());
            format!(
                "作業ファイル {path} は{}のファイル（グループ {}、mode {:04o}）で、あなた（{}）は読み書きできません。teichaku が強制終了されたときに残ったものかもしれません。消さないでください（まだデータベースに入っていない変更が入っていることがあります）。直すには（{}か管理者が）: chgrp {db_group} '{path}' && chmod g+rw '{path}'",
                owner(m),
                (names.group)(m.gid),
                m.mode & 0o7777,
                (names.user)(me.uid),
                owner(m),
            )
        }
        Finding::FolderNotSetgid => {
            let dir = db_path
                .parent()
                .map(|d| for_display(&d.display().to_string()).into_owned())
                .unwrap_or_default();
            format!(
                "フォルダ {dir} はグループで共有されていますが setgid ビットがありません。そのため各自が作る作業ファイル（-wal・-shm）がその人の個人グループになり、他の人が開けなくなります。直すには（管理者が）: chmod g+s '{dir}'"
            )
        }
        Finding::OtherGroup(side) => {
            let (path, m) = (side_path(side), side_meta(side).unwrap_or_default());
            format!(
                "作業ファイル {path} のグループが {}（{}のファイル）で、データベースのグループ {db_group} と違います。直すには（{}か管理者が）: chgrp {db_group} '{path}'",
                (names.group)(m.gid),
                owner(m),
                owner(m),
            )
        }
        Finding::NotGroupWritable(side) => {
            let (path, m) = (side_path(side), side_meta(side).unwrap_or_default());
            format!(
                "作業ファイル {path}（{}のファイル、mode {:04o}）はグループで読み書きできません。直すには（{}か管理者が）: chmod g+rw '{path}'",
                owner(m),
                m.mode & 0o7777,
                owner(m),
            )
        }
    }
}

/// The message for a refused open or write: the findings that explain it,
/// or `None` when the files do not (the original error stands).
pub(crate) fn explain_refusal(
    db_path: &Path,
    f: &Facts,
    me: &Me,
    names: &Names<'_>,
) -> Option<String> {
    let found = diagnose(f, me);
    if !found.iter().any(|x| matches!(x, Finding::Unreachable(_))) {
        return None;
    }
    let lines: Vec<String> = found
        .into_iter()
        .map(|x| format!("・{}", describe(x, db_path, f, me, names)))
        .collect();
    Some(format!(
        "データベース {} を開けません。\n{}",
        for_display(&db_path.display().to_string()),
        lines.join("\n")
    ))
}

// The shell: the real files, the real person, the OS's names.

fn meta(p: &Path) -> Option<Meta> {
    fs::metadata(p).ok().map(|m| Meta {
        uid: m.uid(),
        gid: m.gid(),
        mode: m.mode(),
    })
}

fn side(db: &Path, s: Side) -> PathBuf {
    crate::paths::with_suffix(db, s.suffix())
}

pub(crate) fn facts(db: &Path) -> Facts {
    Facts {
        dir: db
            .parent()
            .map(|d| {
                if d.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    d
                }
            })
            .and_then(meta),
        db: meta(db),
        wal: meta(&side(db, Side::Wal)),
        shm: meta(&side(db, Side::Shm)),
    }
}

pub(crate) fn me() -> Me {
    let mut gids = vec![getegid().as_raw()];
    gids.extend(getgroups().unwrap_or_default().into_iter().map(Gid::as_raw));
    Me {
        uid: getuid().as_raw(),
        gids,
    }
}

pub(super) fn user_name(uid: u32) -> String {
    match User::from_uid(Uid::from_raw(uid)) {
        Ok(Some(u)) => for_display(&u.name).into_owned(),
        _ => format!("uid {uid}"),
    }
}

pub(super) fn group_name(gid: u32) -> String {
    match Group::from_gid(Gid::from_raw(gid)) {
        Ok(Some(g)) => for_display(&g.name).into_owned(),
        _ => gid.to_string(),
    }
}

const OS_NAMES: Names<'static> = Names {
    user: &user_name,
    group: &group_name,
};

/// A permission error on `db` explained by its files, when they explain it.
pub(crate) fn explain(db: &Path, e: StoreError) -> StoreError {
    match e {
        StoreError::Permission(_) | StoreError::ReadOnly(_) => {
            match explain_refusal(db, &facts(db), &me(), &OS_NAMES) {
                Some(why) => StoreError::Sharing(why),
                // Not the shared set-up: the file, its folder or the disk.
                None => super::denied::explain(db, e),
            }
        }
        e => e,
    }
}

/// `check`'s warnings: the set-up's problems as this person sees them.
pub(crate) fn warnings(db: &Path) -> Vec<String> {
    let (f, me) = (facts(db), me());
    diagnose(&f, &me)
        .into_iter()
        .map(|x| describe(x, db, &f, &me, &OS_NAMES))
        .collect()
}

#[cfg(test)]
#[path = "sharing_tests.rs"]
mod tests;
