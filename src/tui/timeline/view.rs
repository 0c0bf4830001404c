//! Drawing the timeline: one row per item, status as glyph AND word
//! (never color alone), the due day in compact 和暦 (R8.6.30), a line for
//! today. Drawing reads the timeline and changes nothing.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::{Entry, Row, Timeline};
use crate::dates::YearMonth;
use crate::model::{Obligation, RecordRef, Status};
use crate::text;
use crate::tui::client_list::scrolled;
use crate::tui::theme::{Slot, Theme};
use crate::wareki;

const LABEL_W: usize = 10;
/// Wide enough for 対象外 with its short reason (`対象外(非開示)`): the
/// column widens to it only in a timeline that has one.
const LABEL_MAX: usize = 8 + crate::model::SHORT_REASON_W;

/// The status column's width for `t`: its widest status word.
fn label_w(t: &Timeline) -> usize {
    t.obligations
        .iter()
        .map(|o| text::width(&o.status_short()))
        .max()
        .unwrap_or(0)
        .clamp(LABEL_W, LABEL_MAX)
}
const DATE_W: usize = 8;
/// From this inner width the record that satisfied an item gets a column.
const WIDE_ROWS: usize = 60;
/// From this many free columns the full title is shown, else the short name.
const LONG_TITLE: usize = 40;
const SATISFIED_W: usize = 13;

pub(crate) struct TimelineView<'a> {
    pub timeline: Option<&'a Timeline>,
    /// Shown when no timeline is loaded yet (no client, or loading).
    pub placeholder: &'a str,
    pub title: &'a str,
    pub theme: &'a Theme,
    pub focused: bool,
}

/// "!! 期限超過 " etc.: glyph and word in the status's style.
pub(crate) fn status_spans(o: &Obligation, lw: usize, theme: &Theme) -> Vec<Span<'static>> {
    // A late 努力義務 reads (glyph, color, word) as apart from a 必須 miss.
    let style = theme.style(Slot::for_status(o.drawn_status()));
    vec![
        Span::styled(format!("{:<2} ", o.drawn_status().glyph()), style),
        Span::styled(text::fit(&o.status_short(), lw), style),
    ]
}

pub(crate) fn status_spans_of(status: Status, label: &str, theme: &Theme) -> Vec<Span<'static>> {
    status_spans_w(status, label, LABEL_W, theme)
}

fn status_spans_w(status: Status, label: &str, lw: usize, theme: &Theme) -> Vec<Span<'static>> {
    let style = theme.style(Slot::for_status(status));
    vec![
        Span::styled(format!("{:<2} ", status.glyph()), style),
        Span::styled(text::fit(label, lw), style),
    ]
}

/// "記録 R8.5.20" for the record that satisfied an item.
pub(crate) fn satisfied_text(r: &RecordRef) -> String {
    let kind = match r {
        RecordRef::Contact { .. } => "記録",
        RecordRef::Report { .. } => "報告",
        RecordRef::Plan { .. } => "計画",
        RecordRef::Handover { .. } => "引継",
    };
    format!("{kind} {}", wareki::format_short(r.date()))
}

/// The obligation's title with its month for monthly items.
pub(crate) fn obligation_title(o: &Obligation) -> String {
    earlier_job(o.job, with_period(o.title, o.period))
}

/// An item an earlier job kept (`job`: that job's anchor) is marked so at
/// its front, where it is never cut.
pub(crate) fn earlier_job(job: Option<chrono::NaiveDate>, title: String) -> String {
    if job.is_some() {
        format!("前職 {title}")
    } else {
        title
    }
}

/// The short name (narrow columns) with its month for monthly items.
pub(crate) fn short_title(o: &Obligation) -> String {
    earlier_job(o.job, short_title_of(o.id, o.title, o.period))
}

pub(crate) fn short_title_of(id: &str, title: &'static str, period: Option<YearMonth>) -> String {
    let short = crate::tui::engine::rule(id)
        .map(|r| r.short)
        .unwrap_or(title);
    with_period(short, period)
}

pub(crate) fn with_period(title: &str, period: Option<YearMonth>) -> String {
    match period {
        Some(p) => format!("{}（{}月）", title, p.month),
        None => title.to_string(),
    }
}

fn obligation_line(o: &Obligation, lw: usize, width: usize, theme: &Theme) -> Line<'static> {
    let mut spans = status_spans(o, lw, theme);
    spans.push(Span::raw(" "));
    spans.push(Span::styled(
        text::fit(&wareki::format_short(o.due), DATE_W),
        theme.style(Slot::Normal),
    ));
    spans.push(Span::raw(" "));
    let used = 3 + lw + 1 + DATE_W + 1;
    let rest = width.saturating_sub(used);
    if width >= WIDE_ROWS {
        let tw = rest.saturating_sub(SATISFIED_W + 1);
        let title = if tw >= LONG_TITLE {
            obligation_title(o)
        } else {
            short_title(o)
        };
        let title = text::for_display(&title).into_owned();
        // The record that satisfied it, or why it is 対象外 (the label
        // column is too narrow for a reason).
        let sat = o
            .satisfied_by
            .as_ref()
            .map(satisfied_text)
            .or_else(|| {
                let r = o.waived_reason.as_deref()?;
                Some(text::for_display(r).into_owned())
            })
            .unwrap_or_default();

        spans.push(Span::styled(
            text::fit(&title, tw),
            theme.style(Slot::Normal),
        ));
        spans.push(Span::raw(" "));
        spans.push(Span::styled(
            text::fit(&sat, SATISFIED_W),
            theme.style(Slot::Dim),
        ));
    } else {
        let title = text::for_display(&short_title(o)).into_owned();
        spans.push(Span::styled(
            text::fit(&title, rest),
            theme.style(Slot::Normal),
        ));
    }
    Line::from(spans)
}

