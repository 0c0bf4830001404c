//! The one place the command line writes to stdout and stderr. A closed
//! pipe (`| head -0`, `| true`) or a full disk is an error like any other:
//! a message on stderr when it can still be written, and exit status 1 —
//! never a panic.

use std::fmt::Display;
use std::io::{self, Write};

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

fn write_error(e: io::Error) -> CliError {
    if e.kind() == io::ErrorKind::BrokenPipe {
        CliError("出力先が閉じられたため、最後まで出力できませんでした。".into())
    } else {
        CliError(format!("出力できません: {e}"))
    }
}
