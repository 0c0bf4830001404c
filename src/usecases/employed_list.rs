//! The 一般就労へ移行した利用者一覧表 of a range, for the 援護の実施市: the
//! whole office's users, so only for those who may export the office
//! (サービス管理責任者, 管理者); written like every document and audited.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::documents::{Destination, Format, invalid, write_bytes};
use super::hand_out::hand_out;
use crate::access::Permission;
use crate::document_forms::employed::{self, Missing};
use crate::export::{self, EmployedList};
use crate::store::{Store, StoreError};
use crate::wareki;

/// What was written: where, how many users, and the blanks the records
/// left (the file has them blank; the person is told which).
#[derive(Debug)]
pub(crate) struct Written {
    pub path: PathBuf,
    pub rows: usize,
    pub missing: Vec<Missing>,
    /// The users' 援護の実施市町村 (blank: not recorded) when they are
    /// more than one: each municipality is sent its own list.
    pub mixed: Vec<(String, usize)>,
}

/// The list of `from`..=`to`; `municipality`: that 援護の実施市町村's users
/// alone, addressed to it.
pub(crate) fn export_employed_list(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    municipality: Option<&str>,
    format: Format,
    dest: &Destination<'_>,
) -> Result<Written, StoreError> {
    let municipality = municipality.map(str::trim).filter(|m| !m.is_empty());
    if from > to {
        return Err(invalid(format!(
            "期間の始め（{}）が終わり（{}）より後です。",
            wareki::format(from),
            wareki::format(to)
        )));
    }
    store.require(Permission::ExportOffice)?;
    let office = store.office()?;
    // Names, certificates and jobs: no other record is needed.
    let clients = store.load_clients_brief()?;
    let (rows, missing) = employed::rows(&office, &clients, from, to, municipality);
    let header = employed::header(&office);
    let addressee = match municipality {
        Some(m) => employed::addressed_to(m),
        None => employed::addressee(&rows),
    };
    let list = EmployedList {
        addressee,
        header: &header,
        from,
        to,
        rows: &rows,
    };
    let bytes = match format {
        Format::Html => export::employed_html(&list).into_bytes(),
        Format::Xlsx => export::employed_xlsx(&list).map_err(invalid)?,
    };
    let city = municipality.map(|m| format!("_{m}")).unwrap_or_default();
    let name = format!("{}{city}_{from}_{to}", employed::TITLE);
    let staged = write_bytes(store, &bytes, format, &name, dest)?;
    let what = format!(
        "{}{} {from}～{to} {}名",
        employed::TITLE,
        municipality.map(|m| format!("（{m}）")).unwrap_or_default(),
        rows.len()
    );
    let path = hand_out(staged, &what, |what| store.record_office_export(what))?;
    let all = employed::municipalities(&rows);
    Ok(Written {
        path,
        rows: rows.len(),
        missing,
        mixed: if all.len() > 1 { all } else { Vec::new() },
    })
}
