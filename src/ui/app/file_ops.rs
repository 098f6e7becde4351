//! The plan's files: opening, saving under the lock, another copy's changes, recovery copies,
//! earlier versions and exports.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::writer::{After, Job, Outcome};
use super::{Changed, ChangedAnswer, Next, Output, PlannerApp, Prompt};
use crate::export::{self, Profile, calendar};
use crate::model::{CopyKind, Section};
use crate::storage::{self, backups::Backup};
use crate::ui::chooser::{Chooser, Purpose};
use crate::ui::document::OpenPlan;
use crate::ui::edits::Edits;
use crate::ui::files;
use crate::ui::screens::Screens;
use crate::ui::start::{StartAction, StartScreen};

impl PlannerApp {
    pub(super) fn open(&mut self, path: &Path) {
        match storage::open(path) {
            Ok(loaded) => {
                // The plan it replaces had changes the user chose not to save: its recovery copy
                // goes now, and only now, when another plan has really taken its place.
                if let Some(old) = self.doc.as_ref().filter(|d| d.is_dirty()) {
                    files::clear_recovery(&self.data_dir, old.path.as_deref());
                }
                self.recent.add(&self.data_dir, path);
                let doc = OpenPlan::new(
                    loaded.plan,
                    Some(path.to_owned()),
                    Some(loaded.digest),
                    self.device.clone(),
                );
                self.set_doc(doc);
                if let Some(version) = loaded.migrated_from {
                    self.tell(format!(
                        "This plan was written in an older format (version {version}); saving it \
                         writes the current format and gives it a plan id. Copies of the old file \
                         converted elsewhere count as different plans."
                    ));
                }
            }
            Err(e) => self.prompt = Some(Prompt::Error(format!("{e}\n\n{}", e.hint()))),
        }
    }

    pub(super) fn set_doc(&mut self, mut doc: OpenPlan) {
        doc.refresh_findings(self.now(), 0.0, true);
        self.doc = Some(doc);
        self.screens = Screens::default();
        self.section = Section::Overview;
    }

    pub(super) fn save(&mut self, ask: bool) {
        self.save_then(ask, After::Nothing);
    }

    /// Saves (asking where first when `ask` or the plan has no file yet), then does `after` once
    /// the write has finished well.
    pub(super) fn save_then(&mut self, ask: bool, after: After) {
        let Some(doc) = self.doc.as_ref() else {
            return;
        };
        let path = match (&doc.path, ask) {
            (Some(p), false) => p.clone(),
            _ => {
                let suggested = doc
                    .path
                    .as_ref()
                    .map_or_else(|| "plan.plan.ron".to_owned(), |_| doc.name());
                match self.ask_file(Purpose::SavePlan, &suggested) {
                    Some(p) => p,
                    None => return,
                }
            }
        };
        self.save_path(&path, after);
    }

    /// Saves to `path` off the UI thread, from a snapshot of the plan as it is now; a save asked
    /// for while another write is in flight starts when that one finishes.
    pub(super) fn save_path(&mut self, path: &Path, after: After) {
        let Some(doc) = self.doc.as_ref() else { return };
        let job = Job::Save {
            path: path.to_owned(),
            previous: doc.path.clone(),
            disk: doc.disk,
            after,
        };
        if self.writer.busy() {
            self.queued = Some(job);
            return;
        }
        self.start_write(job);
    }

    /// Starts a write from a snapshot of the plan (a copy that shares the custody log).
    fn start_write(&mut self, job: Job) {
        let Some(doc) = self.doc.as_ref() else { return };
        let snapshot = doc.plan.clone();
        let revision = doc.history.revision();
        let saving = matches!(job, Job::Save { .. });
        self.writer.start(job, snapshot, revision, &self.data_dir);
        if saving {
            self.tell("Saving…");
        }
    }

