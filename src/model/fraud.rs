//! Section 7: fraud indicators, their local levels and the observations recorded against them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ids::{IndicatorId, ObservationId, PersonId};
use super::labelled::labelled_enum;

/// A level or an observed value as people write it: whole numbers without a needless ".0"
/// (`5`, not `5.0`), fractions as they are (`2.5`).
pub fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}

labelled_enum! {
    /// Which indicator this is: those the Electoral Commission names, the statutory limits, or a
    /// local one.
    pub enum IndicatorKind {
        /// Many registration applications at one property, out of line with its size.
        RegistrationsAtProperty => "Registrations at one property", "registrations-at-property",
        /// Many absent-vote applications at one property.
        AbsentVoteApplicationsAtProperty => "Absent-vote applications at one property",
            "absent-votes-at-property",
        /// Breaks from a property's previous registration pattern.
        RegistrationPatternBreak => "Break from previous registration pattern",
            "registration-pattern-break",
        /// Whole properties failing verification.
        PropertiesFailingVerification => "Properties failing verification",
            "properties-failing-verification",
        /// Many attestations or signature waivers.
        AttestationsOrWaivers => "Attestations or signature waivers", "attestations-or-waivers",
        /// Forms apparently in the same handwriting.
        SameHandwriting => "Forms in the same handwriting", "same-handwriting",
        /// Many applications assisted by one person.
        AssistedByOnePerson => "Applications assisted by one person", "assisted-by-one-person",
        /// Many postal vote redirections to one address.
        RedirectionsToOneAddress => "Postal vote redirections to one address",
            "redirections-to-one-address",
        /// Acknowledgements returned undelivered.
        UndeliveredAcknowledgements => "Acknowledgements returned undelivered",
            "undelivered-acknowledgements",
        /// Details inconsistent with data already held.
        InconsistentDetails => "Details inconsistent with held data", "inconsistent-details",
        /// Unusual volumes of applications in an area.
        UnusualAreaVolumes => "Unusual volume of applications in an area", "unusual-area-volumes",
        /// Statutory: other electors' postal voting documents (and proxy postal ballot papers)
        /// handed in by one person at one election (RPR 2001 reg. 82B; see
        /// `assets/law/contests.ron`).
        PostalVotesHandedInByOnePerson => "Postal votes handed in by one person (statutory)",
            "postal-votes-handed-in",
        /// Statutory: electors for whom one person acts as proxy (RPA 1983 s. 61(1A)).
        ProxiesHeldByOnePerson => "Electors one person is proxy for (statutory)", "proxies-held",
        /// Statutory: domestic electors for whom one person acts as proxy (RPA 1983 s. 61(1A)).
        DomesticProxiesHeldByOnePerson => "Domestic electors one person is proxy for (statutory)",
            "domestic-proxies-held",
        /// Statutory: electors other than close relatives for whom one person votes as proxy, where
        /// the law keeps "two unless close relatives" (Scottish and Welsh devolved polls).
        NonRelativeProxiesHeldByOnePerson =>
            "Non-relatives one person votes as proxy for (statutory)", "non-relative-proxies-held",
        /// A locally defined indicator.
        Local => "Local indicator", "local",
    }
}

