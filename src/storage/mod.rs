//! Plan files: RON text with a `format_version`, migrated on load, saved atomically under a lock
//! with dated backups.
//!
//! This module is the only code that reads or writes plan files. What it guarantees, and what it
//! cannot, is stated in the README's "Files and safety" section.

pub mod backups;
mod error;
mod events;
mod guard;
mod lock;
mod migrate;
mod split;
mod write;

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use sha2::{Digest as _, Sha256};

pub use error::{LoadError, SaveError};
pub use guard::{OutputError, check_output};
pub use lock::{DEFAULT_WAIT, LockError, PlanLock, lock, lock_path};
pub use write::resolve;

use crate::model::{FORMAT_VERSION, Plan, limits};

/// The file name extension of plan files.
pub const EXTENSION: &str = "plan.ron";

/// The largest plan file read (256 MiB): a London-scale plan is a fraction of this, so anything
/// larger is not a plan, and reading it would exhaust memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// The longest plan file name, in bytes: a backup adds [`backups::SUFFIX_BYTES`] to it and file
/// systems allow 255, so a longer name could be saved but never backed up.
pub const MAX_NAME_BYTES: usize = 255 - backups::SUFFIX_BYTES - 1;

/// SHA-256 of a plan file's bytes: what the editor compares to tell whether another copy changed
/// the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Digest(pub [u8; 32]);

impl Digest {
    /// The digest of `bytes`.
    pub fn of(bytes: &[u8]) -> Digest {
        Digest(Sha256::digest(bytes).into())
    }

    /// The digest of `pieces` one after another.
    pub fn of_pieces(pieces: &[&[u8]]) -> Digest {
        let mut hasher = Sha256::new();
        for piece in pieces {
            hasher.update(piece);
        }
        Digest(hasher.finalize().into())
    }

    /// As 64 lowercase hex digits.
    pub fn hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// A plan as read from its file.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The plan, in the current format.
    pub plan: Plan,
    /// The digest of the file's bytes as read.
    pub digest: Digest,
    /// The format version it was migrated from, if it was older than this program's.
    pub migrated_from: Option<u32>,
}

/// Reads and parses a plan file, migrating it from an older format if needed.
pub fn load(path: &Path) -> Result<Plan, LoadError> {
    open(path).map(|loaded| loaded.plan)
}

/// Reads a plan file with what the editor and the merging commands need to know about it.
pub fn open(path: &Path) -> Result<Loaded, LoadError> {
    check_name(path).map_err(|(bytes, limit)| LoadError::NameTooLong {
        path: path.to_owned(),
        bytes,
        limit,
    })?;
    let io = |source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    let size = fs::metadata(path).map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_owned(),
            bytes: size,
            limit: MAX_FILE_BYTES,
        });
    }
    let bytes = fs::read(path).map_err(io)?;
    // The digest is taken on the other core while the text is parsed.
    let (digest, parsed) = rayon::join(|| Digest::of(&bytes), || parse_versioned(&bytes, path));
    let (plan, migrated_from) = parsed?;
    Ok(Loaded {
        plan,
        digest,
        migrated_from,
    })
}

/// The digest of the file now at `path` (`None` when there is no file).
pub fn read_digest(path: &Path) -> std::io::Result<Option<Digest>> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(Digest::of(&bytes))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Whether the file at `path` holds exactly `pieces`, one after another (`false` if there is
/// none). A file of another length is not read; one of the same length is compared piece by piece,
/// stopping at the first difference.
fn holds(path: &Path, pieces: &[&[u8]]) -> std::io::Result<bool> {
    use std::io::Read as _;
    let mut file = match fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    };
    let len: usize = pieces.iter().map(|p| p.len()).sum();
    if file.metadata()?.len() != len as u64 {
        return Ok(false);
    }
    let mut buffer = Vec::new();
    for piece in pieces {
        buffer.resize(piece.len(), 0);
        match file.read_exact(&mut buffer) {
            // Cut short since it was measured (by another program): not the same.
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(false),
            result => result?,
        }
        if buffer != *piece {
            return Ok(false);
        }
    }
    // Nothing more: the file did not grow since it was measured.
    Ok(file.read(&mut [0u8])? == 0)
}

