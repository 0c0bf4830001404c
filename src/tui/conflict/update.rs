//! The conflict view's update. Someone else saved the record being
//! edited: a save from this form was refused as stale, or a draft is
//! restored onto a newer version. The record is read again (with who
//! saved it), the form's base moves to the new version, and the conflict
//! view compares base, theirs and mine. Resolved, the form holds the
//! chosen values and the next save goes against the new version,
//! carrying the decisions to the audit row.

use std::time::Instant;

use chrono::{DateTime, Utc};
use crossterm::event::KeyEvent;

use super::{Conflict, Outcome};
use crate::document_forms::{self, report};
use crate::model::Client;
use crate::model::Letterhead;
use crate::tui::app::{App, Effect};
use crate::tui::drafts::local_time;
use crate::tui::form_editor::FormSession;
use crate::tui::help::HelpState;
use crate::tui::keymap::Mode;
use crate::tui::record_forms::{self as rf, FormKind, Values};

/// The version of the record a form's values started from, and the
/// record's values at that version (`None` when not known).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Since {
    pub(crate) version: Option<i64>,
    pub(crate) values: Option<Values>,
}

/// Why mine is compared with the record as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Why {
    /// A save was refused: the record changed since the form read it.
    Stale,
    /// A draft begun on an older version is being restored.
    Draft,
}

/// What this person entered, and what it started from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mine {
    pub(crate) values: Values,
    pub(crate) since: Since,
    pub(crate) why: Why,
}

/// Who saved the record last, and when.
pub(crate) type LastChange = Option<(String, DateTime<Utc>)>;

impl FormSession {
    /// Move the form's base to the record as read again from `client`;
    /// its values and version. `None`: the record is gone.
    fn rebase(
        &mut self,
        client: &Client,
        letterhead: &Letterhead,
        today: chrono::NaiveDate,
    ) -> Option<(Values, i64)> {
        match self.kind {
            FormKind::Client => {
                self.base_client = Some(client.clone());
                Some((rf::client_values(client), client.version))
            }
            FormKind::Employment => {
                let id = self.base_employment.as_ref()?.id?;
                let e = client.employments.iter().find(|e| e.id == Some(id))?;
                self.base_employment = Some(e.clone());
                Some((rf::employment_values(e), e.version))
            }
            FormKind::Plan => {
                let id = self.base_plan.as_ref()?.id?;
                let p = rf::plan_to_edit(&document_forms::plan_form(), client, id, letterhead)?;
                let v = (rf::plan_values(&p), p.version);
                self.base_plan = Some(p);
                Some(v)
            }
            FormKind::Report => {
                let old = self.base_report.as_ref()?;
                let def = document_forms::report_form();
                let r = report::report_for(&def, client, old.month, letterhead, today).ok()?;
                if r.id != old.id {
                    return None;
                }
                let v = (rf::report_values(&r), r.version);
                self.base_report = Some(r);
                Some(v)
            }
            _ => {
                let (base, values) = self.base_record.as_ref()?.reread(client)?;
                let version = base.row()?.1;
                self.base_record = Some(base);
                Some((values, version))
            }
        }
    }
}

impl App {
    /// Read the record again to compare `mine` with it (→
    /// `conflict_loaded`). `false` when the form corrects no saved record.
    pub(crate) fn compare_with_stored(&mut self, mine: Mine) -> bool {
        let Some(fs) = &mut self.form else {
            return false;
        };
        let Some((row, _)) = fs.record() else {
            return false;
        };
        fs.pending = Some(mine);
        let client_id = fs.client_id;
        self.push(Effect::LoadConflict { client_id, row });
        true
    }

