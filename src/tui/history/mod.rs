//! 「自分の変更履歴」: the person's own changes, newest first — the rows of
//! `crate::trail`, the same the command line's `audit --mine` prints,
//! wrapped to the screen (nothing cut). Read on the reader thread
//! (`Effect::LoadHistory`); this holds what arrived and where the screen
//! returns to, `update` opens, scrolls and closes it, `view` draws it. A
//! 管理者 may switch to everyone's changes.

mod update;
mod view;

pub(crate) use view::HistoryView;

use super::app::Screen;
use crate::model::ClientId;
use crate::trail::Row;

/// How many rows the screen reads: the newest (older ones from the
/// command line, `audit --mine --limit N`).
pub(crate) const LIMIT: usize = 200;

/// What the screen has to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Shown {
    Loading,
    Ready(Vec<Row>),
    /// A Japanese message (a refusal, a read error).
    Failed(String),
}

/// Where back returns: the screen it was opened from, named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Back {
    pub screen: Screen,
    /// 利用者一覧, 経過, 期限一覧 …: what the screen says it returns to.
    pub label: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HistoryScreen {
    /// Everyone's changes (the 管理者's choice), not only one's own.
    pub everyone: bool,
    pub shown: Shown,
    /// The first line shown.
    pub offset: usize,
    pub back: Back,
}

/// How a line of the screen is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineKind {
    /// What the screen lists, and a note at its end.
    Note,
    /// A row's first line: when, what, whose, who.
    Head,
    /// A row's values.
    Body,
    Error,
}

/// One line of the screen, and the row it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    pub text: String,
    pub kind: LineKind,
    pub row: Option<usize>,
}

impl HistoryScreen {
    pub(crate) fn new(everyone: bool, back: Back) -> Self {
        HistoryScreen {
            everyone,
            shown: Shown::Loading,
            offset: 0,
            back,
        }
    }

    /// Every line at `width` columns: what is listed, then each row
    /// wrapped (never cut). Drawing, scrolling and the 閲覧 of what is on
    /// screen all count lines with this one function.
    pub(crate) fn lines(&self, width: usize) -> Vec<Line> {
        let note = |text: &str, kind| Line {
            text: text.to_string(),
            kind,
            row: None,
        };
        let wrapped = |text: &str, kind| -> Vec<Line> {
            crate::text::wrap(text, width)
                .into_iter()
                .map(|t| note(&t, kind))
                .collect()
        };
        let rows = match &self.shown {
            Shown::Loading => return vec![note("読み込んでいます…", LineKind::Note)],
            Shown::Failed(e) => return wrapped(e, LineKind::Error),
            Shown::Ready(rows) => rows,
        };
        let whose = if self.everyone {
            "全員の変更"
        } else {
            "あなたが作成・変更・削除した記録"
        };
        let mut out = wrapped(
            &format!("{whose}（新しい順。閲覧の記録は含みません）"),
            LineKind::Note,
        );
        if rows.is_empty() {
            out.extend(wrapped(
                "まだありません。記録を書く・直す・削除すると、その内容がここに新しい順に並びます。",
                LineKind::Note,
            ));
        }
        for (i, r) in rows.iter().enumerate() {
            let head = r.head_lines(Some(width)).len();
            for (k, t) in r.lines(Some(width)).into_iter().enumerate() {
                out.push(Line {
                    text: t,
                    kind: if k < head {
                        LineKind::Head
                    } else {
                        LineKind::Body
                    },
                    row: Some(i),
                });
            }
        }
        if rows.len() >= LIMIT {
            out.extend(wrapped(
                &format!(
                    "（新しい {LIMIT} 件まで。それより前は teichaku audit --mine --limit 件数 で見られます）"
                ),
                LineKind::Note,
            ));
        }
        out
    }

    /// The clients whose recorded values the lines from `offset` show in
    /// `height` rows of `width` columns, each once.
    pub(crate) fn clients_shown(&self, width: usize, height: usize) -> Vec<ClientId> {
        let Shown::Ready(rows) = &self.shown else {
            return Vec::new();
        };
        let lines = self.lines(width);
        let offset = self.offset.min(lines.len().saturating_sub(height));
        crate::trail::clients_shown(
            lines
                .iter()
                .skip(offset)
                .take(height)
                .filter_map(|l| l.row.map(|i| &rows[i])),
        )
    }

    /// Scroll by `delta` lines, kept on the page.
    pub(crate) fn scroll_by(&mut self, delta: isize, total: usize, height: usize) {
        let max = total.saturating_sub(height);
        self.offset = self.offset.min(max).saturating_add_signed(delta).min(max);
    }
}
