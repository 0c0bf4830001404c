//! `undo`: the login's own last change taken back (the loop writes it
//! through the operation module, as the shell's `undo` does), and what the
//! store answered.

use super::{App, Effect};

impl App {
    /// The answer to `undo`: what was taken back, then everyone read again
    /// (the change may be on any client).
    pub(crate) fn undone(&mut self, result: Result<crate::operation::Undone, String>) {
        match result {
            Ok(u) => {
                self.push(Effect::Reload);
                let what: Vec<String> = u
                    .summaries
                    .iter()
                    .map(|s| crate::text::for_display(s).into_owned())
                    .collect();
                self.info(format!("取り消しました: {}", what.join("、")));
            }
            Err(e) => self.error(format!("取り消せませんでした: {e}")),
        }
    }
}
