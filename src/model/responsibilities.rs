//! Section 3: the division of responsibilities between the RO's team, the police and partners.

use serde::{Deserialize, Serialize};

use super::ids::{PersonId, ResponsibilityId};

/// One task in the responsibilities matrix, with who leads, supports and must be informed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Responsibility {
    /// Stable identifier.
    pub id: ResponsibilityId,
    /// The task, e.g. "First point of contact for fraud allegations".
    pub task: String,
    /// Who leads.
    pub lead: Option<PersonId>,
    /// Who supports.
    pub support: Vec<PersonId>,
    /// Who must be kept informed.
    pub informed: Vec<PersonId>,
    /// Anything else a reader needs.
    pub notes: String,
    /// Which copies show it (its handling mark; see `model::redact` for what is withheld).
    #[serde(default = "super::entity::default_handling::<Responsibility>")]
    pub handling: super::Handling,
}
