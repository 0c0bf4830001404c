//! Documents as files for the client and the employer: self-contained HTML
//! (printable on A4) and Excel, each form cell for cell as the office
//! prints it. The 支援レポート (`report_form`) and the 計画書 (`plan_form`)
//! are placed on one grid (`grid`) that both writers render, so the two
//! files cannot drift. Dates in 和暦 as on the forms.

mod employed;
mod grid;
mod grid_html;
mod grid_pages;
mod grid_xlsx;
mod history;
mod html;
mod plan_form;
mod report_form;

pub(crate) use employed::{EmployedList, employed_html, employed_xlsx};
pub(crate) use history::history_html;

use chrono::NaiveDate;

use crate::document_forms::{FormDef, Values};
use crate::wareki;

/// The form's printed layout: the definitions shipped are the report and
/// the plan, each with its own.
fn layout(def: &FormDef, subtitle: &str, values: &Values) -> Result<grid::Grid, String> {
    let mut g = match def.id.as_str() {
        "report" => report_form::grid(def, subtitle, values),
        "plan" => plan_form::grid(def, subtitle, values),
        _ => return Err(format!("{}を印刷する様式がありません", def.title)),
    };
    // On its page, or the fewest pages that break cleanly.
    grid_pages::fit(&mut g);
    Ok(g)
}

/// The document as one self-contained HTML page.
pub(crate) fn html(def: &FormDef, subtitle: &str, values: &Values) -> Result<String, String> {
    layout(def, subtitle, values).map(|g| grid_html::html(&g))
}

/// The document as an Excel workbook.
pub(crate) fn xlsx(def: &FormDef, subtitle: &str, values: &Values) -> Result<Vec<u8>, String> {
    grid_xlsx::xlsx(&layout(def, subtitle, values)?)
}

/// A text field's value as printed (made safe).
pub(crate) fn text(values: &Values, id: &str) -> String {
    crate::text::clean_input(values.get(id).map(String::as_str).unwrap_or(""))
}

/// A date in the form's 年 月 日 boxes: 和暦 when entered, the empty boxes
/// when not (to be written in by hand).
pub(crate) fn date_boxes(values: &Values, id: &str) -> String {
    values
        .get(id)
        .and_then(|v| NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").ok())
        .map_or_else(|| "　　年　　月　　日".to_string(), wareki::format)
}
