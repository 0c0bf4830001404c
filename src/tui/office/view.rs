//! Drawing the office screen: a tab row, then the settings with what each
//! number means, or the staff with role, 常勤換算 and 基礎的研修 (missing
//! training flagged: a warning during the transition, not met after it,
//! 000 §3(1)); under them what the viewer may do.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::{OfficeScreen, OfficeTab};
use crate::access::{self, Permission};
use crate::model::{Staff, Training, fte_text};
use crate::text;
use crate::tui::client_list::scrolled;
use crate::tui::record_forms::{OfficeData, SETTING_KEYS};
use crate::tui::theme::{Slot, Theme};
use crate::wareki;

const LABEL_W: usize = 22;
const LOGIN_W: usize = 10;
const NAME_W: usize = 12;
const ROLE_W: usize = 18;
const FTE_W: usize = 8;

pub(crate) struct OfficeView<'a> {
    pub screen: &'a OfficeScreen,
    pub theme: &'a Theme,
    pub today: NaiveDate,
    /// The viewer's login (the owner's note names it).
    pub user: &'a str,
}

/// A setting's value in words, and whether it is unset.
fn setting_value(d: &OfficeData, key: &str) -> (String, bool) {
    let (o, s) = (&d.office, &d.settings);
    let shown = |v: &str| match v.trim() {
        "" => ("未設定".to_string(), true),
        v => (text::for_display(v).into_owned(), false),
    };
    match key {
        "office_name" => shown(&o.name),
        "office_number" => shown(&o.number),
        "corporation" => shown(&o.corporation),
        "address" => shown(&o.address),
        "phone" => shown(&o.phone),
        "handover_guideline" => shown(&o.handover_guideline),
        "handover_responsible" => shown(&o.handover_responsible),
        "report_municipality_days" => (
            format!("就職日から {} 日以内", s.report_municipality_days),
            false,
        ),
        "warn_days" => (
            format!("期限の {} 日前から「期限間近」", s.warn_days),
            false,
        ),
        "cert_warn_days" => (
            format!("受給者証の有効期限の {} 日前から", s.cert_warn_days),
            false,
        ),
        "caseload_only" if d.caseload_only => {
            ("はい（支援員は担当の利用者だけを扱う）".to_string(), false)
        }
        "caseload_only" => ("いいえ（支援員も全員の利用者を扱う）".to_string(), false),
        _ => (String::new(), true),
    }
}

/// The 基礎的研修 column: the day, or the flag in words and glyph.
fn training_cell(s: &Staff, today: NaiveDate) -> (String, Slot) {
    match s.training(today) {
        Training::Done(d) => (wareki::format(d), Slot::Normal),
        Training::MissingInTransition => ("! 未修了（経過措置中）".to_string(), Slot::Warning),
        Training::Missing => ("!! 未修了（要件未達）".to_string(), Slot::Error),
        // Not asked of this post: the day, if one was recorded.
        Training::NotRequired => s.basic_training.map_or_else(
            || ("（対象外）".to_string(), Slot::Dim),
            |d| (wareki::format(d), Slot::Normal),
        ),
    }
}

