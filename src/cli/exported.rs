//! What the command line hands out, recorded as it happened. A file goes
//! through `Staged::hand_out` (its row, then its name). What goes to
//! stdout (a list in a pipe or a cron mail, a case file) is recorded after
//! it is written: all of it, or 「失敗: …」 when the output stopped part
//! way (some of it may have left: a reader that took the first lines). An
//! export refused before anything was written leaves no row.

use super::{CliError, output};
use crate::files::{self, Readers};
use crate::model::ClientId;
use crate::store::Store;

/// Records `what` (one client's, or the office's) as exported; a failure
/// to record is said, not hidden: a deadline list is not held up by a
/// colleague's long write.
pub(super) fn record(store: &Store, client: Option<ClientId>, what: &str) {
    if let Err(e) = record_row(store, client, what) {
        output::warn(format_args!(
            "警告: 書き出しの記録（監査記録）を残せませんでした: {e}"
        ));
    }
}

/// The audit row of an export: one client's, or the office's.
pub(super) fn record_row(
    store: &Store,
    client: Option<ClientId>,
    what: &str,
) -> Result<(), crate::store::StoreError> {
    match client {
        Some(c) => store.record_export(c, what),
        None => store.record_office_export(what),
    }
}

/// Records how writing `what` to stdout ended (`written`), and passes the
/// ending on.
pub(super) fn record_stdout(
    store: &Store,
    client: Option<ClientId>,
    what: &str,
    written: Result<(), CliError>,
) -> Result<(), CliError> {
    match &written {
        Ok(()) => record(store, client, what),
        Err(_) => record(
            store,
            client,
            &files::failed(
                what,
                "出力が途中で止まりました。一部が渡った可能性があります",
            ),
        ),
    }
    written
}

/// The readers of the files this person exports (the office's
/// `export_group`); when that group cannot be theirs, they are told.
pub(super) fn readers(store: &Store) -> Result<Readers, CliError> {
    let (readers, note) = crate::usecases::hand_out::readers(store)?;
    if let Some(note) = note {
        output::warn(note);
    }
    Ok(readers)
}

/// Tells the person, before a use case writes their files (which get the
/// same readers), when the office's export group cannot be theirs.
pub(super) fn tell_readers(store: &Store) -> Result<(), CliError> {
    readers(store).map(|_| ())
}
