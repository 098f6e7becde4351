//! The application: the open plan, the screens, the menus and shortcuts, and the files behind them.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use egui::{Color32, RichText, Ui};

use super::command::Command;
use super::document::OpenPlan;
use super::edits::{Edits, Focus};
use super::files::{self, Dialogs, NativeDialogs, Recent};
use super::readiness;
use super::screens::{Screens, View};
use super::start::{StartAction, StartScreen};
use crate::edit::Step;
use crate::export::{self, Profile};
use crate::model::{Plan, Section};
use crate::storage::{self, Digest, backups::Backup};

/// How long a save from the editor waits for another program that is writing the plan.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

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

/// The plan file changed on disk since the editor read it: another laptop, a command or a sync folder
/// saved it. Nothing has been written; the user chooses.
#[derive(Clone, Debug, PartialEq)]
struct Changed {
    /// The file.
    path: PathBuf,
    /// What it holds now.
    theirs: Box<Plan>,
    /// The digest of what it holds now.
    digest: Digest,
    /// What differs, in words.
    differences: Vec<String>,
}

/// What the user chose when another copy had changed the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ChangedAnswer {
    /// Open the file as it is now.
    ReloadTheirs,
    /// Add the file's custody events to this plan and save.
    MergeCustody,
    /// Save this plan under another name.
    SaveElsewhere,
}

/// A question or message the window is showing.
#[derive(Clone, Debug, PartialEq)]
enum Prompt {
    /// Save before `Next`?
    Unsaved(Next),
    /// Export as which profile?
    Export(Profile),
    /// Another copy changed the file: reload theirs, merge their custody events, or save elsewhere?
    Changed(Changed),
    /// Which backup to go back to?
    Restore {
        /// The backups, newest first.
        backups: Vec<Backup>,
        /// The one chosen.
        chosen: usize,
    },
    /// Something went wrong.
    Error(String),
}

/// What differs between the open plan and another copy of its file, in words an elections manager reads.
fn differences(ours: &Plan, theirs: &Plan) -> Vec<String> {
    let mut out = Vec::new();
    let sections: Vec<&str> = crate::edit::sections_differing(ours, theirs)
        .into_iter()
        .map(Section::label)
        .collect();
    if !sections.is_empty() {
        out.push(format!("Sections that differ: {}.", sections.join(", ")));
    }
    let ids = |p: &Plan| -> std::collections::HashSet<crate::model::CustodyEventId> {
        p.custody.events.iter().map(|e| e.id).collect()
    };
    let (mine, their) = (ids(ours), ids(theirs));
    let only_theirs = their.difference(&mine).count();
    let only_mine = mine.difference(&their).count();
    let events = |n: usize| format!("{n} custody event{}", if n == 1 { "" } else { "s" });
    match (only_theirs, only_mine) {
        (0, 0) => {}
        (t, 0) => out.push(format!("The file has {} this window does not.", events(t))),
        (0, m) => out.push(format!("This window has {} the file does not.", events(m))),
        (t, m) => out.push(format!(
            "The file has {} this window does not; this window has {} the file does not.",
            events(t),
            events(m)
        )),
    }
    if ours.id != theirs.id {
        out.push("The file now holds a different plan (another plan id).".to_owned());
    }
    if out.is_empty() {
        out.push("The contents are the same; only the file's layout differs.".to_owned());
    }
    out
}

