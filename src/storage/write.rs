//! Replacing a file so that its path always holds the old bytes or the new ones, never part of
//! either.
//!
//! The new bytes go to a temporary file with a unique name in the same folder, created readable by
//! its owner only and synced; then it takes the old file's permissions (never world-readable) and
//! group, and is renamed over the old one; then the folder is synced. A path that is a symbolic
//! link is written through: the file it names is replaced and the link stays a link.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// How many symbolic links are followed before giving up (as the operating system does).
const MAX_LINKS: usize = 40;

/// The file a path finally names, following symbolic links (which may be dangling: the file they
/// name need not exist yet). A path that is not a link is returned as it is.
pub fn resolve(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_owned();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&current)?;
                current = if target.is_absolute() {
                    target
                } else {
                    parent_of(&current).join(target)
                };
            }
            Ok(_) => return Ok(current),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(current),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(format!(
        "{} goes through more than {MAX_LINKS} symbolic links",
        path.display()
    )))
}

/// The folder a file is in (`.` for a bare name).
pub(crate) fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// The file's name as text (lossy), for building names beside it.
pub(crate) fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The prefix of every temporary file written for `target` (hidden, beside it).
pub(crate) fn temp_prefix(target: &Path) -> String {
    format!(".{}.tmp-", name_of(target))
}

/// Creates a new temporary file beside `target`, with a name no other writer can share (this
/// process's id and a random part), readable and writable by its owner only.
fn create_temp(target: &Path) -> io::Result<(PathBuf, File)> {
    let dir = parent_of(target);
    let prefix = temp_prefix(target);
    let mut last_error = None;
    for _ in 0..8 {
        let random = uuid::Uuid::new_v4().simple().to_string();
        let path = dir.join(format!("{prefix}{}-{}", std::process::id(), &random[..12]));
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        match options.open(&path) {
            Ok(file) => return Ok((path, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last_error = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last_error.unwrap_or_else(|| io::Error::other("no free temporary file name")))
}

/// Gives the new file the permissions of the file it replaces, less any access for others, and its
/// group; a file with nothing to replace stays readable by its owner only. Where the group cannot
/// be carried, the group loses access too, so a save never widens who can read the plan.
fn carry_permissions(file: &File, replaced: Option<&fs::Metadata>) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let mode = match replaced {
            None => 0o600,
            Some(old) => {
                let mut mode = old.mode() & 0o770;
                let ours = file.metadata()?;
                if ours.gid() != old.gid()
                    && std::os::unix::fs::fchown(file, None, Some(old.gid())).is_err()
                {
                    mode &= 0o700;
                }
                mode
            }
        };
        file.set_permissions(fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    {
        let _ = (file, replaced);
    }
    Ok(())
}

/// Syncs a folder so a rename in it survives a power cut (best effort: not every platform can).
pub(crate) fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Replaces the file at `path` (through any symbolic link) with `bytes`. `before_rename` runs once
/// the new bytes are safely on disk and before they replace the old file (a save keeps its backup
/// there). Returns the file actually written.
pub(crate) fn replace(
    path: &Path,
    bytes: &[u8],
    before_rename: impl FnOnce(&Path) -> io::Result<()>,
) -> io::Result<PathBuf> {
    replace_pieces(path, &[bytes], before_rename)
}

/// [`replace`] with the new bytes given as pieces, written one after another (a large plan's text
/// is never copied into one buffer).
pub(crate) fn replace_pieces(
    path: &Path,
    pieces: &[&[u8]],
    before_rename: impl FnOnce(&Path) -> io::Result<()>,
) -> io::Result<PathBuf> {
    let target = resolve(path)?;
    let replaced = match fs::metadata(&target) {
        Ok(meta) if meta.is_dir() => {
            return Err(io::Error::other(format!(
                "{} is a folder, not a file",
                target.display()
            )));
        }
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let (tmp, mut file) = create_temp(&target)?;
    let result = (|| {
        for piece in pieces {
            file.write_all(piece)?;
        }
        carry_permissions(&file, replaced.as_ref())?;
        file.sync_all()?;
        drop(file);
        before_rename(&target)?;
        fs::rename(&tmp, &target)?;
        sync_dir(parent_of(&target));
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map(|()| target)
}

/// Removes temporary files left beside `target` by saves that were interrupted (a crash, a power
/// cut). Only called while holding the plan's lock, when no other save of it can be under way. Also
/// removes the names earlier versions used (`NAME.tmp-PID`, `NAME.bak.tmp`).
pub(crate) fn tidy_temps(target: &Path) {
    let name = name_of(target);
    let ours = temp_prefix(target);
    let legacy = format!("{name}.tmp-");
    let legacy_backup = format!("{name}.bak.tmp");
    let Ok(entries) = fs::read_dir(parent_of(target)) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let file = entry.file_name().to_string_lossy().into_owned();
        let stale = file.starts_with(&ours)
            || (file.starts_with(&legacy)
                && file[legacy.len()..].chars().all(|c| c.is_ascii_digit()))
            || file == legacy_backup;
        if stale && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}
