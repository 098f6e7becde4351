//! The application: the open plan, the screens, the menus and shortcuts, and the files behind them.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use egui::{Color32, RichText, Ui};

use super::command::Command;
use super::document::OpenPlan;
use super::edits::{Edits, Focus};
use super::files::{self, Dialogs, NativeDialogs, Recent};
use super::readiness;
use super::screens::Screens;
use super::start::{StartAction, StartScreen};
use crate::export::{self, Profile};
use crate::model::{Plan, Section};
use crate::storage;

/// What to do once unsaved changes have been dealt with.
#[derive(Clone, Debug, PartialEq)]
enum Next {
    /// Close the window.
    Quit,
    /// Go back to the start screen (New, Close plan).
    Start,
    /// Open a plan (asking for it when `None`).
    Open(Option<PathBuf>),
}

/// A question or message the window is showing.
#[derive(Clone, Debug, PartialEq)]
enum Prompt {
    /// Save before `Next`?
    Unsaved(Next),
    /// Export as which profile?
    Export(Profile),
    /// Something went wrong.
    Error(String),
}

/// The editor application.
pub struct PlannerApp {
    data_dir: PathBuf,
    fixed_now: Option<NaiveDateTime>,
    doc: Option<OpenPlan>,
    start: StartScreen,
    screens: Screens,
    section: Section,
    recent: Recent,
    dialogs: Box<dyn Dialogs>,
    prompt: Option<Prompt>,
    notices: Vec<String>,
    last_recovery_write: f64,
    quitting: bool,
    shown_title: String,
}

impl PlannerApp {
    /// The app with native dialogs, opening `plan` if given.
    pub fn new(plan: Option<&Path>) -> PlannerApp {
        let mut app = PlannerApp::with(files::data_dir(), Box::new(NativeDialogs), None);
        if let Some(path) = plan {
            app.open(path);
        }
        app
    }

    /// The app with its data folder, dialogs and clock given (for tests).
    pub fn with(
        data_dir: PathBuf,
        dialogs: Box<dyn Dialogs>,
        fixed_now: Option<NaiveDateTime>,
    ) -> PlannerApp {
        let recent = Recent::load(&data_dir);
        let start = StartScreen::new(&data_dir);
        PlannerApp {
            data_dir,
            fixed_now,
            doc: None,
            start,
            screens: Screens::default(),
            section: Section::Overview,
            recent,
            dialogs,
            prompt: None,
            notices: Vec::new(),
            last_recovery_write: 0.0,
            quitting: false,
            shown_title: String::new(),
        }
    }

    fn now(&self) -> NaiveDateTime {
        self.fixed_now
            .unwrap_or_else(|| chrono::Local::now().naive_local())
    }

    /// The open plan, if any.
    pub fn plan(&self) -> Option<&Plan> {
        self.doc.as_ref().map(|d| &d.plan)
    }

    /// Shows a section's screen.
    pub fn select(&mut self, section: Section) {
        self.section = section;
    }

    /// Whether the open plan has unsaved changes.
    pub fn is_dirty(&self) -> bool {
        self.doc.as_ref().is_some_and(OpenPlan::is_dirty)
    }

    /// Whether a save-before question is showing.
    pub fn is_asking_to_save(&self) -> bool {
        matches!(self.prompt, Some(Prompt::Unsaved(_)))
    }

    /// Whether the window may close now (after the user answered about unsaved changes).
    pub fn is_quitting(&self) -> bool {
        self.quitting
    }

    /// The window title: the file name, a dot when there are unsaved changes.
    pub fn title(&self) -> String {
        match &self.doc {
            Some(doc) => format!(
                "{}{} — Election Integrity Planner",
                if doc.is_dirty() { "● " } else { "" },
                doc.name()
            ),
            None => "Election Integrity Planner".to_owned(),
        }
    }

    fn open(&mut self, path: &Path) {
        match storage::load(path) {
            Ok(plan) => {
                self.recent.add(&self.data_dir, path);
                self.set_doc(OpenPlan::new(plan, Some(path.to_owned()), true));
            }
            Err(e) => self.prompt = Some(Prompt::Error(format!("{e}\n\n{}", e.hint()))),
        }
    }

