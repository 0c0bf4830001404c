//! What the screen's marks mean, for the help: status glyphs and words,
//! stage badges, the record mark, the clause abbreviations, and the
//! editing keys of text fields.
//! Built from the same functions that draw them, so it cannot drift.

use ratatui::text::{Line, Span};

use crate::model::Status;
use crate::obligations::Stage;
use crate::tui::theme::{Slot, Theme};

const COL: usize = 10;

fn row(theme: &Theme, mark: &str, meaning: &str) -> Line<'static> {
    Line::from(vec![
        Span::styled(
            format!("  {}", crate::text::fit(mark, COL)),
            theme.style(Slot::HintKey),
        ),
        Span::styled(meaning.to_string(), theme.style(Slot::Normal)),
    ])
}

fn head(theme: &Theme, s: &str) -> Line<'static> {
    Line::styled(s.to_string(), theme.style(Slot::Title))
}

/// The legend's lines, headed like the help's sections.
pub(crate) fn legend_lines(theme: &Theme) -> Vec<Line<'static>> {
    let mut v = vec![Line::default(), head(theme, "【記号と状態】")];
    for &s in Status::ALL {
        let what = match s {
            Status::Overdue => "必須の項目で、期限を過ぎてまだ済んでいない",
            Status::DueSoon => "期限が近い（事業所の設定の日数以内）",
            Status::Open => "いま対応できる期間の中",
            Status::Upcoming => "これから（対応期間はまだ先）",
            Status::Done => "記録で満たした（遅れたときは 完了(遅延)）",
            Status::Waived => "対象外（理由つき。例: 対象外(離職)）",
        };
        v.push(row(theme, s.glyph(), &format!("{}: {what}", s.label())));
    }
    v.push(row(
        theme,
        Status::DueSoon.glyph(),
        "超過(努力)・間近(努力): 努力義務の項目（必須と分けて数える）",
    ));
    v.push(row(theme, "*", "記録（支援の記録・報告・計画・同意など）"));
    v.push(Line::default());
    v.push(head(theme, "【段階の表示（利用者一覧）】"));
    let stages = [
        Stage::NoEmployment,
        Stage::PreEmployment,
        Stage::Month1,
        Stage::Months2to3,
        Stage::Months4to5,
        Stage::Month6,
        Stage::AwaitingService,
        Stage::NotUsing,
        Stage::Retention { year: 1 },
        Stage::Ended,
        Stage::Separated,
    ];
    for s in stages {
        v.push(row(theme, &s.badge(), &s.label()));
    }
    v.push(Line::default());
    v.push(head(theme, "【根拠の略号（詳細の「根拠」欄）】"));
    v.push(row(
        theme,
        "000 §1(4)",
        "通知「就労定着支援の実施について」（障障発0330第1号）の項番号",
    ));
    v.push(row(
        theme,
        "003",
        "通知「就労移行支援事業の適正な実施について」",
    ));
    v.push(Line::default());
    v.push(head(theme, "【入力欄の編集キー】"));
    for (k, what) in [
        ("Ctrl-U", "行の先頭まで消す"),
        ("Ctrl-K", "行の末尾まで消す"),
        ("Ctrl-W", "一語消す"),
        ("Ctrl-Z", "元に戻す"),
        ("Ctrl-Y", "やり直す"),
        ("F1", "入力中の項目の説明（項目名の全文と入力のしかた）"),
    ] {
        v.push(row(theme, k, what));
    }
    v
}
