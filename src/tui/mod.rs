//! The terminal user interface: a client list, each client's timeline of
//! obligations and records, a detail pane, a deadlines view, and forms —
//! built on the foundations (actions and keymaps, themes, terminal setup
//! and restore, fuzzy filtering, the form editor and help).
//!
//! key → `Action` (keymap) → `App` update → `Effect`s run by the loop
//! against the store → `draw` reads the state.

pub mod action;
pub mod app;
pub mod client_list;
pub mod deadlines;
pub mod decision;
pub mod detail;
pub(crate) mod dialog_view;
pub mod draw;
pub(crate) mod effects;
pub mod engine;
pub mod event_loop;
pub mod filter;
pub mod form;
pub mod help;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod loader;
pub(crate) mod prompt;
pub mod record_forms;
pub mod records;
pub mod snapshot;
pub mod terminal;
pub mod theme;
pub mod timeline;
pub mod timeline_view;
pub mod warning;

#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod tests;
pub use event_loop::run;

#[cfg(test)]
mod testutil;
