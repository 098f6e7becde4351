//! The application: the open plan, the screens, the menus and shortcuts, and the files behind them.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use egui::Ui;

mod chrome;
mod editor;
mod file_ops;
mod import;
mod prompts;
mod shared_log;
mod writer;

use super::chooser::{Chooser, Purpose};
use super::command::Command;
use super::document::OpenPlan;
use super::files::{self, Dialogs, NativeDialogs, Recent};
use super::screens::Screens;
use super::settings::{Settings, theme_of, theme_word};
use super::start::StartScreen;
use crate::edit::Step;
use crate::export::Profile;
use crate::model::{Plan, Section};
use crate::storage::{Digest, backups::Backup};

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

/// The plan file changed on disk since the editor read it: another laptop, a command or a sync
/// folder saved it. Nothing has been written; the user chooses.
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
    /// Export as which profile, issued to which distribution-list entry (if any)?
    Export(Profile, Option<usize>),
    /// Write custody sheets or the calendar for which copy?
    Copy(Output, Profile),
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
    /// The editor's own file chooser (no native dialog can open here).
    Choose(Chooser),
}

/// A document other than the plan's PDF that is written for one copy, full or redacted, and
/// records nothing in the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Output {
    /// The custody sheets (a PDF).
    CustodySheets,
    /// The key dates calendar (an .ics file).
    Calendar,
    /// The Excel workbook.
    Workbook,
}

impl Output {
    /// The prompt's heading.
    fn title(self) -> &'static str {
        match self {
            Output::CustodySheets => "Print custody sheets",
            Output::Calendar => "Export key dates to calendar",
            Output::Workbook => "Export workbook",
        }
    }

    /// What the document holds, where the heading does not say.
    fn about(self) -> Option<&'static str> {
        match self {
            Output::Workbook => Some(
                "An Excel workbook of the contacts, responsibilities, risk register, fraud \
                 indicators and custody log, marked as the PDF is.",
            ),
            Output::CustodySheets | Output::Calendar => None,
        }
    }
}

/// What differs between the open plan and another copy of its file, in words an elections manager
/// reads.
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

/// A message in the status bar, about the plan as it was at one revision: once the plan changes it
/// no longer describes it ("Saved" after later edits), and the bar shows where the plan stands.
#[derive(Clone, Debug, PartialEq)]
struct Notice {
    text: String,
    /// The plan's revision when it was said (`None` with no plan open).
    revision: Option<u64>,
    /// A file it is about, with buttons to open it and show it in its folder.
    file: Option<PathBuf>,
}

/// The editor application.
pub struct PlannerApp {
    data_dir: PathBuf,
    /// Where the settings live.
    config_dir: PathBuf,
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
    notice: Option<Notice>,
    settings: Settings,
    settings_applied: bool,
    /// The import dialog, while it is open.
    import: Option<super::import::ImportDialog>,
    /// Whether the readiness panel is open, when the user chose (else it follows the width).
    readiness_shown: Option<bool>,
    last_recovery_write: f64,
    recovery_revision: Option<u64>,
    /// The save or recovery write in flight, off the UI thread.
    writer: writer::Writer,
    /// A save asked for while another write was in flight.
    queued: Option<writer::Job>,
    /// The shared custody log at a count, while connected.
    shared: Option<shared_log::SharedLink>,
    /// The dialog asking for the shared log's address, while open.
    shared_prompt: Option<shared_log::AddressPrompt>,
    quitting: bool,
    shown_title: String,
}

impl PlannerApp {
    /// The app with native dialogs, opening `plan` if given.
    pub fn new(plan: Option<&Path>) -> PlannerApp {
        let mut app = PlannerApp::with_folders(
            files::data_dir(),
            files::config_dir(),
            Box::new(NativeDialogs),
            None,
        );
        if let Some(path) = plan {
            app.open(path);
        }
        app
    }

    /// The app with one folder for its data and settings, its dialogs and clock given (for tests).
    pub fn with(
        data_dir: PathBuf,
        dialogs: Box<dyn Dialogs>,
        fixed_now: Option<NaiveDateTime>,
    ) -> PlannerApp {
        PlannerApp::with_folders(data_dir.clone(), data_dir, dialogs, fixed_now)
    }

    /// The app with its data and configuration folders, dialogs and clock given.
    pub fn with_folders(
        data_dir: PathBuf,
        config_dir: PathBuf,
        dialogs: Box<dyn Dialogs>,
        fixed_now: Option<NaiveDateTime>,
    ) -> PlannerApp {
        let recent = Recent::load(&data_dir);
        let settings = Settings::load(&config_dir);
        let start = StartScreen::new(&data_dir);
        let device = crate::device::device_name(&data_dir);
        PlannerApp {
            data_dir,
            config_dir,
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
            import: None,
            notice: None,
            settings,
            settings_applied: false,
            readiness_shown: None,
            last_recovery_write: 0.0,
            recovery_revision: None,
            writer: writer::Writer::default(),
            queued: None,
            shared: None,
            shared_prompt: None,
            quitting: false,
            shown_title: String::new(),
        }
    }