    /// Takes in what a finished write did (`wait`: waiting for the one in flight), and starts a
    /// save that was waiting for it.
    pub(super) fn poll_writer(&mut self, wait: bool) {
        let Some(outcome) = self.writer.finished(wait) else {
            return;
        };
        match outcome {
            Outcome::Saved {
                path,
                revision,
                digest,
                anchors,
                after,
            } => {
                if let Some(doc) = self.doc.as_mut() {
                    // The anchors the save extended (never shortened: later events only extend
                    // them further at the next save).
                    doc.plan.custody.anchors = anchors;
                    doc.path = Some(path.clone());
                    doc.mark_saved_at(revision, digest);
                }
                self.recovery_revision = None;
                self.recent.add(&self.data_dir, &path);
                self.tell(format!("Saved {}", path.display()));
                match after {
                    After::Nothing => {}
                    After::Proceed(next) => self.proceed(next),
                    After::Tell(text) => self.tell(text),
                }
            }
            Outcome::Changed(changed) => {
                self.queued = None;
                self.prompt = Some(Prompt::Changed(*changed));
            }
            Outcome::Failed(message) => {
                self.queued = None;
                self.prompt = Some(Prompt::Error(format!(
                    "The plan could not be saved: {message}\nThe plan is still open with your \
                     changes; try again, or save it somewhere else."
                )));
                self.tell("The plan could not be saved");
            }
            Outcome::Recovered { revision } => self.recovery_revision = Some(revision),
            Outcome::RecoveryFailed(e) => {
                self.tell(format!("Could not write the recovery copy: {e}"));
            }
        }
        if let Some(job) = self.queued.take() {
            self.start_write(job);
        }
    }

    /// Waits for the write in flight, if any, and takes in what it did (and any save waiting for
    /// it). For closing the window, and for tests, which look at the file right after saving.
    pub fn wait_for_writes(&mut self) {
        while self.writer.busy() {
            self.poll_writer(true);
        }
    }

    /// Asks for a file with the native dialog, or, where none can open, shows the editor's own
    /// chooser (the choice then arrives through [`PlannerApp::chosen`]) and returns `None`.
    pub(super) fn ask_file(&mut self, purpose: Purpose, suggested: &str) -> Option<PathBuf> {
        if !self.dialogs.available() {
            let dir = self
                .doc
                .as_ref()
                .and_then(|d| d.path.as_deref())
                .and_then(Path::parent)
                // A plan opened by a bare relative name is in the working folder.
                .filter(|dir| !dir.as_os_str().is_empty())
                .map(Path::to_owned)
                .or_else(|| std::env::current_dir().ok())
                .unwrap_or_default();
            self.prompt = Some(Prompt::Choose(Chooser::new(purpose, dir, suggested)));
            return None;
        }
        match purpose {
            Purpose::OpenPlan => self.dialogs.open_plan(),
            Purpose::SavePlan => self.dialogs.save_plan(suggested),
            Purpose::SavePdf(..) | Purpose::CustodySheets(_) => self.dialogs.save_pdf(suggested),
            Purpose::SaveCalendar(_) => self.dialogs.save_calendar(suggested),
            Purpose::ImportTable(_) => self.dialogs.open_table(purpose.title()),
            Purpose::SaveWorkbook(_) => self.dialogs.save_workbook(suggested),
        }
    }

    /// Carries on with a file chosen in the editor's own chooser.
    pub(super) fn chosen(&mut self, purpose: Purpose, path: PathBuf) {
        match purpose {
            Purpose::OpenPlan => self.open(&path),
            Purpose::SavePlan => {
                self.save_path(&files::with_plan_extension(path), After::Nothing);
            }
            Purpose::SavePdf(profile, recipient) => self.write_pdf(profile, recipient, &path),
            Purpose::CustodySheets(profile) => self.write_sheets(profile, &path),
            Purpose::SaveCalendar(profile) => self.write_calendar(profile, &path),
            Purpose::ImportTable(target) => self.open_import(target, &path),
            Purpose::SaveWorkbook(profile) => self.write_workbook(profile, &path),
        }
    }

