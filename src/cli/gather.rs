//! Every problem of a command at once: what could not be read is noted
//! and a placeholder stands in, so the rule set still sees the rest and
//! the person fixes everything in one go, not in rounds.

use super::CliError;
use crate::validate::Problem;

/// The problems found while reading a command's options.
#[derive(Default)]
pub(super) struct Gather {
    lines: Vec<String>,
    /// The options that could not be read (their values are placeholders).
    unreadable: Vec<&'static str>,
}

impl Gather {
    /// The value `read` gave for `option`, or `None` with its problem kept.
    pub(super) fn take<T>(&mut self, option: &'static str, read: Result<T, CliError>) -> Option<T> {
        match read {
            Ok(v) => Some(v),
            Err(CliError(m)) => {
                self.lines.push(m);
                self.unreadable.push(option);
                None
            }
        }
    }

    /// Nothing so far: the command goes on (the store applies the rules).
    /// Otherwise every problem: those read, then the rule set's `rules` of
    /// the record built with placeholders, each under its option
    /// (`options`: record field → option), leaving out the ones about an
    /// option that could not be read.
    pub(super) fn finish(
        self,
        rules: impl FnOnce() -> Vec<Problem>,
        options: &[(&str, &str)],
    ) -> Result<(), CliError> {
        if self.lines.is_empty() {
            return Ok(());
        }
        let mut lines = self.lines;
        for p in rules() {
            let option = options.iter().find(|(f, _)| *f == p.field).map(|(_, o)| *o);
            match option {
                Some(o) if self.unreadable.contains(&o) => {}
                Some(o) => lines.push(format!("{o}: {}", p.message)),
                None => lines.push(p.message),
            }
        }
        Err(CliError(lines.join("\n")))
    }
}
