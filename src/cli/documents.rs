//! `report set` and `export report|plan`: the 支援レポート and the
//! 就労定着支援計画書 from the shell.

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;

use super::{CliError, DocFormat, ExportDoc, output};
use crate::dates::YearMonth;
use crate::document_forms::report_records::{self, TakenIn};
use crate::document_forms::{self, report};
use crate::model::{Client, ObligationId, Status};
use crate::operation::{self, Operation, Record};
use crate::store::Store;
use crate::usecases::documents;
use crate::{obligations, wareki};

fn open_client(
    db: &Path,
    external_id: &str,
    today: NaiveDate,
) -> Result<(Store, Client), CliError> {
    let store = super::commands::open(db, today)?;
    let id = store.reachable_client(external_id)?;
    let client = store.load_client(id)?;
    Ok((store, client))
}

fn parse_month(s: &str) -> Result<YearMonth, CliError> {
    YearMonth::parse(s).ok_or_else(|| {
        CliError(format!(
            "--month: 「{}」は年月ではありません (例: 2026-10)。",
            crate::text::as_typed(s)
        ))
    })
}

pub(super) fn report_set(
    db: &Path,
    external_id: &str,
    month: &str,
    presented: Option<&str>,
    fields: &[String],
    refresh_records: bool,
    today: NaiveDate,
) -> Result<ExitCode, CliError> {
    let month = parse_month(month)?;
    let (store, client) = open_client(db, external_id, today)?;
    let def = document_forms::report_form();
    // The saved report or a new prefilled one, its names filled from the
    // records either way (an imported report has only its dates).
    let letterhead = store.letterhead()?;
    let mut r = report::report_for(&def, &client, month, &letterhead, today).map_err(CliError)?;
    // A new report takes the month's contacts in after the rows given
    // here, so a row written with --field is never replaced by one.
    let new = r.id.is_none();
    if new {
        report_records::clear(&def, &mut r.fields);
    }
    // Every problem at once: the options that could not be read, then the
    // report's own check of the rest.
    let mut problems = Vec::new();
    let mut pairs: Vec<(String, String)> = Vec::new();
    for kv in fields {
        match kv.split_once('=') {
            Some((k, v)) => pairs.push((k.trim().to_string(), v.to_string())),
            None => problems.push(format!(
                "--field: 「{kv}」は 項目=値 の形で指定してください。"
            )),
        }
    }
    if let Some(p) = presented {
        pairs.push(("presented".into(), p.to_string()));
    }
    for (k, v) in pairs {
        match document_forms::normalize(&def, &k, &v, today) {
            Ok(v) => report::set(&mut r, &k, &v),
            Err(e) => problems.push(e),
        }
    }
    let taken = (new || refresh_records)
        .then(|| report_records::take_in(&def, &client, month, &mut r.fields));
    // Things done are judged by the clock's day, not the reference day.
    problems.extend(crate::validate::report_entry(
        &def,
        &client,
        &r,
        store.write_day(),
    ));
    if !problems.is_empty() {
        return Err(CliError(format!(
            "支援レポートを保存しませんでした:\n  {}",
            problems.join("\n  ")
        )));
    }
    let client_id = client.id.unwrap_or_default();
    let op = match r.id {
        Some(_) => Operation::edit(Record::Report(r)),
        None => Operation::AddReport {
            client_id,
            report: Box::new(r),
        },
    };
    operation::apply(&store, &op)?;
    output::line(format_args!(
        "支援レポート {} を保存しました ({})",
        wareki::format_year_month(month),
        crate::text::for_display(external_id)
    ))?;
    if let Some(t) = &taken {
        say_taken_in(t, refresh_records, def_rows(&def))?;
    }
    // Show the effect on the month's obligation, so the worker sees it.
    let client = store.load_client(client_id)?;
    let settings = store.settings()?;
    if let Some(o) = obligations::compute(&client, &settings, today)
        .into_iter()
        .find(|o| o.id == ObligationId::RET_MONTHLY_REPORT && o.period == Some(month))
    {
        let mark = if o.status == Status::Done { "✓" } else { " " };
        output::line(format_args!(
            "  {mark} ret.monthly_report {month} → {}",
            o.status_label()
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The 支援実績 rows the form has.
fn def_rows(def: &document_forms::FormDef) -> usize {
    def.sections
        .iter()
        .find_map(|s| s.table.as_ref())
        .map_or(0, |t| t.rows)
}

/// What taking the month's contacts in did: each row added (asked for
/// with --refresh-records), and on stderr each contact with no row left
/// (always: never dropped unsaid).
fn say_taken_in(t: &TakenIn, asked: bool, rows: usize) -> Result<(), CliError> {
    if asked {
        for row in &t.added {
            output::line(format_args!("  支援実績に追加: {}", row.describe()))?;
        }
        if t.added.is_empty() && t.left_out.is_empty() {
            let why = match t.present {
                0 => "この月の本人・事業主との支援の記録がありません".to_string(),
                n => format!("この月の本人・事業主との支援の記録{n}件はすべて載っています"),
            };
            output::line(format_args!(
                "  支援実績に追加する記録はありません（{why}）"
            ))?;
        }
    }
    if !t.left_out.is_empty() {
        output::warn(format_args!(
            "注意: 支援実績は{rows}行までのため、次の記録は入りませんでした（行を書き換えるか、支援状況の欄に書いてください）:"
        ));
        for row in &t.left_out {
            output::warn(format_args!("  {}", row.describe()));
        }
    }
    Ok(())
}

/// `-o FILE`, or the document's own name in the working directory.
fn destination(output: Option<&Path>, force: bool) -> documents::Destination<'_> {
    match output {
        Some(path) => documents::Destination::File { path, force },
        None => documents::Destination::Dir {
            dir: Path::new("."),
            force,
        },
    }
}

pub(super) fn export(db: &Path, doc: &ExportDoc, today: NaiveDate) -> Result<ExitCode, CliError> {
    let kind = |f: &DocFormat| match f {
        DocFormat::Xlsx => documents::Format::Xlsx,
        DocFormat::Html => documents::Format::Html,
    };
    let path = match doc {
        ExportDoc::Report {
            client,
            month,
            format,
            for_employer,
            output,
            force,
        } => {
            let month = parse_month(month)?;
            let (store, c) = open_client(db, client, today)?;
            super::exported::tell_readers(&store)?;
            let to = destination(output.as_deref(), *force);
            documents::export_report(&store, &c, month, *for_employer, kind(format), &to)?
        }
        ExportDoc::Plan {
            client,
            version,
            format,
            output,
            force,
        } => {
            let (store, c) = open_client(db, client, today)?;
            super::exported::tell_readers(&store)?;
            let to = destination(output.as_deref(), *force);
            documents::export_plan(&store, &c, *version, kind(format), &to)?
        }
        ExportDoc::History {
            client,
            format: _,
            output,
            force,
        } => {
            let (store, c) = open_client(db, client, today)?;
            super::exported::tell_readers(&store)?;
            let to = destination(output.as_deref(), *force);
            crate::usecases::export_history(&store, &c, &to)?
        }
        ExportDoc::EmployedList(a) => return super::lists::employed_list(db, a, today),
        ExportDoc::Reports(a) => return super::lists::reports(db, a, today),
    };
    output::line(format_args!("書き出しました: {}", path.display()))?;
    Ok(ExitCode::SUCCESS)
}
