//! Writing a 支援レポート (別紙様式1) or a 就労定着支援計画書 (別紙様式2) to a
//! file: the document's values (identity fields filled from the records),
//! the file written for its owner (and the office's export group) alone,
//! and the export audited as it is handed out (`hand_out`: personal data
//! leaving the system). The CLI and the TUI both call these.

use std::path::{Path, PathBuf};

use super::hand_out::{hand_out, readers};
use crate::dates::YearMonth;
use crate::model::Client;
use crate::store::{Store, StoreError};
use crate::{document_forms, export, files, wareki};

/// The file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Xlsx,
    Html,
}

impl Format {
    pub(crate) fn ext(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Html => "html",
        }
    }
}

/// Where the file goes.
#[derive(Debug, Clone)]
pub(crate) enum Destination<'a> {
    /// This path; an existing file is replaced only with `force`.
    File { path: &'a Path, force: bool },
    /// The document's own name in this directory (made 0700 if missing).
    Dir { dir: &'a Path, force: bool },
    /// A name not taken yet in this directory (made 0700 if missing): the
    /// document's own, or with (2), (3) … — an earlier export is never
    /// replaced.
    Fresh { dir: &'a Path },
}

pub(crate) fn invalid(e: String) -> StoreError {
    StoreError::Invalid(e)
}

fn write(
    store: &Store,
    def: &document_forms::FormDef,
    subtitle: &str,
    values: &document_forms::Values,
    format: Format,
    name: &str,
    to: &Destination<'_>,
) -> Result<files::Staged, StoreError> {
    let bytes = match format {
        Format::Html => export::html(def, subtitle, values)
            .map_err(invalid)?
            .into_bytes(),
        Format::Xlsx => export::xlsx(def, subtitle, values).map_err(invalid)?,
    };
    write_bytes(store, &bytes, format, name, to)
}

/// `bytes` finished beside the destination (`files::stage`): a new file,
/// or one replaced only with `force`, written as the user (not the
/// program's group), readable by the office's export group if it is
/// theirs. It takes its name with `hand_out`, once audited.
pub(crate) fn write_bytes(
    store: &Store,
    bytes: &[u8],
    format: Format,
    name: &str,
    to: &Destination<'_>,
) -> Result<files::Staged, StoreError> {
    let (readers, _) = readers(store)?;
    // The folder and the free name too are the user's business: looked at
    // and made with the user's own group (setgid: not the program's).
    let _user = crate::privilege::as_user().map_err(invalid)?;
    let make_dir = |dir: &Path| {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| invalid(format!("{} を作れません: {e}", dir.display())))
    };
    let (path, force) = match to {
        Destination::File { path, force } => (path.to_path_buf(), *force),
        Destination::Dir { dir, force } => {
            make_dir(dir)?;
            let name = files::name_in_folder(name);
            (dir.join(format!("{name}.{}", format.ext())), *force)
        }
        Destination::Fresh { dir } => {
            make_dir(dir)?;
            let name = files::name_in_folder(name);
            (files::free_name(dir, &name, format.ext()), false)
        }
    };
    files::stage(&path, bytes, force, &readers).map_err(invalid)
}

/// The client's 支援レポート of `month`, for the client or (`for_employer`,
/// which needs the client's consent in force) for the employer.
pub(crate) fn export_report(
    store: &Store,
    client: &Client,
    month: YearMonth,
    for_employer: bool,
    format: Format,
    to: &Destination<'_>,
) -> Result<PathBuf, StoreError> {
    let r = client
        .reports
        .iter()
        .find(|r| r.month == month)
        .ok_or_else(|| {
            invalid(format!(
                "{} の支援レポートはまだありません。先に作成してください。",
                wareki::format_year_month(month)
            ))
        })?;
    if for_employer {
        // 利用者同意した内容以外は事業主等と共有できない (000 §2(2)).
        let day = r.presented.or(r.created).unwrap_or(store.today());
        if !document_forms::report::sharing_consented(client, day) {
            return Err(invalid(
                "事業主へのレポート共有について本人の同意 (employer_report_sharing) が記録されていないため、事業主用には書き出せません (000 §2(2))。".into(),
            ));
        }
    }
    let form = document_forms::report_form();
    let values = document_forms::report::document(&form, client, r, &store.letterhead()?);
    let printed = form.printed();
    // The employer's copy: the values of the sections the client agreed
    // to share, filtered before the layout sees them.
    let (def, values) = if for_employer {
        let choice = document_forms::employer_copy::employer_choice(&form, &values);
        let values = document_forms::employer_copy::for_employer(&printed, &values, &choice);
        (
            document_forms::employer_copy::employer_form(&printed, &choice),
            values,
        )
    } else {
        (printed, values)
    };
    let subtitle = format!("{} の支援実績", wareki::format_year_month(month));
    let name = report_name(client, month, for_employer);
    let staged = write(store, &def, &subtitle, &values, format, &name, to)?;
    let whom = if for_employer {
        "事業主用"
    } else {
        "本人用"
    };
    hand_out(
        staged,
        &format!("支援レポート {month} ({whom})"),
        |what| store.record_export(client.id.unwrap_or_default(), what),
    )
}

/// The file name (without extension) of a client's report of `month`;
/// the employer's copy is named so, and never takes the client's name
/// (one would otherwise replace the other in the same folder).
pub(crate) fn report_name(client: &Client, month: YearMonth, for_employer: bool) -> String {
    let whom = if for_employer { "_事業主用" } else { "" };
    format!("支援レポート_{}_{month}{whom}", client.external_id)
}

/// Version `n` (1 = the first; None = the latest) of the client's plan.
pub(crate) fn export_plan(
    store: &Store,
    client: &Client,
    n: Option<usize>,
    format: Format,
    to: &Destination<'_>,
) -> Result<PathBuf, StoreError> {
    let mut plans: Vec<_> = client.plans.iter().collect();
    plans.sort_by_key(|p| (p.created, p.id));
    if plans.is_empty() {
        return Err(invalid(format!(
            "{} の就労定着支援計画書はまだありません。",
            client.external_id
        )));
    }
    let n = n.unwrap_or(plans.len());
    let p = plans.get(n.wrapping_sub(1)).ok_or_else(|| {
        invalid(format!(
            "{} の計画書は 1〜{} 版です。",
            client.external_id,
            plans.len()
        ))
    })?;
    let mut def = document_forms::plan_form();
    // A version after the first is a review: its title says so.
    def.title = document_forms::plan::title(&def, n);
    let values = document_forms::plan::document(&def, client, p, &store.letterhead()?);
    // Named as every screen names it: a later version with its 見直し.
    let numbered = match n {
        1 => "第1版".to_string(),
        _ => document_forms::plan::review_name(client, p.created, p.id),
    };
    let subtitle = format!("{numbered} 作成日 {}", wareki::format(p.created));
    let name = format!("就労定着支援計画書_{}_第{n}版", client.external_id);
    let staged = write(store, &def, &subtitle, &values, format, &name, to)?;
    hand_out(
        staged,
        &format!("就労定着支援計画書 第{n}版"),
        |what| store.record_export(client.id.unwrap_or_default(), what),
    )
}
