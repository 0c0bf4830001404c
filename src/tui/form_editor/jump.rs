//! Going straight to a field of a long form: the jump key opens a list of
//! the fields, numbered; typing a number or the first characters of a
//! label narrows it, and the field is reached with the list's `enter` key
//! — or at once when a typed number can only be one field (「12」 on a
//! form of 46 fields). Labels wait for the key: an input method commits
//! 「対象」 as several characters, and a jump on the first would type the
//! rest into the field.
//!
//! While the list is open the keys are the filter's (`Mode::Filter`):
//! it is a filter over the fields.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Form, FormOutcome};
use crate::tui::action::Action;

/// The open list: what has been typed, and which of the matching fields
/// the `enter` key takes (moved with up/down).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Jump {
    pub(super) query: String,
    pub(super) chosen: usize,
}

/// Full-width letters and digits as ASCII, katakana as hiragana, ASCII
/// lower-cased, spaces dropped: 「ﾀｲｼｮｳ」 aside, what an input method
/// types matches the label however it was typed.
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            c => c,
        })
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn is_number(q: &str) -> bool {
    !q.is_empty() && q.chars().all(|c| c.is_ascii_digit())
}

/// The fields (by index) that `query` names among `labels`, best first:
/// a number names the fields whose number (from 1) starts with it, the
/// number itself first; text names the labels that start with it, then
/// those that contain it. An empty query names every field.
pub(crate) fn candidates(labels: &[String], query: &str) -> Vec<usize> {
    let q = fold(query);
    let all = 0..labels.len();
    if q.is_empty() {
        return all.collect();
    }
    if is_number(&q) {
        return all
            .filter(|i| (i + 1).to_string().starts_with(&q))
            .collect();
    }
    let folded: Vec<String> = labels.iter().map(|l| fold(l)).collect();
    let mut out: Vec<usize> = all.clone().filter(|&i| folded[i].starts_with(&q)).collect();
    out.extend(all.filter(|&i| !folded[i].starts_with(&q) && folded[i].contains(&q)));
    out
}

/// The field a typed number reaches without the `enter` key: the one
/// field whose number starts with it.
pub(crate) fn settled(labels: &[String], query: &str) -> Option<usize> {
    if !is_number(&fold(query)) {
        return None;
    }
    match candidates(labels, query).as_slice() {
        [only] => Some(*only),
        _ => None,
    }
}

impl Form {
    /// The jump list is open.
    pub fn jumping(&self) -> bool {
        self.jump.is_some()
    }

    /// Open the list of fields (the jump key).
    pub(super) fn start_jump(&mut self) -> FormOutcome {
        self.jump = Some(Jump::default());
        FormOutcome::Consumed
    }

    /// The labels as shown, for matching and for the list.
    pub(super) fn shown_labels(&self) -> Vec<String> {
        self.specs
            .iter()
            .map(|s| crate::text::for_display(&s.label).into_owned())
            .collect()
    }

    /// The fields the list shows now, best first.
    pub(super) fn jump_candidates(&self) -> Vec<usize> {
        let q = self.jump.as_ref().map_or("", |j| j.query.as_str());
        candidates(&self.shown_labels(), q)
    }

    /// The field the `enter` key would go to.
    pub(super) fn jump_target(&self) -> Option<usize> {
        let chosen = self.jump.as_ref()?.chosen;
        self.jump_candidates().get(chosen).copied()
    }

    /// Go to field `i` as Tab would leave the focused one (its date
    /// checked), and close the list.
    pub(super) fn jump_to(&mut self, i: usize) -> FormOutcome {
        self.jump = None;
        self.leave_field(self.focus);
        self.set_focus(i);
        FormOutcome::Consumed
    }

    /// Go to field `id` as a jump does.
    pub fn go_to_field(&mut self, id: &str) {
        if let Some(i) = self.index_of(id) {
            self.jump_to(i);
        }
    }

