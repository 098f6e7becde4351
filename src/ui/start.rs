//! The start screen: a new plan from a template, open a plan, recent files, and recovered work.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate, Weekday};
use egui::{RichText, Ui};

use super::files::{self, RecoveryInfo};
use super::form::parse_date;
use crate::templates::{self, Template};
use crate::timetable;

/// What the user chose on the start screen.
pub enum StartAction {
    /// Create a plan from a template.
    Create {
        /// The template.
        template: &'static Template,
        /// Polling day.
        poll_date: NaiveDate,
    },
    /// Ask for a plan to open.
    Open,
    /// Open this plan.
    OpenPath(PathBuf),
    /// Open the recovered copy.
    Recover(RecoveryInfo),
    /// Throw the recovered copy away.
    Discard(RecoveryInfo),
}

/// The start screen's state.
pub struct StartScreen {
    template: usize,
    poll_date: String,
    recoveries: Vec<RecoveryInfo>,
}

impl StartScreen {
    /// The start screen, with any recovery copies found in `data_dir`.
    pub fn new(data_dir: &Path) -> StartScreen {
        StartScreen {
            template: 1,
            poll_date: String::new(),
            recoveries: files::recoveries(data_dir),
        }
    }

    /// Draws the screen; returns what the user chose.
    pub fn ui(&mut self, ui: &mut Ui, recent: &files::Recent) -> Option<StartAction> {
        let mut action = None;
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.vertical_centered(|ui| {
                ui.add_space(24.0);
                ui.heading(RichText::new("Election Integrity Planner").size(26.0));
                ui.label(
                    "Build the integrity and security plan you agree with the police, track \
                    ballot custody, and export it for the police to agree.",
                );
                ui.add_space(16.0);
            });
            ui.columns(2, |cols| {
                if let Some(a) = self.new_plan(&mut cols[0]) {
                    action = Some(a);
                }
                if let Some(a) = self.open_section(&mut cols[1], recent) {
                    action = Some(a);
                }
            });
        });
        action
    }

    fn new_plan(&mut self, ui: &mut Ui) -> Option<StartAction> {
        let mut action = None;
        egui::Frame::group(ui.style())
            .inner_margin(12.0)
            .show(ui, |ui| {
                ui.heading("New plan");
                ui.label(
                    "Start from a template: the standard roles, responsibilities, indicators, \
                custody stages, venue checklist and risks are filled in for you.",
                );
                ui.add_space(8.0);
                egui::Grid::new("new-plan")
                    .num_columns(2)
                    .spacing([12.0, 8.0])
                    .show(ui, |ui| {
                        let label = ui.label("Template");
                        egui::ComboBox::from_id_salt("template")
                            .selected_text(
                                templates::TEMPLATES
                                    .get(self.template)
                                    .map_or("", |t| t.title),
                            )
                            .width(280.0)
                            .show_ui(ui, |ui| {
                                for (i, t) in templates::TEMPLATES.iter().enumerate() {
                                    ui.selectable_value(&mut self.template, i, t.title);
                                }
                            })
                            .response
                            .labelled_by(label.id);
                        ui.end_row();
                        let label = ui.label("Polling day");
                        ui.add(
                            egui::TextEdit::singleline(&mut self.poll_date)
                                .hint_text("YYYY-MM-DD")
                                .desired_width(120.0),
                        )
                        .labelled_by(label.id);
                        ui.end_row();
                    });
                let template = templates::TEMPLATES.get(self.template);
                if let Some(t) = template {
                    ui.weak(t.description);
                }
                let parsed = parse_date(&self.poll_date, false);
                match &parsed {
                    Ok(Some(date)) => {
                        let warnings = template
                            .map(|t| {
                                timetable::poll_date_warnings(&timetable::Request::new(
                                    t.election_type,
                                    *date,
                                ))
                            })
                            .unwrap_or_default();
                        for w in warnings {
                            ui.colored_label(ui.visuals().warn_fg_color, w);
                        }
                        if date.weekday() == Weekday::Thu {
                            ui.weak(format!("Polling day: {}", date.format("%A %-d %B %Y")));
                        }
                    }
                    Err(reason) if !self.poll_date.trim().is_empty() => {
                        ui.colored_label(ui.visuals().error_fg_color, reason);
                    }
                    _ => {}
                }
                ui.add_space(6.0);
                let ready = matches!(parsed, Ok(Some(_))) && template.is_some();
                if ui
                    .add_enabled(ready, egui::Button::new("Create plan"))
                    .clicked()
                    && let (Ok(Some(poll_date)), Some(template)) = (parsed, template)
                {
                    action = Some(StartAction::Create {
                        template,
                        poll_date,
                    });
                }
            });
        action
    }

    fn open_section(&mut self, ui: &mut Ui, recent: &files::Recent) -> Option<StartAction> {
        let mut action = None;
        if !self.recoveries.is_empty() {
            egui::Frame::group(ui.style())
                .inner_margin(12.0)
                .show(ui, |ui| {
                    ui.heading(RichText::new("Recovered work").color(ui.visuals().warn_fg_color));
                    ui.label(
                        "The planner closed without saving these changes. Recover them, then save.",
                    );
                    for info in self.recoveries.clone() {
                        let name = info.original.as_ref().map_or_else(
                            || "An untitled plan".to_owned(),
                            |p| p.display().to_string(),
                        );
                        ui.horizontal_wrapped(|ui| {
                            ui.label(format!("{name}, autosaved {}", info.written));
                            if ui
                                .button("Recover")
                                .on_hover_text(format!("Recover {name}"))
                                .clicked()
                            {
                                action = Some(StartAction::Recover(info.clone()));
                            }
                            if ui
                                .button("Discard")
                                .on_hover_text(format!("Discard the recovered copy of {name}"))
                                .clicked()
                            {
                                action = Some(StartAction::Discard(info.clone()));
                            }
                        });
                    }
                });
            ui.add_space(8.0);
        }
        egui::Frame::group(ui.style())
            .inner_margin(12.0)
            .show(ui, |ui| {
                ui.heading("Open a plan");
                if ui.button("Open…").clicked() {
                    action = Some(StartAction::Open);
                }
                ui.add_space(8.0);
                ui.label(RichText::new("Recent plans").strong());
                if recent.paths.is_empty() {
                    ui.weak("Plans you open appear here.");
                }
                for path in &recent.paths {
                    let exists = path.exists();
                    let name = path.file_name().map_or_else(
                        || path.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                    let button = egui::Button::new(name).frame(false);
                    let response = ui
                        .add_enabled(exists, button)
                        .on_hover_text(path.display().to_string());
                    if !exists {
                        ui.weak(format!("{} (no longer there)", path.display()));
                    }
                    if response.clicked() {
                        action = Some(StartAction::OpenPath(path.clone()));
                    }
                }
            });
        action
    }
}
