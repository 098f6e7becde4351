//! The questions and messages the window asks and shows in a modal.

use super::{ChangedAnswer, Next, Output, PlannerApp, Prompt};
use crate::export::Profile;
use crate::storage::backups::Backup;
use crate::ui::chooser::Outcome;
use crate::ui::document::OpenPlan;
use crate::ui::files;

impl PlannerApp {
    pub(super) fn prompts(&mut self, ctx: &egui::Context) {
        let Some(prompt) = self.prompt.clone() else {
            return;
        };
        let mut close = false;
        let mut next_action: Option<(bool, Next)> = None;
        let mut export: Option<(Profile, Option<usize>)> = None;
        let mut write_copy: Option<(Output, Profile)> = None;
        let mut changed_answer: Option<ChangedAnswer> = None;
        let mut restore: Option<Backup> = None;
        let mut choice = None;
        let modal = egui::Modal::new(egui::Id::unique("prompt")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            match &prompt {
                Prompt::Changed(changed) => {
                    ui.heading("The file was changed by another copy");
                    ui.label(format!(
                        "{} was saved by another program (another laptop, a command or a sync \
                         folder) after this window opened it. Nothing has been written yet.",
                        changed.path.display()
                    ));
                    for line in &changed.differences {
                        ui.label(line);
                    }
                    ui.add_space(8.0);
                    ui.horizontal_wrapped(|ui| {
                        if ui
                            .button("Reload theirs")
                            .on_hover_text(
                                "Open the file as it is now; this window's version is \
                                kept as a recovery copy",
                            )
                            .clicked()
                        {
                            changed_answer = Some(ChangedAnswer::ReloadTheirs);
                        }
                        if ui
                            .button("Merge their custody events")
                            .on_hover_text(
                                "Add the custody events the file has to this plan and \
                                save; this window's other sections replace theirs",
                            )
                            .clicked()
                        {
                            changed_answer = Some(ChangedAnswer::MergeCustody);
                        }
                        if ui.button("Save elsewhere…").clicked() {
                            changed_answer = Some(ChangedAnswer::SaveElsewhere);
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
                Prompt::Restore { backups, chosen } => {
                    let mut selected = *chosen;
                    ui.heading("Restore a previous version");
                    ui.label(
                        "Each save keeps the version it replaces. Choose one to open in place \
                        of the plan; custody events recorded since are kept, and nothing is \
                        written until you save.",
                    );
                    egui::ScrollArea::vertical()
                        .max_height(260.0)
                        .show(ui, |ui| {
                            for (i, b) in backups.iter().enumerate() {
                                let label = format!(
                                    "{} UTC — {} KB{}",
                                    b.saved.format("%a %-d %b %Y %H:%M:%S"),
                                    b.size.div_ceil(1024),
                                    if b.legacy { " (older backup)" } else { "" }
                                );
                                ui.radio_value(&mut selected, i, label);
                            }
                        });
                    if selected != *chosen {
                        self.prompt = Some(Prompt::Restore {
                            backups: backups.clone(),
                            chosen: selected,
                        });
                    }
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Restore this version").clicked() {
                            restore = backups.get(selected).cloned();
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
                Prompt::Unsaved(next) => {
                    let name = self.doc.as_ref().map_or_else(String::new, OpenPlan::name);
                    ui.heading("Save changes?");
                    ui.label(format!(
                        "{name} has changes that are not saved. Save them first?"
                    ));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            next_action = Some((true, next.clone()));
                        }
                        if ui.button("Don't save").clicked() {
                            next_action = Some((false, next.clone()));
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
                Prompt::Export(profile, recipient) => {
                    let mut chosen = *profile;
                    let mut to = *recipient;
                    ui.heading("Export PDF");
                    choose_copy(ui, &mut chosen);
                    if chosen != *profile {
                        // A recipient receives one kind of copy: choose again for the other.
                        to = None;
                    }
                    if let Some(plan) = self.doc.as_ref().map(|d| &d.plan) {
                        issued_to(ui, plan, chosen, &mut to);
                    }
                    if (chosen, to) != (*profile, *recipient) {
                        self.prompt = Some(Prompt::Export(chosen, to));
                    }
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Export…").clicked() {
                            export = Some((chosen, to));
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
                Prompt::Copy(output, profile) => {
                    let mut chosen = *profile;
                    ui.heading(output.title());
                    if let Some(about) = output.about() {
                        ui.label(about);
                    }
                    choose_copy(ui, &mut chosen);
                    if chosen != *profile {
                        self.prompt = Some(Prompt::Copy(*output, chosen));
                    }
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Save…").clicked() {
                            write_copy = Some((*output, chosen));
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
                Prompt::Choose(chooser) => {
                    let mut chooser = chooser.clone();
                    match chooser.ui(ui) {
                        Some(Outcome::Chosen(path)) => choice = Some((chooser.purpose, path)),
                        Some(Outcome::Cancelled) => close = true,
                        None => self.prompt = Some(Prompt::Choose(chooser)),
                    }
                }
                Prompt::Error(message) => {
                    ui.heading("Something went wrong");
                    ui.label(message);
                    ui.add_space(8.0);
                    if ui.button("OK").clicked() {
                        close = true;
                    }
                }
            }
        });
        if modal.should_close() {
            close = true;
        }
        if let Some((save_first, next)) = next_action {
            self.prompt = None;
            if save_first {
                self.save_then(false, super::writer::After::Proceed(next));
            } else {
                // The user chose to drop the changes: their recovery copy goes too.
                // Opening another plan drops them only once it has opened (see `open`): a failed or
                // cancelled open leaves the window as it was, changes and recovery copy included.
                if !matches!(next, Next::Open(_)) {
                    if let Some(doc) = &self.doc {
                        files::clear_recovery(&self.data_dir, doc.path.as_deref());
                    }
                    if let Some(doc) = self.doc.as_mut() {
                        doc.saved_revision = Some(doc.history.revision());
                    }
                }
                self.proceed(next);
            }
        } else if let Some((profile, recipient)) = export {
            self.prompt = None;
            self.export(profile, recipient);
        } else if let Some((output, profile)) = write_copy {
            self.prompt = None;
            self.write_copy(output, profile);
        } else if let (Some(answer), Prompt::Changed(changed)) = (changed_answer, prompt) {
            self.prompt = None;
            self.resolve_changed(changed, answer);
        } else if let Some(backup) = restore {
            self.prompt = None;
            self.restore(&backup);
        } else if let Some((purpose, path)) = choice {
            self.prompt = None;
            self.chosen(purpose, path);
        } else if close {
            self.prompt = None;
        }
    }
}

/// The choice between the two copies, each saying whom it is for and what it withholds.
fn choose_copy(ui: &mut egui::Ui, chosen: &mut Profile) {
    ui.radio_value(chosen, Profile::Full, copy_label(Profile::Full));
    ui.radio_value(chosen, Profile::Redacted, copy_label(Profile::Redacted));
}

/// What each copy is, as the export prompts say it: the redacted copy withholds everything
/// marked full copy only, as the model's `redact` does (see its documentation).
pub(crate) fn copy_label(profile: Profile) -> &'static str {
    match profile {
        Profile::Full => "Full copy — for the police SPOC and FEOA",
        Profile::Redacted => {
            "Redacted copy — people's contact details, candidates' details, referrals, withheld \
             venues and hotspots, and security detail left out"
        }
    }
}

/// Whom the copy is issued to: an entry of the distribution list that receives this kind of copy
/// (a full copy to one is numbered "Copy 3 of 7"), or nobody in particular.
fn issued_to(
    ui: &mut egui::Ui,
    plan: &crate::model::Plan,
    profile: Profile,
    to: &mut Option<usize>,
) {
    let kind = match profile {
        Profile::Full => crate::model::CopyKind::Full,
        Profile::Redacted => crate::model::CopyKind::Redacted,
    };
    let nobody = "Nobody in particular (not numbered)";
    let name = |i: usize| {
        plan.overview
            .distribution
            .get(i)
            .map_or(nobody.to_owned(), |d| {
                format!("{}, {}", d.recipient, d.organisation)
            })
    };
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let label = ui.label("Issued to");
        egui::ComboBox::from_id_salt("issued-to")
            .selected_text(to.map_or(nobody.to_owned(), name))
            .width(320.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(to, None, nobody);
                for (i, d) in plan.overview.distribution.iter().enumerate() {
                    if d.copy == kind {
                        ui.selectable_value(to, Some(i), name(i));
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
}
