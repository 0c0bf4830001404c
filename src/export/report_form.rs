//! 別紙様式1（支援レポート） cell for cell: the top band (作成日・雇用開始日,
//! 利用者名 beside 雇用事業主 and ご担当者), the month's 支援実績 rows with
//! the form's 場所／方法 lists and the chosen one marked, the goals ①②③,
//! 支援実施内容 beside 支援結果, 今後の支援内容 beside the 取組 of 対象者・
//! 事業主・関係機関等, 共有事項, and 事業所名・担当者・対象者提示日 at the foot.
//! Made for one A4 page (`grid_pages` puts a longer report on two). The
//! titled sections are those of the definition given: the employer's copy
//! is laid out without the ones not shared.

use super::grid::{Grid, Style, cell, label, mark, tag, value};
use super::{date_boxes, text};
use crate::document_forms::{FormDef, Section, Values};

/// The 場所 and 方法 lists as printed on the form.
const PLACES: [&str; 3] = ["雇用事業主内", "事業所内", "その他（　）"];
const METHODS: [&str; 4] = ["面接", "電話", "メール", "その他（　）"];

/// The least height of a box to write the month's support in: a blank
/// form printed to fill in by hand has room for it.
const WRITE_IN: f64 = 72.0;

/// The report's grid; `subtitle` is the month's 「令和8年11月 の支援実績」.
pub(crate) fn grid(def: &FormDef, subtitle: &str, v: &Values) -> Grid {
    let mut g = Grid {
        title: def.title.clone(),
        one_page: true,
        ..Grid::default()
    };
    let t = |id: &str| text(v, id);
    // A copy without the 支援実績 (the employer's, when the client did not
    // agree to share it) names its month in the title instead.
    let title = if def.sections.iter().any(|s| s.title == "支援実績") {
        def.title.clone()
    } else {
        let month = subtitle.strip_suffix(" の支援実績").unwrap_or(subtitle);
        format!("{}（{month}分）", def.title)
    };

    g.push(
        0.0,
        vec![
            cell(0, 14, Style::Title, &title).down(2),
            label(14, 4, "作成日"),
            value(18, 6, date_boxes(v, "created")),
        ],
    );
    g.push(
        0.0,
        vec![
            label(14, 4, "雇用開始日"),
            value(18, 6, date_boxes(v, "employment_start")),
        ],
    );
    g.push(
        0.0,
        vec![
            label(0, 3, "利用者名").down(2),
            value(3, 7, t("client_name")).down(2),
            label(10, 5, "雇用事業主（勤務先）"),
            value(15, 9, t("employer")),
        ],
    );
    g.push(
        0.0,
        vec![
            label(10, 5, "ご担当者"),
            value(15, 9, t("employer_contact")),
        ],
    );

    // The titled sections the definition has, in its order: the
    // employer's copy leaves out those the client did not agree to share
    // (not printed empty, which would read as "nothing was done").
    for s in &def.sections {
        match s.title.as_str() {
            "支援実績" => records(&mut g, s, subtitle, v),
            "当月の主な支援目標" => goals(&mut g, v),
            "当月の支援状況" => status(&mut g, v),
            "支援の方向性" => direction(&mut g, v),
            "共有事項" => shared(&mut g, v),
            _ => {}
        }
    }
    foot(&mut g, v);
    g
}

/// The month's 支援実績: up to the last filled row, at least the form's
/// three, each with the form's 場所 and 方法 lists.
fn records(g: &mut Grid, s: &Section, subtitle: &str, v: &Values) {
    let t = |id: &str| text(v, id);
    g.push(0.0, vec![cell(0, 24, Style::Heading, subtitle)]);
    if let Some(table) = &s.table {
        let filled = (1..=table.rows)
            .filter(|&r| {
                table
                    .columns
                    .iter()
                    .any(|c| v.contains_key(&table.field_id(r, &c.id)))
            })
            .max()
            .unwrap_or(0);
        for r in 1..=filled.max(3).min(table.rows) {
            let day = t(&table.field_id(r, "date"));
            let place = t(&table.field_id(r, "place"));
            let method = t(&table.field_id(r, "method"));
            g.push(
                0.0,
                vec![
                    value(
                        0,
                        2,
                        if day.is_empty() {
                            "月　日".into()
                        } else {
                            day
                        },
                    ),
                    value(2, 11, format!("場所：{}", mark(&PLACES, "・", &place))),
                    value(13, 11, format!("方法：{}", mark(&METHODS, "・", &method))),
                ],
            );
        }
    }
}

fn goals(g: &mut Grid, v: &Values) {
    let t = |id: &str| text(v, id);
    g.push(0.0, vec![cell(0, 24, Style::Heading, "当月の主な支援目標")]);
    for (n, id) in ["①", "②", "③"].iter().zip(["goal_1", "goal_2", "goal_3"]) {
        g.push(28.0, vec![tag(0, 1, *n), value(1, 23, t(id))]);
    }
}

/// 支援実施内容 beside 支援結果, ①②③.
fn status(g: &mut Grid, v: &Values) {
    let t = |id: &str| text(v, id);
    g.push(0.0, vec![cell(0, 24, Style::Heading, "当月の支援状況")]);
    g.push(
        0.0,
        vec![label(0, 12, "支援実施内容"), label(12, 12, "支援結果")],
    );
    for (n, i) in ["①", "②", "③"].iter().zip(1..) {
        g.push(
            WRITE_IN,
            vec![
                tag(0, 1, *n),
                value(1, 11, t(&format!("done_{i}"))),
                tag(12, 1, *n),
                value(13, 11, t(&format!("result_{i}"))),
            ],
        );
    }
}

/// 今後の支援内容 beside the 取組 of 対象者・事業主・関係機関等.
fn direction(g: &mut Grid, v: &Values) {
    let t = |id: &str| text(v, id);
    g.push(0.0, vec![cell(0, 24, Style::Heading, "支援の方向性")]);
    g.push(
        0.0,
        vec![
            label(0, 12, "今後の支援内容"),
            label(12, 12, "対象者・事業主・関係機関等の取組"),
        ],
    );
    let efforts = [
        ("（対象者）", "effort_client"),
        ("（事業主）", "effort_employer"),
        ("（関係機関等）", "effort_agencies"),
    ];
    for (i, (l, id)) in efforts.iter().enumerate() {
        let mut cells = Vec::new();
        if i == 0 {
            cells.push(value(0, 12, t("next_support")).down(3));
        }
        cells.push(tag(12, 3, *l));
        cells.push(value(15, 9, t(id)));
        g.push(WRITE_IN / 2.0, cells);
    }
}

fn shared(g: &mut Grid, v: &Values) {
    g.push(0.0, vec![cell(0, 24, Style::Heading, "共有事項")]);
    g.push(WRITE_IN / 2.0, vec![value(0, 24, text(v, "shared"))]);
}

/// 事業所名・担当者 and the 対象者提示日.
fn foot(g: &mut Grid, v: &Values) {
    let t = |id: &str| text(v, id);
    g.push(
        0.0,
        vec![
            label(0, 3, "事業所名"),
            value(3, 11, t("office_name")),
            label(14, 3, "担当者"),
            value(17, 7, t("staff_name")),
        ],
    );
    g.push(
        0.0,
        vec![
            cell(0, 14, Style::Blank, ""),
            label(14, 4, "対象者提示日"),
            value(18, 6, date_boxes(v, "presented")),
        ],
    );
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_cells_tile_the_form_without_overlapping() {
        crate::export::grid::assert_tiles(&crate::document_forms::report_form(), super::grid);
    }
}
