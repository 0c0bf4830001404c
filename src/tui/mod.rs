//! The terminal user interface: a client list, each client's timeline of
//! obligations and records, a detail pane, a deadlines view, the office
//! and its figures, and forms.
//!
//! key → `Action` (keymap) → `App` update → `Effect`s run by the loop
//! against the store → `draw` reads the state.
//!
//! Arranged by screen: each screen or dialog is a module whose `mod.rs`
//! holds its state, `update.rs` the `impl App` methods that take its keys
//! and the store's answers, and `view.rs` its drawing. `app` holds the
//! application state, the effects it asks for and what belongs to no one
//! screen (routing a key, moving around and reloading, submitting,
//! correcting, deleting and deciding); `runtime` runs it (the event loop,
//! the terminal, the input, reader and writer threads); `widgets` is what
//! several screens draw with; `draw` puts the screens together. The rest
//! are the foundations: actions and keymaps, themes and the warnings
//! about their files, the data the screens show (`snapshot`, `engine`),
//! and fuzzy filtering (`filter`, `romaji`).

// The foundations.
pub(crate) mod action;
pub(crate) mod engine;
pub(crate) mod filter;
pub mod keymap;
pub(crate) mod romaji;
pub mod snapshot;
pub mod theme;
pub(crate) mod warning;

// The application, what runs it, and what draws it.
pub(crate) mod app;
pub(crate) mod draw;
mod runtime;
pub(crate) mod widgets;

// The screens and dialogs.
pub(crate) mod client_list;
pub(crate) mod conflict;
pub(crate) mod deadlines;
pub(crate) mod detail;
pub(crate) mod drafts;
pub(crate) mod figures;
pub(crate) mod form_editor;
pub(crate) mod help;
pub(crate) mod history;
pub(crate) mod note_search;
pub(crate) mod office;
pub(crate) mod reason_dialog;
pub(crate) mod staff_picker;
pub(crate) mod timeline;

// Each record's form: its fields for the form editor, and the values
// read back as the record.
pub(crate) mod record_forms;

#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod tests;
pub use runtime::event_loop::{self, Ended, run};

#[cfg(test)]
mod testutil;
