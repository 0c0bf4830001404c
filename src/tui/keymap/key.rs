//! One key as written in a keymap file ("j", "<C-s>", "<S-Tab>") and as
//! reported by the terminal, normalized so the two compare equal.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key with its modifiers, normalized: a character carries its own case
/// (so `G` has no Shift), Shift+Tab is `BackTab`, and only Ctrl/Alt/Shift
/// are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const NAMED: &[(&str, KeyCode)] = &[
    ("tab", KeyCode::Tab),
    ("enter", KeyCode::Enter),
    ("cr", KeyCode::Enter),
    ("return", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("escape", KeyCode::Esc),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("pageup", KeyCode::PageUp),
    ("pgup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("pgdn", KeyCode::PageDown),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("backspace", KeyCode::Backspace),
    ("bs", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("del", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("space", KeyCode::Char(' ')),
    ("lt", KeyCode::Char('<')),
    ("gt", KeyCode::Char('>')),
];

impl Key {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Self {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let mut code = code;
        match code {
            // Terminals report Shift+Tab as BackTab, some with Shift set.
            KeyCode::BackTab => mods.remove(KeyModifiers::SHIFT),
            KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => {
                code = KeyCode::BackTab;
                mods.remove(KeyModifiers::SHIFT);
            }
            KeyCode::Char(c) => {
                // The character already says whether Shift was held ("G", "?").
                if mods.contains(KeyModifiers::SHIFT) && c.is_ascii_lowercase() {
                    code = KeyCode::Char(c.to_ascii_uppercase());
                }
                mods.remove(KeyModifiers::SHIFT);
                // Legacy terminals cannot tell Ctrl+S from Ctrl+s.
                if mods.contains(KeyModifiers::CONTROL) && c.is_ascii_uppercase() {
                    code = KeyCode::Char(c.to_ascii_lowercase());
                }
            }
            _ => {}
        }
        Key { code, mods }
    }

    pub fn from_event(ev: &KeyEvent) -> Self {
        Key::new(ev.code, ev.modifiers)
    }

    /// Parse keymap notation. The error is a Japanese message.
    pub fn parse(s: &str) -> Result<Key, String> {
        let bad = || {
            format!(
                "「{}」はキーとして読めません（書き方の例: \"j\", \"G\", \"<C-s>\", \"<Tab>\", \"<S-Tab>\", \"<PageDown>\"）",
                crate::text::for_display(s)
            )
        };
        let mut chars = s.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            if c.is_control() {
                return Err(bad());
            }
            return Ok(Key::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        let inner = s
            .strip_prefix('<')
            .and_then(|r| r.strip_suffix('>'))
            .filter(|r| !r.is_empty())
            .ok_or_else(bad)?;
        let mut mods = KeyModifiers::NONE;
        let mut rest = inner;
        // Modifier prefixes: C- A- M- S-, in any order; "-" alone is a key.
        while let Some((m, tail)) = rest.split_once('-') {
            if tail.is_empty() {
                break;
            }
            mods |= match m.to_ascii_lowercase().as_str() {
                "c" | "ctrl" => KeyModifiers::CONTROL,
                "a" | "m" | "alt" => KeyModifiers::ALT,
                "s" | "shift" => KeyModifiers::SHIFT,
                _ => return Err(bad()),
            };
            rest = tail;
        }
        let mut rc = rest.chars();
        let code = if let (Some(c), None) = (rc.next(), rc.next()) {
            if mods.contains(KeyModifiers::SHIFT) && !c.is_ascii_alphabetic() {
                // Shift with a symbol depends on the keyboard layout.
                return Err(bad());
            }
            KeyCode::Char(c)
        } else {
            let lower = rest.to_ascii_lowercase();
            if let Some(&(_, code)) = NAMED.iter().find(|(n, _)| *n == lower) {
                code
            } else if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                if !(1..=24).contains(&n) {
                    return Err(bad());
                }
                KeyCode::F(n)
            } else {
                return Err(bad());
            }
        };
        Ok(Key::new(code, mods))
    }

    /// The keymap-file spelling, e.g. `<C-s>`.
    pub fn notation(&self) -> String {
        let mut pre = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            pre.push_str("C-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            pre.push_str("A-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            pre.push_str("S-");
        }
        let name = match self.code {
            KeyCode::Char('<') => "lt".to_string(),
            KeyCode::Char('>') => "gt".to_string(),
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) if pre.is_empty() => return c.to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::BackTab => {
                pre.push_str("S-");
                "Tab".to_string()
            }
            KeyCode::Tab => "Tab".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Up => "Up".into(),
            KeyCode::Down => "Down".into(),
            KeyCode::Left => "Left".into(),
            KeyCode::Right => "Right".into(),
            KeyCode::PageUp => "PageUp".into(),
            KeyCode::PageDown => "PageDown".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Delete".into(),
            KeyCode::Insert => "Insert".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        format!("<{pre}{name}>")
    }
}

/// The label shown in help and the hint bar: `Ctrl+s`, `Shift+Tab`, `Down`.
impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl+")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt+")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift+")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::BackTab => f.write_str("Shift+Tab"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            // Words, not arrows: CJK terminals draw arrows two columns wide.
            KeyCode::Up => f.write_str("Up"),
            KeyCode::Down => f.write_str("Down"),
            KeyCode::Left => f.write_str("Left"),
            KeyCode::Right => f.write_str("Right"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::Backspace => f.write_str("BS"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Insert => f.write_str("Ins"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEventKind;

    fn ev(code: KeyCode, mods: KeyModifiers) -> Key {
        Key::from_event(&KeyEvent::new_with_kind(code, mods, KeyEventKind::Press))
    }

    #[test]
    fn notation_parses_to_what_the_terminal_reports() {
        let cases = [
            ("j", ev(KeyCode::Char('j'), KeyModifiers::NONE)),
            ("G", ev(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            ("?", ev(KeyCode::Char('?'), KeyModifiers::SHIFT)),
            ("<C-s>", ev(KeyCode::Char('s'), KeyModifiers::CONTROL)),
            ("<c-S>", ev(KeyCode::Char('s'), KeyModifiers::CONTROL)),
            ("<Tab>", ev(KeyCode::Tab, KeyModifiers::NONE)),
            ("<S-Tab>", ev(KeyCode::BackTab, KeyModifiers::SHIFT)),
            ("<Esc>", ev(KeyCode::Esc, KeyModifiers::NONE)),
            ("<Enter>", ev(KeyCode::Enter, KeyModifiers::NONE)),
            ("<Up>", ev(KeyCode::Up, KeyModifiers::NONE)),
            ("<PageDown>", ev(KeyCode::PageDown, KeyModifiers::NONE)),
            ("<Space>", ev(KeyCode::Char(' '), KeyModifiers::NONE)),
            ("<A-x>", ev(KeyCode::Char('x'), KeyModifiers::ALT)),
            ("<C-->", ev(KeyCode::Char('-'), KeyModifiers::CONTROL)),
            ("<F5>", ev(KeyCode::F(5), KeyModifiers::NONE)),
        ];
        for (s, want) in cases {
            assert_eq!(Key::parse(s), Ok(want), "{s}");
        }
    }

    #[test]
    fn unreadable_keys_are_reported_in_japanese_not_panicked_on() {
        for s in [
            "", "<>", "<Foo>", "ctrl-s", "<X-s>", "<S-?>", "<F99>", "\u{1b}", "jj",
        ] {
            let err = Key::parse(s).expect_err(s);
            assert!(err.contains("キーとして読めません"), "{err}");
            assert!(!err.contains('\u{1b}'));
        }
    }

    #[test]
    fn notation_round_trips_and_labels_are_friendly() {
        for s in [
            "j",
            "G",
            "<C-s>",
            "<S-Tab>",
            "<PageDown>",
            "<Space>",
            "<lt>",
            "<A-Enter>",
        ] {
            let k = Key::parse(s).expect(s);
            assert_eq!(Key::parse(&k.notation()), Ok(k), "{s}");
        }
        let label = |s: &str| Key::parse(s).expect(s).to_string();
        assert_eq!(label("<C-s>"), "Ctrl+s");
        assert_eq!(label("<S-Tab>"), "Shift+Tab");
        assert_eq!(label("<Down>"), "Down");
    }
}