    /// The user's answer to a file changed by another copy.
    pub(super) fn resolve_changed(&mut self, changed: Changed, answer: ChangedAnswer) {
        match answer {
            ChangedAnswer::ReloadTheirs => {
                // Their version replaces this window's; this window's work is kept as a recovery
                // copy.
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
                self.tell(
                    "Reloaded the file as the other copy saved it. Your version was kept as a \
                     recovery copy (on the start screen)."
                        .to_owned(),
                );
            }
            ChangedAnswer::MergeCustody => {
                let Some(doc) = self.doc.as_mut() else { return };
                if doc.plan.id != changed.theirs.id {
                    self.prompt = Some(Prompt::Error(
                        "The file now holds a different plan, so its custody events cannot be \
                         merged into this one. Save this plan elsewhere."
                            .to_owned(),
                    ));
                    return;
                }
                let mut merged = doc.plan.custody.clone();
                let report = crate::custody::merge(&mut merged, &changed.theirs.custody);
                if !report.conflicts.is_empty() {
                    let list: Vec<String> =
                        report.conflicts.iter().map(ToString::to_string).collect();
                    self.prompt = Some(Prompt::Error(format!(
                        "Their custody events could not be merged, so nothing was saved:\n{}\nSave \
                         this plan elsewhere, then compare the two with `integrity-planner custody \
                         merge`.",
                        list.join("\n")
                    )));
                    return;
                }
                doc.plan.custody = merged;
                doc.history.outside_change();
                doc.disk = Some(changed.digest);
                let added = report.added_events;
                self.save_then(
                    false,
                    After::Tell(format!(
                        "Merged {added} custody event{} from the other copy and saved. Your other \
                         sections replaced theirs; undo history was cleared.",
                        if added == 1 { "" } else { "s" }
                    )),
                );
            }
            ChangedAnswer::SaveElsewhere => {
                self.save(true);
            }
        }
    }

    /// Writes the recovery copy of the open plan, off the UI thread (not while another write is
    /// in flight: the next frame tries again).
    pub(super) fn write_recovery(&mut self) {
        let Some(doc) = self.doc.as_ref() else { return };
        if self.writer.busy() {
            return;
        }
        let written = self.now().format("%Y-%m-%d %H:%M:%S").to_string();
        let job = Job::Recovery {
            original: doc.path.clone(),
            written,
        };
        self.start_write(job);
    }