/// The editor application.
pub struct PlannerApp {
    data_dir: PathBuf,
    device: String,
    fixed_now: Option<NaiveDateTime>,
    doc: Option<OpenPlan>,
    start: StartScreen,
    screens: Screens,
    /// What the date fields' calendar marks, with the revision it was worked out for.
    marks: Option<(u64, std::sync::Arc<super::calendar::Marks>)>,
    section: Section,
    recent: Recent,
    dialogs: Box<dyn Dialogs>,
    prompt: Option<Prompt>,
    notices: Vec<String>,
    last_recovery_write: f64,
    recovery_revision: Option<u64>,
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
        let device = crate::device::device_name(&data_dir);
        PlannerApp {
            data_dir,
            device,
            fixed_now,
            doc: None,
            start,
            screens: Screens::default(),
            marks: None,
            section: Section::Overview,
            recent,
            dialogs,
            prompt: None,
            notices: Vec::new(),
            last_recovery_write: 0.0,
            recovery_revision: None,
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
        match storage::open(path) {
            Ok(loaded) => {
                self.recent.add(&self.data_dir, path);
                let doc = OpenPlan::new(
                    loaded.plan,
                    Some(path.to_owned()),
                    Some(loaded.digest),
                    self.device.clone(),
                );
                self.set_doc(doc);
                if let Some(version) = loaded.migrated_from {
                    self.notices.push(format!(
                        "This plan was written in an older format (version {version}); saving it writes the current format and gives it a plan id. Copies of the old file converted elsewhere count as different plans."
                    ));
                }
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
        match self.save_to(&path) {
            Ok(saved) => saved,
            Err(message) => {
                self.prompt = Some(Prompt::Error(format!(
                    "{message}\nThe plan is still open with your changes; try again, or save it somewhere else."
                )));
                false
            }
        }
    }

    /// Saves to `path` under its lock, unless another copy changed the file since this window read it, in
    /// which case nothing is written and the user is asked what to do. Returns whether it saved.
    fn save_to(&mut self, path: &Path) -> Result<bool, String> {
        let Some(doc) = self.doc.as_mut() else {
            return Ok(false);
        };
        let held = storage::lock(path, LOCK_WAIT)
            .map_err(|e| storage::SaveError::from_lock(path, e).to_string())?;
        let same_file = doc.path.as_deref() == Some(path);
        let now_on_disk = storage::read_digest(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        if same_file && now_on_disk.is_some() && now_on_disk != doc.disk {
            let theirs = storage::open(path).map_err(|e| {
                format!(
                    "{} was changed by another program and cannot be read now: {e}",
                    path.display()
                )
            })?;
            let differences = differences(&doc.plan, &theirs.plan);
            self.prompt = Some(Prompt::Changed(Changed {
                path: path.to_owned(),
                theirs: Box::new(theirs.plan),
                digest: theirs.digest,
                differences,
            }));
            return Ok(false);
        }
        let saved = storage::save_locked(&mut doc.plan, path, &held).map_err(|e| e.to_string())?;
        drop(held);
        files::clear_recovery(&self.data_dir, doc.path.as_deref());
        files::clear_recovery(&self.data_dir, Some(path));
        doc.path = Some(path.to_owned());
        doc.mark_saved(saved.digest);
        self.recovery_revision = None;
        self.recent.add(&self.data_dir, path);
        self.notices.push(format!("Saved {}", path.display()));
        Ok(true)
    }

    /// The user's answer to a file changed by another copy.
    fn resolve_changed(&mut self, changed: Changed, answer: ChangedAnswer) {
        match answer {
            ChangedAnswer::ReloadTheirs => {
                // Their version replaces this window's; this window's work is kept as a recovery copy.
                if let Some(doc) = &self.doc
                    && doc.is_dirty()
                {
                    self.write_recovery();
                }
                let doc = OpenPlan::new(
                    *changed.theirs,
                    Some(changed.path),
                    Some(changed.digest),
                    self.device.clone(),
                );
                self.set_doc(doc);
                self.notices.push(
                    "Reloaded the file as the other copy saved it. Your version was kept as a recovery copy (on the start screen).".to_owned(),
                );
            }
            ChangedAnswer::MergeCustody => {
                let Some(doc) = self.doc.as_mut() else { return };
                if doc.plan.id != changed.theirs.id {
                    self.prompt = Some(Prompt::Error(
                        "The file now holds a different plan, so its custody events cannot be merged into this one. Save this plan elsewhere.".to_owned(),
                    ));
                    return;
                }
                let mut merged = doc.plan.custody.clone();
                let report = crate::custody::merge(&mut merged, &changed.theirs.custody);
                if !report.conflicts.is_empty() {
                    let list: Vec<String> =
                        report.conflicts.iter().map(ToString::to_string).collect();
                    self.prompt = Some(Prompt::Error(format!(
                        "Their custody events could not be merged, so nothing was saved:\n{}\nSave this plan elsewhere, then compare the two with `integrity-planner custody merge`.",
                        list.join("\n")
                    )));
                    return;
                }
                doc.plan.custody = merged;
                doc.history.outside_change();
                doc.disk = Some(changed.digest);
                let added = report.added_events;
                if self.save(false) {
                    self.notices.push(format!(
                        "Merged {added} custody event{} from the other copy and saved. Your other sections replaced theirs; undo history was cleared.",
                        if added == 1 { "" } else { "s" }
                    ));
                }
            }
            ChangedAnswer::SaveElsewhere => {
                self.save(true);
            }
        }
    }

    /// Writes the recovery copy of the open plan now.
    fn write_recovery(&mut self) {
        let Some(doc) = self.doc.as_ref() else { return };
        let written = self.now().format("%Y-%m-%d %H:%M:%S").to_string();
        let result = storage::to_ron(&doc.plan)
            .map_err(|e| e.to_string())
            .and_then(|text| {
                files::write_recovery(&self.data_dir, doc.path.as_deref(), &text, &written)
            });
        match result {
            Ok(()) => self.recovery_revision = Some(doc.history.revision()),
            Err(e) => self
                .notices
                .push(format!("Could not write the recovery copy: {e}")),
        }
    }

    /// Lists the backups of the open plan to choose one to go back to.
    fn restore_version(&mut self) {
        let Some(path) = self.doc.as_ref().and_then(|d| d.path.clone()) else {
            self.prompt = Some(Prompt::Error(
                "This plan has not been saved yet, so it has no earlier versions.".to_owned(),
            ));
            return;
        };
        match storage::backups::list(&path) {
            Ok(backups) if backups.is_empty() => {
                self.prompt = Some(Prompt::Error(format!(
                    "{} has no earlier versions yet: each save keeps the version it replaces.",
                    path.display()
                )))
            }
            Ok(backups) => self.prompt = Some(Prompt::Restore { backups, chosen: 0 }),
            Err(e) => {
                self.prompt = Some(Prompt::Error(format!(
                    "Cannot list the earlier versions of {}: {e}",
                    path.display()
                )))
            }
        }
    }

    /// Opens a backup in place of the plan, as unsaved changes. The custody events recorded since are
    /// kept: evidence is never rolled back.
    fn restore(&mut self, backup: &Backup) {
        let Some(doc) = self.doc.as_mut() else { return };
        match storage::backups::restored(&doc.plan, &backup.path) {
            Ok(restored) => {
                doc.plan = restored.plan;
                doc.history.outside_change();
                let kept = if restored.other_plan {
                    "It holds another plan than the one open, which was replaced whole"
                } else {
                    "Custody events recorded since are kept"
                };
                self.notices.push(format!(
                    "Restored the version saved {} (UTC). {kept}. Save to keep it; the version it replaces will be kept as a backup.",
                    backup.saved.format("%-d %b %Y %H:%M")
                ));
            }
            Err(e) => self.prompt = Some(Prompt::Error(e)),
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
        let result = files::check_export(&path, doc.path.as_deref())
            .and_then(|()| export::plan_pdf(&doc.plan, profile).map_err(|e| e.to_string()))
            .and_then(|bytes| storage::write_atomically(&path, &bytes).map_err(|e| e.to_string()));
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
        let result = files::check_export(&path, doc.path.as_deref())
            .and_then(|()| export::custody_sheets_pdf(&doc.plan).map_err(|e| e.to_string()))
            .and_then(|bytes| storage::write_atomically(&path, &bytes).map_err(|e| e.to_string()));
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
            Command::RestoreVersion => self.restore_version(),
            Command::Undo | Command::Redo => {
                if let Some(doc) = self.doc.as_mut() {
                    let step = if command == Command::Undo {
                        doc.history.undo(&mut doc.plan)
                    } else {
                        doc.history.redo(&mut doc.plan)
                    };
                    match step {
                        Some(Step::Changed(section)) => self.section = section,
                        Some(Step::Refused(message)) => {
                            self.section = Section::Custody;
                            self.notices.push(message);
                        }
                        None => {}
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

    /// Writes a recovery copy at most every minute while there are changes not yet in the file or in a
    /// recovery copy (keyed on the revision, so typing after a save is covered too).
    fn autosave(&mut self, time: f64) {
        let Some(doc) = self.doc.as_ref() else { return };
        let revision = doc.history.revision();
        if !doc.is_dirty()
            || self.recovery_revision == Some(revision)
            || time - self.last_recovery_write < 60.0
        {
            return;
        }
        self.last_recovery_write = time;
        self.write_recovery();
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
                    let doc = OpenPlan::new(plan, info.original.clone(), None, self.device.clone());
                    self.set_doc(doc);
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
            Ok(plan) => self.set_doc(OpenPlan::new(plan, None, None, self.device.clone())),
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

    /// The status bar: the latest notice, or where the open plan stands. It is always there, so a notice
    /// appearing never moves the screens' widgets (which would take the focus from the field being typed in).
    fn notice_bar(&mut self, ui: &mut Ui) {
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
        let revision = doc.history.revision();
        if self.marks.as_ref().map(|(r, _)| *r) != Some(revision) {
            let marks = super::calendar::Marks::of(&doc.plan);
            self.marks = Some((revision, std::sync::Arc::new(marks)));
        }
        super::calendar::set_marks(ui.ctx(), self.marks.as_ref().map(|(_, m)| m.clone()));
        let mut edits = Edits::default();
        egui::CentralPanel::default().show(ui, |ui| {
            let view = View {
                plan: &doc.plan,
                revision: doc.history.revision(),
                findings: &doc.findings,
                now,
                device: &self.device,
            };
            self.screens.show(self.section, ui, &view, &mut edits);
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
        let mut changed_answer: Option<ChangedAnswer> = None;
        let mut restore: Option<Backup> = None;
        let modal = egui::Modal::new(egui::Id::unique("prompt")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            match &prompt {
                Prompt::Changed(changed) => {
                    ui.heading("The file was changed by another copy");
                    ui.label(format!(
                        "{} was saved by another program (another laptop, a command or a sync folder) after this window opened it. Nothing has been written yet.",
                        changed.path.display()
                    ));
                    for line in &changed.differences {
                        ui.label(line);
                    }
                    ui.add_space(8.0);
                    ui.horizontal_wrapped(|ui| {
                        if ui
                            .button("Reload theirs")
                            .on_hover_text("Open the file as it is now; this window's version is kept as a recovery copy")
                            .clicked()
                        {
                            changed_answer = Some(ChangedAnswer::ReloadTheirs);
                        }
                        if ui
                            .button("Merge their custody events")
                            .on_hover_text("Add the custody events the file has to this plan and save; this window's other sections replace theirs")
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
                    ui.label("Each save keeps the version it replaces. Choose one to open in place of the plan; custody events recorded since are kept, and nothing is written until you save.");
                    egui::ScrollArea::vertical().max_height(260.0).show(ui, |ui| {
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
                    doc.saved_revision = Some(doc.history.revision());
                }
                self.proceed(next);
            }
        } else if let Some(profile) = export {
            self.prompt = None;
            self.export(profile);
        } else if let (Some(answer), Prompt::Changed(changed)) = (changed_answer, prompt) {
            self.prompt = None;
            self.resolve_changed(changed, answer);
        } else if let Some(backup) = restore {
            self.prompt = None;
            self.restore(&backup);
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
