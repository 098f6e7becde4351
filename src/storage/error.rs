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
        "{path} was written in plan format version {found}, newer than this program reads (up to {supported})"
    )]
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// The version in the file.
        found: u32,
        /// The newest version this program reads.
        supported: u32,
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
                "the file has no content; restore it from its .bak copy or create a plan with `integrity-planner new`"
                    .to_owned()
            }
            LoadError::NotText { .. } => {
                "this is not a plan file; plan files are RON text ending in .plan.ron (a .bak copy may be beside it)"
                    .to_owned()
            }
            LoadError::Syntax { message, .. } => syntax_hint(message),
            LoadError::NewerVersion { .. } => {
                "open it with the newer version of Election Integrity Planner that wrote it".to_owned()
            }
            LoadError::UnknownVersion { .. } => {
                "the format_version line at the top of the file has been damaged; restore it from its .bak copy"
                    .to_owned()
            }
        }
    }
}

/// A hint chosen from what the parser said.
fn syntax_hint(message: &str) -> String {
    let m = message.to_ascii_lowercase();
    if m.contains("date")
        || m.contains("out of range")
        || m.contains("premature end")
        || m.contains("invalid characters")
    {
        "dates are written \"YYYY-MM-DD\" and must exist in the calendar; times \"HH:MM:SS\"; date-times \"YYYY-MM-DDTHH:MM:SS\"".to_owned()
    } else if m.contains("uuid") {
        "ids are UUIDs such as \"0b6f1c2e-8a4d-4f0e-9c55-2d7f6a1b3e90\"; copy one from another entry or remove the entry".to_owned()
    } else if m.contains("variant") {
        "use one of the names listed above, spelt exactly (they are case-sensitive)".to_owned()
    } else if m.contains("field") {
        "check the field name's spelling against the list above, or restore the file from its .bak copy".to_owned()
    } else if m.contains("rating") {
        "likelihood and impact are scored from 1 to 5".to_owned()
    } else if m.contains("eof") || m.contains("end of file") || m.contains("unexpected end") {
        "the file ends too early — it may have been cut short; restore it from its .bak copy"
            .to_owned()
    } else {
        "fix the file at the place shown, or restore it from its .bak copy beside it".to_owned()
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
}
