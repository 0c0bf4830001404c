//! 別紙様式2（就労定着支援計画書） cell for cell: the approval boxes
//! (管理者・サービス管理責任者・就労支援員), 作成日／評価日 with their
//! authors, the ふりがな・性別・生年月日（年齢）・支援区分・障害者手帳 band,
//! 雇用事業主 beside the 引き継ぎ事項, 職場環境 beside 業務内容, 労働条件
//! beside 関わっている支援機関, 健康状態 beside 生活環境; on the second
//! page 利用目標 with 設定日・達成予定日・達成度, the ①②③ support rows
//! with 実施 and 達成 marked, 特記事項, 総括評価 and the two consent blocks.

use super::grid::{Grid, Style, cell, label, mark, tag, value};
use super::{date_boxes, text};
use crate::dates::YearMonth;
use crate::document_forms::{FormDef, Values};
use crate::wareki;

/// The least height of a box to write in by hand on a blank form.
const WRITE_IN: f64 = 64.0;

/// A date in the form's 年 月 boxes (the goals' 設定日・達成予定日).
fn month_boxes(v: &Values, id: &str) -> String {
    v.get(id)
        .and_then(|d| chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok())
        .map_or_else(
            || "　　年　　月".to_string(),
            |d| wareki::format_year_month(YearMonth::of(d)),
        )
}

/// 雇用形態 as printed: 「（正規・非正規［パート・アルバイト、契約社員・嘱託・派遣］）」
/// with the chosen one in 【】.
fn employment_form(chosen: &str) -> String {
    let m = |o: &str| {
        if o == chosen.trim() {
            format!("【{o}】")
        } else {
            o.to_string()
        }
    };
    format!(
        "雇用形態：（{}・非正規［{}、{}・{}］）",
        m("正規"),
        m("パート・アルバイト"),
        m("契約社員・嘱託"),
        m("派遣")
    )
}

/// The plan's grid; `subtitle` is e.g. 「第1版 作成日 令和8年10月15日」.
pub(crate) fn grid(def: &FormDef, subtitle: &str, v: &Values) -> Grid {
    let mut g = Grid {
        title: def.title.clone(),
        // The title row again at the top of the second page, with whose
        // plan it is.
        repeat: 1,
        ..Grid::default()
    };
    let t = |id: &str| text(v, id);
    let name = t("client_name");
    g.push(
        24.0,
        vec![
            cell(0, 14, Style::Title, &def.title),
            cell(
                14,
                10,
                Style::Note,
                format!("{subtitle}\n対象者氏名：{name}"),
            ),
        ],
    );
    header(&mut g, v);
    employer(&mut g, v);
    workplace(&mut g, v);

    g.page_break();
    goals(&mut g, v);
    support(&mut g, v);
    g.push(0.0, vec![cell(0, 24, Style::Heading, "特記事項")]);
    g.push(WRITE_IN, vec![value(0, 24, t("special_notes"))]);
    g.push(0.0, vec![cell(0, 24, Style::Heading, "総括評価")]);
    g.push(WRITE_IN, vec![value(0, 24, t("summary"))]);
    consent(&mut g, v);
    g
}

/// The approval boxes, 作成日・評価日 and who the plan is for.
fn header(g: &mut Grid, v: &Values) {
    let t = |id: &str| text(v, id);
    g.push(
        0.0,
        vec![
            cell(0, 12, Style::Blank, ""),
            label(12, 4, "管理者"),
            label(16, 4, "サービス管理責任者"),
            label(20, 4, "就労支援員"),
        ],
    );
    g.push(
        36.0,
        vec![
            cell(0, 12, Style::Blank, ""),
            value(12, 4, t("approval_manager")),
            value(16, 4, t("approval_coordinator")),
            value(20, 4, t("approval_staff")),
        ],
    );
    for (l, date, who_label, who) in [
        ("作成日", "created", "計画作成者", "author"),
        ("評価日", "evaluated", "評価作成者", "evaluator"),
    ] {
        g.push(
            0.0,
            vec![
                label(0, 3, l),
                value(3, 9, date_boxes(v, date)),
                label(12, 4, who_label),
                value(16, 8, t(who)),
            ],
        );
    }
    g.push(
        0.0,
        vec![
            label(0, 3, "ふりがな"),
            value(3, 6, t("kana")),
            label(9, 2, "性別"),
            label(11, 5, "生年月日（年齢）"),
            label(16, 3, "支援区分"),
            label(19, 5, "障害者手帳"),
        ],
    );
    let birth = t("birth");
    g.push(
        24.0,
        vec![
            label(0, 3, "対象者氏名"),
            value(3, 6, t("client_name")),
            value(9, 2, t("sex")),
            value(
                11,
                5,
                if birth.is_empty() {
                    "　　年　　月　　日（　　歳）".into()
                } else {
                    birth
                },
            ),
            value(16, 3, t("support_category")),
            cell(
                19,
                5,
                Style::Choices,
                mark(&["身体", "療育", "精神"], "・", &t("handbook")),
            ),
        ],
    );
}

