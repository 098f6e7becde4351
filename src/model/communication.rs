//! Section 4: lines of communication and how often they are used.

use serde::{Deserialize, Serialize};

use super::ids::{CommunicationLineId, EscalationLevelId, PersonId};
use super::labelled::labelled_enum;

labelled_enum! {
    /// How one party reaches another.
    #[derive(Default)]
    pub enum Channel {
        /// A telephone call.
        #[default]
        Phone => "Phone", "phone",
        /// Email.
        Email => "Email", "email",
        /// Secure (encrypted or government-secure) email.
        SecureEmail => "Secure email", "secure-email",
        /// A face-to-face meeting.
        Meeting => "Meeting", "meeting",
        /// A video call.
        VideoCall => "Video call", "video-call",
        /// Two-way radio.
        Radio => "Radio", "radio",
        /// An instant messaging group.
        Messaging => "Messaging group", "messaging",
        /// Emergency services on 999.
        Emergency999 => "999", "999",
        /// Police non-emergency number 101.
        Police101 => "101", "101",
    }
}

labelled_enum! {
    /// How often a line of communication is used, from least to most frequent.
    pub enum Cadence {
        /// Only when there is something to say.
        AsNeeded => "As needed", "as-needed",
        /// Once a month.
        Monthly => "Monthly", "monthly",
        /// Every two weeks.
        Fortnightly => "Fortnightly", "fortnightly",
        /// Once a week.
        Weekly => "Weekly", "weekly",
        /// Twice a week.
        TwiceWeekly => "Twice weekly", "twice-weekly",
        /// Every day.
        Daily => "Daily", "daily",
        /// Twice a day.
        TwiceDaily => "Twice daily", "twice-daily",
        /// Every hour.
        Hourly => "Hourly", "hourly",
    }
}

impl Cadence {
    /// How many contacts a week this cadence means, for comparing cadences; `AsNeeded` is zero.
    pub fn per_week(self) -> f64 {
        match self {
            Cadence::AsNeeded => 0.0,
            Cadence::Monthly => 12.0 / 52.0,
            Cadence::Fortnightly => 0.5,
            Cadence::Weekly => 1.0,
            Cadence::TwiceWeekly => 2.0,
            Cadence::Daily => 7.0,
            Cadence::TwiceDaily => 14.0,
            Cadence::Hourly => 7.0 * 24.0,
        }
    }

    /// The interval between contacts in days, for placing check-ins; `None` for `AsNeeded` and
    /// `Hourly`.
    pub fn interval_days(self) -> Option<i64> {
        match self {
            Cadence::AsNeeded | Cadence::Hourly => None,
            Cadence::Monthly => Some(28),
            Cadence::Fortnightly => Some(14),
            Cadence::Weekly => Some(7),
            Cadence::TwiceWeekly => Some(3),
            Cadence::Daily | Cadence::TwiceDaily => Some(1),
        }
    }
}

/// A cadence that applies from a number of days before the poll until the next phase takes over.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CadencePhase {
    /// Calendar days before polling day this phase starts (0 is polling day itself).
    pub from_days_before_poll: u32,
    /// How often contact is made during the phase.
    pub cadence: Cadence,
}

/// A schedule as people say it: "fortnightly from 56 days before the poll; weekly from 28 days
/// before the poll; hourly on polling day" (phases in any order; "Not set" when there are none).
pub fn schedule_text(phases: &[CadencePhase]) -> String {
    let mut phases = phases.to_vec();
    phases.sort_by_key(|p| std::cmp::Reverse(p.from_days_before_poll));
    let parts: Vec<String> = phases
        .iter()
        .map(|p| {
            let cadence = p.cadence.label().to_lowercase();
            match p.from_days_before_poll {
                0 if p.cadence != Cadence::AsNeeded => format!("{cadence} on polling day"),
                0 => "as needed on polling day".to_owned(),
                1 => format!("{cadence} from the day before the poll"),
                d => format!("{cadence} from {d} days before the poll"),
            }
        })
        .collect();
    if parts.is_empty() {
        "Not set".to_owned()
    } else {
        parts.join("; ")
    }
}

/// Who contacts whom, about what, how and how often.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommunicationLine {
    /// Stable identifier.
    pub id: CommunicationLineId,
    /// Who makes contact.
    pub from: Option<PersonId>,
    /// Who is contacted.
    pub to: Option<PersonId>,
    /// What it is about.
    pub subject: String,
    /// By which channel.
    pub channel: Channel,
    /// How often, tightening towards the poll; phases in order of `from_days_before_poll`, furthest
    /// first.
    pub schedule: Vec<CadencePhase>,
    /// Where matters raised on this line go when they must be escalated.
    pub escalates_to: Option<EscalationLevelId>,
    /// Which copies show it (its handling mark; see `model::redact` for what is withheld).
    #[serde(default = "super::entity::default_handling::<CommunicationLine>")]
    pub handling: super::Handling,
}

impl CommunicationLine {
    /// The cadence in force a given number of days before the poll.
    pub fn cadence_at(&self, days_before_poll: u32) -> Option<Cadence> {
        self.schedule
            .iter()
            .filter(|p| p.from_days_before_poll >= days_before_poll)
            .min_by_key(|p| p.from_days_before_poll)
            .map(|p| p.cadence)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phase(from_days_before_poll: u32, cadence: Cadence) -> CadencePhase {
        CadencePhase {
            from_days_before_poll,
            cadence,
        }
    }

    #[test]
    fn a_schedule_reads_furthest_phase_first() {
        assert_eq!(schedule_text(&[]), "Not set");
        let phases = [
            phase(0, Cadence::Hourly),
            phase(56, Cadence::Fortnightly),
            phase(1, Cadence::Daily),
            phase(28, Cadence::Weekly),
        ];
        assert_eq!(
            schedule_text(&phases),
            "fortnightly from 56 days before the poll; weekly from 28 days before the poll; \
             daily from the day before the poll; hourly on polling day"
        );
        assert_eq!(
            schedule_text(&[phase(0, Cadence::AsNeeded)]),
            "as needed on polling day"
        );
    }
}
