//! The database file itself: its schema and migrations, how it is opened
//! and read, its permissions and the shared-group set-up, its health
//! (`quick_check`, damage and its flag), `check`, and backup and restore
//! (and what a killed one left).

pub(super) mod backup;
pub(super) mod check;
pub(crate) mod damage;
pub(super) mod denied;
pub(super) mod health;
pub(super) mod perms;
pub(super) mod read_only;
pub(super) mod reading;
pub(super) mod schema;
mod schema_steps;
pub(crate) mod scratch;
pub(super) mod sharing;
