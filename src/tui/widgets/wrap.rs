//! Text wrapped for a pane or a box: by display width, so Japanese never
//! runs past the edge, its own line breaks kept and everything sanitized
//! for display.

use crate::text;

/// Split `s` into lines of at most `width` columns (its own line breaks
/// kept; sanitized for display).
pub(crate) fn wrap(s: &str, width: usize) -> Vec<String> {
    if width == 0 {
        return Vec::new();
    }
    s.split('\n')
        .flat_map(|para| text::wrap(&text::for_display(para), width))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_wraps_by_display_width_never_past_the_edge() {
        let lines = wrap("就労定着支援の利用意向の確認を行う", 10);
        assert!(lines.iter().all(|l| text::width(l) <= 10), "{lines:?}");
        assert_eq!(lines[0], "就労定着支");
        assert_eq!(lines.concat(), "就労定着支援の利用意向の確認を行う");
    }

    #[test]
    fn line_breaks_in_a_summary_are_kept_and_controls_removed() {
        let lines = wrap("一行目\n二行目\u{1b}[31m赤", 20);
        assert_eq!(lines, vec!["一行目", "二行目赤"]);
    }
}
