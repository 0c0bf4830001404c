//! A case's records: reading a client and their records (whole, in
//! batches for the engine, the open cases apart), and writing them —
//! added, corrected, deleted, decided, imported and exported.

pub(super) mod clients;
pub(super) mod contact_runs;
pub(super) mod decisions;
pub(super) mod edits;
pub(super) mod load;
pub(super) mod readers;
pub(super) mod records;
pub(super) mod split;
pub(super) mod transfer;
pub(super) mod updates;
