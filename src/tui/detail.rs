//! The detail pane: what the selected timeline item is (the rule's text
//! and clause, the window, what satisfied it), the selected record in
//! full, or — while the list has the focus — the client's profile. Text
//! is wrapped by display width, so Japanese never runs past the edge.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::engine;
use super::snapshot::ClientRow;
use super::theme::{Slot, Theme};
use super::timeline::view::{obligation_title, satisfied_text};
use super::timeline::{Entry, RecordItem, Row, Timeline};
use crate::model::{Client, Obligation, ObligationId, Status};
use crate::text;
use crate::wareki;

/// Split `s` into lines of at most `width` columns (its own line breaks
/// kept; sanitized for display).
pub(crate) fn wrap(s: &str, width: usize) -> Vec<String> {
    if width == 0 {
        return Vec::new();
    }
    s.split('\n')
        .flat_map(|para| text::wrap(&text::for_display(para), width))
        .collect()
}

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

/// `client` is the item's (for who decided a 対象外, and when).
fn obligation_items(o: &Obligation, client: &Client, keys: &DetailKeys) -> Vec<Item> {
    let mut v = vec![
        Item::Head(
            format!("{} {}", o.status.glyph(), o.status_label()),
            Slot::for_status(o.status),
        ),
        Item::Head(obligation_title(o), Slot::Title),
    ];
    // Why it is 対象外 and who said so come first: at 80×24 the pane
    // shows a few lines.
    if let Some(r) = &o.waived_reason {
        v.push(Item::Field("対象外の理由", r.to_string()));
        v.push(match &o.waived_by {
            Some(by) => {
                let on = client
                    .resolutions
                    .iter()
                    .find(|r| r.covers(o.id, o.period))
                    .map(|r| format!("（{}）", wareki::format(r.decided_on)))
                    .unwrap_or_default();
                Item::Field("判断した人", format!("{by}{on}"))
            }
            None => Item::Field("判断", "規則による".to_string()),
        });
    }
    v.extend([
        Item::Field(
            "期間",
            format!(
                "{}～{}",
                wareki::format(o.window_start),
                wareki::format(o.due)
            ),
        ),
        Item::Field("期限", wareki::format(o.due)),
        Item::Field("区分", o.severity.label().to_string()),
    ]);
    // The report goes to the client's 援護の実施市町村 (支給決定市町村).
    if o.id == ObligationId::PRE_REPORT_MUNICIPALITY {
        let to = if client.municipality.trim().is_empty() {
            "未記録（利用者の基本情報に入力）".to_string()
        } else {
            client.municipality.clone()
        };
        v.push(Item::Field("報告先", to));
    }
    if let Some(r) = &o.satisfied_by {
        let late = if o.late { "（期限後）" } else { "" };
        v.push(Item::Field(
            "満たした記録",
            format!("{}{late}", satisfied_text(r)),
        ));
    }
    if let Some(n) = &o.note {
        v.push(Item::Head(format!("注意: {n}"), Slot::Warning));
    }
    let rule = engine::rule(o.id);
    let clause = rule.map(|r| r.clause).unwrap_or(o.clause);
    v.push(Item::Field("根拠", clause.to_string()));
    if let Some(r) = rule {
        v.push(Item::Blank);
        v.push(Item::Body(r.text.to_string()));
    }
    let hint = (o.status != Status::Waived)
        .then(|| {
            let what = super::timeline::EnterAction::of(o.id).hint()?;
            Some(format!("{}: {what}", keys.enter.as_deref()?))
        })
        .flatten();
    let decide = match (o.status, &o.waived_by, keys.resolve.as_deref()) {
        (Status::Done, _, _) | (Status::Waived, None, _) | (_, _, None) => None,
        (Status::Waived, Some(_), Some(k)) => Some(format!("{k}: 対象外の判断を取り消す")),
        (_, _, Some(k)) => Some(format!("{k}: 対象外にする（理由を記録）")),
    };
    if hint.is_some() || decide.is_some() {
        v.push(Item::Blank);
    }
    for h in [hint, decide].into_iter().flatten() {
        v.push(Item::Head(h, Slot::Dim));
    }
    v
}

