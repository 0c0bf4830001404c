//! Row ids as types. A client's row id and a case record's row id are
//! both SQLite integers; as two types the compiler keeps one from being
//! passed where the other is meant. Both read, write, print and serialize
//! as the bare number, so nothing stored or shown changes.

use std::fmt;
use std::num::ParseIntError;
use std::str::FromStr;

use rusqlite::ToSql;
use rusqlite::types::{FromSql, FromSqlResult, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};

macro_rules! row_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        ///
        /// The default, 0, names no row (SQLite numbers rows from 1): it
        /// stands in where a record not yet saved is asked for its id.
        #[derive(
            Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(i64);

        impl $name {
            pub const fn new(id: i64) -> Self {
                Self(id)
            }

            /// The bare number, for code that works on any table's rows
            /// (the audit trail and its keyed chain).
            pub const fn get(self) -> i64 {
                self.0
            }
        }

        impl fmt::Display for $name {
            // The number's own formatting, so widths and alignment apply.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl FromStr for $name {
            type Err = ParseIntError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map(Self)
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.0))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                i64::column_result(value).map(Self)
            }
        }
    };
}

row_id!(
    /// The row id of a client (`clients.id`); not the office's own
    /// number for them (`Client::external_id`).
    ClientId
);

row_id!(
    /// The row id of one record of a case: a job, contact, report, plan,
    /// review, consent, handover, conference or decision. The table it
    /// belongs to is named beside it where it is not known from the place.
    RecordId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_stored_and_read_back_as_an_integer() {
        let conn = rusqlite::Connection::open_in_memory().expect("db");
        let (ty, back): (String, ClientId) = conn
            .query_row("SELECT typeof(?1), ?1", [ClientId::new(42)], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .expect("row");
        assert_eq!((ty.as_str(), back), ("integer", ClientId::new(42)));
        let record: Option<RecordId> = conn
            .query_row("SELECT NULL", [], |r| r.get(0))
            .expect("row");
        assert_eq!(record, None);
        assert!(
            conn.query_row("SELECT 'x'", [], |r| r.get::<_, RecordId>(0))
                .is_err()
        );
    }

    #[test]
    fn an_id_is_the_bare_number_in_json_and_text() {
        let ids = (ClientId::new(7), Some(RecordId::new(-3)), None::<RecordId>);
        let json = serde_json::to_string(&ids).expect("json");
        assert_eq!(json, "[7,-3,null]");
        let back: (ClientId, Option<RecordId>, Option<RecordId>) =
            serde_json::from_str(&json).expect("read");
        assert_eq!(back, ids);
        assert_eq!(
            format!("#{} [{:>3}]", RecordId::new(12), ClientId::new(5)),
            "#12 [  5]"
        );
        assert_eq!("15".parse::<RecordId>(), Ok(RecordId::new(15)));
        assert!("D00011".parse::<ClientId>().is_err());
    }
}
