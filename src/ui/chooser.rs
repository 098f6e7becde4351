//! The editor's own file chooser, for machines where no native dialog can open (no desktop portal,
//! as on a locked-down or remote desktop): the folders and matching files of one folder, and a
//! field to type a name or a whole path.

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use crate::export::Profile;

/// What the file is chosen for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// A plan to open.
    OpenPlan,
    /// Where to save the plan.
    SavePlan,
    /// Where to write the PDF, in this profile.
    SavePdf(Profile, Option<usize>),
    /// Where to write the custody sheets of this copy.
    CustodySheets(Profile),
    /// Where to write the key dates calendar of this copy.
    SaveCalendar(Profile),
    /// A CSV file or XLSX workbook to import into this list.
    ImportTable(crate::import::Target),
    /// Where to write the workbook, in this profile.
    SaveWorkbook(Profile),
}

impl Purpose {
    /// The chooser's heading, and the native dialog's title.
    pub fn title(self) -> &'static str {
        match self {
            Purpose::OpenPlan => "Open plan",
            Purpose::SavePlan => "Save plan as",
            Purpose::SavePdf(..) => "Export PDF",
            Purpose::CustodySheets(_) => "Print custody sheets",
            Purpose::SaveCalendar(_) => "Export key dates to calendar",
            Purpose::ImportTable(crate::import::Target::Venues) => "Import venues",
            Purpose::ImportTable(crate::import::Target::People) => "Import people",
            Purpose::SaveWorkbook(_) => "Export workbook",
        }
    }

    fn extensions(self) -> &'static [&'static str] {
        match self {
            Purpose::OpenPlan | Purpose::SavePlan => &[".plan.ron"],
            Purpose::SavePdf(..) | Purpose::CustodySheets(_) => &[".pdf"],
            Purpose::SaveCalendar(_) => &[".ics"],
            Purpose::ImportTable(_) => &[".csv", ".xlsx", ".CSV", ".XLSX"],
            Purpose::SaveWorkbook(_) => &[".xlsx"],
        }
    }

    fn opens(self) -> bool {
        matches!(self, Purpose::OpenPlan | Purpose::ImportTable(_))
    }
}

/// How the chooser ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// This file.
    Chosen(PathBuf),
    /// No file.
    Cancelled,
}

/// The chooser's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chooser {
    /// What for.
    pub purpose: Purpose,
    /// The folder shown.
    pub dir: PathBuf,
    /// The name or path typed.
    pub name: String,
    /// Why the last choice was refused.
    pub error: Option<String>,
}

/// The most entries a folder listing shows.
const MAX_ENTRIES: usize = 2_000;

impl Chooser {
    /// A chooser for `purpose`, in `dir`, with `suggested` as the name.
    pub fn new(purpose: Purpose, dir: PathBuf, suggested: &str) -> Chooser {
        Chooser {
            purpose,
            dir,
            name: suggested.to_owned(),
            error: None,
        }
    }

    /// The folders and matching files of the folder shown, folders first, each by name.
    fn entries(&self) -> Result<(Vec<PathBuf>, Vec<PathBuf>), String> {
        let read = std::fs::read_dir(&self.dir)
            .map_err(|e| format!("{} cannot be read: {e}", self.dir.display()))?;
        let (mut dirs, mut files) = (Vec::new(), Vec::new());
        for entry in read.flatten().take(MAX_ENTRIES) {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            if path.is_dir() {
                dirs.push(path);
            } else if self.purpose.extensions().iter().any(|x| name.ends_with(x)) {
                files.push(path);
            }
        }
        dirs.sort();
        files.sort();
        Ok((dirs, files))
    }

    /// The file the typed name means: a path as typed when it has folders, else in the folder
    /// shown.
    pub fn target(&self) -> Result<PathBuf, String> {
        let typed = self.name.trim();
        if typed.is_empty() {
            return Err("Type a file name or choose a file.".to_owned());
        }
        // A whole path replaces the folder shown; a name or a relative path is within it.
        let path = self.dir.join(typed);
        if self.purpose.opens() {
            if !path.is_file() {
                return Err(format!("There is no file {}.", path.display()));
            }
        } else if !path.parent().is_some_and(Path::is_dir) {
            return Err(format!(
                "There is no folder {}.",
                path.parent().unwrap_or(&path).display()
            ));
        }
        Ok(path)
    }

    /// Draws the chooser; returns how it ended, once it has.
    pub fn ui(&mut self, ui: &mut Ui) -> Option<Outcome> {
        ui.heading(self.purpose.title());
        ui.label(
            "No file dialog is available on this machine, so the planner shows its own. Choose a \
             folder and a file, or type a whole path.",
        );
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(self.dir.display().to_string()).strong());
            if let Some(parent) = self.dir.parent().map(Path::to_owned)
                && ui.button("Up a folder").clicked()
            {
                self.dir = parent;
            }
        });
        let mut chosen_file = None;
        egui::ScrollArea::vertical()
            .id_salt("chooser")
            .max_height(260.0)
            .show(ui, |ui| match self.entries() {
                Err(e) => {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                }
                Ok((dirs, files)) => {
                    for dir in dirs {
                        let name = dir.file_name().map(|n| n.to_string_lossy().into_owned());
                        if ui
                            .selectable_label(false, format!("📁 {}", name.unwrap_or_default()))
                            .clicked()
                        {
                            self.dir = dir;
                        }
                    }
                    for file in files {
                        let name = file
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        let on = self.name == name;
                        let r = ui.selectable_label(on, &name);
                        if r.clicked() {
                            self.name = name;
                        }
                        if r.double_clicked() {
                            chosen_file = Some(file);
                        }
                    }
                }
            });
        let mut outcome = chosen_file.map(Outcome::Chosen);
        ui.horizontal(|ui| {
            let label = ui.label("File name or path");
            let r = ui
                .add(egui::TextEdit::singleline(&mut self.name).desired_width(320.0))
                .labelled_by(label.id);
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let verb = if self.purpose.opens() { "Open" } else { "Save" };
            if ui.button(verb).clicked() || enter {
                match self.target() {
                    Ok(path) => outcome = Some(Outcome::Chosen(path)),
                    Err(e) => self.error = Some(e),
                }
            }
            if ui.button("Cancel").clicked() {
                outcome = Some(Outcome::Cancelled);
            }
        });
        if let Some(e) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_name_is_in_the_folder_shown_and_a_missing_file_or_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("north.plan.ron");
        std::fs::write(&plan, "x").unwrap();
        let mut c = Chooser::new(Purpose::OpenPlan, dir.path().to_owned(), "north.plan.ron");
        assert_eq!(c.target(), Ok(plan.clone()));
        c.name = "south.plan.ron".into();
        assert!(c.target().unwrap_err().contains("There is no file"));
        let mut s = Chooser::new(
            Purpose::SavePdf(Profile::Full, None),
            dir.path().to_owned(),
            "",
        );
        assert!(s.target().is_err(), "an empty name is refused");
        s.name = plan.with_file_name("out.pdf").display().to_string();
        assert_eq!(
            s.target(),
            Ok(dir.path().join("out.pdf")),
            "a whole path as typed"
        );
        s.name = "nowhere/out.pdf".into();
        assert!(s.target().unwrap_err().contains("There is no folder"));
        let (dirs, files) = c.entries().unwrap();
        assert!(dirs.is_empty());
        assert_eq!(files, vec![plan]);
    }
}
