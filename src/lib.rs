//! teichaku (定着): case management for 就労定着支援.
#![forbid(unsafe_code)]

pub mod dates;
pub mod model;
pub mod store;
pub mod text;
