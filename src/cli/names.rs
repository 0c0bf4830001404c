//! How a member of staff is named where a person reads: 「田中 美咲
//! （tanaka）」 — the name to recognise, the login to type. Machine formats
//! (JSON, CSV, iCalendar, `due`'s table) keep the login alone.

use crate::model::Staff;

/// 「田中 美咲（tanaka）」, made safe for a terminal.
pub(super) fn of(s: &Staff) -> String {
    crate::model::person_label(Some(&s.display_name), &s.login)
}

/// `login` named from `staff`; one not registered says so
/// (「ghost（職員に未登録）」).
pub(super) fn login(staff: &[Staff], login: &str) -> String {
    let name = staff
        .iter()
        .find(|s| s.login == login)
        .map(|s| s.display_name.as_str());
    crate::model::person_label(name, login)
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
            "田中 美咲（tanaka）"
        );
        let stranger = login(&[s], "x\u{1b}[2J");
        assert!(stranger.ends_with("（職員に未登録）"), "{stranger}");
        assert!(!stranger.contains('\u{1b}'), "{stranger:?}");
    }
}
