//! Snapshots of every screen with Japanese data, at 80×24 and 160×48 (and
//! a narrow 60×20). Read the .snap files: columns must line up with wide
//! characters, no line may run past the edge, status is glyph + word.

use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};

use super::harness::H;
use crate::text;
use crate::tui::testutil::screen;

/// The screen, then which characters are highlighted as filter matches
/// (the plain text cannot show styles).
fn with_highlights(h: &H) -> String {
    let (w, hh) = h.size;
    let mut t = Terminal::new(TestBackend::new(w, hh)).expect("backend");
    t.draw(|f| h.s.draw(f)).expect("draw");
    let buf = t.backend().buffer();
    let mut out = screen(buf);
    out.push_str("--- 一致箇所（強調表示） ---\n");
    for y in 0..hh {
        let marked: String = (0..w)
            .map(|x| &buf[(x, y)])
            .filter(|c| c.fg == Color::Yellow && c.modifier.contains(Modifier::UNDERLINED))
            .map(|c| c.symbol().to_string())
            .collect();
        if !marked.is_empty() {
            out.push_str(&format!("{y:>2}: {marked}\n"));
        }
    }
    out
}

fn check_widths(s: &str, w: u16) {
    for line in s.lines() {
        assert!(
            text::width(line) <= w as usize,
            "line wider than {w}: {line:?}"
        );
    }
}

fn snap(name: &str, h: &H) {
    let s = h.draw();
    check_widths(&s, h.size.0);
    insta::assert_snapshot!(name, s);
}

#[test]
fn snapshot_main_screen() {
    for (w, hh) in [(80, 24), (160, 48)] {
        let h = H::sized(w, hh);
        snap(&format!("main_{w}x{hh}"), &h);
    }
}

#[test]
fn snapshot_main_screen_timeline_focused() {
    for (w, hh) in [(80, 24), (160, 48)] {
        let mut h = H::sized(w, hh);
        h.select("C001");
        h.key(KeyCode::Enter);
        snap(&format!("timeline_{w}x{hh}"), &h);
    }
}

#[test]
fn snapshot_filter_with_highlights() {
    for (w, hh) in [(80, 24), (160, 48)] {
        let mut h = H::sized(w, hh);
        h.ch('/');
        h.typed("さと");
        let s = with_highlights(&h);
        check_widths(s.split("---").next().unwrap_or(""), w);
        insta::assert_snapshot!(format!("filter_{w}x{hh}"), s);
    }
}

#[test]
fn snapshot_quick_entry_form() {
    for (w, hh) in [(80, 24), (160, 48)] {
        let mut h = H::sized(w, hh);
        h.select("C002");
        h.ch('c');
        h.typed("本人と面接。通勤は順調");
        snap(&format!("contact_form_{w}x{hh}"), &h);
    }
}

#[test]
fn snapshot_deadlines_view() {
    for (w, hh) in [(80, 24), (160, 48)] {
        let mut h = H::sized(w, hh);
        h.ch('d');
        snap(&format!("deadlines_{w}x{hh}"), &h);
    }
}

#[test]
fn snapshot_help() {
    for (w, hh) in [(80, 24), (160, 48)] {
        let mut h = H::sized(w, hh);
        h.ch('?');
        snap(&format!("help_{w}x{hh}"), &h);
    }
}

#[test]
fn snapshot_narrow_terminal_with_tabs() {
    let mut h = H::sized(60, 20);
    snap("narrow_60x20_list", &h);
    h.key(KeyCode::Tab);
    snap("narrow_60x20_timeline", &h);
    h.key(KeyCode::Tab);
    snap("narrow_60x20_detail", &h);
}

#[test]
fn resizing_never_breaks_the_layout() {
    let mut h = H::new();
    h.select("C003");
    h.key(KeyCode::Enter);
    for (w, hh) in [
        (80, 24),
        (20, 5),
        (1, 1),
        (0, 0),
        (69, 30),
        (70, 10),
        (119, 40),
        (200, 60),
        (80, 24),
    ] {
        h.resize(w, hh);
        let s = h.draw();
        check_widths(&s, w);
    }
    h.ch('d');
    for (w, hh) in [(30, 8), (80, 24)] {
        h.resize(w, hh);
        check_widths(&h.draw(), w);
    }
}

#[test]
fn snapshot_report_editor() {
    let mut h = H::sized(80, 24);
    h.select("C003");
    h.ch('r');
    h.typed("生活リズムを整え、疲れを翌日に持ち越さない");
    snap("report_editor_80x24", &h);
}

#[test]
fn snapshot_plan_editor() {
    let mut h = H::sized(80, 24);
    h.select("C003");
    h.ch('p');
    snap("plan_editor_80x24", &h);
}

/// A bracketed part says which one (the month, 努力義務, the 離職 day):
/// none is opened and then cut.
fn check_brackets_whole(s: &str) {
    for line in s.lines() {
        let mut open = false;
        for c in line.chars() {
            match c {
                '（' => open = true,
                '）' => open = false,
                '…' if open => panic!("a bracketed part is cut: {line:?}"),
                _ => {}
            }
        }
    }
}

/// The screens a worker and a coordinator use, at 80×24 and 60×20: no
/// line runs past the edge and no bracketed part is cut.
#[test]
fn snapshot_the_daily_screens_at_80x24_and_60x20_cut_no_bracket() {
    for (w, hh) in [(80, 24), (60, 20)] {
        let mut h = H::sized(w, hh);
        let look = |name: &str, h: &H| {
            let s = h.draw();
            check_widths(&s, w);
            check_brackets_whole(&s);
            insta::assert_snapshot!(format!("{name}_{w}x{hh}"), s);
        };
        look("daily_list", &h);
        h.key(KeyCode::Enter);
        look("daily_timeline", &h);
        h.key(KeyCode::Esc);
        h.ch('d');
        look("daily_deadlines", &h);
        h.ch('u');
        look("daily_staff_picker", &h);
        h.key(KeyCode::Esc);
        // Nothing matches: the conditions are named whole.
        h.ch('/');
        h.typed("該当なし");
        h.key(KeyCode::Enter);
        look("daily_deadlines_nothing", &h);
        h.key(KeyCode::Esc);
        h.key(KeyCode::Esc);
        h.ch('O');
        h.wait(std::time::Duration::from_millis(50));
        look("daily_office", &h);
    }
}
