//! The editor state of one field: a text area, a choice, or yes/no.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::FieldKind;
use crate::text;
use crate::tui::action::Action;
use crate::tui::theme::{Slot, Theme};

/// The input styles a form applies to its text areas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FieldStyles {
    input: Style,
    focused: Style,
}

impl FieldStyles {
    pub(super) fn from_theme(theme: &Theme) -> Self {
        FieldStyles {
            input: theme.style(Slot::Input),
            focused: theme.style(Slot::InputFocused),
        }
    }
}

pub(super) enum Field {
    Text(Box<TextArea<'static>>),
    Choice {
        selected: Option<usize>,
        /// A stored value that is not one of the choices, kept as it was
        /// until the person picks another.
        unknown: Option<String>,
    },
    Bool(bool),
}

/// What a key did to a field.
pub(super) enum Edit {
    /// Not a key for this field.
    Unchanged,
    Changed,
    /// Only the cursor moved.
    Moved,
    /// Refused: the text would exceed the field's length.
    TooLong,
}

/// What happened to a paste.
pub(super) struct PasteReport {
    /// The field's length after the paste, when that is over its limit.
    pub(super) over: Option<usize>,
    /// Control characters or escape sequences were removed.
    cleaned: bool,
}

impl PasteReport {
    pub(super) fn message(&self, label: &str, max: usize) -> Option<String> {
        let mut parts = Vec::new();
        if let Some(n) = self.over {
            parts.push(format!(
                "貼り付けました。{}。保存の前に短くしてください",
                crate::fields::too_long(label, max, n)
            ));
        }
        if self.cleaned {
            parts.push("制御文字を取り除いて貼り付けました".to_string());
        }
        (!parts.is_empty()).then(|| parts.join("。"))
    }
}

fn single_line(kind: &FieldKind) -> bool {
    !matches!(kind, FieldKind::MultiLine { .. })
}

fn new_textarea(kind: &FieldKind, text: &str) -> TextArea<'static> {
    let mut ta = TextArea::new(text.split('\n').map(str::to_string).collect());
    if !single_line(kind) {
        // Japanese has no spaces to break at: fall back to any character.
        ta.set_wrap_mode(WrapMode::WordOrGlyph);
    }
    ta.set_cursor_line_style(Style::default());
    ta.move_cursor(CursorMove::Bottom);
    ta.move_cursor(CursorMove::End);
    ta
}

fn char_count(ta: &TextArea<'_>) -> usize {
    let lines = ta.lines();
    lines.iter().map(|l| l.chars().count()).sum::<usize>() + lines.len().saturating_sub(1)
}

/// Text as it may be stored in a field: cleaned; one line for one-line fields.
fn clean_for(kind: &FieldKind, s: &str) -> String {
    let cleaned = text::clean_input(s);
    if single_line(kind) {
        cleaned
            .trim_end_matches('\n')
            .chars()
            .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
            .collect()
    } else {
        cleaned
    }
}

impl Field {
    pub(super) fn new(kind: &FieldKind) -> Field {
        match kind {
            FieldKind::Choice(_) => Field::Choice {
                selected: None,
                unknown: None,
            },
            FieldKind::Bool => Field::Bool(false),
            _ => Field::Text(Box::new(new_textarea(kind, ""))),
        }
    }

    pub(super) fn apply_styles(&mut self, styles: &FieldStyles, focused: bool) {
        if let Field::Text(ta) = self {
            let base = if focused {
                styles.focused
            } else {
                styles.input
            };
            ta.set_style(base);
            // Only the focused field shows a cursor.
            let cursor = if focused {
                base.add_modifier(Modifier::REVERSED)
            } else {
                base
            };
            ta.set_cursor_style(cursor);
        }
    }

    pub(super) fn value(&self, kind: &FieldKind) -> String {
        match (self, kind) {
            (Field::Text(ta), _) => ta.lines().join("\n"),
            (Field::Choice { selected, unknown }, FieldKind::Choice(choices)) => selected
                .and_then(|i| choices.get(i))
                .map(|(id, _)| id.clone())
                .or_else(|| unknown.clone())
                .unwrap_or_default(),
            (Field::Bool(b), _) => b.to_string(),
            _ => String::new(),
        }
    }

    pub(super) fn set(&mut self, kind: &FieldKind, v: &str) {
        *self = match kind {
            FieldKind::Choice(choices) => {
                let v = v.trim();
                let selected = choices.iter().position(|(id, _)| id == v);
                let unknown = (selected.is_none() && !v.is_empty()).then(|| v.to_string());
                Field::Choice { selected, unknown }
            }
            FieldKind::Bool => Field::Bool(matches!(v.trim(), "true" | "1" | "はい" | "yes")),
            _ => Field::Text(Box::new(new_textarea(kind, &clean_for(kind, v)))),
        };
    }

    /// The label shown for a choice field's current value.
    pub(super) fn choice_state(&self) -> (Option<usize>, Option<&str>) {
        match self {
            Field::Choice { selected, unknown } => (*selected, unknown.as_deref()),
            _ => (None, None),
        }
    }

