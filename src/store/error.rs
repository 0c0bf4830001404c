//! Store errors, worded for a case worker (what happened, whether anything
//! was lost, what to do next), and the mapping from SQLite's result codes.

use std::fmt;

use rusqlite::ffi::{self, ErrorCode};

/// Everything that can go wrong in the store. `Display` is the message shown
/// to people; every variant says whether data was changed.
#[derive(Debug)]
pub enum StoreError {
    /// Another user holds the write lock longer than the busy timeout.
    Busy,
    /// Opening waited the busy timeout for another process (a recovery,
    /// a migration) and gave up: nothing was asked to be saved.
    BusyOpening,
    /// SQLITE_CORRUPT: the file is damaged.
    Corrupt,
    /// SQLITE_NOTADB: the file is not an SQLite database (or its header is gone).
    NotADatabase,
    /// SQLITE_FULL: the disk is full; the transaction was rolled back.
    DiskFull,
    /// SQLITE_PERM / SQLITE_CANTOPEN, or the file could not be created:
    /// the database could not be read.
    Permission(String),
    /// SQLITE_READONLY, or a handle opened read-only: nothing was saved.
    ReadOnly(String),
    /// Opening or writing was refused because of the shared-group set-up
    /// (a side file this person cannot open): the message names the file,
    /// whose it is and the command that fixes it.
    Sharing(String),
    /// The database was made by a newer teichaku (user_version too high).
    TooNew { found: i64, supported: i64 },
    /// The row changed since the editor loaded it; nothing was written.
    Stale { what: String, current_version: i64 },
    /// The row does not exist (deleted meanwhile, or a wrong id).
    NotFound { what: String },
    /// A unique value exists already (e.g. an external_id); nothing was written.
    Duplicate(String),
    /// The input, or a value read back, breaks a rule of the data.
    Invalid(String),
    /// A record breaks rules of the rule set (`crate::validate`); nothing
    /// was written. `what` names the record (支援記録 2026-05-20).
    Rules {
        what: String,
        problems: Vec<crate::validate::Problem>,
    },
    /// The file was found damaged (`quick_check`); writes are stopped.
    Damaged(String),
    /// The login may not do this (not staff, or not the role for it).
    Refused(crate::access::Refusal),
    /// A disk read/write failed (SQLITE_IOERR) or another file error.
    Io(String),
    /// Anything else SQLite reports; the detail is for the administrator.
    Other(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Busy => write!(
                f,
                "他の人が書き込み中のため、保存できませんでした。少し待ってからもう一度保存してください（今回の変更はまだ保存されていません）。"
            ),
            StoreError::BusyOpening => write!(
                f,
                "他の人の処理が終わらないため、データベースを開けませんでした。少し待ってからもう一度試してください（何も変更していません）。続くときは管理者に連絡してください。"
            ),
            StoreError::Corrupt => write!(
                f,
                "データベースが壊れています。`teichaku check` で確認し、管理者に連絡してください（バックアップからの復元が必要な場合があります）。"
            ),
            StoreError::NotADatabase => write!(
                f,
                "このファイルは teichaku のデータベースではないか、壊れています。ファイルの場所を確認し、`teichaku check` で確認してください。"
            ),
            StoreError::DiskFull => write!(
                f,
                "ディスクの空きがありません。今回の変更は保存されていませんが、それまでのデータは失われていません。管理者に空き容量の確保を依頼してください。"
            ),
            StoreError::Permission(detail) => write!(
                f,
                "データベースを読めません（{detail}）。ファイルとフォルダの権限を管理者に確認してください。何も変更していません。"
            ),
            StoreError::ReadOnly(detail) => write!(
                f,
                "保存できませんでした（{detail}）。今回の変更は保存されていません。表示と書き出しはできます。"
            ),
            StoreError::Sharing(what) => {
                write!(f, "{what}\n（今回の操作では何も書き込んでいません。）")
            }
            StoreError::TooNew { found, supported } => write!(
                f,
                "このデータベースは新しいバージョンの teichaku で作成されています（データベースの版 {found}、このプログラムが扱えるのは版 {supported} まで）。teichaku を更新してください。データは変更していません。"
            ),
            StoreError::Stale {
                what,
                current_version,
            } => write!(
                f,
                "この{what}は、開いた後に他の人が変更しました（現在の版 {current_version}）。保存していません。読み込み直してから、もう一度変更してください。"
            ),
            StoreError::NotFound { what } => write!(
                f,
                "{what}が見つかりません（他の人が削除した可能性があります）。"
            ),
            StoreError::Duplicate(what) => {
                write!(f, "{what}は既に登録されています。何も書き込んでいません。")
            }
            StoreError::Invalid(msg) => write!(f, "{msg}"),
            StoreError::Rules { what, problems } => {
                let all: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
                write!(f, "{what}: {}", all.join(" / "))
            }
            StoreError::Refused(r) => write!(f, "{r}"),
            StoreError::Damaged(first) => write!(
                f,
                "データベースに損傷が見つかったため、書き込みを止めています（{first}）。今回の変更は保存されていません。表示はできます。管理者が `teichaku check` で確認し、`teichaku restore` でバックアップから復元してください。"
            ),
            StoreError::Io(detail) => write!(
                f,
                "ディスクの読み書きに失敗しました（{detail}）。今回の変更は保存されていません。管理者に連絡してください。"
            ),
            StoreError::Other(detail) => {
                write!(f, "データベースでエラーが発生しました（{detail}）。")
            }
        }
    }
}

