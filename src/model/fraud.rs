//! Section 7: fraud indicators, their local levels and the observations recorded against them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ids::{IndicatorId, ObservationId, PersonId};
use super::labelled::labelled_enum;

labelled_enum! {
    /// Which indicator this is: those the Electoral Commission names, the statutory limits, or a local one.
    pub enum IndicatorKind {
        /// Many registration applications at one property, out of line with its size.
        RegistrationsAtProperty => "Registrations at one property", "registrations-at-property",
        /// Many absent-vote applications at one property.
        AbsentVoteApplicationsAtProperty => "Absent-vote applications at one property", "absent-votes-at-property",
        /// Breaks from a property's previous registration pattern.
        RegistrationPatternBreak => "Break from previous registration pattern", "registration-pattern-break",
        /// Whole properties failing verification.
        PropertiesFailingVerification => "Properties failing verification", "properties-failing-verification",
        /// Many attestations or signature waivers.
        AttestationsOrWaivers => "Attestations or signature waivers", "attestations-or-waivers",
        /// Forms apparently in the same handwriting.
        SameHandwriting => "Forms in the same handwriting", "same-handwriting",
        /// Many applications assisted by one person.
        AssistedByOnePerson => "Applications assisted by one person", "assisted-by-one-person",
        /// Many postal vote redirections to one address.
        RedirectionsToOneAddress => "Postal vote redirections to one address", "redirections-to-one-address",
        /// Acknowledgements returned undelivered.
        UndeliveredAcknowledgements => "Acknowledgements returned undelivered", "undelivered-acknowledgements",
        /// Details inconsistent with data already held.
        InconsistentDetails => "Details inconsistent with held data", "inconsistent-details",
        /// Unusual volumes of applications in an area.
        UnusualAreaVolumes => "Unusual volume of applications in an area", "unusual-area-volumes",
        /// Statutory: postal votes of other electors handed in by one person (limit 5).
        PostalVotesHandedInByOnePerson => "Postal votes handed in by one person (statutory)", "postal-votes-handed-in",
        /// Statutory: electors for whom one person acts as proxy (limit 4).
        ProxiesHeldByOnePerson => "Electors one person is proxy for (statutory)", "proxies-held",
        /// Statutory: domestic electors for whom one person acts as proxy (limit 2).
        DomesticProxiesHeldByOnePerson => "Domestic electors one person is proxy for (statutory)", "domestic-proxies-held",
        /// A locally defined indicator.
        Local => "Local indicator", "local",
    }
}

impl IndicatorKind {
    /// The limit the law sets, where it sets one: observations above it are unlawful whatever the local levels say.
    ///
    /// A person may hand in the postal votes of at most 5 other electors (plus their own), and act as proxy
    /// for at most 4 electors, of whom at most 2 may be domestic electors (SPEC section 9).
    pub fn statutory_limit(self) -> Option<f64> {
        match self {
            IndicatorKind::PostalVotesHandedInByOnePerson => Some(5.0),
            IndicatorKind::ProxiesHeldByOnePerson => Some(4.0),
            IndicatorKind::DomesticProxiesHeldByOnePerson => Some(2.0),
            _ => None,
        }
    }
}

labelled_enum! {
    /// Whether an indicator alerts when its value rises above or falls below its levels.
    pub enum Direction {
        /// Alert when the value is at or above the level.
        Above => "At or above", "above",
        /// Alert when the value is at or below the level.
        Below => "At or below", "below",
    }
}

impl Direction {
    /// Whether `value` has reached `level` in this direction.
    pub fn reached(self, value: f64, level: f64) -> bool {
        match self {
            Direction::Above => value >= level,
            Direction::Below => value <= level,
        }
    }
}

labelled_enum! {
    /// An indicator's state from its latest observation.
    pub enum IndicatorState {
        /// Below the warning level (or no observation yet).
        Clear => "Clear", "clear",
        /// At or past the warning level.
        Warning => "Warning", "warning",
        /// At or past the action level.
        Action => "Action", "action",
    }
}

/// One value recorded against an indicator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Observation {
    /// Stable identifier.
    pub id: ObservationId,
    /// The date the value applies to.
    pub date: NaiveDate,
    /// The value measured.
    pub value: f64,
    /// What was seen, e.g. the property or the person concerned (without personal data).
    pub note: String,
    /// Who recorded it.
    pub recorded_by: Option<PersonId>,
}

/// A fraud indicator: what is measured, the local warning and action levels, and what to do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FraudIndicator {
    /// Stable identifier.
    pub id: IndicatorId,
    /// Which indicator.
    pub kind: IndicatorKind,
    /// A short name.
    pub name: String,
    /// What is measured and how, e.g. "Postal vote applications received for one address in a week".
    pub measure: String,
    /// Whether high or low values are the concern.
    pub direction: Direction,
    /// The locally set warning level.
    pub warning_level: Option<f64>,
    /// The locally set action level.
    pub action_level: Option<f64>,
    /// What to do when the action level is reached.
    pub action: String,
    /// Who watches this indicator.
    pub owner: Option<PersonId>,
    /// What has been recorded, in any order.
    pub observations: Vec<Observation>,
}

impl FraudIndicator {
    /// The most recent observation (by date, then by position when two share a date).
    pub fn latest(&self) -> Option<&Observation> {
        self.observations
            .iter()
            .enumerate()
            .max_by_key(|(i, o)| (o.date, *i))
            .map(|(_, o)| o)
    }

    /// The state a value puts this indicator in, by its local levels.
    pub fn state_of(&self, value: f64) -> IndicatorState {
        let reached = |level: Option<f64>| level.is_some_and(|l| self.direction.reached(value, l));
        if reached(self.action_level) {
            IndicatorState::Action
        } else if reached(self.warning_level) {
            IndicatorState::Warning
        } else {
            IndicatorState::Clear
        }
    }

    /// The indicator's current state, from its latest observation.
    pub fn state(&self) -> IndicatorState {
        self.latest()
            .map_or(IndicatorState::Clear, |o| self.state_of(o.value))
    }
}
