//! Keeping a setgid run to the configured database: the database a user
//! names is resolved (relative to the working folder, every symlink
//! followed, `..` applied) and opened only if it is that one. Nothing else
//! in the data folder is a database to the program: a case worker's
//! `--db /srv/teichaku/new.db init` or `--db ….db-journal` would otherwise
//! make a file there with the group's rights, and a -journal taken for a
//! database locks the office out.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::config::Deployment;
use crate::text::for_display;

/// Why a path was not taken.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// It resolves to this path, outside the folder.
    Outside(PathBuf),
    /// It resolves to another file inside the folder.
    Another(PathBuf),
    /// It is a folder (the data folder itself, say), not a file.
    NotAFile,
    /// It cannot be resolved (a symlink to nothing, a missing folder).
    Unresolvable(String),
}

/// `resolved` (canonical) names a file inside `folder` (canonical): a
/// component-wise prefix, so `/srv/teichaku2` is not inside `/srv/teichaku`.
pub(crate) fn is_inside(folder: &Path, resolved: &Path) -> bool {
    resolved != folder && resolved.starts_with(folder)
}

/// Where `asked` really is: an existing name with every symlink followed;
/// a new one as its folder's real path and its name.
pub(crate) fn resolve(asked: &Path) -> Result<PathBuf, Refusal> {
    let abs = if asked.is_absolute() {
        asked.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| Refusal::Unresolvable(e.to_string()))?
            .join(asked)
    };
    let unresolvable = |e: std::io::Error| Refusal::Unresolvable(e.to_string());
    match fs::symlink_metadata(&abs) {
        // Followed to the end: a symlink pointing out is judged by its target,
        // and one pointing nowhere is refused (nothing is created through it).
        Ok(_) => {
            let real = fs::canonicalize(&abs).map_err(unresolvable)?;
            if real.is_dir() {
                return Err(Refusal::NotAFile);
            }
            Ok(real)
        }
        Err(e) if e.kind() == ErrorKind::NotFound => {
            let name = abs.file_name().ok_or(Refusal::NotAFile)?;
            let parent = abs.parent().ok_or(Refusal::NotAFile)?;
            Ok(fs::canonicalize(parent).map_err(unresolvable)?.join(name))
        }
        Err(e) => Err(unresolvable(e)),
    }
}

impl Deployment {
    /// Whether `real` (resolved) is the configured database: its name in
    /// the data folder, or where root's symlink of that name leads.
    fn is_the_database(&self, real: &Path) -> bool {
        let db = self.database();
        real == db || fs::canonicalize(&db).is_ok_and(|c| c == real)
    }

