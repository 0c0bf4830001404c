//! The drafts' update. Drafts of the open form are written as the case
//! worker types (at most once a second, and at once when the program must
//! end), offered back when the form is opened again — this terminal's
//! first, else the newest another terminal of the same login left (a
//! dropped SSH session comes back on a new tty). A draft remembers the
//! version of the record it started from: restored onto a newer one, it
//! goes to the conflict view, never over the record. The start-up list's
//! keys open the form a draft belongs to.

use std::time::Instant;

use chrono::{DateTime, Local, Utc};
use crossterm::event::{KeyCode, KeyEvent};

use super::key::{self as draft_key, FormKey};
use super::{DraftList, Outcome as ListOutcome};
use crate::dates::YearMonth;
use crate::tui::app::{App, Effect, JobTarget, Screen};
use crate::tui::conflict::{Mine, Since, Why};
use crate::tui::form_editor::{Draft, Preset};
use crate::tui::keymap::Mode;
use crate::tui::office::{OfficeForm, OfficeTab};
use crate::tui::record_forms::FormKind;

/// A draft the store holds for the open form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDraft {
    /// Its key: this form's, or another terminal's of the same form.
    pub key: String,
    pub json: String,
    pub saved_at: DateTime<Utc>,
}

/// A draft waiting for y/n.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Offer {
    pub(crate) draft: Draft,
    /// Where it is kept (this form's key, or another terminal's).
    pub(crate) key: String,
    /// Kept by another terminal: which one, and when it was saved.
    pub(crate) elsewhere: Option<String>,
    /// Someone saved the record after the draft was begun.
    pub(crate) newer: bool,
    /// A key other than an answer was pressed (and not typed anywhere).
    pub(crate) unanswered: bool,
}

impl Offer {
    /// The question on the status line.
    pub(crate) fn question(&self) -> String {
        // Keys pressed before answering go nowhere: said, not silent.
        let first = if self.unanswered {
            "入力の前に答えてください: "
        } else {
            ""
        };
        let q = match (&self.elsewhere, self.newer) {
            (_, true) => {
                "下書きの後に他の人がこの記録を変更しています。復元して違いを確かめますか？ (y/n)"
                    .to_string()
            }
            (Some(from), false) => {
                format!("別の端末（{from}）の下書きがあります。復元しますか？ (y/n)")
            }
            (None, false) => "前回の下書きがあります。復元しますか？ (y/n)".to_string(),
        };
        format!("{first}{q}")
    }
}

/// A moment as a case worker reads it: 5月20日 10:02 (local time).
pub(crate) fn local_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local)
        .format("%-m月%-d日 %H:%M")
        .to_string()
}

impl App {
    /// The store's answer to `LoadDraft`: offer it back if it holds more
    /// than the form starts with.
    pub fn draft_loaded(&mut self, key: &str, found: Option<FoundDraft>) {
        let Some(fs) = &mut self.form else { return };
        if fs.draft_key != key {
            return;
        }
        let Some(found) = found else { return };
        match serde_json::from_str::<Draft>(&found.json) {
            Ok(d) if d.values != fs.form.values() => {
                let newer = fs.record().is_some() && d.version != fs.since.version;
                let elsewhere = (found.key != key).then(|| {
                    format!(
                        "{}、{}",
                        draft_key::terminal_label(&found.key),
                        local_time(found.saved_at)
                    )
                });
                fs.offer = Some(Offer {
                    draft: d,
                    key: found.key,
                    elsewhere,
                    newer,
                    unanswered: false,
                });
            }
            Ok(_) => {}
            // Unreadable: nothing to offer. Another terminal's is left alone.
            Err(_) if found.key == key => self.push(Effect::DeleteDraft(found.key)),
            Err(_) => {}
        }
    }

    /// y/n to an offered draft.
    pub(crate) fn offer_key(&mut self, offer: Offer, key: &KeyEvent) {
        let Some(fs) = &mut self.form else { return };
        match key.code {
            KeyCode::Char('y' | 'Y' | 'ｙ' | 'Ｙ') => {
                if offer.key != fs.draft_key {
                    fs.adopted = Some(offer.key.clone());
                }
                if offer.newer {
                    let d = offer.draft;
                    let mine = Mine {
                        values: d.values,
                        since: Since {
                            version: d.version,
                            values: d.base,
                        },
                        why: Why::Draft,
                    };
                    self.compare_with_stored(mine);
                    return;
                }
                fs.form.restore(&offer.draft);
                fs.last_draft = fs.form.values();
                self.info("下書きを復元しました");
            }
            // Another terminal may still be using its draft: never remove it.
            KeyCode::Char('n' | 'N' | 'ｎ' | 'Ｎ') | KeyCode::Esc if offer.key != fs.draft_key => {
                self.info("別の端末の下書きはそのまま残しています");
            }
            KeyCode::Char('n' | 'N' | 'ｎ' | 'Ｎ') | KeyCode::Esc => {
                self.push(Effect::DeleteDraft(offer.key));
                self.info("下書きを破棄しました");
            }
            _ => {
                fs.offer = Some(Offer {
                    unanswered: true,
                    ..offer
                })
            }
        }
    }

