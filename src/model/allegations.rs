//! Section 14: referring allegations to the police and handling evidence.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ids::{CustodyItemId, PersonId, ReferralId};
use super::labelled::labelled_enum;

labelled_enum! {
    /// What became of a referral.
    pub enum ReferralOutcome {
        /// Referred; no outcome yet.
        Open => "Open", "open",
        /// The police are investigating.
        UnderInvestigation => "Under investigation", "under-investigation",
        /// No further action.
        NoFurtherAction => "No further action", "no-further-action",
        /// Words of advice or a caution.
        AdviceOrCaution => "Advice or caution", "advice-or-caution",
        /// A charge or summons.
        Charged => "Charged", "charged",
    }
}

impl ReferralOutcome {
    /// Whether the referral still awaits a decision.
    pub fn is_pending(self) -> bool {
        matches!(
            self,
            ReferralOutcome::Open | ReferralOutcome::UnderInvestigation
        )
    }
}

/// An item of evidence handed to the police, with its seal or bag number.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceItem {
    /// What it is, e.g. "Postal vote statement, ward NA3".
    pub description: String,
    /// The evidence bag or seal number.
    pub seal_number: String,
    /// The custody item that tracks it, if it is in the custody log.
    pub custody_item: Option<CustodyItemId>,
}

/// One allegation referred to the police.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Referral {
    /// Stable identifier.
    pub id: ReferralId,
    /// When it was referred.
    pub date: NaiveDate,
    /// What was alleged, without personal data.
    pub summary: String,
    /// Who referred it.
    pub referred_by: Option<PersonId>,
    /// The police reference (crime or incident number).
    pub police_reference: String,
    /// Evidence handed over.
    pub evidence: Vec<EvidenceItem>,
    /// What became of it.
    pub outcome: ReferralOutcome,
    /// Detail of the outcome.
    pub outcome_note: String,
    /// Which copies show it (its handling mark; see `model::redact` for what is withheld).
    #[serde(default = "super::entity::default_handling::<Referral>")]
    pub handling: super::Handling,
}

/// Section 14 of the plan: the referral route, the evidence procedure and the referral log.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Allegations {
    /// The agreed route for referring allegations to the police, step by step.
    pub referral_route: Vec<String>,
    /// The procedure that preserves evidence for forensic analysis, step by step.
    pub evidence_procedure: Vec<String>,
    /// The police contact for referrals.
    pub police_contact: Option<PersonId>,
    /// Referrals made.
    pub referrals: Vec<Referral>,
}
