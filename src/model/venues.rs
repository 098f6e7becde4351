//! Section 13: venues and their security assessments against the checklist of measures.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ids::{MeasureId, PersonId, VenueId};
use super::labelled::labelled_enum;

labelled_enum! {
    /// What a venue is used for.
    #[derive(Default)]
    pub enum VenueKind {
        /// A polling station.
        #[default]
        PollingStation => "Polling station", "polling-station",
        /// The verification and count venue.
        CountVenue => "Count venue", "count-venue",
        /// Where postal votes are opened.
        PostalVoteOpening => "Postal vote opening venue", "postal-vote-opening",
        /// A secure store for ballot material.
        Storage => "Secure storage", "storage",
        /// The elections office.
        Office => "Elections office", "office",
    }
}

labelled_enum! {
    /// Whether a security measure is in place at a venue.
    pub enum MeasureStatus {
        /// In place.
        InPlace => "In place", "in-place",
        /// Planned but not yet in place.
        Planned => "Planned", "planned",
        /// Not in place.
        NotInPlace => "Not in place", "not-in-place",
        /// Does not apply to this venue.
        NotApplicable => "Not applicable", "not-applicable",
    }
}

/// A measure on the venue security checklist, drawn from the ProtectUK advice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecurityMeasure {
    /// Stable identifier.
    pub id: MeasureId,
    /// A short name, e.g. "Search before opening".
    pub title: String,
    /// What it involves.
    pub guidance: String,
    /// Which kinds of venue it applies to.
    pub applies_to: Vec<VenueKind>,
}

/// The status of one checklist measure at one venue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureCheck {
    /// The measure.
    pub measure: MeasureId,
    /// Whether it is in place.
    pub status: MeasureStatus,
    /// What was seen or agreed.
    pub note: String,
}

/// A security assessment of a venue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecurityAssessment {
    /// When it was assessed.
    pub assessed_on: NaiveDate,
    /// Who assessed it.
    pub assessed_by: Option<PersonId>,
    /// Each measure's status.
    pub checks: Vec<MeasureCheck>,
    /// Venue-specific findings.
    pub summary: String,
    /// Which copies show the assessment: the full copy only unless marked otherwise (it records
    /// the venue's security measures and search arrangements).
    #[serde(default = "super::Handling::full_copy_only")]
    pub handling: super::Handling,
}

/// A venue used in the election.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Venue {
    /// Stable identifier.
    pub id: VenueId,
    /// The venue's name, e.g. "St Mary's Church Hall".
    pub name: String,
    /// What it is used for.
    pub kind: VenueKind,
    /// Its address.
    pub address: String,
    /// The polling district reference, for polling stations (e.g. "NA1").
    pub polling_district: String,
    /// The station number on the notice of situation of polling stations.
    pub station_number: Option<u32>,
    /// The polling place's reference in the electoral management software, where an import gave
    /// one: the surest way to find the same station in the next export. Left out of the file while
    /// empty, so plans without one are written as before.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ems_reference: String,
    /// The venue manager or keyholder.
    pub contact: Option<PersonId>,
    /// The latest security assessment, once made.
    pub assessment: Option<SecurityAssessment>,
    /// Which copies show it (its handling mark; see `model::redact` for what is withheld).
    #[serde(default = "super::entity::default_handling::<Venue>")]
    pub handling: super::Handling,
}

/// Section 13 of the plan: the checklist of measures and the venues assessed against it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Venues {
    /// The checklist of security measures.
    pub checklist: Vec<SecurityMeasure>,
    /// The venues.
    pub venues: Vec<Venue>,
}
