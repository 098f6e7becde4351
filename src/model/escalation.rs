//! Section 8: the agreed route for notifying and escalating safety concerns.

use serde::{Deserialize, Serialize};

use super::communication::Channel;
use super::ids::{EscalationLevelId, PersonId};

/// One rung of the escalation ladder.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EscalationLevel {
    /// Stable identifier.
    pub id: EscalationLevelId,
    /// A short name, e.g. "Immediate danger".
    pub name: String,
    /// What triggers this level.
    pub trigger: String,
    /// Who is contacted (none for 999 and 101, which are channels, not people).
    pub contact: Option<PersonId>,
    /// How they are contacted.
    pub channel: Channel,
    /// How quickly contact must be made, in minutes.
    pub respond_within_minutes: Option<u32>,
    /// What happens next.
    pub actions: String,
    /// Which copies show it (its handling mark; see `model::redact` for what is withheld).
    #[serde(default = "super::entity::default_handling::<EscalationLevel>")]
    pub handling: super::Handling,
}

impl EscalationLevel {
    /// Whether the level is reached through a public number (999, 101) rather than a named person.
    pub fn uses_public_number(&self) -> bool {
        matches!(self.channel, Channel::Emergency999 | Channel::Police101)
    }
}