impl OfficeView<'_> {
    fn tabs(&self) -> Line<'static> {
        let theme = self.theme;
        let staff_n = self.screen.data.as_ref().map_or(0, |d| d.staff.len());
        let mut spans = Vec::new();
        for tab in [OfficeTab::Settings, OfficeTab::Staff] {
            let label = match tab {
                OfficeTab::Staff => format!("{}（{staff_n}人）", tab.label()),
                OfficeTab::Settings => tab.label().to_string(),
            };
            // Brackets as well as the style: never color alone.
            spans.push(if tab == self.screen.tab {
                Span::styled(format!("[{label}]"), theme.style(Slot::Selected))
            } else {
                Span::styled(format!(" {label} "), theme.style(Slot::Dim))
            });
            spans.push(Span::raw("  "));
        }
        Line::from(spans)
    }

    /// What the viewer may do, and the office-wide warnings, last.
    fn footer(&self, d: &OfficeData, width: usize) -> Vec<Line<'static>> {
        let theme = self.theme;
        let mut lines = Vec::new();
        // Wrapped, never cut: these say what the person may do.
        let wrapped = |lines: &mut Vec<Line<'static>>, s: String, style: Style| {
            lines.extend(
                text::wrap(&s, width)
                    .into_iter()
                    .map(|l| Line::styled(l, style)),
            );
        };
        match self.screen.tab {
            OfficeTab::Settings => {
                let o = &d.office;
                if o.handover_guideline.trim().is_empty()
                    || o.handover_responsible.trim().is_empty()
                {
                    wrapped(&mut lines,
                        "! 引継ぎの指針・担当者が未設定: 支援体制構築未実施減算の対象（000 §2(4)ア）"
                            .to_string(),
                        theme.style(Slot::Warning),
                    );
                }
            }
            OfficeTab::Staff => {
                let entered: Vec<u16> = d.staff.iter().filter_map(|s| s.fte_percent).collect();
                let sum: u32 = entered.iter().map(|&p| u32::from(p)).sum();
                wrapped(
                    &mut lines,
                    format!(
                        "常勤換算の計 {} 人（入力のある職員 {}人）",
                        fte_sum_text(sum),
                        entered.len()
                    ),
                    theme.style(Slot::Normal),
                );
                wrapped(
                    &mut lines,
                    "基礎的研修は令和7年4月1日から必要。経過措置は令和10年3月31日まで（000 §3(1)）"
                        .to_string(),
                    theme.style(Slot::Dim),
                );
            }
        }
        let permission = match self.screen.tab {
            OfficeTab::Settings => Permission::ManageSettings,
            OfficeTab::Staff => Permission::ManageStaff,
        };
        if !access::allows(d.role, permission) {
            wrapped(
                &mut lines,
                format!(
                    "閲覧のみ: {}ができるのは管理者です（あなたの役割: {}）",
                    permission.label(),
                    d.role.label()
                ),
                theme.style(Slot::Dim),
            );
        } else if d.owner {
            wrapped(
                &mut lines,
                format!(
                    "{} は職員に未登録ですが、データベースファイルの所有者として管理者の操作ができます",
                    text::for_display(self.user)
                ),
                theme.style(Slot::Dim),
            );
        }
        lines
    }

    fn settings_lines(&self, d: &OfficeData, width: usize) -> Vec<(Line<'static>, bool)> {
        let theme = self.theme;
        SETTING_KEYS
            .iter()
            .enumerate()
            .map(|(i, (key, label))| {
                let here = i == self.screen.setting;
                let (value, unset) = setting_value(d, key);
                let value_w = width.saturating_sub(2 + LABEL_W);
                let line = Line::from(vec![
                    Span::raw(if here { "> " } else { "  " }),
                    Span::styled(text::fit(label, LABEL_W), theme.style(Slot::Title)),
                    Span::styled(
                        text::truncate(&value, value_w).into_owned(),
                        theme.style(if unset { Slot::Dim } else { Slot::Normal }),
                    ),
                ]);
                (line, here)
            })
            .collect()
    }

    fn staff_lines(&self, d: &OfficeData, width: usize) -> Vec<(Line<'static>, bool)> {
        let theme = self.theme;
        let used = 2 + LOGIN_W + 1 + NAME_W + 1 + ROLE_W + 1 + FTE_W + 1;
        d.staff
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let here = i == self.screen.staff;
                let (training, slot) = training_cell(s, self.today);
                let fte = s.fte_percent.map_or_else(|| "未入力".to_string(), fte_text);
                let line = Line::from(vec![
                    Span::raw(if here { "> " } else { "  " }),
                    Span::raw(text::fit(&text::for_display(&s.login), LOGIN_W)),
                    Span::raw(" "),
                    Span::raw(text::fit(&text::for_display(&s.display_name), NAME_W)),
                    Span::raw(" "),
                    Span::raw(text::fit(s.role.label(), ROLE_W)),
                    Span::raw(" "),
                    Span::styled(
                        text::fit(&fte, FTE_W),
                        theme.style(if s.fte_percent.is_some() {
                            Slot::Normal
                        } else {
                            Slot::Dim
                        }),
                    ),
                    Span::raw(" "),
                    Span::styled(
                        text::truncate(&training, width.saturating_sub(used)).into_owned(),
                        theme.style(slot),
                    ),
                ]);
                (line, here)
            })
            .collect()
    }
}

/// A sum of hundredths as people read it (2.8, 3.25).
fn fte_sum_text(sum: u32) -> String {
    let (whole, frac) = (sum / 100, sum % 100);
    if frac.is_multiple_of(10) {
        format!("{whole}.{}", frac / 10)
    } else {
        format!("{whole}.{frac:02}")
    }
}

impl Widget for OfficeView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let block = Block::bordered()
            .border_style(theme.style(Slot::BorderFocused))
            .title(Line::styled(" 事業所 ", theme.style(Slot::Title)));
        let inner = block.inner(area);
        block.render(area, buf);
        let width = inner.width as usize;
        if width == 0 || inner.height == 0 {
            return;
        }
        buf.set_line(inner.x, inner.y, &self.tabs(), inner.width);
        let Some(d) = &self.screen.data else {
            if inner.height > 2 {
                buf.set_line(
                    inner.x,
                    inner.y + 2,
                    &Line::styled("読み込み中…", theme.style(Slot::Dim)),
                    inner.width,
                );
            }
            return;
        };
        let footer = self.footer(d, width);
        let mut y = inner.y + 2;
        let bottom = inner.bottom().saturating_sub(footer.len() as u16 + 1);
        let (rows, cursor) = match self.screen.tab {
            OfficeTab::Settings => (self.settings_lines(d, width), self.screen.setting),
            OfficeTab::Staff => {
                let head = format!(
                    "  {}{}{}{}基礎的研修",
                    text::fit("ログイン", LOGIN_W + 1),
                    text::fit("表示名", NAME_W + 1),
                    text::fit("役割", ROLE_W + 1),
                    text::fit("常勤換算", FTE_W + 1),
                );
                if y < bottom {
                    buf.set_line(
                        inner.x,
                        y,
                        &Line::styled(
                            text::truncate(&head, width).into_owned(),
                            theme.style(Slot::Dim),
                        ),
                        inner.width,
                    );
                    y += 1;
                }
                if d.staff.is_empty() && y < bottom {
                    buf.set_line(
                        inner.x,
                        y,
                        &Line::styled("  職員が登録されていません", theme.style(Slot::Dim)),
                        inner.width,
                    );
                }
                (self.staff_lines(d, width), self.screen.staff)
            }
        };
        let height = bottom.saturating_sub(y) as usize;
        let offset = scrolled(0, cursor, height);
        for (line, here) in rows.into_iter().skip(offset).take(height) {
            buf.set_line(inner.x, y, &line, inner.width);
            if here {
                buf.set_style(
                    Rect::new(inner.x, y, inner.width, 1),
                    theme.style(Slot::Selected),
                );
            }
            y += 1;
        }
        let top = inner.bottom().saturating_sub(footer.len() as u16);
        for (fy, line) in (top..).zip(footer) {
            // Under the tab row only.
            if fy > inner.y {
                buf.set_line(inner.x, fy, &line, inner.width);
            }
        }
    }
}