    /// Says `text` in the status bar, about the plan as it is now.
    fn tell(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            revision: self.doc.as_ref().map(|d| d.history.revision()),
            file: None,
        });
    }

    /// Says `text` about a file just written, offering to open it and show its folder.
    fn tell_file(&mut self, text: impl Into<String>, file: &Path) {
        self.tell(text);
        if let Some(notice) = &mut self.notice {
            notice.file = Some(file.to_owned());
        }
    }

    /// The status bar's message, while it still describes the plan.
    pub fn status(&self) -> Option<&str> {
        let revision = self.doc.as_ref().map(|d| d.history.revision());
        self.notice
            .as_ref()
            .filter(|n| n.revision == revision)
            .map(|n| n.text.as_str())
    }

    /// Opens a plan from File ▸ Recent plans; one no longer there is dropped from the list.
    fn open_recent(&mut self, path: PathBuf) {
        if path.is_file() {
            self.then(Next::Open(Some(path)));
        } else {
            self.recent.remove(&self.data_dir, &path);
            self.tell(format!(
                "{} is no longer there (moved, renamed or deleted) and was taken off the list.",
                path.display()
            ));
        }
    }

    /// Applies the zoom and theme kept from the last run on the first frame, and keeps any change.
    fn keep_settings(&mut self, ctx: &egui::Context) {
        if !self.settings_applied {
            ctx.set_zoom_factor(self.settings.zoom);
            ctx.set_theme(theme_of(&self.settings.theme));
            self.settings_applied = true;
            return;
        }
        let theme = theme_word(ctx.options(|o| o.theme_preference));
        let zoom = ctx.zoom_factor();
        if (zoom - self.settings.zoom).abs() > 1e-3 || theme != self.settings.theme {
            self.settings.zoom = zoom;
            self.settings.theme = theme.to_owned();
            self.settings.save(&self.config_dir);
        }
        // The window's size, in the desktop's points (not zoomed), is written when it closes.
        if let Some(rect) = ctx.input(|i| i.viewport().inner_rect) {
            self.settings.window = Some([rect.width() * zoom, rect.height() * zoom]);
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
                if let Some(path) = self.ask_file(Purpose::OpenPlan, "") {
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
            Command::Export => self.prompt = Some(Prompt::Export(Profile::Full, None)),
            Command::CustodySheets => {
                self.prompt = Some(Prompt::Copy(Output::CustodySheets, Profile::Full));
            }
            Command::ExportCalendar => {
                self.prompt = Some(Prompt::Copy(Output::Calendar, Profile::Full));
            }
            Command::ImportVenues => self.import_table(crate::import::Target::Venues),
            Command::ImportPeople => self.import_table(crate::import::Target::People),
            Command::ExportWorkbook => {
                self.prompt = Some(Prompt::Copy(Output::Workbook, Profile::Full));
            }
            Command::RestoreVersion => self.restore_version(),
            Command::SharedLog => self.connect_or_disconnect(),
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
                            self.tell(message);
                        }
                        None => {}
                    }
                }
            }
            Command::Find => self.screens.focus_filter(self.section),
            Command::Exit => self.request_quit(),
        }
    }

    /// Asks to close the window (as the window manager's close button does).
    pub fn request_quit(&mut self) {
        self.then(Next::Quit);
    }

    /// Writes a recovery copy at most every minute while there are changes not yet in the file or
    /// in a recovery copy (keyed on the revision, so typing after a save is covered too).
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

    /// Draws the whole window and applies what the user did. Everything but the OS window lives
    /// here, so tests and benchmarks can run it headless.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let time = ctx.input(|i| i.time);
        self.poll_writer(false);
        self.poll_shared_log();
        if self.writer.busy() {
            // Look again soon for the write to finish.
            ctx.request_repaint_after(std::time::Duration::from_millis(30));
        }
        self.keep_settings(&ctx);
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
        self.shared_log_prompt(&ctx);
        self.import_dialog(&ctx, time);
        self.autosave(time);
        if self.is_dirty() {
            ctx.request_repaint_after(std::time::Duration::from_secs(60));
        }
    }
}

impl eframe::App for PlannerApp {
    fn on_exit(&mut self) {
        // A write in flight finishes before the program ends.
        self.wait_for_writes();
        self.settings.save(&self.config_dir);
    }

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
            // Closing waits for a write in flight (a recovery copy, say) to finish.
            self.wait_for_writes();
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}