/// Whether a plan file's name leaves room for its backups (`Err((length, limit))` when it does
/// not).
fn check_name(path: &Path) -> Result<(), (usize, usize)> {
    let length = path.file_name().map_or(0, |n| n.as_encoded_bytes().len());
    if length > MAX_NAME_BYTES {
        Err((length, MAX_NAME_BYTES))
    } else {
        Ok(())
    }
}

/// Parses a plan from the bytes of a file; `path` is only used in messages.
pub fn parse_bytes(bytes: &[u8], path: &Path) -> Result<Plan, LoadError> {
    parse_versioned(bytes, path).map(|(plan, _)| plan)
}

/// Parses a plan and says which older format, if any, it was migrated from.
fn parse_versioned(bytes: &[u8], path: &Path) -> Result<(Plan, Option<u32>), LoadError> {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(LoadError::Utf16 {
            path: path.to_owned(),
        });
    }
    // A byte-order mark (Windows editors add one) is not part of the text.
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::Empty {
            path: path.to_owned(),
        });
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            return Err(LoadError::NotText {
                path: path.to_owned(),
                offset: e.valid_up_to(),
            });
        }
    };
    if let Some(offset) = control_character(text) {
        return Err(LoadError::NotText {
            path: path.to_owned(),
            offset,
        });
    }
    let (plan, migrated_from) = parse_text(text, path)?;
    if let Some(breach) = limits::check(&plan)
        .into_iter()
        .find(limits::Breach::refuses_load)
    {
        return Err(LoadError::TooLong {
            path: path.to_owned(),
            breach: breach.to_string(),
        });
    }
    Ok((plan, migrated_from))
}

/// Where the first control character other than white space is (a sign of a binary file), read
/// byte by byte: C0 controls and DEL are single bytes, C1 controls (U+0080 to U+009F) are 0xC2
/// followed by 0x80 to 0x9F, and no other character's encoding contains those sequences.
fn control_character(text: &str) -> Option<usize> {
    use rayon::prelude::*;
    // A megabyte at a time, on every core; the first found in the text's order is reported.
    const CHUNK: usize = 1 << 20;
    let bytes = text.as_bytes();
    bytes
        .par_chunks(CHUNK)
        .enumerate()
        .find_map_first(|(k, chunk)| {
            let base = k * CHUNK;
            chunk.iter().enumerate().find_map(|(i, &b)| {
                let at = base + i;
                let control = (b < 0x20 && !b.is_ascii_whitespace())
                    || b == 0x7f
                    || (b == 0xc2 && bytes.get(at + 1).is_some_and(|n| (0x80..=0x9f).contains(n)));
                control.then_some(at)
            })
        })
}

/// Parses a plan from RON text; `path` is only used in messages.
pub fn parse(text: &str, path: &Path) -> Result<Plan, LoadError> {
    parse_versioned(text.as_bytes(), path).map(|(plan, _)| plan)
}

fn parse_text(text: &str, path: &Path) -> Result<(Plan, Option<u32>), LoadError> {
    #[derive(Deserialize)]
    #[serde(rename = "Plan")]
    struct VersionProbe {
        format_version: u32,
    }
    let version = match leading_version(text) {
        Some(version) => version,
        None => {
            ron::from_str::<VersionProbe>(text)
                .map_err(|e| syntax_error(text, path, &e))?
                .format_version
        }
    };
    match version {
        0 => Err(LoadError::UnknownVersion {
            path: path.to_owned(),
            found: 0,
        }),
        v if v > FORMAT_VERSION => Err(LoadError::NewerVersion {
            path: path.to_owned(),
            found: v,
            supported: FORMAT_VERSION,
        }),
        v if v == FORMAT_VERSION => match split::parse(text) {
            Some(plan) => Ok((plan, None)),
            None => ron::from_str::<Plan>(text)
                .map(|plan| (plan, None))
                .map_err(|e| syntax_error(text, path, &e)),
        },
        v => migrate::from_version(v, text)
            .map(|plan| (plan, Some(v)))
            .map_err(|e| syntax_error(text, path, &e)),
    }
}

