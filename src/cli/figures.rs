//! `figures [--fiscal-year YYYY] [--format table|json|csv]`: the office
//! figures of a fiscal year (docs/BASIS.md §8) for the サービス管理責任者 and the
//! 管理者 — a table in Japanese, JSON with stable keys, or CSV with one
//! row per line of every figure.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::due::csv_cell;
use super::{CliError, commands, output};
use crate::figures::{Figures, FiscalYear, lines};
use crate::text;

/// What `figures` prints (a calendar, as `due` can, means nothing here).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct FiguresArgs {
    /// 年度（例: 2026 は 2026年4月〜2027年3月。R8、令和8年度も可。既定: 基準日の年度）
    #[arg(long, value_name = "YYYY", allow_hyphen_values = true)]
    pub fiscal_year: Option<String>,
    /// 出力形式
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// A fiscal year as typed: `2026`, `2026年度`, `R8`, `令和8年度` (full-width
/// digits too).
fn parse_fiscal_year(s: &str) -> Result<FiscalYear, CliError> {
    let t: String = s
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c,
        })
        .collect();
    let t = t.strip_suffix("年度").unwrap_or(&t);
    let reiwa = t
        .strip_prefix("令和")
        .or_else(|| t.strip_prefix('R'))
        .or_else(|| t.strip_prefix('r'));
    let year = match reiwa {
        Some("元") => Some(2019),
        Some(n) => n.parse::<i32>().ok().filter(|n| *n >= 1).map(|n| 2018 + n),
        None => t.parse::<i32>().ok(),
    };
    year.filter(|y| (2000..=2100).contains(y))
        .map(FiscalYear)
        .ok_or_else(|| {
            CliError(format!(
                "--fiscal-year: 「{}」は年度ではありません。2026（2026年4月〜2027年3月）や R8 のように指定してください。",
                text::as_typed(s)
            ))
        })
}

pub(super) fn run(db: &Path, a: &FiguresArgs, today: NaiveDate) -> Result<ExitCode, CliError> {
    let fy = match &a.fiscal_year {
        Some(s) => parse_fiscal_year(s)?,
        None => FiscalYear::of(today),
    };
    let store = commands::open_to_read_once(db, today)?;
    let figures = crate::usecases::office_figures(&store, fy)?;
    let written = output::with_stdout(|out| write(out, &figures, a.format));
    // Names of clients leave the screen (a file, a pipe, a mail): audited,
    // as `due` is.
    if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        written?;
    } else {
        let what = format!("事業所の実績 {}", fy.label());
        super::exported::record_stdout(&store, None, &what, written)?;
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn write(out: &mut impl Write, f: &Figures, format: Format) -> std::io::Result<()> {
    match format {
        Format::Table => {
            for l in lines::lines(f) {
                writeln!(out, "{}", text::for_terminal(&l.text))?;
            }
            Ok(())
        }
        Format::Json => {
            let json = serde_json::to_string(f).map_err(std::io::Error::other)?;
            out.write_all(text::json_safe(&json).as_bytes())?;
            out.write_all(b"\n")
        }
        Format::Csv => out.write_all(csv(f).as_bytes()),
    }
}

/// An enum's JSON spelling (`previous_year`, `in_time`).
fn id(v: impl serde::Serialize) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// One row per line of every figure: `section,item,external_id,name,month,
/// date,value,detail`. UTF-8 with BOM and CRLF, as `due` writes it.
pub(crate) fn csv(f: &Figures) -> String {
    let mut out = String::from("\u{feff}section,item,external_id,name,month,date,value,detail\r\n");
    let mut row = |cells: [&str; 8]| {
        let cells: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    let r = &f.retention_rate;
    let rate = r
        .rate_permille
        .map(|p| format!("{}.{}%", p / 10, p % 10))
        .unwrap_or_default();
    let ratio = format!("{}/{}", r.numerator, r.denominator);
    let as_of = r.as_of.to_string();
    row(["retention_rate", "rate", "", "", "", &as_of, &ratio, &rate]);
    for c in &r.clients {
        let start = c.start.to_string();
        let detail = [c.separation.map(|d| format!("離職 {d}")), c.note.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        let value = if c.employed {
            "employed"
        } else {
            "not_employed"
        };
        row([
            "retention_rate",
            "client",
            &c.external_id,
            &c.name,
            "",
            &start,
            value,
            &detail,
        ]);
    }
    let s = &f.staffing;
    let h = lines::hundredths;
    let rule = id(s.rule);
    let reference = s.reference_day.to_string();
    row([
        "staffing",
        "users",
        "",
        "",
        "",
        &reference,
        &h(s.users),
        &rule,
    ]);
    row([
        "staffing",
        "required_fte",
        "",
        "",
        "",
        &reference,
        &h(s.required_fte),
        "",
    ]);
    row([
        "staffing",
        "fte",
        "",
        "",
        "",
        &reference,
        &h(s.fte),
        if s.short { "short" } else { "" },
    ]);
    for l in &s.staff {
        let fte = l.fte.map(h).unwrap_or_default();
        let training = id(l.training);
        let date = l.basic_training.map(|d| d.to_string()).unwrap_or_default();
        row([
            "staffing", "staff", &l.login, &l.name, "", &date, &fte, &training,
        ]);
    }
    let d = &f.deduction_risks;
    let yes = |b: bool| if b { "set" } else { "missing" };
    row([
        "deduction_risks",
        "guideline",
        "",
        "",
        "",
        "",
        yes(d.guideline_set),
        "",
    ]);
    row([
        "deduction_risks",
        "responsible",
        "",
        "",
        "",
        "",
        yes(d.responsible_set),
        "",
    ]);
    for c in &d.clients {
        let due = c.due.to_string();
        let share = id(c.share);
        let mut detail = c.shared_on.map(|d| format!("共有 {d}")).unwrap_or_default();
        if c.gap_in_record() {
            detail.push_str(" 共有した内容の記録なし");
        }
        row([
            "deduction_risks",
            "share",
            &c.external_id,
            &c.name,
            "",
            &due,
            &share,
            detail.trim(),
        ]);
    }
    for m in &f.conference_addition.months {
        let month = m.month.to_string();
        let value = m.addition.map_or_else(|| "none".to_string(), id);
        row([
            "conference_addition",
            "month",
            &m.external_id,
            &m.name,
            &month,
            "",
            &value,
            m.reason.unwrap_or(""),
        ]);
    }
    for m in &f.billing.months {
        let month = m.month.to_string();
        let value = id(m.readiness);
        row([
            "billing",
            "month",
            &m.external_id,
            &m.name,
            &month,
            "",
            &value,
            &m.reasons.join("、"),
        ]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fiscal_years_are_read_in_the_forms_people_write() {
        for (typed, year) in [
            ("2026", 2026),
            ("２０２６", 2026),
            ("2026年度", 2026),
            ("R8", 2026),
            ("令和8年度", 2026),
            ("令和元年度", 2019),
        ] {
            assert_eq!(
                parse_fiscal_year(typed).ok(),
                Some(FiscalYear(year)),
                "{typed}"
            );
        }
        for bad in ["", "26", "R0", "2026-04", "x\u{1b}[2J"] {
            let e = parse_fiscal_year(bad).expect_err(bad).0;
            assert!(e.starts_with("--fiscal-year: "), "{e}");
            assert!(!e.contains('\u{1b}'), "{e}");
        }
    }
}