impl std::error::Error for StoreError {}

// SQLite extended result codes for constraint failures (sqlite3.h).
const CONSTRAINT_UNIQUE: i32 = ffi::SQLITE_CONSTRAINT_UNIQUE;
const CONSTRAINT_PRIMARYKEY: i32 = ffi::SQLITE_CONSTRAINT_PRIMARYKEY;
const CONSTRAINT_FOREIGNKEY: i32 = ffi::SQLITE_CONSTRAINT_FOREIGNKEY;

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e {
            rusqlite::Error::SqliteFailure(code, msg) => from_code(code, msg),
            rusqlite::Error::QueryReturnedNoRows => StoreError::NotFound {
                what: "記録".to_string(),
            },
            rusqlite::Error::FromSqlConversionFailure(..)
            | rusqlite::Error::IntegralValueOutOfRange(..)
            | rusqlite::Error::Utf8Error(..)
            | rusqlite::Error::InvalidColumnType(..) => {
                StoreError::Invalid(format!("データベースの値が読めません（{e}）。"))
            }
            other => StoreError::Other(other.to_string()),
        }
    }
}

fn from_code(code: ffi::Error, msg: Option<String>) -> StoreError {
    let detail = msg.unwrap_or_else(|| code.to_string());
    match code.code {
        ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => StoreError::Busy,
        ErrorCode::DatabaseCorrupt => {
            super::file::damage::corruption_seen();
            StoreError::Corrupt
        }
        ErrorCode::NotADatabase => StoreError::NotADatabase,
        ErrorCode::DiskFull => StoreError::DiskFull,
        ErrorCode::ReadOnly => StoreError::ReadOnly(format!(
            "書き込めません: {detail}。ファイルとフォルダの権限を管理者に確認してください"
        )),
        ErrorCode::PermissionDenied | ErrorCode::CannotOpen => StoreError::Permission(detail),
        ErrorCode::SystemIoFailure => StoreError::Io(detail),
        ErrorCode::ConstraintViolation => match code.extended_code {
            CONSTRAINT_UNIQUE | CONSTRAINT_PRIMARYKEY => StoreError::Duplicate(detail),
            CONSTRAINT_FOREIGNKEY => StoreError::NotFound {
                what: "関連する記録".to_string(),
            },
            _ => StoreError::Invalid(format!("保存できない値があります（{detail}）。")),
        },
        _ => StoreError::Other(detail),
    }
}

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
                StoreError::Permission(e.to_string())
            }
            std::io::ErrorKind::StorageFull => StoreError::DiskFull,
            _ => StoreError::Io(e.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite(code: i32) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(ffi::Error::new(code), None)
    }

    #[test]
    fn busy_and_locked_map_to_busy() {
        assert!(matches!(sqlite(ffi::SQLITE_BUSY).into(), StoreError::Busy));
        assert!(matches!(
            sqlite(ffi::SQLITE_LOCKED).into(),
            StoreError::Busy
        ));
    }

    #[test]
    fn full_disk_says_nothing_was_lost() {
        let e: StoreError = sqlite(ffi::SQLITE_FULL).into();
        assert!(matches!(e, StoreError::DiskFull));
        let msg = e.to_string();
        assert!(msg.contains("ディスクの空きがありません"), "{msg}");
        assert!(msg.contains("失われていません"), "{msg}");
    }

    #[test]
    fn corrupt_points_to_check() {
        let e: StoreError = sqlite(ffi::SQLITE_CORRUPT).into();
        assert!(matches!(e, StoreError::Corrupt));
        assert!(e.to_string().contains("teichaku check"));
        let e: StoreError = sqlite(ffi::SQLITE_NOTADB).into();
        assert!(matches!(e, StoreError::NotADatabase));
    }

    #[test]
    fn unique_violation_is_duplicate_and_reading_and_saving_failures_are_told_apart() {
        let e: StoreError = sqlite(ffi::SQLITE_CONSTRAINT_UNIQUE).into();
        assert!(matches!(e, StoreError::Duplicate(_)));
        let e: StoreError = sqlite(ffi::SQLITE_READONLY).into();
        assert!(matches!(e, StoreError::ReadOnly(_)));
        assert!(e.to_string().contains("保存できませんでした"), "{e}");
        let e: StoreError = sqlite(ffi::SQLITE_CANTOPEN).into();
        assert!(matches!(e, StoreError::Permission(_)));
        assert!(e.to_string().contains("読めません"), "{e}");
    }

    #[test]
    fn too_new_and_stale_messages_are_japanese() {
        let e = StoreError::TooNew {
            found: 9,
            supported: 1,
        };
        assert!(
            e.to_string()
                .contains("新しいバージョンの teichaku で作成されています")
        );
        let e = StoreError::Stale {
            what: "支援記録".into(),
            current_version: 3,
        };
        assert!(e.to_string().contains("他の人が変更しました"));
        assert!(e.to_string().contains('3'));
    }
}
