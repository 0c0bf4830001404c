//! Taking over the terminal and always giving it back.
//!
//! The terminal is restored when the `Tui` guard is dropped, when the
//! program panics (the hook restores before the message is printed, so it
//! is readable), and when SIGTERM or SIGHUP arrives (a dropped SSH
//! connection sends SIGHUP): the signal only sets a flag, the event loop
//! sees it through `shutdown_signal`, and leaves cleanly; the program then
//! exits with 128 + the signal's number, as a shell reports a program a
//! signal ended. A second signal ends the process at once in case the loop
//! is stuck.
//!
//! Every frame is drawn inside a synchronized update so slow SSH links
//! show whole frames, never half-drawn ones.
//!
//! The mouse is the terminal's unless `TEICHAKU_MOUSE=1` asks for clicks:
//! while a program takes the mouse, dragging no longer selects text
//! (Shift-drag still does in most terminals, Option-drag on a Mac) and a
//! middle or right click no longer pastes. Copying a phone number out of
//! the screen and pasting a mail into a form matter more than clicking a
//! field, so clicks are asked for only by those who want them, and then
//! only presses (mode 1000, SGR-encoded), never motion.

use std::io::{self, Stdout, Write};
use std::mem::ManuallyDrop;
use std::sync::Arc;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crossterm::cursor::{Hide, Show};
use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::style::Print;
use crossterm::terminal::{
    self, BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen,
    LeaveAlternateScreen,
};
use crossterm::{execute, queue};
use ratatui::backend::CrosstermBackend;
use ratatui::{Frame, Terminal};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};

/// Whether the terminal is currently taken over, so the panic hook only
/// restores a terminal that needs it (a CLI command that panics must not
/// print escape sequences into a pipe).
static ACTIVE: AtomicBool = AtomicBool::new(false);
static PANIC_HOOK: Once = Once::new();

/// Why the session must end, from outside the program: the signal that
/// arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Shutdown(i32);

impl Shutdown {
    /// SIGHUP: the terminal went away (SSH connection dropped); nothing
    /// more can be said on it.
    pub(crate) fn hung_up(self) -> bool {
        self.0 == SIGHUP
    }

    /// The signal's name, for the message after the screen is given back.
    pub(crate) fn name(self) -> &'static str {
        match self.0 {
            SIGHUP => "SIGHUP",
            SIGINT => "SIGINT",
            SIGQUIT => "SIGQUIT",
            _ => "SIGTERM",
        }
    }

    /// The exit status a shell expects of a program a signal ended:
    /// 128 + its number (143 for SIGTERM, 129 for SIGHUP), so a service
    /// manager or a script can tell it from a `q` (0) or an error (1).
    pub(crate) fn exit_status(self) -> u8 {
        u8::try_from(128 + self.0).unwrap_or(u8::MAX)
    }
}

/// Set by the signal handlers; read by the event loop.
#[derive(Debug, Clone)]
pub(crate) struct ShutdownSignal {
    signal: Arc<AtomicUsize>,
}

impl ShutdownSignal {
    /// Catch SIGTERM and SIGHUP, and SIGINT and SIGQUIT (a `kill -INT`, or
    /// a terminal that still sends them): like SIGTERM, the open form is kept
    /// as a draft and the terminal restored. The first one sets the flag; a
    /// second one exits immediately (status 128 + its number, the terminal
    /// left as it is: the loop is stuck).
    pub(crate) fn register() -> io::Result<ShutdownSignal> {
        let signal = Arc::new(AtomicUsize::new(0));
        let seen = Arc::new(AtomicBool::new(false));
        for sig in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
            // Order matters: the conditional exit checks `seen` before this
            // signal sets it, so only a second signal exits.
            signal_hook::flag::register_conditional_shutdown(sig, 128 + sig, Arc::clone(&seen))?;
            signal_hook::flag::register(sig, Arc::clone(&seen))?;
            signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)?;
        }
        Ok(ShutdownSignal { signal })
    }

    /// The signal that arrived, if any.
    pub(crate) fn requested(&self) -> Option<Shutdown> {
        match self.signal.load(Ordering::SeqCst) {
            0 => None,
            s => Some(Shutdown(i32::try_from(s).unwrap_or(SIGTERM))),
        }
    }
}

