//! What a screen asks the app to do: changes to the plan (applied after the frame, through the undo
//! history) and where to go next.

use uuid::Uuid;

use crate::custody::NewEvent;
use crate::model::{Plan, Section};

/// A change to apply to the plan after the frame.
pub struct PendingEdit {
    /// The section changed (what undo restores).
    pub section: Section,
    /// What the user did, for the Undo menu.
    pub label: String,
    /// Changes with the same key in a row are one undo step (one text field being typed in).
    pub coalesce: Option<u64>,
    /// The change itself.
    pub change: Box<dyn FnOnce(&mut Plan)>,
}

/// Everything the screens asked for in one frame.
#[derive(Default)]
pub struct Edits {
    /// Changes, in order.
    pub changes: Vec<PendingEdit>,
    /// Custody events to record.
    pub records: Vec<(String, NewEvent)>,
    /// A text field lost focus: the next change is a new undo step.
    pub seal: bool,
    /// A message to show the user.
    pub notice: Option<String>,
}

impl Edits {
    /// Asks for a change to `section`.
    pub fn push(
        &mut self,
        section: Section,
        label: impl Into<String>,
        change: impl FnOnce(&mut Plan) + 'static,
    ) {
        self.changes.push(PendingEdit {
            section,
            label: label.into(),
            coalesce: None,
            change: Box::new(change),
        });
    }

    /// Asks for a change that joins the previous step while the same field is edited.
    pub fn push_coalesced(
        &mut self,
        section: Section,
        label: impl Into<String>,
        key: egui::Id,
        change: impl FnOnce(&mut Plan) + 'static,
    ) {
        self.changes.push(PendingEdit {
            section,
            label: label.into(),
            coalesce: Some(key.value()),
            change: Box::new(change),
        });
    }

    /// Asks for a custody event to be recorded in `log`.
    pub fn record(&mut self, log: &str, event: NewEvent) {
        self.records.push((log.to_owned(), event));
    }
}

/// Where a screen should show an entity (from a readiness finding).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Focus {
    /// The entity's id.
    pub id: Uuid,
}
