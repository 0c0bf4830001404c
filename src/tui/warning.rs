//! Problems found in a user's configuration file, shown to them as messages.
//!
//! A bad keymap or theme file never stops the program: the defaults stay and
//! each problem becomes one warning naming the file and line.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in a configuration file. `line` is 1-based; 0 means the
/// problem concerns the whole file (e.g. it could not be read). An empty
/// `file` means a setting whose file the caller knows (e.g. a theme name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigWarning {
    pub file: PathBuf,
    pub line: usize,
    /// In Japanese, for the case worker.
    pub message: String,
}

impl ConfigWarning {
    pub fn new(file: &Path, line: usize, message: impl Into<String>) -> Self {
        Self {
            file: file.to_path_buf(),
            line,
            message: message.into(),
        }
    }

    /// A warning located at byte offset `at` of `src`.
    pub fn at(file: &Path, src: &str, at: usize, message: impl Into<String>) -> Self {
        Self::new(file, line_of(src, at), message)
    }
}

impl fmt::Display for ConfigWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.file.as_os_str().is_empty() {
            f.write_str(&self.message)
        } else if self.line == 0 {
            write!(f, "{}: {}", self.file.display(), self.message)
        } else {
            write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
        }
    }
}

/// 1-based line number of byte offset `at` in `src`.
pub(crate) fn line_of(src: &str, at: usize) -> usize {
    let end = at.min(src.len());
    src.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// A TOML syntax error as a warning, with the line toml reported.
pub(crate) fn toml_error(file: &Path, src: &str, err: &toml::de::Error) -> ConfigWarning {
    let line = err.span().map(|s| line_of(src, s.start)).unwrap_or(0);
    ConfigWarning::new(
        file,
        line,
        format!(
            "設定ファイルの書き方に誤りがあるため、このファイルは使わず既定の設定を使います（{}）",
            err.message().trim()
        ),
    )
}

/// Read a user's configuration file. A missing file is normal (no warning);
/// any other failure becomes a warning and `None`.
pub(crate) fn read_user_file(path: &Path) -> (Option<String>, Option<ConfigWarning>) {
    // The user's own file, read with the user's own rights (setgid: a file
    // only the program's group may read is never shown in a warning).
    let read = match crate::privilege::as_user() {
        Ok(_user) => std::fs::read_to_string(path),
        Err(e) => Err(std::io::Error::other(e)),
    };
    match read {
        Ok(s) => (Some(s), None),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (None, None),
        Err(e) => (
            None,
            Some(ConfigWarning::new(
                path,
                0,
                format!("設定ファイルを読み込めませんでした（{e}）。既定の設定を使います"),
            )),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_numbers_are_one_based_and_count_newlines_before_the_offset() {
        let src = "a\nbb\nccc";
        assert_eq!(line_of(src, 0), 1);
        assert_eq!(line_of(src, 2), 2);
        assert_eq!(line_of(src, 5), 3);
        assert_eq!(line_of(src, 999), 3);
    }

    #[test]
    fn a_warning_shows_file_and_line() {
        let w = ConfigWarning::new(Path::new("/x/keymap.toml"), 3, "不明なキー");
        assert_eq!(w.to_string(), "/x/keymap.toml:3: 不明なキー");
    }
}