pub(crate) type Backend = CrosstermBackend<Stdout>;

/// The terminal, taken over for the session. Dropping it gives it back.
pub(crate) struct Tui {
    /// Never dropped: ratatui's drop shows a hidden cursor again and, when
    /// that fails, says so with `eprintln!`, which panics when stderr is
    /// the terminal that hung up (the program then ended with status 101).
    /// `suspend` shows the cursor already, and the one `Tui` lasts until
    /// the program ends.
    terminal: ManuallyDrop<Terminal<Backend>>,
    shutdown: ShutdownSignal,
    active: bool,
    /// Clicks reported (`mouse_wanted`).
    mouse: bool,
}

/// Clicks only (1000), reported in the SGR encoding (1006).
const MOUSE_ON: &str = "\u{1b}[?1000h\u{1b}[?1006h";
const MOUSE_OFF: &str = "\u{1b}[?1006l\u{1b}[?1000l";

/// Whether the person asked for clicks: `TEICHAKU_MOUSE=1`.
pub(crate) fn mouse_wanted() -> bool {
    std::env::var_os("TEICHAKU_MOUSE").is_some_and(|v| v == "1")
}

impl Tui {
    /// Raw mode, alternate screen, bracketed paste, cursor hidden, clicks
    /// reported when `mouse`; panic hook and signal handlers installed.
    pub(crate) fn enter(mouse: bool) -> io::Result<Tui> {
        install_panic_hook();
        let shutdown = ShutdownSignal::register()?;
        let terminal = ManuallyDrop::new(Terminal::new(CrosstermBackend::new(io::stdout()))?);
        let mut tui = Tui {
            terminal,
            shutdown,
            active: false,
            mouse,
        };
        tui.resume()?;
        Ok(tui)
    }

    /// Take the terminal (again), e.g. after `suspend` for an editor.
    pub(crate) fn resume(&mut self) -> io::Result<()> {
        terminal::enable_raw_mode()?;
        self.active = true;
        ACTIVE.store(true, Ordering::SeqCst);
        write_enter(self.terminal.backend_mut(), self.mouse)?;
        self.terminal.clear()
    }

    /// Give the terminal back. Safe to call more than once.
    pub(crate) fn suspend(&mut self) -> io::Result<()> {
        if !self.active {
            return Ok(());
        }
        self.active = false;
        ACTIVE.store(false, Ordering::SeqCst);
        // Try every step even if one fails (the terminal may be gone).
        let written = write_leave(self.terminal.backend_mut());
        let raw = terminal::disable_raw_mode();
        written.and(raw)
    }

    /// Draw one frame as a single synchronized update.
    pub(crate) fn draw(&mut self, render: impl FnOnce(&mut Frame)) -> io::Result<()> {
        queue!(self.terminal.backend_mut(), BeginSynchronizedUpdate)?;
        let drawn = self.terminal.draw(render).map(|_| ());
        let ended = execute!(self.terminal.backend_mut(), EndSynchronizedUpdate);
        drawn.and(ended)
    }

    pub(crate) fn shutdown_signal(&self) -> &ShutdownSignal {
        &self.shutdown
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        // Nothing useful can be done with an error here; the terminal may
        // already be gone (SIGHUP).
        let _ = self.suspend();
    }
}

/// Sequences that take over the screen.
fn write_enter(w: &mut impl Write, mouse: bool) -> io::Result<()> {
    execute!(w, EnterAlternateScreen, EnableBracketedPaste, Hide)?;
    if mouse {
        execute!(w, Print(MOUSE_ON))?;
    }
    Ok(())
}

/// Sequences that give the screen back. Ends a synchronized update too, in
/// case a panic interrupted a frame.
fn write_leave(w: &mut impl Write) -> io::Result<()> {
    // Clicks off whether or not they were on: harmless when they were not.
    execute!(
        w,
        EndSynchronizedUpdate,
        Print(MOUSE_OFF),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        Show
    )
}

/// Restore the terminal if a `Tui` has it. Best effort: used on panic.
pub(crate) fn restore() -> io::Result<()> {
    restore_to(&mut io::stdout())
}

