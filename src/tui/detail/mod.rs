//! The detail pane: what the selected timeline row is (`row`: the rule's
//! text and clause, the window, what satisfied it; a record in full; a
//! month's or a kind's summary), or — while the list has the focus — the
//! client's profile (`profile`). Text is wrapped by display width, so
//! Japanese never runs past the edge. The pane keeps no state of its own
//! (its scroll is the application's): it only draws.

mod profile;
mod row;

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use self::profile::profile_items;
use self::row::{kind_items, month_items, obligation_items, record_items};
use super::snapshot::ClientRow;
use super::staff_picker::Marks;
use super::theme::{Slot, Theme};
use super::timeline::{Entry, Row, Timeline};
use super::widgets::wrap::wrap;
use crate::model::Client;
use crate::text;
use crate::wareki;

/// Styled lines for the detail pane, before wrapping.
enum Item {
    /// A heading line.
    Head(String, Slot),
    /// label: value (value wrapped under itself).
    Field(&'static str, String),
    /// Free text, wrapped.
    Body(String),
    Blank,
}

const LABEL_W: usize = 12;

/// The keys the detail pane names, as the keymap binds them (`None`:
/// unbound, so the line is left out).
#[derive(Debug, Clone, Default)]
pub(crate) struct DetailKeys {
    pub enter: Option<String>,
    pub group_toggle: Option<String>,
    pub resolve: Option<String>,
    /// Opens the employment form (a client without a job is told it).
    pub employment: Option<String>,
}

/// What the pane shows.
pub(crate) enum DetailSource<'a> {
    Nothing(&'a str),
    Profile {
        row: &'a ClientRow,
        client: Option<&'a Client>,
        today: NaiveDate,
    },
    Item(&'a Timeline),
}

pub(crate) struct DetailView<'a> {
    pub source: DetailSource<'a>,
    pub scroll: u16,
    pub theme: &'a Theme,
    pub focused: bool,
    /// What the keys do on a record (correct, delete), shown under it.
    pub(crate) record_hint: &'a str,
    /// The keys named in the pane's hints.
    pub keys: DetailKeys,
    /// Staff names, for the logins records hold.
    pub marks: &'a Marks,
}

fn render_items(items: Vec<Item>, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for item in items {
        match item {
            Item::Head(s, slot) => {
                for l in wrap(&s, width) {
                    lines.push(Line::styled(l, theme.style(slot)));
                }
            }
            Item::Field(label, value) => {
                let lw = LABEL_W.min(width / 2);
                let vw = width.saturating_sub(lw + 1).max(1);
                // A label wider than its column gets a line of its own:
                // never cut (「事業主との…」 said nothing).
                let own_line = text::width(label) > lw;
                if own_line {
                    for l in wrap(label, width) {
                        lines.push(Line::styled(l, theme.style(Slot::Dim)));
                    }
                }
                for (k, l) in wrap(&value, vw).into_iter().enumerate() {
                    let head = if k == 0 && !own_line {
                        text::fit(label, lw)
                    } else {
                        " ".repeat(lw)
                    };
                    lines.push(Line::from(vec![
                        Span::styled(head, theme.style(Slot::Dim)),
                        Span::raw(" "),
                        Span::styled(l, theme.style(Slot::Normal)),
                    ]));
                }
            }
            Item::Body(s) => {
                for l in wrap(&s, width) {
                    lines.push(Line::styled(l, theme.style(Slot::Normal)));
                }
            }
            Item::Blank => lines.push(Line::default()),
        }
    }
    lines
}

impl Widget for DetailView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let border = if self.focused {
            Slot::BorderFocused
        } else {
            Slot::Border
        };
        let block = Block::bordered()
            .border_style(theme.style(border))
            .title(Line::styled(" 詳細 ", theme.style(Slot::Title)));
        let inner = block.inner(area);
        block.render(area, buf);
        let width = inner.width as usize;
        if width == 0 || inner.height == 0 {
            return;
        }
        let items = match self.source {
            DetailSource::Nothing(msg) => vec![Item::Head(msg.to_string(), Slot::Dim)],
            DetailSource::Profile { row, client, today } => {
                profile_items(row, client, today, &self.keys, self.marks)
            }
            DetailSource::Item(t) => match t.selected_row() {
                Some(Row::Entry(Entry::Obligation(i))) => {
                    obligation_items(&t.obligations[i], &t.client, &self.keys, self.marks)
                }
                Some(Row::Entry(Entry::Record(i))) => {
                    record_items(&t.records[i], self.record_hint, self.marks)
                }
                Some(row @ Row::Month { .. }) => month_items(t, row, &self.keys),
                Some(Row::Kind { kind, .. }) => kind_items(t, kind, &self.keys),
                _ => vec![Item::Head(
                    format!("今日 {}", wareki::format(t.today)),
                    Slot::TodayMarker,
                )],
            },
        };
        let lines = render_items(items, width, theme);
        let max = lines.len().saturating_sub(inner.height as usize);
        let scroll = (self.scroll as usize).min(max);
        for (k, line) in lines
            .iter()
            .skip(scroll)
            .take(inner.height as usize)
            .enumerate()
        {
            buf.set_line(inner.x, inner.y + k as u16, line, inner.width);
        }
        if max > 0 {
            let more = if scroll < max {
                "（続きあり）"
            } else {
                ""
            };
            if !more.is_empty() && area.width > 16 {
                let line = Line::styled(more, theme.style(Slot::Dim));
                let x = area.right().saturating_sub(text::width(more) as u16 + 2);
                buf.set_line(x, area.bottom() - 1, &line, text::width(more) as u16);
            }
        }
    }
}
