//! The only way the editor changes a plan: every change is an [`Edit`] on one section, kept for
//! undo.
//!
//! An edit stores the section as it was and as it became (sections are small; the custody log,
//! which can hold tens of thousands of events, is never copied: recording events is its own kind of
//! edit). Consecutive changes with the same coalescing key — keystrokes in one text field, steps
//! of one drag — merge into one undo step.
//!
//! Content version is not undo position: the history keeps a revision that increases on every
//! change it applies, merged into the previous step or not, and on every undo and redo. Dirty
//! tracking, caches, findings and the recovery copy key on the revision. Saving ends the merged
//! step, and makes the custody events recorded so far evidence: they can no longer be undone (a
//! correction is recorded instead).

use crate::custody::{self, NewEvent};
use crate::model::{
    Allegations, CandidateDataSharing, CommunicationLine, CustodyEvent, CustodyEventId,
    CustodyItem, ElectoralEvent, EscalationLevel, FraudIndicator, Hotspot, KeyDates, Overview,
    Person, Plan, Responsibility, Risk, Section, StageArrangement, StakeholderMessage, Venues,
};

/// A copy of one section's data.
#[derive(Clone, Debug, PartialEq)]
#[allow(missing_docs)]
pub enum SectionData {
    Overview(Box<Overview>),
    People(Vec<Person>),
    Responsibilities(Vec<Responsibility>),
    Communication(Vec<CommunicationLine>),
    Stakeholders(Vec<StakeholderMessage>),
    CandidateData(Box<CandidateDataSharing>),
    Fraud(Vec<FraudIndicator>),
    Escalation(Vec<EscalationLevel>),
    Risks(Vec<Risk>),
    Hotspots(Vec<Hotspot>),
    Events(Vec<ElectoralEvent>),
    /// The custody arrangements and items (not the log of events).
    Custody {
        stages: Vec<StageArrangement>,
        deadline: Option<chrono::NaiveDateTime>,
        items: crate::model::Shared<Vec<CustodyItem>>,
        security: Box<crate::model::CountSecurity>,
    },
    Venues(Box<Venues>),
    Allegations(Box<Allegations>),
    KeyDates(Box<KeyDates>),
}

impl SectionData {
    /// A copy of `section` as it is in `plan`.
    pub fn of(plan: &Plan, section: Section) -> SectionData {
        match section {
            Section::Overview => SectionData::Overview(Box::new(plan.overview.clone())),
            Section::People => SectionData::People(plan.people.clone()),
            Section::Responsibilities => {
                SectionData::Responsibilities(plan.responsibilities.clone())
            }
            Section::Communication => SectionData::Communication(plan.communication.clone()),
            Section::Stakeholders => SectionData::Stakeholders(plan.stakeholder_messages.clone()),
            Section::CandidateData => {
                SectionData::CandidateData(Box::new(plan.candidate_data.clone()))
            }
            Section::Fraud => SectionData::Fraud(plan.indicators.clone()),
            Section::Escalation => SectionData::Escalation(plan.escalation.clone()),
            Section::Risks => SectionData::Risks(plan.risks.clone()),
            Section::Hotspots => SectionData::Hotspots(plan.hotspots.clone()),
            Section::Events => SectionData::Events(plan.events.clone()),
            Section::Custody => SectionData::Custody {
                stages: plan.custody.stages.clone(),
                deadline: plan.custody.count_receipt_deadline,
                items: plan.custody.items.clone(),
                security: Box::new(plan.custody.count_security.clone()),
            },
            Section::Venues => SectionData::Venues(Box::new(plan.venues.clone())),
            Section::Allegations => SectionData::Allegations(Box::new(plan.allegations.clone())),
            Section::KeyDates => SectionData::KeyDates(Box::new(plan.key_dates.clone())),
        }
    }

    /// Puts this copy back into `plan`.
    pub fn restore(self, plan: &mut Plan) {
        match self {
            SectionData::Overview(v) => plan.overview = *v,
            SectionData::People(v) => plan.people = v,
            SectionData::Responsibilities(v) => plan.responsibilities = v,
            SectionData::Communication(v) => plan.communication = v,
            SectionData::Stakeholders(v) => plan.stakeholder_messages = v,
            SectionData::CandidateData(v) => plan.candidate_data = *v,
            SectionData::Fraud(v) => plan.indicators = v,
            SectionData::Escalation(v) => plan.escalation = v,
            SectionData::Risks(v) => plan.risks = v,
            SectionData::Hotspots(v) => plan.hotspots = v,
            SectionData::Events(v) => plan.events = v,
            SectionData::Custody {
                stages,
                deadline,
                items,
                security,
            } => {
                plan.custody.stages = stages;
                plan.custody.count_receipt_deadline = deadline;
                plan.custody.items = items;
                plan.custody.count_security = *security;
            }
            SectionData::Venues(v) => plan.venues = *v,
            SectionData::Allegations(v) => plan.allegations = *v,
            SectionData::KeyDates(v) => plan.key_dates = *v,
        }
    }
}

/// The sections other than the custody log in which two versions of a plan differ, in plan order
/// (the custody section counts its arrangements and items; recorded events are compared by the
/// caller).
pub fn sections_differing(a: &Plan, b: &Plan) -> Vec<Section> {
    Section::ALL
        .iter()
        .copied()
        .filter(|&section| SectionData::of(a, section) != SectionData::of(b, section))
        .collect()
}

