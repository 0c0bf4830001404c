//! Finding a client by romaji or half-width katakana, and finding text in
//! a client's records.

use super::harness::H;
use crate::operation;
use crate::tui::fixtures;

/// The fixture case load plus 石井 一郎 (いしい) and 工藤 健 (くどう).
fn with_ishii_and_kudou() -> H {
    let mut h = H::new();
    let client = |id: &str, name: &str, kana: &str| {
        serde_json::json!({
            "external_id": id, "name": name, "kana": kana, "assigned_staff": "sato",
            "employments": [{"employer": {"name": "株式会社ひかり"}, "support_type": "standard",
                             "decision_date": "2026-09-25", "start_date": "2026-10-15"}]
        })
    };
    let doc = serde_json::json!({"clients": [
        client("C201", "石井 一郎", "いしい いちろう"),
        client("C202", "工藤 健", "くどう けん"),
    ]});
    let doc =
        crate::interchange::parse_document(&doc.to_string(), fixtures::today()).expect("document");
    operation::import_document(&h.other("sato"), &doc).expect("import");
    h.reconnect();
    h
}

fn found(h: &mut H, query: &str) -> Vec<String> {
    h.ch('/');
    h.typed(query);
    let app = &h.s.app;
    let ids = app
        .list
        .visible
        .iter()
        .map(|&r| app.snap.rows[r].external_id.clone())
        .collect();
    h.key(crossterm::event::KeyCode::Esc);
    ids
}

#[test]
fn romaji_ishii_finds_ishii_in_the_client_filter() {
    let mut h = with_ishii_and_kudou();
    for q in ["ishii", "isii", "Ishii"] {
        assert_eq!(found(&mut h, q), vec!["C201".to_string()], "{q}");
    }
    h.ch('/');
    h.typed("ishii");
    assert_eq!(h.selected_external_id(), "C201");
    let screen = h.draw();
    assert!(screen.contains("石井 一郎"));
    // The 一致 column shows the whole matched reading, not 「いし…」.
    let row = screen
        .lines()
        .find(|l| l.starts_with("│石井 一郎"))
        .expect("the row");
    assert!(row.contains("いしい") && !row.contains("いし…"), "{row}");
}

#[test]
fn half_width_katakana_finds_the_furigana() {
    let mut h = with_ishii_and_kudou();
    assert_eq!(found(&mut h, "ｲｼｲ"), vec!["C201".to_string()]);
    assert_eq!(found(&mut h, "ｸﾄﾞｳ"), vec!["C202".to_string()]);
}

#[test]
fn long_vowels_in_romaji_are_read_every_way() {
    let mut h = with_ishii_and_kudou();
    for q in ["kudou", "kudō", "kudoo", "kudoh"] {
        assert_eq!(found(&mut h, q), vec!["C202".to_string()], "{q}");
    }
}

#[test]
fn slash_in_the_timeline_finds_a_word_in_the_contact_notes_and_jumps_there() {
    use crate::tui::timeline::RecordKind;
    use crate::tui::widgets::layout::Pane;
    use crossterm::event::KeyCode;
    let mut h = H::new();
    h.select("C003");
    h.key(KeyCode::Enter);
    assert_eq!(h.s.app.focus, Pane::Timeline);
    let start = h.s.app.timeline.as_ref().and_then(|t| t.selected_key());
    h.ch('/');
    // The counterpart's detail of one phone call (a note, not a title).
    h.typed("障害福祉課");
    let t = h.s.app.timeline.as_ref().expect("timeline");
    let r = t.selected_record().expect("the cursor is on a record");
    assert_eq!(
        (r.kind, r.date),
        (
            RecordKind::Contact,
            chrono::NaiveDate::from_ymd_opt(2025, 9, 10).expect("day")
        )
    );
    assert!(h.message().contains("1/1件"), "{}", h.message());
    assert!(h.draw().contains("記録を検索: 障害福祉課"));
    h.key(KeyCode::Enter);
    assert!(h.s.app.note_search.is_none());
    assert_eq!(
        h.s.app.focus,
        Pane::Timeline,
        "the cursor stays on the find"
    );

    // Nine monthly notes share a word: Down steps through them, newest first.
    h.ch('/');
    h.typed("体調");
    assert!(h.message().contains("1/9件"), "{}", h.message());
    let first = h.s.app.timeline.as_ref().and_then(|t| t.selected_key());
    h.key(KeyCode::Down);
    assert!(h.message().contains("2/9件"), "{}", h.message());
    assert_ne!(
        h.s.app.timeline.as_ref().and_then(|t| t.selected_key()),
        first
    );

    // Back leaves the cursor where it was before the search.
    h.key(KeyCode::Esc);
    assert!(h.s.app.note_search.is_none());
    let back = h.s.app.timeline.as_ref().and_then(|t| t.selected_key());
    assert_ne!(
        back, start,
        "Enter kept the first find, so Back returns there"
    );
    h.ch('/');
    h.typed("存在しない言葉");
    assert!(h.message().contains("見つかりません"));
    h.key(KeyCode::Enter);
    assert!(h.message().contains("含む記録はありません"));
}