/// The `format_version` when it is the first field, as this program writes it, read without parsing
/// the whole file (which would double the load time of a large plan). Anything unusual returns
/// `None` and the version is read by a full parse instead.
fn leading_version(text: &str) -> Option<u32> {
    let mut rest = text.trim_start();
    while let Some(comment) = rest.strip_prefix("//") {
        rest = comment
            .split_once('\n')
            .map_or("", |(_, after)| after)
            .trim_start();
    }
    let rest = rest
        .strip_prefix("Plan")
        .unwrap_or(rest)
        .trim_start()
        .strip_prefix('(')?
        .trim_start();
    let rest = rest
        .strip_prefix("format_version")?
        .trim_start()
        .strip_prefix(':')?
        .trim_start();
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let after = rest[digits..].trim_start();
    if !(after.starts_with(',') || after.starts_with(')')) {
        return None;
    }
    rest[..digits].parse().ok()
}

/// Writes a plan as pretty RON text.
pub fn to_ron(plan: &Plan) -> Result<String, SaveError> {
    Ok(to_pieces(plan)?.concat())
}

/// The text [`to_ron`] writes, as pieces in order: a large custody log is written in pieces on
/// every core, and a save writes and digests them without copying them into one string.
fn to_pieces(plan: &Plan) -> Result<Vec<String>, SaveError> {
    let mut pieces = match split::write(plan) {
        Some(pieces) => pieces?,
        None => vec![whole_ron(plan)?],
    };
    pieces.push("\n".to_owned());
    Ok(pieces)
}

/// The plan written by RON alone, as [`to_ron`] writes it but for the final line break.
fn whole_ron(plan: &Plan) -> Result<String, SaveError> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("  ");
    ron::ser::to_string_pretty(plan, config).map_err(|e| SaveError::Serialize(e.to_string()))
}

/// What a save did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saved {
    /// The file written (the plan's own file, through any symbolic link).
    pub path: PathBuf,
    /// The digest of the bytes now in it.
    pub digest: Digest,
    /// The backup kept of the version it replaced, if there was one.
    pub backup: Option<PathBuf>,
    /// Whether the file already held exactly these bytes, so nothing was written.
    pub unchanged: bool,
}

/// Saves a plan, taking its lock for the write (waiting up to [`DEFAULT_WAIT`]). For a read, change
/// and write, take the lock first with [`lock`] and use [`save_locked`].
pub fn save(plan: &mut Plan, path: &Path) -> Result<Saved, SaveError> {
    let held = lock(path, DEFAULT_WAIT).map_err(|e| SaveError::from_lock(path, e))?;
    save_locked(plan, path, &held)
}

/// Saves a plan while holding its lock. Each log's anchor is first extended along its chain (never
/// shortened); then the text is written atomically, keeping the replaced version as a dated backup
/// and removing backups beyond those kept. A file that already holds the same bytes is not touched.
pub fn save_locked(plan: &mut Plan, path: &Path, held: &PlanLock) -> Result<Saved, SaveError> {
    if !held.covers(path) {
        return Err(SaveError::NotLocked {
            path: path.to_owned(),
        });
    }
    check_name(path).map_err(|(bytes, limit)| SaveError::NameTooLong {
        path: path.to_owned(),
        bytes,
        limit,
    })?;
    crate::custody::anchors::advance(&mut plan.custody);
    let io = |source| SaveError::Io {
        path: path.to_owned(),
        source,
    };
    let target = resolve(path).map_err(io)?;
    write::tidy_temps(&target);
    let pieces = to_pieces(plan)?;
    let pieces: Vec<&[u8]> = pieces.iter().map(|p| p.as_bytes()).collect();
    if holds(&target, &pieces).map_err(io)? {
        return Ok(Saved {
            path: target,
            digest: Digest::of_pieces(&pieces),
            backup: None,
            unchanged: true,
        });
    }
    // The digest is taken on the other core while the text is written and synced.
    let mut backup = None;
    let (written, digest) = rayon::join(
        || {
            write::replace_pieces(&target, &pieces, |target| {
                if target.exists() {
                    backup = Some(backups::take(target)?);
                }
                Ok(())
            })
        },
        || Digest::of_pieces(&pieces),
    );
    let written = written.map_err(io)?;
    backups::prune(&written, chrono::Utc::now().naive_utc());
    Ok(Saved {
        path: written,
        digest,
        backup,
        unchanged: false,
    })
}

