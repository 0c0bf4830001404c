//! Drawing a form: labels in a left column padded by display width, the
//! fields to their right, a message under any field with a problem, and a
//! status line at the bottom. The form scrolls so the focused field is
//! always whole on screen. Drawing reads the form and changes nothing.
//!
//! Only unambiguous-width symbols are used (ASCII and full-width forms):
//! CJK terminals draw "ambiguous" symbols like ● ▲ ↑ two columns wide,
//! which would break the layout.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::choice_view::{choice_cut, choice_line};
use super::{FieldKind, Form};
use crate::text;
use crate::tui::theme::{Slot, Theme};

/// Rows a multi-line field takes.
const MULTILINE_ROWS: u16 = 4;

/// Draws `form` with `theme`.
pub(crate) struct FormView<'a> {
    pub form: &'a Form,
    pub theme: &'a Theme,
}

pub(super) struct Row {
    pub(super) field: usize,
    /// The section heading above the field, if it starts one.
    heading: Option<Rect>,
    pub(super) label: Rect,
    pub(super) value: Rect,
    pub(super) error: Option<Rect>,
}

pub(super) struct Layout {
    pub(super) rows: Vec<Row>,
    status: Rect,
    more_above: bool,
    more_below: bool,
}

/// Rows a field takes with its section heading.
fn spec_rows(spec: &super::FieldSpec) -> u16 {
    field_rows(&spec.kind) + u16::from(spec.heading.is_some())
}

/// Rows the status line may grow to for a long message.
const STATUS_ROWS: u16 = 3;
/// Rows a field's problem may take under it.
const ERROR_ROWS: u16 = 3;

/// The rows `error` takes wrapped at `width` (none without one).
fn error_rows(error: Option<&str>, width: u16) -> u16 {
    error.map_or(0, |e| {
        (text::wrap(&error_text(e), width as usize).len() as u16).clamp(1, ERROR_ROWS)
    })
}

fn error_text(e: &str) -> String {
    format!("！{}", text::for_display(e))
}

fn field_rows(kind: &FieldKind) -> u16 {
    match kind {
        FieldKind::MultiLine { .. } => MULTILINE_ROWS,
        _ => 1,
    }
}

