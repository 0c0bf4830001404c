//! `/etc/teichaku/config.toml`: where the office's data lives, as the
//! administrator configured it. Read only under setgid, only from that
//! fixed path, and only when root owns it and its folders and nobody else
//! can change them: otherwise anyone who could edit it could point the
//! program's group rights anywhere.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The one configuration file a setgid run reads (never from the
/// environment or the user's folders).
pub(crate) const CONFIG_PATH: &str = "/etc/teichaku/config.toml";

/// The database file name when the configuration names none (the same as
/// the per-user default).
const DEFAULT_DATABASE: &str = "teichaku.db";

/// Who owns a file and its permission bits: what trust is decided on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Owner {
    pub uid: u32,
    pub gid: u32,
    pub mode: u32,
}

impl Owner {
    pub(crate) fn of(m: &fs::Metadata) -> Owner {
        Owner {
            uid: m.uid(),
            gid: m.gid(),
            mode: m.mode(),
        }
    }
}

/// Whether a file (or a folder above it) can be trusted to say where the
/// data is: root owns it and no one but root can change it. `Err` is the
/// reason, for the message.
pub(crate) fn trusted(o: Owner) -> Result<(), String> {
    if o.uid != 0 {
        return Err(format!("所有者が root ではありません（uid {}）", o.uid));
    }
    if o.mode & 0o002 != 0 {
        return Err(format!(
            "誰でも書き換えられます（mode {:04o}）",
            o.mode & 0o7777
        ));
    }
    if o.mode & 0o020 != 0 && o.gid != 0 {
        return Err(format!(
            "グループ（gid {}）が書き換えられます（mode {:04o}）",
            o.gid,
            o.mode & 0o7777
        ));
    }
    Ok(())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    data_dir: PathBuf,
    database: Option<String>,
    /// The logins that may create the office's database (`init`): the
    /// 管理者 install.sh was told about. Root always may, at set-up.
    #[serde(default)]
    admins: Vec<String>,
}

/// The deployment the administrator configured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Deployment {
    /// The data folder, canonical (no symlink, no `..`).
    pub(super) data_dir: PathBuf,
    /// The database's file name in it.
    pub(super) database: String,
    /// Who may create the database besides root.
    pub(super) admins: Vec<String>,
}

impl Deployment {
    /// The configured database.
    pub(crate) fn database(&self) -> PathBuf {
        self.data_dir.join(&self.database)
    }
}

/// The configuration's values, checked.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub(crate) data_dir: PathBuf,
    pub(crate) database: String,
    pub(crate) admins: Vec<String>,
}

/// The configuration's values, checked: `data_dir` absolute, `database` a
/// plain file name that is not a database's side file, `admins` logins.
pub(crate) fn parse(text: &str) -> Result<Parsed, String> {
    let c: ConfigFile = toml::from_str(text).map_err(|e| e.message().trim().to_string())?;
    if !c.data_dir.is_absolute() {
        return Err(format!(
            "data_dir は / から始まる絶対パスで書いてください（{}）",
            c.data_dir.display()
        ));
    }
    let name = c.database.unwrap_or_else(|| DEFAULT_DATABASE.to_string());
    let plain = !name.is_empty()
        && name != "."
        && name != ".."
        && !name.contains('/')
        && !name.chars().any(char::is_control)
        && !["-wal", "-shm", "-journal"]
            .iter()
            .any(|s| name.ends_with(s));
    if !plain {
        return Err(format!(
            "database はフォルダを含まないファイル名で書いてください（「{}」）",
            crate::text::for_display(&name)
        ));
    }
    if let Some(bad) = c
        .admins
        .iter()
        .find(|a| a.is_empty() || a.chars().any(|ch| ch.is_control() || ch.is_whitespace()))
    {
        return Err(format!(
            "admins にはログイン名を書いてください（「{}」）",
            crate::text::for_display(bad)
        ));
    }
    Ok(Parsed {
        data_dir: c.data_dir,
        database: name,
        admins: c.admins,
    })
}

