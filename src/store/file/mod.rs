//! The database file itself: its schema and migrations, how it is opened
//! and read, its permissions and the shared-group set-up, its health
//! (`quick_check`, damage), `check`, and backup and restore.

pub(super) mod backup;
pub(super) mod check;
pub(super) mod health;
pub(super) mod perms;
pub(super) mod read_only;
pub(super) mod reading;
pub(super) mod schema;
mod schema_steps;
pub(super) mod sharing;
