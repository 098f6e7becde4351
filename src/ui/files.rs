//! Where the editor keeps its own files (recent plans, recovery copies), and the file dialogs.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

pub use crate::device::{config_dir, data_dir};

/// The recently opened plans, newest first.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Recent {
    /// Paths, newest first.
    pub paths: Vec<PathBuf>,
}

impl Recent {
    fn file(dir: &Path) -> PathBuf {
        dir.join("recent.json")
    }

    /// Reads the list (empty if there is none or it is damaged), without the files no longer there.
    pub fn load(dir: &Path) -> Recent {
        let mut recent: Recent = std::fs::read(Self::file(dir))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default();
        recent.paths.retain(|p| p.is_file());
        recent
    }

    /// Takes `path` off the list and writes it.
    pub fn remove(&mut self, dir: &Path, path: &Path) {
        self.paths.retain(|p| p != path);
        self.write(dir);
    }

    fn write(&self, dir: &Path) {
        if std::fs::create_dir_all(dir).is_ok()
            && let Ok(json) = serde_json::to_vec_pretty(self)
        {
            let _ = crate::storage::write_atomically(&Self::file(dir), &json);
        }
    }

    /// Puts `path` first and writes the list; failures are ignored (the list is a convenience).
    pub fn add(&mut self, dir: &Path, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_owned());
        self.paths.retain(|p| p != &path);
        self.paths.insert(0, path);
        self.paths.truncate(10);
        self.write(dir);
    }
}

/// A recovery copy of unsaved work, written every minute while a plan has unsaved changes.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RecoveryInfo {
    /// The file the plan belongs to, if it has been saved before.
    pub original: Option<PathBuf>,
    /// When the copy was written (local time, for display).
    pub written: String,
    /// The recovery copy itself.
    pub copy: PathBuf,
}

fn recovery_dir(dir: &Path) -> PathBuf {
    dir.join("recovery")
}

/// The recovery copy's path for a plan (by its file, or "untitled").
pub fn recovery_path(dir: &Path, original: Option<&Path>) -> PathBuf {
    let key = match original {
        Some(p) => {
            let digest = Sha256::digest(p.to_string_lossy().as_bytes());
            digest
                .iter()
                .take(8)
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        }
        None => "untitled".to_owned(),
    };
    recovery_dir(dir).join(format!("{key}.plan.ron"))
}

/// Writes a recovery copy of `text` for the plan at `original`.
pub fn write_recovery(
    dir: &Path,
    original: Option<&Path>,
    text: &str,
    written: &str,
) -> Result<(), String> {
    let copy = recovery_path(dir, original);
    std::fs::create_dir_all(recovery_dir(dir)).map_err(|e| e.to_string())?;
    crate::storage::write_atomically(&copy, text.as_bytes()).map_err(|e| e.to_string())?;
    let info = RecoveryInfo {
        original: original.map(Path::to_owned),
        written: written.to_owned(),
        copy: copy.clone(),
    };
    let json = serde_json::to_vec_pretty(&info).map_err(|e| e.to_string())?;
    crate::storage::write_atomically(&copy.with_extension("json"), &json).map_err(|e| e.to_string())
}

/// Removes the recovery copy for a plan (after a save, or when the user discards it).
pub fn clear_recovery(dir: &Path, original: Option<&Path>) {
    let copy = recovery_path(dir, original);
    let _ = std::fs::remove_file(copy.with_extension("json"));
    let _ = std::fs::remove_file(copy);
}

/// Every recovery copy left behind (by a crash, or a window closed without saving).
pub fn recoveries(dir: &Path) -> Vec<RecoveryInfo> {
    let Ok(entries) = std::fs::read_dir(recovery_dir(dir)) else {
        return Vec::new();
    };
    let mut found: Vec<RecoveryInfo> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .filter_map(|e| std::fs::read(e.path()).ok())
        .filter_map(|b| serde_json::from_slice::<RecoveryInfo>(&b).ok())
        .filter(|r| r.copy.exists())
        .collect();
    found.sort_by(|a, b| b.written.cmp(&a.written));
    found
}

/// The native file dialogs, behind a trait so tests can answer them.
pub trait Dialogs {
    /// Asks for a plan to open.
    fn open_plan(&mut self) -> Option<PathBuf>;
    /// Asks where to save a plan.
    fn save_plan(&mut self, suggested: &str) -> Option<PathBuf>;
    /// Asks where to save a PDF.
    fn save_pdf(&mut self, suggested: &str) -> Option<PathBuf>;
    /// Asks where to save a calendar file (tests' dialogs answer Cancel unless they say otherwise).
    fn save_calendar(&mut self, _suggested: &str) -> Option<PathBuf> {
        None
    }
    /// Asks for a CSV file or XLSX workbook to import (tests' dialogs answer Cancel unless they
    /// say otherwise).
    fn open_table(&mut self, _title: &str) -> Option<PathBuf> {
        None
    }
    /// Asks where to save a workbook (tests' dialogs answer Cancel unless they say otherwise).
    fn save_workbook(&mut self, _suggested: &str) -> Option<PathBuf> {
        None
    }
    /// Whether these dialogs can open on this machine. A native dialog that cannot open answers as
    /// Cancel does, so the editor asks first and shows its own chooser instead.
    fn available(&self) -> bool {
        true
    }
}

