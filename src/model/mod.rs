//! The plan: plain data for the fifteen sections of an election integrity and security plan.
//!
//! Nothing here knows about files, windows or PDFs; storage, validation, the editor and the
//! exporter all work on these types.

mod labelled;

pub use labelled::Choice;
pub(crate) use labelled::labelled_enum;

pub mod allegations;
pub mod candidate_data;
pub mod communication;
pub mod custody;
pub mod entity;
pub mod escalation;
pub mod events;
pub mod fingerprint;
pub mod fraud;
pub mod hotspots;
pub mod ids;
pub mod issue;
pub mod key_dates;
pub mod limits;
pub mod overview;
pub mod people;
pub mod redact;
pub mod responsibilities;
pub mod risk;
pub mod shared;
pub mod stakeholders;
pub mod venues;

mod dates;
mod section;

pub use allegations::*;
pub use candidate_data::*;
pub use communication::*;
pub use custody::*;
pub use entity::{Capabilities, Entity, Handling, Uses};
pub use escalation::*;
pub use events::*;
pub use fingerprint::{Fingerprint, SectionDigest};
pub use fraud::*;
pub use hotspots::*;
pub use ids::*;
pub use key_dates::*;
pub use overview::*;
pub use people::*;
pub use redact::{Profile, Redacted, Withheld, redact};
pub use responsibilities::*;
pub use risk::*;
pub use section::Section;
pub use shared::Shared;
pub use stakeholders::*;
pub use venues::*;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The plan file format this build writes. Older versions are migrated on load (see `storage`).
pub const FORMAT_VERSION: u32 = 6;

/// An election integrity and security plan: one per election (one poll date, one or more contests).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// The file format version this plan was written in.
    pub format_version: u32,
    /// The plan's stable identity (see [`PlanId`]).
    pub id: PlanId,
    /// 1. Overview and document control.
    pub overview: Overview,
    /// 2. People and roles.
    pub people: Vec<Person>,
    /// 3. Division of responsibilities.
    pub responsibilities: Vec<Responsibility>,
    /// 4. Lines of communication.
    pub communication: Vec<CommunicationLine>,
    /// 5. Stakeholder and public communication.
    pub stakeholder_messages: Vec<StakeholderMessage>,
    /// 6. Candidate contact sharing with the FEOA.
    pub candidate_data: CandidateDataSharing,
    /// 7. Fraud monitoring.
    pub indicators: Vec<FraudIndicator>,
    /// 8. Safety concerns and escalation.
    pub escalation: Vec<EscalationLevel>,
    /// 9. Risk register.
    pub risks: Vec<Risk>,
    /// 10. Integrity hotspots.
    pub hotspots: Vec<Hotspot>,
    /// 11. Electoral events.
    pub events: Vec<ElectoralEvent>,
    /// 12. Ballot security and custody.
    pub custody: Custody,
    /// 13. Venues.
    pub venues: Venues,
    /// 14. Allegations and evidence.
    pub allegations: Allegations,
    /// 15. Key dates.
    pub key_dates: KeyDates,
}

impl Plan {
    /// An empty plan for an election: every section present and empty, RO/SPOC/FEOA sign-offs
    /// awaited.
    pub fn empty(election_type: ElectionType, poll_date: NaiveDate) -> Plan {
        Plan {
            format_version: FORMAT_VERSION,
            id: PlanId::new(),
            overview: Overview {
                title: "Election integrity and security plan".to_owned(),
                authority: String::new(),
                police_force: String::new(),
                election_type,
                contests: Vec::new(),
                poll_date,
                nation: Nation::default(),
                disregarded_days: Vec::new(),
                timetable_rules: None,
                returning_officer: None,
                deputies: Vec::new(),
                version: "0.1".to_owned(),
                status: PlanStatus::Draft,
                marking: Marking::OfficialSensitive,
                redacted_marking: Marking::Official,
                count_withheld: true,
                revisions: Vec::new(),
                distribution: Vec::new(),
                sign_offs: SignOffRole::ALL
                    .iter()
                    .map(|&role| SignOff {
                        role,
                        person: None,
                        agreement: None,
                        superseded: Vec::new(),
                    })
                    .collect(),
                issued_copies: Vec::new(),
                readiness_as_at: None,
            },
            people: Vec::new(),
            responsibilities: Vec::new(),
            communication: Vec::new(),
            stakeholder_messages: Vec::new(),
            candidate_data: CandidateDataSharing {
                sharing: false,
                recipient: None,
                fields: Vec::new(),
                lawful_basis: None,
                special_category: None,
                basis_explanation: String::new(),
                transmission: String::new(),
                retention: String::new(),
                privacy_notice_reviewed: None,
                privacy_notice_feoa: None,
                data_protection_policy_reviewed: None,
                candidates: Vec::new(),
                transfers: Vec::new(),
            },
            indicators: Vec::new(),
            escalation: Vec::new(),
            risks: Vec::new(),
            hotspots: Vec::new(),
            events: Vec::new(),
            custody: Custody::default(),
            venues: Venues::default(),
            allegations: Allegations::default(),
            key_dates: KeyDates::default(),
        }
    }

    /// The person with this id.
    pub fn person(&self, id: PersonId) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }

    /// The name of the person with this id, or a marker if they are not in the directory.
    pub fn person_name(&self, id: Option<PersonId>) -> &str {
        match id {
            None => "—",
            Some(id) => self
                .person(id)
                .map_or("(unknown person)", |p| p.name.as_str()),
        }
    }

    /// The venue with this id.
    pub fn venue(&self, id: VenueId) -> Option<&Venue> {
        self.venues.venues.iter().find(|v| v.id == id)
    }

    /// The first person in the directory with this role.
    pub fn first_with_role(&self, role: Role) -> Option<&Person> {
        self.people.iter().find(|p| p.role == role)
    }

    /// When the first ballot box can be at the count: the earlier of the start of the first count
    /// or verification event (receipt of boxes begins when the count venue opens) and the first
    /// receipt at the count recorded in the custody log. `None` if the plan has neither.
    pub fn first_arrival_at_count(&self) -> Option<FirstArrival> {
        let planned = self
            .events
            .iter()
            .filter(|e| matches!(e.kind, EventKind::Count | EventKind::Verification))
            .min_by_key(|e| e.starts_at())
            .map(|e| FirstArrival {
                at: e.starts_at(),
                what: format!(
                    "the start of the {} \u{201c}{}\u{201d}",
                    e.kind.label().to_lowercase(),
                    e.name
                ),
            });
        let recorded = self.custody.first_receipt_recorded().map(|e| {
            let item = self.custody.items.iter().find(|i| i.id == e.item);
            FirstArrival {
                at: e.at,
                what: format!(
                    "the first receipt at the count recorded in the custody log ({})",
                    item.map_or("an item no longer listed", |i| i.label.as_str())
                ),
            }
        });
        match (planned, recorded) {
            (Some(p), Some(r)) => Some(if r.at < p.at { r } else { p }),
            (p, r) => p.or(r),
        }
    }
}
