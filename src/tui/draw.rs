//! Drawing the whole screen from the application state. Reads only: no
//! store access, no state changes (a cursor that is off screen is placed
//! by the widgets for this frame only).

use chrono::Datelike;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

use super::action::Action;
use super::app::{App, MessageKind, Screen};
use super::client_list::view::ClientListView;
use super::conflict::ConflictView;
use super::deadlines::view::DeadlinesView;
use super::detail::{DetailKeys, DetailSource, DetailView};
use super::drafts::DraftListView;
use super::figures::FiguresView;
use super::form_editor::FormView;
use super::help::{HelpPopup, MessageLogView};
use super::history::HistoryView;
use super::keymap::Mode;
use super::office::OfficeView;
use super::reason_dialog::ReasonDialogView;
use super::staff_picker::StaffPickerView;
use super::theme::Slot;
use super::timeline::view::TimelineView;
use super::widgets::hint_bar;
use super::widgets::layout::{self, MainLayout, Pane};
use super::widgets::prompt::{PromptView, prompt_area};
use crate::text;
use crate::wareki;

const WEEKDAYS: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];

/// What the keys do on a record, under it in the detail pane (keys as the
/// keymap binds them).
fn record_hint(app: &App) -> String {
    let key = |a| app.keymap.keys_for(Mode::Timeline, a).into_iter().next();
    [
        (Action::Enter, "修正する"),
        (Action::DeleteRecord, "削除する"),
    ]
    .into_iter()
    .filter_map(|(a, what)| key(a).map(|k| format!("{k}: {what}")))
    .collect::<Vec<_>>()
    .join("  ")
}

/// The keys the detail pane names, as the keymap binds them.
fn detail_keys(app: &App) -> DetailKeys {
    let key = |a| {
        app.keymap
            .keys_for(Mode::Timeline, a)
            .first()
            .map(|k| k.to_string())
    };
    DetailKeys {
        enter: key(Action::Enter),
        group_toggle: key(Action::GroupToggle),
        resolve: key(Action::Resolve),
        employment: key(Action::EmploymentForm),
    }
}

pub(crate) fn draw(app: &App, f: &mut Frame) {
    let area = f.area();
    let theme = &app.theme;
    f.buffer_mut().set_style(area, theme.style(Slot::Normal));
    let l = match app.screen {
        Screen::Main => layout::main_layout(area, app.focus),
        Screen::Deadlines | Screen::Office | Screen::Figures | Screen::History => {
            layout::full_layout(area)
        }
    };
    draw_title(app, f, l.title);
    match app.screen {
        Screen::Main => draw_main(app, f, &l),
        Screen::Deadlines => draw_deadlines(app, f, l.body),
        Screen::Office => f.render_widget(
            OfficeView {
                screen: &app.office,
                theme,
                today: app.today,
                user: &app.user,
            },
            l.body,
        ),
        Screen::Figures => {
            if let Some(screen) = &app.figures {
                f.render_widget(FiguresView { screen, theme }, l.body);
            }
        }
        Screen::History => {
            if let Some(screen) = &app.history {
                let back_key = app
                    .keymap
                    .keys_for(Mode::History, Action::Back)
                    .first()
                    .map(|k| k.to_string());
                f.render_widget(
                    HistoryView {
                        screen,
                        theme,
                        back_key,
                    },
                    l.body,
                );
            }
        }
    }
    let bar = hint_bar::labeled_line(
        &app.keymap,
        app.mode(),
        &hint_bar::bar_hints(app),
        theme,
        l.hints.width,
    );
    // While a question is up, only its own keys work: it lists them.
    let offered = app.form.as_ref().is_some_and(|f| f.offer.is_some());
    if app.job_choice.is_none() && app.remove_staff.is_none() && !offered {
        f.render_widget(bar, l.hints);
    }
    if let Some(p) = &app.picker {
        let view = StaffPickerView { picker: p, theme };
        clear_edges(f.buffer_mut(), view.area(l.body));
        f.render_widget(view, l.body);
    }
    if let Some(fs) = &app.form {
        let r = layout::form_area(l.body);
        clear_edges(f.buffer_mut(), r);
        f.render_widget(Clear, r);
        match fs.conflict.as_ref().filter(|c| c.shown) {
            Some(conflict) => f.render_widget(
                ConflictView {
                    conflict,
                    keymap: &app.keymap,
                    theme,
                },
                r,
            ),
            None => {
                f.render_widget(
                    FormView {
                        form: &fs.form,
                        theme,
                    },
                    r,
                );
                if fs.offer.is_none()
                    && app.help.is_none()
                    && let Some(p) = fs.form.cursor_position(r)
                {
                    f.set_cursor_position(p);
                }
            }
        }
    }
    if let Some(list) = &app.draft_list
        && app.form.is_none()
    {
        let view = DraftListView {
            list,
            snap: &app.snap,
            keymap: &app.keymap,
            theme,
        };
        clear_edges(f.buffer_mut(), view.area(l.body));
        f.render_widget(view, l.body);
    }
    if let Some(prompt) = app.job_prompt().or_else(|| app.remove_prompt()) {
        clear_edges(f.buffer_mut(), prompt_area(area, &prompt));
        f.render_widget(
            PromptView {
                prompt: &prompt,
                theme,
            },
            area,
        );
    }
    if let Some(d) = &app.dialog {
        let view = ReasonDialogView {
            dialog: d,
            keymap: &app.keymap,
            theme,
        };
        clear_edges(f.buffer_mut(), view.area(l.body));
        if let Some(p) = view.cursor(l.body).filter(|_| app.help.is_none()) {
            f.set_cursor_position(p);
        }
        f.render_widget(view, l.body);
    }
    // Over forms and dialogs: a long message wraps upwards over them.
    draw_message(app, f, l.message);
    if let Some(h) = &app.help {
        clear_edges(f.buffer_mut(), super::help::popup_area(area));
        if h.log {
            f.render_widget(
                MessageLogView {
                    messages: &app.messages,
                    theme,
                    scroll: h.scroll,
                },
                area,
            );
        } else {
            f.render_widget(
                HelpPopup {
                    keymap: &app.keymap,
                    theme,
                    scroll: h.scroll,
                },
                area,
            );
        }
    }
}

