//! The three-way comparison behind the conflict view, on a form's values
//! (field id → text): what both started from (base), the record as now
//! stored (theirs) and what this person entered (mine). Pure: no store,
//! no terminal.
//!
//! Only fields where theirs and mine differ are listed. A field only one
//! side changed defaults to that side; a field both changed (or whose base
//! is unknown) waits for the person's choice.

use std::collections::BTreeMap;

/// A form's values by field id.
pub(crate) type Values = BTreeMap<String, String>;

/// Who changed a field since the base.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Changed {
    Theirs,
    Mine,
    /// Both, to different values — or the base is not known.
    Both,
}

/// Whose value a field keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Theirs,
    Mine,
}

/// One field on which theirs and mine differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FieldDiff {
    pub(crate) id: String,
    /// `None`: not known (a draft kept before drafts remembered it).
    pub(crate) base: Option<String>,
    pub(crate) theirs: String,
    pub(crate) mine: String,
    pub(crate) changed: Changed,
    /// The side kept: the default, then the person's choice. `None`
    /// while a field both changed waits for a choice.
    pub(crate) choice: Option<Side>,
}

impl FieldDiff {
    /// The value the field is saved with, once chosen.
    pub(crate) fn chosen_value(&self) -> Option<&str> {
        self.choice.map(|s| match s {
            Side::Theirs => self.theirs.as_str(),
            Side::Mine => self.mine.as_str(),
        })
    }
}

fn get<'a>(v: &'a Values, id: &str) -> &'a str {
    v.get(id).map(String::as_str).unwrap_or("")
}

/// The fields `ids` (in that order) on which `theirs` and `mine` differ,
/// each with who changed it since `base` and its default side. A missing
/// value counts as empty.
pub(crate) fn compare<'a>(
    ids: impl IntoIterator<Item = &'a str>,
    base: Option<&Values>,
    theirs: &Values,
    mine: &Values,
) -> Vec<FieldDiff> {
    let mut out = Vec::new();
    for id in ids {
        let (t, m) = (get(theirs, id), get(mine, id));
        if t == m {
            continue;
        }
        let b = base.map(|b| get(b, id));
        let changed = match b {
            Some(b) if b == t => Changed::Mine,
            Some(b) if b == m => Changed::Theirs,
            _ => Changed::Both,
        };
        let choice = match changed {
            Changed::Theirs => Some(Side::Theirs),
            Changed::Mine => Some(Side::Mine),
            Changed::Both => None,
        };
        out.push(FieldDiff {
            id: id.to_string(),
            base: b.map(str::to_string),
            theirs: t.to_string(),
            mine: m.to_string(),
            changed,
            choice,
        });
    }
    out
}

