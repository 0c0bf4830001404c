//! What the list looked like when the person left: `m` (my caseload or
//! everyone) and the sort order, kept per user in a small file
//! (`$XDG_STATE_HOME/teichaku/state.toml`) so the next start looks the
//! same. Nothing here is in the database: another worker's choice never
//! changes mine.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Sort;

/// The remembered choices. Unknown or missing keys fall back to the
/// defaults, so an older or hand-edited file never stops the program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ViewState {
    /// `m`: only my caseload.
    pub(crate) mine_only: bool,
    /// `s`: "urgency" or "kana".
    pub(crate) sort: SortName,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum SortName {
    #[default]
    Urgency,
    Kana,
}

impl Default for ViewState {
    fn default() -> Self {
        ViewState {
            mine_only: false,
            sort: SortName::Urgency,
        }
    }
}

impl ViewState {
    pub(crate) fn sort(self) -> Sort {
        match self.sort {
            SortName::Urgency => Sort::Urgency,
            SortName::Kana => Sort::Kana,
        }
    }

    pub(crate) fn new(mine_only: bool, sort: Sort) -> Self {
        let sort = match sort {
            Sort::Urgency => SortName::Urgency,
            Sort::Kana => SortName::Kana,
        };
        ViewState { mine_only, sort }
    }

    /// The file's choices; the defaults when it is missing or unreadable
    /// (a lost preference is not worth a warning at every start).
    pub(crate) fn read(path: &Path) -> ViewState {
        std::fs::read_to_string(path)
            .ok()
            .and_then(|s| toml::from_str(&s).ok())
            .unwrap_or_default()
    }

    /// Write the choices, replacing the file (0600, never through a
    /// symlink); the folder is made private to the user.
    pub(crate) fn write(self, path: &Path) -> Result<(), String> {
        if let Some(dir) = path.parent() {
            create_private_dir(dir)?;
        }
        let body =
            toml::to_string(&self).map_err(|e| format!("表示の状態を書き出せませんでした: {e}"))?;
        let text = format!(
            "# teichaku が次の起動のために覚えている表示の状態（自動で書き換えます）\n{body}"
        );
        crate::files::write_new(path, text.as_bytes(), true, &crate::files::Readers::owner())
    }
}

fn create_private_dir(dir: &Path) -> Result<(), String> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| {
            format!(
                "フォルダ {} を作れませんでした: {e}",
                crate::text::for_display(&dir.display().to_string())
            )
        })
}

/// Where this user's view state lives.
pub(crate) fn default_path() -> PathBuf {
    crate::paths::state_dir().join("state.toml")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_choices_survive_a_write_and_a_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("teichaku/state.toml");
        assert_eq!(ViewState::read(&path), ViewState::default(), "no file yet");
        let s = ViewState::new(true, Sort::Kana);
        s.write(&path).expect("write");
        assert_eq!(ViewState::read(&path), s);
        ViewState::new(false, Sort::Kana)
            .write(&path)
            .expect("replace");
        assert_eq!(ViewState::read(&path), ViewState::new(false, Sort::Kana));
    }

    #[test]
    fn a_broken_or_partial_file_falls_back_to_the_defaults() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("state.toml");
        std::fs::write(&path, "mine_only = \"perhaps\"\n").expect("write");
        assert_eq!(ViewState::read(&path), ViewState::default());
        std::fs::write(&path, "sort = \"kana\"\n").expect("write");
        assert_eq!(ViewState::read(&path), ViewState::new(false, Sort::Kana));
    }
}