/// Before a popup covers `r`: a wide character just left of it would hide
/// the popup's left border (its second half lies under the border, and the
/// terminal diff skips that cell), so blank it; likewise the right half of
/// one cut by the popup's right edge.
fn clear_edges(buf: &mut Buffer, r: Rect) {
    let area = buf.area;
    for y in r.top()..r.bottom().min(area.bottom()) {
        if r.x > area.x && text::width(buf[(r.x - 1, y)].symbol()) > 1 {
            buf[(r.x - 1, y)].set_symbol(" ");
        }
        let right = r.right();
        if right > area.x
            && right < area.right()
            && r.width > 0
            && text::width(buf[(right - 1, y)].symbol()) > 1
        {
            buf[(right, y)].set_symbol(" ");
        }
    }
}

fn draw_deadlines(app: &App, f: &mut Frame, body: Rect) {
    let filter = (app.list.typing || !app.list.query.is_empty()).then_some(app.list.query.as_str());
    f.render_widget(
        DeadlinesView {
            deadlines: &app.deadlines,
            snap: &app.snap,
            theme: &app.theme,
            marks: &app.marks,
            mine_only: app.list.mine_only,
            filter,
        },
        body,
    );
    if app.list.typing
        && app.form.is_none()
        && app.help.is_none()
        && let Some(p) = crate::tui::deadlines::view::filter_cursor(body, &app.list.query)
    {
        f.set_cursor_position(p);
    }
}

fn draw_title(app: &App, f: &mut Frame, r: Rect) {
    let theme = &app.theme;
    let wd = WEEKDAYS[app.today.weekday().num_days_from_monday() as usize];
    let who = if app.list.mine_only {
        format!("{}さんの担当", app.marks.name(&app.user))
    } else {
        "全員".to_string()
    };
    let count = if app.snap.loaded {
        format!("利用者 {}人", app.list.total)
    } else {
        "読み込み中…".to_string()
    };
    let day = format!("{}（{wd}）", wareki::format(app.today));
    // The program's name gives way first, then the sort order: what the
    // list holds and whose it is are kept whole.
    let w = r.width as usize;
    let s = [
        format!(
            " teichaku 定着  {day}  {who}  {}  {count}",
            app.list.sort.label()
        ),
        format!(" {day}  {who}  {}  {count}", app.list.sort.label()),
        format!(" {day}  {who}  {count}"),
    ]
    .into_iter()
    .find(|s| text::width(s) <= w)
    .unwrap_or_else(|| format!(" {day}  {who}  {count}"));
    let line = Line::styled(text::fit(&s, w), theme.style(Slot::Title));
    f.render_widget(line, r);
}

