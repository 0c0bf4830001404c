//! Keys → actions, per mode, from `keymaps/default.toml` merged with the
//! user's `keymap.toml`.
//!
//! The file format is documented at the top of `keymaps/default.toml`. A
//! user file is a partial override: an entry replaces the default binding of
//! the same key in the same mode, `no_op` removes it. Nothing a user writes
//! can stop the program: every problem becomes a `ConfigWarning` (file,
//! line, Japanese message), the entry is skipped, and the rest still
//! applies; a file that is not valid TOML is ignored as a whole.

mod key;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use crossterm::event::{KeyEvent, KeyEventKind};
use toml::de::{DeTable, DeValue};

pub use key::Key;

use super::action::Action;
use super::warning::{self, ConfigWarning};

const DEFAULT_SRC: &str = include_str!("../../../keymaps/default.toml");
const DEFAULT_NAME: &str = "(内蔵) keymaps/default.toml";

/// Where the application is, which decides which table of keys applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    Global,
    List,
    Timeline,
    Deadlines,
    Form,
    Filter,
    Help,
    /// The reason dialog over the screen (deleting a record, 対象外,
    /// reopening a case): letters are the reason being typed.
    Dialog,
    /// The conflict view: someone else saved the record being edited.
    Conflict,
    /// At start-up: the drafts this login left, from any terminal.
    Drafts,
    /// The deadlines view's staff picker.
    Picker,
    /// The office's settings and staff.
    Office,
    /// The office figures (サービス管理責任者・管理者).
    Figures,
    /// 「自分の変更履歴」: one's own changes, newest first.
    History,
}

impl Mode {
    pub const ALL: &'static [Mode] = &[
        Mode::Global,
        Mode::List,
        Mode::Timeline,
        Mode::Deadlines,
        Mode::Form,
        Mode::Filter,
        Mode::Help,
        Mode::Dialog,
        Mode::Conflict,
        Mode::Drafts,
        Mode::Picker,
        Mode::Office,
        Mode::Figures,
        Mode::History,
    ];

    /// The table name in `keymap.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Global => "global",
            Mode::List => "list",
            Mode::Timeline => "timeline",
            Mode::Deadlines => "deadlines",
            Mode::Form => "form",
            Mode::Filter => "filter",
            Mode::Help => "help",
            Mode::Dialog => "dialog",
            Mode::Conflict => "conflict",
            Mode::Drafts => "drafts",
            Mode::Picker => "picker",
            Mode::Office => "office",
            Mode::Figures => "figures",
            Mode::History => "history",
        }
    }

    /// The heading shown in help.
    pub fn label(self) -> &'static str {
        match self {
            Mode::Global => "全体（一覧画面で共通）",
            Mode::List => "利用者一覧",
            Mode::Timeline => "経過",
            Mode::Deadlines => "期限一覧",
            Mode::Form => "入力フォーム",
            Mode::Filter => "絞り込みの入力中",
            Mode::Help => "ヘルプ画面",
            Mode::Dialog => "理由を尋ねる小窓（削除・対象外・終結の取り消し）",
            Mode::Conflict => "変更の衝突（他の人が先に保存した記録との比較）",
            Mode::Drafts => "保存されている下書き（起動時の一覧）",
            Mode::Picker => "担当者の選択（期限一覧）",
            Mode::Office => "事業所（設定・職員）",
            Mode::Figures => "事業所の実績",
            Mode::History => "自分の変更履歴",
        }
    }

    pub fn parse(s: &str) -> Option<Mode> {
        Mode::ALL.iter().copied().find(|m| m.as_str() == s)
    }

    /// Browsing screens fall back to the global table. Forms, the filter
    /// box, dialogs and help do not: there a letter is text, not a command.
    pub fn inherits_global(self) -> bool {
        matches!(
            self,
            Mode::List | Mode::Timeline | Mode::Deadlines | Mode::Figures
        )
    }
}

/// One key bound to one action, remembering where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub key: Key,
    pub action: Action,
    /// From the file's `desc`; as written (sanitize before display).
    pub desc: Option<String>,
    pub file: PathBuf,
    pub line: usize,
}

impl Binding {
    /// The text for help: the file's `desc`, else the action's own.
    pub fn description(&self) -> &str {
        self.desc.as_deref().unwrap_or(self.action.description())
    }
}

/// The active key bindings of every mode.
#[derive(Debug, Clone)]
pub struct Keymap {
    /// Per mode, in file order (help lists them in this order).
    tables: Vec<(Mode, Vec<Binding>)>,
}

impl Default for Keymap {
    /// The built-in bindings alone.
    fn default() -> Self {
        Keymap::from_sources(None).0
    }
}

impl Keymap {
    /// `$XDG_CONFIG_HOME/teichaku/keymap.toml` (or the platform's config dir).
    pub fn user_path() -> Option<PathBuf> {
        crate::paths::config_dir().map(|d| d.join("keymap.toml"))
    }

