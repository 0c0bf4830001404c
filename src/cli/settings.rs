//! `settings [KEY [VALUE]]`: the office's set-up, from the shell. Changes
//! are for the 管理者 (the store refuses anyone else); reading is open to
//! all staff.

use std::process::ExitCode;

use super::{CliError, output};
use crate::operation::{self, Operation};
use crate::store::Store;
use crate::text::for_display;

/// The office settings `settings` reads and writes, by key.
/// Each is described by the field table (`described`), with what to type
/// where the table does not say it.
const KEYS: &[(&str, &str)] = &[
    ("office_name", ""),
    ("office_number", ""),
    ("corporation", ""),
    ("address", ""),
    ("phone", ""),
    ("handover_guideline", ""),
    ("handover_responsible", ""),
    ("warn_days", ""),
    ("report_municipality_days", ""),
    ("cert_warn_days", ""),
    ("caseload_only", "yes/no"),
    ("export_group", ""),
];

/// What a setting holds, for the listing: what the field table says of it
/// (label, limit), as the form and `--help` do; `extra` after it.
fn described(key: &str, extra: &str) -> String {
    use crate::fields::{find, office, settings};
    let help = find(office::ALL, key)
        .or_else(|| find(settings::ALL, key))
        .map_or_else(String::new, |f| f.help());
    match (help.is_empty(), extra.is_empty()) {
        (_, true) => help,
        (true, false) => extra.to_string(),
        (false, false) => format!("{help}（{extra}）"),
    }
}

fn current(store: &Store, key: &str) -> Result<String, CliError> {
    let office = store.office()?;
    let settings = store.settings()?;
    Ok(match key {
        "office_name" => office.name,
        "handover_guideline" => office.handover_guideline,
        "handover_responsible" => office.handover_responsible,
        "office_number" => office.number,
        "corporation" => office.corporation,
        "address" => office.address,
        "phone" => office.phone,
        "cert_warn_days" => settings.cert_warn_days.to_string(),
        "warn_days" => settings.warn_days.to_string(),
        "report_municipality_days" => settings.report_municipality_days.to_string(),
        "caseload_only" => if store.caseload_only()? { "yes" } else { "no" }.to_string(),
        "export_group" => store.export_group()?.unwrap_or_default(),
        _ => return Err(unknown_key(key)),
    })
}

fn unknown_key(key: &str) -> CliError {
    let keys: Vec<&str> = KEYS.iter().map(|(k, _)| *k).collect();
    CliError(format!(
        "設定「{}」はありません。設定できるのは: {}",
        crate::text::as_typed(key),
        keys.join(", ")
    ))
}

fn days(key: &str, value: &str) -> Result<i64, CliError> {
    value.trim().parse().map_err(|_| {
        CliError(format!(
            "{key}: 「{}」は日数（0〜365 の整数）ではありません。",
            crate::text::as_typed(value)
        ))
    })
}

pub(super) fn settings(
    store: &Store,
    key: Option<&str>,
    value: Option<&str>,
) -> Result<ExitCode, CliError> {
    match (key, value) {
        (None, _) => {
            for (k, label) in KEYS {
                output::line(format_args!(
                    "{k} = {}    # {}",
                    for_display(&current(store, k)?),
                    described(k, label)
                ))?;
            }
        }
        (Some(k), None) => output::line(for_display(&current(store, k)?))?,
        (Some(k), Some(v)) => {
            match k {
                "office_name"
                | "handover_guideline"
                | "handover_responsible"
                | "office_number"
                | "corporation"
                | "address"
                | "phone" => {
                    let mut o = store.office()?;
                    let slot = match k {
                        "office_name" => &mut o.name,
                        "handover_guideline" => &mut o.handover_guideline,
                        "office_number" => &mut o.number,
                        "corporation" => &mut o.corporation,
                        "address" => &mut o.address,
                        "phone" => &mut o.phone,
                        _ => &mut o.handover_responsible,
                    };
                    *slot = v.to_string();
                    let op = Operation::Office {
                        office: Some(Box::new(o)),
                        settings: None,
                        caseload_only: None,
                        export_group: None,
                    };
                    operation::apply(store, &op).map_err(|e| {
                        super::store_error(
                            e,
                            &[
                                ("office_name", "office_name"),
                                ("handover_guideline", "handover_guideline"),
                                ("handover_responsible", "handover_responsible"),
                            ],
                        )
                    })?;
                }
                "warn_days" | "report_municipality_days" | "cert_warn_days" => {
                    let mut s = store.settings()?;
                    let slot = match k {
                        "warn_days" => &mut s.warn_days,
                        "cert_warn_days" => &mut s.cert_warn_days,
                        _ => &mut s.report_municipality_days,
                    };
                    *slot = days(k, v)?;
                    let op = Operation::Office {
                        office: None,
                        settings: Some(s),
                        caseload_only: None,
                        export_group: None,
                    };
                    operation::apply(store, &op)?;
                }
                "caseload_only" => {
                    let on = match v.trim() {
                        "yes" | "on" | "true" | "1" | "はい" => true,
                        "no" | "off" | "false" | "0" | "いいえ" => false,
                        _ => {
                            return Err(CliError(format!(
                                "caseload_only: yes か no で指定してください（「{}」）。",
                                crate::text::as_typed(v)
                            )));
                        }
                    };
                    let op = Operation::Office {
                        office: None,
                        settings: None,
                        caseload_only: Some(on),
                        export_group: None,
                    };
                    operation::apply(store, &op)?;
                }
                "export_group" => set_export_group(store, v)?,
                _ => return Err(unknown_key(k)),
            }
            output::line(format_args!(
                "設定しました: {k} = {}",
                for_display(&current(store, k)?)
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Names the OS group that may read exported files ("" or 「なし」: the
/// worker alone). A group this server does not have is refused: files
/// would silently stay 0600 for everyone.
fn set_export_group(store: &Store, value: &str) -> Result<(), CliError> {
    let group = match value.trim() {
        "なし" | "none" | "-" => "",
        g => g,
    };
    if !group.is_empty()
        && crate::text::unfit(group, true).is_empty()
        && !crate::files::group_exists(group)
    {
        return Err(CliError(format!(
            "export_group: グループ「{}」はこのサーバーにありません。何も変更していません。サーバーの管理者に作ってもらうか、既にあるグループの名前を指定してください（`getent group` で一覧できます）。",
            crate::text::as_typed(group)
        )));
    }
    let op = Operation::Office {
        office: None,
        settings: None,
        caseload_only: None,
        export_group: Some(group.to_string()),
    };
    operation::apply(store, &op)
        .map_err(|e| super::store_error(e, &[("export_group", "export_group")]))?;
    Ok(())
}