/// What an edit changed.
#[derive(Clone, Debug, PartialEq)]
enum Change {
    /// A section, before and after.
    Section {
        before: SectionData,
        after: SectionData,
    },
    /// Custody events appended to the log and not yet saved (undo removes them).
    Recorded { events: Vec<CustodyEvent> },
    /// Custody events recorded and then saved: evidence, which undo never removes.
    Saved { events: usize },
}

/// One undoable step.
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    /// What the user did, for the Undo menu ("Undo edit risk").
    pub label: String,
    /// The section changed.
    pub section: Section,
    change: Change,
    coalesce: Option<u64>,
}

/// What an undo or redo did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// It changed this section.
    Changed(Section),
    /// It would have removed saved custody events, so it did nothing; the message says what to do
    /// instead.
    Refused(String),
}

/// The undo and redo stacks of one open plan.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    revision: u64,
    open_key: Option<u64>,
}

/// How many steps are kept.
const LIMIT: usize = 500;

impl History {
    /// An empty history.
    pub fn new() -> History {
        History::default()
    }

    /// The plan's revision: it increases with every change applied, merged into a step or not, and
    /// with every undo and redo. Two equal revisions mean the plan has not changed in between.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Changes `section` with `change`, as one undo step labelled `label`. With a `coalesce` key
    /// equal to the previous step's (and no undo in between), the change joins that step. A change
    /// that leaves the section as it was records nothing. Returns whether anything changed.
    pub fn apply(
        &mut self,
        plan: &mut Plan,
        section: Section,
        label: &str,
        coalesce: Option<u64>,
        change: impl FnOnce(&mut Plan),
    ) -> bool {
        let before = SectionData::of(plan, section);
        change(plan);
        let after = SectionData::of(plan, section);
        if after == before {
            return false;
        }
        self.revision += 1;
        self.redo.clear();
        if let Some(key) = coalesce
            && self.open_key == Some(key)
            && let Some(Edit {
                change:
                    Change::Section {
                        after: last_after, ..
                    },
                section: last_section,
                ..
            }) = self.undo.last_mut()
            && *last_section == section
        {
            *last_after = after;
            return true;
        }
        self.undo.push(Edit {
            label: label.to_owned(),
            section,
            change: Change::Section { before, after },
            coalesce,
        });
        self.open_key = coalesce;
        if self.undo.len() > LIMIT {
            self.undo.remove(0);
        }
        true
    }

    /// Records a custody event in `log`, noting `device` as a writer of that log (one undo step,
    /// until the plan is saved).
    pub fn record(
        &mut self,
        plan: &mut Plan,
        log: &str,
        device: &str,
        event: NewEvent,
    ) -> CustodyEventId {
        let recorded = custody::record(&mut plan.custody, log, event).clone();
        plan.custody.note_writer(log, device);
        let id = recorded.id;
        self.revision += 1;
        self.redo.clear();
        self.undo.push(Edit {
            label: "record custody event".to_owned(),
            section: Section::Custody,
            change: Change::Recorded {
                events: vec![recorded],
            },
            coalesce: None,
        });
        self.open_key = None;
        id
    }

    /// Ends coalescing: the next change starts a new step (call when a text field loses focus).
    pub fn seal(&mut self) {
        self.open_key = None;
    }

    /// The plan was saved: the merged step ends, and the custody events recorded so far are
    /// evidence that undo will not remove. Events undone and not yet saved stay available to redo.
    pub fn saved(&mut self) {
        self.open_key = None;
        for edit in &mut self.undo {
            if let Change::Recorded { events } = &edit.change {
                edit.change = Change::Saved {
                    events: events.len(),
                };
            }
        }
    }

    /// A change made outside the undo history (custody events merged in from another copy, a
    /// version restored): the revision moves on and the steps before it can no longer be undone
    /// safely.
    pub fn outside_change(&mut self) {
        self.revision += 1;
        self.undo.clear();
        self.redo.clear();
        self.open_key = None;
    }

    /// The label of the step Undo would reverse.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|e| e.label.as_str())
    }

    /// The label of the step Redo would repeat.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|e| e.label.as_str())
    }

    /// Reverses the last step. A step that recorded custody events since saved is not reversed: it
    /// is taken off the stack and the message says to record a correction instead.
    pub fn undo(&mut self, plan: &mut Plan) -> Option<Step> {
        let edit = self.undo.pop()?;
        self.open_key = None;
        match &edit.change {
            Change::Section { before, .. } => before.clone().restore(plan),
            Change::Recorded { events } => {
                let ids: Vec<CustodyEventId> = events.iter().map(|e| e.id).collect();
                plan.custody.events.retain(|e| !ids.contains(&e.id));
            }
            Change::Saved { events } => {
                return Some(Step::Refused(format!(
                    "{} saved and cannot be undone: recorded custody events are evidence. To put a \
                     mistake right, record a correction (Correct, on the item's timeline).",
                    if *events == 1 {
                        "That custody event was".to_owned()
                    } else {
                        format!("Those {events} custody events were")
                    }
                )));
            }
        }
        self.revision += 1;
        let section = edit.section;
        self.redo.push(edit);
        Some(Step::Changed(section))
    }

    /// Repeats the last undone step.
    pub fn redo(&mut self, plan: &mut Plan) -> Option<Step> {
        let edit = self.redo.pop()?;
        self.open_key = None;
        match &edit.change {
            Change::Section { after, .. } => after.clone().restore(plan),
            Change::Recorded { events } => plan.custody.events.extend(events.iter().cloned()),
            Change::Saved { .. } => {}
        }
        self.revision += 1;
        let section = edit.section;
        self.undo.push(edit);
        Some(Step::Changed(section))
    }
}

#[cfg(test)]
mod tests;
