//! teichaku (定着): case management for 就労定着支援.
#![forbid(unsafe_code)]

pub mod access;
pub mod cli;
pub mod date_input;
pub mod dates;
pub mod demo;
pub(crate) mod document_forms;
pub(crate) mod export;
pub(crate) mod fields;
pub(crate) mod figures;
pub(crate) mod files;
pub mod interchange;
pub mod model;
pub(crate) mod obligations;
pub mod operation;
pub(crate) mod paths;
pub(crate) mod privilege;
pub mod store;
pub(crate) mod text;
pub(crate) mod trail;
pub mod tui;
pub(crate) mod usecases;
pub(crate) mod validate;
pub mod wareki;
