//! Submitting a form: the values become a record (checked by the rule
//! set, problems shown under their fields) and a save for the loop; then
//! the store's answer — saved, or refused with the input kept.

use chrono::NaiveDate;

use super::edit::EditBase;
use super::{App, Effect, SaveError, SaveRequest};
use crate::tui::action::Action;
use crate::tui::conflict::{Mine, Why};
use crate::tui::form_editor::FormSession;
use crate::tui::keymap::Mode;
use crate::tui::record_forms::{self as rf, FieldError, FormKind, Values};
use crate::tui::timeline::{ItemKey, Timeline};

impl App {
    /// The record the values describe, as a save for the loop, or every
    /// problem the record's rules find; `None` when the form has no base
    /// to build on.
    fn request(&self, values: &Values) -> Option<Result<SaveRequest, Vec<FieldError>>> {
        let fs = self.form.as_ref()?;
        let (today, user, id) = (self.today, self.user.clone(), fs.client_id);
        Some(match fs.kind {
            FormKind::Contact => match (
                match &fs.base_record {
                    Some(EditBase::Contact(base)) => {
                        rf::contact_edit_from_values(base, values, today)
                    }
                    _ => rf::contact_from_values(values, today, &user),
                },
                rf::intent_from_values(values),
            ) {
                (Ok(contact), Ok(intent)) => Ok(SaveRequest::Contact {
                    client_id: id,
                    contact,
                    intent,
                }),
                (a, b) => Err([a.err(), b.err()].into_iter().flatten().flatten().collect()),
            },
            FormKind::Client => match &fs.base_client {
                Some(base) => rf::client_from_values(base, values, today)
                    .map(|c| SaveRequest::Client(Box::new(c))),
                None => return None,
            },
            FormKind::Employment => {
                rf::employment_from_values(fs.base_employment.as_ref(), values, today).map(|e| {
                    SaveRequest::Employment {
                        client_id: id,
                        employment: Box::new(e),
                    }
                })
            }
            FormKind::Consent => rf::consent_from_values(values, today).map(|mut consent| {
                if let Some(EditBase::Consent(b)) = &fs.base_record {
                    (consent.id, consent.version) = (b.id, b.version);
                }
                SaveRequest::Consent {
                    client_id: id,
                    consent,
                }
            }),
            FormKind::Handover => rf::handover_from_values(values, today).map(|mut handover| {
                if let Some(EditBase::Handover(b)) = &fs.base_record {
                    (handover.id, handover.version) = (b.id, b.version);
                }
                SaveRequest::Handover {
                    client_id: id,
                    handover,
                }
            }),
            FormKind::Conference => {
                rf::conference_from_values(values, today).map(|mut conference| {
                    if let Some(EditBase::Conference(b)) = &fs.base_record {
                        (conference.id, conference.version) = (b.id, b.version);
                    }
                    SaveRequest::Conference {
                        client_id: id,
                        conference,
                    }
                })
            }
            FormKind::Plan => match &fs.base_plan {
                Some(base) => rf::plan_from_values(base, values, today)
                    .map(|plan| SaveRequest::Plan {
                        client_id: id,
                        plan: Box::new(plan),
                    })
                    .map_err(|p| p.into_iter().map(|m| ("", m)).collect()),
                None => return None,
            },
            FormKind::NewClient => rf::new_client_from_values(values, today)
                .map(|c| SaveRequest::NewClient(Box::new(c))),
            FormKind::Closure => {
                rf::closure_from_values(values, today, &user).map(|closure| SaveRequest::Close {
                    client_id: id,
                    closure,
                })
            }
            FormKind::Office => match &fs.office_base {
                Some(base) => {
                    rf::settings_from_values(base, values).map(|o| SaveRequest::Office(Box::new(o)))
                }
                None => return None,
            },
            FormKind::Staff => {
                let registered = fs.office_base.as_ref().map_or(&[][..], |d| &d.staff[..]);
                let new = fs.staff_base.is_none();
                rf::staff_from_values(fs.staff_base.as_ref(), registered, values, today)
                    .map(|s| SaveRequest::Staff(Box::new(s), new))
            }
            // Problems of the declarative form name their field in the text.
            FormKind::Report => match (&fs.base_report, &self.timeline) {
                (Some(base), Some(t)) => {
                    let consent = self.key_label(Mode::Global, Action::ConsentForm);
                    rf::report_from_values(&t.client, base, values, today, &consent).map(|report| {
                        SaveRequest::Report {
                            client_id: id,
                            report: Box::new(report),
                        }
                    })
                }
                _ => return None,
            },
        })
    }

    /// The form's own checks failed (a date that cannot be read, a
    /// required field): show the record's problems too, so every problem
    /// of the form is on screen at once, not one round at a time.
    pub(crate) fn show_other_problems(&mut self) {
        let Some(values) = self.form.as_ref().map(|fs| fs.form.values()) else {
            return;
        };
        let Some(Err(errors)) = self.request(&values) else {
            return;
        };
        let Some(fs) = &mut self.form else { return };
        let focus = fs.form.focus_id().to_string();
        // The form's own message stays where it found one first.
        let fresh: Vec<FieldError> = errors
            .into_iter()
            .filter(|(f, _)| f.is_empty() || fs.form.error(f).is_none())
            .collect();
        rf::show_errors(&mut fs.form, &fresh);
        fs.form.focus_field(&focus);
        let placed = fs
            .form
            .specs()
            .iter()
            .filter(|s| fs.form.error(&s.id).is_some())
            .count();
        let unplaced: Vec<&str> = fresh
            .iter()
            .filter(|(f, _)| f.is_empty())
            .map(|(_, m)| m.as_str())
            .collect();
        self.error(problems_message(placed + unplaced.len(), &unplaced));
    }

