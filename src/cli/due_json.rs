//! `due --format json`: one object per line inside the array. A whole
//! office is tens of MB, so it is encoded in chunks of rows that alternate
//! between this thread and a helper: the helper's chunk is encoded while
//! this thread's is written, and at most one finished chunk waits, so the
//! text is never held whole.

use std::io::Write;
use std::sync::mpsc;

use super::due::Row;
use crate::text;

/// Below this many rows one thread is quicker than two.
const PARALLEL_FROM: usize = 2000;
/// Rows per chunk.
const CHUNK: usize = 1024;

pub(super) fn write(out: &mut impl Write, rows: &[Row]) -> std::io::Result<()> {
    out.write_all(b"[")?;
    if rows.len() < PARALLEL_FROM {
        self::rows(out, rows, false)?;
    } else {
        let chunks: Vec<&[Row]> = rows.chunks(CHUNK).collect();
        std::thread::scope(|sc| {
            let (done, finished) = mpsc::sync_channel::<std::io::Result<Vec<u8>>>(1);
            let theirs: Vec<&[Row]> = chunks.iter().skip(1).step_by(2).copied().collect();
            let helper = sc.spawn(move || {
                for chunk in theirs {
                    let mut buf = Vec::with_capacity(chunk.len() * 512);
                    let encoded = self::rows(&mut buf, chunk, true).map(|()| buf);
                    // This thread stopped (an error writing): so does the helper.
                    if done.send(encoded).is_err() {
                        break;
                    }
                }
            });
            let written = chunks.iter().enumerate().try_for_each(|(i, chunk)| {
                if i % 2 == 0 {
                    self::rows(out, chunk, i > 0)
                } else {
                    let buf = finished
                        .recv()
                        .map_err(|_| std::io::Error::other("JSON を作れません"))??;
                    out.write_all(&buf)
                }
            });
            drop(finished);
            let joined = helper
                .join()
                .map_err(|_| std::io::Error::other("JSON を作れません"));
            written.and(joined)
        })?;
    }
    out.write_all(b"\n]\n")
}

/// Rows as JSON objects, one per line, each after a comma except the very
/// first of the array (`after_first`: these rows follow others).
pub(super) fn rows(out: &mut impl Write, rows: &[Row], after_first: bool) -> std::io::Result<()> {
    for (i, r) in rows.iter().enumerate() {
        out.write_all(if i == 0 && !after_first {
            b"\n"
        } else {
            b",\n"
        })?;
        let json = serde_json::to_string(r).map_err(std::io::Error::other)?;
        out.write_all(text::json_safe(&json).as_bytes())?;
    }
    Ok(())
}
