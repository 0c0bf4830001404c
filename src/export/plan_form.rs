//! 別紙様式2（就労定着支援計画書）: printed as label and value lines until
//! its own layout is here.

use super::grid::Grid;
use crate::forms::{FormDef, Values};

pub(crate) fn grid(_def: &FormDef, _subtitle: &str, _v: &Values) -> Option<Grid> {
    None
}
