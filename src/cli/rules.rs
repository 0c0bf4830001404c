//! `rules`: the engine's own rule table (`obligations::RULES`) as a table,
//! JSON or Markdown. docs/RULES.md is the Markdown output, so the
//! documentation is made from the same table the engine uses. Needs no
//! database: nothing here opens one.

mod markdown;

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use clap::ValueEnum;
use serde::Serialize;

use super::CliError;
use crate::model::Severity;
use crate::obligations::{RULES, Rule};
use crate::text;

pub use markdown::markdown;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Markdown,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 出力形式 (markdown は docs/RULES.md と同じ文書)
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// One rule in `--format json`: English keys, Japanese texts; `severity`
/// and `recurrence` as ids, as in `due --format json`.
#[derive(Debug, Serialize)]
struct JsonRule {
    id: &'static str,
    stage: &'static str,
    title: &'static str,
    window: &'static str,
    due: &'static str,
    recurrence: &'static str,
    severity: Severity,
    applies: &'static str,
    satisfied_by: &'static str,
    clause: &'static str,
}

impl From<&Rule> for JsonRule {
    fn from(r: &Rule) -> Self {
        JsonRule {
            id: r.id,
            stage: r.stage,
            title: r.title,
            window: r.window,
            due: r.due,
            recurrence: r.recurrence.as_str(),
            severity: r.severity,
            applies: r.applies,
            satisfied_by: r.satisfied_by,
            clause: r.clause,
        }
    }
}

/// Print the rule table.
pub(super) fn run(a: &Args) -> Result<ExitCode, CliError> {
    let out = render(a.format, super::due::terminal_columns());
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|_| stdout.flush())
    {
        // A closed pipe (`| head`) is not an error worth a message.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(CliError(format!("出力できません: {e}")))
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// The rule table in `format`; a table is wrapped to `columns` when given.
pub fn render(format: Format, columns: Option<usize>) -> String {
    match format {
        Format::Table => table(columns),
        Format::Json => json(),
        Format::Markdown => markdown(),
    }
}

/// An array of objects, in timeline order.
pub fn json() -> String {
    let rules: Vec<JsonRule> = RULES.iter().map(JsonRule::from).collect();
    // Serializing plain strings and ids cannot fail.
    let mut s = serde_json::to_string_pretty(&rules).unwrap_or_default();
    s.push('\n');
    s
}

const W_ID: usize = 24;
const W_SEVERITY: usize = 8;
const W_RECURRENCE: usize = 8;
/// Indent of the detail lines under a rule.
const INDENT: &str = "    ";
/// A label (2 wide characters) and ": ".
const W_LABEL: usize = 6;

/// For a terminal: one line per rule (id, severity, recurrence, stage),
/// then its title and details, indented, wrapped to `columns` by display
/// width (None: a pipe, full lines). The stage comes last on the line: ①–④
/// are ambiguous-width characters and would shift any column after them.
pub fn table(columns: Option<usize>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "義務の一覧 ({}件、期限の早い順)", RULES.len());
    let legend = "A = 起算日 (通常は就職日)、S = 就労定着支援の開始日、\
                  E = 支援期間の終了日。詳しい説明と日付の数え方: \
                  teichaku rules --format markdown";
    for line in wrapped(legend, columns) {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{} {} {} 段階",
        text::fit("ID", W_ID),
        text::fit("区分", W_SEVERITY),
        text::fit("繰り返し", W_RECURRENCE),
    );
    let detail_width = columns.map(|c| c.saturating_sub(INDENT.len() + W_LABEL).max(20));
    for r in RULES {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "{} {} {} {}",
            text::fit(r.id, W_ID),
            text::fit(r.severity.label(), W_SEVERITY),
            text::fit(r.recurrence.label(), W_RECURRENCE),
            r.stage
        );
        let title_width = columns.map(|c| c.saturating_sub(INDENT.len()).max(20));
        for line in wrapped(r.title, title_width) {
            let _ = writeln!(out, "{INDENT}{line}");
        }
        for (label, value) in [
            ("開始", r.window),
            ("期限", r.due),
            ("対象", r.applies),
            ("完了", r.satisfied_by),
            ("根拠", r.clause),
        ] {
            for (i, line) in wrapped(value, detail_width).iter().enumerate() {
                let head = if i == 0 {
                    format!("{label}: ")
                } else {
                    " ".repeat(W_LABEL)
                };
                let _ = writeln!(out, "{INDENT}{head}{line}");
            }
        }
    }
    out
}

/// `s` in lines of at most `width` columns (None: one line).
fn wrapped(s: &str, width: Option<usize>) -> Vec<String> {
    match width {
        Some(w) => crate::tui::widgets::wrap::wrap(s, w),
        None => vec![s.to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::OBLIGATION_IDS;

    #[test]
    fn json_lists_every_rule_with_the_english_keys_in_timeline_order() {
        let v: Vec<serde_json::Value> = serde_json::from_str(&json()).expect("JSON");
        let ids: Vec<&str> = v.iter().filter_map(|r| r["id"].as_str()).collect();
        assert_eq!(ids, OBLIGATION_IDS);
        for r in &v {
            let keys: Vec<&str> = r
                .as_object()
                .expect("object")
                .keys()
                .map(String::as_str)
                .collect();
            for key in [
                "id",
                "stage",
                "title",
                "window",
                "due",
                "recurrence",
                "severity",
                "applies",
                "satisfied_by",
                "clause",
            ] {
                assert!(keys.contains(&key), "{key} missing in {r}");
                assert!(
                    r[key].as_str().is_some_and(|s| !s.is_empty()),
                    "{key} empty in {r}"
                );
            }
        }
    }

    #[test]
    fn the_table_fits_an_80_column_terminal() {
        let t = table(Some(80));
        for line in t.lines() {
            assert!(
                text::width(line) <= 80,
                "{} columns: {line}",
                text::width(line)
            );
        }
        for r in RULES {
            assert!(t.contains(r.id), "{} missing", r.id);
        }
    }

    #[test]
    fn piped_table_keeps_each_text_on_one_line() {
        let t = table(None);
        for r in RULES {
            assert!(t.contains(r.satisfied_by), "{} cut", r.id);
        }
    }
}
