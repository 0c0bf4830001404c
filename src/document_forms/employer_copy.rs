//! The employer's copy of a 支援レポート: only the sections the client agreed
//! to share (利用者同意した内容以外は事業主等と共有しない, the notice's rule on
//! the 支援レポート). The choice is recorded on the report, one field per
//! section (`shares` in `data/forms/report.toml`); the filtering is done
//! on the values, before any layout, so no layout can print more.

use std::collections::BTreeSet;

use super::{FormDef, Values};

/// The recorded answer that puts a section on the employer's copy.
pub(crate) const SHARED: &str = "載せる";

/// The titles of the sections that go to the employer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct EmployerChoice(pub(crate) BTreeSet<String>);

impl EmployerChoice {
    pub(crate) fn shares(&self, title: &str) -> bool {
        self.0.contains(title)
    }
}

/// The choice recorded in `values`: each section as its field says, a
/// section left unanswered as the field's `default` says.
pub(crate) fn employer_choice(def: &FormDef, values: &Values) -> EmployerChoice {
    let mut out = BTreeSet::new();
    for f in def.sections.iter().flat_map(|s| &s.fields) {
        let Some(title) = &f.shares else { continue };
        let shared = match values.get(&f.id).map(|v| v.trim()) {
            None | Some("") => f.default.as_deref() == Some(SHARED),
            Some(v) => v == SHARED,
        };
        if shared {
            out.insert(title.clone());
        }
    }
    EmployerChoice(out)
}

/// Whether a printed section goes to the employer under `choice`: the
/// untitled bands (dates, the client's and the office's names: what
/// makes it a document) always, a titled one when chosen.
fn goes(s: &super::Section, choice: &EmployerChoice) -> bool {
    s.printed && (s.title.is_empty() || choice.shares(&s.title))
}

/// `values` with only what the employer may see: the fields of the
/// sections `goes` keeps. Anything else — other sections, the choice
/// itself, keys the form does not know — is left out.
pub(crate) fn for_employer(def: &FormDef, values: &Values, choice: &EmployerChoice) -> Values {
    let keep: BTreeSet<String> = def
        .sections
        .iter()
        .filter(|s| goes(s, choice))
        .flat_map(|s| s.field_ids())
        .collect();
    values
        .iter()
        .filter(|(k, _)| keep.contains(*k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// The form the employer's copy is laid out with: its printed sections
/// that go to the employer, so a left-out section is not printed empty
/// (which would read as "nothing was done").
pub(crate) fn employer_form(def: &FormDef, choice: &EmployerChoice) -> FormDef {
    def.with_sections(|s| goes(s, choice))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::document_forms::report_form;

    fn choice_of(v: &[(&str, &str)]) -> EmployerChoice {
        let values: Values = v
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        employer_choice(&report_form(), &values)
    }

    #[test]
    fn every_choice_names_a_printed_section_and_has_a_default_among_its_choices() {
        let def = report_form();
        let titles: Vec<&str> = def
            .sections
            .iter()
            .filter(|s| s.printed && !s.title.is_empty())
            .map(|s| s.title.as_str())
            .collect();
        let choices: Vec<&str> = def
            .all_fields()
            .iter()
            .filter_map(|f| f.shares.clone())
            .map(|t| titles.iter().copied().find(|x| *x == t).unwrap_or("?"))
            .collect();
        assert_eq!(choices, titles, "one choice per titled printed section");
        for f in def.all_fields().iter().filter(|f| f.shares.is_some()) {
            let d = f.default.as_deref().unwrap_or("");
            assert!(f.choices.iter().any(|c| c == d), "{}: default {d}", f.id);
        }
    }

    #[test]
    fn without_a_recorded_choice_the_direction_and_shared_notes_go() {
        let all = choice_of(&[]);
        assert_eq!(
            all.0.iter().map(String::as_str).collect::<Vec<_>>(),
            vec!["共有事項", "支援の方向性"]
        );
        let c = choice_of(&[
            ("employer_goals", "載せる"),
            ("employer_shared", "載せない"),
        ]);
        assert!(c.shares("当月の主な支援目標") && c.shares("支援の方向性"));
        assert!(!c.shares("共有事項") && !c.shares("当月の支援状況"));
    }

    #[test]
    fn the_employer_form_has_the_bands_and_the_chosen_sections_only() {
        let def = report_form().printed();
        let f = employer_form(&def, &choice_of(&[("employer_direction", "載せない")]));
        let titles: Vec<&str> = f.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, vec!["", "共有事項", ""]);
    }

    /// Any value for any field of the form (and some the form does not
    /// know), and any answer to each choice.
    fn values() -> impl Strategy<Value = Values> {
        let ids: Vec<String> = report_form()
            .all_fields()
            .into_iter()
            .map(|f| f.id)
            .chain(["nonsense".to_string(), "share_with_employer".to_string()])
            .collect();
        let answers = prop::sample::select(vec!["", "載せる", "載せない", "はい"]);
        let choices: Vec<String> = report_form()
            .all_fields()
            .into_iter()
            .filter(|f| f.shares.is_some())
            .map(|f| f.id)
            .collect();
        (
            prop::collection::btree_map(prop::sample::select(ids), "[あ-ん]{0,4}", 0..40),
            prop::collection::vec(answers, choices.len()),
        )
            .prop_map(move |(mut v, a)| {
                for (id, answer) in choices.iter().zip(a) {
                    v.insert(id.clone(), answer.to_string());
                }
                v
            })
    }

    proptest! {
        #[test]
        fn nothing_outside_the_chosen_sections_survives(v in values()) {
            let def = report_form();
            let choice = employer_choice(&def, &v);
            let out = for_employer(&def, &v, &choice);
            for (k, value) in &out {
                let s = def.sections.iter().find(|s| s.field_ids().any(|id| id == *k));
                prop_assert!(s.is_some(), "{} is not the form's", k);
                let s = s.expect("checked");
                prop_assert!(s.printed, "{} is a setting", k);
                prop_assert!(s.title.is_empty() || choice.shares(&s.title), "{} of {}", k, s.title);
                prop_assert_eq!(Some(value), v.get(k));
            }
            // …and what is chosen is all there.
            for s in def.sections.iter().filter(|s| s.printed && (s.title.is_empty() || choice.shares(&s.title))) {
                for id in s.field_ids() {
                    prop_assert_eq!(out.get(&id), v.get(&id));
                }
            }
            // A section answered 載せない never goes, whatever the default.
            for f in def.all_fields().iter().filter(|f| f.shares.is_some()) {
                if v.get(&f.id).is_some_and(|a| a == "載せない") {
                    prop_assert!(!choice.shares(f.shares.as_deref().unwrap_or("")));
                }
            }
        }
    }
}
