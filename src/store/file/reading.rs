//! How a connection reads: with a large page cache and memory-mapped
//! pages for a command that reads the same records again and again, or
//! with neither for a command that goes through the file once (`due`,
//! `agenda`, `figures`, `import`) and for the screen, which reads one
//! client at a time all day (mapped pages it touched would count as its
//! memory until it quits: a day of browsing would map most of the file). The choice is made when the connection is opened: a memory
//! map opened for the first reads (the schema, the staff, the list of
//! clients) and only then turned off would already have mapped pages
//! that count as the process's memory, more of them when the file was
//! not in the page cache.

use rusqlite::Connection;

use crate::store::StoreError;

/// How a connection reads the file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Reads {
    /// Again and again (edits and lists from the shell): a large page
    /// cache and a memory map.
    #[default]
    Repeatedly,
    /// Once through, streaming (a report over the whole office, an
    /// import), or a client at a time all day (the terminal UI): a small
    /// page cache and no memory map, so memory stays small and steady on
    /// a large office whatever the page cache holds.
    Once,
}

/// Page cache (KiB) and memory map (bytes) of each way of reading.
const REPEATED_CACHE_KIB: i64 = 65536;
const REPEATED_MMAP: i64 = 256 * 1024 * 1024;
const ONCE_CACHE_KIB: i64 = 4096;

impl Reads {
    /// Sets the connection's page cache and memory map. `may_map`: false
    /// for a read-only connection, which never maps the file.
    pub(in crate::store) fn apply(
        self,
        conn: &Connection,
        may_map: bool,
    ) -> Result<(), StoreError> {
        let (cache, mmap) = match self {
            Reads::Repeatedly => (REPEATED_CACHE_KIB, REPEATED_MMAP),
            Reads::Once => (ONCE_CACHE_KIB, 0),
        };
        conn.pragma_update(None, "cache_size", -cache)?;
        if may_map {
            conn.pragma_update(None, "mmap_size", mmap)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::store::test_support::store;
    use crate::store::{Reads, Store};

    fn pragma(s: &Store, name: &str) -> i64 {
        s.conn()
            .pragma_query_value(None, name, |r| r.get(0))
            .expect(name)
    }

    #[test]
    fn a_connection_opened_to_read_once_never_maps_the_file_and_its_helpers_do_not_either() {
        let (dir, s) = store();
        assert!(
            pragma(&s, "mmap_size") > 0,
            "a command that reads repeatedly keeps its map"
        );
        drop(s);
        let path = dir.path().join("t.db");
        let once = Store::open_with(&path, "tanaka", Reads::Once).expect("open");
        assert_eq!(pragma(&once, "mmap_size"), 0);
        assert_eq!(pragma(&once, "cache_size"), -4096);
        let helper = once.reopener().open().expect("reopen");
        assert_eq!(pragma(&helper, "mmap_size"), 0, "a helper reads once too");
        let ro = Store::open_read_only_with(&path, "tanaka", Reads::Once).expect("ro");
        assert_eq!(pragma(&ro, "mmap_size"), 0);
        assert_eq!(pragma(&ro, "cache_size"), -4096);
    }
}
