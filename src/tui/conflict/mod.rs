//! The conflict view: someone else saved the record after this person
//! began editing it (a save refused as stale, or a draft restored onto a
//! newer version). For every field the two versions disagree on it shows
//! the value both started from, theirs (with who saved it, when known)
//! and mine; per field the person takes theirs or keeps mine, then saves
//! or goes back to the form with the chosen values. A field only one side
//! changed starts on that side; one both changed waits for a choice.
//!
//! Keys arrive resolved through the keymap (`Mode::Conflict`). This state
//! only edits itself; `update` reads the record again, shows the view
//! over the form, and saves the choice (against the new version) with the
//! decisions for the audit row (`record`). `merge` compares, `view` draws.

mod merge;
mod update;
mod view;

use ratatui::layout::Rect;

pub(crate) use merge::{Changed, FieldDiff, Side, Values, compare, merged};
pub(crate) use update::{Mine, Since, Why};
pub(crate) use view::ConflictView;

use super::action::Action;
use super::form_editor::{FieldKind, FieldSpec};
use crate::model::{Chosen, ConflictField, ConflictRecord};

/// One listed field: its difference and how to show its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub(crate) diff: FieldDiff,
    pub(crate) label: String,
    kind: FieldKind,
}

impl Row {
    /// `v` as the form shows it: a choice's word, はい/いいえ, （空欄）.
    pub(crate) fn shown(&self, v: &str) -> String {
        shown_value(&self.kind, v)
    }
}

/// A value as the person knows it from the form (unsanitized: the view
/// passes it through `text::for_display` when drawing).
pub(crate) fn shown_value(kind: &FieldKind, v: &str) -> String {
    if v.trim().is_empty() {
        return "（空欄）".to_string();
    }
    match kind {
        FieldKind::Choice(choices) => choices
            .iter()
            .find(|(id, _)| id == v)
            .map_or_else(|| v.to_string(), |(_, label)| label.clone()),
        FieldKind::Bool if v == "true" => "はい".to_string(),
        FieldKind::Bool => "いいえ".to_string(),
        _ => v.to_string(),
    }
}

/// What a key did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    Consumed,
    /// Leave the view; nothing is decided (the form keeps my input).
    Close,
    /// Show the help popup.
    Help,
    /// Back to the form with these values, to edit before saving.
    Edit(Values),
    /// Save these values now.
    Save(Values),
}

/// The open (or, after Esc, waiting) conflict of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Conflict {
    /// What the record is (the form's title).
    pub(crate) title: String,
    pub(crate) rows: Vec<Row>,
    pub(crate) cursor: usize,
    /// `Some(scroll)` while the selected field's whole text is shown.
    pub(crate) whole: Option<u16>,
    /// Who saved theirs (login) and when, ready to show.
    pub(crate) by: Option<(String, String)>,
    /// The version that holds their change: the save is made against it.
    pub(crate) theirs_version: i64,
    theirs: Values,
    /// Why the last save or edit was refused (a choice is missing).
    pub(crate) error: Option<String>,
    /// On screen; `false` after Esc, until the next save brings it back.
    pub(crate) shown: bool,
}

impl Conflict {
    /// The fields of `specs` (in form order) on which `theirs` and `mine`
    /// differ, compared with `base` (`None`: not known).
    pub(crate) fn new(
        title: &str,
        specs: &[FieldSpec],
        base: Option<&Values>,
        theirs: Values,
        mine: &Values,
        theirs_version: i64,
        by: Option<(String, String)>,
    ) -> Conflict {
        let diffs = compare(specs.iter().map(|s| s.id.as_str()), base, &theirs, mine);
        let rows = diffs
            .into_iter()
            .filter_map(|diff| {
                let spec = specs.iter().find(|s| s.id == diff.id)?;
                Some(Row {
                    diff,
                    label: spec.label.clone(),
                    kind: spec.kind.clone(),
                })
            })
            .collect();
        Conflict {
            title: title.to_string(),
            rows,
            cursor: 0,
            whole: None,
            by,
            theirs_version,
            theirs,
            error: None,
            shown: true,
        }
    }

    /// The record as now stored, in form values.
    pub(crate) fn theirs(&self) -> &Values {
        &self.theirs
    }

    /// The same conflict against `mine` as the form now holds it (edited
    /// after Esc): the choices made stay where the two values are the same.
    pub(crate) fn compared_again(
        &self,
        specs: &[FieldSpec],
        base: Option<&Values>,
        mine: &Values,
    ) -> Conflict {
        let mut c = Conflict {
            rows: Vec::new(),
            cursor: 0,
            whole: None,
            error: None,
            shown: true,
            ..self.clone()
        };
        let mut fresh = Conflict::new(&c.title, specs, base, c.theirs.clone(), mine, 0, None);
        for r in &mut fresh.rows {
            if let Some(old) = self.rows.iter().find(|o| {
                o.diff.id == r.diff.id
                    && o.diff.theirs == r.diff.theirs
                    && o.diff.mine == r.diff.mine
            }) {
                r.diff.choice = old.diff.choice;
            }
        }
        c.rows = fresh.rows;
        c
    }

