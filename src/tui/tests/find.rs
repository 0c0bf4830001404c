//! Finding a client by romaji or half-width katakana, and finding text in
//! a client's records.

use super::harness::H;
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
    h.other("sato").import(&doc).expect("import");
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
    assert!(h.draw().contains("石井 一郎"));
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