    /// Lists the backups of the open plan to choose one to go back to.
    pub(super) fn restore_version(&mut self) {
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

    /// Opens a backup in place of the plan, as unsaved changes. The custody events recorded since
    /// are kept: evidence is never rolled back.
    pub(super) fn restore(&mut self, backup: &Backup) {
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
                self.tell(format!(
                    "Restored the version saved {} (UTC). {kept}. Save to keep it; the version it \
                     replaces will be kept as a backup.",
                    backup.saved.format("%-d %b %Y %H:%M")
                ));
            }
            Err(e) => self.prompt = Some(Prompt::Error(e)),
        }
    }

    /// Asks where to write the PDF of `profile`, issued to distribution-list entry `recipient`.
    pub(super) fn export(&mut self, profile: Profile, recipient: Option<usize>) {
        let Some(doc) = self.doc.as_ref() else { return };
        let stem = doc.name().trim_end_matches(".plan.ron").to_owned();
        let suggested = if profile == Profile::Redacted {
            format!("{stem}-redacted.pdf")
        } else {
            format!("{stem}.pdf")
        };
        if let Some(path) = self.ask_file(Purpose::SavePdf(profile, recipient), &suggested) {
            self.write_pdf(profile, recipient, &path);
        }
    }

    fn write_pdf(&mut self, profile: Profile, recipient: Option<usize>, path: &Path) {
        let Some(doc) = self.doc.as_ref() else { return };
        let kind = match profile {
            Profile::Full => CopyKind::Full,
            Profile::Redacted => CopyKind::Redacted,
        };
        let copy = doc
            .plan
            .copy_for(kind, recipient, chrono::Local::now().date_naive());
        let result = files::check_export(path, doc.path.as_deref())
            .and_then(|()| {
                export::issued_pdf(&doc.plan, profile, Some(&copy)).map_err(|e| e.to_string())
            })
            .and_then(|bytes| storage::write_atomically(path, &bytes).map_err(|e| e.to_string()));
        match result {
            Ok(()) => {
                let text = format!(
                    "Exported the {} copy to {} (fingerprint {}); it is logged in Overview, \
                     Document control, as an issued copy",
                    profile.key(),
                    path.display(),
                    copy.fingerprint.short()
                );
                // The export is logged as an issued copy, through the undo history like any change.
                let mut edits = Edits::default();
                edits.push(Section::Overview, "issue a copy", move |p| {
                    p.overview.issued_copies.push(copy)
                });
                if let Some(doc) = self.doc.as_mut() {
                    doc.apply(edits, 0.0);
                }
                self.tell_file(text, path);
            }
            Err(e) => {
                self.prompt = Some(Prompt::Error(format!("The PDF could not be exported: {e}")));
            }
        }
    }

    /// Asks where to write `output` for the copy `profile`, then writes it.
    pub(super) fn write_copy(&mut self, output: Output, profile: Profile) {
        let Some(doc) = self.doc.as_ref() else { return };
        let stem = doc.name().trim_end_matches(".plan.ron").to_owned();
        let copy = match profile {
            Profile::Full => "",
            Profile::Redacted => "-redacted",
        };
        let (purpose, suggested) = match output {
            Output::CustodySheets => (
                Purpose::CustodySheets(profile),
                format!("{stem}-custody-sheets{copy}.pdf"),
            ),
            Output::Calendar => (
                Purpose::SaveCalendar(profile),
                format!("{stem}-key-dates{copy}.ics"),
            ),
            Output::Workbook => (Purpose::SaveWorkbook(profile), format!("{stem}{copy}.xlsx")),
        };
        if let Some(path) = self.ask_file(purpose, &suggested) {
            self.chosen(purpose, path);
        }
    }

    /// Writes the key dates calendar of the copy `profile`, carrying on the sequence numbers of
    /// the export it replaces.
    fn write_calendar(&mut self, profile: Profile, path: &Path) {
        let Some(doc) = self.doc.as_ref() else { return };
        let previous = calendar::Previous::at(path);
        let text = calendar::key_dates_ics(&doc.plan, profile, &previous);
        let result = files::check_export(path, doc.path.as_deref()).and_then(|()| {
            storage::write_atomically(path, text.as_bytes()).map_err(|e| e.to_string())
        });
        match result {
            Ok(()) => {
                let text = format!(
                    "Exported the key dates to {}. In Outlook, open it as a separate calendar and \
                     replace that calendar after each export.",
                    path.display()
                );
                self.tell_file(text, path);
            }
            Err(e) => {
                let message = format!("The calendar could not be exported: {e}");
                self.prompt = Some(Prompt::Error(message));
            }
        }
    }

    /// Writes the workbook; like the calendar, it records nothing in the plan.
    fn write_workbook(&mut self, profile: Profile, path: &Path) {
        let Some(doc) = self.doc.as_ref() else { return };
        let result = files::check_export(path, doc.path.as_deref())
            .and_then(|()| {
                export::workbook::workbook(&doc.plan, profile)
                    .map_err(|e| format!("{e}; {}", e.hint()))
            })
            .and_then(|bytes| storage::write_atomically(path, &bytes).map_err(|e| e.to_string()));
        match result {
            Ok(()) => {
                let text = format!(
                    "Exported the {} copy as a workbook to {}",
                    profile.key(),
                    path.display()
                );
                self.tell_file(text, path);
            }
            Err(e) => {
                let message = format!("The workbook could not be exported: {e}");
                self.prompt = Some(Prompt::Error(message));
            }
        }
    }

    fn write_sheets(&mut self, profile: Profile, path: &Path) {
        let Some(doc) = self.doc.as_ref() else { return };
        let result = files::check_export(path, doc.path.as_deref())
            .and_then(|()| {
                export::custody_sheets_pdf(&doc.plan, profile).map_err(|e| e.to_string())
            })
            .and_then(|bytes| storage::write_atomically(path, &bytes).map_err(|e| e.to_string()));
        match result {
            Ok(()) => self.tell_file(
                format!("Custody sheets written to {}", path.display()),
                path,
            ),
            Err(e) => {
                let text = format!("The custody sheets could not be written: {e}");
                self.prompt = Some(Prompt::Error(text));
            }
        }
    }

    pub(super) fn start_action(&mut self, action: Option<StartAction>) {
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
                    self.tell("Recovered unsaved work. Save it to keep it.".to_owned());
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

    pub(super) fn create(
        &mut self,
        template: &'static crate::templates::Template,
        poll_date: NaiveDate,
    ) {
        match template.instantiate(poll_date, self.now().date()) {
            Ok(plan) => self.set_doc(OpenPlan::new(plan, None, None, self.device.clone())),
            Err(e) => self.prompt = Some(Prompt::Error(e.to_string())),
        }
    }
}
