//! Named styles ("slots") the screens draw with, from `themes/*.toml`.
//!
//! The default theme uses ANSI color names so it follows the user's
//! palette. A user's `theme.toml` replaces individual slots on top of the
//! chosen built-in theme; a bad entry is reported and skipped. When
//! `NO_COLOR` is set to anything non-empty (https://no-color.org) the
//! monochrome theme is used and nothing else is read.

use std::path::{Path, PathBuf};

use ratatui::style::{Color, Modifier, Style};
use toml::de::{DeTable, DeValue};

use super::warning::{self, ConfigWarning};
use crate::model::Status;

macro_rules! slots {
    ($($variant:ident = $id:literal),+ $(,)?) => {
        /// A named style. Screens ask for a slot, never for a color.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Slot { $($variant),+ }
        impl Slot {
            pub const ALL: &'static [Slot] = &[$(Slot::$variant),+];
            /// The key in a theme file.
            pub fn as_str(self) -> &'static str { match self { $(Slot::$variant => $id),+ } }
            pub fn parse(s: &str) -> Option<Slot> {
                Slot::ALL.iter().copied().find(|x| x.as_str() == s)
            }
        }
    };
}

slots! {
    Normal = "normal",
    Dim = "dim",
    Title = "title",
    Border = "border",
    BorderFocused = "border_focused",
    Selected = "selected",
    StatusOverdue = "status_overdue",
    StatusDueSoon = "status_due_soon",
    StatusOpen = "status_open",
    StatusUpcoming = "status_upcoming",
    StatusDone = "status_done",
    StatusWaived = "status_waived",
    MatchHighlight = "match_highlight",
    TodayMarker = "today_marker",
    Error = "error",
    Warning = "warning",
    HintKey = "hint_key",
    HintText = "hint_text",
    Badge = "badge",
    Input = "input",
    InputFocused = "input_focused",
}

impl Slot {
    /// The slot an obligation status is drawn with (always beside its
    /// glyph and word: status is never color alone).
    pub fn for_status(s: Status) -> Slot {
        match s {
            Status::Overdue => Slot::StatusOverdue,
            Status::DueSoon => Slot::StatusDueSoon,
            Status::Open => Slot::StatusOpen,
            Status::Upcoming => Slot::StatusUpcoming,
            Status::Done => Slot::StatusDone,
            Status::Waived => Slot::StatusWaived,
        }
    }
}

/// Built-in themes: (name, file contents).
const BUILTIN: &[(&str, &str)] = &[
    ("dark", include_str!("../../themes/dark.toml")),
    ("light", include_str!("../../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.toml"),
    ),
    ("monochrome", include_str!("../../themes/monochrome.toml")),
];

pub const DEFAULT_THEME: &str = "dark";
pub const MONOCHROME: &str = "monochrome";

const MODIFIERS: &[(&str, Modifier)] = &[
    ("bold", Modifier::BOLD),
    ("dim", Modifier::DIM),
    ("italic", Modifier::ITALIC),
    ("underlined", Modifier::UNDERLINED),
    ("underline", Modifier::UNDERLINED),
    ("reversed", Modifier::REVERSED),
    ("reverse", Modifier::REVERSED),
    ("crossed_out", Modifier::CROSSED_OUT),
];

/// A complete set of slot styles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    name: String,
    styles: Vec<Style>,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::builtin(DEFAULT_THEME).unwrap_or_else(|| Theme::blank(DEFAULT_THEME))
    }
}

