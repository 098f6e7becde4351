//! This machine: who is using it, what it is called, and a name for it that stays the same between
//! runs, so that each laptop writes its own custody log and a lock file can say who holds it.

use std::path::{Path, PathBuf};

/// The program's data folder, on this machine: recent files, recovery copies, the device name and
/// bank-holiday updates. `$INTEGRITY_PLANNER_DATA` if set (tests, a portable install), else the
/// platform's local data folder from the `directories` crate: `$XDG_DATA_HOME/integrity-planner`
/// (`~/.local/share/integrity-planner`) on Linux, `%LOCALAPPDATA%\integrity-planner\data` on
/// Windows (the local profile, not the roaming one: crash-recovery copies stay on the machine that
/// made them, never in the temporary folder). The first call moves an older installation's files
/// here (see [`move_legacy`]).
pub fn data_dir() -> PathBuf {
    folders().data.clone()
}

/// The program's configuration folder: the window's size, zoom and theme. `$INTEGRITY_PLANNER_DATA`
/// if set, else `$XDG_CONFIG_HOME/integrity-planner` (`~/.config/integrity-planner`) on Linux,
/// `%APPDATA%\integrity-planner\config` on Windows.
pub fn config_dir() -> PathBuf {
    folders().config.clone()
}

/// Where the program keeps its files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Folders {
    /// Data on this machine.
    pub data: PathBuf,
    /// Settings.
    pub config: PathBuf,
}

/// The folders, found once per run (moving an older installation's files on the way).
fn folders() -> &'static Folders {
    static FOLDERS: std::sync::OnceLock<Folders> = std::sync::OnceLock::new();
    FOLDERS.get_or_init(|| {
        if let Some(dir) = std::env::var_os("INTEGRITY_PLANNER_DATA") {
            let dir = PathBuf::from(dir);
            return Folders {
                data: dir.clone(),
                config: dir,
            };
        }
        let Some(project) = directories::ProjectDirs::from("", "", "integrity-planner") else {
            // No home folder at all: the working folder, as before.
            let dir = PathBuf::from(".").join("integrity-planner");
            return Folders {
                data: dir.clone(),
                config: dir,
            };
        };
        let folders = Folders {
            data: project.data_local_dir().to_owned(),
            config: project.config_dir().to_owned(),
        };
        if let Some(old) = legacy_data_dir() {
            // Best effort: a move that fails leaves the old files where they were, and the program
            // starts with fresh settings rather than not at all.
            let _ = move_legacy(&old, &folders);
        }
        folders
    })
}

/// The data folder of releases before the `directories` crate: `$XDG_DATA_HOME`, `%APPDATA%` or
/// `~/.local/share`, then `integrity-planner`; settings lived in it too.
fn legacy_data_dir() -> Option<PathBuf> {
    std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("APPDATA").map(PathBuf::from))
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local").join("share")))
        .map(|base| base.join("integrity-planner"))
}

/// What [`move_legacy`] moved.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Moved {
    /// The old data folder became the new one.
    pub data: bool,
    /// The settings file moved to the configuration folder.
    pub settings: bool,
}

/// Moves an older installation's files into `to`, once: the whole data folder when the new one
/// does not exist yet (recent files, recovery copies, the device name, which must survive so this
/// laptop keeps writing its own custody log), then `settings.json` into the configuration folder
/// when none is there. Nothing is overwritten; a second call finds nothing to do.
pub fn move_legacy(old: &Path, to: &Folders) -> std::io::Result<Moved> {
    let mut moved = Moved::default();
    if old != to.data && old.is_dir() && !to.data.exists() {
        if let Some(parent) = to.data.parent() {
            std::fs::create_dir_all(parent)?;
        }
        if std::fs::rename(old, &to.data).is_err() {
            // Another volume: copy, then remove the old folder only once the copy is whole.
            copy_tree(old, &to.data)?;
            std::fs::remove_dir_all(old)?;
        }
        moved.data = true;
    }
    let settings = to.data.join("settings.json");
    let target = to.config.join("settings.json");
    if to.config != to.data && settings.is_file() && !target.exists() {
        std::fs::create_dir_all(&to.config)?;
        std::fs::rename(&settings, &target).or_else(|_| {
            std::fs::copy(&settings, &target)?;
            std::fs::remove_file(&settings)
        })?;
        moved.settings = true;
    }
    Ok(moved)
}

/// Copies a folder and everything in it.
fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
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
    fn an_older_installation_moves_once_and_its_settings_go_to_the_config_folder() {
        let home = tempfile::tempdir().unwrap();
        let old = home.path().join("old").join("integrity-planner");
        std::fs::create_dir_all(old.join("recovery")).unwrap();
        std::fs::write(old.join("device-id"), "3f2a").unwrap();
        std::fs::write(old.join("recovery").join("a.plan.ron"), "kept").unwrap();
        std::fs::write(old.join("settings.json"), "{}").unwrap();
        let to = Folders {
            data: home
                .path()
                .join("local")
                .join("integrity-planner")
                .join("data"),
            config: home.path().join("config").join("integrity-planner"),
        };
        let moved = move_legacy(&old, &to).unwrap();
        assert_eq!(
            moved,
            Moved {
                data: true,
                settings: true
            }
        );
        assert!(!old.exists());
        assert_eq!(
            std::fs::read_to_string(to.data.join("device-id")).unwrap(),
            "3f2a"
        );
        assert_eq!(
            std::fs::read_to_string(to.data.join("recovery").join("a.plan.ron")).unwrap(),
            "kept"
        );
        assert!(to.config.join("settings.json").is_file());
        assert!(!to.data.join("settings.json").exists());
        // A second run finds nothing to move, and never overwrites.
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(old.join("device-id"), "ffff").unwrap();
        assert_eq!(move_legacy(&old, &to).unwrap(), Moved::default());
        assert_eq!(
            std::fs::read_to_string(to.data.join("device-id")).unwrap(),
            "3f2a"
        );
    }

    #[test]
    fn on_linux_the_data_folder_stays_and_only_the_settings_move() {
        let home = tempfile::tempdir().unwrap();
        let data = home.path().join("share").join("integrity-planner");
        std::fs::create_dir_all(&data).unwrap();
        std::fs::write(data.join("settings.json"), "{}").unwrap();
        let to = Folders {
            data: data.clone(),
            config: home.path().join("config").join("integrity-planner"),
        };
        let moved = move_legacy(&data, &to).unwrap();
        assert_eq!(
            moved,
            Moved {
                data: false,
                settings: true
            }
        );
        assert!(to.config.join("settings.json").is_file());
    }

    #[test]
    fn slugs_are_plain() {
        assert_eq!(slug("LAPTOP 07.council.local"), "laptop-07-council-local");
        assert_eq!(slug("---"), "");
    }
}
