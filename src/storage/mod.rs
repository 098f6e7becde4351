//! Plan files: RON text with a `format_version`, migrated on load, saved atomically with a backup.
//!
//! This module is the only code that reads or writes plan files.

mod error;
mod migrate;

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Deserialize;

pub use error::{LoadError, SaveError};

use crate::model::{FORMAT_VERSION, Plan};

/// The file name extension of plan files.
pub const EXTENSION: &str = "plan.ron";

/// Reads and parses a plan file, migrating it from an older format if needed.
pub fn load(path: &Path) -> Result<Plan, LoadError> {
    let bytes = fs::read(path).map_err(|source| LoadError::Io {
        path: path.to_owned(),
        source,
    })?;
    parse_bytes(&bytes, path)
}

/// Parses a plan from the bytes of a file; `path` is only used in messages.
pub fn parse_bytes(bytes: &[u8], path: &Path) -> Result<Plan, LoadError> {
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
    if let Some(offset) = text.find(|c: char| c.is_control() && !c.is_ascii_whitespace()) {
        return Err(LoadError::NotText {
            path: path.to_owned(),
            offset,
        });
    }
    parse(text, path)
}

/// Parses a plan from RON text; `path` is only used in messages.
pub fn parse(text: &str, path: &Path) -> Result<Plan, LoadError> {
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
        v if v == FORMAT_VERSION => {
            ron::from_str::<Plan>(text).map_err(|e| syntax_error(text, path, &e))
        }
        v => migrate::from_version(v, text).map_err(|e| syntax_error(text, path, &e)),
    }
}

/// The `format_version` when it is the first field, as this program writes it, read without parsing the
/// whole file (which would double the load time of a large plan). Anything unusual returns `None` and the
/// version is read by a full parse instead.
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
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("  ");
    let mut text = ron::ser::to_string_pretty(plan, config)
        .map_err(|e| SaveError::Serialize(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

/// The backup path kept beside a plan file: `name.plan.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    with_suffix(path, ".bak")
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(suffix);
    path.with_file_name(name)
}

/// Saves a plan atomically: the text is written to a temporary file beside the target and synced, the
/// previous file (if any) is copied to `*.bak`, then the temporary file is renamed over the target.
/// At every moment the target path holds either the old plan or the new one, never a partial file.
pub fn save(plan: &Plan, path: &Path) -> Result<(), SaveError> {
    let text = to_ron(plan)?;
    write_atomically(path, text.as_bytes(), true)
}

/// Writes bytes to `path` atomically (temporary file, fsync, rename), optionally keeping the previous
/// file as `*.bak`. Used for plans and for the editor's recovery file.
pub fn write_atomically(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), SaveError> {
    let io = |source| SaveError::Io {
        path: path.to_owned(),
        source,
    };
    let tmp = with_suffix(path, &format!(".tmp-{}", std::process::id()));
    let result = (|| {
        let mut file = File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        if keep_backup && path.exists() {
            let bak = backup_path(path);
            let bak_tmp = with_suffix(&bak, ".tmp");
            fs::copy(path, &bak_tmp)?;
            File::open(&bak_tmp)?.sync_all()?;
            fs::rename(&bak_tmp, &bak)?;
        }
        fs::rename(&tmp, path)?;
        sync_parent(path);
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(io)
}

/// Syncs the directory so the rename itself survives a power cut (best effort: not every platform can).
fn sync_parent(path: &Path) {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if let Ok(dir) = File::open(parent) {
        let _ = dir.sync_all();
    }
}

/// Turns a RON error into a message with line, column and the offending line.
fn syntax_error(text: &str, path: &Path, error: &ron::error::SpannedError) -> LoadError {
    let line = error.span.start.line.max(1);
    let column = error.span.start.col.max(1);
    let mut message = describe(&error.code);
    if !matches!(error.code, ron::Error::Eof)
        && at_end(text, error.span.end.line, error.span.end.col)
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
fn excerpt(text: &str, line: usize, column: usize) -> String {
    let Some(source) = text.lines().nth(line - 1) else {
        return String::new();
    };
    let shown: String = source.chars().take(160).collect();
    let gutter = line.to_string();
    let pad = " ".repeat(gutter.len());
    let caret_at: String = shown
        .chars()
        .take(column.saturating_sub(1))
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    format!("{pad} |\n{gutter} | {shown}\n{pad} | {caret_at}^")
}

#[cfg(test)]
mod tests;