    /// A key while the list is open, with the action the filter's keys
    /// give it.
    pub(super) fn jump_key(&mut self, key: &KeyEvent, action: Option<Action>) -> FormOutcome {
        let n = self.jump_candidates().len();
        let Some(jump) = &mut self.jump else {
            return FormOutcome::Ignored;
        };
        match action {
            Some(Action::Back) => {
                self.jump = None;
                return FormOutcome::Consumed;
            }
            Some(Action::Enter) => {
                return match self.jump_target() {
                    Some(i) => self.jump_to(i),
                    None => {
                        self.message = Some("当てはまる項目がありません".to_string());
                        FormOutcome::Consumed
                    }
                };
            }
            Some(Action::Down) if n > 0 => jump.chosen = (jump.chosen + 1) % n,
            Some(Action::Up) if n > 0 => jump.chosen = (jump.chosen + n - 1) % n,
            _ => match key.code {
                KeyCode::Backspace => {
                    jump.query.pop();
                    jump.chosen = 0;
                }
                KeyCode::Char(c)
                    if !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                {
                    jump.query.push(c);
                    jump.chosen = 0;
                    let q = jump.query.clone();
                    if let Some(i) = settled(&self.shown_labels(), &q) {
                        return self.jump_to(i);
                    }
                }
                _ => {}
            },
        }
        FormOutcome::Consumed
    }

    /// Pasted text narrows the list as if typed (one line).
    pub(super) fn jump_paste(&mut self, pasted: &str) -> FormOutcome {
        if let Some(jump) = &mut self.jump {
            let line = crate::text::clean_input(pasted).replace(['\n', '\t'], " ");
            jump.query.push_str(line.trim());
            jump.chosen = 0;
        }
        FormOutcome::Consumed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(ls: &[&str]) -> Vec<String> {
        ls.iter().map(|s| s.to_string()).collect()
    }

    /// The 支援レポート's fields, in order, as the form numbers them.
    fn report() -> Vec<String> {
        let specs = crate::tui::record_forms::report_specs(
            crate::dates::YearMonth {
                year: 2026,
                month: 11,
            },
            None,
        );
        specs.into_iter().map(|s| s.label).collect()
    }

    #[test]
    fn a_label_is_found_by_its_first_characters_then_by_any_part() {
        let ls = labels(&["対象者提示日", "事業所名", "担当者", "対象月"]);
        assert_eq!(candidates(&ls, "対象"), [0, 3]);
        assert_eq!(candidates(&ls, "対象者"), [0]);
        // Not at the start: found after those that start with it.
        assert_eq!(candidates(&ls, "担当"), [2]);
        assert_eq!(candidates(&ls, "者"), [0, 2]);
        assert_eq!(candidates(&ls, "提示"), [0]);
        assert!(candidates(&ls, "離職").is_empty());
        // Nothing typed: every field, in order.
        assert_eq!(candidates(&ls, ""), [0, 1, 2, 3]);
    }

    #[test]
    fn katakana_full_width_and_spaces_match_as_typed() {
        let ls = labels(&["メールアドレス", "支援実績3 場所", "ＦＡＸ番号"]);
        assert_eq!(candidates(&ls, "めーる"), [0]);
        assert_eq!(candidates(&ls, "支援実績３場所"), [1]);
        assert_eq!(candidates(&ls, "fax"), [2]);
    }

    #[test]
    fn a_number_names_the_fields_whose_number_starts_with_it() {
        let ls = labels(&["a"; 46]);
        assert_eq!(candidates(&ls, "4"), [3, 39, 40, 41, 42, 43, 44, 45]);
        assert_eq!(candidates(&ls, "12"), [11]);
        assert_eq!(candidates(&ls, "１２"), [11], "full-width digits");
        assert!(candidates(&ls, "47").is_empty());
        assert!(candidates(&ls, "0").is_empty());
    }

    #[test]
    fn a_number_jumps_at_once_only_when_no_other_field_could_follow() {
        let ls = labels(&["a"; 46]);
        assert_eq!(settled(&ls, "12"), Some(11));
        assert_eq!(settled(&ls, "5"), Some(4), "no field 50 to wait for");
        assert_eq!(settled(&ls, "4"), None, "40–46 still possible");
        assert_eq!(settled(&ls, "1"), None);
        assert_eq!(settled(&ls, "47"), None, "no such field");
        // A label waits for the key, unique or not.
        let ls = labels(&["対象者提示日", "事業所名"]);
        assert_eq!(settled(&ls, "対象"), None);
    }

    #[test]
    fn the_reports_presented_day_is_one_label_prefix_away() {
        let ls = report();
        let presented = ls
            .iter()
            .position(|l| l == "対象者提示日")
            .expect("the report asks for 対象者提示日");
        assert_eq!(candidates(&ls, "対象")[0], presented);
        // Its number reaches it too.
        let n = (presented + 1).to_string();
        assert_eq!(candidates(&ls, &n)[0], presented);
    }
}
