//! The lock that lets one writer at a time read, change and save a plan.
//!
//! The lock is the operating system's (`flock` on Unix, `LockFileEx` on Windows) on a side file,
//! `NAME.plan.ron.lock`, which is never renamed or deleted: a lock on the plan itself would be lost
//! when a save renames a new file over it. The operating system releases it when the process ends,
//! however it ends, so a crash never leaves a plan locked. The side file records who holds the lock
//! (user, host, process, command, since when) so that a writer who gives up waiting can say who is
//! in the way.
//!
//! Locks do not cross every network share or sync folder; the editor also checks, under the lock,
//! that the file is still the one it loaded (see `OpenPlan` in the editor).

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::write::{name_of, parent_of, resolve};

/// How long a writer waits for the lock by default.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(10);

/// The lock file beside a plan (through any symbolic link to the plan): `NAME.plan.ron.lock`.
pub fn lock_path(plan: &Path) -> PathBuf {
    let target = resolve(plan).unwrap_or_else(|_| plan.to_owned());
    parent_of(&target).join(format!("{}.lock", name_of(&target)))
}

/// The lock on one plan, held until dropped.
#[derive(Debug)]
pub struct PlanLock {
    file: File,
    path: PathBuf,
    /// Whether the operating system enforces the lock here (some network file systems cannot).
    enforced: bool,
}

/// Why the lock could not be taken.
#[derive(Debug)]
pub enum LockError {
    /// Another writer held it for the whole wait.
    Busy {
        /// The lock file.
        path: PathBuf,
        /// Who holds it, as they recorded it (empty if unknown).
        holder: String,
        /// How long this writer waited.
        waited: Duration,
    },
    /// The lock file could not be created or opened.
    Io {
        /// The lock file.
        path: PathBuf,
        /// The operating system's reason.
        source: io::Error,
    },
}

impl PlanLock {
    /// Whether this lock names `plan`'s lock file.
    pub fn covers(&self, plan: &Path) -> bool {
        lock_path(plan) == self.path
    }

    /// Whether the operating system enforces the lock on this file system. Where it does not, two
    /// writers can still collide; the caller may warn.
    pub fn is_enforced(&self) -> bool {
        self.enforced
    }
}

impl Drop for PlanLock {
    fn drop(&mut self) {
        // Clear the holder's details while still holding the lock; closing the file releases it.
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}

/// Who this process is, as written into the lock file.
fn holder_details() -> String {
    let command: Vec<String> = std::env::args().collect();
    let mut command = command.join(" ");
    if command.len() > 300 {
        command = command.chars().take(300).collect::<String>() + "…";
    }
    format!(
        "user: {}\nhost: {}\nprocess: {}\ncommand: {}\nsince: {}\n",
        crate::device::user_name(),
        crate::device::host_name(),
        std::process::id(),
        command,
        chrono::Utc::now().format("%Y-%m-%d %H:%M:%S UTC")
    )
}

/// Opens the lock file, creating it with the plan's own permissions less any access for others (so
/// a colleague who may write a shared plan may lock it too), or for its owner only beside a new
/// plan. A lock file that cannot be written is opened for reading: the lock works all the same,
/// only the holder's details are not recorded.
fn open_lock_file(path: &Path, plan: &Path) -> io::Result<(File, bool)> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        let mode = std::fs::metadata(plan).map_or(0o600, |m| m.permissions().mode() & 0o660);
        options.mode(mode | 0o600);
    }
    #[cfg(not(unix))]
    let _ = plan;
    match options.open(path) {
        Ok(file) => Ok((file, true)),
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
            File::open(path).map(|file| (file, false))
        }
        Err(e) => Err(e),
    }
}

/// Whether an error says the file system cannot lock at all (as some network shares say), rather
/// than that something is wrong.
fn cannot_lock_here(e: &io::Error) -> bool {
    // ENOLCK (no locks available) is 37 on Linux; it has no `ErrorKind` of its own.
    e.kind() == io::ErrorKind::Unsupported
        || (cfg!(target_os = "linux") && e.raw_os_error() == Some(37))
}

/// Takes the lock on `plan`, waiting up to `wait` for another writer to finish.
pub fn lock(plan: &Path, wait: Duration) -> Result<PlanLock, LockError> {
    let path = lock_path(plan);
    let io_error = |source| LockError::Io {
        path: path.clone(),
        source,
    };
    let (mut file, writable) =
        open_lock_file(&path, &resolve(plan).unwrap_or_else(|_| plan.to_owned()))
            .map_err(io_error)?;
    let started = Instant::now();
    let enforced = loop {
        match file.try_lock() {
            Ok(()) => break true,
            Err(std::fs::TryLockError::WouldBlock) => {
                if started.elapsed() >= wait {
                    let mut holder = String::new();
                    let _ = File::open(&path).and_then(|mut f| f.read_to_string(&mut holder));
                    return Err(LockError::Busy {
                        path,
                        holder: holder.trim().to_owned(),
                        waited: started.elapsed(),
                    });
                }
                std::thread::sleep(Duration::from_millis(25));
            }
            // The file system cannot lock (some network shares): carry on, and say so.
            Err(std::fs::TryLockError::Error(e)) if cannot_lock_here(&e) => break false,
            Err(std::fs::TryLockError::Error(e)) => return Err(io_error(e)),
        }
    };
    if writable {
        let details = holder_details();
        let _ = file
            .set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| file.write_all(details.as_bytes()))
            .and_then(|()| file.flush());
    }
    Ok(PlanLock {
        file,
        path,
        enforced,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_second_writer_waits_then_names_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("p.plan.ron");
        let held = lock(&plan, Duration::ZERO).unwrap();
        assert!(held.covers(&plan));
        assert!(held.is_enforced());
        let Err(LockError::Busy { holder, waited, .. }) = lock(&plan, Duration::from_millis(200))
        else {
            panic!("the second writer got the lock");
        };
        assert!(waited >= Duration::from_millis(200));
        assert!(
            holder.contains(&format!("process: {}", std::process::id())),
            "{holder}"
        );
        assert!(
            holder.contains("user: ") && holder.contains("since: "),
            "{holder}"
        );
        drop(held);
        let again = lock(&plan, Duration::ZERO).unwrap();
        drop(again);
        assert!(lock_path(&plan).exists(), "the lock file is never deleted");
        assert_eq!(std::fs::read_to_string(lock_path(&plan)).unwrap(), "");
    }

    #[cfg(unix)]
    #[test]
    fn the_lock_of_a_linked_plan_is_beside_the_real_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("real")).unwrap();
        let real = dir.path().join("real").join("p.plan.ron");
        std::fs::write(&real, "x").unwrap();
        let link = dir.path().join("link.plan.ron");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert_eq!(
            lock_path(&link),
            dir.path().join("real").join("p.plan.ron.lock")
        );
        let held = lock(&link, Duration::ZERO).unwrap();
        assert!(held.covers(&real));
        assert!(matches!(
            lock(&real, Duration::ZERO),
            Err(LockError::Busy { .. })
        ));
    }
}