    pub(crate) fn submit(&mut self, values: &Values) {
        // A contact for a monthly item dated outside its month: say so
        // once before saving.
        if let Some(fs) = &mut self.form
            && let (FormKind::Contact, Some(w)) = (fs.kind, &mut fs.window)
            && let Ok(date) =
                crate::date_input::parse_date_input(rf::get(values, "date"), self.today)
            && let Some(warning) = w.check(date)
        {
            fs.form.set_error("date", warning.clone());
            fs.form.focus_field("date");
            self.message = Some(super::Message {
                text: warning,
                kind: super::MessageKind::Warning,
            });
            return;
        }
        let Some(request) = self.request(values) else {
            return;
        };
        let Some(fs) = &mut self.form else { return };
        match request {
            Ok(r) => {
                fs.saving = true;
                fs.form.say("保存しています…");
                let conflict = fs.resolved.as_ref().map(|c| c.record(values));
                self.push(Effect::Save(r, conflict));
            }
            Err(errors) => {
                rf::show_errors(&mut fs.form, &errors);
                let unplaced: Vec<&str> = errors
                    .iter()
                    .filter(|(f, _)| f.is_empty())
                    .map(|(_, m)| m.as_str())
                    .collect();
                self.error(problems_message(errors.len(), &unplaced));
            }
        }
    }

    /// The store's answer to `Save`.
    /// `Ok` carries the new record's timeline key, to put the cursor on it.
    pub fn saved(&mut self, result: Result<Option<ItemKey>, SaveError>) {
        let Some(fs) = &mut self.form else { return };
        fs.saving = false;
        match result {
            Ok(new_record) => {
                // The job edited with its own key from the list leaves the
                // timeline's cursor (and folds) alone.
                self.select_after_load =
                    new_record.filter(|_| fs.from_row || fs.kind != FormKind::Employment);
                let (kind, key, id) = (fs.kind, fs.draft_key.clone(), fs.client_id);
                let adopted = fs.adopted.take();
                let corrected = fs.base_record.is_some();
                let said = saved_message(fs, self.timeline.as_ref(), self.today);
                fs.form.mark_saved();
                self.form = None;
                self.push(Effect::DeleteDraft(key));
                if let Some(k) = adopted {
                    self.push(Effect::DeleteDraft(k));
                }
                // The office's forms change the office, not a client.
                self.push(if kind.is_office() {
                    Effect::LoadOffice
                } else {
                    Effect::RefreshClient(id)
                });
                self.info(match said {
                    Some(s) => s,
                    None if corrected => "修正しました".to_string(),
                    None => kind.saved_message().to_string(),
                });
            }
            Err(e) if e.stale => {
                // Keep the form and everything typed; never overwrite:
                // compare with the record as now stored.
                let mine = Mine {
                    values: fs.form.values(),
                    since: fs.since.clone(),
                    why: Why::Stale,
                };
                if self.compare_with_stored(mine) {
                    return;
                }
                let back = self
                    .keymap
                    .keys_for(Mode::Form, Action::Back)
                    .first()
                    .map(|k| format!("{k} で"))
                    .unwrap_or_default();
                self.error(format!(
                    "他の人が先に変更しました。保存していません（入力はそのまま残っています）。{back}閉じて開き直すと最新の内容になります。{}",
                    e.message
                ));
            }
            Err(e) => {
                // A new job the store refused (not after the 離職日): the
                // message belongs under the day it counts from, too.
                if fs.new_job && e.refused {
                    let anchor = rf::anchor_field(&fs.form.values());
                    fs.form.set_error(anchor, e.message.clone());
                    fs.form.focus_field(anchor);
                }
                self.error(format!("保存できませんでした: {}", e.message));
            }
        }
    }
}

/// What to say after a save when the kind's word is not enough: a new
/// job, an intent recorded with a contact, a plan review (a new version).
fn saved_message(fs: &FormSession, t: Option<&Timeline>, today: NaiveDate) -> Option<String> {
    if fs.kind == FormKind::Staff {
        let s =
            rf::staff_from_values(fs.staff_base.as_ref(), &[], &fs.form.values(), today).ok()?;
        let what = if fs.staff_base.is_some() {
            "変更"
        } else {
            "登録"
        };
        return Some(format!(
            "職員を{what}しました: {} {}（{}）",
            crate::text::for_display(&s.login),
            crate::text::for_display(&s.display_name),
            s.role.label()
        ));
    }
    if fs.new_job {
        return Some("新しい就職を登録しました。経過は新しい就職に沿って表示します".into());
    }
    if fs.kind == FormKind::Contact {
        let intent = rf::intent_from_values(&fs.form.values()).ok().flatten()?;
        return Some(format!("記録しました（利用意向: {}）", intent.label()));
    }
    let (base, t) = (fs.base_plan.as_ref()?, t?);
    rf::new_version_name(&t.client, base, &fs.form.values(), today)
        .map(|name| format!("新しい版（{name}）として保存しました（前の版の同意は引き継ぎません）"))
}

/// The status line after a refused save: how many problems, and the
/// ones that belong to no single field in words.
fn problems_message(count: usize, unplaced: &[&str]) -> String {
    if unplaced.is_empty() {
        format!("入力内容を確認してください（{count}件）")
    } else {
        format!("入力内容を確認してください: {}", unplaced.join(" / "))
    }
}
