use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::*;

fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new_with_kind(code, mods, KeyEventKind::Press)
}

fn ch(c: char) -> KeyEvent {
    press(KeyCode::Char(c), KeyModifiers::NONE)
}

fn user(src: &str) -> (Keymap, Vec<ConfigWarning>) {
    Keymap::from_sources(Some((
        Path::new("/home/u/.config/teichaku/keymap.toml"),
        src,
    )))
}

#[test]
fn built_in_keymap_loads_without_warnings() {
    let (_, warnings) = Keymap::from_sources(None);
    assert!(warnings.is_empty(), "{warnings:#?}");
}

#[test]
fn default_bindings_are_the_documented_ones() {
    let k = Keymap::default();
    let l = Mode::List;
    let shift = KeyModifiers::SHIFT;
    assert_eq!(k.lookup(l, &ch('q')), Some(Action::Quit));
    assert_eq!(
        k.lookup(l, &press(KeyCode::Char('?'), shift)),
        Some(Action::Help)
    );
    assert_eq!(
        k.lookup(l, &press(KeyCode::Tab, KeyModifiers::NONE)),
        Some(Action::NextPane)
    );
    assert_eq!(
        k.lookup(l, &press(KeyCode::BackTab, shift)),
        Some(Action::PrevPane)
    );
    assert_eq!(k.lookup(l, &ch('j')), Some(Action::Down));
    assert_eq!(
        k.lookup(l, &press(KeyCode::Up, KeyModifiers::NONE)),
        Some(Action::Up)
    );
    assert_eq!(k.lookup(l, &ch('/')), Some(Action::Filter));
    assert_eq!(
        k.lookup(l, &press(KeyCode::Esc, KeyModifiers::NONE)),
        Some(Action::Back)
    );
    assert_eq!(
        k.lookup(l, &press(KeyCode::Enter, KeyModifiers::NONE)),
        Some(Action::Enter)
    );
    assert_eq!(k.lookup(l, &ch('c')), Some(Action::NewContact));
    assert_eq!(k.lookup(l, &ch('d')), Some(Action::Deadlines));
    assert_eq!(k.lookup(l, &ch('m')), Some(Action::ToggleCaseload));
    assert_eq!(k.lookup(l, &ch('s')), Some(Action::ToggleSort));
    assert_eq!(k.lookup(l, &ch('r')), Some(Action::Report));
    assert_eq!(k.lookup(l, &ch('p')), Some(Action::Plan));
    assert_eq!(k.lookup(l, &ch('x')), Some(Action::Export));
    assert_eq!(k.lookup(l, &ch('e')), Some(Action::ClientForm));
    assert_eq!(
        k.lookup(l, &press(KeyCode::Char('E'), shift)),
        Some(Action::EmploymentForm)
    );
    assert_eq!(k.lookup(l, &ch('C')), Some(Action::ConsentForm));
    assert_eq!(k.lookup(l, &ch('H')), Some(Action::HandoverForm));
    assert_eq!(k.lookup(l, &ch('K')), Some(Action::ConferenceForm));
    let ctrl_s = press(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(k.lookup(Mode::Form, &ctrl_s), Some(Action::Save));
    // The change history from every browsing screen; inside it, q goes back.
    for m in [l, Mode::Timeline, Mode::Deadlines, Mode::Figures] {
        assert_eq!(k.lookup(m, &ch('h')), Some(Action::History), "{m:?}");
    }
    assert_eq!(k.lookup(Mode::History, &ch('q')), Some(Action::Back));
    assert_eq!(k.lookup(Mode::History, &ch('c')), None, "no client's keys");
}

#[test]
fn forms_and_filter_do_not_inherit_global_letters() {
    let k = Keymap::default();
    assert_eq!(k.lookup(Mode::Form, &ch('q')), None, "q is typed in a form");
    assert_eq!(
        k.lookup(Mode::Filter, &ch('j')),
        None,
        "j is typed in the filter"
    );
    assert_eq!(k.lookup(Mode::Timeline, &ch('q')), Some(Action::Quit));
}

#[test]
fn delete_is_a_timeline_key_and_its_dialog_types_letters() {
    let k = Keymap::default();
    let shift = KeyModifiers::SHIFT;
    let d = press(KeyCode::Char('D'), shift);
    assert_eq!(k.lookup(Mode::Timeline, &d), Some(Action::DeleteRecord));
    assert_eq!(k.lookup(Mode::List, &d), None, "only on the timeline");
    assert_eq!(k.lookup(Mode::Dialog, &ch('q')), None, "q is typed");
    assert_eq!(
        k.lookup(Mode::Dialog, &press(KeyCode::Enter, KeyModifiers::NONE)),
        Some(Action::Enter)
    );
    assert_eq!(
        k.lookup(Mode::Dialog, &press(KeyCode::Esc, KeyModifiers::NONE)),
        Some(Action::Back)
    );
}

#[test]
fn key_releases_trigger_nothing() {
    let k = Keymap::default();
    let release = KeyEvent::new_with_kind(
        KeyCode::Char('q'),
        KeyModifiers::NONE,
        KeyEventKind::Release,
    );
    assert_eq!(k.lookup(Mode::List, &release), None);
}

#[test]
fn user_file_overrides_one_key_and_keeps_the_rest() {
    let (k, w) = user(r#"global = [ { on = "c", run = "deadlines", desc = "期限へ" } ]"#);
    assert!(w.is_empty(), "{w:#?}");
    assert_eq!(k.lookup(Mode::List, &ch('c')), Some(Action::Deadlines));
    assert_eq!(k.lookup(Mode::List, &ch('d')), Some(Action::Deadlines));
    assert_eq!(k.lookup(Mode::List, &ch('q')), Some(Action::Quit));
    let rows = k.bindings(Mode::Global);
    assert!(
        rows.contains(&("c".to_string(), Action::Deadlines, "期限へ")),
        "{rows:?}"
    );
}

#[test]
fn no_op_unbinds_a_default_key() {
    let (k, w) = user(r#"global = [ { on = "q", run = "no_op" } ]"#);
    assert!(w.is_empty(), "{w:#?}");
    assert_eq!(k.lookup(Mode::List, &ch('q')), None);
    assert!(
        k.bindings(Mode::Global)
            .iter()
            .all(|(key, _, _)| key != "q")
    );
}

#[test]
fn toml_syntax_error_is_reported_with_its_line_and_defaults_stay() {
    let src =
        "global = [\n  { on = \"c\", run = \"quit\" },\n  { on = \"x\" run = \"help\" },\n]\n";
    let (k, w) = user(src);
    assert_eq!(w.len(), 1, "{w:#?}");
    assert_eq!(w[0].line, 3);
    assert!(w[0].message.contains("既定の設定"), "{}", w[0].message);
    assert_eq!(w[0].file, Path::new("/home/u/.config/teichaku/keymap.toml"));
    assert_eq!(k.lookup(Mode::List, &ch('c')), Some(Action::NewContact));
}

#[test]
fn unknown_key_and_unknown_action_are_reported_by_line_and_the_rest_applies() {
    let src = r#"
global = [
  { on = "<Hyper-z>", run = "quit" },
  { on = "z", run = "launch_rockets" },
  { on = "Z", run = "help" },
  { on = "y", run = "tick" },
]
"#;
    let (k, w) = user(src);
    let lines: Vec<usize> = w.iter().map(|w| w.line).collect();
    assert_eq!(lines, vec![3, 4, 6], "{w:#?}");
    assert!(w[0].message.contains("キーとして読めません"));
    assert!(w[1].message.contains("launch_rockets"));
    assert!(
        w[2].message.contains("tick"),
        "internal actions cannot be bound"
    );
    assert_eq!(k.lookup(Mode::List, &ch('Z')), Some(Action::Help));
    assert_eq!(k.lookup(Mode::List, &ch('z')), None);
}

#[test]
fn unknown_mode_and_wrong_shapes_are_reported() {
    let src = "listt = []\nform = \"save\"\nhelp = [ \"q\", { on = \"q\", run = \"back\", when = 1 }, { run = \"back\" } ]\n";
    let (_, w) = user(src);
    assert_eq!(w.len(), 5, "{w:#?}");
    assert!(w.iter().any(|w| w.line == 1 && w.message.contains("listt")));
    assert!(w.iter().any(|w| w.line == 2 && w.message.contains("配列")));
    assert!(w.iter().filter(|w| w.line == 3).count() == 3);
    assert!(w.iter().any(|w| w.message.contains("when")));
    assert!(
        w.iter()
            .any(|w| w.message.contains("on（キー）がありません"))
    );
}

#[test]
fn a_key_bound_twice_in_one_mode_of_one_file_is_reported() {
    let src = "list = [\n  { on = \"n\", run = \"new_contact\" },\n  { on = \"n\", run = \"new_contact\" },\n]\n";
    let (k, w) = user(src);
    assert_eq!(w.len(), 1, "{w:#?}");
    assert_eq!(w[0].line, 3);
    assert!(w[0].message.contains("2 行目"), "{}", w[0].message);
    assert_eq!(k.lookup(Mode::List, &ch('n')), Some(Action::NewContact));
}

#[test]
fn two_actions_on_one_key_in_one_mode_warn_and_the_later_wins() {
    let src = "list = [\n  { on = \"<C-n>\", run = \"new_contact\" },\n\n  { on = \"<c-N>\", run = \"report\" },\n]\n";
    let (k, w) = user(src);
    assert_eq!(w.len(), 1, "{w:#?}");
    assert_eq!(w[0].line, 4);
    assert!(w[0].message.contains("new_contact") && w[0].message.contains("report"));
    let ctrl_n = press(KeyCode::Char('n'), KeyModifiers::CONTROL);
    assert_eq!(k.lookup(Mode::List, &ctrl_n), Some(Action::Report));
}

#[test]
fn same_key_in_different_modes_is_not_a_conflict() {
    let src = "list = [ { on = \"n\", run = \"new_contact\" } ]\ntimeline = [ { on = \"n\", run = \"report\" } ]\n";
    let (_, w) = user(src);
    assert!(w.is_empty(), "{w:#?}");
}

#[test]
fn user_global_key_hidden_by_a_screen_binding_is_reported() {
    let (k, w) = user("\nglobal = [ { on = \"<Space>\", run = \"new_contact\" } ]\n");
    // timeline and deadlines bind Space to group_toggle; list does not.
    assert_eq!(w.len(), 2, "{w:#?}");
    assert!(
        w.iter()
            .all(|w| w.line == 2 && w.message.contains("group_toggle"))
    );
    let space = ch(' ');
    assert_eq!(k.lookup(Mode::List, &space), Some(Action::NewContact));
    assert_eq!(k.lookup(Mode::Timeline, &space), Some(Action::GroupToggle));
}

#[test]
fn keys_for_lists_own_and_unhidden_global_keys() {
    let k = Keymap::default();
    let labels = |m, a| -> Vec<String> { k.keys_for(m, a).iter().map(|k| k.to_string()).collect() };
    assert_eq!(labels(Mode::List, Action::Down), vec!["j", "Down"]);
    assert_eq!(labels(Mode::Form, Action::Save), vec!["Ctrl+s"]);
    assert_eq!(labels(Mode::Help, Action::Back), vec!["Esc", "?", "q"]);
}
