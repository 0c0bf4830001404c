//! What several screens draw with: where each part of the screen goes for
//! any terminal size (`layout`), the one-key question over the screen
//! (`prompt`), the hint bar at the bottom (`hint_bar`) and text wrapped to
//! a width (`wrap`).

pub(crate) mod hint_bar;
pub(crate) mod layout;
pub(crate) mod prompt;
pub(crate) mod wrap;
