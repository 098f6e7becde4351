//! An open plan: the plan, where it lives, its undo history and what validation says about it.

use std::path::PathBuf;

use chrono::NaiveDateTime;

use super::edits::Edits;
use crate::edit::History;
use crate::model::{Plan, Section};
use crate::validate::{self, Context, Finding, Severity};

/// How long after the last change validation waits before running again (typing stays fluid on a large
/// plan).
const SETTLE_SECONDS: f64 = 0.3;

/// A plan open in the editor.
pub struct OpenPlan {
    /// The plan.
    pub plan: Plan,
    /// Its file, once it has one.
    pub path: Option<PathBuf>,
    /// Undo and redo.
    pub history: History,
    /// The history state when last saved (`None`: never saved, or recovered).
    pub saved_state: Option<u64>,
    /// Findings at `findings_state`.
    pub findings: Vec<Finding>,
    findings_state: Option<u64>,
    last_change: f64,
}

impl OpenPlan {
    /// A plan loaded from `path`, or new (`path` is `None`) or recovered (`saved` false).
    pub fn new(plan: Plan, path: Option<PathBuf>, saved: bool) -> OpenPlan {
        OpenPlan {
            plan,
            path,
            history: History::new(),
            saved_state: if saved { Some(0) } else { None },
            findings: Vec::new(),
            findings_state: None,
            last_change: f64::NEG_INFINITY,
        }
    }

    /// Whether there are changes not yet saved.
    pub fn is_dirty(&self) -> bool {
        self.saved_state != Some(self.history.state())
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
            self.history.record(&mut self.plan, &log, event);
            changed = true;
        }
        if edits.seal {
            self.history.seal();
        }
        if changed {
            self.last_change = time;
        }
    }

    /// Recomputes the findings when the plan has changed and the user has paused; returns whether it did.
    pub fn refresh_findings(&mut self, now: NaiveDateTime, time: f64, force: bool) -> bool {
        let state = self.history.state();
        if self.findings_state == Some(state) {
            return false;
        }
        if !force && self.findings_state.is_some() && time - self.last_change < SETTLE_SECONDS {
            return false;
        }
        self.findings = validate::validate(&self.plan, &Context::at(now));
        self.findings_state = Some(state);
        true
    }

    /// Whether findings are waiting to be recomputed.
    pub fn findings_stale(&self) -> bool {
        self.findings_state != Some(self.history.state())
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
