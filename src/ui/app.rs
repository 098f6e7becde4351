//! The application: the open plan, the selected section, and the panels around it.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::readiness;
use crate::model::{Plan, Section};
use crate::storage;
use crate::validate::{self, Context, Finding, Severity};

/// An open plan and what validation says about it.
struct Document {
    plan: Plan,
    path: PathBuf,
    findings: Vec<Finding>,
}

/// The editor application.
pub struct PlannerApp {
    document: Option<Document>,
    error: Option<String>,
    section: Section,
    today: NaiveDate,
}

impl PlannerApp {
    /// The app, with `plan` loaded if given; `today` judges overdue dates.
    pub fn new(plan: Option<&Path>, today: NaiveDate) -> PlannerApp {
        let mut app = PlannerApp {
            document: None,
            error: None,
            section: Section::Overview,
            today,
        };
        if let Some(path) = plan {
            app.open(path);
        }
        app
    }

    fn open(&mut self, path: &Path) {
        match storage::load(path) {
            Ok(plan) => {
                let findings = validate::validate(&plan, &Context::on(self.today));
                self.document = Some(Document {
                    plan,
                    path: path.to_owned(),
                    findings,
                });
                self.error = None;
            }
            Err(e) => self.error = Some(format!("{e}\n{}", e.hint())),
        }
    }

    fn title(&self) -> String {
        match &self.document {
            Some(doc) => format!(
                "{} — Election Integrity Planner",
                doc.path.file_name().map_or_else(
                    || doc.path.display().to_string(),
                    |n| n.to_string_lossy().into_owned()
                )
            ),
            None => "Election Integrity Planner".to_owned(),
        }
    }
}

impl eframe::App for PlannerApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        ui.ctx()
            .send_viewport_cmd(egui::ViewportCommand::Title(self.title()));
        egui::Panel::top("top_bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                if ui.button("Open…").clicked()
                    && let Some(path) = rfd::FileDialog::new()
                        .add_filter("Plan", &["ron"])
                        .pick_file()
                {
                    self.open(&path);
                }
                if let Some(doc) = &self.document {
                    ui.separator();
                    ui.label(doc.path.display().to_string());
                }
            });
        });
        if let Some(error) = self.error.clone() {
            egui::Panel::top("error_bar").show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.colored_label(ui.visuals().error_fg_color, error);
                    if ui.button("Dismiss").clicked() {
                        self.error = None;
                    }
                });
            });
        }
        let Some(doc) = &self.document else {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.vertical_centered(|ui| {
                    ui.add_space(80.0);
                    ui.heading("Election Integrity Planner");
                    ui.label("Open a plan file (*.plan.ron) to see its overview and readiness.");
                });
            });
            return;
        };
        egui::Panel::left("sections")
            .default_size(250.0)
            .show(ui, |ui| {
                ui.heading("Sections");
                for section in Section::ALL {
                    let errors = doc
                        .findings
                        .iter()
                        .filter(|f| f.section == *section && f.severity == Severity::Error)
                        .count();
                    let label = if errors > 0 {
                        format!("{}. {}  ({errors})", section.number(), section.label())
                    } else {
                        format!("{}. {}", section.number(), section.label())
                    };
                    if ui
                        .selectable_label(self.section == *section, label)
                        .clicked()
                    {
                        self.section = *section;
                    }
                }
            });
        let mut jump = None;
        egui::Panel::right("readiness")
            .default_size(380.0)
            .show(ui, |ui| {
                let (errors, warnings) = validate::tally(&doc.findings);
                ui.heading(format!("Readiness: {errors} errors, {warnings} warnings"));
                jump = readiness::show(ui, &doc.findings);
            });
        if let Some(section) = jump {
            self.section = section;
        }
        egui::CentralPanel::default().show(ui, |ui| overview(ui, &doc.plan));
    }
}

fn overview(ui: &mut egui::Ui, plan: &Plan) {
    let o = &plan.overview;
    ui.heading(&o.title);
    egui::Grid::new("overview_grid")
        .num_columns(2)
        .spacing([24.0, 6.0])
        .show(ui, |ui| {
            let mut row = |label: &str, value: String| {
                ui.label(label);
                ui.label(value);
                ui.end_row();
            };
            row("Authority", o.authority.clone());
            row("Election", o.election_type.label().to_owned());
            row("Poll date", o.poll_date.format("%A %-d %B %Y").to_string());
            row(
                "Returning Officer",
                plan.person_name(o.returning_officer).to_owned(),
            );
            row("Version", o.version.clone());
            row("Status", o.status.label().to_owned());
            row("Marking", o.marking.label().to_owned());
            row(
                "Contests",
                o.contests
                    .iter()
                    .map(|c| c.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            );
            row("People", plan.people.len().to_string());
            row("Risks", plan.risks.len().to_string());
            row("Venues", plan.venues.venues.len().to_string());
            row("Custody events", plan.custody.events.len().to_string());
        });
}
