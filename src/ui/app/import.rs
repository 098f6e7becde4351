//! File ▸ Import venues… and Import people…: choose the file, show the import dialog, and apply
//! its preview as one step of the undo history.

use std::path::Path;

use super::{PlannerApp, Prompt};
use crate::import::Target;
use crate::ui::chooser::Purpose;
use crate::ui::edits::Edits;
use crate::ui::import::{Answer, ImportDialog};

impl PlannerApp {
    /// Asks for the file to import into `target`'s list.
    pub(super) fn import_table(&mut self, target: Target) {
        if let Some(path) = self.ask_file(Purpose::ImportTable(target), "") {
            self.open_import(target, &path);
        }
    }

    /// Reads the chosen file and shows its preview (or says why it cannot be read).
    pub(super) fn open_import(&mut self, target: Target, path: &Path) {
        let Some(doc) = self.doc.as_ref() else { return };
        match ImportDialog::open(target, path, None, &doc.plan, &self.config_dir) {
            Ok(dialog) => self.import = Some(dialog),
            Err(message) => {
                self.prompt = Some(Prompt::Error(format!(
                    "The file could not be imported: {message}\nThe plan is unchanged."
                )));
            }
        }
    }

    /// Shows the import dialog while it is open; on Import, applies the preview as one edit.
    pub(super) fn import_dialog(&mut self, ctx: &egui::Context, time: f64) {
        let (Some(dialog), Some(doc)) = (self.import.as_mut(), self.doc.as_ref()) else {
            return;
        };
        let mut answer = None;
        let modal = egui::Modal::new(egui::Id::unique("import-dialog")).show(ctx, |ui| {
            ui.set_max_width(860.0);
            answer = dialog.ui(ui, &doc.plan);
        });
        if modal.should_close() && answer.is_none() {
            answer = Some(Answer::Cancel);
        }
        match answer {
            None => {}
            Some(Answer::Cancel) => self.import = None,
            Some(Answer::Import) => {
                let Some(dialog) = self.import.take() else {
                    return;
                };
                let Some((section, label, change, told)) = dialog.edit() else {
                    return;
                };
                let mut edits = Edits::default();
                edits.push(section, label, change);
                if let Some(doc) = self.doc.as_mut() {
                    doc.apply(edits, time);
                }
                self.section = section;
                let kept = dialog.remember(&self.config_dir);
                match kept {
                    Ok(()) => self.tell(told),
                    Err(e) => self.tell(format!("{told} (The mapping was not kept: {e}.)")),
                }
            }
        }
    }
}
