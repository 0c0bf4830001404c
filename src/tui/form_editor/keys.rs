//! The keys that edit a field, as the keymap binds them, and the help
//! line's words for them: a rebound key is named as it is bound, never
//! by hand.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::FieldKind;
use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, Mode};

/// The field-editing keys of one keymap, in the words the help line uses.
#[derive(Debug, Clone)]
pub(crate) struct FormKeys {
    next: String,
    prev: String,
    /// The first of them: what a yes/no field is toggled with.
    toggle: String,
    clear: String,
    newline: String,
    /// The modifier that, with a choice's digit, picks the form's quick
    /// field from any field (`quick_choice`), and its name (`Alt+`).
    quick: Option<(KeyModifiers, String)>,
}

impl Default for FormKeys {
    fn default() -> Self {
        FormKeys::new(&Keymap::default())
    }
}

impl FormKeys {
    pub(crate) fn new(keymap: &Keymap) -> FormKeys {
        let names = |action| {
            keymap
                .keys_for(Mode::Form, action)
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("/")
        };
        // The first key written for quick_choice shows the modifier; any
        // digit goes with it.
        let quick = keymap
            .keys_for(Mode::Form, Action::QuickChoice)
            .first()
            .filter(|k| !k.mods.is_empty())
            .map(|k| {
                let shown = k.to_string();
                let digit = shown.chars().last().filter(char::is_ascii_digit);
                let prefix = match digit {
                    Some(d) => shown.trim_end_matches(d).to_string(),
                    None => format!("{shown} "),
                };
                (k.mods, prefix)
            });
        let toggle = [Action::ChoiceNext, Action::ChoicePrev]
            .iter()
            .find_map(|&a| {
                keymap
                    .keys_for(Mode::Form, a)
                    .first()
                    .map(ToString::to_string)
            })
            .unwrap_or_default();
        FormKeys {
            toggle,
            next: names(Action::ChoiceNext),
            prev: names(Action::ChoicePrev),
            clear: names(Action::ChoiceClear),
            newline: names(Action::Newline),
            quick,
        }
    }

    /// The choice's digit when `key` is the quick-choice modifier with a
    /// digit.
    pub(crate) fn quick_digit(&self, key: &KeyEvent) -> Option<char> {
        let (mods, _) = self.quick.as_ref()?;
        match key.code {
            KeyCode::Char(c) if key.modifiers == *mods && c.is_ascii_digit() => Some(c),
            _ => None,
        }
    }

    /// 「Alt+数字で方法」: how the quick field is picked from elsewhere.
    pub(crate) fn quick_hint(&self, label: &str) -> Option<String> {
        let (_, prefix) = self.quick.as_ref()?;
        Some(format!("{prefix}数字で{label}"))
    }

    /// What a field of `kind` expects, for its help line.
    pub(crate) fn hint(&self, kind: &FieldKind) -> String {
        let either = |a: &str, b: &str| match (a.is_empty(), b.is_empty()) {
            (false, false) => format!("{a}/{b}"),
            (false, true) => a.to_string(),
            _ => b.to_string(),
        };
        match kind {
            FieldKind::Choice(_) => {
                let moves = either(&self.next, &self.prev);
                let pick = if moves.is_empty() {
                    "数字で選ぶ".to_string()
                } else {
                    format!("数字・{moves}で選ぶ")
                };
                if self.clear.is_empty() {
                    pick
                } else {
                    format!("{pick}（{}で未選択）", self.clear)
                }
            }
            FieldKind::Bool if self.toggle.is_empty() => String::new(),
            FieldKind::Bool => format!("{}で切り替え", self.toggle),
            FieldKind::Date => "日付を入力（項目を離れると確かめます）".into(),
            FieldKind::Number => "数値を入力".into(),
            FieldKind::MultiLine { .. } if !self.newline.is_empty() => {
                format!("{}で改行", self.newline)
            }
            FieldKind::MultiLine { .. } | FieldKind::Text { .. } => String::new(),
        }
    }
}