    /// The built-in bindings merged with the user's file, if there is one.
    pub fn load() -> (Keymap, Vec<ConfigWarning>) {
        let Some(path) = Keymap::user_path() else {
            return Keymap::from_sources(None);
        };
        let (src, read_warning) = warning::read_user_file(&path);
        let (map, mut warnings) = Keymap::from_sources(src.as_deref().map(|s| (path.as_path(), s)));
        warnings.extend(read_warning);
        (map, warnings)
    }

    /// The built-in bindings merged with `user` (its path and contents).
    pub fn from_sources(user: Option<(&Path, &str)>) -> (Keymap, Vec<ConfigWarning>) {
        let mut map = Keymap {
            tables: Mode::ALL.iter().map(|&m| (m, Vec::new())).collect(),
        };
        let mut warnings = Vec::new();
        let default_path = Path::new(DEFAULT_NAME);
        let defaults = parse_file(default_path, DEFAULT_SRC, &mut warnings);
        let from_user = warnings.len();
        map.merge(defaults.unwrap_or_default());
        if let Some((path, src)) = user
            && let Some(entries) = parse_file(path, src, &mut warnings)
        {
            map.merge(entries.clone());
            map.warn_shadowed_globals(&entries, &mut warnings);
        }
        // Modes come back in name order; show the user's problems by line.
        warnings[from_user..].sort_by_key(|w| w.line);
        (map, warnings)
    }

    fn table(&self, mode: Mode) -> &[Binding] {
        self.tables
            .iter()
            .find(|(m, _)| *m == mode)
            .map(|(_, t)| t.as_slice())
            .unwrap_or(&[])
    }

    fn table_mut(&mut self, mode: Mode) -> &mut Vec<Binding> {
        if let Some(i) = self.tables.iter().position(|(m, _)| *m == mode) {
            &mut self.tables[i].1
        } else {
            self.tables.push((mode, Vec::new()));
            let last = self.tables.len() - 1;
            &mut self.tables[last].1
        }
    }

    fn merge(&mut self, entries: Vec<(Mode, Binding)>) {
        for (mode, b) in entries {
            let table = self.table_mut(mode);
            let existing = table.iter().position(|x| x.key == b.key);
            match (existing, b.action) {
                (Some(i), Action::NoOp) => {
                    table.remove(i);
                }
                (None, Action::NoOp) => {}
                (Some(i), _) => table[i] = b,
                (None, _) => table.push(b),
            }
        }
    }

    /// A user's global binding that a browsing screen's own binding hides
    /// would silently never fire there; say so.
    fn warn_shadowed_globals(&self, user: &[(Mode, Binding)], warnings: &mut Vec<ConfigWarning>) {
        for (mode, b) in user {
            if *mode != Mode::Global || b.action == Action::NoOp {
                continue;
            }
            for &m in Mode::ALL.iter().filter(|m| m.inherits_global()) {
                if let Some(other) = self.table(m).iter().find(|x| x.key == b.key)
                    && other.action != b.action
                {
                    warnings.push(ConfigWarning::new(
                        &b.file,
                        b.line,
                        format!(
                            "global の「{}」（{}）は、{}（{}）では「{}」が優先されるため使えません",
                            b.key.notation(),
                            action_name(b.action),
                            m.label(),
                            m.as_str(),
                            action_name(other.action),
                        ),
                    ));
                }
            }
        }
    }

    /// The action for a key press in `mode`, falling back to the global
    /// table on browsing screens. Key releases are ignored.
    pub fn lookup(&self, mode: Mode, ev: &KeyEvent) -> Option<Action> {
        if ev.kind == KeyEventKind::Release {
            return None;
        }
        self.lookup_key(mode, Key::from_event(ev))
    }

    pub fn lookup_key(&self, mode: Mode, key: Key) -> Option<Action> {
        let own = self.table(mode).iter().find(|b| b.key == key);
        let inherited = || {
            mode.inherits_global()
                .then(|| self.table(Mode::Global).iter().find(|b| b.key == key))
                .flatten()
        };
        own.or_else(inherited).map(|b| b.action)
    }

    /// The bindings written for `mode` itself (not inherited), in file
    /// order: (key label, action, description). Help and hints use this.
    pub fn bindings(&self, mode: Mode) -> Vec<(String, Action, &str)> {
        self.table(mode)
            .iter()
            .map(|b| (b.key.to_string(), b.action, b.description()))
            .collect()
    }

    /// The raw bindings of `mode` (not inherited).
    pub fn mode_bindings(&self, mode: Mode) -> &[Binding] {
        self.table(mode)
    }

    /// Keys that trigger `action` in `mode`, own table first, then (for
    /// browsing screens) global keys that are not hidden by the mode's own.
    pub fn keys_for(&self, mode: Mode, action: Action) -> Vec<Key> {
        let mut keys: Vec<Key> = self
            .table(mode)
            .iter()
            .filter(|b| b.action == action)
            .map(|b| b.key)
            .collect();
        if mode.inherits_global() {
            for b in self.table(Mode::Global) {
                if b.action == action && self.lookup_key(mode, b.key) == Some(action) {
                    keys.push(b.key);
                }
            }
        }
        keys
    }
}

