//! Whose deadlines: the deadlines view's choice of worker (全員, one
//! worker, or the clients nobody is assigned to), and each worker's short
//! mark for narrow columns — the family name when it tells the office's
//! staff apart, else the whole name, else the login.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::model::Staff;
use crate::text;

/// Which clients' items the deadlines view lists, by their worker.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Who {
    #[default]
    All,
    /// The clients assigned to this login.
    Staff(String),
    /// The clients no worker is assigned to.
    Unassigned,
}

impl Who {
    /// The worker a client is assigned to, as a choice.
    pub fn of(staff: Option<&str>) -> Who {
        match staff {
            Some(s) => Who::Staff(s.to_string()),
            None => Who::Unassigned,
        }
    }

    /// Does a client assigned to `staff` belong to this choice?
    pub fn keeps(&self, staff: Option<&str>) -> bool {
        match self {
            Who::All => true,
            Who::Staff(login) => staff == Some(login.as_str()),
            Who::Unassigned => staff.is_none(),
        }
    }

    /// In words, with the worker's name: 全員, 佐藤 健一, 担当なし.
    pub fn label(&self, marks: &Marks) -> String {
        match self {
            Who::All => "全員".to_string(),
            Who::Staff(login) => marks.name(login).into_owned(),
            Who::Unassigned => "担当なし".to_string(),
        }
    }

    /// Short, for the header: 佐藤, 担当なし.
    pub fn mark(&self, marks: &Marks) -> String {
        match self {
            Who::All => "全員".to_string(),
            Who::Staff(login) => marks.mark(Some(login)).into_owned(),
            Who::Unassigned => "担当なし".to_string(),
        }
    }
}

/// The staff's names and marks by login (registered staff; any other
/// login stands for itself).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    by_login: HashMap<String, (String, String)>,
}

/// The family name: the part before the first space (half- or
/// full-width), or the whole name.
fn family(name: &str) -> &str {
    name.split([' ', '\u{3000}'])
        .find(|p| !p.is_empty())
        .unwrap_or("")
}

impl Marks {
    pub fn new(staff: &[Staff]) -> Marks {
        let fam = |s: &Staff| family(&s.display_name).to_string();
        let whole = |s: &Staff| s.display_name.replace([' ', '\u{3000}'], "");
        // No one else's mark of the same kind is the same.
        let unique = |m: &str, of: &dyn Fn(&Staff) -> String, me: &Staff| {
            !m.is_empty() && staff.iter().all(|o| o.login == me.login || of(o) != m)
        };
        let by_login = staff
            .iter()
            .map(|s| {
                let name = if s.display_name.trim().is_empty() {
                    s.login.clone()
                } else {
                    s.display_name.clone()
                };
                // Two 佐藤 in one office: the whole name, else the login.
                let (f, w) = (fam(s), whole(s));
                let mark = if unique(&f, &fam, s) {
                    f
                } else if unique(&w, &whole, s) {
                    w
                } else {
                    s.login.clone()
                };
                (s.login.clone(), (name, mark))
            })
            .collect();
        Marks { by_login }
    }

    /// The name documents print (the login when not registered), safe to
    /// show.
    pub fn name<'a>(&'a self, login: &'a str) -> Cow<'a, str> {
        match self.by_login.get(login) {
            Some((name, _)) => text::for_display(name),
            None => text::for_display(login),
        }
    }

    /// A person as people read them: the name with the login in brackets
    /// (鈴木 健一（suzuki）), or the login said to be unregistered; safe
    /// to show.
    pub fn person(&self, login: &str) -> String {
        let name = self.by_login.get(login).map(|(name, _)| name.as_str());
        crate::model::person_label(name, login)
    }

    /// The short mark (― for no worker), safe to show.
    pub fn mark<'a>(&'a self, login: Option<&'a str>) -> Cow<'a, str> {
        match login {
            None => Cow::Borrowed("―"),
            Some(l) => match self.by_login.get(l) {
                Some((_, mark)) => text::for_display(mark),
                None => text::for_display(l),
            },
        }
    }

    /// Whether the login is registered staff.
    pub fn is_staff(&self, login: &str) -> bool {
        self.by_login.contains_key(login)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Role;

    fn staff(login: &str, name: &str) -> Staff {
        Staff {
            login: login.into(),
            display_name: name.into(),
            role: Role::CaseWorker,
            basic_training: None,
            fte_percent: None,
            joined: None,
            left: None,
            fte_history: Vec::new(),
        }
    }

    #[test]
    fn the_family_name_marks_a_worker_unless_two_share_it() {
        let m = Marks::new(&[
            staff("sato", "佐藤 健一"),
            staff("sato2", "佐藤　美穂"),
            staff("tanaka", "田中 花子"),
            staff("kobayashi", "小林"),
            staff("x", ""),
        ]);
        assert_eq!(m.mark(Some("tanaka")), "田中");
        assert_eq!(m.mark(Some("sato")), "佐藤健一");
        assert_eq!(m.mark(Some("sato2")), "佐藤美穂");
        assert_eq!(m.mark(Some("kobayashi")), "小林");
        assert_eq!(m.mark(Some("x")), "x");
        assert_eq!(m.mark(Some("suzuki")), "suzuki", "not registered");
        assert_eq!(m.mark(None), "―");
        assert_eq!(m.name("tanaka"), "田中 花子");
        assert_eq!(m.name("suzuki"), "suzuki");
    }

    #[test]
    fn a_person_reads_as_the_name_with_the_login_or_as_unregistered() {
        let m = Marks::new(&[staff("suzuki", "鈴木 健一"), staff("root", "root")]);
        assert_eq!(m.person("suzuki"), "鈴木 健一（suzuki）");
        assert_eq!(m.person("root"), "root", "no name to add");
        assert_eq!(m.person("ghost"), "ghost（職員に未登録）");
        assert_eq!(
            m.person("x\u{1b}[2J"),
            "x（職員に未登録）",
            "never raw to the terminal"
        );
    }

    #[test]
    fn a_name_with_an_escape_sequence_is_shown_without_it() {
        let m = Marks::new(&[staff("evil", "悪\u{1b}]0;x\u{7}意")]);
        assert!(!m.mark(Some("evil")).contains('\u{1b}'));
        assert!(!m.name("evil").contains('\u{1b}'));
    }

    #[test]
    fn a_choice_keeps_its_workers_clients() {
        assert!(Who::All.keeps(None));
        assert!(Who::Staff("sato".into()).keeps(Some("sato")));
        assert!(!Who::Staff("sato".into()).keeps(Some("tanaka")));
        assert!(!Who::Staff("sato".into()).keeps(None));
        assert!(Who::Unassigned.keeps(None));
        assert!(!Who::Unassigned.keeps(Some("sato")));
    }
}
