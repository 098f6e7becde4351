//! The window's chrome: the menu bar, the status bar and the list of sections.

use egui::{RichText, Ui};

use super::PlannerApp;
use crate::ui::command::Command;

impl PlannerApp {
    pub(super) fn menu_bar(&mut self, ui: &mut Ui) {
        let mut chosen = None;
        let has_plan = self.doc.is_some();
        let undo = self
            .doc
            .as_ref()
            .and_then(|d| d.history.undo_label().map(str::to_owned));
        let redo = self
            .doc
            .as_ref()
            .and_then(|d| d.history.redo_label().map(str::to_owned));
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                for menu in ["File", "Edit"] {
                    ui.menu_button(menu, |ui| {
                        for command in Command::ALL.iter().filter(|c| c.menu() == menu) {
                            let mut label = command.label().to_owned();
                            match command {
                                Command::Undo => {
                                    label =
                                        undo.as_ref().map_or(label.clone(), |l| format!("Undo {l}"))
                                }
                                Command::Redo => {
                                    label =
                                        redo.as_ref().map_or(label.clone(), |l| format!("Redo {l}"))
                                }
                                _ => {}
                            }
                            let mut button = egui::Button::new(label);
                            if let Some(s) = command.shortcut() {
                                button = button.shortcut_text(ui.ctx().format_shortcut(&s));
                            }
                            let enabled = (!command.needs_plan() || has_plan)
                                && match command {
                                    Command::Undo => undo.is_some(),
                                    Command::Redo => redo.is_some(),
                                    _ => true,
                                };
                            if ui.add_enabled(enabled, button).clicked() {
                                chosen = Some(*command);
                            }
                        }
                    });
                }
                ui.menu_button("View", |ui| {
                    egui::widgets::global_theme_preference_buttons(ui);
                    ui.separator();
                    egui::gui_zoom::zoom_menu_buttons(ui);
                });
                if let Some(doc) = &self.doc {
                    ui.separator();
                    let state = if doc.is_dirty() {
                        "unsaved changes"
                    } else {
                        "saved"
                    };
                    ui.label(RichText::new(format!("{} — {state}", doc.name())).weak());
                }
            });
        });
        if let Some(command) = chosen {
            self.command(command);
        }
    }

    /// The status bar: the latest notice, or where the open plan stands. It is always there, so a notice
    /// appearing never moves the screens' widgets (which would take the focus from the field being typed in).
    pub(super) fn notice_bar(&mut self, ui: &mut Ui) {
        let mut dismiss = false;
        egui::Panel::bottom("notices").show(ui, |ui| {
            ui.horizontal(|ui| match self.notices.last() {
                Some(last) => {
                    ui.label(last);
                    if ui.button("Dismiss").clicked() {
                        dismiss = true;
                    }
                }
                None => {
                    let state = match &self.doc {
                        Some(doc) if doc.is_dirty() => "Unsaved changes",
                        Some(doc) if doc.path.is_some() => "All changes saved",
                        Some(_) => "Not saved yet",
                        None => "No plan open",
                    };
                    ui.label(RichText::new(state).weak());
                }
            });
        });
        if dismiss {
            self.notices.clear();
        }
    }
}
