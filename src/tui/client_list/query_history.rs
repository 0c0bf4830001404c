//! The searches typed before, newest last: `/` opens an empty search and
//! the earlier ones are a key away (as a shell's history is), so a search
//! is never typed onto the previous one by accident and never lost.

/// How many searches are kept (a day's worth of looking people up).
const KEEP: usize = 50;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct QueryHistory {
    past: Vec<String>,
    /// While stepping through: the index shown, and what was typed before
    /// the first step (given back when stepping past the newest).
    at: Option<(usize, String)>,
}

impl QueryHistory {
    /// Keep `query` (not blank; once, as the newest) and stop stepping.
    pub(crate) fn remember(&mut self, query: &str) {
        self.at = None;
        let q = query.trim();
        if q.is_empty() {
            return;
        }
        self.past.retain(|p| p != q);
        self.past.push(q.to_string());
        if self.past.len() > KEEP {
            self.past.remove(0);
        }
    }

    /// Typing again starts from the newest.
    pub(crate) fn reset(&mut self) {
        self.at = None;
    }

    /// One search further back than the one shown (`typed`: the query in
    /// the box now); `None` at the oldest.
    pub(crate) fn older(&mut self, typed: &str) -> Option<String> {
        let next = match &self.at {
            None => self.past.len().checked_sub(1)?,
            Some((i, _)) => i.checked_sub(1)?,
        };
        let kept = match self.at.take() {
            Some((_, kept)) => kept,
            None => typed.to_string(),
        };
        self.at = Some((next, kept));
        self.past.get(next).cloned()
    }

    /// One search nearer; past the newest, what was typed before stepping.
    pub(crate) fn newer(&mut self) -> Option<String> {
        let (i, kept) = self.at.take()?;
        if i + 1 < self.past.len() {
            self.at = Some((i + 1, kept));
            self.past.get(i + 1).cloned()
        } else {
            Some(kept)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_back_and_forth_and_gives_back_what_was_typed() {
        let mut h = QueryHistory::default();
        assert_eq!(h.older(""), None, "nothing yet");
        h.remember("yamada osamu");
        h.remember("  ");
        h.remember("D00170");
        h.remember("yamada osamu"); // once, as the newest
        assert_eq!(h.older("やま").as_deref(), Some("yamada osamu"));
        assert_eq!(h.older("").as_deref(), Some("D00170"));
        assert_eq!(h.older(""), None, "the oldest");
        assert_eq!(h.newer().as_deref(), Some("yamada osamu"));
        assert_eq!(h.newer().as_deref(), Some("やま"), "what was typed");
        assert_eq!(h.newer(), None);
    }

    #[test]
    fn keeps_the_latest_fifty() {
        let mut h = QueryHistory::default();
        for i in 0..60 {
            h.remember(&format!("q{i}"));
        }
        let mut seen = Vec::new();
        while let Some(q) = h.older("") {
            seen.push(q);
        }
        assert_eq!(seen.len(), KEEP);
        assert_eq!(seen.first().map(String::as_str), Some("q59"));
        assert_eq!(seen.last().map(String::as_str), Some("q10"));
    }
}