fn action_name(a: Action) -> &'static str {
    a.name().unwrap_or("?")
}

/// Parse one keymap file into (mode, binding) entries, in file order.
/// `None` when the file is not valid TOML (one warning is added).
fn parse_file(
    file: &Path,
    src: &str,
    warnings: &mut Vec<ConfigWarning>,
) -> Option<Vec<(Mode, Binding)>> {
    let doc = match DeTable::parse(src) {
        Ok(doc) => doc,
        Err(e) => {
            warnings.push(warning::toml_error(file, src, &e));
            return None;
        }
    };
    let mut doc_entries: Vec<(usize, Mode, Binding)> = Vec::new();
    for (name, value) in doc.get_ref().iter() {
        let at = name.span().start;
        let Some(mode) = Mode::parse(name.get_ref()) else {
            let modes: Vec<&str> = Mode::ALL.iter().map(|m| m.as_str()).collect();
            warnings.push(ConfigWarning::at(
                file,
                src,
                at,
                format!(
                    "「{}」というモードはありません（使えるモード: {}）",
                    crate::text::for_display(name.get_ref()),
                    modes.join(", ")
                ),
            ));
            continue;
        };
        let DeValue::Array(items) = value.get_ref() else {
            warnings.push(ConfigWarning::at(
                file,
                src,
                at,
                format!(
                    "{} には {{ on = \"キー\", run = \"動作\" }} の並び（配列）を書いてください",
                    mode.as_str()
                ),
            ));
            continue;
        };
        for item in items.iter() {
            let at = item.span().start;
            match parse_entry(file, src, at, item.get_ref()) {
                Ok(b) => doc_entries.push((at, mode, b)),
                Err(msg) => warnings.push(ConfigWarning::at(file, src, at, msg)),
            }
        }
    }
    // The TOML table is keyed by name; restore file order across modes.
    doc_entries.sort_by_key(|(at, _, _)| *at);
    let entries: Vec<(Mode, Binding)> = doc_entries.into_iter().map(|(_, m, b)| (m, b)).collect();
    warn_duplicates(&entries, warnings);
    Some(entries)
}

fn parse_entry(file: &Path, src: &str, at: usize, value: &DeValue<'_>) -> Result<Binding, String> {
    let DeValue::Table(t) = value else {
        return Err("キー割り当ては { on = \"キー\", run = \"動作\" } の形で書いてください".into());
    };
    let mut on = None;
    let mut run = None;
    let mut desc = None;
    for (k, v) in t.iter() {
        let s = v.get_ref().as_str();
        match (k.get_ref().as_ref(), s) {
            ("on", Some(s)) => on = Some(s.to_string()),
            ("run", Some(s)) => run = Some(s.to_string()),
            ("desc", Some(s)) => desc = Some(s.to_string()),
            ("on" | "run" | "desc", None) => {
                return Err(format!("{} は文字列（\"…\"）で書いてください", k.get_ref()));
            }
            (other, _) => {
                return Err(format!(
                    "「{}」という項目は使えません（使える項目: on, run, desc）",
                    crate::text::for_display(other)
                ));
            }
        }
    }
    let on = on.ok_or("on（キー）がありません")?;
    let run = run.ok_or("run（動作）がありません")?;
    let key = Key::parse(&on)?;
    let action = Action::from_name(&run).ok_or_else(|| {
        format!(
            "「{}」という動作はありません（keymaps/default.toml の冒頭に一覧があります）",
            crate::text::for_display(&run)
        )
    })?;
    Ok(Binding {
        key,
        action,
        desc,
        file: file.to_path_buf(),
        line: warning::line_of(src, at),
    })
}

/// Within one file and one mode a key should appear once. If it appears
/// again, the later entry wins; say which.
fn warn_duplicates(entries: &[(Mode, Binding)], warnings: &mut Vec<ConfigWarning>) {
    for (i, (mode, b)) in entries.iter().enumerate() {
        let Some((_, first)) = entries[..i]
            .iter()
            .rev()
            .find(|(m, x)| m == mode && x.key == b.key)
        else {
            continue;
        };
        let message = if first.action == b.action {
            format!(
                "{} の「{}」は {} 行目と同じ割り当てが重ねて書かれています",
                mode.as_str(),
                b.key.notation(),
                first.line
            )
        } else {
            format!(
                "{} の「{}」に二つの動作が割り当てられています（{} 行目の「{}」とこの行の「{}」）。後に書いた「{}」が有効です",
                mode.as_str(),
                b.key.notation(),
                first.line,
                action_name(first.action),
                action_name(b.action),
                action_name(b.action),
            )
        };
        warnings.push(ConfigWarning::new(&b.file, b.line, message));
    }
}
