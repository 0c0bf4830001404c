//! Where files live: the database and the user's configuration.

use std::path::{Path, PathBuf};

/// `path` with `suffix` added to its file name: a database's side files
/// (`-wal`, `-shm`), its key (`.key`), its damage flag.
pub(crate) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

/// The per-user data directory (`$XDG_DATA_HOME/teichaku`).
pub(crate) fn data_dir() -> PathBuf {
    dirs::data_dir()
        .or_else(|| dirs::home_dir().map(|h| h.join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."))
        .join("teichaku")
}

/// The per-user configuration directory (`$XDG_CONFIG_HOME/teichaku`), if
/// the platform has one (no file is read from the working directory).
pub(crate) fn config_dir() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("teichaku"))
}

/// The per-user state directory (`$XDG_STATE_HOME/teichaku`): what the
/// terminal UI remembers between runs.
pub(crate) fn state_dir() -> PathBuf {
    dirs::state_dir()
        .or_else(|| dirs::home_dir().map(|h| h.join(".local/state")))
        .unwrap_or_else(|| PathBuf::from("."))
        .join("teichaku")
}

/// Default database when neither `--db` nor `TEICHAKU_DB` is given.
pub(crate) fn default_db() -> PathBuf {
    data_dir().join("teichaku.db")
}

/// The demo database used by `--demo`.
pub(crate) fn demo_db() -> PathBuf {
    data_dir().join("demo.db")
}
