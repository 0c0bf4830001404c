//! Running one effect: the store work the application asked for. Reads go
//! to the session's reader thread and writes to its writer thread; each
//! result comes back as a closure applied on the UI thread.

use super::{Session, msg};
use crate::store::StoreError;
use crate::tui::app::{Effect, SaveError, SaveRequest};
use crate::tui::runtime::effects::{decide, delete, export_report, find_draft, load_office, save};
use crate::tui::runtime::figures_job::FiguresJob;

impl Session {
    pub(super) fn run(&mut self, e: Effect) {
        // A form waits for this read to open with the record: what is
        // typed next belongs to the form.
        let for_a_form = self.app.awaiting_load();
        match e {
            Effect::LoadClient(id) => self.read(for_a_form, move |store| {
                let r = store.load_client(id).map_err(msg);
                Box::new(move |s: &mut Session| s.app.client_loaded(r))
            }),
            Effect::RefreshClient(id) => self.read(false, move |store| {
                let r = store.load_client(id).map_err(msg);
                Box::new(move |s: &mut Session| s.app.client_refreshed(r))
            }),
            Effect::SaveViewState(path, state) => {
                if let Err(e) = state.write(&path) {
                    self.app
                        .error(format!("表示の状態を保存できませんでした: {e}"));
                }
            }
            Effect::ExportReport(client_id, month, dir) => self.submit(move |store| {
                let r = export_report(store, client_id, month, &dir);
                Box::new(move |s: &mut Session| match r {
                    Ok(said) => s.app.info(said),
                    Err(e) => s.app.error(e),
                })
            }),
            Effect::Decide(req) => self.submit(move |store| {
                let r = decide(store, &req);
                Box::new(move |s: &mut Session| {
                    s.redo |= r.is_ok() && s.job.is_some();
                    s.app.dialog_answered(req.client_id(), r);
                })
            }),
            // A load under way may have started with the other setting.
            Effect::Reload if self.job.is_some() => self.redo = true,
            Effect::Reload => self.spawn_load(false),
            Effect::LoadHistory { everyone } => {
                let zone = self.app.zone;
                self.read(false, move |store| {
                    let r = crate::usecases::trail_rows(
                        store,
                        everyone,
                        crate::tui::history::LIMIT,
                        zone,
                    )
                    .map_err(msg);
                    Box::new(move |s: &mut Session| s.app.history_loaded(everyone, r))
                })
            }
            Effect::LoadFigures(fy) => {
                self.figures_job = Some(FiguresJob::start(self.store.reopener(), fy));
            }
            // Not a change to what is shown: no reload (`redo`) for it.
            Effect::RecordView { client_id, what } => self.submit(move |store| {
                let r = store.record_view(client_id, what).map_err(msg);
                Box::new(move |s: &mut Session| {
                    if let Err(e) = r {
                        s.app.view_not_recorded(client_id, &e);
                    }
                })
            }),
            // A draft offered replaces the form's values: the keys typed
            // into the form wait for the answer.
            Effect::LoadDraft(key) => self.read(true, move |store| {
                let r = find_draft(store, &key);
                Box::new(move |s: &mut Session| match r {
                    Ok(d) => s.app.draft_loaded(&key, d),
                    Err(e) => s.app.error(format!("下書きを読み込めませんでした: {e}")),
                })
            }),
            Effect::ListDrafts => self.read(true, |store| {
                let r = store.list_drafts().map_err(msg);
                Box::new(move |s: &mut Session| s.app.drafts_listed(r))
            }),
            Effect::LoadConflict { client_id, row } => self.read(true, move |store| {
                let r = store
                    .load_client(client_id)
                    .and_then(|c| Ok((c, store.last_change(row)?)))
                    .map_err(msg);
                Box::new(move |s: &mut Session| s.app.conflict_loaded(r))
            }),
            Effect::SaveDraft { key, json } => self.submit(move |store| {
                let r = store.save_draft(&key, &json);
                Box::new(move |s: &mut Session| {
                    if let Err(e) = r {
                        s.app.error(format!("下書きを保存できませんでした: {e}"));
                    }
                })
            }),
            Effect::DeleteDraft(key) => self.submit(move |store| {
                let r = store.delete_draft(&key);
                Box::new(move |s: &mut Session| {
                    if let Err(e) = r {
                        s.app.error(format!("下書きを消せませんでした: {e}"));
                    }
                })
            }),
            Effect::Save(req, conflict) => self.submit(move |store| {
                let r = save(store, &req, conflict.as_ref()).map_err(|e| SaveError {
                    stale: matches!(e, StoreError::Stale { .. }),
                    refused: matches!(e, StoreError::Invalid(_) | StoreError::Rules { .. }),
                    message: e.to_string(),
                });
                // A registered client: the form now belongs to their id,
                // and the list moves to them once they are loaded.
                let new_id = match (&r, &req) {
                    (Ok(_), SaveRequest::NewClient(c)) => {
                        store.client_id(&c.external_id).ok().flatten()
                    }
                    _ => None,
                };
                Box::new(move |s: &mut Session| {
                    if let Some(id) = new_id {
                        if let Some(fs) = &mut s.app.form {
                            fs.client_id = id;
                        }
                        s.app.select_new_client = Some(id);
                    }
                    // A reload under way may have read before this write.
                    s.redo |= r.is_ok() && s.job.is_some();
                    s.app.saved(r);
                })
            }),
            Effect::LoadOffice => self.read(for_a_form, |store| {
                let r = load_office(store).map_err(msg);
                Box::new(move |s: &mut Session| s.app.office_loaded(r))
            }),
            Effect::Undo => self.submit(move |store| {
                let r = crate::operation::last_change(store)
                    .and_then(|c| {
                        crate::operation::apply(store, &crate::operation::Operation::Undo)
                            .map(|_| c)
                    })
                    .map_err(msg);
                Box::new(move |s: &mut Session| s.app.undone(r))
            }),
            Effect::RemoveStaff(l) => self.submit(move |store| {
                let op = crate::operation::Operation::RemoveStaff { login: l.clone() };
                let r = crate::operation::apply(store, &op).map(|_| ()).map_err(msg);
                Box::new(move |s: &mut Session| s.app.staff_removed(&l, r))
            }),
            Effect::Delete(req) => self.submit(move |store| {
                let r = delete(store, &req).map_err(|e| e.to_string());
                Box::new(move |s: &mut Session| {
                    s.redo |= r.is_ok() && s.job.is_some();
                    s.app.deleted(&req, r);
                })
            }),
        }
    }
}
