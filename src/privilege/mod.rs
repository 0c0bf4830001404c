//! Running as a setgid program on a shared server.
//!
//! In the shared-server deployment (`deploy/install.sh`) the binary is
//! setgid to a group that owns the data folder and that no case worker is
//! in: only the program reaches the database. Three duties follow, and
//! this module keeps them:
//!
//! - the database is the one the administrator configured
//!   (`/etc/teichaku/config.toml`, trusted only when root owns it), never a
//!   path the user names outside its folder (`config`, `confine`);
//! - every file written or read *for the user* (an export, a document, a
//!   backup copy, a file to import or restore) is opened with the user's
//!   own group ([`as_user`]), so it is theirs, and the program cannot be
//!   used to reach places only the group can;
//! - who the user is stays the real uid (`store::os_login`).
//!
//! Without setgid (effective gid = real gid) nothing here changes anything.

mod config;
mod confine;

use std::cell::Cell;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard, OnceLock};

use nix::unistd::{Gid, getegid, getgid, setegid};

pub(crate) use config::{CONFIG_PATH, Deployment};

/// The gids the process started with. Read once, before anything drops the
/// group: after a drop the effective gid no longer tells.
#[derive(Debug, Clone, Copy)]
struct Gids {
    real: Gid,
    effective: Gid,
}

static GIDS: OnceLock<Gids> = OnceLock::new();

/// Serialises the group switch: setegid changes every thread of the
/// process, so a thread opening the database (the TUI's loader) must not
/// do it while another writes a user's file with the group dropped.
static SWITCH: Mutex<()> = Mutex::new(());

thread_local! {
    /// This thread holds `SWITCH` (inside `as_user` or `with_group`): an
    /// inner call is then a no-op instead of a deadlock.
    static HOLDING: Cell<bool> = const { Cell::new(false) };
}

fn gids() -> Gids {
    *GIDS.get_or_init(|| Gids {
        real: getgid(),
        effective: getegid(),
    })
}

/// Records the start-up gids and sets the umask. Call first thing in
/// `main`'s path, before any thread starts.
pub(crate) fn init() {
    gids();
    nix::sys::stat::umask(office_umask(nix::sys::stat::umask(
        nix::sys::stat::Mode::empty(),
    )));
}

/// The umask the program runs with: the group's bits cleared, the others'
/// set. SQLite creates the -wal and -shm with the database's mode, but
/// through the umask first and a chmod after: under umask 022 another
/// process opening them in between finds them not group-writable and
/// fails ("attempt to write a readonly database"). Every file the program
/// makes for a person sets its own mode (0600, 0640), which no umask
/// widens; others never get a bit.
fn office_umask(old: nix::sys::stat::Mode) -> nix::sys::stat::Mode {
    use nix::sys::stat::Mode;
    (old - Mode::S_IRWXG) | Mode::S_IRWXO
}

/// Whether the program runs setgid (effective gid ≠ real gid at start).
pub(crate) fn is_setgid() -> bool {
    let g = gids();
    g.real != g.effective
}

/// The user's own group for a while: dropped on creation, the program's
/// group restored when this is dropped (an error path included).
#[must_use = "the group is restored when the guard is dropped"]
pub(crate) struct AsUser {
    held: Option<Held>,
}

/// The lock and the group to go back to.
struct Held {
    back_to: Gid,
    _lock: MutexGuard<'static, ()>,
}

impl Drop for AsUser {
    fn drop(&mut self) {
        if let Some(h) = self.held.take() {
            // If this fails the process stays with the user's group: every
            // later database access fails (refused, not widened).
            let _ = setegid(h.back_to);
            HOLDING.with(|c| c.set(false));
            // `h._lock` is released here, after the group is back.
        }
    }
}

