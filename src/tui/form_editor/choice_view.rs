//! A choice field's line: every choice with its digit when they fit,
//! else the chosen one alone between marks with its n/m.

use ratatui::text::{Line, Span};

use crate::text;
use crate::tui::theme::{Slot, Theme};

/// The marker after a choice shown alone: ` 2/5`.
fn choice_pos(i: usize, n: usize) -> String {
    format!(" {}/{}", i + 1, n)
}

/// Whether `chosen`, shown alone between marks with its n/m, is cut at
/// `width` columns.
pub(super) fn choice_cut(chosen: &str, n: usize, width: u16) -> bool {
    let all = 4 + text::width(&text::for_display(chosen)) + text::width(&choice_pos(n, n));
    all > width as usize
}

/// All choices in a row when they fit, the chosen one marked; otherwise
/// just the chosen one between < >.
pub(super) fn choice_line(
    (selected, unknown): (Option<usize>, Option<&str>),
    choices: &[(String, String)],
    width: u16,
    base: ratatui::style::Style,
    theme: &Theme,
    focused: bool,
) -> Line<'static> {
    if let Some(u) = unknown {
        return Line::styled(
            format!("（一覧にない値: {}）", text::for_display(u)),
            theme.style(Slot::Warning),
        );
    }
    let picked = if focused {
        theme.style(Slot::Selected)
    } else {
        theme
            .style(Slot::Normal)
            .add_modifier(ratatui::style::Modifier::BOLD)
    };
    let mut spans = Vec::new();
    let mut used = 0usize;
    for (i, (_, label)) in choices.iter().enumerate() {
        let on = selected == Some(i);
        // The digit that picks it, then the mark.
        let item = format!(
            "{}({}){}",
            super::field::choice_key(i)
                .map(String::from)
                .unwrap_or_default(),
            if on { "*" } else { " " },
            text::for_display(label)
        );
        used += text::width(&item) + 2;
        spans.push(Span::styled(
            item,
            if on { picked } else { theme.style(Slot::Dim) },
        ));
        spans.push(Span::raw("  "));
    }
    if used <= width as usize {
        return Line::from(spans);
    }
    let label = selected
        .and_then(|i| choices.get(i))
        .map(|(_, l)| text::for_display(l).into_owned())
        .unwrap_or_else(|| "（未選択）".to_string());
    let pos = selected
        .map(|i| choice_pos(i, choices.len()))
        .unwrap_or_default();
    // The closing mark and n/m always show: a long choice is cut inside
    // the marks, and the help line under the form gives it whole.
    let room = (width as usize).saturating_sub(4 + text::width(&pos));
    let label = text::truncate(&label, room).into_owned();
    Line::from(vec![
        Span::styled(format!("‹ {label} ›"), base),
        Span::styled(pos, theme.style(Slot::Dim)),
    ])
}