fn restore_to(w: &mut impl Write) -> io::Result<()> {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return Ok(());
    }
    let written = write_leave(w);
    let raw = terminal::disable_raw_mode();
    written.and(raw)
}

/// Restore the terminal before the panic message is printed, so the
/// message lands on the normal screen where it can be read.
pub(crate) fn install_panic_hook() {
    PANIC_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = restore();
            previous(info);
        }));
    });
}

/// This terminal's id for draft keys, from the environment: the tmux pane
/// (with its server's socket), else the tty of stdin, else the process.
pub(crate) fn terminal_id() -> String {
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let tty = nix::unistd::ttyname(std::io::stdin())
        .ok()
        .map(|p| p.display().to_string());
    crate::tui::drafts::key::terminal_id(
        var("TMUX").as_deref(),
        var("TMUX_PANE").as_deref(),
        tty.as_deref(),
        std::process::id(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: Vec<u8>) -> String {
        String::from_utf8(bytes).expect("escape sequences are ASCII")
    }

    #[test]
    fn entering_uses_alternate_screen_bracketed_paste_and_hides_the_cursor() {
        let mut out = Vec::new();
        write_enter(&mut out, false).expect("write to a Vec");
        let s = text(out);
        assert!(s.contains("\u{1b}[?1049h"), "{s:?}");
        assert!(s.contains("\u{1b}[?2004h"), "{s:?}");
        assert!(s.contains("\u{1b}[?25l"), "{s:?}");
        // The mouse stays the terminal's: selecting and pasting work.
        assert!(!s.contains("\u{1b}[?100"), "{s:?}");
    }

    #[test]
    fn clicks_asked_for_are_presses_only_and_leaving_gives_the_mouse_back() {
        let mut out = Vec::new();
        write_enter(&mut out, true).expect("write to a Vec");
        let s = text(out);
        assert!(s.contains("\u{1b}[?1000h"), "{s:?}");
        assert!(s.contains("\u{1b}[?1006h"), "{s:?}");
        // No drag (1002) or motion (1003) reports: no flood over SSH.
        assert!(!s.contains("\u{1b}[?1002h") && !s.contains("\u{1b}[?1003h"));
        let mut out = Vec::new();
        write_leave(&mut out).expect("write to a Vec");
        let s = text(out);
        assert!(s.contains("\u{1b}[?1000l"), "{s:?}");
    }

    #[test]
    fn leaving_undoes_everything_entering_did_and_ends_a_cut_off_frame() {
        let mut out = Vec::new();
        write_leave(&mut out).expect("write to a Vec");
        let s = text(out);
        for seq in [
            "\u{1b}[?1049l",
            "\u{1b}[?2004l",
            "\u{1b}[?25h",
            "\u{1b}[?2026l",
        ] {
            assert!(s.contains(seq), "missing {seq:?} in {s:?}");
        }
    }

    #[test]
    fn restore_writes_nothing_when_no_tui_has_the_terminal() {
        let mut out = Vec::new();
        restore_to(&mut out).expect("nothing to fail");
        assert!(out.is_empty());
    }

    #[test]
    fn each_signal_ends_with_128_plus_its_number() {
        let status = |sig| Shutdown(sig).exit_status();
        assert_eq!(status(SIGTERM), 143);
        assert_eq!(status(SIGHUP), 129);
        assert_eq!(status(SIGINT), 130);
        assert_eq!(status(SIGQUIT), 131);
        assert!(!Shutdown(SIGTERM).hung_up());
        assert_eq!(Shutdown(SIGINT).name(), "SIGINT");
    }

    #[test]
    fn sighup_from_a_dropped_ssh_connection_asks_the_loop_to_leave() {
        let signal = ShutdownSignal::register().expect("register handlers");
        assert_eq!(signal.requested(), None);
        // Only one signal in the whole test binary: a second would exit.
        signal_hook::low_level::raise(SIGHUP).expect("raise");
        let got = signal.requested().expect("the hang-up");
        assert!(got.hung_up());
        assert_eq!(got.exit_status(), 129);
    }
}