fn record_items(r: &RecordItem, hint: &str) -> Vec<Item> {
    let mut v = vec![Item::Head(
        format!("{} {}", r.kind.label(), wareki::format(r.date)),
        Slot::Title,
    )];
    for (label, value) in &r.fields {
        v.push(Item::Field(label, value.clone()));
    }
    if !r.body.trim().is_empty() {
        v.push(Item::Blank);
        v.push(Item::Body(r.body.clone()));
    }
    if !hint.is_empty() {
        v.push(Item::Blank);
        v.push(Item::Head(hint.to_string(), Slot::Dim));
    }
    v
}

fn kind_items(
    t: &Timeline,
    kind: crate::tui::timeline::RecordKind,
    keys: &DetailKeys,
) -> Vec<Item> {
    let of_kind: Vec<_> = t.records.iter().filter(|r| r.kind == kind).collect();
    let mut v = vec![
        Item::Head(kind.heading().to_string(), Slot::Title),
        Item::Field("件数", format!("{}件", of_kind.len())),
    ];
    if let (Some(first), Some(last)) = (
        of_kind.iter().map(|r| r.date).min(),
        of_kind.iter().map(|r| r.date).max(),
    ) {
        v.push(Item::Field(
            "期間",
            format!("{}～{}", wareki::format(first), wareki::format(last)),
        ));
    }
    if let Some(k) = &keys.group_toggle {
        v.push(Item::Blank);
        v.push(Item::Head(format!("{k}: 開く・閉じる"), Slot::Dim));
    }
    v
}

fn month_items(t: &Timeline, row: Row, keys: &DetailKeys) -> Vec<Item> {
    let Row::Month { month, folded, .. } = row else {
        return Vec::new();
    };
    let mut counts = [0usize; 6];
    let mut records = 0;
    for e in t.month_entries(month) {
        match e {
            Entry::Obligation(i) => counts[t.obligations[i].status.urgency() as usize] += 1,
            Entry::Record(_) => records += 1,
        }
    }
    let mut v = vec![Item::Head(wareki::format_year_month(month), Slot::Title)];
    for s in [
        Status::Overdue,
        Status::DueSoon,
        Status::Open,
        Status::Upcoming,
        Status::Done,
        Status::Waived,
    ] {
        let n = counts[s.urgency() as usize];
        if n > 0 {
            v.push(Item::Field(s.label(), format!("{} {n}件", s.glyph())));
        }
    }
    v.push(Item::Field("記録など", format!("{records}件")));
    if let Some(k) = &keys.group_toggle {
        v.push(Item::Blank);
        let what = if folded { "開く" } else { "閉じる" };
        v.push(Item::Head(format!("{k}: {what}"), Slot::Dim));
    }
    v
}

fn date_or_blank(d: Option<NaiveDate>) -> String {
    d.map(wareki::format).unwrap_or_else(|| "―".to_string())
}

