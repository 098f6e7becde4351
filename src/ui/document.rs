//! An open plan: the plan, where it lives, its undo history, what validation says about it, and
//! what its file held when last read or written (to tell when another copy has changed it since).

use std::path::PathBuf;

use chrono::NaiveDateTime;

use super::edits::Edits;
use crate::edit::History;
use crate::model::{Plan, Section};
use crate::storage::Digest;
use crate::validate::{self, Context, Finding, Severity};

/// How long after the last change validation waits before running again (typing stays fluid on a
/// large plan).
const SETTLE_SECONDS: f64 = 0.3;

/// From how many custody events the checks run off the UI thread: below it they take a
/// millisecond or two, well inside a frame; a count-night log of tens of thousands of events takes
/// them to a tenth of a second and more.
const BACKGROUND_CHECKS_FROM: usize = 10_000;

/// A plan open in the editor.
pub struct OpenPlan {
    /// The plan.
    pub plan: Plan,
    /// Its file, once it has one.
    pub path: Option<PathBuf>,
    /// Undo and redo, and the revision.
    pub history: History,
    /// The revision when last saved (`None`: never saved, or recovered).
    pub saved_revision: Option<u64>,
    /// The digest of the file's bytes when this plan last read or wrote it (`None`: no file yet).
    pub disk: Option<Digest>,
    /// This machine's name, noted as the writer of the custody logs it records in.
    pub device: String,
    /// Findings at `findings_revision`.
    pub findings: Vec<Finding>,
    findings_revision: Option<u64>,
    /// The checks running off the UI thread on a snapshot, and the revision it was taken at.
    checking: Option<(u64, std::thread::JoinHandle<Vec<Finding>>)>,
    last_change: f64,
}

impl OpenPlan {
    /// A plan loaded from `path` whose file held bytes with digest `disk`, or new (`path` is
    /// `None`) or recovered (`disk` is `None`: not yet saved).
    pub fn new(
        plan: Plan,
        path: Option<PathBuf>,
        disk: Option<Digest>,
        device: String,
    ) -> OpenPlan {
        let history = History::new();
        OpenPlan {
            plan,
            path,
            saved_revision: disk.map(|_| history.revision()),
            history,
            disk,
            device,
            findings: Vec::new(),
            findings_revision: None,
            checking: None,
            last_change: f64::NEG_INFINITY,
        }
    }

    /// Whether there are changes not yet saved.
    pub fn is_dirty(&self) -> bool {
        self.saved_revision != Some(self.history.revision())
    }

    /// Notes a save of `revision` (a snapshot taken when the save began), whose file now has
    /// digest `disk`: edits made since keep the plan dirty.
    pub fn mark_saved_at(&mut self, revision: u64, disk: crate::storage::Digest) {
        self.disk = Some(disk);
        self.saved_revision = Some(revision);
        self.history.saved();
    }

    /// The file name to show.
    pub fn name(&self) -> String {
        self.path.as_ref().and_then(|p| p.file_name()).map_or_else(
            || "Untitled plan".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// Applies what the screens asked for, through the undo history. `time` is the frame time.
    pub fn apply(&mut self, edits: Edits, time: f64) {
        let mut changed = false;
        for edit in edits.changes {
            if self.history.apply(
                &mut self.plan,
                edit.section,
                &edit.label,
                edit.coalesce,
                edit.change,
            ) {
                changed = true;
            }
        }
        for (log, event) in edits.records {
            self.history
                .record(&mut self.plan, &log, &self.device, event);
            changed = true;
        }
        if edits.seal {
            self.history.seal();
        }
        if changed {
            self.last_change = time;
        }
    }

    /// Recomputes the findings when the plan has changed and the user has paused; returns whether
    /// new findings arrived. A large plan is checked off the UI thread, on a snapshot (which
    /// shares the custody log), so no frame waits for its checks; `force` checks now, in the frame
    /// (on opening a plan).
    pub fn refresh_findings(&mut self, now: NaiveDateTime, time: f64, force: bool) -> bool {
        let revision = self.history.revision();
        let mut arrived = false;
        if self
            .checking
            .as_ref()
            .is_some_and(|(_, h)| h.is_finished() || force)
            && let Some((at, handle)) = self.checking.take()
            && let Ok(findings) = handle.join()
        {
            self.findings = findings;
            self.findings_revision = Some(at);
            arrived = true;
        }
        if self.findings_revision == Some(revision) {
            return arrived;
        }
        if !force && self.findings_revision.is_some() && time - self.last_change < SETTLE_SECONDS {
            return arrived;
        }
        if force || self.plan.custody.events.len() < BACKGROUND_CHECKS_FROM {
            self.findings = validate::validate(&self.plan, &Context::at(now));
            self.findings_revision = Some(revision);
            return true;
        }
        if self.checking.is_none() {
            let snapshot = self.plan.clone();
            let spawned = std::thread::Builder::new()
                .name("plan-checks".to_owned())
                .spawn(move || validate::validate(&snapshot, &Context::at(now)));
            match spawned {
                Ok(handle) => self.checking = Some((revision, handle)),
                Err(_) => {
                    self.findings = validate::validate(&self.plan, &Context::at(now));
                    self.findings_revision = Some(revision);
                    return true;
                }
            }
        }
        arrived
    }

    /// Whether findings are waiting to be recomputed.
    pub fn findings_stale(&self) -> bool {
        self.findings_revision != Some(self.history.revision())
    }

    /// Errors and warnings in a section.
    pub fn counts(&self, section: Section) -> (usize, usize) {
        let in_section = self.findings.iter().filter(|f| f.section == section);
        let errors = in_section
            .clone()
            .filter(|f| f.severity == Severity::Error)
            .count();
        (errors, in_section.count() - errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scale::{Scale, large_plan};

    #[test]
    fn a_large_plan_is_checked_off_the_ui_thread_on_a_snapshot_of_the_revision_it_was_asked_for() {
        let poll = crate::test_support::poll();
        let scale = Scale {
            venues: 40,
            items: 1_500,
            events: BACKGROUND_CHECKS_FROM + 2_000,
            risks: 30,
            indicators: 10,
            observations: 100,
        };
        let plan = large_plan(scale, poll).unwrap_or_else(|e| panic!("{e}"));
        let now = poll.and_hms_opt(9, 0, 0).unwrap_or_default();
        assert!(plan.custody.events.len() >= BACKGROUND_CHECKS_FROM);
        let mut doc = OpenPlan::new(plan, None, None, "test".to_owned());
        assert!(
            doc.refresh_findings(now, 0.0, true),
            "opening checks at once"
        );
        let before = doc.findings.len();
        let mut edits = Edits::default();
        edits.push(Section::Overview, "clear the title", |p| {
            p.overview.title.clear()
        });
        doc.apply(edits, 1.0);
        let asked = doc.history.revision();
        // Once the user has paused, the checks start on another thread: the frame does not wait.
        assert!(!doc.refresh_findings(now, 10.0, false));
        assert!(doc.checking.is_some() && doc.findings_stale());
        assert_eq!(
            doc.findings.len(),
            before,
            "the old findings stay until the new arrive"
        );
        // Waiting for them (as a later frame finds them done) brings the findings of that revision.
        assert!(doc.refresh_findings(now, 10.0, true));
        assert!(!doc.findings_stale());
        assert_eq!(doc.findings_revision, Some(asked));
        assert_eq!(
            doc.findings,
            validate::validate(&doc.plan, &Context::at(now)),
            "the findings are those of the plan as edited"
        );
    }
}
