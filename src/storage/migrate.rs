//! Migrations from earlier plan formats. Each step reads the old format into types frozen as they were
//! and converts them to the next version, so old files keep loading as the model evolves.
//!
//! History:
//! - version 1: a person had two text fields `phone` and `mobile`.
//! - version 2: a person has a list of `phones`, each with a kind (office, mobile, out of hours).

use serde::Deserialize;

use crate::model::{
    Allegations, CandidateDataSharing, CommunicationLine, Custody, ElectoralEvent, EscalationLevel,
    FORMAT_VERSION, FraudIndicator, Hotspot, KeyDates, Overview, Person, PersonId, Phone,
    PhoneKind, Plan, Responsibility, Risk, Role, StakeholderMessage, Venues,
};

/// Reads a plan written in an older `version` and brings it up to the current format.
pub(super) fn from_version(version: u32, text: &str) -> Result<Plan, ron::error::SpannedError> {
    debug_assert!(version < FORMAT_VERSION);
    // One arm per old version; each converts to the next version and falls through to the current one.
    let v1: v1::Plan = ron::from_str(text)?;
    Ok(v1.into_v2())
}

/// Format version 1, frozen.
mod v1 {
    use super::*;

    /// A person in format version 1.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct Person {
        id: PersonId,
        name: String,
        role: Role,
        job_title: String,
        organisation: String,
        phone: String,
        mobile: String,
        email: String,
        address: String,
        out_of_hours_cover: Option<PersonId>,
        personal_data: bool,
    }

    /// A plan in format version 1.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields, rename = "Plan")]
    pub(super) struct Plan {
        #[allow(dead_code)]
        format_version: u32,
        overview: Overview,
        people: Vec<Person>,
        responsibilities: Vec<Responsibility>,
        communication: Vec<CommunicationLine>,
        stakeholder_messages: Vec<StakeholderMessage>,
        candidate_data: CandidateDataSharing,
        indicators: Vec<FraudIndicator>,
        escalation: Vec<EscalationLevel>,
        risks: Vec<Risk>,
        hotspots: Vec<Hotspot>,
        events: Vec<ElectoralEvent>,
        custody: Custody,
        venues: Venues,
        allegations: Allegations,
        key_dates: KeyDates,
    }

    impl Person {
        fn into_v2(self) -> super::Person {
            let phones = [
                (PhoneKind::Office, self.phone),
                (PhoneKind::Mobile, self.mobile),
            ]
            .into_iter()
            .filter(|(_, number)| !number.trim().is_empty())
            .map(|(kind, number)| Phone { kind, number })
            .collect();
            super::Person {
                id: self.id,
                name: self.name,
                role: self.role,
                job_title: self.job_title,
                organisation: self.organisation,
                phones,
                email: self.email,
                address: self.address,
                out_of_hours_cover: self.out_of_hours_cover,
                personal_data: self.personal_data,
            }
        }
    }

    impl Plan {
        pub(super) fn into_v2(self) -> super::Plan {
            super::Plan {
                format_version: 2,
                overview: self.overview,
                people: self.people.into_iter().map(Person::into_v2).collect(),
                responsibilities: self.responsibilities,
                communication: self.communication,
                stakeholder_messages: self.stakeholder_messages,
                candidate_data: self.candidate_data,
                indicators: self.indicators,
                escalation: self.escalation,
                risks: self.risks,
                hotspots: self.hotspots,
                events: self.events,
                custody: self.custody,
                venues: self.venues,
                allegations: self.allegations,
                key_dates: self.key_dates,
            }
        }
    }
}
