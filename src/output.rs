//! Outputs written whole or not at all: a temporary file beside the destination, filled,
//! then renamed into place. Every file weijian writes goes through here.

use std::io::Write;
use std::path::Path;

/// Fills a temporary file beside `path` with `fill` (given the temporary file's path) and
/// renames it to `path`. On any failure the destination is untouched and the temporary file
/// removed. The file gets the permissions of an ordinary new file (tempfile makes them
/// private).
pub fn replace<E: From<std::io::Error>>(
    path: &Path,
    fill: impl FnOnce(&Path) -> Result<(), E>,
) -> Result<(), E> {
    replace_with(path, true, fill)
}

fn replace_with<E: From<std::io::Error>>(
    path: &Path,
    sync: bool,
    fill: impl FnOnce(&Path) -> Result<(), E>,
) -> Result<(), E> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = tempfile::Builder::new()
        .prefix(".weijian-")
        .tempfile_in(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    fill(tmp.path())?;
    if sync {
        tmp.as_file().sync_all()?;
    }
    tmp.persist(path).map_err(|e| E::from(e.error))?;
    Ok(())
}

/// Writes `bytes` to `path`, whole or not at all.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_with(path, bytes, true)
}

/// Writes `bytes` to `path`, whole or not at all, without waiting for the disk before the
/// rename: no reader ever sees half a file, but after a power cut the file may be empty.
/// For batches of thousands of files, where the wait costs more than the conversion
/// (2 ms a file measured, docs/performance.md).
pub fn write_unsynced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_with(path, bytes, false)
}

fn write_with(path: &Path, bytes: &[u8], sync: bool) -> std::io::Result<()> {
    replace_with(path, sync, |tmp| {
        std::fs::OpenOptions::new()
            .write(true)
            .open(tmp)?
            .write_all(bytes)
    })
}
