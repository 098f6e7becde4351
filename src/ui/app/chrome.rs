//! The window's chrome: the menu bar, the status bar and the list of sections.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::PlannerApp;
use crate::ui::command::Command;

impl PlannerApp {
    pub(super) fn menu_bar(&mut self, ui: &mut Ui) {
        let mut chosen = None;
        let mut recent = None;
        let labels = self.doc.as_ref().map(|d| {
            let undo = d.history.undo_label().map(|l| format!("Undo {l}"));
            let redo = d.history.redo_label().map(|l| format!("Redo {l}"));
            (undo, redo)
        });
        let (undo, redo) = labels.unwrap_or_default();
        let has_plan = self.doc.is_some();
        let linked = self.shared.is_some();
        let paths = self.recent.paths.clone();
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                for menu in ["File", "Edit", "Custody"] {
                    ui.menu_button(menu, |ui| {
                        for command in Command::ALL.iter().filter(|c| c.menu() == menu) {
                            let label = match command {
                                Command::Undo => undo.clone(),
                                Command::Redo => redo.clone(),
                                Command::SharedLog if linked => {
                                    Some("Disconnect from shared log".to_owned())
                                }
                                _ => None,
                            };
                            let enabled = (!command.needs_plan() || has_plan)
                                && match command {
                                    Command::Undo => undo.is_some(),
                                    Command::Redo => redo.is_some(),
                                    _ => true,
                                };
                            if menu_item(ui, *command, label, enabled) {
                                chosen = Some(*command);
                            }
                            if *command == Command::Open
                                && let Some(path) = recent_menu(ui, &paths)
                            {
                                recent = Some(path);
                            }
                        }
                    });
                }
                ui.menu_button("View", |ui| {
                    theme_choice(ui);
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
        if let Some(path) = recent {
            self.open_recent(path);
        }
    }

    /// The status bar: the latest notice while it still describes the plan, else where the open
    /// plan stands. It is always there, so a notice appearing never moves the screens' widgets
    /// (which would take the focus from the field being typed in).
    pub(super) fn notice_bar(&mut self, ui: &mut Ui) {
        let mut dismiss = false;
        let mut opened = None;
        let revision = self.doc.as_ref().map(|d| d.history.revision());
        let current = self.notice.as_ref().filter(|n| n.revision == revision);
        egui::Panel::bottom("notices").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                // The shared custody log's state stays in view whatever else is said.
                self.shared_log_status(ui);
                match current {
                    Some(notice) => {
                        ui.label(&notice.text);
                        if let Some(file) = &notice.file {
                            if ui.button("Open the PDF").clicked() {
                                opened = Some(crate::ui::desktop::open(file));
                            }
                            if ui.button("Show in folder").clicked() {
                                opened = Some(crate::ui::desktop::show_in_folder(file));
                            }
                        }
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
                }
            });
        });
        if dismiss {
            self.notice = None;
        }
        if let Some(Err(message)) = opened {
            self.tell(message);
        }
    }
}

/// One command in a menu, with its shortcut beside it; returns whether it was chosen.
fn menu_item(ui: &mut Ui, command: Command, label: Option<String>, enabled: bool) -> bool {
    let label = label.unwrap_or_else(|| command.label().to_owned());
    let mut button = egui::Button::new(label);
    if let Some(s) = command.shortcut() {
        button = button.shortcut_text(ui.ctx().format_shortcut(&s));
    }
    ui.add_enabled(enabled, button).clicked()
}

/// File ▸ Recent plans: each by its whole path, the newest first.
fn recent_menu(ui: &mut Ui, paths: &[PathBuf]) -> Option<PathBuf> {
    let mut chosen = None;
    ui.add_enabled_ui(!paths.is_empty(), |ui| {
        ui.menu_button("Recent plans", |ui| {
            for path in paths {
                if ui.button(path.display().to_string()).clicked() {
                    chosen = Some(path.clone());
                }
            }
        });
    });
    chosen
}

/// The theme, in words (egui's own switch draws icons from fonts the planner does not carry).
fn theme_choice(ui: &mut Ui) {
    use egui::ThemePreference as T;
    let mut theme = ui.ctx().options(|o| o.theme_preference);
    let before = theme;
    for (choice, words) in [
        (T::System, "Theme: follow the system"),
        (T::Light, "Theme: light"),
        (T::Dark, "Theme: dark"),
    ] {
        ui.radio_value(&mut theme, choice, words);
    }
    if theme != before {
        ui.ctx().set_theme(theme);
    }
}