fn draw_message(app: &App, f: &mut Frame, r: Rect) {
    let theme = &app.theme;
    let (s, slot) = match (&app.form, &app.message) {
        (Some(fs), _) if fs.offer.is_some() => (
            fs.offer
                .as_ref()
                .map(|o| text::for_display(&o.question()).into_owned())
                .unwrap_or_default(),
            Slot::Warning,
        ),
        (_, Some(m)) => (
            text::for_display(&m.text).into_owned(),
            match m.kind {
                MessageKind::Info => Slot::Normal,
                MessageKind::Warning => Slot::Warning,
                MessageKind::Error => Slot::Error,
            },
        ),
        _ => return,
    };
    let w = r.width as usize;
    // A path gives way first (its middle), then the message wraps upwards
    // over the panes; past MESSAGE_ROWS the last row says where the rest is.
    let mut lines = text::wrap(&text::shorten_paths_in(&s, w), w);
    if lines.len() > MESSAGE_ROWS {
        let more = app
            .keymap
            .keys_for(app.mode(), Action::Messages)
            .first()
            .map(|k| format!("…（続き: {k}）"))
            .unwrap_or_else(|| "…".to_string());
        lines.truncate(MESSAGE_ROWS);
        if let Some(last) = lines.last_mut() {
            let room = w.saturating_sub(text::width(&more));
            *last = format!("{}{more}", text::truncate(last, room).trim_end_matches('…'));
        }
    }
    let n = (lines.len() as u16).min(r.y.saturating_sub(1) + 1).max(1);
    let top = Rect::new(r.x, r.y + 1 - n, r.width, n);
    clear_edges(f.buffer_mut(), top);
    f.render_widget(Clear, top);
    for (i, l) in lines.into_iter().take(n as usize).enumerate() {
        let row = Rect::new(r.x, top.y + i as u16, r.width, 1);
        f.render_widget(Line::styled(l, theme.style(slot)), row);
    }
}

/// Rows a message may take (wrapping upwards) before it points to the log.
const MESSAGE_ROWS: usize = 4;

fn draw_main(app: &App, f: &mut Frame, l: &MainLayout) {
    let theme = &app.theme;
    if let Some(r) = l.tabs {
        let mut spans = Vec::new();
        for p in Pane::ALL {
            // Brackets as well as the style: the shown tab is never color alone.
            let (label, style) = if p == app.focus {
                (format!("[{}]", p.label()), theme.style(Slot::Selected))
            } else {
                (format!(" {} ", p.label()), theme.style(Slot::Dim))
            };
            spans.push(Span::styled(label, style));
            spans.push(Span::raw(" "));
        }
        f.render_widget(Line::from(spans), r);
    }
    let focus = |p: Pane| app.focus == p && app.form.is_none();
    if let Some(r) = l.list {
        let me = app.marks.name(&app.user);
        f.render_widget(
            ClientListView {
                list: &app.list,
                snap: &app.snap,
                theme,
                focused: focus(Pane::List) || app.list.typing,
                user: &me,
                new_client_key: app
                    .keymap
                    .keys_for(Mode::List, Action::NewClient)
                    .first()
                    .map(|k| k.to_string()),
                back_key: app
                    .keymap
                    .keys_for(Mode::List, Action::Back)
                    .first()
                    .map(|k| k.to_string()),
                older_key: app
                    .keymap
                    .keys_for(Mode::Filter, Action::OlderSearch)
                    .first()
                    .map(|k| k.to_string()),
            },
            r,
        );
        if app.list.typing && app.form.is_none() && app.help.is_none() {
            // The IME composes where the terminal cursor is: after the query.
            let x = r.x + 2 + text::width(&text::for_display(&app.list.query)) as u16;
            if x < r.right().saturating_sub(1) && r.height > 2 {
                f.set_cursor_position(Position::new(x, r.y + 1));
            }
        }
    }
    let row = app.list.selected_row().and_then(|i| app.snap.rows.get(i));
    let timeline = app
        .timeline
        .as_ref()
        .filter(|t| Some(t.client_id()) == row.map(|r| r.id));
    if let Some(r) = l.timeline {
        let what = if app.records_view {
            "記録の一覧"
        } else {
            "経過"
        };
        let title = match row {
            Some(c) if c.closure.is_some() => {
                format!("{what} — {}（{}）【終結】", c.name, c.external_id)
            }
            Some(c) => format!("{what} — {}（{}）", c.name, c.external_id),
            None => what.to_string(),
        };
        let placeholder = if !app.snap.loaded {
            "読み込み中…"
        } else if row.is_none() {
            "利用者を選んでください"
        } else {
            "読み込み中…"
        };
        f.render_widget(
            TimelineView {
                timeline,
                placeholder,
                title: &title,
                theme,
                focused: focus(Pane::Timeline),
            },
            r,
        );
    }
    if let Some(r) = l.detail {
        let source = match (row, timeline) {
            (None, _) if !app.snap.loaded => DetailSource::Nothing("読み込み中…"),
            (None, _) => DetailSource::Nothing("利用者を選んでください"),
            (Some(_), Some(t)) if app.focus != Pane::List => DetailSource::Item(t),
            (Some(row), t) => DetailSource::Profile {
                row,
                client: t.map(|t| &t.client),
                today: app.today,
            },
        };
        f.render_widget(
            DetailView {
                source,
                scroll: app.detail_scroll,
                theme,
                focused: focus(Pane::Detail),
                record_hint: &record_hint(app),
                keys: detail_keys(app),
                marks: &app.marks,
            },
            r,
        );
    }
}
