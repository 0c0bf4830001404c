//! The help's update: while the popup is up, keys scroll it (the keys or
//! the recent messages) and the help, back and quit keys close it.

use crossterm::event::KeyEvent;

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Mode;

impl App {
    /// A key while the help (or the message log) is up.
    pub(crate) fn help_key(&mut self, key: &KeyEvent) {
        let Some(mut help) = self.help.take() else {
            return;
        };
        match self.keymap.lookup(Mode::Help, key) {
            Some(Action::Back | Action::Help | Action::Quit) => {}
            Some(a) if help.log => {
                help.scroll_log(a, self.messages.len());
                self.help = Some(help);
            }
            Some(a) => {
                help.apply(a, &self.keymap, self.size);
                self.help = Some(help);
            }
            None => self.help = Some(help),
        }
    }
}