    /// The record as stored now (and who saved it): open the conflict
    /// view on the fields that differ, or, if none does, go on.
    pub fn conflict_loaded(&mut self, result: Result<(Client, LastChange), String>) {
        let (letterhead, today) = (self.letterhead.clone(), self.today);
        let Some(fs) = &mut self.form else { return };
        let Some(mine) = fs.pending.take() else {
            return;
        };
        let (client, last) = match result {
            Ok(x) => x,
            Err(e) => {
                let kept = match mine.why {
                    Why::Stale => "入力はフォームに残っています",
                    Why::Draft => "下書きは残しています",
                };
                self.error(format!("最新の記録を読み込めませんでした（{e}）。{kept}"));
                return;
            }
        };
        fs.form.put(&mine.values);
        let Some((theirs, version)) = fs.rebase(&client, &letterhead, today) else {
            self.error(
                "この記録は他の人が削除しました。入力はフォームに残っていますが、保存はできません",
            );
            return;
        };
        let theirs = fs.form.as_entered(&theirs);
        if mine.since.version == Some(version) {
            // Not changed after all (the screen had read an older copy).
            fs.since = Since {
                version: Some(version),
                values: Some(theirs),
            };
            self.info(match mine.why {
                Why::Draft => "下書きを復元しました",
                Why::Stale => "この記録は変わっていませんでした。もう一度保存してください",
            });
            return;
        }
        let by = last.map(|(login, at)| (login, local_time(at)));
        let title = fs.form.title().to_string();
        let c = Conflict::new(
            &title,
            fs.form.specs(),
            mine.since.values.as_ref(),
            theirs.clone(),
            &mine.values,
            version,
            by,
        );
        if c.is_empty() {
            fs.since = Since {
                version: Some(version),
                values: Some(theirs),
            };
            self.info(
                "他の人が先に保存した内容は、あなたの入力と同じでした。保存すると最新の版に保存します",
            );
            return;
        }
        // Drafts keep the old base until the person has chosen.
        fs.since = mine.since;
        fs.conflict = Some(c);
        self.error(match mine.why {
            Why::Stale => {
                "他の人が先に変更しました。保存していません。違う項目ごとに残す値を選んでください"
            }
            Why::Draft => "下書きの後に他の人が変更しました。違う項目ごとに残す値を選んでください",
        });
    }

    /// A save while a conflict waits (closed with Esc): compare again
    /// with what the form now holds, and show it.
    pub(crate) fn reopen_conflict(&mut self, values: &Values, now: Instant) {
        let Some(fs) = &mut self.form else { return };
        let Some(old) = fs.conflict.take() else {
            return;
        };
        let c = old.compared_again(fs.form.specs(), fs.since.values.as_ref(), values);
        if c.is_empty() {
            // What the form holds now agrees with theirs: nothing to choose.
            self.resolve(old, None, now);
            let values = self.form.as_ref().map(|f| f.form.values());
            if let Some(v) = values {
                self.submit(&v);
            }
            return;
        }
        fs.conflict = Some(c);
        self.error("他の人の変更と違う項目があります。先に、残す値を選んでください");
    }

    /// A key while the conflict view is up.
    pub(crate) fn conflict_key(&mut self, key: &KeyEvent, now: Instant) {
        let action = self.keymap.lookup(Mode::Conflict, key);
        let size = self.size;
        let Some(fs) = &mut self.form else { return };
        let Some(c) = fs.conflict.as_mut() else {
            return;
        };
        match c.key(action, size) {
            Outcome::Consumed => {}
            Outcome::Help => self.help = Some(HelpState::default()),
            Outcome::Close => {
                c.shown = false;
                self.info("比較を閉じました。入力はそのままです（保存すると、もう一度比較します）");
            }
            Outcome::Edit(values) => {
                let Some(c) = fs.conflict.take() else { return };
                let field = c.selected().map(|r| r.diff.id.clone());
                self.resolve(c, Some(&values), now);
                if let (Some(fs), Some(id)) = (&mut self.form, field) {
                    fs.form.focus_field(&id);
                }
                self.info("選んだ値をフォームに入れました。確かめてから保存してください");
            }
            Outcome::Save(values) => {
                let Some(c) = fs.conflict.take() else { return };
                self.resolve(c, Some(&values), now);
                let Some(fs) = &mut self.form else { return };
                if fs.form.validate() {
                    let v = fs.form.values();
                    self.submit(&v);
                } else {
                    self.error("入力内容を確認してください（フォームに戻りました）");
                }
            }
        }
    }

    /// The person chose: the form holds `values` (if given), its base is
    /// now the version that held their change, and the decisions wait for
    /// the save.
    fn resolve(&mut self, c: Conflict, values: Option<&Values>, now: Instant) {
        let Some(fs) = &mut self.form else { return };
        if let Some(v) = values {
            fs.form.put(v);
        }
        fs.since = Since {
            version: Some(c.theirs_version),
            values: Some(c.theirs().clone()),
        };
        fs.resolved = Some(c);
        // The draft now starts from the new version.
        fs.last_draft = Values::new();
        fs.changed(now);
    }
}
