//! The note search's update: `/` in the timeline opens it, each key
//! changes the word, and the cursor moves to each hit as it is typed.
//! The question and the count stand in the message line.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::NoteSearch;
use crate::tui::action::Action;
use crate::tui::app::{App, Message, MessageKind};
use crate::tui::keymap::Mode;
use crate::tui::note_search;
use crate::tui::widgets::layout::Pane;

impl App {
    pub(crate) fn open_note_search(&mut self) {
        let before = self.timeline.as_ref().and_then(|t| t.selected_key());
        self.focus = Pane::Timeline;
        self.note_search = Some(NoteSearch {
            before,
            ..NoteSearch::default()
        });
        self.show_note_search();
    }

    /// Keys while searching: text goes into the word; the filter mode's
    /// keys confirm, go back, or step through the hits.
    pub(crate) fn note_search_key(&mut self, key: &KeyEvent) {
        let Some(mut s) = self.note_search.take() else {
            return;
        };
        let n = s.hits.len();
        match self.keymap.lookup(Mode::Filter, key) {
            Some(Action::Enter) => {
                self.message = (n == 0 && !s.query.is_empty()).then(|| Message {
                    text: format!(
                        "「{}」を含む記録はありません",
                        crate::text::for_display(&s.query)
                    ),
                    kind: MessageKind::Info,
                });
                return;
            }
            Some(Action::Back) => {
                if let (Some(t), Some(k)) = (&mut self.timeline, &s.before) {
                    t.select_key(k);
                }
                self.sync_scroll();
                return;
            }
            Some(Action::Down) if n > 0 => s.at = (s.at + 1) % n,
            Some(Action::Up) if n > 0 => s.at = (s.at + n - 1) % n,
            Some(_) => {}
            None => {
                let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
                match key.code {
                    KeyCode::Backspace => {
                        s.query.pop();
                    }
                    KeyCode::Char('u') if ctrl => s.query.clear(),
                    KeyCode::Char(c) if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) => {
                        s.query.push(c)
                    }
                    _ => {}
                }
                s.hits = self
                    .timeline
                    .as_ref()
                    .map(|t| note_search::find(&t.client, &t.records, &s.query))
                    .unwrap_or_default();
                s.at = 0;
            }
        }
        if let (Some(t), Some(k)) = (&mut self.timeline, s.hits.get(s.at)) {
            t.select_key(k);
            self.detail_scroll = 0;
        }
        self.note_search = Some(s);
        self.sync_scroll();
        self.show_note_search();
    }

    /// The search line: the word, which hit of how many, and the keys.
    fn show_note_search(&mut self) {
        let Some(s) = &self.note_search else { return };
        let key = |a: Action| {
            self.keymap
                .keys_for(Mode::Filter, a)
                .first()
                .map(|k| k.to_string())
                .unwrap_or_default()
        };
        let count = match s.hits.len() {
            0 if s.query.trim().is_empty() => String::new(),
            0 => "  見つかりません".to_string(),
            n => format!("  {}/{n}件", s.at + 1),
        };
        self.message = Some(Message {
            text: format!(
                "記録を検索: {}{count}  {}{} 前後 {} 決定 {} 戻る",
                crate::text::for_display(&s.query),
                key(Action::Up),
                key(Action::Down),
                key(Action::Enter),
                key(Action::Back),
            ),
            kind: MessageKind::Info,
        });
    }
}
