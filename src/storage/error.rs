//! What can go wrong reading and writing plan files, worded for the person who owns the file.

use std::path::PathBuf;

use thiserror::Error;

/// Why a plan file could not be loaded. The file on disk is never changed by a failed load.
#[derive(Debug, Error)]
pub enum LoadError {
    /// The file could not be read at all.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The file is empty.
    #[error("{path} is empty")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The file holds binary data, not text.
    #[error("{path} is not a text file (it holds binary data at byte {offset})")]
    NotText {
        /// The file.
        path: PathBuf,
        /// Where the first non-text byte is.
        offset: usize,
    },
    /// The text does not parse as a plan.
    #[error("{path}:{line}:{column}: {message}\n{excerpt}")]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What was wrong and what was expected.
        message: String,
        /// The offending line with a caret under the column.
        excerpt: String,
    },
    /// The file was written by a newer version of the program.
    #[error(
        "{path} was written in plan format version {found}, newer than this program reads (up to \
         {supported})"
    )]
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// The version in the file.
        found: u32,
        /// The newest version this program reads.
        supported: u32,
    },
    /// The file's name is too long for its backups to be kept beside it.
    #[error(
        "{path}: the file name is {bytes} bytes long; a plan's name may be at most {limit} bytes \
         so that its dated backups fit beside it"
    )]
    NameTooLong {
        /// The file.
        path: PathBuf,
        /// The name's length in bytes.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// The file is far larger than any plan.
    #[error("{path} is {bytes} bytes, larger than any plan (the limit is {limit})")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// The file is UTF-16 text (as some Windows editors save), not UTF-8.
    #[error("{path} is saved as UTF-16 text; plan files are UTF-8")]
    Utf16 {
        /// The file.
        path: PathBuf,
    },
    /// A field is absurdly long.
    #[error("{path}: {breach}")]
    TooLong {
        /// The file.
        path: PathBuf,
        /// Which field, and how long.
        breach: String,
    },
    /// The version number is not one that ever existed.
    #[error(
        "{path} says it is plan format version {found}, which never existed (versions start at 1)"
    )]
    UnknownVersion {
        /// The file.
        path: PathBuf,
        /// The version in the file.
        found: u32,
    },
}

impl LoadError {
    /// A suggestion for how to fix the problem.
    pub fn hint(&self) -> String {
        match self {
            LoadError::Io { .. } => "check the path and that you may read the file".to_owned(),
            LoadError::Empty { .. } => {
                format!(
                    "the file has no content; {RESTORE}, or create a plan with `integrity-planner \
                     new`"
                )
            }
            LoadError::NotText { .. } => format!(
                "this is not a plan file; plan files are RON text ending in .plan.ron ({RESTORE})"
            ),
            LoadError::NameTooLong { .. } => {
                "rename the file to something shorter, keeping the .plan.ron ending".to_owned()
            }
            LoadError::TooLarge { .. } => {
                "check you chose the right file; plan files end in .plan.ron".to_owned()
            }
            LoadError::Utf16 { .. } => {
                "save it again as UTF-8 (in Notepad: Save as, Encoding: UTF-8)".to_owned()
            }
            LoadError::TooLong { .. } => format!(
                "shorten that field in a text editor (custody log names are at most {} characters, \
                 other text {}), or {RESTORE}",
                crate::model::limits::MAX_LOG_NAME,
                crate::model::limits::MAX_TEXT
            ),
            LoadError::Syntax { message, .. } => syntax_hint(message),
            LoadError::NewerVersion { .. } => {
                "open it with the newer version of Election Integrity Planner that wrote it"
                    .to_owned()
            }
            LoadError::UnknownVersion { .. } => format!(
                "the format_version line at the top of the file has been damaged; {RESTORE}"
            ),
        }
    }
}

/// How to get a damaged plan back.
const RESTORE: &str =
    "restore an earlier version with `integrity-planner backups PLAN --restore 1`";

/// A hint chosen from what the parser said.
fn syntax_hint(message: &str) -> String {
    let m = message.to_ascii_lowercase();
    if m.contains("date")
        || m.contains("out of range")
        || m.contains("premature end")
        || m.contains("invalid characters")
    {
        "dates are written \"YYYY-MM-DD\" and must exist in the calendar; times \"HH:MM:SS\"; \
         date-times \"YYYY-MM-DDTHH:MM:SS\""
            .to_owned()
    } else if m.contains("uuid") {
        "ids are UUIDs such as \"0b6f1c2e-8a4d-4f0e-9c55-2d7f6a1b3e90\"; copy one from another \
         entry or remove the entry"
            .to_owned()
    } else if m.contains("variant") {
        "use one of the names listed above, spelt exactly (they are case-sensitive)".to_owned()
    } else if m.contains("field") {
        format!("check the field name's spelling against the list above, or {RESTORE}")
    } else if m.contains("rating") {
        "likelihood and impact are scored from 1 to 5".to_owned()
    } else if m.contains("eof") || m.contains("end of file") || m.contains("unexpected end") {
        format!("the file ends too early — it may have been cut short; {RESTORE}")
    } else {
        format!("fix the file at the place shown, or {RESTORE}")
    }
}

/// Why a plan could not be saved. A failed save leaves the previous file in place.
#[derive(Debug, Error)]
pub enum SaveError {
    /// Writing, syncing or renaming failed.
    #[error("cannot save {path}: {source}")]
    Io {
        /// The file being saved.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The plan could not be turned into text (should not happen for a valid plan).
    #[error("cannot write the plan as RON: {0}")]
    Serialize(String),
    /// Another writer held the plan's lock for the whole wait.
    #[error("{path} is being changed by another program{}; waited {} \
             s", holder_line(holder), waited.as_secs_f32().round())]
    Locked {
        /// The plan.
        path: PathBuf,
        /// Who holds the lock, as they recorded it.
        holder: String,
        /// How long this writer waited.
        waited: std::time::Duration,
    },
    /// The caller holds another plan's lock (a defect in the program).
    #[error("{path} was about to be saved without its lock")]
    NotLocked {
        /// The plan.
        path: PathBuf,
    },
    /// The file's name is too long for its backups.
    #[error(
        "{path}: the file name is {bytes} bytes long; a plan's name may be at most {limit} bytes \
         so that its dated backups fit beside it"
    )]
    NameTooLong {
        /// The file.
        path: PathBuf,
        /// The name's length.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
}

/// The holder's details on one line, for a message.
fn holder_line(holder: &str) -> String {
    if holder.trim().is_empty() {
        String::new()
    } else {
        let details: Vec<&str> = holder
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        format!(" ({})", details.join(", "))
    }
}

impl SaveError {
    /// The save error for a lock that could not be taken on `path`.
    pub fn from_lock(path: &std::path::Path, error: super::LockError) -> SaveError {
        match error {
            super::LockError::Busy { holder, waited, .. } => SaveError::Locked {
                path: path.to_owned(),
                holder,
                waited,
            },
            super::LockError::Io { source, .. } => SaveError::Io {
                path: path.to_owned(),
                source,
            },
        }
    }

    /// A suggestion for the user.
    pub fn hint(&self) -> &'static str {
        match self {
            SaveError::Locked { .. } => {
                "wait for the other program to finish and try again (or give it longer with \
                 --lock-wait SECONDS); nothing was changed"
            }
            SaveError::NameTooLong { .. } => {
                "choose a shorter file name, keeping the .plan.ron ending; nothing was changed"
            }
            _ => "check the folder exists and you may write to it; the previous file is unchanged",
        }
    }
}