    /// `asked` if it is the configured database (resolved), else a
    /// message naming it.
    pub(crate) fn confine(&self, asked: &Path, demo: bool) -> Result<PathBuf, String> {
        let refusal = match resolve(asked) {
            Ok(real) if !demo && self.is_the_database(&real) => return Ok(real),
            Ok(real) if is_inside(&self.data_dir, &real) => Refusal::Another(real),
            Ok(real) => Refusal::Outside(real),
            Err(r) => r,
        };
        let folder = for_display(&self.data_dir.display().to_string()).into_owned();
        let shown = for_display(&asked.display().to_string()).into_owned();
        let what = if demo {
            format!("デモ用データベース（--demo: {shown}）")
        } else {
            format!("データベース {shown}（--db / TEICHAKU_DB）")
        };
        let why = match refusal {
            Refusal::Outside(real) if real != asked => format!(
                "実際の場所 {} はそのフォルダの外です",
                for_display(&real.display().to_string())
            ),
            Refusal::Outside(_) => "そのフォルダの外です".to_string(),
            Refusal::Another(_) if demo => {
                "デモは共有サーバーの外（自分のパソコンなど）で試してください".to_string()
            }
            Refusal::Another(real) => format!(
                "{} は事業所のデータベースではありません。フォルダには事業所のデータベースのほかに作れません",
                for_display(&real.display().to_string())
            ),
            Refusal::NotAFile => "ファイルではありません".to_string(),
            Refusal::Unresolvable(e) => format!("場所を確かめられません: {e}"),
        };
        Err(format!(
            "このプログラムは共有サーバー用に設置されているため（setgid）、{folder} の中の事業所のデータベースしか開けません。{what}は開きません（{why}）。--db も TEICHAKU_DB も指定しなければ、事業所のデータベース {} を開きます。",
            for_display(&self.database().display().to_string())
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    /// A data folder `data/` (with `office.db`) beside an outside folder.
    fn layout() -> (tempfile::TempDir, Deployment) {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = fs::canonicalize(tmp.path()).expect("canonical");
        fs::create_dir(root.join("data")).expect("data");
        fs::create_dir(root.join("outside")).expect("outside");
        fs::write(root.join("data/office.db"), b"").expect("db");
        fs::write(root.join("outside/other.db"), b"").expect("other");
        let d = Deployment {
            data_dir: root.join("data"),
            database: "office.db".into(),
            admins: Vec::new(),
        };
        (tmp, d)
    }

    #[test]
    fn inside_is_a_component_prefix_and_never_the_folder_itself() {
        let f = Path::new("/srv/teichaku");
        assert!(is_inside(f, Path::new("/srv/teichaku/office.db")));
        assert!(is_inside(f, Path::new("/srv/teichaku/sub/x.db")));
        assert!(!is_inside(f, Path::new("/srv/teichaku")));
        assert!(!is_inside(f, Path::new("/srv/teichaku2/office.db")));
        assert!(!is_inside(f, Path::new("/srv/other.db")));
    }

    #[test]
    fn only_the_configured_database_is_taken() {
        let (_tmp, d) = layout();
        let db = d.data_dir.join("office.db");
        assert_eq!(d.confine(&db, false).expect("the database"), db);
        // `..` that comes back in is fine: it is where the file is that counts.
        let round = d.data_dir.join("../data/office.db");
        assert_eq!(d.confine(&round, false).expect("round trip"), db);
        // Any other name in the folder, new or existing, side file or not.
        fs::write(d.data_dir.join("old.db"), b"").expect("old");
        for other in [
            "new.db",
            "old.db",
            "office.db-journal",
            "office.db-wal",
            "demo.db",
        ] {
            let e = d.confine(&d.data_dir.join(other), false).expect_err(other);
            assert!(e.contains("事業所のデータベースではありません"), "{e}");
            assert!(
                e.contains(&db.display().to_string()),
                "names the database: {e}"
            );
        }
        let e = d.confine(&db, true).expect_err("--demo");
        assert!(e.contains("--demo") && e.contains("デモ"), "{e}");
    }

    #[test]
    fn dot_dot_out_of_the_folder_is_refused_naming_the_folder() {
        let (_tmp, d) = layout();
        let out = d.data_dir.join("../outside/other.db");
        let e = d.confine(&out, false).expect_err("outside");
        assert!(e.contains(&d.data_dir.display().to_string()), "{e}");
        assert!(e.contains("外"), "{e}");
        let out_new = d.data_dir.join("../elsewhere.db");
        assert!(d.confine(&out_new, false).is_err());
        let e = d
            .confine(&d.data_dir.join(".."), false)
            .expect_err("a folder");
        assert!(e.contains("ファイルではありません"), "{e}");
        assert!(d.confine(&d.data_dir, false).is_err(), "the folder itself");
    }

    #[test]
    fn a_symlink_inside_that_points_out_is_refused() {
        let (_tmp, d) = layout();
        let outside = d.data_dir.join("../outside/other.db");
        let link = d.data_dir.join("link.db");
        symlink(&outside, &link).expect("symlink");
        let e = d.confine(&link, false).expect_err("escape");
        assert!(e.contains("outside"), "names where it really is: {e}");
        // A symlinked folder on the way out is followed too.
        symlink(d.data_dir.join("../outside"), d.data_dir.join("sub")).expect("dir link");
        assert!(d.confine(&d.data_dir.join("sub/office.db"), false).is_err());
        // A link to nothing is refused: nothing is created through it.
        symlink("/nonexistent/x.db", d.data_dir.join("dangling.db")).expect("dangling");
        assert!(d.confine(&d.data_dir.join("dangling.db"), false).is_err());
    }

    #[test]
    fn a_symlink_outside_that_points_in_is_taken_as_its_target() {
        let (_tmp, d) = layout();
        let link = d.data_dir.join("../outside/in.db");
        symlink(d.data_dir.join("office.db"), &link).expect("symlink");
        assert_eq!(
            d.confine(&link, false).expect("points inside"),
            d.data_dir.join("office.db")
        );
    }

    #[test]
    fn a_relative_path_is_resolved_from_the_working_folder() {
        let (_tmp, d) = layout();
        // The working folder is the crate's (tests do not change it):
        // a relative name lands there, outside the data folder.
        let e = d
            .confine(Path::new("office.db"), false)
            .expect_err("relative");
        assert!(e.contains("office.db"), "{e}");
        let cwd = std::env::current_dir().expect("cwd");
        assert_eq!(
            resolve(Path::new("x.db")).expect("resolves"),
            fs::canonicalize(cwd).expect("canonical").join("x.db")
        );
        let e = d.confine(Path::new("demo.db"), true).expect_err("demo");
        assert!(e.contains("--demo"), "{e}");
    }
}
