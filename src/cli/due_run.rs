//! The `due` command's shell: reads the selection (shared with `agenda`),
//! writes it to stdout or a file, records a list that leaves the screen,
//! and tells cron by its exit status when something needs attention.

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::ValueEnum;

use super::commands::{due_rows, known_staff, open_to_read_once};
use super::{CliError, DueArgs, due, exported, output};
use crate::date_input;
use crate::model::Status;
use crate::store::{Among, Store};

/// Exit status of `due --fail-on` when such items are listed (1 is kept
/// for errors, 2 is what shells use for a usage error).
pub(super) const FOUND: u8 = 3;

/// What `--fail-on` alerts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// 期限超過があれば
    Overdue,
    /// 期限超過か期限間近があれば
    DueSoon,
}

impl FailOn {
    fn matches(self, status: Status) -> bool {
        match self {
            FailOn::Overdue => status == Status::Overdue,
            FailOn::DueSoon => matches!(status, Status::Overdue | Status::DueSoon),
        }
    }
}

pub(super) fn due(db: &Path, a: &DueArgs, today: NaiveDate) -> Result<ExitCode, CliError> {
    if a.within < 0 {
        return Err(CliError(
            "--within は 0 以上の日数で指定してください。".into(),
        ));
    }
    // Refused before the list is made: no file, no audit row.
    if let Some(p) = &a.output {
        crate::files::check_new(p, a.force).map_err(CliError)?;
    }
    let store = open_to_read_once(db, today)?;
    let from = match &a.from {
        None => None,
        Some(s) => Some(
            date_input::parse_date_input(s, today).map_err(|e| CliError(format!("--from: {e}")))?,
        ),
    };
    let query = due::Query {
        within_days: a.within,
        from,
        all: a.all,
        staff: a.staff.clone(),
        client: a.client.clone(),
        required_only: a.required,
        include_closed: a.include_closed || a.client.is_some(),
    };
    let rows = selected_rows(&store, &query, today)?;
    let (office, staff) = match a.format {
        due::Format::Ics => (store.office()?, store.list_staff()?),
        _ => (crate::model::Office::default(), Vec::new()),
    };
    // A list that leaves the screen (a file, a pipe, a cron mail) is an
    // export of names and deadlines: audited as it is handed out (a file
    // once finished, stdout once written), one client's under that client.
    let leaves = a.output.is_some() || !std::io::IsTerminal::is_terminal(&std::io::stdout());
    let client = match (&a.client, leaves) {
        (Some(c), true) => store.client_id(c)?,
        _ => None,
    };
    let what = match leaves {
        true => Some(sent(a, &store, from, rows.len())?),
        false => None,
    };
    match &a.output {
        None => {
            let written =
                output::with_stdout(|out| due::write(out, &rows, a.format, today, &office, &staff));
            match &what {
                Some(w) => exported::record_stdout(&store, client, w, written)?,
                None => written?,
            }
        }
        Some(p) => {
            let mut bytes = Vec::new();
            due::write(&mut bytes, &rows, a.format, today, &office, &staff)?;
            let staged = crate::files::stage(p, &bytes, a.force, &exported::readers(&store)?)
                .map_err(CliError)?;
            match &what {
                Some(w) => {
                    let record = |row: &str| {
                        exported::record(&store, client, row);
                        Ok::<(), crate::store::StoreError>(())
                    };
                    staged.hand_out(w, record, crate::store::StoreError::Invalid)?;
                }
                None => {
                    staged.place().map_err(CliError)?;
                }
            }
        }
    }
    let found = a
        .fail_on
        .is_some_and(|f| rows.iter().any(|r| f.matches(r.status)));
    Ok(if found {
        ExitCode::from(FOUND)
    } else {
        ExitCode::SUCCESS
    })
}

/// The rows `query` selects on `today`, in output order: `--staff` must
/// be registered and `--client` must exist (a typo would otherwise list
/// nothing and look like "nothing due"). Only the named client is read
/// (closed or not: it was named); otherwise every open case, or every
/// case with `include_closed`, of the office or of `--staff` (chosen in
/// SQL: no other worker's records are read).
pub(super) fn selected_rows(
    store: &Store,
    query: &due::Query,
    today: NaiveDate,
) -> Result<Vec<due::Row>, CliError> {
    if let Some(login) = &query.staff {
        known_staff(store, login)?;
    }
    let ids = match &query.client {
        Some(id) => vec![store.reachable_client(id)?],
        None => store.client_ids_among(Among {
            open_only: !query.include_closed,
            staff: query.staff.as_deref(),
        })?,
    };
    let settings = store.settings()?;
    due_rows(store, &ids, &settings, today, query)
}

/// The audit row's words for a `due` list that left the screen: how
/// many rows, chosen how, in which format, to where. Only what was typed
/// and counted: no name, no note.
fn sent(
    a: &DueArgs,
    store: &Store,
    from: Option<NaiveDate>,
    rows: usize,
) -> Result<String, CliError> {
    let mut how = Vec::new();
    if let Some(c) = &a.client {
        how.push(format!("利用者 {c}"));
    }
    if let Some(s) = &a.staff {
        how.push(format!(
            "担当 {}",
            super::names::login(&store.list_staff()?, s)
        ));
    }
    if how.is_empty() {
        how.push("事業所全体".to_string());
    }
    if let Some(f) = from {
        how.push(format!("{f} から"));
    }
    how.push(format!("{}日以内", a.within));
    if a.all {
        how.push("完了・対象外も".into());
    }
    if a.required {
        how.push("必須のみ".into());
    }
    if a.include_closed {
        how.push("終結も".into());
    }
    let format = a
        .format
        .to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default();
    how.push(format!("形式 {format}"));
    how.push(
        if a.output.is_some() {
            "ファイルへ"
        } else {
            "標準出力へ"
        }
        .into(),
    );
    Ok(format!("期限一覧 {rows} 行（{}）", how.join("、")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_soon_includes_overdue_and_done_or_waived_items_never_alert() {
        let alerts = |f: FailOn| {
            Status::ALL
                .iter()
                .copied()
                .filter(|&s| f.matches(s))
                .collect::<Vec<_>>()
        };
        assert_eq!(alerts(FailOn::Overdue), [Status::Overdue]);
        assert_eq!(alerts(FailOn::DueSoon), [Status::Overdue, Status::DueSoon]);
    }
}
