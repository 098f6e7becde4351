//! Saving off the UI thread. A save or a recovery copy is written by a thread of its own from a
//! snapshot of the plan, which costs pointers to take (the custody log and items are shared until
//! changed, see `model::Shared`); the frame that asked for it goes on at once. One write runs at a
//! time: a user save and a recovery write never overlap, a save asked for during a write waits for
//! it, and closing the window waits for the write in flight.
//!
//! The lock is waited for, the file compared with what this window last read, and the plan
//! written, all on that thread. What it did comes back to the window ([`Outcome`]), which marks
//! the snapshot's revision saved (edits made meanwhile keep the plan dirty), asks what to do when
//! another copy changed the file, and shows a failed save as an error.

use std::path::{Path, PathBuf};
use std::thread::JoinHandle;

use super::{Changed, LOCK_WAIT, Next, differences};
use crate::model::{LogAnchor, Plan};
use crate::storage::{self, Digest};
use crate::ui::files;

/// What to do once a save has finished well.
#[derive(Clone, Debug)]
pub(super) enum After {
    /// Nothing more.
    Nothing,
    /// Carry on with what the user asked for before the save (open, close, quit).
    Proceed(Next),
    /// Say this in the status bar.
    Tell(String),
}

/// A write asked for.
pub(super) enum Job {
    /// Save the plan to `path`.
    Save {
        /// The file.
        path: PathBuf,
        /// The plan's file before this save (whose recovery copy the save replaces).
        previous: Option<PathBuf>,
        /// What this window last read or wrote there (to tell another copy's save).
        disk: Option<Digest>,
        /// Then what.
        after: After,
    },
    /// Write the recovery copy of the plan, as at `written` (local time, for the start screen).
    Recovery {
        /// The plan's own file, if it has one.
        original: Option<PathBuf>,
        /// When, as the start screen shows it.
        written: String,
    },
}

/// What a finished write did.
pub(super) enum Outcome {
    /// The plan was saved.
    Saved {
        /// The file as written (through any link).
        path: PathBuf,
        /// The revision the snapshot was taken at.
        revision: u64,
        /// The digest of the bytes now in the file.
        digest: Digest,
        /// The custody anchors as the save extended them.
        anchors: Vec<LogAnchor>,
        /// Then what.
        after: After,
    },
    /// Another copy had changed the file; nothing was written.
    Changed(Box<Changed>),
    /// The save failed; nothing was written.
    Failed(String),
    /// The recovery copy of `revision` was written.
    Recovered {
        /// The revision it holds.
        revision: u64,
    },
    /// The recovery copy could not be written.
    RecoveryFailed(String),
}

/// The write in flight, if any.
#[derive(Default)]
pub(super) struct Writer {
    running: Option<Running>,
}

enum Running {
    Thread(JoinHandle<Outcome>),
    /// Done on the UI thread, where no thread could be started.
    Done(Outcome),
}

impl Writer {
    /// Whether a write is in flight.
    pub(super) fn busy(&self) -> bool {
        self.running.is_some()
    }

    /// Starts `job` on a thread of its own, writing `snapshot` (taken at `revision`). The caller
    /// makes sure no write is in flight.
    pub(super) fn start(&mut self, job: Job, snapshot: Plan, revision: u64, data_dir: &Path) {
        let data_dir = data_dir.to_owned();
        let work = move || run(job, snapshot, revision, &data_dir);
        let (tx, rx) = std::sync::mpsc::channel::<Box<dyn FnOnce() -> Outcome + Send>>();
        let spawned = std::thread::Builder::new()
            .name("plan-writer".to_owned())
            .spawn(move || match rx.recv() {
                Ok(work) => work(),
                Err(_) => Outcome::Failed("the save was not started".to_owned()),
            });
        self.running = Some(match spawned {
            Ok(handle) => {
                // The thread is waiting for the work: it cannot have gone, so this cannot fail.
                let _ = tx.send(Box::new(work));
                Running::Thread(handle)
            }
            // No thread could be started: the write is done here, as it was before.
            Err(_) => Running::Done(work()),
        });
    }

    /// The outcome of the write in flight if it has finished (`wait`: waiting for it).
    pub(super) fn finished(&mut self, wait: bool) -> Option<Outcome> {
        let done = match &self.running {
            None => return None,
            Some(Running::Thread(handle)) => handle.is_finished(),
            Some(Running::Done(_)) => true,
        };
        if !(done || wait) {
            return None;
        }
        match self.running.take()? {
            Running::Done(outcome) => Some(outcome),
            Running::Thread(handle) => Some(handle.join().unwrap_or_else(|_| {
                Outcome::Failed(
                    "the save stopped unexpectedly; the plan is still open with your changes"
                        .to_owned(),
                )
            })),
        }
    }
}

/// Does one write, on the writer's thread.
fn run(job: Job, mut snapshot: Plan, revision: u64, data_dir: &Path) -> Outcome {
    match job {
        Job::Save {
            path,
            previous,
            disk,
            after,
        } => match save(&mut snapshot, &path, previous.as_deref(), disk, data_dir) {
            Ok(Saved::Written(written, digest)) => Outcome::Saved {
                path: written,
                revision,
                digest,
                anchors: snapshot.custody.anchors,
                after,
            },
            Ok(Saved::Changed(changed)) => Outcome::Changed(changed),
            Err(message) => Outcome::Failed(message),
        },
        Job::Recovery { original, written } => {
            match storage::to_ron(&snapshot)
                .map_err(|e| e.to_string())
                .and_then(|text| {
                    files::write_recovery(data_dir, original.as_deref(), &text, &written)
                }) {
                Ok(()) => Outcome::Recovered { revision },
                Err(e) => Outcome::RecoveryFailed(e),
            }
        }
    }
}

enum Saved {
    Written(PathBuf, Digest),
    Changed(Box<Changed>),
}

/// Saves under the file's lock, unless another copy changed the file since this window read it.
fn save(
    plan: &mut Plan,
    path: &Path,
    previous: Option<&Path>,
    disk: Option<Digest>,
    data_dir: &Path,
) -> Result<Saved, String> {
    let held = storage::lock(path, LOCK_WAIT)
        .map_err(|e| storage::SaveError::from_lock(path, e).to_string())?;
    let same_file = previous == Some(path);
    let now_on_disk =
        storage::read_digest(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if same_file && now_on_disk.is_some() && now_on_disk != disk {
        let theirs = storage::open(path).map_err(|e| {
            format!(
                "{} was changed by another program and cannot be read now: {e}",
                path.display()
            )
        })?;
        let differences = differences(plan, &theirs.plan);
        return Ok(Saved::Changed(Box::new(Changed {
            path: path.to_owned(),
            theirs: Box::new(theirs.plan),
            digest: theirs.digest,
            differences,
        })));
    }
    let saved = storage::save_locked(plan, path, &held).map_err(|e| e.to_string())?;
    drop(held);
    // No recovery write runs during a save, so the copies cleared here hold no later work than
    // the snapshot just saved.
    files::clear_recovery(data_dir, previous);
    files::clear_recovery(data_dir, Some(path));
    Ok(Saved::Written(path.to_owned(), saved.digest))
}