impl Theme {
    /// Names accepted by `theme = "…"` in the configuration.
    pub fn builtin_names() -> impl Iterator<Item = &'static str> {
        BUILTIN.iter().map(|(n, _)| *n)
    }

    fn blank(name: &str) -> Theme {
        Theme {
            name: name.to_string(),
            styles: vec![Style::default(); Slot::ALL.len()],
        }
    }

    /// A built-in theme by name.
    pub fn builtin(name: &str) -> Option<Theme> {
        let (_, src) = BUILTIN.iter().find(|(n, _)| *n == name)?;
        let mut theme = Theme::blank(name);
        let mut ignored = Vec::new();
        theme.apply(Path::new(name), src, &mut ignored);
        Some(theme)
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn style(&self, slot: Slot) -> Style {
        self.styles.get(slot as usize).copied().unwrap_or_default()
    }

    /// `$XDG_CONFIG_HOME/teichaku/theme.toml` (or the platform's config dir).
    pub fn user_path() -> Option<PathBuf> {
        crate::paths::config_dir().map(|d| d.join("theme.toml"))
    }

    /// NO_COLOR is set and not empty.
    pub fn no_color_requested() -> bool {
        no_color(std::env::var_os("NO_COLOR").as_deref())
    }

    /// The theme for this session: `name` from the configuration (default
    /// dark), the user's `theme.toml` on top, or monochrome under NO_COLOR.
    pub fn load(name: Option<&str>) -> (Theme, Vec<ConfigWarning>) {
        let no_color = Theme::no_color_requested();
        if no_color {
            return Theme::resolve(name, None, true);
        }
        let Some(path) = Theme::user_path() else {
            return Theme::resolve(name, None, false);
        };
        let (src, read_warning) = warning::read_user_file(&path);
        let (theme, mut warnings) =
            Theme::resolve(name, src.as_deref().map(|s| (path.as_path(), s)), false);
        warnings.extend(read_warning);
        (theme, warnings)
    }

    /// Pure form of `load`: `user` is the user file's path and contents.
    pub fn resolve(
        name: Option<&str>,
        user: Option<(&Path, &str)>,
        no_color: bool,
    ) -> (Theme, Vec<ConfigWarning>) {
        let mut warnings = Vec::new();
        if no_color {
            let theme = Theme::builtin(MONOCHROME).unwrap_or_else(|| Theme::blank(MONOCHROME));
            return (theme, warnings);
        }
        let name = name.unwrap_or(DEFAULT_THEME);
        let mut theme = Theme::builtin(name).unwrap_or_else(|| {
            let names: Vec<&str> = Theme::builtin_names().collect();
            warnings.push(ConfigWarning::new(
                Path::new(""),
                0,
                format!(
                    "「{}」というテーマはありません（使えるテーマ: {}）。{} を使います",
                    crate::text::for_display(name),
                    names.join(", "),
                    DEFAULT_THEME
                ),
            ));
            Theme::default()
        });
        if let Some((path, src)) = user {
            theme.apply(path, src, &mut warnings);
        }
        (theme, warnings)
    }

    /// Replace the slots written in `src`. Bad entries are skipped with a
    /// warning; a file that is not TOML changes nothing.
    fn apply(&mut self, file: &Path, src: &str, out: &mut Vec<ConfigWarning>) {
        let mut warnings = Vec::new();
        self.apply_slots(file, src, &mut warnings);
        // Slots come back in name order; show problems in line order.
        warnings.sort_by_key(|w| w.line);
        out.extend(warnings);
    }

    fn apply_slots(&mut self, file: &Path, src: &str, warnings: &mut Vec<ConfigWarning>) {
        let doc = match DeTable::parse(src) {
            Ok(doc) => doc,
            Err(e) => {
                warnings.push(warning::toml_error(file, src, &e));
                return;
            }
        };
        for (key, value) in doc.get_ref().iter() {
            let at = key.span().start;
            let Some(slot) = Slot::parse(key.get_ref()) else {
                warnings.push(ConfigWarning::at(
                    file,
                    src,
                    at,
                    format!(
                        "「{}」という項目（スロット）はありません（使える項目は themes/dark.toml を参照）",
                        crate::text::for_display(key.get_ref())
                    ),
                ));
                continue;
            };
            match parse_style(value.get_ref()) {
                Ok(style) => self.styles[slot as usize] = style,
                Err(msg) => warnings.push(ConfigWarning::at(
                    file,
                    src,
                    at,
                    format!("{}: {msg}。この項目は変更しません", slot.as_str()),
                )),
            }
        }
    }
}

/// The NO_COLOR convention: present and not empty.
fn no_color(value: Option<&std::ffi::OsStr>) -> bool {
    value.is_some_and(|v| !v.is_empty())
}

fn parse_style(v: &DeValue<'_>) -> Result<Style, String> {
    let DeValue::Table(t) = v else {
        return Err(
            "{ fg = \"色\", bg = \"色\", modifiers = [\"bold\"] } の形で書いてください".into(),
        );
    };
    let mut style = Style::default();
    for (k, v) in t.iter() {
        match k.get_ref().as_ref() {
            "fg" => style = style.fg(parse_color(v.get_ref())?),
            "bg" => style = style.bg(parse_color(v.get_ref())?),
            "modifiers" => {
                let DeValue::Array(items) = v.get_ref() else {
                    return Err(
                        "modifiers は [\"bold\", \"reversed\"] のような配列で書いてください".into(),
                    );
                };
                for item in items.iter() {
                    let name = item.get_ref().as_str().unwrap_or("");
                    let m = MODIFIERS
                        .iter()
                        .find(|(n, _)| *n == name)
                        .map(|(_, m)| *m)
                        .ok_or_else(|| {
                            format!(
                                "「{}」は文字の飾りとして読めません（bold, dim, italic, underlined, reversed, crossed_out）",
                                crate::text::for_display(name)
                            )
                        })?;
                    style = style.add_modifier(m);
                }
            }
            other => {
                return Err(format!(
                    "「{}」は使えません（使えるのは fg, bg, modifiers）",
                    crate::text::for_display(other)
                ));
            }
        }
    }
    Ok(style)
}

