//! Section 9: the risk register, scored likelihood × impact on 1–5 scales.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};

use super::ids::{MitigationId, PersonId, RiskId, VenueId};
use super::labelled::labelled_enum;

/// A likelihood or impact rating from 1 (lowest) to 5 (highest); no other value can exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Rating(u8);

impl Rating {
    /// The lowest rating.
    pub const MIN: Rating = Rating(1);
    /// The highest rating.
    pub const MAX: Rating = Rating(5);

    /// A rating, if `value` is between 1 and 5.
    pub fn new(value: u8) -> Option<Rating> {
        (1..=5).contains(&value).then_some(Rating(value))
    }

    /// The rating as a number from 1 to 5.
    pub fn get(self) -> u8 {
        self.0
    }

    /// Every rating, lowest first.
    pub fn all() -> impl DoubleEndedIterator<Item = Rating> {
        (1..=5).map(Rating)
    }
}

impl<'de> Deserialize<'de> for Rating {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = u8::deserialize(deserializer)?;
        Rating::new(value).ok_or_else(|| {
            serde::de::Error::custom(format!("a rating must be from 1 to 5, not {value}"))
        })
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

labelled_enum! {
    /// A risk level from its score: Low 1–4, Medium 5–9, High 10–16, Very high 20–25.
    pub enum RiskLevel {
        /// Score 1–4: review every 360 days.
        Low => "Low", "low",
        /// Score 5–9: review every 180 days.
        Medium => "Medium", "medium",
        /// Score 10–16: review every 90 days.
        High => "High", "high",
        /// Score 20–25: review every 30 days.
        VeryHigh => "Very high", "very-high",
    }
}

impl RiskLevel {
    /// The level of a likelihood × impact score.
    pub fn of_score(score: u8) -> RiskLevel {
        match score {
            0..=4 => RiskLevel::Low,
            5..=9 => RiskLevel::Medium,
            10..=16 => RiskLevel::High,
            _ => RiskLevel::VeryHigh,
        }
    }

    /// The longest interval between reviews for a risk at this level, in days.
    pub fn review_interval_days(self) -> i64 {
        match self {
            RiskLevel::Low => 360,
            RiskLevel::Medium => 180,
            RiskLevel::High => 90,
            RiskLevel::VeryHigh => 30,
        }
    }
}

labelled_enum! {
    /// What kind of risk this is.
    pub enum RiskCategory {
        /// Electoral fraud and integrity of the poll.
        Integrity => "Integrity and fraud", "integrity",
        /// Physical security of people, venues and ballot material.
        Security => "Security", "security",
        /// Safety of candidates, staff and the public.
        Safety => "Safety", "safety",
        /// Running the election: staffing, suppliers, logistics.
        Operational => "Operational", "operational",
        /// Personal data and information security.
        DataProtection => "Data protection", "data-protection",
        /// Cyber attack or IT failure.
        Cyber => "Cyber and IT", "cyber",
        /// Public order and protest.
        PublicOrder => "Public order", "public-order",
        /// Public confidence and reputation.
        Reputational => "Reputational", "reputational",
    }
}

labelled_enum! {
    /// Where a risk stands.
    pub enum RiskStatus {
        /// Being actively treated.
        Open => "Open", "open",
        /// Treated; being watched.
        Monitoring => "Monitoring", "monitoring",
        /// No longer applies.
        Closed => "Closed", "closed",
    }
}

/// An action that reduces a risk.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mitigation {
    /// Stable identifier.
    pub id: MitigationId,
    /// What is done.
    pub action: String,
    /// Who does it.
    pub owner: Option<PersonId>,
    /// When it must be done by.
    pub due: Option<NaiveDate>,
    /// Whether it has been done.
    pub done: bool,
}

/// A review of a risk, with the reason it was reviewed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskReview {
    /// When it was reviewed.
    pub date: NaiveDate,
    /// Who reviewed it.
    pub by: Option<PersonId>,
    /// Why, and what was decided.
    pub reason: String,
}

/// A risk in the register.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    /// Stable identifier.
    pub id: RiskId,
    /// A short title.
    pub title: String,
    /// Cause, event and consequence.
    pub description: String,
    /// What kind of risk.
    pub category: RiskCategory,
    /// Who owns it.
    pub owner: Option<PersonId>,
    /// Likelihood before mitigation.
    pub likelihood: Rating,
    /// Impact before mitigation.
    pub impact: Rating,
    /// What is done about it.
    pub mitigations: Vec<Mitigation>,
    /// Likelihood once mitigated; `None` until it is assessed (a new risk has none). Written as a
    /// bare rating, as before residual scores could be left out, and left out when not assessed.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "assessed")]
    pub residual_likelihood: Option<Rating>,
    /// Impact once mitigated; `None` until it is assessed.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "assessed")]
    pub residual_impact: Option<Rating>,
    /// Where it stands.
    pub status: RiskStatus,
    /// When it must next be reviewed.
    pub next_review: Option<NaiveDate>,
    /// Past reviews, oldest first.
    pub reviews: Vec<RiskReview>,
    /// The venue it concerns, for venue-specific risks.
    pub venue: Option<VenueId>,
    /// Which copies show it (its handling mark; see `model::redact` for what is withheld).
    #[serde(default = "super::entity::default_handling::<Risk>")]
    pub handling: super::Handling,
}

impl Risk {
    /// Likelihood × impact before mitigation.
    pub fn score(&self) -> u8 {
        self.likelihood.get() * self.impact.get()
    }

    /// Likelihood × impact after mitigation, once both are assessed.
    pub fn residual_score(&self) -> Option<u8> {
        Some(self.residual_likelihood?.get() * self.residual_impact?.get())
    }

    /// The level before mitigation.
    pub fn level(&self) -> RiskLevel {
        RiskLevel::of_score(self.score())
    }

    /// The level after mitigation, which sets the review cadence; until the residual scores are
    /// assessed, the level before mitigation (what is known).
    pub fn residual_level(&self) -> RiskLevel {
        self.residual_score()
            .map_or_else(|| self.level(), RiskLevel::of_score)
    }
}

/// A residual rating in a plan file: a bare rating (1 to 5) when assessed, absent when not.
mod assessed {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::Rating;

    pub fn serialize<S: Serializer>(value: &Option<Rating>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(rating) => rating.serialize(s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Rating>, D::Error> {
        Rating::deserialize(d).map(Some)
    }
}

/// The risks in the order the register lists them: highest score first, ties in the plan's order;
/// each with its place in the plan (its reference is R and that place plus one).
pub fn by_score(risks: &[Risk]) -> Vec<(usize, &Risk)> {
    let mut sorted: Vec<(usize, &Risk)> = risks.iter().enumerate().collect();
    sorted.sort_by_key(|(i, r)| (std::cmp::Reverse(r.score()), *i));
    sorted
}
