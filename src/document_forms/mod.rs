//! Declarative document forms (`data/forms/*.toml`): the 支援レポート
//! (別紙様式1) and the 就労定着支援計画書 (別紙様式2), field by field. The
//! definitions drive validation, the editor and the values printed; the
//! printed layout of each form is `crate::export`'s.

pub(crate) mod employed;
pub(crate) mod employer_copy;
pub(crate) mod identity_fields;
pub(crate) mod plan;
pub(crate) mod report;
pub(crate) mod report_records;

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::date_input::parse_date_input;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Kind {
    Text,
    Multiline,
    Date,
    Choice,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FieldDef {
    pub id: String,
    pub label: String,
    pub kind: Kind,
    /// Characters that fit the printed form.
    #[serde(default)]
    pub max: Option<usize>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub choices: Vec<String>,
    /// A sub-heading inside the section, above this field (別紙様式1's
    /// 「対象者・事業主・関係機関等の取組」 over its three rows).
    #[serde(default)]
    pub heading: Option<String>,
    /// For a choice of what goes to the employer: the title of the section
    /// this field decides on (`employer_copy`).
    #[serde(default)]
    pub shares: Option<String>,
    /// The choice a blank stands for (shown beside 未選択 in the editor).
    #[serde(default)]
    pub default: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Column {
    pub id: String,
    pub label: String,
    pub max: usize,
}

/// Rows of a repeated table (支援実績): field ids are `prefix_row_column`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Table {
    pub prefix: String,
    pub rows: usize,
    pub columns: Vec<Column>,
}

impl Table {
    pub(crate) fn field_id(&self, row: usize, column: &str) -> String {
        format!("{}_{}_{}", self.prefix, row, column)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Section {
    pub title: String,
    #[serde(default)]
    pub fields: Vec<FieldDef>,
    #[serde(default)]
    pub table: Option<Table>,
    /// Whether the section is part of the printed document (false: the
    /// report's own settings, edited beside it but never printed).
    #[serde(default = "printed_by_default")]
    pub printed: bool,
}

fn printed_by_default() -> bool {
    true
}

impl Section {
    /// The ids of the section's fields, its table's cells included.
    pub(crate) fn field_ids(&self) -> impl Iterator<Item = String> + '_ {
        let cells = self.table.iter().flat_map(|t| {
            (1..=t.rows).flat_map(move |r| t.columns.iter().map(move |c| t.field_id(r, &c.id)))
        });
        self.fields.iter().map(|f| f.id.clone()).chain(cells)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FormDef {
    /// The file's own name for the form (`report`, `plan`): the exports
    /// print a form with its own layout by it.
    pub id: String,
    pub title: String,
    pub sections: Vec<Section>,
    /// Every field by id (tables expanded), built on first use.
    #[serde(skip)]
    index: std::sync::OnceLock<std::collections::HashMap<String, FieldDef>>,
}

pub(crate) type Values = BTreeMap<String, String>;

/// The built-in definitions, shipped in the binary.
pub(crate) fn report_form() -> FormDef {
    parse_builtin(include_str!("../../data/forms/report.toml"))
}

pub(crate) fn plan_form() -> FormDef {
    parse_builtin(include_str!("../../data/forms/plan.toml"))
}

// The shipped files are compiled in and checked by the tests below
// (`shipped_forms_parse_and_have_unique_field_ids`): a broken one is a
// build defect that no user input can cause.
#[allow(clippy::panic)]
fn parse_builtin(src: &str) -> FormDef {
    let mut def: FormDef =
        toml::from_str(src).unwrap_or_else(|e| panic!("built-in form definition: {e}"));
    // A field filled from the records holds what the record's field may
    // hold: one limit, the field table's (which is the printed form's).
    for f in def.sections.iter_mut().flat_map(|s| s.fields.iter_mut()) {
        if let Some(field) = identity_fields::source(&f.id) {
            f.max = Some(field.max);
        }
    }
    def
}

impl FormDef {
    /// The same form with only the sections `keep` accepts (a fresh field
    /// index: the removed sections' fields are no longer this form's).
    pub(crate) fn with_sections(&self, keep: impl Fn(&Section) -> bool) -> FormDef {
        FormDef {
            id: self.id.clone(),
            title: self.title.clone(),
            sections: self.sections.iter().filter(|s| keep(s)).cloned().collect(),
            index: std::sync::OnceLock::new(),
        }
    }

    /// The form as printed: without the sections that are settings.
    pub(crate) fn printed(&self) -> FormDef {
        self.with_sections(|s| s.printed)
    }

    /// Every field, tables expanded, in form order.
    pub(crate) fn all_fields(&self) -> Vec<FieldDef> {
        let mut out = Vec::new();
        for s in &self.sections {
            out.extend(s.fields.iter().cloned());
            if let Some(t) = &s.table {
                for row in 1..=t.rows {
                    for c in &t.columns {
                        out.push(FieldDef {
                            id: t.field_id(row, &c.id),
                            // 「支援実績2 場所」: the column's name without its choices.
                            label: format!(
                                "{}{} {}",
                                s.title,
                                row,
                                c.label.split('（').next().unwrap_or(&c.label)
                            ),
                            kind: Kind::Text,
                            max: Some(c.max),
                            required: false,
                            choices: Vec::new(),
                            heading: None,
                            shares: None,
                            default: None,
                        });
                    }
                }
            }
        }
        out
    }

    /// The headings an editor shows: field id → the section title above
    /// the section's first field (tables included) or the field's own
    /// sub-heading. Untitled sections (the top and bottom bands) have none.
    pub(crate) fn headings(&self) -> std::collections::HashMap<String, String> {
        let mut out = std::collections::HashMap::new();
        for s in &self.sections {
            let first = s.fields.first().map(|f| f.id.clone()).or_else(|| {
                let t = s.table.as_ref()?;
                Some(t.field_id(1, &t.columns.first()?.id))
            });
            if let (Some(id), false) = (first, s.title.is_empty()) {
                out.insert(id, s.title.clone());
            }
            for f in &s.fields {
                if let Some(h) = &f.heading {
                    out.insert(f.id.clone(), h.clone());
                }
            }
        }
        out
    }

    /// Problems with `values`, each naming the field by its label
    /// (Japanese): the required fields left empty, and every value's
    /// problem with its field (`field_problem`).
    pub(crate) fn validate(&self, values: &Values) -> Vec<String> {
        let mut problems: Vec<String> = values
            .iter()
            .filter_map(|(k, v)| self.field_problem(k, v))
            .collect();
        problems.extend(self.missing(values));
        problems
    }

    /// The required fields left empty (a document is not complete without
    /// them; the store keeps an incomplete one).
    pub(crate) fn missing(&self, values: &Values) -> Vec<String> {
        self.all_fields()
            .iter()
            .filter(|f| f.required)
            .filter(|f| values.get(&f.id).is_none_or(|v| v.trim().is_empty()))
            .map(|f| format!("{}を入力してください", f.label))
            .collect()
    }

    /// What is wrong with `value` as the field `key` of this form: no such
    /// field, two lines in a one-line field, a character no text may hold,
    /// longer than the printed form holds, not a date, not one of the
    /// choices. Part of the rule set
    /// (`crate::validate` applies it to every stored report and plan).
    pub(crate) fn field_problem(&self, key: &str, value: &str) -> Option<String> {
        let Some(f) = self.field(key) else {
            return Some(format!("「{key}」という項目は{}にありません", self.title));
        };
        let v = crate::text::trim_input(value);
        if v.is_empty() {
            return None;
        }
        if f.kind == Kind::Text && v.contains('\n') {
            return Some(format!("{}は1行で入力してください", f.label));
        }
        // The input check every record field gets, naming this field.
        if let Some(u) = crate::text::unfit(v, false).first() {
            return Some(format!(
                "{}に{}が含まれています。取り除いてください",
                f.label,
                u.describe()
            ));
        }
        let n = v.chars().count();
        if let Some(max) = f.max.filter(|m| n > *m) {
            return Some(crate::fields::too_long(&f.label, max, n));
        }
        if f.kind == Kind::Date && chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").is_err() {
            return Some(format!("{}「{v}」は日付ではありません", f.label));
        }
        if f.kind == Kind::Choice && !f.choices.iter().any(|c| c == v) {
            let choices: Vec<&str> = f
                .choices
                .iter()
                .filter(|c| !c.is_empty())
                .map(String::as_str)
                .collect();
            return Some(format!(
                "{}「{v}」は選べません（{}）",
                f.label,
                choices.join("・")
            ));
        }
        None
    }

    /// The field `id` (tables expanded), looked up in the form's own index.
    pub(crate) fn field(&self, id: &str) -> Option<&FieldDef> {
        self.index
            .get_or_init(|| {
                self.all_fields()
                    .into_iter()
                    .map(|f| (f.id.clone(), f))
                    .collect()
            })
            .get(id)
    }
}

/// The built-in 支援レポート, parsed once (the rule set reads it for every
/// stored report).
pub(crate) fn report_def() -> &'static FormDef {
    static DEF: std::sync::OnceLock<FormDef> = std::sync::OnceLock::new();
    DEF.get_or_init(report_form)
}

/// The built-in 計画書, parsed once.
pub(crate) fn plan_def() -> &'static FormDef {
    static DEF: std::sync::OnceLock<FormDef> = std::sync::OnceLock::new();
    DEF.get_or_init(plan_form)
}

/// Normalize `key=value` input for a field: dates in any accepted form
/// become `YYYY-MM-DD`.
pub(crate) fn normalize(
    def: &FormDef,
    key: &str,
    value: &str,
    today: chrono::NaiveDate,
) -> Result<String, String> {
    // Line ends are made one kind; anything a terminal acts on is left
    // for the rule set to refuse (never silently dropped).
    let value = value.replace("\r\n", "\n").replace('\r', "\n");
    match def.all_fields().iter().find(|f| f.id == key) {
        None => Err(format!("「{key}」という項目は{}にありません", def.title)),
        Some(f) if f.kind == Kind::Date && !value.trim().is_empty() => {
            parse_date_input(&value, today)
                .map(|d| d.to_string())
                .map_err(|e| format!("{}: {e}", f.label))
        }
        Some(_) => Ok(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_forms_parse_and_have_unique_field_ids() {
        for def in [report_form(), plan_form()] {
            let ids: Vec<String> = def.all_fields().into_iter().map(|f| f.id).collect();
            let mut sorted = ids.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(ids.len(), sorted.len(), "{} has duplicate ids", def.id);
        }
    }

    #[test]
    fn report_form_follows_the_official_layout() {
        let ids: Vec<String> = report_form()
            .all_fields()
            .into_iter()
            .map(|f| f.id)
            .collect();
        for id in [
            "created",
            "employment_start",
            "client_name",
            "employer",
            "employer_contact",
            "record_1_date",
            "record_3_method",
            "goal_3",
            "done_2",
            "result_3",
            "next_support",
            "effort_client",
            "effort_employer",
            "effort_agencies",
            "shared",
            "presented",
            "office_name",
            "staff_name",
        ] {
            assert!(ids.iter().any(|i| i == id), "{id} missing");
        }
    }

    #[test]
    fn an_invisible_character_in_a_form_field_is_refused_naming_the_field() {
        let def = report_form();
        for (value, what) in [
            ("体調\u{2028}管理", "U+2028"),
            ("体調\u{00AD}管理", "U+00AD"),
            ("体調\u{1b}[2J", "エスケープシーケンス"),
        ] {
            let p = def.field_problem("goal_1", value).unwrap_or_default();
            assert!(p.starts_with("①に") && p.contains(what), "{p}");
        }
        assert_eq!(def.field_problem("goal_1", "一行目\n二行目"), None);
    }

    #[test]
    fn validation_names_the_field_for_overlong_required_and_bad_values() {
        let def = report_form();
        let mut v = Values::new();
        v.insert("goal_1".into(), "あ".repeat(201));
        v.insert("presented".into(), "2026-02-30".into());
        v.insert("nonsense".into(), "x".into());
        let p = def.validate(&v).join("\n");
        assert!(p.contains("①は200字までです（いま201字）"), "{p}");
        assert!(p.contains("利用者名を入力してください"), "{p}");
        assert!(
            p.contains("対象者提示日「2026-02-30」は日付ではありません"),
            "{p}"
        );
        assert!(p.contains("「nonsense」という項目"), "{p}");
        let plan = plan_form();
        let mut v = Values::new();
        v.insert("client_name".into(), "山田".into());
        v.insert("created".into(), "2026-10-15".into());
        v.insert("long_result".into(), "たぶん".into());
        assert!(
            plan.validate(&v)
                .join("")
                .contains("長期目標 達成度「たぶん」は選べません")
        );
    }
}