/// Writes bytes to `path` atomically (temporary file, fsync, rename), through a symbolic link,
/// never readable by others. For exports and the editor's own files; plans are saved with [`save`].
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write::replace(path, bytes, |_| Ok(()))
        .map(|_| ())
        .map_err(|source| SaveError::Io {
            path: path.to_owned(),
            source,
        })
}

/// Turns a RON error into a message with line, column and the offending line.
fn syntax_error(text: &str, path: &Path, error: &ron::error::SpannedError) -> LoadError {
    let line = error.span.start.line.max(1);
    let column = error.span.start.col.max(1);
    let mut message = describe(&error.code);
    // A string that never closes runs to the end of the file: the file was cut short inside it.
    let unclosed_string = matches!(error.code, ron::Error::ExpectedStringEnd)
        && text.lines().skip(line).all(|rest| !rest.contains('"'));
    if !matches!(error.code, ron::Error::Eof)
        && (unclosed_string || at_end(text, error.span.end.line, error.span.end.col))
    {
        message = format!("the file ends unexpectedly — is it cut short? ({message})");
    }
    LoadError::Syntax {
        path: path.to_owned(),
        line,
        column,
        message,
        excerpt: excerpt(text, line, column),
    }
}

/// Whether a position is past the last non-blank character of the text.
fn at_end(text: &str, line: usize, column: usize) -> bool {
    let trimmed = text.trim_end();
    let last_line = trimmed.lines().count().max(1);
    let last_len = trimmed.lines().last().map_or(0, |l| l.chars().count());
    line > last_line || (line == last_line && column > last_len)
}

/// Words a RON error for a person editing the file.
fn describe(code: &ron::Error) -> String {
    use ron::Error as E;
    match code {
        E::Eof => "the file ends unexpectedly (unbalanced brackets or a missing closing quote?)"
            .to_owned(),
        E::Message(m) if m.contains("input is out of range") => {
            "not a real date or time (input is out of range)".to_owned()
        }
        E::Message(m)
            if m.contains("premature end of input")
                || m.contains("input contains invalid characters") =>
        {
            format!("not a valid date or time ({m}); expected \"YYYY-MM-DD\"")
        }
        E::Message(m) if m.contains("UUID") || m.contains("uuid") => format!("not a valid id: {m}"),
        other => other.to_string(),
    }
}

/// The line at `line` with a caret under `column`, for error messages.
///
/// The line is escaped for a terminal (a bidirectional override in a name must not reorder what is
/// shown), and the caret counts the escapes before it.
fn excerpt(text: &str, line: usize, column: usize) -> String {
    use crate::text::terminal_safe;
    let Some(source) = text.lines().nth(line - 1) else {
        return String::new();
    };
    let shown: String = source.chars().take(160).collect();
    let before: String = shown.chars().take(column.saturating_sub(1)).collect();
    let gutter = line.to_string();
    let pad = " ".repeat(gutter.len());
    let caret_at = " ".repeat(terminal_safe(&before).chars().count());
    format!(
        "{pad} |\n{gutter} | {}\n{pad} | {caret_at}^",
        terminal_safe(&shown)
    )
}

#[cfg(test)]
mod tests;
