//! The terminal user interface: a client list, each client's timeline of
//! obligations and records, a detail pane, a deadlines view, and forms —
//! built on the foundations (actions and keymaps, themes, terminal setup
//! and restore, fuzzy filtering, the form editor and help).
//!
//! key → `Action` (keymap) → `App` update → `Effect`s run by the loop
//! against the store → `draw` reads the state.

pub(crate) mod action;
pub(crate) mod app;
pub(crate) mod client_list;
pub(crate) mod conflict;
pub(crate) mod deadlines;
pub(crate) mod detail;
pub(crate) mod draft_key;
pub(crate) mod draft_list;
pub(crate) mod draw;
pub(crate) mod engine;
pub(crate) mod figures_view;
pub(crate) mod filter;
pub(crate) mod form_editor;
pub(crate) mod help;
mod hints;
pub(crate) mod input;
pub mod keymap;
pub(crate) mod layout;
pub(crate) mod legend;
pub(crate) mod message_log;
pub(crate) mod note_search;
pub(crate) mod office;
pub(crate) mod prompt;
pub(crate) mod reason_dialog;
pub(crate) mod record_forms;
pub(crate) mod record_item;
pub(crate) mod romaji;
mod runtime;
pub mod snapshot;
pub(crate) mod staff_filter;
pub(crate) mod staff_picker;
pub mod theme;
pub(crate) mod timeline;
pub(crate) mod view_state;
pub(crate) mod warning;

#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod tests;
pub use runtime::event_loop::{self, run};

#[cfg(test)]
mod testutil;