/// Whether the desktop portal rfd's dialogs use can open here: a session bus, and the portal's
/// service installed. `INTEGRITY_PLANNER_FILE_DIALOG=builtin` asks for the editor's own chooser.
pub fn portal_available() -> bool {
    if std::env::var("INTEGRITY_PLANNER_FILE_DIALOG").is_ok_and(|v| v == "builtin") {
        return false;
    }
    if !cfg!(target_os = "linux") {
        return true;
    }
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
        return false;
    }
    let data_dirs =
        std::env::var("XDG_DATA_DIRS").unwrap_or_else(|_| "/usr/local/share:/usr/share".to_owned());
    let service = "dbus-1/services/org.freedesktop.portal.Desktop.service";
    data_dirs
        .split(':')
        .filter(|d| !d.is_empty())
        .any(|d| Path::new(d).join(service).is_file())
}

/// Checks that an export chosen in a dialog is not the open plan or one of its files.
pub fn check_export(output: &Path, plan: Option<&Path>) -> Result<(), String> {
    let plans: Vec<&Path> = plan.into_iter().collect();
    crate::storage::check_output(output, &plans, false).map_err(|e| format!("{e}; {}", e.hint()))
}

/// The real dialogs (rfd).
pub struct NativeDialogs;

impl Dialogs for NativeDialogs {
    fn available(&self) -> bool {
        portal_available()
    }

    fn open_plan(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open plan")
            .add_filter("Integrity plan", &["ron"])
            .pick_file()
    }

    fn save_plan(&mut self, suggested: &str) -> Option<PathBuf> {
        let path = rfd::FileDialog::new()
            .set_title("Save plan as")
            .add_filter("Integrity plan", &["ron"])
            .set_file_name(suggested)
            .save_file()?;
        Some(with_plan_extension(path))
    }

    fn save_pdf(&mut self, suggested: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Export PDF")
            .add_filter("PDF", &["pdf"])
            .set_file_name(suggested)
            .save_file()
    }

    fn open_table(&mut self, title: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title(title)
            .add_filter(
                "Spreadsheet (CSV UTF-8 or Excel workbook)",
                &["csv", "xlsx"],
            )
            .pick_file()
    }

    fn save_calendar(&mut self, suggested: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Export key dates to calendar")
            .add_filter("Calendar", &["ics"])
            .set_file_name(suggested)
            .save_file()
    }

    fn save_workbook(&mut self, suggested: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Export workbook")
            .add_filter("Excel workbook", &["xlsx"])
            .set_file_name(suggested)
            .save_file()
    }
}

/// Adds `.plan.ron` when a chosen file name lacks it.
pub fn with_plan_extension(path: PathBuf) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name.ends_with(".plan.ron") {
        path
    } else {
        let stem = name.strip_suffix(".ron").unwrap_or(&name).to_owned();
        path.with_file_name(format!("{stem}.plan.ron"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_newest_first_without_duplicates_or_gone_files() {
        let dir = tempfile::tempdir().unwrap();
        let mut recent = Recent::load(dir.path());
        assert!(recent.paths.is_empty());
        let plans = tempfile::tempdir().unwrap();
        let base = plans.path().canonicalize().unwrap();
        let (a, b) = (base.join("a.plan.ron"), base.join("b.plan.ron"));
        std::fs::write(&a, "x").unwrap();
        std::fs::write(&b, "x").unwrap();
        recent.add(dir.path(), &a);
        recent.add(dir.path(), &b);
        recent.add(dir.path(), &a);
        assert_eq!(Recent::load(dir.path()).paths, vec![a.clone(), b.clone()]);
        std::fs::remove_file(&b).unwrap();
        assert_eq!(
            Recent::load(dir.path()).paths,
            vec![a],
            "a gone file is dropped"
        );
        std::fs::write(dir.path().join("recent.json"), b"{garbage").unwrap();
        assert!(
            Recent::load(dir.path()).paths.is_empty(),
            "a damaged list is ignored, not fatal"
        );
    }

    #[test]
    fn recovery_copies_are_written_found_and_cleared() {
        let dir = tempfile::tempdir().unwrap();
        let plan = Path::new("/plans/northmere.plan.ron");
        write_recovery(
            dir.path(),
            Some(plan),
            "Plan(format_version: 2)",
            "2027-05-06 22:10",
        )
        .unwrap();
        write_recovery(dir.path(), None, "untitled", "2027-05-06 22:11").unwrap();
        let found = recoveries(dir.path());
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].original, None, "newest first");
        assert_eq!(found[1].original.as_deref(), Some(plan));
        assert_eq!(
            std::fs::read_to_string(&found[1].copy).unwrap(),
            "Plan(format_version: 2)"
        );
        clear_recovery(dir.path(), Some(plan));
        assert_eq!(recoveries(dir.path()).len(), 1);
    }

    #[test]
    fn chosen_names_get_the_plan_extension() {
        assert_eq!(
            with_plan_extension("/x/borough".into()),
            PathBuf::from("/x/borough.plan.ron")
        );
        assert_eq!(
            with_plan_extension("/x/borough.ron".into()),
            PathBuf::from("/x/borough.plan.ron")
        );
        assert_eq!(
            with_plan_extension("/x/borough.plan.ron".into()),
            PathBuf::from("/x/borough.plan.ron")
        );
    }
}