/// 雇用事業主 (業種・所在地・連絡先・担当者) beside the 引き継ぎ事項 and 就職日.
fn employer(g: &mut Grid, v: &Values) {
    let t = |id: &str| text(v, id);
    g.push(
        0.0,
        vec![
            label(0, 3, "雇用事業主"),
            value(3, 9, t("employer")),
            label(12, 12, "就職まで利用していた事業所からの引き継ぎ事項"),
        ],
    );
    g.push(
        0.0,
        vec![
            label(0, 3, "業種"),
            value(3, 9, t("industry")),
            label(12, 3, "就職日"),
            value(15, 9, date_boxes(v, "employment_start")),
        ],
    );
    g.push(
        0.0,
        vec![
            label(0, 3, "所在地"),
            value(3, 9, t("employer_address")),
            value(12, 12, t("handover_notes")).down(3),
        ],
    );
    g.push(
        0.0,
        vec![label(0, 3, "連絡先"), value(3, 9, t("employer_phone"))],
    );
    g.push(
        0.0,
        vec![label(0, 3, "担当者"), value(3, 9, t("employer_contact"))],
    );
}

/// 職場環境・業務内容, 労働条件・関わっている支援機関, 健康状態・生活環境.
fn workplace(g: &mut Grid, v: &Values) {
    let t = |id: &str| text(v, id);
    g.push(
        0.0,
        vec![label(0, 12, "職場環境"), label(12, 12, "業務内容")],
    );
    g.push(
        0.0,
        vec![
            label(0, 6, "物理的環境：休憩室有無、音や光等"),
            label(6, 6, "人的環境：キーパーソン、上司・同僚の属性等"),
            value(12, 12, t("duties")).down(2),
        ],
    );
    g.push(
        WRITE_IN,
        vec![value(0, 6, t("env_physical")), value(6, 6, t("env_human"))],
    );
    g.push(
        0.0,
        vec![
            label(0, 12, "労働条件"),
            label(12, 12, "関わっている支援機関"),
        ],
    );
    g.push(
        0.0,
        vec![
            value(0, 12, employment_form(&t("employment_form"))),
            value(12, 12, t("agencies")).down(3),
        ],
    );
    g.push(
        0.0,
        vec![
            value(0, 6, format!("契約上の賃金：{}", t("wage"))),
            value(6, 6, format!("休日：{}", t("holidays"))),
        ],
    );
    g.push(
        0.0,
        vec![value(
            0,
            12,
            format!("1日の勤務時間（休み時間）：{}", t("hours")),
        )],
    );
    g.push(
        0.0,
        vec![
            label(0, 12, "健康状態（診断名、服薬状況等）"),
            label(
                12,
                12,
                "生活環境及び生活面のサポート体制（家族との同居の有無、家事の自立状況等）",
            ),
        ],
    );
    g.push(
        WRITE_IN * 2.0,
        vec![value(0, 12, t("health")), value(12, 12, t("living"))],
    );
}

/// 利用目標: the needs, then 長期・短期目標 with 設定日, 達成予定日 and 達成度.
fn goals(g: &mut Grid, v: &Values) {
    let t = |id: &str| text(v, id);
    g.push(
        0.0,
        vec![cell(0, 24, Style::Heading, "利用目標（利用者のニーズ）")],
    );
    g.push(WRITE_IN, vec![value(0, 24, t("needs"))]);
    for (l, p) in [("長期\n目標", "long"), ("短期\n目標", "short")] {
        g.push(
            0.0,
            vec![
                label(0, 2, l).down(2),
                value(2, 10, t(&format!("{p}_goal"))).down(2),
                label(12, 3, "設定日"),
                value(15, 4, month_boxes(v, &format!("{p}_set"))),
                label(19, 2, "目標\n達成度").down(2),
                cell(
                    21,
                    3,
                    Style::Choices,
                    mark(&["達成", "一部", "未達"], "\n", &t(&format!("{p}_result"))),
                )
                .down(2),
            ],
        );
        g.push(
            0.0,
            vec![
                label(12, 3, "達成予定日"),
                value(15, 4, month_boxes(v, &format!("{p}_due"))),
            ],
        );
    }
}

