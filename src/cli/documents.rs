//! `report set` and `export report|plan`: the 支援レポート and the
//! 就労定着支援計画書 from the shell.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;

use super::{CliError, DocFormat, ExportDoc, output};
use crate::dates::YearMonth;
use crate::forms::{self, report};
use crate::model::{Client, Status};
use crate::store::Store;
use crate::{export, obligations, wareki};

fn open_client(
    db: &Path,
    external_id: &str,
    today: NaiveDate,
) -> Result<(Store, Client), CliError> {
    let store = super::commands::open(db, today)?;
    let id = store
        .client_id(external_id)?
        .ok_or_else(|| CliError(format!("利用者 ID「{external_id}」は登録されていません。")))?;
    let client = store.load_client(id)?;
    Ok((store, client))
}

fn parse_month(s: &str) -> Result<YearMonth, CliError> {
    YearMonth::parse(s).ok_or_else(|| {
        CliError(format!(
            "--month: 「{s}」は年月ではありません (例: 2026-10)。"
        ))
    })
}

pub(super) fn report_set(
    db: &Path,
    external_id: &str,
    month: &str,
    presented: Option<&str>,
    fields: &[String],
    today: NaiveDate,
) -> Result<ExitCode, CliError> {
    let month = parse_month(month)?;
    let (store, client) = open_client(db, external_id, today)?;
    let def = forms::report_form();
    // The saved report or a new prefilled one, its names filled from the
    // records either way (an imported report has only its dates).
    let letterhead = store.letterhead()?;
    let mut r = report::report_for(&def, &client, month, &letterhead, today).map_err(CliError)?;
    let mut pairs: Vec<(String, String)> = Vec::new();
    for kv in fields {
        let (k, v) = kv.split_once('=').ok_or_else(|| {
            CliError(format!(
                "--field: 「{kv}」は 項目=値 の形で指定してください。"
            ))
        })?;
        pairs.push((k.trim().to_string(), v.to_string()));
    }
    if let Some(p) = presented {
        pairs.push(("presented".into(), p.to_string()));
    }
    for (k, v) in pairs {
        let v = forms::normalize(&def, &k, &v, today).map_err(CliError)?;
        report::set(&mut r, &k, &v);
    }
    let problems = report::validate(&def, &client, &r);
    if !problems.is_empty() {
        return Err(CliError(format!(
            "支援レポートを保存しませんでした:\n  {}",
            problems.join("\n  ")
        )));
    }
    let client_id = client.id.unwrap_or_default();
    if r.id.is_some() {
        store.update_report(&r)?;
    } else {
        store.add_report(client_id, &r)?;
    }
    output::line(format_args!(
        "支援レポート {} を保存しました ({})",
        wareki::format_year_month(month),
        crate::text::for_display(external_id)
    ))?;
    // Show the effect on the month's obligation, so the worker sees it.
    let client = store.load_client(client_id)?;
    let settings = store.settings()?;
    if let Some(o) = obligations::compute(&client, &settings, today)
        .into_iter()
        .find(|o| o.id == "ret.monthly_report" && o.period == Some(month))
    {
        let mark = if o.status == Status::Done { "✓" } else { " " };
        output::line(format_args!(
            "  {mark} ret.monthly_report {month} → {}",
            o.status_label()
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn export(db: &Path, doc: &ExportDoc, today: NaiveDate) -> Result<ExitCode, CliError> {
    let _ = today;
    match doc {
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
            let r = c.reports.iter().find(|r| r.month == month).ok_or_else(|| {
                CliError(format!(
                    "{} の支援レポートはまだありません。先に作成してください (teichaku report set --client {client} --month {month})。",
                    wareki::format_year_month(month)
                ))
            })?;
            if *for_employer {
                // 利用者同意した内容以外は事業主等と共有できない (000 §2(2)).
                let day = r.presented.or(r.created).unwrap_or(today);
                let consented = c
                    .consents
                    .iter()
                    .any(|k| k.scope == "employer_report_sharing" && k.in_force(day));
                if !consented {
                    return Err(CliError(
                        "事業主へのレポート共有について本人の同意 (employer_report_sharing) が記録されていないため、事業主用には書き出せません (000 §2(2))。".into(),
                    ));
                }
            }
            let def = forms::report_form();
            let subtitle = format!("{} の支援実績", wareki::format_year_month(month));
            let name = format!("支援レポート_{client}_{month}");
            let values = report::document(&def, &c, r, &store.letterhead()?);
            let path = write_doc(
                &def,
                &subtitle,
                &values,
                *format,
                output.as_deref(),
                &name,
                *force,
            )?;
            let whom = if *for_employer {
                "事業主用"
            } else {
                "本人用"
            };
            store.record_export(
                c.id.unwrap_or_default(),
                &format!("支援レポート {month} ({whom})"),
            )?;
            output::line(format_args!("書き出しました: {}", path.display()))?;
        }
        ExportDoc::Plan {
            client,
            version,
            format,
            output,
            force,
        } => {
            let (store, c) = open_client(db, client, today)?;
            let mut plans: Vec<_> = c.plans.iter().collect();
            plans.sort_by_key(|p| (p.created, p.id));
            if plans.is_empty() {
                return Err(CliError(format!(
                    "{client} の就労定着支援計画書はまだありません。"
                )));
            }
            let n = version.unwrap_or(plans.len());
            let p = plans.get(n.wrapping_sub(1)).ok_or_else(|| {
                CliError(format!(
                    "--version: {client} の計画書は 1〜{} 版です。",
                    plans.len()
                ))
            })?;
            let def = forms::plan_form();
            let values = forms::plan::document(&def, &c, p, &store.letterhead()?);
            let subtitle = format!("第{n}版 作成日 {}", wareki::format(p.created));
            let name = format!("就労定着支援計画書_{client}_第{n}版");
            let path = write_doc(
                &def,
                &subtitle,
                &values,
                *format,
                output.as_deref(),
                &name,
                *force,
            )?;
            store.record_export(
                c.id.unwrap_or_default(),
                &format!("就労定着支援計画書 第{n}版"),
            )?;
            output::line(format_args!("書き出しました: {}", path.display()))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Write a document without world access; never overwrite unless asked.
fn write_doc(
    def: &forms::FormDef,
    subtitle: &str,
    values: &forms::Values,
    format: DocFormat,
    output: Option<&Path>,
    default_name: &str,
    force: bool,
) -> Result<PathBuf, CliError> {
    let (bytes, ext) = match format {
        DocFormat::Html => (export::html(def, subtitle, values).into_bytes(), "html"),
        DocFormat::Xlsx => (
            export::xlsx(def, subtitle, values).map_err(CliError)?,
            "xlsx",
        ),
    };
    let path = output.map_or_else(
        || PathBuf::from(format!("{default_name}.{ext}")),
        Path::to_path_buf,
    );
    export::write_file(&path, &bytes, force).map_err(CliError)?;
    Ok(path)
}
