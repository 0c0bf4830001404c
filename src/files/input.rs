//! Reading a file the user names (a file to import): a regular file only,
//! never more than a limit. A FIFO or a device (`/dev/zero`) is refused by
//! its metadata before it is opened, so nothing waits on a writer or reads
//! for ever; the read itself stops one byte past the limit, so a file that
//! grows while it is read cannot take the memory either.

use std::fs::{self, OpenOptions};
use std::io::{ErrorKind, Read};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// The bytes of the regular file at `path` (a symlink to one is followed:
/// it is read as the user), at most `limit` of them. Errors name the file
/// and say what it is; the caller says what was not done.
pub(crate) fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    // Setgid: a file the user could not read themselves is not read for them.
    let _user = crate::privilege::as_user()?;
    let shown = crate::text::for_display(&path.display().to_string()).into_owned();
    let opened = |e: std::io::Error| match e.kind() {
        ErrorKind::NotFound => format!("{shown} がありません"),
        ErrorKind::PermissionDenied => format!("{shown} を読む権限がありません（{e}）"),
        _ => format!("{shown} を読めません（{e}）"),
    };
    let meta = fs::metadata(path).map_err(opened)?;
    refuse_kind(&meta, &shown, limit)?;
    // Opened without blocking: replaced by a FIFO meanwhile, it is seen
    // below (the open handle's metadata), not waited on.
    let f = OpenOptions::new()
        .read(true)
        .custom_flags(nix::libc::O_NONBLOCK | nix::libc::O_NOCTTY)
        .open(path)
        .map_err(opened)?;
    let meta = f.metadata().map_err(opened)?;
    refuse_kind(&meta, &shown, limit)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    f.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(opened)?;
    if bytes.len() as u64 > limit {
        return Err(too_big(&shown, limit));
    }
    Ok(bytes)
}

fn refuse_kind(meta: &fs::Metadata, shown: &str, limit: u64) -> Result<(), String> {
    if !meta.is_file() {
        return Err(format!(
            "{shown} は{}です。読めるのは通常のファイルだけです",
            super::kind_of(meta.file_type())
        ));
    }
    if meta.len() > limit {
        return Err(too_big(shown, limit));
    }
    Ok(())
}

fn too_big(shown: &str, limit: u64) -> String {
    format!(
        "{shown} は大きすぎます（上限 {} MiB）。ファイルを確かめてください（分けて取り込むこともできます）",
        limit >> 20
    )
}