    pub(super) fn textarea(&self) -> Option<&TextArea<'static>> {
        match self {
            Field::Text(ta) => Some(ta.as_ref()),
            _ => None,
        }
    }

    /// `key` in this field, with the field-editing action the keymap gave
    /// it: a choice moves by the action or takes its digit, a yes/no
    /// field toggles, a text field takes the key as typed (or a newline).
    pub(super) fn edit(
        &mut self,
        kind: &FieldKind,
        key: &KeyEvent,
        action: Option<Action>,
    ) -> Edit {
        match (self, kind) {
            (Field::Text(ta), kind) => edit_text(ta, kind, key, action),
            (Field::Choice { selected, unknown }, FieldKind::Choice(choices)) => {
                let n = choices.len();
                let next = match (action, key.code) {
                    _ if n == 0 => return Edit::Unchanged,
                    (Some(Action::ChoiceNext), _) => selected.map_or(0, |i| (i + 1) % n),
                    (Some(Action::ChoicePrev), _) => selected.map_or(n - 1, |i| (i + n - 1) % n),
                    (Some(Action::ChoiceClear), _) => {
                        *selected = None;
                        *unknown = None;
                        return Edit::Changed;
                    }
                    // One key per choice: the digit shown beside it.
                    (None, KeyCode::Char(c)) => match choice_for_key(c, n) {
                        Some(i) => i,
                        None => return Edit::Unchanged,
                    },
                    _ => return Edit::Unchanged,
                };
                *selected = Some(next);
                *unknown = None;
                Edit::Changed
            }
            (Field::Bool(b), _) => match action {
                Some(Action::ChoiceNext | Action::ChoicePrev) => {
                    *b = !*b;
                    Edit::Changed
                }
                _ => Edit::Unchanged,
            },
            _ => Edit::Unchanged,
        }
    }

    /// Insert pasted text at the cursor, cleaned of control characters,
    /// whole: text over the field's limit is kept and said (never cut
    /// without a word), so the person shortens it where they choose.
    pub(super) fn paste(&mut self, kind: &FieldKind, pasted: &str) -> PasteReport {
        let cleaned = pasted
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'));
        let Field::Text(ta) = self else {
            return PasteReport {
                over: None,
                cleaned,
            };
        };
        let s = clean_for(kind, pasted);
        if !s.is_empty() {
            ta.insert_str(&s);
        }
        let n = char_count(ta);
        PasteReport {
            over: (n > kind.max_chars()).then_some(n),
            cleaned,
        }
    }
}

/// The digit shown beside choice `i` (from 0): 1–9, then 0 for the
/// tenth; later choices have none (they are reached with the arrows).
pub(super) fn choice_key(i: usize) -> Option<char> {
    match i {
        0..=8 => char::from_digit(i as u32 + 1, 10),
        9 => Some('0'),
        _ => None,
    }
}

/// The choice a typed digit picks among `n` (full-width digits too, as
/// typed with a Japanese input method on).
pub(super) fn choice_for_key(c: char, n: usize) -> Option<usize> {
    let c = match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32)?,
        c => c,
    };
    let i = match c.to_digit(10)? {
        0 => 9,
        d => d as usize - 1,
    };
    (i < n).then_some(i)
}

fn edit_text(
    ta: &mut TextArea<'static>,
    kind: &FieldKind,
    key: &KeyEvent,
    action: Option<Action>,
) -> Edit {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let single = single_line(kind);
    // A line break only by the keymap's `newline` key; the raw forms of
    // Enter a terminal may send otherwise do nothing.
    let newline = action == Some(Action::Newline);
    let raw_newline = matches!(key.code, KeyCode::Enter | KeyCode::Char('\n' | '\r'))
        || (ctrl && key.code == KeyCode::Char('m'));
    let tab = matches!(key.code, KeyCode::Tab | KeyCode::BackTab);
    if (single && (newline || tab)) || (raw_newline && !newline) {
        return Edit::Unchanged;
    }
    let before_lines = ta.lines().to_vec();
    let before_cursor = ta.cursor();
    let before_count = char_count(ta);
    // Readline habits over the text area's own: Ctrl-U clears to the start
    // of the line (not undo), Ctrl-Z / Ctrl-Y undo and redo.
    let changed = match key.code {
        _ if newline => {
            ta.insert_newline();
            true
        }
        KeyCode::Char('u') if ctrl => ta.delete_line_by_head(),
        KeyCode::Char('z') if ctrl => ta.undo(),
        KeyCode::Char('y') if ctrl => ta.redo(),
        _ => ta.input(*key),
    };
    if !changed {
        return if ta.cursor() != before_cursor {
            Edit::Moved
        } else {
            Edit::Unchanged
        };
    }
    // Only growth is refused: a loaded value already over the limit can
    // still be shortened.
    let after = char_count(ta);
    let too_long = after > kind.max_chars() && after > before_count;
    if too_long || (single && ta.lines().len() > 1) {
        // Put the text back exactly as it was.
        ta.undo();
        if ta.lines() != before_lines.as_slice() {
            let style = ta.style();
            let cursor_style = ta.cursor_style();
            *ta = new_textarea(kind, &before_lines.join("\n"));
            ta.set_style(style);
            ta.set_cursor_style(cursor_style);
        }
        return if too_long {
            Edit::TooLong
        } else {
            Edit::Unchanged
        };
    }
    Edit::Changed
}

/// Half-width digits, no thousands separators; a Japanese error otherwise.
pub(super) fn normalize_number(s: &str) -> Result<String, String> {
    let t: String = s
        .chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '．' => Some('.'),
            '－' | 'ー' | '−' => Some('-'),
            ',' | '，' => None,
            c => Some(c),
        })
        .collect();
    let digits = t.strip_prefix('-').unwrap_or(&t);
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let all_digits = |p: &str| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit());
    if all_digits(int) && frac.is_none_or(all_digits) {
        Ok(t)
    } else {
        Err("数値で入力してください（例: 20、17.5）".to_string())
    }
}
