//! Section 6: sharing candidates' contact details with the force elected-official adviser.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ids::{CandidateId, ContestId, PersonId};
use super::labelled::labelled_enum;

labelled_enum! {
    /// The UK GDPR Article 6 lawful basis for sharing.
    pub enum LawfulBasis {
        /// Article 6(1)(e): a task in the public interest or official authority.
        PublicTask => "Public task (Art. 6(1)(e))", "public-task",
        /// Article 6(1)(c): a legal obligation.
        LegalObligation => "Legal obligation (Art. 6(1)(c))", "legal-obligation",
        /// Article 6(1)(a): the candidate's consent.
        Consent => "Consent (Art. 6(1)(a))", "consent",
        /// Article 6(1)(d): vital interests.
        VitalInterests => "Vital interests (Art. 6(1)(d))", "vital-interests",
        /// Article 6(1)(f): legitimate interests.
        LegitimateInterests => "Legitimate interests (Art. 6(1)(f))", "legitimate-interests",
    }
}

labelled_enum! {
    /// A kind of candidate data that may be shared.
    pub enum CandidateDataField {
        /// Name.
        Name => "Name", "name",
        /// Description or party.
        Party => "Party or description", "party",
        /// Contest stood in.
        Contest => "Contest", "contest",
        /// Home address.
        HomeAddress => "Home address", "home-address",
        /// Telephone number.
        Phone => "Telephone number", "phone",
        /// Email address.
        Email => "Email address", "email",
        /// Election agent's details.
        AgentDetails => "Agent's details", "agent-details",
    }
}

/// A candidate, whose details are withheld from redacted exports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    /// Stable identifier.
    pub id: CandidateId,
    /// Name as on the nomination paper.
    pub name: String,
    /// The contest they stand in.
    pub contest: Option<ContestId>,
    /// Party or description.
    pub party: String,
    /// Home address.
    pub address: String,
    /// Telephone.
    pub phone: String,
    /// Email.
    pub email: String,
    /// Whether they agreed to their details going to the FEOA.
    pub consented: bool,
}

/// The arrangement for sharing candidate contact details with the FEOA.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CandidateDataSharing {
    /// Whether candidate details are shared at all.
    pub sharing: bool,
    /// Who receives them (normally the FEOA).
    pub recipient: Option<PersonId>,
    /// What is shared.
    pub fields: Vec<CandidateDataField>,
    /// The lawful basis.
    pub lawful_basis: Option<LawfulBasis>,
    /// Why that basis applies.
    pub basis_explanation: String,
    /// How the data is transmitted (e.g. "Egress secure email, password by phone").
    pub transmission: String,
    /// How long it is kept and how it is destroyed.
    pub retention: String,
    /// When the privacy notice was last reviewed.
    pub privacy_notice_reviewed: Option<NaiveDate>,
    /// When the data protection policy was last reviewed.
    pub data_protection_policy_reviewed: Option<NaiveDate>,
    /// The candidates, once nominations close.
    pub candidates: Vec<Candidate>,
}