impl IndicatorKind {
    /// Whether the law sets this indicator's limit. The number, and the contests it applies to,
    /// come from the law data for the plan's contests (`law::contests::statutory_limit`), never
    /// from code.
    pub fn is_statutory(self) -> bool {
        matches!(
            self,
            IndicatorKind::PostalVotesHandedInByOnePerson
                | IndicatorKind::ProxiesHeldByOnePerson
                | IndicatorKind::DomesticProxiesHeldByOnePerson
                | IndicatorKind::NonRelativeProxiesHeldByOnePerson
        )
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
    /// What is measured and how, e.g. "Postal vote applications received for one address in a
    /// week".
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
    /// Which copies show it (its handling mark; see `model::redact` for what is withheld).
    #[serde(default = "super::entity::default_handling::<FraudIndicator>")]
    pub handling: super::Handling,
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

    /// The state a value puts this indicator in. Where the law sets a limit for the plan's contests
    /// (`statutory_limit`), the law's number judges, not local levels: beyond the limit is action,
    /// at the limit is warning. Otherwise the local levels do.
    pub fn state_of(&self, value: f64, statutory_limit: Option<f64>) -> IndicatorState {
        if let Some(limit) = statutory_limit {
            return if value > limit {
                IndicatorState::Action
            } else if value >= limit {
                IndicatorState::Warning
            } else {
                IndicatorState::Clear
            };
        }
        let reached = |level: Option<f64>| level.is_some_and(|l| self.direction.reached(value, l));
        if reached(self.action_level) {
            IndicatorState::Action
        } else if reached(self.warning_level) {
            IndicatorState::Warning
        } else {
            IndicatorState::Clear
        }
    }

    /// The indicator's current state, from its latest observation, under the law's limit if it sets
    /// one.
    pub fn state(&self, statutory_limit: Option<f64>) -> IndicatorState {
        self.latest().map_or(IndicatorState::Clear, |o| {
            self.state_of(o.value, statutory_limit)
        })
    }

    /// Whether this indicator follows a limit the law sets (for the contests it applies to).
    pub fn is_statutory(&self) -> bool {
        self.kind.is_statutory()
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn indicator(
        kind: IndicatorKind,
        direction: Direction,
        warning: Option<f64>,
        action: Option<f64>,
    ) -> FraudIndicator {
        FraudIndicator {
            handling: crate::model::Handling::Both,
            id: IndicatorId::new(),
            kind,
            name: "test".to_owned(),
            measure: String::new(),
            direction,
            warning_level: warning,
            action_level: action,
            action: String::new(),
            owner: None,
            observations: Vec::new(),
        }
    }

    fn observe(i: &mut FraudIndicator, day: u32, value: f64) -> IndicatorState {
        i.observations.push(Observation {
            id: ObservationId::new(),
            date: NaiveDate::from_ymd_opt(2027, 4, day).unwrap(),
            value,
            note: String::new(),
            recorded_by: None,
        });
        i.state(None)
    }

    #[test]
    fn numbers_are_written_without_a_needless_point_zero() {
        assert_eq!(number(5.0), "5");
        assert_eq!(number(-3.0), "-3");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(1e16), "10000000000000000");
    }

    #[test]
    fn every_transition_alerting_above() {
        use IndicatorState::*;
        let mut i = indicator(
            IndicatorKind::RegistrationsAtProperty,
            Direction::Above,
            Some(4.0),
            Some(8.0),
        );
        assert_eq!(i.state(None), Clear, "no observation yet");
        assert_eq!(observe(&mut i, 1, 3.0), Clear);
        assert_eq!(
            observe(&mut i, 2, 4.0),
            Warning,
            "clear → warning at the level itself"
        );
        assert_eq!(observe(&mut i, 3, 3.9), Clear, "warning → clear");
        assert_eq!(observe(&mut i, 4, 8.0), Action, "clear → action");
        assert_eq!(observe(&mut i, 5, 5.0), Warning, "action → warning");
        assert_eq!(observe(&mut i, 6, 9.0), Action, "warning → action");
        assert_eq!(observe(&mut i, 7, 0.0), Clear, "action → clear");
    }

    #[test]
    fn every_transition_alerting_below() {
        use IndicatorState::*;
        // E.g. the share of poll cards delivered: a fall is the concern.
        let mut i = indicator(
            IndicatorKind::Local,
            Direction::Below,
            Some(90.0),
            Some(75.0),
        );
        assert_eq!(observe(&mut i, 1, 95.0), Clear);
        assert_eq!(observe(&mut i, 2, 90.0), Warning, "clear → warning");
        assert_eq!(observe(&mut i, 3, 91.0), Clear, "warning → clear");
        assert_eq!(observe(&mut i, 4, 75.0), Action, "clear → action");
        assert_eq!(observe(&mut i, 5, 80.0), Warning, "action → warning");
        assert_eq!(observe(&mut i, 6, 10.0), Action, "warning → action");
        assert_eq!(observe(&mut i, 7, 100.0), Clear, "action → clear");
    }

    #[test]
    fn the_latest_observation_decides_whatever_the_order_recorded() {
        let mut i = indicator(IndicatorKind::Local, Direction::Above, Some(4.0), Some(8.0));
        observe(&mut i, 9, 1.0);
        assert_eq!(
            observe(&mut i, 2, 9.0),
            IndicatorState::Clear,
            "an older observation entered later"
        );
    }

    #[test]
    fn missing_levels_never_alert() {
        let mut i = indicator(IndicatorKind::Local, Direction::Above, None, Some(8.0));
        assert_eq!(observe(&mut i, 1, 7.0), IndicatorState::Clear);
        assert_eq!(observe(&mut i, 2, 8.0), IndicatorState::Action);
        let mut i = indicator(IndicatorKind::Local, Direction::Above, Some(4.0), None);
        assert_eq!(observe(&mut i, 1, 100.0), IndicatorState::Warning);
    }

    #[test]
    fn a_limit_the_law_sets_judges_instead_of_local_levels() {
        use IndicatorState::*;
        // Local levels deliberately wrong: the law's number must win.
        let mut postal = indicator(
            IndicatorKind::PostalVotesHandedInByOnePerson,
            Direction::Below,
            Some(1.0),
            Some(2.0),
        );
        assert!(postal.is_statutory());
        observe(&mut postal, 1, 4.0);
        assert_eq!(postal.state(Some(5.0)), Clear, "under the limit");
        observe(&mut postal, 2, 5.0);
        assert_eq!(postal.state(Some(5.0)), Warning, "at the limit");
        observe(&mut postal, 3, 6.0);
        assert_eq!(postal.state(Some(5.0)), Action, "past the limit");
        // Where no contest of the plan is under that law, the local levels judge.
        assert_eq!(
            postal.state(None),
            Clear,
            "6 is above both local levels, alerting below"
        );
        assert!(!indicator(IndicatorKind::Local, Direction::Above, None, None).is_statutory());
        assert!(IndicatorKind::NonRelativeProxiesHeldByOnePerson.is_statutory());
    }
}
