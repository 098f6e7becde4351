//! Section 5: how the approach to integrity and security is explained to stakeholders and the
//! public.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ids::{PersonId, StakeholderMessageId};
use super::labelled::labelled_enum;

labelled_enum! {
    /// Who a message is for.
    #[derive(Default)]
    pub enum Audience {
        /// Electors.
        #[default]
        Electors => "Electors", "electors",
        /// Candidates and their agents.
        CandidatesAndAgents => "Candidates and agents", "candidates-and-agents",
        /// Electoral staff: presiding officers, poll clerks, count staff.
        Staff => "Staff", "staff",
        /// The media.
        Media => "Media", "media",
        /// Partner organisations: police, venue owners, care-home managers.
        Partners => "Partners", "partners",
    }
}

labelled_enum! {
    /// How a message reaches its audience.
    #[derive(Default)]
    pub enum Medium {
        /// The council website.
        #[default]
        Website => "Website", "website",
        /// A press release.
        PressRelease => "Press release", "press-release",
        /// Social media.
        SocialMedia => "Social media", "social-media",
        /// A briefing session in person or online.
        Briefing => "Briefing", "briefing",
        /// A handbook or guidance document.
        Handbook => "Handbook", "handbook",
        /// A letter or leaflet.
        Letter => "Letter or leaflet", "letter",
        /// Email.
        Email => "Email", "email",
        /// Training.
        Training => "Training", "training",
    }
}

/// One planned message about integrity and security.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StakeholderMessage {
    /// Stable identifier.
    pub id: StakeholderMessageId,
    /// Who it is for.
    pub audience: Audience,
    /// What it says.
    pub message: String,
    /// How it is delivered.
    pub medium: Medium,
    /// When it goes out.
    pub planned_on: Option<NaiveDate>,
    /// Who is responsible for it.
    pub owner: Option<PersonId>,
    /// Which copies show it (its handling mark; see `model::redact` for what is withheld).
    #[serde(default = "super::entity::default_handling::<StakeholderMessage>")]
    pub handling: super::Handling,
}
