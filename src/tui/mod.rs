//! Terminal user interface building blocks: actions and keymaps, themes,
//! terminal setup and restore, fuzzy filtering, the form editor and help.
//! The application loop and screens are built on top of these.

pub mod action;
pub mod filter;
pub mod form;
pub mod help;
pub mod keymap;
pub mod terminal;
pub mod theme;
pub mod warning;

#[cfg(test)]
mod testutil;