    /// Nothing differs: theirs already holds everything entered.
    pub(crate) fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Fields both sides changed that have no choice yet.
    pub(crate) fn waiting(&self) -> usize {
        self.rows.iter().filter(|r| r.diff.choice.is_none()).count()
    }

    pub(crate) fn selected(&self) -> Option<&Row> {
        self.rows.get(self.cursor)
    }

    /// The values to continue with, or why not yet.
    fn resolved(&mut self) -> Option<Values> {
        let diffs: Vec<FieldDiff> = self.rows.iter().map(|r| r.diff.clone()).collect();
        match merged(&self.theirs, &diffs) {
            Ok(v) => Some(v),
            Err(n) => {
                self.error = Some(format!(
                    "両方で変更された項目が{n}件あります。相手の値か自分の値を選んでください"
                ));
                // To the first one waiting.
                if let Some(i) = self.rows.iter().position(|r| r.diff.choice.is_none()) {
                    self.cursor = i;
                }
                None
            }
        }
    }

    fn choose(&mut self, side: Side) {
        if let Some(r) = self.rows.get_mut(self.cursor) {
            r.diff.choice = Some(side);
            self.error = None;
        }
    }

    fn move_to(&mut self, to: isize) {
        let last = self.rows.len().saturating_sub(1) as isize;
        self.cursor = to.clamp(0, last) as usize;
        self.whole = None;
    }

    /// A key, with the action the keymap's conflict table gave it.
    /// `screen`: the terminal's size (for page sizes and scrolling).
    pub(crate) fn key(&mut self, action: Option<Action>, screen: Rect) -> Outcome {
        if let Some(scroll) = self.whole {
            let max = view::whole_max_scroll(self, screen);
            let page = view::page(screen);
            let to = match action {
                Some(Action::Up) => scroll.saturating_sub(1),
                Some(Action::Down) => scroll.saturating_add(1),
                Some(Action::PageUp) => scroll.saturating_sub(page),
                Some(Action::PageDown) => scroll.saturating_add(page),
                Some(Action::Top) => 0,
                Some(Action::Bottom) => max,
                Some(Action::Enter | Action::Back) => {
                    self.whole = None;
                    return Outcome::Consumed;
                }
                _ => scroll,
            };
            self.whole = Some(to.min(max));
            // Choosing works while reading the whole text too.
            if !matches!(action, Some(Action::TakeTheirs | Action::KeepMine)) {
                return Outcome::Consumed;
            }
        }
        let at = self.cursor as isize;
        let page = view::list_rows(screen).max(1) as isize;
        match action {
            Some(Action::Up) => self.move_to(at - 1),
            Some(Action::Down) => self.move_to(at + 1),
            Some(Action::PageUp) => self.move_to(at - page),
            Some(Action::PageDown) => self.move_to(at + page),
            Some(Action::Top) => self.move_to(0),
            Some(Action::Bottom) => self.move_to(isize::MAX),
            Some(Action::TakeTheirs) => self.choose(Side::Theirs),
            Some(Action::KeepMine) => self.choose(Side::Mine),
            Some(Action::Enter) => self.whole = Some(0),
            Some(Action::Help) => return Outcome::Help,
            Some(Action::Back) => return Outcome::Close,
            Some(Action::EditInForm) => {
                if let Some(v) = self.resolved() {
                    return Outcome::Edit(v);
                }
            }
            Some(Action::Save) => {
                if let Some(v) = self.resolved() {
                    return Outcome::Save(v);
                }
            }
            _ => {}
        }
        Outcome::Consumed
    }

    /// The decisions, for the audit row of the save that follows: per
    /// field, both versions and which one `saved` holds (or that the
    /// person wrote another value).
    pub(crate) fn record(&self, saved: &Values) -> ConflictRecord {
        let fields = self
            .rows
            .iter()
            .map(|r| {
                let d = &r.diff;
                let now = saved.get(&d.id).map(String::as_str).unwrap_or("");
                let chosen = if now == d.theirs {
                    Chosen::Theirs
                } else if now == d.mine {
                    Chosen::Mine
                } else {
                    Chosen::Edited
                };
                let field = ConflictField {
                    label: r.label.clone(),
                    base: d.base.clone(),
                    theirs: d.theirs.clone(),
                    mine: d.mine.clone(),
                    chosen,
                };
                (d.id.clone(), field)
            })
            .collect();
        ConflictRecord {
            theirs_version: self.theirs_version,
            theirs_by: self.by.as_ref().map(|(login, _)| login.clone()),
            fields,
        }
    }
}

#[cfg(test)]
mod tests;
