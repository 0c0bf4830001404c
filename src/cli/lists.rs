//! `export employed-list` and `export reports`: the office's documents
//! of a range or a month. The arguments are translated and handed to the
//! use cases; what they return is printed.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Args;

use super::refusals::{Instead, refused_for, typed_with};
use super::{CliError, DocFormat, output};
use crate::access::Permission;
use crate::dates::YearMonth;
use crate::usecases::documents::{Destination, Format};
use crate::usecases::{employed_list, month_reports};

#[derive(Debug, Args)]
pub struct EmployedListArgs {
    /// 退所日 (記録がなければ就職日) がこの日以降の利用者 (例: 2026-04-01, R8.4.1)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    from: String,
    /// 退所日 (記録がなければ就職日) がこの日以前の利用者
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    to: String,
    /// 形式 (xlsx: Excel、html: 印刷用の HTML)
    #[arg(long, value_enum)]
    format: DocFormat,
    /// この援護の実施市町村の利用者だけを、その市町村あてに (例: 千代田区)
    #[arg(long, value_name = "NAME")]
    municipality: Option<String>,
    /// 出力先ファイル (既定: 今のフォルダに様式名と期間の名前で)
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// 既にあるファイルを上書きする
    #[arg(long)]
    force: bool,
}

#[derive(Debug, Args)]
pub struct ReportsArgs {
    /// 対象月 (例: 2026-10)
    #[arg(long, value_name = "YYYY-MM")]
    month: String,
    /// この担当者 (ログイン名) の利用者だけ。自分以外・全員分はサービス管理責任者・管理者のみ
    #[arg(long, value_name = "LOGIN")]
    staff: Option<String>,
    /// 形式 (xlsx: Excel、html: 印刷用の HTML)
    #[arg(long, value_enum)]
    format: DocFormat,
    /// 書き出すフォルダ (なければ作る)。利用者ごとに1ファイル
    #[arg(short, long, value_name = "DIR")]
    output: PathBuf,
    /// フォルダに既にある同じ名前のファイルを上書きする
    #[arg(long)]
    force: bool,
}

fn kind(f: DocFormat) -> Format {
    match f {
        DocFormat::Xlsx => Format::Xlsx,
        DocFormat::Html => Format::Html,
    }
}

fn date(option: &str, s: &str, today: NaiveDate) -> Result<NaiveDate, CliError> {
    crate::date_input::parse_date_input(s, today).map_err(|e| CliError(format!("{option}: {e}")))
}

pub(super) fn employed_list(
    db: &Path,
    a: &EmployedListArgs,
    today: NaiveDate,
) -> Result<ExitCode, CliError> {
    let from = date("--from", &a.from, today)?;
    let to = date("--to", &a.to, today)?;
    let store = super::commands::open(db, today)?;
    super::exported::tell_readers(&store)?;
    let dest = match &a.output {
        Some(path) => Destination::File {
            path,
            force: a.force,
        },
        None => Destination::Dir {
            dir: Path::new("."),
            force: a.force,
        },
    };
    let w = employed_list::export_employed_list(
        &store,
        from,
        to,
        a.municipality.as_deref(),
        kind(a.format),
        &dest,
    )?;
    if !w.mixed.is_empty() {
        let each: Vec<String> = w
            .mixed
            .iter()
            .map(|(m, n)| {
                let m = if m.is_empty() {
                    "未記録"
                } else {
                    m.as_str()
                };
                format!("{} {n}名", crate::text::for_display(m))
            })
            .collect();
        output::warn(format_args!(
            "注意: 援護の実施市町村が複数あります（{}）。一覧表は市町村ごとに送ります: --municipality で分けて書き出してください。",
            each.join("、")
        ));
    }
    if !w.missing.is_empty() {
        output::warn("注意: 記録にない欄は空欄のまま書き出しました:");
        for m in &w.missing {
            output::warn(format_args!("  {}: {}", m.whose, m.fields.join("、")));
        }
    }
    output::line(format_args!(
        "書き出しました: {} ({}名)",
        w.path.display(),
        w.rows
    ))?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn reports(db: &Path, a: &ReportsArgs, today: NaiveDate) -> Result<ExitCode, CliError> {
    let month = YearMonth::parse(&a.month).ok_or_else(|| {
        CliError(format!(
            "--month: 「{}」は年月ではありません (例: 2026-10)。",
            crate::text::as_typed(&a.month)
        ))
    })?;
    let store = super::commands::open(db, today)?;
    super::exported::tell_readers(&store)?;
    if let Some(s) = &a.staff {
        super::commands::known_staff(&store, s)?;
    }
    let w = month_reports::export_month_reports(
        &store,
        month,
        a.staff.as_deref(),
        kind(a.format),
        &a.output,
        a.force,
    )
    .map_err(|e| {
        // A 支援員 may print their own clients' reports: the same line
        // with their login.
        let me = crate::text::for_display(store.user()).into_owned();
        let own = Instead::new(
            "自分の担当の利用者の分を書き出す",
            typed_with("--staff", &["--staff", &me]),
        );
        CliError(refused_for(&e, Permission::ExportOffice, &[own]))
    })?;
    output::line(format_args!(
        "{} の支援レポートを {} 件書き出しました: {}",
        crate::wareki::format_year_month(month),
        w.paths.len(),
        a.output.display()
    ))?;
    if w.without.is_empty() {
        output::line("支援期間中でレポートのない利用者はいません。")?;
    } else {
        output::line(format_args!(
            "レポートのない利用者 ({}名): {}",
            w.without.len(),
            w.without.join("、")
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}
