//! The 一般就労へ移行した利用者一覧表 of a range, for the 援護の実施市: the
//! whole office's users, so only for those who may export the office
//! (サービス管理責任者, 管理者); written like every document and audited.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::documents::{Destination, Format, invalid, write_bytes};
use crate::access::Permission;
use crate::export::{self, EmployedList};
use crate::forms::employed::{self, Missing};
use crate::store::{Store, StoreError};
use crate::wareki;

/// What was written: where, how many users, and the blanks the records
/// left (the file has them blank; the person is told which).
#[derive(Debug)]
pub(crate) struct Written {
    pub path: PathBuf,
    pub rows: usize,
    pub missing: Vec<Missing>,
}

pub(crate) fn export_employed_list(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    format: Format,
    dest: &Destination<'_>,
) -> Result<Written, StoreError> {
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
    let (rows, missing) = employed::rows(&office, &clients, from, to);
    let header = employed::header(&office);
    let list = EmployedList {
        header: &header,
        from,
        to,
        rows: &rows,
    };
    let bytes = match format {
        Format::Html => export::employed_html(&list).into_bytes(),
        Format::Xlsx => export::employed_xlsx(&list).map_err(invalid)?,
    };
    let name = format!("{}_{from}_{to}", employed::TITLE);
    let path = write_bytes(&bytes, format, &name, dest)?;
    store.record_office_export(&format!(
        "{} {from}～{to} {}名",
        employed::TITLE,
        rows.len()
    ))?;
    Ok(Written {
        path,
        rows: rows.len(),
        missing,
    })
}
