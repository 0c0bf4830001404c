//! How a member of staff is named where a person reads: 「田中 美咲
//! (tanaka)」 — the name to recognise, the login to type. Machine formats
//! (JSON, CSV, iCalendar, `due`'s table) keep the login alone.

use crate::model::Staff;
use crate::text::for_display;

/// 「田中 美咲 (tanaka)」, made safe for a terminal.
pub(super) fn of(s: &Staff) -> String {
    format!(
        "{} ({})",
        for_display(&s.display_name),
        for_display(&s.login)
    )
}

/// `login` named from `staff`; one not registered says so
/// (「ghost（職員に未登録）」).
pub(super) fn login(staff: &[Staff], login: &str) -> String {
    match staff.iter().find(|s| s.login == login) {
        Some(s) => of(s),
        None => format!("{}（職員に未登録）", for_display(login)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Role;

    #[test]
    fn a_login_is_named_with_the_login_in_brackets_and_a_stranger_said_so() {
        let s = Staff {
            login: "tanaka".into(),
            display_name: "田中 美咲".into(),
            role: Role::CaseWorker,
            basic_training: None,
            fte_percent: None,
            joined: None,
            left: None,
            fte_history: Vec::new(),
        };
        assert_eq!(
            login(std::slice::from_ref(&s), "tanaka"),
            "田中 美咲 (tanaka)"
        );
        let stranger = login(&[s], "x\u{1b}[2J");
        assert!(stranger.ends_with("（職員に未登録）"), "{stranger}");
        assert!(!stranger.contains('\u{1b}'), "{stranger:?}");
    }
}
