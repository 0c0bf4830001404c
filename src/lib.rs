//! teichaku (定着): case management for 就労定着支援.
#![forbid(unsafe_code)]

pub mod cli;
pub mod date_input;
pub mod dates;
pub mod demo;
pub mod export;
pub mod forms;
pub mod interchange;
pub mod model;
pub mod obligations;
pub mod paths;
pub mod store;
pub mod text;
pub mod tui;
pub mod usecases;
pub mod validate;
pub mod wareki;
