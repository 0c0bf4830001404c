use super::*;
use crate::model::{Office, Role, Settings};

fn member(login: &str) -> Staff {
    Staff {
        login: login.into(),
        display_name: login.into(),
        role: Role::CaseWorker,
        basic_training: None,
        fte_percent: None,
        joined: None,
        left: None,
        fte_history: Vec::new(),
    }
}

fn data(logins: &[&str]) -> OfficeData {
    OfficeData {
        office: Office::default(),
        settings: Settings::default(),
        caseload_only: false,
        staff: logins.iter().map(|l| member(l)).collect(),
        role: Role::Admin,
        owner: false,
    }
}

#[test]
fn each_tab_keeps_its_own_cursor_within_its_rows() {
    let mut s = OfficeScreen::default();
    s.set_data(data(&["a", "b", "c"]));
    s.move_by(100);
    assert_eq!(s.selected_key(), "caseload_only");
    s.switch_tab();
    s.move_by(1);
    assert_eq!(s.selected_staff().map(|m| m.login.as_str()), Some("b"));
    s.select_end(true);
    assert_eq!(s.staff, 2);
    s.switch_tab();
    assert_eq!(
        s.setting,
        SETTING_KEYS.len() - 1,
        "the settings cursor stayed"
    );
}

#[test]
fn the_staff_cursor_follows_the_member_across_a_reread() {
    let mut s = OfficeScreen {
        tab: OfficeTab::Staff,
        ..OfficeScreen::default()
    };
    s.set_data(data(&["a", "c"]));
    s.select_login("c");
    s.set_data(data(&["a", "b", "c"]));
    assert_eq!(s.selected_staff().map(|m| m.login.as_str()), Some("c"));
    // Removed: the cursor stays where it was, on the row that took its place.
    s.set_data(data(&["a", "b"]));
    assert_eq!(s.selected_staff().map(|m| m.login.as_str()), Some("b"));
}
