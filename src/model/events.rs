//! Section 11: electoral events — opening sessions, polling day, verification, count and
//! declaration.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use super::ids::{ElectoralEventId, PersonId, VenueId};
use super::labelled::labelled_enum;

labelled_enum! {
    /// What kind of event.
    pub enum EventKind {
        /// A postal vote opening session (candidates get 48 hours' notice).
        PostalVoteOpening => "Postal vote opening session", "postal-vote-opening",
        /// Polling day.
        PollingDay => "Polling day", "polling-day",
        /// Verification of ballot paper accounts.
        Verification => "Verification", "verification",
        /// The count.
        Count => "Count", "count",
        /// The declaration of results.
        Declaration => "Declaration", "declaration",
        /// A briefing for candidates and agents.
        CandidateBriefing => "Candidate and agent briefing", "candidate-briefing",
        /// Training for staff.
        StaffTraining => "Staff training", "staff-training",
    }
}

/// An event with its venue, times, safety arrangements and who is in charge.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElectoralEvent {
    /// Stable identifier.
    pub id: ElectoralEventId,
    /// What kind of event.
    pub kind: EventKind,
    /// A short name, e.g. "Postal vote opening 3".
    pub name: String,
    /// Where it is held.
    pub venue: Option<VenueId>,
    /// The day it is held.
    pub date: NaiveDate,
    /// When it starts.
    pub start: NaiveTime,
    /// When it is expected to end (the next day if earlier than the start).
    pub end: Option<NaiveTime>,
    /// Who is in charge.
    pub in_charge: Option<PersonId>,
    /// Safety and security arrangements.
    pub safety: String,
    /// When candidates and agents were notified (postal vote opening needs 48 hours' notice).
    pub candidates_notified: Option<NaiveDateTime>,
    /// Which copies show it (its handling mark; see `model::redact` for what is withheld).
    #[serde(default = "super::entity::default_handling::<ElectoralEvent>")]
    pub handling: super::Handling,
}

impl ElectoralEvent {
    /// When the event starts.
    pub fn starts_at(&self) -> NaiveDateTime {
        self.date.and_time(self.start)
    }
}