/// 支援内容・評価: ①②③ with their period, 実施 and 達成 marked, and the
/// 残っている課題と対策.
fn support(g: &mut Grid, v: &Values) {
    let t = |id: &str| text(v, id);
    g.push(0.0, vec![cell(0, 24, Style::Heading, "支援内容・評価")]);
    g.push(
        0.0,
        vec![
            label(0, 2, "").down(2),
            label(2, 10, "目標達成に向けた支援方針・内容・期間・頻度").down(2),
            label(12, 6, "評価"),
            label(18, 6, "残っている課題と対策").down(2),
        ],
    );
    g.push(0.0, vec![label(12, 3, "実施"), label(15, 3, "達成")]);
    for (n, i) in ["①", "②", "③"].iter().zip(1..) {
        let period = t(&format!("item_{i}_period"));
        let period = if period.is_empty() {
            "　月　日　～　月　日".to_string()
        } else {
            period
        };
        g.push(
            WRITE_IN,
            vec![
                tag(0, 2, *n),
                value(2, 10, format!("{period}\n{}", t(&format!("item_{i}")))),
                cell(
                    12,
                    3,
                    Style::Choices,
                    mark(
                        &["実施", "一部", "未実施"],
                        "\n",
                        &t(&format!("item_{i}_done")),
                    ),
                ),
                cell(
                    15,
                    3,
                    Style::Choices,
                    mark(
                        &["達成", "一部", "未達成"],
                        "\n",
                        &t(&format!("item_{i}_achieved")),
                    ),
                ),
                value(18, 6, t(&format!("item_{i}_issues"))),
            ],
        );
    }
}

/// The two blocks at the foot: the client's acknowledgement and the report
/// to the 相談支援専門員 or office.
fn consent(g: &mut Grid, v: &Values) {
    let t = |id: &str| text(v, id);
    let to = t("report_to");
    let to = if to.is_empty() {
        "相談支援専門員様／事業所様".to_string()
    } else if to.trim_end().ends_with('様') || to.trim_end().ends_with("御中") {
        // Typed with its honorific: never 「山田様　様」.
        to.trim_end().to_string()
    } else {
        format!("{to}　様")
    };
    // Who reports: the office (the sender of the block).
    let office = t("office_name");
    let sender = if office.is_empty() {
        String::new()
    } else {
        format!("事業所名：{office}")
    };
    let plain = |col, s: String| cell(col, 12, Style::Blank, s);
    g.push(12.0, vec![cell(0, 24, Style::Blank, "")]);
    g.push(
        0.0,
        vec![
            plain(0, "上記計画の内容について説明を受けました。".into()),
            plain(
                12,
                "上記計画書に基づきサービスの説明を行い\n内容に同意頂きましたので、ご報告申し上げます。"
                    .into(),
            ),
        ],
    );
    g.push(
        0.0,
        vec![
            plain(0, date_boxes(v, "consent_date")),
            plain(12, date_boxes(v, "report_date")),
        ],
    );
    g.push(
        0.0,
        vec![
            plain(0, format!("ご本人氏名：{}", t("consent_client"))),
            plain(12, to),
        ],
    );
    g.push(
        0.0,
        vec![
            plain(0, format!("ご家族氏名：{}", t("consent_family"))),
            plain(12, sender),
        ],
    );
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_cells_tile_the_form_without_overlapping() {
        crate::export::grid::assert_tiles(&crate::document_forms::plan_form(), super::grid);
    }

    /// Every cell's text, in order.
    fn texts(v: &crate::document_forms::Values) -> Vec<String> {
        super::grid(&crate::document_forms::plan_form(), "", v)
            .rows
            .iter()
            .flat_map(|r| r.cells.iter().map(|c| c.text.clone()))
            .collect()
    }

    #[test]
    fn the_report_block_names_the_office_and_never_doubles_the_honorific() {
        let mut v = crate::document_forms::Values::new();
        v.insert("office_name".into(), "就労定着支援センターみらい".into());
        for (typed, printed) in [
            ("山田", "山田　様"),
            ("山田様", "山田様"),
            ("相談支援センター御中", "相談支援センター御中"),
        ] {
            v.insert("report_to".into(), typed.into());
            let t = texts(&v);
            assert!(t.iter().any(|x| x == printed), "{typed}: {t:?}");
            assert!(!t.iter().any(|x| x.contains("様　様")), "{typed}");
        }
        assert!(
            texts(&v)
                .iter()
                .any(|x| x == "事業所名：就労定着支援センターみらい"),
            "the sender"
        );
    }
}
