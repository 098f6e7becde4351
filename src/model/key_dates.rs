//! Section 15: key dates — the plan's own reviews and local milestones (the statutory timetable
//! is computed).

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::ids::{LocalMilestoneId, PersonId, PlanReviewId};
use super::labelled::labelled_enum;

labelled_enum! {
    /// A milestone of the statutory election timetable (SPEC section 9), in timetable order.
    pub enum Milestone {
        /// Dissolution of Parliament (UK Parliamentary general elections only).
        Dissolution => "Dissolution of Parliament", "dissolution",
        /// First day the notice of election may be published (where the law sets a window).
        NoticeOfElectionEarliest => "Notice of election (earliest)", "notice_of_election_earliest",
        /// Last day to publish the notice of election.
        NoticeOfElection => "Notice of election (latest)", "notice_of_election",
        /// Close of nominations (4pm).
        CloseOfNominations => "Close of nominations", "close_of_nominations",
        /// Publication of the statement of persons nominated.
        StatementOfPersonsNominated => "Statement of persons nominated",
            "statement_of_persons_nominated",
        /// Deadline to register to vote (midnight).
        RegistrationDeadline => "Registration deadline", "registration_deadline",
        /// Deadline for new postal vote applications and changes (5pm).
        PostalVoteDeadline => "Postal vote applications and changes deadline",
            "postal_vote_deadline",
        /// Deadline for new proxy applications (5pm).
        ProxyDeadline => "Proxy applications deadline", "proxy_deadline",
        /// Deadline for Voter Authority Certificate applications (5pm).
        VoterAuthorityCertificateDeadline => "Voter Authority Certificate deadline",
            "voter_authority_certificate_deadline",
        /// Deadline for appointing polling and counting agents.
        AgentsAppointmentDeadline => "Appointment of polling and counting agents",
            "agents_appointment_deadline",
        /// First day lost postal votes may be replaced.
        ReplacementPostalVotesFrom => "Replacement of lost postal votes from",
            "replacement_postal_votes_from",
        /// Emergency proxies and replacement postal votes close (polling day, 5pm).
        EmergencyProxyDeadline => "Emergency proxies and replacement postal votes close",
            "emergency_proxy_deadline",
        /// Polling day.
        Poll => "Polling day", "poll",
    }
}

/// Places a review relative to a milestone, so it moves when the poll date does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MilestoneAnchor {
    /// The milestone.
    pub milestone: Milestone,
    /// Working days after the milestone (negative for before).
    pub working_days_after: i32,
}

/// A scheduled review of the plan with the police.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanReview {
    /// Stable identifier.
    pub id: PlanReviewId,
    /// When.
    pub date: NaiveDate,
    /// What it is for, e.g. "Review after close of nominations".
    pub purpose: String,
    /// The milestone it is placed against, if any: its date follows the timetable when the poll
    /// date moves.
    pub anchor: Option<MilestoneAnchor>,
    /// Who attends.
    pub attendees: Vec<PersonId>,
    /// Whether it has taken place.
    pub done: bool,
    /// A reminder in the calendar export, this many minutes before (none: no reminder).
    #[serde(default)]
    pub reminder_minutes: Option<u32>,
}

/// A local milestone that is not in the statutory timetable (postal vote dispatch, a venue
/// walk-through).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocalMilestone {
    /// Stable identifier (a file from before version 6 gets one derived from the plan's id and
    /// the milestone's place, so exports before its first save agree).
    pub id: LocalMilestoneId,
    /// When.
    pub date: NaiveDate,
    /// At what time, if it matters.
    pub time: Option<NaiveTime>,
    /// What happens.
    pub label: String,
    /// A reminder in the calendar export, this many minutes before (none: no reminder).
    #[serde(default)]
    pub reminder_minutes: Option<u32>,
}

/// Section 15 of the plan.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyDates {
    /// Reviews of the plan.
    pub reviews: Vec<PlanReview>,
    /// Local milestones.
    pub milestones: Vec<LocalMilestone>,
}
