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
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| E::from(e.error))?;
    Ok(())
}

/// Writes `bytes` to `path`, whole or not at all.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    replace(path, |tmp| {
        std::fs::OpenOptions::new()
            .write(true)
            .open(tmp)?
            .write_all(bytes)
    })
}