fn parse_color(v: &DeValue<'_>) -> Result<Color, String> {
    let s = v.as_str().unwrap_or("");
    s.parse::<Color>().map_err(|_| {
        format!(
            "「{}」は色として読めません（例: red, light_blue, dark_gray, \"#ff8800\", \"208\"）",
            crate::text::for_display(s)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const USER: &str = "/home/u/.config/teichaku/theme.toml";

    fn has_color(style: Style) -> bool {
        style.fg.is_some_and(|c| c != Color::Reset) || style.bg.is_some_and(|c| c != Color::Reset)
    }

    #[test]
    fn every_built_in_theme_defines_every_slot_without_warnings() {
        for (name, src) in BUILTIN {
            let doc = DeTable::parse(src).expect(name);
            for slot in Slot::ALL {
                assert!(
                    doc.get_ref().get(slot.as_str()).is_some(),
                    "{name} lacks {slot:?}"
                );
            }
            let mut w = Vec::new();
            Theme::blank(name).apply(Path::new(name), src, &mut w);
            assert!(w.is_empty(), "{name}: {w:#?}");
        }
    }

    #[test]
    fn no_color_counts_only_when_set_and_not_empty() {
        use std::ffi::OsStr;
        assert!(no_color(Some(OsStr::new("1"))));
        assert!(!no_color(Some(OsStr::new(""))));
        assert!(!no_color(None));
    }

    #[test]
    fn no_color_gives_monochrome_whatever_was_configured() {
        let user = "normal = { fg = \"red\" }\n";
        let (theme, w) = Theme::resolve(Some("light"), Some((Path::new(USER), user)), true);
        assert!(w.is_empty());
        assert_eq!(theme.name(), "monochrome");
        for &slot in Slot::ALL {
            assert!(!has_color(theme.style(slot)), "{slot:?} has a color");
        }
    }

    #[test]
    fn monochrome_still_tells_urgent_statuses_apart() {
        let t = Theme::builtin("monochrome").expect("built in");
        let overdue = t.style(Slot::StatusOverdue);
        assert!(overdue.add_modifier.contains(Modifier::REVERSED));
        assert_ne!(overdue, t.style(Slot::StatusDueSoon));
        assert_ne!(t.style(Slot::StatusDueSoon), t.style(Slot::StatusUpcoming));
    }

    #[test]
    fn default_theme_uses_ansi_names_so_it_follows_the_palette() {
        let t = Theme::default();
        assert_eq!(t.name(), "dark");
        for &slot in Slot::ALL {
            let s = t.style(slot);
            for c in [s.fg, s.bg].into_iter().flatten() {
                assert!(
                    !matches!(c, Color::Rgb(..) | Color::Indexed(_)),
                    "{slot:?} uses {c:?}"
                );
            }
        }
        assert_eq!(t.style(Slot::StatusOverdue).fg, Some(Color::LightRed));
    }

    #[test]
    fn user_file_replaces_only_the_slots_it_names() {
        let user = "title = { fg = \"#ff8800\", modifiers = [\"italic\"] }\n";
        let (t, w) = Theme::resolve(None, Some((Path::new(USER), user)), false);
        assert!(w.is_empty(), "{w:#?}");
        assert_eq!(
            t.style(Slot::Title),
            Style::default()
                .fg(Color::Rgb(0xff, 0x88, 0x00))
                .add_modifier(Modifier::ITALIC)
        );
        assert_eq!(t.style(Slot::Error), Theme::default().style(Slot::Error));
    }

    #[test]
    fn bad_theme_file_warns_by_line_and_keeps_the_defaults() {
        let user = "# mine\nerror = { fg = \"purpel\" }\nnot_a_slot = {}\ntitle = { modifiers = [\"blink\"] }\nborder = \"red\"\nbadge = { fg = \"red\", shade = 3 }\nwarning = { fg = \"magenta\" }\n";
        let (t, w) = Theme::resolve(None, Some((Path::new(USER), user)), false);
        let lines: Vec<usize> = w.iter().map(|w| w.line).collect();
        assert_eq!(lines, vec![2, 3, 4, 5, 6], "{w:#?}");
        assert!(w.iter().any(|w| w.message.contains("purpel")));
        assert!(w.iter().any(|w| w.message.contains("not_a_slot")));
        let d = Theme::default();
        for slot in [Slot::Error, Slot::Title, Slot::Border, Slot::Badge] {
            assert_eq!(t.style(slot), d.style(slot), "{slot:?} kept");
        }
        assert_eq!(
            t.style(Slot::Warning).fg,
            Some(Color::Magenta),
            "good entry applied"
        );
    }

    #[test]
    fn unparsable_theme_file_is_ignored_with_one_warning() {
        let (t, w) = Theme::resolve(Some("light"), Some((Path::new(USER), "title = {\n")), false);
        assert_eq!(w.len(), 1, "{w:#?}");
        assert!(w[0].line >= 1);
        assert_eq!(t, Theme::builtin("light").expect("built in"));
    }

    #[test]
    fn unknown_theme_name_falls_back_to_dark_with_a_warning() {
        let (t, w) = Theme::resolve(Some("solarized"), None, false);
        assert_eq!(t.name(), "dark");
        assert_eq!(w.len(), 1);
        assert!(w[0].message.contains("solarized"));
    }
}