    pub(crate) fn save_draft_if_due(&mut self, now: Instant) {
        if self
            .form
            .as_ref()
            .and_then(|f| f.draft_due)
            .is_some_and(|due| due <= now)
        {
            self.save_draft_now();
        }
    }

    /// Write the open form's draft if it changed since the last one, with
    /// the version and values it started from.
    pub(crate) fn save_draft_now(&mut self) {
        let Some(fs) = &mut self.form else { return };
        fs.draft_due = None;
        let values = fs.form.values();
        if values == fs.last_draft || fs.offer.is_some() || fs.pending.is_some() {
            return;
        }
        let mut draft = fs.form.draft();
        draft.version = fs.since.version;
        draft.base = fs.since.values.clone();
        match serde_json::to_string(&draft) {
            Ok(json) => {
                fs.last_draft = values;
                let key = fs.draft_key.clone();
                self.push(Effect::SaveDraft { key, json });
            }
            Err(e) => self.error(format!("下書きを保存できませんでした（{e}）")),
        }
    }
}

impl App {
    /// The store's answer to `ListDrafts`: offer every draft this login
    /// left (this terminal's earlier sessions' and other terminals').
    pub fn drafts_listed(&mut self, result: Result<Vec<crate::store::Draft>, String>) {
        match result {
            Ok(drafts) => {
                self.draft_list = DraftList::new(&drafts, &self.user, &self.terminal);
            }
            Err(e) => self.error(format!("下書きの一覧を読み込めませんでした: {e}")),
        }
    }

    /// A key while the start-up list of drafts is up.
    pub(crate) fn draft_list_key(&mut self, key: &KeyEvent) {
        let action = self.keymap.lookup(Mode::Drafts, key);
        let Some(list) = &mut self.draft_list else {
            return;
        };
        match list.key(action) {
            ListOutcome::Consumed => {}
            ListOutcome::Close => {
                self.draft_list = None;
                self.info("下書きはそのまま残しています（フォームを開くと復元できます）");
            }
            ListOutcome::Open(form) => self.open_draft_form(&form),
        }
    }

    /// Open the form `form` names, for its client; the draft is then
    /// offered back as the form opens.
    fn open_draft_form(&mut self, form: &FormKey) {
        if form.kind.is_office() {
            self.draft_list = None;
            self.open_office();
            self.office.data = None;
            let which = match (form.kind, form.rest.as_deref()) {
                (FormKind::Staff, Some("new") | None) => OfficeForm::Staff(None),
                (FormKind::Staff, Some(login)) => OfficeForm::Staff(Some(login.to_string())),
                _ => OfficeForm::Settings("office_name".to_string()),
            };
            self.office.tab = match which {
                OfficeForm::Staff(_) => OfficeTab::Staff,
                OfficeForm::Settings(_) => OfficeTab::Settings,
            };
            self.office_form_after_load = Some(which);
            return;
        }
        if form.kind == FormKind::NewClient {
            self.draft_list = None;
            self.open_new_client();
            return;
        }
        if self.snap.row(form.client_id).is_none() {
            self.error(if self.snap.loaded {
                "この利用者は一覧にありません（終結した利用者は、一覧に表示してから開いてください）"
            } else {
                "利用者の一覧を読み込んでいます。少し待ってから開いてください"
            });
            return;
        }
        self.draft_list = None;
        self.screen = Screen::Main;
        self.show_client(form.client_id);
        if self.selected_client_id() != Some(form.client_id) {
            self.error("この利用者を一覧で選べませんでした");
            return;
        }
        let mut preset = Preset::default();
        match (form.kind, form.rest.as_deref()) {
            (_, None) => {}
            (_, Some("new")) => preset.job = JobTarget::New,
            (FormKind::Report, Some(m)) => preset.month = YearMonth::parse(m),
            (_, Some(id)) => preset.record = id.parse().ok(),
        }
        self.request_form(form.kind, preset);
    }
}
