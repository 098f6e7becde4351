//! This machine: who is using it, what it is called, and a name for it that stays the same between
//! runs, so that each laptop writes its own custody log and a lock file can say who holds it.

use std::path::{Path, PathBuf};

/// The program's data folder: `$INTEGRITY_PLANNER_DATA` if set (tests), else the platform's data
/// folder. Recent files, recovery copies and this machine's device name live here, never in the
/// temporary folder.
pub fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("INTEGRITY_PLANNER_DATA") {
        return PathBuf::from(dir);
    }
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("APPDATA").map(PathBuf::from))
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local").join("share")))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("integrity-planner")
}

/// The machine's host name (`unknown-host` when it cannot be found).
pub fn host_name() -> String {
    let from_kernel = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok());
    from_kernel
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "unknown-host".to_owned())
}

/// The user running the program (`unknown-user` when it cannot be found).
pub fn user_name() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .or_else(|_| std::env::var("LOGNAME"))
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| "unknown-user".to_owned())
}

/// Lower-case letters, digits and hyphens only, for names built into log names.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    out.chars().take(24).collect()
}

/// A name for this machine that is the same every run and differs between machines, even laptops
/// cloned from one image with one host name: the host name and a random suffix kept in `data_dir`
/// (e.g. `elections-07-3f2a`). When the data folder cannot be written, the host name alone.
pub fn device_name(data_dir: &Path) -> String {
    let host = match slug(&host_name()) {
        h if h.is_empty() => "laptop".to_owned(),
        h => h,
    };
    let file = data_dir.join("device-id");
    let suffix = std::fs::read_to_string(&file)
        .ok()
        .map(|s| s.trim().to_owned())
        .filter(|s| s.len() == 4 && s.chars().all(|c| c.is_ascii_hexdigit()))
        .or_else(|| {
            let fresh = uuid::Uuid::new_v4().simple().to_string()[..4].to_owned();
            std::fs::create_dir_all(data_dir).ok()?;
            crate::storage::write_atomically(&file, fresh.as_bytes()).ok()?;
            Some(fresh)
        });
    match suffix {
        Some(s) => format!("{host}-{s}"),
        None => host,
    }
}

/// The log a desk on this machine records in by default: `desk` and the device name, e.g.
/// `receipt-elections-07-3f2a`, so two laptops never share a log by accident.
pub fn default_log(desk: &str, data_dir: &Path) -> String {
    log_name(desk, &device_name(data_dir))
}

/// A log name for `desk` on `device`, within the length a log name may have.
pub fn log_name(desk: &str, device: &str) -> String {
    let name = format!("{desk}-{device}");
    name.chars()
        .take(crate::model::limits::MAX_LOG_NAME)
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn the_device_name_is_stable_and_the_default_log_carries_it() {
        let dir = tempfile::tempdir().unwrap();
        let first = device_name(dir.path());
        assert_eq!(device_name(dir.path()), first, "kept between runs");
        let other = tempfile::tempdir().unwrap();
        assert_ne!(
            device_name(other.path()),
            first,
            "another installation gets its own suffix"
        );
        let log = default_log("receipt", dir.path());
        assert!(
            log.starts_with("receipt-") && log.ends_with(&first),
            "{log}"
        );
        assert!(log.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    }

    #[test]
    fn slugs_are_plain() {
        assert_eq!(slug("LAPTOP 07.council.local"), "laptop-07-council-local");
        assert_eq!(slug("---"), "");
    }
}