    fn set_doc(&mut self, mut doc: OpenPlan) {
        doc.refresh_findings(self.now(), 0.0, true);
        self.doc = Some(doc);
        self.screens = Screens::default();
        self.section = Section::Overview;
    }

    fn save(&mut self, ask: bool) -> bool {
        let Some(doc) = self.doc.as_ref() else {
            return false;
        };
        let path = match (&doc.path, ask) {
            (Some(p), false) => p.clone(),
            _ => {
                let suggested = doc
                    .path
                    .as_ref()
                    .map_or_else(|| "plan.plan.ron".to_owned(), |_| doc.name());
                match self.dialogs.save_plan(&suggested) {
                    Some(p) => p,
                    None => return false,
                }
            }
        };
        let Some(doc) = self.doc.as_mut() else {
            return false;
        };
        match storage::save(&doc.plan, &path) {
            Ok(()) => {
                files::clear_recovery(&self.data_dir, doc.path.as_deref());
                files::clear_recovery(&self.data_dir, Some(&path));
                doc.path = Some(path.clone());
                doc.saved_state = Some(doc.history.state());
                self.recent.add(&self.data_dir, &path);
                self.notices.push(format!("Saved {}", path.display()));
                true
            }
            Err(e) => {
                self.prompt = Some(Prompt::Error(format!(
                    "{e}\nThe plan is still open with your changes; try saving somewhere else."
                )));
                false
            }
        }
    }