/// The client's profile: who, where, which stage, what is pending.
fn profile_items(
    row: &ClientRow,
    client: Option<&Client>,
    today: NaiveDate,
    keys: &DetailKeys,
) -> Vec<Item> {
    let mut v = vec![Item::Head(row.name.clone(), Slot::Title)];
    if !row.kana.is_empty() {
        v.push(Item::Field("ふりがな", row.kana.clone()));
    }
    v.push(Item::Field("利用者番号", row.external_id.clone()));
    v.push(Item::Field(
        "担当",
        row.staff.clone().unwrap_or_else(|| "（未設定）".into()),
    ));
    if !row.stage.is_empty() {
        v.push(Item::Field("段階", row.stage.clone()));
    }
    if let Some(x) = &row.closure {
        v.push(Item::Field(
            "終結日",
            format!("{}（{}）", wareki::format(x.date), x.reason.label()),
        ));
        if !x.note.is_empty() {
            v.push(Item::Field("終結の記録", x.note.clone()));
        }
        if !x.closed_by.is_empty() {
            v.push(Item::Field("終結した人", x.closed_by.clone()));
        }
    } else {
        v.push(Item::Field(
            "期限",
            format!(
                "{} 期限超過 {}件 / {} 期限間近 {}件",
                Status::Overdue.glyph(),
                row.overdue,
                Status::DueSoon.glyph(),
                row.due_soon
            ),
        ));
    }
    let Some(c) = client else { return v };
    if let Some(e) = c.current_employment() {
        v.push(Item::Field("勤務先", e.employer.name.clone()));
        v.push(Item::Field("類型", e.support_type.label().to_string()));
        v.push(Item::Field("就職日", date_or_blank(e.start_date)));
        v.push(Item::Field("利用意向", e.intent.label().to_string()));
        if e.retention_start_date.is_some() {
            v.push(Item::Field(
                "定着支援開始",
                date_or_blank(e.retention_start_date),
            ));
        }
        if let Some(s) = e.separation_date {
            let reason = e.separation_reason.as_deref().unwrap_or("");
            v.push(Item::Field(
                "離職",
                format!("{} {reason}", wareki::format(s)),
            ));
        }
    } else {
        let how = keys
            .employment
            .as_deref()
            .map(|k| format!("（{k} で入力）"))
            .unwrap_or_default();
        v.push(Item::Head(
            format!("就職情報がありません{how}"),
            Slot::Warning,
        ));
    }
    v.push(Item::Field("障害の開示", c.disclosure.label().to_string()));
    if c.needs_continuing_support {
        v.push(Item::Field("要継続支援", "あり".to_string()));
    }
    if let Some(exp) = c.certificate_expires {
        let days = (exp - today).num_days();
        let note = if days < 0 {
            "（期限切れ）"
        } else if days <= 60 {
            "（まもなく期限）"
        } else {
            ""
        };
        v.push(Item::Field(
            "受給者証期限",
            format!("{}{note}", wareki::format(exp)),
        ));
    }
    if !c.municipality.trim().is_empty() {
        v.push(Item::Field("実施市町村", c.municipality.clone()));
    }
    v
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
                for (k, l) in wrap(&value, vw).into_iter().enumerate() {
                    let head = if k == 0 {
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
                profile_items(row, client, today, &self.keys)
            }
            DetailSource::Item(t) => match t.selected_row() {
                Some(Row::Entry(Entry::Obligation(i))) => {
                    obligation_items(&t.obligations[i], &t.client, &self.keys)
                }
                Some(Row::Entry(Entry::Record(i))) => record_items(&t.records[i], self.record_hint),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_wraps_by_display_width_never_past_the_edge() {
        let lines = wrap("就労定着支援の利用意向の確認を行う", 10);
        assert!(lines.iter().all(|l| text::width(l) <= 10), "{lines:?}");
        assert_eq!(lines[0], "就労定着支");
        assert_eq!(lines.concat(), "就労定着支援の利用意向の確認を行う");
    }

    #[test]
    fn line_breaks_in_a_summary_are_kept_and_controls_removed() {
        let lines = wrap("一行目\n二行目\u{1b}[31m赤", 20);
        assert_eq!(lines, vec!["一行目", "二行目赤"]);
    }

    /// The report to the municipality names where it goes: the client's
    /// 援護の実施市町村, or that it is not recorded yet.
    #[test]
    fn the_municipality_report_names_where_it_goes() {
        let today = crate::tui::fixtures::today();
        let mut c: Client = serde_json::from_value(serde_json::json!({
            "external_id": "M1", "name": "市町村 太郎",
            "employments": [{"employer": {"name": "JS工業"}, "support_type": "standard",
                             "decision_date": "2026-11-10", "start_date": "2026-12-01"}]
        }))
        .expect("client");
        let shown = |c: &Client| -> Vec<String> {
            let o = engine::compute(c, &Default::default(), today)
                .into_iter()
                .find(|o| o.id == "pre.report_municipality")
                .expect("the item");
            obligation_items(&o, c, &DetailKeys::default())
                .into_iter()
                .filter_map(|i| match i {
                    Item::Field(l, v) => Some(format!("{l} {v}")),
                    _ => None,
                })
                .collect()
        };
        assert!(shown(&c).contains(&"報告先 未記録（利用者の基本情報に入力）".to_string()));
        c.municipality = "千代田区".into();
        assert!(
            shown(&c).contains(&"報告先 千代田区".to_string()),
            "{:?}",
            shown(&c)
        );
    }
}