/// The values to continue with: `theirs`, with every listed field at its
/// chosen side's value. `Err(n)`: n fields still wait for a choice.
pub(crate) fn merged(theirs: &Values, diffs: &[FieldDiff]) -> Result<Values, usize> {
    let waiting = diffs.iter().filter(|d| d.choice.is_none()).count();
    if waiting > 0 {
        return Err(waiting);
    }
    let mut out = theirs.clone();
    for d in diffs {
        if let Some(v) = d.chosen_value() {
            out.insert(d.id.clone(), v.to_string());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn values(pairs: &[(&str, &str)]) -> Values {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    const IDS: [&str; 4] = ["name", "kana", "certificate_no", "note"];

    #[test]
    fn a_field_only_they_changed_defaults_to_theirs() {
        let base = values(&[("certificate_no", "111"), ("kana", "やまだ")]);
        let theirs = values(&[("certificate_no", "222"), ("kana", "やまだ")]);
        let mine = base.clone();
        let d = compare(IDS, Some(&base), &theirs, &mine);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].id, "certificate_no");
        assert_eq!(d[0].changed, Changed::Theirs);
        assert_eq!(d[0].choice, Some(Side::Theirs));
    }

    #[test]
    fn a_field_only_i_changed_defaults_to_mine() {
        let base = values(&[("kana", "やまだ")]);
        let mine = values(&[("kana", "やまだ たろう")]);
        let d = compare(IDS, Some(&base), &base, &mine);
        assert_eq!(d[0].changed, Changed::Mine);
        assert_eq!(d[0].chosen_value(), Some("やまだ たろう"));
    }

    #[test]
    fn a_field_both_changed_differently_waits_for_a_choice() {
        let base = values(&[("name", "山田")]);
        let theirs = values(&[("name", "山田 太郎")]);
        let mine = values(&[("name", "山田 太朗")]);
        let d = compare(IDS, Some(&base), &theirs, &mine);
        assert_eq!(d[0].changed, Changed::Both);
        assert_eq!(d[0].choice, None);
        assert_eq!(merged(&theirs, &d), Err(1));
    }

    #[test]
    fn a_field_both_changed_to_the_same_value_is_no_conflict() {
        let base = values(&[("name", "山田")]);
        let same = values(&[("name", "山田 太郎")]);
        assert!(compare(IDS, Some(&base), &same, &same).is_empty());
    }

    #[test]
    fn without_a_base_every_difference_waits_for_a_choice() {
        let theirs = values(&[("kana", "やまだ")]);
        let mine = values(&[("kana", "ヤマダ")]);
        let d = compare(IDS, None, &theirs, &mine);
        assert_eq!((d[0].changed, d[0].base.as_deref()), (Changed::Both, None));
    }

    #[test]
    fn fields_are_listed_in_the_order_given() {
        let base = values(&[]);
        let theirs = values(&[("note", "a"), ("name", "b")]);
        let d = compare(IDS, Some(&base), &theirs, &base);
        let ids: Vec<&str> = d.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ids, ["name", "note"]);
    }

    #[test]
    fn a_choice_decides_the_merged_value() {
        let base = values(&[("name", "山田")]);
        let theirs = values(&[("name", "山田 太郎")]);
        let mine = values(&[("name", "山田 太朗")]);
        let mut d = compare(IDS, Some(&base), &theirs, &mine);
        d[0].choice = Some(Side::Mine);
        assert_eq!(merged(&theirs, &d).expect("chosen")["name"], "山田 太朗");
        d[0].choice = Some(Side::Theirs);
        assert_eq!(merged(&theirs, &d).expect("chosen")["name"], "山田 太郎");
    }

    /// A base, and which fields each side changes (to what). A field both
    /// sides change gets the same value from both: no conflict.
    fn sides() -> impl Strategy<Value = (Values, Values, Values)> {
        let field = prop::sample::select(IDS.to_vec());
        (
            prop::collection::btree_map(field.clone(), "[a-c]{0,2}", 0..4),
            prop::collection::btree_map(field.clone(), "[a-c]{0,2}", 0..4),
            prop::collection::btree_map(field, "[a-c]{0,2}", 0..4),
        )
            .prop_map(|(base, t, m)| {
                let base: Values = IDS
                    .iter()
                    .map(|id| (id.to_string(), base.get(id).cloned().unwrap_or_default()))
                    .collect();
                let mut theirs = base.clone();
                let mut mine = base.clone();
                for (k, v) in &t {
                    theirs.insert(k.to_string(), v.clone());
                }
                for (k, v) in &m {
                    // Where both change a field, mine agrees with theirs.
                    let v = t.get(k).cloned().unwrap_or_else(|| v.clone());
                    mine.insert(k.to_string(), v);
                }
                (base, theirs, mine)
            })
    }

    proptest! {
        #[test]
        fn without_a_conflicting_field_the_merge_is_the_base_with_both_changes(
            (base, theirs, mine) in sides()
        ) {
            let d = compare(IDS, Some(&base), &theirs, &mine);
            prop_assert!(d.iter().all(|x| x.changed != Changed::Both));
            let mut expected = base.clone();
            for id in IDS {
                if theirs[id] != base[id] {
                    expected.insert(id.to_string(), theirs[id].clone());
                }
                if mine[id] != base[id] {
                    expected.insert(id.to_string(), mine[id].clone());
                }
            }
            prop_assert_eq!(merged(&theirs, &d), Ok(expected));
        }
    }
}