/// Drops the program's group (setgid) until the guard is dropped: files
/// created meanwhile belong to the user's group, and only what the user
/// may reach is reached. A no-op without setgid, or inside another guard.
pub(crate) fn as_user() -> Result<AsUser, String> {
    let g = gids();
    if g.real == g.effective || HOLDING.with(Cell::get) {
        return Ok(AsUser { held: None });
    }
    let lock = SWITCH.lock().unwrap_or_else(|p| p.into_inner());
    setegid(g.real).map_err(|e| {
        format!("利用者の権限に切り替えられないため、ファイルを書き出していません（{e}）。管理者に連絡してください。")
    })?;
    HOLDING.with(|c| c.set(true));
    Ok(AsUser {
        held: Some(Held {
            back_to: g.effective,
            _lock: lock,
        }),
    })
}

/// Runs `f` with the program's group in force for its whole run, so no
/// other thread drops it meanwhile: for opening the database, when SQLite
/// opens its files.
pub(crate) fn with_group<T>(f: impl FnOnce() -> T) -> T {
    if !is_setgid() || HOLDING.with(Cell::get) {
        return f();
    }
    let _lock = SWITCH.lock().unwrap_or_else(|p| p.into_inner());
    HOLDING.with(|c| c.set(true));
    let out = f();
    HOLDING.with(|c| c.set(false));
    out
}

/// Under setgid: the configured deployment (an error if the configuration
/// cannot be trusted or read). Without setgid: `None`, and every path is
/// the user's business as before.
pub(crate) fn deployment() -> Result<Option<Deployment>, String> {
    if !is_setgid() {
        return Ok(None);
    }
    config::load(std::path::Path::new(CONFIG_PATH)).map(Some)
}

/// Whether this login may create the office's database. Under setgid only
/// root (at set-up) and the logins the configuration names as `admins`
/// may: whoever creates it becomes its first 管理者. Without setgid,
/// anyone may create a file of their own.
pub(crate) fn may_create(login: &str) -> Result<(), String> {
    let Some(d) = deployment()? else {
        return Ok(());
    };
    if nix::unistd::getuid().is_root() || d.admins.iter().any(|a| a == login) {
        return Ok(());
    }
    Err(format!(
        "事業所のデータベース {} はまだありません。作成できるのは管理者（{}）だけです。何も作成していません。管理者に連絡してください。",
        crate::text::for_display(&d.database().display().to_string()),
        if d.admins.is_empty() {
            "root".to_string()
        } else {
            crate::text::for_display(&d.admins.join("、")).into_owned()
        }
    ))
}

/// The database to open: under setgid the configured one, which `--db` or
/// `TEICHAKU_DB` may name (through a symlink, say) but never replace;
/// otherwise what was asked, or `default`.
pub(crate) fn database(
    asked: Option<PathBuf>,
    demo: bool,
    default: impl FnOnce() -> PathBuf,
) -> Result<PathBuf, String> {
    match deployment()? {
        None => Ok(asked.unwrap_or_else(default)),
        Some(d) => match asked {
            None => Ok(d.database()),
            Some(p) => d.confine(&p, demo),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_umask_never_masks_the_group_and_always_the_others() {
        use nix::sys::stat::Mode;
        let m = |bits| Mode::from_bits_truncate(bits);
        assert_eq!(office_umask(m(0o022)), m(0o007));
        assert_eq!(office_umask(m(0o077)), m(0o007));
        assert_eq!(office_umask(m(0o002)), m(0o007));
        assert_eq!(office_umask(m(0o027)), m(0o007));
        // The owner's bits are the person's choice and stay.
        assert_eq!(office_umask(m(0o222)), m(0o207));
    }

    #[test]
    fn without_setgid_the_guards_change_nothing() {
        // The tests do not run setgid; the guard must then be free and
        // leave the effective gid as it was.
        assert!(!is_setgid());
        let before = getegid();
        {
            let _g = as_user().expect("no-op");
            let _inner = as_user().expect("nested no-op");
            assert_eq!(getegid(), before);
        }
        assert_eq!(with_group(getegid), before);
        assert_eq!(
            database(None, false, || PathBuf::from("/x/t.db")).expect("path"),
            PathBuf::from("/x/t.db")
        );
        assert_eq!(
            database(Some("/y/u.db".into()), false, || PathBuf::from("/x")).expect("path"),
            PathBuf::from("/y/u.db")
        );
    }
}
