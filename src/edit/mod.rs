//! The only way the editor changes a plan: every change is an [`Edit`] on one section, kept for undo.
//!
//! An edit stores the section as it was and as it became (sections are small; the custody log, which can
//! hold tens of thousands of events, is never copied: recording events is its own kind of edit). Consecutive
//! changes with the same coalescing key — keystrokes in one text field, steps of one drag — merge into one
//! undo step.

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
        items: Vec<CustodyItem>,
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
            } => {
                plan.custody.stages = stages;
                plan.custody.count_receipt_deadline = deadline;
                plan.custody.items = items;
            }
            SectionData::Venues(v) => plan.venues = *v,
            SectionData::Allegations(v) => plan.allegations = *v,
            SectionData::KeyDates(v) => plan.key_dates = *v,
        }
    }
}

/// What an edit changed.
#[derive(Clone, Debug, PartialEq)]
enum Change {
    /// A section, before and after.
    Section {
        before: SectionData,
        after: SectionData,
    },
    /// Custody events appended to the log (undo removes them while they are still the newest).
    Recorded { events: Vec<CustodyEvent> },
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
    state: u64,
}

/// The undo and redo stacks of one open plan.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    next_state: u64,
    open_key: Option<u64>,
}

/// How many steps are kept.
const LIMIT: usize = 500;

impl History {
    /// An empty history.
    pub fn new() -> History {
        History {
            next_state: 1,
            ..History::default()
        }
    }

    /// Identifies the plan's current state: equal before and after an undo/redo round trip, so the editor can
    /// tell whether the plan differs from what was saved.
    pub fn state(&self) -> u64 {
        self.undo.last().map_or(0, |e| e.state)
    }

    /// Changes `section` with `change`, as one undo step labelled `label`. With a `coalesce` key equal to the
    /// previous step's (and no undo in between), the change joins that step. A change that leaves the section
    /// as it was records nothing. Returns whether anything changed.
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
        let state = self.next_state;
        self.next_state += 1;
        self.undo.push(Edit {
            label: label.to_owned(),
            section,
            change: Change::Section { before, after },
            coalesce,
            state,
        });
        self.open_key = coalesce;
        if self.undo.len() > LIMIT {
            self.undo.remove(0);
        }
        true
    }

    /// Records a custody event (one undo step).
    pub fn record(&mut self, plan: &mut Plan, log: &str, event: NewEvent) -> CustodyEventId {
        let recorded = custody::record(&mut plan.custody, log, event).clone();
        let id = recorded.id;
        self.redo.clear();
        let state = self.next_state;
        self.next_state += 1;
        self.undo.push(Edit {
            label: "record custody event".to_owned(),
            section: Section::Custody,
            change: Change::Recorded {
                events: vec![recorded],
            },
            coalesce: None,
            state,
        });
        self.open_key = None;
        id
    }

    /// Ends coalescing: the next change starts a new step (call when a text field loses focus).
    pub fn seal(&mut self) {
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

    /// Reverses the last step; returns the section it touched.
    pub fn undo(&mut self, plan: &mut Plan) -> Option<Section> {
        let edit = self.undo.pop()?;
        self.open_key = None;
        match &edit.change {
            Change::Section { before, .. } => before.clone().restore(plan),
            Change::Recorded { events } => {
                let ids: Vec<CustodyEventId> = events.iter().map(|e| e.id).collect();
                plan.custody.events.retain(|e| !ids.contains(&e.id));
            }
        }
        let section = edit.section;
        self.redo.push(edit);
        Some(section)
    }

    /// Repeats the last undone step; returns the section it touched.
    pub fn redo(&mut self, plan: &mut Plan) -> Option<Section> {
        let edit = self.redo.pop()?;
        self.open_key = None;
        match &edit.change {
            Change::Section { after, .. } => after.clone().restore(plan),
            Change::Recorded { events } => plan.custody.events.extend(events.iter().cloned()),
        }
        let section = edit.section;
        self.undo.push(edit);
        Some(section)
    }
}

#[cfg(test)]
mod tests;