/// Reads and checks the configuration at `path` (and every folder above
/// it), and finds its data folder. Errors are for the person at the
/// terminal and name the file.
pub(crate) fn load(path: &Path) -> Result<Deployment, String> {
    let shown = path.display();
    let refused = |why: String| {
        format!(
            "このプログラムは共有サーバー用に設置されていますが（setgid）、設定ファイル {shown} を使えません: {why}。管理者に連絡してください（deploy/install.sh で設定し直せます）。"
        )
    };
    let real = fs::canonicalize(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => refused("ファイルがありません".into()),
        _ => refused(format!("読めません（{e}）")),
    })?;
    // The file and every folder above it: whoever can replace any of them
    // decides where the group's rights go.
    for p in real.ancestors() {
        let m = fs::metadata(p)
            .map_err(|e| refused(format!("{} を確かめられません（{e}）", p.display())))?;
        trusted(Owner::of(&m)).map_err(|why| refused(format!("{}: {why}", p.display())))?;
    }
    if !fs::metadata(&real).map(|m| m.is_file()).unwrap_or(false) {
        return Err(refused("通常のファイルではありません".into()));
    }
    let text = fs::read_to_string(&real).map_err(|e| refused(format!("読めません（{e}）")))?;
    let Parsed {
        data_dir: dir,
        database,
        admins,
    } = parse(&text).map_err(refused)?;
    let data_dir = fs::canonicalize(&dir)
        .ok()
        .filter(|d| d.is_dir())
        .ok_or_else(|| {
            refused(format!(
                "data_dir のフォルダ {} がありません",
                dir.display()
            ))
        })?;
    Ok(Deployment {
        data_dir,
        database,
        admins,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owner(uid: u32, gid: u32, mode: u32) -> Owner {
        Owner { uid, gid, mode }
    }

    #[test]
    fn only_a_file_root_owns_and_no_one_else_can_change_is_trusted() {
        assert!(trusted(owner(0, 0, 0o100644)).is_ok());
        assert!(trusted(owner(0, 0, 0o040755)).is_ok());
        // Group root may write (only root is in it on a sane system).
        assert!(trusted(owner(0, 0, 0o100664)).is_ok());
        let e = trusted(owner(1000, 0, 0o100644)).expect_err("a user's file");
        assert!(e.contains("root"), "{e}");
        let e = trusted(owner(0, 0, 0o100666)).expect_err("world-writable");
        assert!(e.contains("誰でも"), "{e}");
        let e = trusted(owner(0, 1001, 0o100664)).expect_err("a group may write");
        assert!(e.contains("1001"), "{e}");
        // A sticky world-writable folder (/tmp) is no better.
        assert!(trusted(owner(0, 0, 0o041777)).is_err());
    }

    #[test]
    fn the_configuration_names_an_absolute_folder_and_a_plain_file_name() {
        let p =
            parse("data_dir = \"/srv/teichaku\"\ndatabase = \"office.db\"\nadmins = [\"kanri\"]\n")
                .expect("ok");
        assert_eq!(p.data_dir, PathBuf::from("/srv/teichaku"));
        assert_eq!(p.database, "office.db");
        assert_eq!(p.admins, vec!["kanri".to_string()]);
        let p = parse("data_dir = \"/srv/teichaku\"\n").expect("default name");
        assert_eq!(p.database, DEFAULT_DATABASE);
        assert!(p.admins.is_empty(), "no one but root by default");
        assert!(parse("data_dir = \"/srv\"\nadmins = [\"a b\"]\n").is_err());
        assert!(parse("data_dir = \"/srv\"\nadmins = [\"\"]\n").is_err());
        assert!(parse("data_dir = \"srv/teichaku\"\n").is_err(), "relative");
        for bad in ["../x.db", "a/b.db", "..", "", "office.db-wal", "x\u{1b}.db"] {
            let text = format!(
                "data_dir = \"/srv\"\ndatabase = \"{}\"\n",
                bad.escape_default()
            );
            assert!(parse(&text).is_err(), "{bad:?} accepted");
        }
        let e = parse("data_dir = \"/srv\"\ndatbase = \"x.db\"\n").expect_err("a typo");
        assert!(e.contains("datbase"), "{e}");
    }

    #[test]
    fn a_configuration_that_is_missing_or_not_roots_is_refused_with_its_path() {
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = dir.path().join("config.toml");
        let e = load(&missing).expect_err("missing");
        assert!(e.contains("config.toml") && e.contains("ありません"), "{e}");
        // A temp folder is world-writable (or the user's): never trusted.
        std::fs::write(&missing, "data_dir = \"/\"\n").expect("write");
        let e = load(&missing).expect_err("untrusted");
        assert!(e.contains("使えません"), "{e}");
    }
}