impl Form {
    fn block(&self, theme: &Theme, above: bool, below: bool) -> Block<'static> {
        let mut block = Block::bordered()
            .border_style(theme.style(Slot::BorderFocused))
            .title(Line::styled(
                format!(" {} ", text::for_display(&self.title)),
                theme.style(Slot::Title),
            ));
        if above {
            block = block.title_top(
                Line::styled("（上に続きます）", theme.style(Slot::Dim)).right_aligned(),
            );
        }
        if below {
            block = block.title_bottom(
                Line::styled("（下に続きます）", theme.style(Slot::Dim)).right_aligned(),
            );
        }
        block
    }

    pub(super) fn label_width(&self, inner: Rect) -> u16 {
        let widest = self
            .specs
            .iter()
            .map(|s| text::width(&text::for_display(&s.label)))
            .max()
            .unwrap_or(0) as u16;
        // label, required mark, one space
        (widest + 2).min(inner.width / 3).max(4)
    }

    pub(super) fn layout(&self, inner: Rect) -> Layout {
        let lw = self.label_width(inner);
        let vx = inner.x + lw + 1;
        let vw = inner.width.saturating_sub(lw + 1);
        // The status line grows (to STATUS_ROWS) for a message that needs it.
        let status_h = (self.status_lines(inner.width, lw).len() as u16)
            .clamp(1, STATUS_ROWS)
            .min(inner.height);
        let view_h = inner.height.saturating_sub(status_h);
        let heights: Vec<u16> = self
            .specs
            .iter()
            .zip(&self.errors)
            .map(|(s, e)| spec_rows(s) + error_rows(e.as_deref(), vw))
            .collect();
        let mut tops = Vec::with_capacity(heights.len());
        let mut y = 0u16;
        for h in &heights {
            tops.push(y);
            y = y.saturating_add(*h);
        }
        let total = y;
        // Scroll to a field boundary so the focused field is whole.
        let f = self.focus.min(heights.len().saturating_sub(1));
        let offset = match tops.get(f) {
            Some(&ftop) => {
                let fbottom = ftop + heights[f];
                tops[..=f]
                    .iter()
                    .copied()
                    .find(|&t| fbottom - t <= view_h)
                    .unwrap_or(ftop)
            }
            None => 0,
        };
        let mut rows = Vec::new();
        for (i, spec) in self.specs.iter().enumerate() {
            let Some(rel) = tops[i].checked_sub(offset).filter(|r| *r < view_h) else {
                continue;
            };
            let hh = u16::from(spec.heading.is_some()).min(view_h - rel);
            let heading = (hh > 0).then(|| Rect::new(inner.x, inner.y + rel, inner.width, 1));
            let y = inner.y + rel + hh;
            let room = view_h - rel - hh;
            if room == 0 {
                continue;
            }
            let fh = field_rows(&spec.kind).min(room);
            let eh = error_rows(self.errors[i].as_deref(), vw).min(room - fh);
            let error = (eh > 0).then(|| Rect::new(vx, y + fh, vw, eh));
            rows.push(Row {
                field: i,
                heading,
                label: Rect::new(inner.x, y, lw, 1),
                value: Rect::new(vx, y, vw, fh),
                error,
            });
        }
        Layout {
            rows,
            status: Rect::new(inner.x, inner.y + view_h, inner.width, status_h),
            more_above: offset > 0,
            more_below: total.saturating_sub(offset) > view_h,
        }
    }

    pub(super) fn inner(&self, area: Rect) -> Rect {
        Block::bordered().inner(area)
    }

    /// Where the terminal cursor belongs (the focused text field's cursor),
    /// for `Frame::set_cursor_position`: the IME draws its composition
    /// there. Call after drawing the form into the same `area`.
    pub fn cursor_position(&self, area: Rect) -> Option<Position> {
        if self.confirm_discard {
            return None;
        }
        if self.jump.is_some() {
            return self.jump_cursor(self.inner(area));
        }
        let layout = self.layout(self.inner(area));
        let row = layout.rows.iter().find(|r| r.field == self.focus)?;
        let ta = self.fields.get(self.focus)?.textarea()?;
        let sc = ta.screen_cursor();
        let (top, left) = ta.scroll_offset();
        let dy = (sc.row as u16).checked_sub(top)?;
        let dx = (sc.col as u16).checked_sub(left)?;
        (dy < row.value.height && dx < row.value.width)
            .then(|| Position::new(row.value.x + dx, row.value.y + dy))
    }

    fn render_label(&self, row: &Row, theme: &Theme, buf: &mut Buffer) {
        let spec = &self.specs[row.field];
        let focused = row.field == self.focus;
        let style = if focused {
            theme.style(Slot::Title)
        } else {
            theme.style(Slot::Normal)
        };
        // label, then the required mark right after it, padded to the column
        let w = row.label.width.saturating_sub(2) as usize;
        let label = text::truncate(&text::for_display(&spec.label), w).into_owned();
        let pad = row.label.width as usize - text::width(&label).min(row.label.width as usize);
        let (mark, pad) = match (spec.required, pad) {
            (true, p) if p > 0 => ("*", p - 1),
            (_, p) => ("", p),
        };
        let line = Line::from(vec![
            Span::styled(label, style),
            Span::styled(mark, theme.style(Slot::Warning)),
            Span::raw(" ".repeat(pad)),
        ]);
        buf.set_line(row.label.x, row.label.y, &line, row.label.width);
    }

    fn render_value(&self, row: &Row, theme: &Theme, buf: &mut Buffer) {
        let i = row.field;
        let spec = &self.specs[i];
        let focused = i == self.focus;
        let field = &self.fields[i];
        let area = row.value;
        if let Some(ta) = field.textarea() {
            ta.render(area, buf);
            // An empty field says what to enter, when the form says more
            // than the kind does (after the cursor, when it has it).
            if let Some(hint) = &spec.hint
                && ta.is_empty()
                && area.width > 2
            {
                let x = area.x + u16::from(focused);
                let line =
                    Line::styled(text::for_display(hint).into_owned(), theme.style(Slot::Dim));
                buf.set_line(x, area.y, &line, area.width - u16::from(focused));
            }
            return;
        }
        let base = if focused {
            theme.style(Slot::InputFocused)
        } else {
            theme.style(Slot::Normal)
        };
        let line = match &spec.kind {
            FieldKind::Choice(choices) => choice_line(
                field.choice_state(),
                choices,
                area.width,
                base,
                theme,
                focused,
            ),
            FieldKind::Bool => {
                let on = field.value(&spec.kind) == "true";
                Line::styled(if on { "[x] はい" } else { "[ ] いいえ" }, base)
            }
            _ => Line::default(),
        };
        buf.set_line(area.x, area.y, &line, area.width);
    }

    /// `12/200字` for a text field in focus, else empty.
    fn counter(&self) -> String {
        let Some(spec) = self.specs.get(self.focus) else {
            return String::new();
        };
        match spec.kind {
            FieldKind::Text { max_chars } | FieldKind::MultiLine { max_chars } => format!(
                "{}/{}字",
                self.fields[self.focus].value(&spec.kind).chars().count(),
                max_chars
            ),
            _ => String::new(),
        }
    }

    /// The status line's text, wrapped to `width` (a form `width` wide
    /// inside, labels `lw` wide): the message, or the focused field's help —
    /// its full label when the column cuts it, its whole choice when the
    /// field shows it cut, and what it expects.
    pub(super) fn status_lines(&self, width: u16, lw: u16) -> Vec<String> {
        if self.confirm_discard {
            return vec![String::new()];
        }
        if let Some(msg) = &self.message {
            return text::wrap(&text::for_display(msg), width as usize);
        }
        let Some(spec) = self.specs.get(self.focus) else {
            return vec![String::new()];
        };
        let mut parts = Vec::new();
        let label = text::for_display(&spec.label);
        if text::width(&label) > lw.saturating_sub(2) as usize {
            parts.push(label.into_owned());
        }
        if let FieldKind::Choice(choices) = &spec.kind
            && let (Some(i), None) = self.fields[self.focus].choice_state()
            && let Some((_, chosen)) = choices.get(i)
        {
            let vw = width.saturating_sub(lw + 1);
            if choice_cut(chosen, choices.len(), vw) {
                parts.push(format!("選択中: {}", text::for_display(chosen)));
            }
        }
        let hint = match &spec.hint {
            Some(h) => text::for_display(h).into_owned(),
            None => self.keys.hint(&spec.kind),
        };
        if !hint.is_empty() {
            parts.push(hint);
        }
        // The quick choice can be picked from here too.
        if let Some(q) = self.quick_field()
            && q.id != spec.id
            && let Some(h) = self.keys.quick_hint(&text::for_display(&q.label))
        {
            parts.push(h);
        }
        let room = width.saturating_sub(text::width(&self.counter()) as u16 + 1);
        text::wrap(&parts.join("　"), room as usize)
    }

    fn render_status(&self, area: Rect, theme: &Theme, buf: &mut Buffer) {
        if area.height == 0 {
            return;
        }
        let warn = theme
            .style(Slot::Warning)
            .add_modifier(ratatui::style::Modifier::BOLD);
        if self.confirm_discard {
            let line = Line::styled("変更を破棄しますか？ (y/n)", warn);
            buf.set_line(area.x, area.y, &line, area.width);
            return;
        }
        if let Some(msg) = &self.message {
            for (dy, l) in text::wrap(&text::for_display(msg), area.width as usize)
                .into_iter()
                .take(area.height as usize)
                .enumerate()
            {
                buf.set_line(
                    area.x,
                    area.y + dy as u16,
                    &Line::styled(l, warn),
                    area.width,
                );
            }
            return;
        }
        if self.specs.get(self.focus).is_none() {
            return;
        }
        let counter = self.counter();
        let cw = text::width(&counter) as u16;
        let lw = self.label_width(Rect::new(0, 0, area.width, 1));
        for (dy, l) in self
            .status_lines(area.width, lw)
            .into_iter()
            .take(area.height as usize)
            .enumerate()
        {
            buf.set_line(
                area.x,
                area.y + dy as u16,
                &Line::styled(l, theme.style(Slot::Dim)),
                area.width.saturating_sub(cw + 1),
            );
        }
        if cw > 0 && cw <= area.width {
            buf.set_line(
                area.x + area.width - cw,
                area.y,
                &Line::styled(counter, theme.style(Slot::Dim)),
                cw,
            );
        }
    }
}

