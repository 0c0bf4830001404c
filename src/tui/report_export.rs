//! `x` on the main screen: the month's 支援レポート written as xlsx, run
//! by the loop as an effect.

use crate::store::Store;

/// The month's 支援レポート as xlsx in `<data dir>/exports/`, audited
/// (personal data leaving the system). The path, or a reason in Japanese.
pub(crate) fn export_report(
    store: &Store,
    client_id: i64,
    month: crate::dates::YearMonth,
    dir: &std::path::Path,
) -> Result<std::path::PathBuf, String> {
    let c = store.load_client(client_id).map_err(|e| e.to_string())?;
    let r = c.reports.iter().find(|r| r.month == month).ok_or_else(|| {
        format!(
            "{} の支援レポートはまだありません（r で作成）",
            crate::wareki::format_year_month(month)
        )
    })?;
    let def = crate::forms::report_form();
    let letterhead = store.letterhead().map_err(|e| e.to_string())?;
    let values = crate::forms::report::document(&def, &c, r, &letterhead);
    let subtitle = format!("{} の支援実績", crate::wareki::format_year_month(month));
    let bytes = crate::export::xlsx(&def, &subtitle, &values)?;
    {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| format!("{} を作れません: {e}", dir.display()))?;
    }
    let path = dir.join(format!("支援レポート_{}_{month}.xlsx", c.external_id));
    crate::export::write_file(&path, &bytes, true)?;
    store
        .record_export(
            client_id,
            &format!("支援レポート {month} (本人用, 画面から)"),
        )
        .map_err(|e| e.to_string())?;
    Ok(path)
}