    fn export(&mut self, profile: Profile) {
        let Some(doc) = self.doc.as_ref() else { return };
        let stem = doc.name().trim_end_matches(".plan.ron").to_owned();
        let suggested = if profile == Profile::Redacted {
            format!("{stem}-redacted.pdf")
        } else {
            format!("{stem}.pdf")
        };
        let Some(path) = self.dialogs.save_pdf(&suggested) else {
            return;
        };
        let result = export::plan_pdf(&doc.plan, profile)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                storage::write_atomically(&path, &bytes, false).map_err(|e| e.to_string())
            });
        match result {
            Ok(()) => self.notices.push(format!(
                "Exported the {} copy to {}",
                profile.key(),
                path.display()
            )),
            Err(e) => {
                self.prompt = Some(Prompt::Error(format!("The PDF could not be exported: {e}")))
            }
        }
    }

    fn custody_sheets(&mut self) {
        let Some(doc) = self.doc.as_ref() else { return };
        let stem = doc.name().trim_end_matches(".plan.ron").to_owned();
        let Some(path) = self.dialogs.save_pdf(&format!("{stem}-custody-sheets.pdf")) else {
            return;
        };
        let result = export::custody_sheets_pdf(&doc.plan)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                storage::write_atomically(&path, &bytes, false).map_err(|e| e.to_string())
            });
        match result {
            Ok(()) => self
                .notices
                .push(format!("Custody sheets written to {}", path.display())),
            Err(e) => {
                self.prompt = Some(Prompt::Error(format!(
                    "The custody sheets could not be written: {e}"
                )))
            }
        }
    }

    /// Carries out `next`, asking about unsaved changes first.
    fn then(&mut self, next: Next) {
        if self.is_dirty() {
            self.prompt = Some(Prompt::Unsaved(next));
        } else {
            self.proceed(next);
        }
    }

    fn proceed(&mut self, next: Next) {
        match next {
            Next::Quit => self.quitting = true,
            Next::Start => {
                self.doc = None;
                self.start = StartScreen::new(&self.data_dir);
            }
            Next::Open(Some(path)) => self.open(&path),
            Next::Open(None) => {
                if let Some(path) = self.dialogs.open_plan() {
                    self.open(&path);
                }
            }
        }
    }

    /// Runs a command from the menu or the keyboard.
    pub fn command(&mut self, command: Command) {
        if command.needs_plan() && self.doc.is_none() {
            return;
        }
        match command {
            Command::New => self.then(Next::Start),
            Command::Open => self.then(Next::Open(None)),
            Command::Close => self.then(Next::Start),
            Command::Save => {
                self.save(false);
            }
            Command::SaveAs => {
                self.save(true);
            }
            Command::Export => self.prompt = Some(Prompt::Export(Profile::Full)),
            Command::CustodySheets => self.custody_sheets(),
            Command::Undo | Command::Redo => {
                if let Some(doc) = self.doc.as_mut() {
                    let section = if command == Command::Undo {
                        doc.history.undo(&mut doc.plan)
                    } else {
                        doc.history.redo(&mut doc.plan)
                    };
                    if let Some(section) = section {
                        self.section = section;
                    }
                }
            }
            Command::Find => self.screens.focus_filter(self.section),
        }
    }

    /// Asks to close the window (as the window manager's close button does).
    pub fn request_quit(&mut self) {
        self.then(Next::Quit);
    }

    /// Writes a recovery copy every minute while there are unsaved changes.
    fn autosave(&mut self, time: f64) {
        let Some(doc) = self.doc.as_ref() else { return };
        if !doc.is_dirty() || time - self.last_recovery_write < 60.0 {
            return;
        }
        self.last_recovery_write = time;
        let written = self.now().format("%Y-%m-%d %H:%M:%S").to_string();
        let result = storage::to_ron(&doc.plan)
            .map_err(|e| e.to_string())
            .and_then(|text| {
                files::write_recovery(&self.data_dir, doc.path.as_deref(), &text, &written)
            });
        if let Err(e) = result {
            self.notices
                .push(format!("Could not write the recovery copy: {e}"));
        }
    }

    /// Draws the whole window and applies what the user did. Everything but the OS window lives here, so
    /// tests and benchmarks can run it headless.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let time = ctx.input(|i| i.time);
        for command in Command::pressed(&ctx) {
            self.command(command);
        }
        self.menu_bar(ui);
        self.notice_bar(ui);
        if self.doc.is_none() {
            egui::CentralPanel::default().show(ui, |ui| {
                let action = self.start.ui(ui, &self.recent);
                self.start_action(action);
            });
        } else {
            self.editor(ui, time);
        }
        self.prompts(&ctx);
        self.autosave(time);
        if self.is_dirty() {
            ctx.request_repaint_after(std::time::Duration::from_secs(60));
        }
    }

    fn start_action(&mut self, action: Option<StartAction>) {
        match action {
            None => {}
            Some(StartAction::Create {
                template,
                poll_date,
            }) => self.create(template, poll_date),
            Some(StartAction::Open) => self.proceed(Next::Open(None)),
            Some(StartAction::OpenPath(path)) => self.open(&path),
            Some(StartAction::Recover(info)) => match storage::load(&info.copy) {
                Ok(plan) => {
                    self.set_doc(OpenPlan::new(plan, info.original.clone(), false));
                    self.notices
                        .push("Recovered unsaved work. Save it to keep it.".to_owned());
                }
                Err(e) => {
                    self.prompt = Some(Prompt::Error(format!(
                        "The recovery copy could not be read: {e}"
                    )))
                }
            },
            Some(StartAction::Discard(info)) => {
                files::clear_recovery(&self.data_dir, info.original.as_deref());
                self.start = StartScreen::new(&self.data_dir);
            }
        }
    }

    fn create(&mut self, template: &'static crate::templates::Template, poll_date: NaiveDate) {
        match template.instantiate(poll_date, self.now().date()) {
            Ok(plan) => self.set_doc(OpenPlan::new(plan, None, false)),
            Err(e) => self.prompt = Some(Prompt::Error(e.to_string())),
        }
    }

    fn menu_bar(&mut self, ui: &mut Ui) {
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

    fn notice_bar(&mut self, ui: &mut Ui) {
        if self.notices.is_empty() {
            return;
        }
        let mut dismiss = false;
        egui::Panel::bottom("notices").show(ui, |ui| {
            ui.horizontal(|ui| {
                if let Some(last) = self.notices.last() {
                    ui.label(last);
                }
                if ui.button("Dismiss").clicked() {
                    dismiss = true;
                }
            });
        });
        if dismiss {
            self.notices.clear();
        }
    }

    fn editor(&mut self, ui: &mut Ui, time: f64) {
        let now = self.now();
        let Some(doc) = self.doc.as_mut() else { return };
        if doc.refresh_findings(now, time, false) {
            ui.ctx().request_repaint();
        } else if doc.findings_stale() {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(350));
        }
        let mut go: Option<(Section, Option<Focus>)> = None;
        egui::Panel::left("sections")
            .default_size(300.0)
            .min_size(220.0)
            .show(ui, |ui| {
                ui.add_space(4.0);
                ui.heading("Sections");
                ui.add_space(4.0);
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for section in Section::ALL {
                        let (errors, warnings) = doc.counts(*section);
                        let (badge, colour, status) = match (errors, warnings) {
                            (0, 0) => (
                                "✔".to_owned(),
                                Color32::from_rgb(0x2e, 0x7d, 0x32),
                                "complete".to_owned(),
                            ),
                            (0, w) => (
                                format!("{w} ⚠"),
                                ui.visuals().warn_fg_color,
                                format!("{w} warning{}", if w == 1 { "" } else { "s" }),
                            ),
                            (e, _) => (
                                format!("{e} ✖"),
                                ui.visuals().error_fg_color,
                                format!("{e} error{}", if e == 1 { "" } else { "s" }),
                            ),
                        };
                        let response = ui.horizontal(|ui| {
                            // The whole width is the target, not just the words.
                            let width = (ui.available_width() - 56.0).max(120.0);
                            let name = format!("{}. {}", section.number(), section.label());
                            let entry = egui::Button::selectable(
                                self.section == *section,
                                (name, egui::Atom::grow()),
                            )
                            .min_size(egui::vec2(width, 0.0));
                            let r = ui.add(entry);
                            ui.with_layout(
                                egui::Layout::right_to_left(egui::Align::Center),
                                |ui| {
                                    ui.label(RichText::new(badge).color(colour).strong());
                                },
                            );
                            r
                        });
                        let r = response
                            .inner
                            .on_hover_text(format!("{}: {status}", section.label()));
                        if r.clicked() {
                            go = Some((*section, None));
                        }
                    }
                });
            });
        egui::Panel::right("readiness")
            .default_size(360.0)
            .min_size(220.0)
            .show(ui, |ui| {
                if let Some(target) = readiness::show(ui, &doc.findings, doc.findings_stale()) {
                    go = Some(target);
                }
            });
        let mut edits = Edits::default();
        egui::CentralPanel::default().show(ui, |ui| {
            let state = doc.history.state();
            self.screens.show(
                self.section,
                ui,
                &doc.plan,
                state,
                &doc.findings,
                now,
                &mut edits,
            );
        });
        if let Some(notice) = edits.notice.take() {
            self.notices.push(notice);
        }
        doc.apply(edits, time);
        if let Some((section, focus)) = go {
            self.section = section;
            if let Some(focus) = focus {
                self.screens.focus(section, focus);
            }
        }
    }

    fn prompts(&mut self, ctx: &egui::Context) {
        let Some(prompt) = self.prompt.clone() else {
            return;
        };
        let mut close = false;
        let mut next_action: Option<(bool, Next)> = None;
        let mut export: Option<Profile> = None;
        let modal = egui::Modal::new(egui::Id::unique("prompt")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            match &prompt {
                Prompt::Unsaved(next) => {
                    let name = self.doc.as_ref().map_or_else(String::new, OpenPlan::name);
                    ui.heading("Save changes?");
                    ui.label(format!("{name} has changes that are not saved. Save them first?"));
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
                Prompt::Export(profile) => {
                    let mut chosen = *profile;
                    ui.heading("Export PDF");
                    ui.radio_value(&mut chosen, Profile::Full, "Full copy — for the police SPOC and FEOA");
                    ui.radio_value(&mut chosen, Profile::Redacted, "Redacted copy — contact details, candidate data and hotspot addresses withheld");
                    if chosen != *profile {
                        self.prompt = Some(Prompt::Export(chosen));
                    }
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Export…").clicked() {
                            export = Some(chosen);
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
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
                if self.save(false) {
                    self.proceed(next);
                }
            } else {
                // The user chose to drop the changes: their recovery copy goes too.
                if let Some(doc) = &self.doc {
                    files::clear_recovery(&self.data_dir, doc.path.as_deref());
                }
                if let Some(doc) = self.doc.as_mut() {
                    doc.saved_state = Some(doc.history.state());
                }
                self.proceed(next);
            }
        } else if let Some(profile) = export {
            self.prompt = None;
            self.export(profile);
        } else if close {
            self.prompt = None;
        }
    }
}

impl eframe::App for PlannerApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if ctx.input(|i| i.viewport().close_requested()) && !self.quitting {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.request_quit();
        }
        self.show(ui);
        let title = self.title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
        if self.quitting {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}
