//! The one place the command line writes to stdout and stderr. Output
//! that cannot be written (a full disk, `> /dev/full`) is an error like
//! any other: a message on stderr and exit status 1 — never a panic, never
//! silence. A pipe whose reader has gone (`teichaku due | head -1`) is
//! the reader saying it has enough: the program ends quietly, with the
//! status a shell shows for any program so stopped (`READER_GONE`).

use std::fmt::Display;
use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use super::CliError;
use crate::text::for_terminal;

/// Writes `text` and a newline to stdout (made safe for a terminal).
pub(crate) fn line(text: impl Display) -> Result<(), CliError> {
    let text = text.to_string();
    let mut out = io::stdout().lock();
    writeln!(out, "{}", for_terminal(&text))
        .and_then(|_| out.flush())
        .map_err(write_error)
}

/// Writes `text` without a newline (a question before the answer).
pub(crate) fn prompt(text: &str) -> Result<(), CliError> {
    let mut out = io::stdout().lock();
    write!(out, "{text}")
        .and_then(|_| out.flush())
        .map_err(write_error)
}

/// Writes `bytes` to stdout as they are.
pub(crate) fn bytes(bytes: &[u8]) -> Result<(), CliError> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)
        .and_then(|_| out.flush())
        .map_err(write_error)
}

/// Runs `f` with a buffered stdout and flushes it.
pub(crate) fn with_stdout(
    f: impl FnOnce(&mut io::BufWriter<io::StdoutLock<'static>>) -> io::Result<()>,
) -> Result<(), CliError> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    f(&mut out).and_then(|_| out.flush()).map_err(write_error)
}

/// Writes `text` and a newline to stderr (made safe for a terminal); a
/// closed stderr is ignored (there is nowhere left to say so; the exit
/// status still tells).
pub(crate) fn warn(text: impl Display) {
    let text = text.to_string();
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{}", for_terminal(&text));
}

/// Exit status when stdout's reader has gone: 128 + SIGPIPE (13), what a
/// shell reports for `yes | head -1`'s `yes`.
const READER_GONE: u8 = 141;

/// Set when a write to stdout found its reader gone.
static GONE: AtomicBool = AtomicBool::new(false);

/// Whether stdout's reader has gone: the command's error is then not
/// worth a message (nobody asked for more).
pub(crate) fn reader_gone() -> bool {
    GONE.load(Ordering::Relaxed)
}

/// How a command that met an error ends: quietly when stdout's reader
/// has gone, else with the message on stderr and status 1.
pub(crate) fn fail(message: &str) -> ExitCode {
    if reader_gone() {
        return ExitCode::from(READER_GONE);
    }
    warn(format_args!("エラー: {message}"));
    ExitCode::FAILURE
}

/// How printing clap's help or version ended.
pub(crate) fn printed(result: io::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&write_error(e).0),
    }
}

fn write_error(e: io::Error) -> CliError {
    if e.kind() == io::ErrorKind::BrokenPipe {
        GONE.store(true, Ordering::Relaxed);
        CliError("出力先が閉じられたため、最後まで出力しませんでした。".into())
    } else {
        // "No space left on device (os error 28)": the words are enough.
        let why = e.to_string();
        let why = why.split(" (os error").next().unwrap_or(&why);
        CliError(format!(
            "出力を書き込めませんでした（{why}）。出力は途中までか、まったく出ていません。出力先（ディスクの空きなど）を確かめてください。"
        ))
    }
}