impl Widget for FormView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let form = self.form;
        let theme = self.theme;
        Clear.render(area, buf);
        buf.set_style(area, theme.style(Slot::Normal));
        let inner = form.inner(area);
        if form.jump.is_some() {
            form.block(theme, false, false).render(area, buf);
            form.render_jump(inner, theme, buf);
            return;
        }
        let layout = form.layout(inner);
        form.block(theme, layout.more_above, layout.more_below)
            .render(area, buf);
        for row in &layout.rows {
            if let (Some(r), Some(h)) = (row.heading, &form.specs[row.field].heading) {
                // 【】 are full-width everywhere: no ambiguous-width symbol.
                let line = Line::styled(
                    text::truncate(&format!("【{}】", text::for_display(h)), r.width as usize)
                        .into_owned(),
                    theme.style(Slot::Title),
                );
                buf.set_line(r.x, r.y, &line, r.width);
            }
            form.render_label(row, theme, buf);
            form.render_value(row, theme, buf);
            if let (Some(r), Some(msg)) = (row.error, &form.errors[row.field]) {
                let lines = text::wrap(&error_text(msg), r.width as usize);
                for (dy, l) in lines.iter().take(r.height as usize).enumerate() {
                    let last = dy + 1 == r.height as usize && lines.len() > r.height as usize;
                    let l = if last {
                        text::truncate(&format!("{l}…"), r.width as usize).into_owned()
                    } else {
                        l.clone()
                    };
                    buf.set_line(
                        r.x,
                        r.y + dy as u16,
                        &Line::styled(l, theme.style(Slot::Error)),
                        r.width,
                    );
                }
            }
        }
        form.render_status(layout.status, theme, buf);
    }
}