fn month_line(t: &Timeline, row: &Row, width: usize, theme: &Theme) -> Line<'static> {
    let Row::Month {
        month,
        folded,
        items,
    } = *row
    else {
        return Line::default();
    };
    let mark = if folded { "+" } else { "-" };
    let mut s = format!("{mark} {}", wareki::format_year_month(month));
    let mut overdue = 0;
    if folded {
        let (mut tasks, mut done, mut waived, mut earlier) = (0, 0, 0, false);
        let mut effort = 0;
        for e in t.month_entries(month) {
            if let Entry::Obligation(i) = e {
                earlier |= t.obligations[i].job.is_some();
                match t.obligations[i].status {
                    Status::Waived => waived += 1,
                    Status::Done => {
                        tasks += 1;
                        done += 1;
                    }
                    Status::Overdue if t.obligations[i].is_required() => {
                        tasks += 1;
                        overdue += 1;
                    }
                    Status::Overdue => {
                        tasks += 1;
                        effort += 1;
                    }
                    _ => tasks += 1,
                }
            }
        }
        let records = items - tasks - waived;
        let mut parts = Vec::new();
        if earlier {
            parts.push("前職".to_string());
        }
        // What was missed stays in sight when its month is folded: first,
        // so a narrow pane never cuts it.
        if overdue > 0 {
            parts.push(format!("!! 超過 {overdue}"));
        }
        if effort > 0 {
            parts.push(format!("! 努力義務の超過 {effort}"));
        }
        if tasks > 0 {
            parts.push(format!("完了 {done}/{tasks}"));
        }
        if waived > 0 {
            parts.push(format!("対象外 {waived}"));
        }
        if records > 0 {
            parts.push(format!("記録 {records}"));
        }
        s.push_str(&format!("（{}）", parts.join("・")));
    }
    let slot = match (folded, overdue) {
        (true, 0) => Slot::Dim,
        (true, _) => Slot::Error,
        (false, _) => Slot::Title,
    };
    Line::styled(text::fit(&s, width), theme.style(slot))
}

fn kind_line(
    heading: &str,
    folded: bool,
    items: usize,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    let mark = if folded { "+" } else { "-" };
    Line::styled(
        text::fit(&format!("{mark} {heading}（{items}件）"), width),
        theme.style(if folded { Slot::Dim } else { Slot::Title }),
    )
}

fn today_line(t: &Timeline, width: usize, theme: &Theme) -> Line<'static> {
    let label = format!(" 今日 {} ", wareki::format(t.today));
    let lw = text::width(&label);
    let left = width.saturating_sub(lw) / 2;
    let right = width.saturating_sub(lw + left);
    let s = format!("{}{}{}", "-".repeat(left), label, "-".repeat(right));
    Line::styled(
        text::truncate(&s, width).into_owned(),
        theme.style(Slot::TodayMarker),
    )
}

fn record_line(t: &Timeline, i: usize, lw: usize, width: usize, theme: &Theme) -> Line<'static> {
    let r = &t.records[i];
    let dim = theme.style(Slot::Dim);
    // In the records view the kind is the heading above: no column for it.
    let lw = if t.by_kind { 0 } else { lw };
    let used = 3 + lw + usize::from(lw > 0) + DATE_W + 1;
    Line::from(vec![
        Span::styled("*  ", dim),
        Span::styled(text::fit(r.kind.label(), lw), dim),
        Span::raw(if lw > 0 { " " } else { "" }),
        Span::styled(text::fit(&wareki::format_short(r.date), DATE_W), dim),
        Span::raw(" "),
        Span::styled(
            text::fit(&text::for_display(&r.line), width.saturating_sub(used)),
            theme.style(Slot::Normal),
        ),
    ])
}

impl Widget for TimelineView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let border = if self.focused {
            Slot::BorderFocused
        } else {
            Slot::Border
        };
        let block = Block::bordered()
            .border_style(theme.style(border))
            .title(Line::styled(
                format!(
                    " {} ",
                    text::truncate(
                        &text::for_display(self.title),
                        area.width.saturating_sub(4) as usize
                    )
                ),
                theme.style(Slot::Title),
            ));
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.width == 0 || inner.height == 0 {
            return;
        }
        let width = inner.width as usize;
        let Some(t) = self.timeline else {
            let line = Line::styled(
                text::truncate(self.placeholder, width).into_owned(),
                theme.style(Slot::Dim),
            );
            buf.set_line(inner.x, inner.y, &line, inner.width);
            return;
        };
        let height = inner.height as usize;
        let lw = label_w(t);
        let offset = scrolled(t.offset, t.selected, height);
        for (k, row) in t.rows.iter().enumerate().skip(offset).take(height) {
            let y = inner.y + (k - offset) as u16;
            let line = match row {
                Row::Month { .. } => month_line(t, row, width, theme),
                Row::Today => today_line(t, width, theme),
                Row::Kind {
                    kind,
                    folded,
                    items,
                } => kind_line(kind.heading(), *folded, *items, width, theme),
                Row::Entry(Entry::Obligation(i)) => {
                    obligation_line(&t.obligations[*i], lw, width, theme)
                }
                Row::Entry(Entry::Record(i)) => record_line(t, *i, lw, width, theme),
            };
            buf.set_line(inner.x, y, &line, inner.width);
            if k == t.selected {
                let mut style: Style = theme.style(Slot::Selected);
                if !self.focused {
                    style = style.remove_modifier(ratatui::style::Modifier::BOLD);
                }
                buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
            }
        }
    }
}
