//! Section 6: sharing candidates' contact details with the force elected-official adviser.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::ids::{CandidateId, ContestId, DataTransferId, PersonId};
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
    /// The UK GDPR Article 9(2) condition for processing special category data. A candidate's party
    /// is political opinion, so sharing it needs one of these besides the Article 6 basis;
    /// conditions under Art. 9(2)(g) need a substantial public interest condition of the Data
    /// Protection Act 2018 Sch. 1 Pt. 2.
    pub enum SpecialCategoryCondition {
        /// Art. 9(2)(g) with DPA 2018 Sch. 1 para. 6: statutory and government purposes.
        StatutoryPurposes =>
            "Art. 9(2)(g) with DPA 2018 Sch. 1 para. 6 (statutory and government \
             purposes)", "statutory-purposes",
        /// Art. 9(2)(g) with DPA 2018 Sch. 1 para. 10: preventing or detecting unlawful acts.
        PreventingUnlawfulActs =>
            "Art. 9(2)(g) with DPA 2018 Sch. 1 para. 10 (preventing or detecting unlawful \
             acts)", "preventing-unlawful-acts",
        /// Art. 9(2)(e): personal data manifestly made public by the data subject (a party
        /// description on the published statement of persons nominated).
        ManifestlyPublic => "Art. 9(2)(e) (manifestly made public by the candidate)",
            "manifestly-public",
        /// Art. 9(2)(a): the candidate's explicit consent.
        ExplicitConsent => "Art. 9(2)(a) (explicit consent)", "explicit-consent",
    }
}

labelled_enum! {
    /// Whether the privacy notice tells candidates their details go to the police elected-official
    /// adviser.
    pub enum NoticeCoverage {
        /// The notice names sharing with the police FEOA.
        Covers => "Yes: it names sharing with the police FEOA", "covers",
        /// The notice does not say so.
        DoesNotCover => "No: it does not mention the police", "does-not-cover",
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

/// A candidate. Their details are personal data: they go to the FEOA by the route the plan records
/// and are never printed in the plan's PDF (full or redacted), which shows only the arrangement and
/// numbers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
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
    /// Whether their home address form carries their signed statement that they require their
    /// home address not to be made public: the statement of persons nominated and the ballot paper
    /// then show only the area (or country) it is in (Electoral Commission, Guidance for (Acting)
    /// Returning Officers administering a UK Parliamentary election in Great Britain, "Home
    /// address form" and "Publishing the statement of persons nominated"; for PCC elections the
    /// PCC Elections Order 2012 Sch. 3 para. 5(5)–(7), as the Commission's guidance for candidates
    /// cites it). The flag travels with the data sent to the FEOA (see
    /// [`DataTransfer::addresses_not_public`]); it is not a redaction switch.
    #[serde(default)]
    pub home_address_not_public: bool,
}

/// One sending of candidate data to the police, as the data transfer log records it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataTransfer {
    /// Stable identifier.
    pub id: DataTransferId,
    /// When it was sent.
    pub date: NaiveDate,
    /// The time it was sent, if recorded.
    #[serde(default)]
    pub time: Option<NaiveTime>,
    /// Who received it.
    pub recipient: Option<PersonId>,
    /// Who sent it.
    pub sent_by: Option<PersonId>,
    /// What was sent.
    pub fields: Vec<CandidateDataField>,
    /// Whose details (empty: every candidate listed at the time).
    pub candidates: Vec<CandidateId>,
    /// The UK GDPR Article 6 lawful basis.
    pub lawful_basis: Option<LawfulBasis>,
    /// The Article 9 condition, needed when the party (political opinion) is sent.
    pub special_category: Option<SpecialCategoryCondition>,
    /// How it was sent (e.g. "Egress secure email, password by phone").
    pub method: String,
    /// The candidates sent whose home address must not be made public (their home address form
    /// says so), as the transfer told the FEOA: the flag travels with the data.
    #[serde(default)]
    pub addresses_not_public: Vec<CandidateId>,
    /// Anything else worth recording.
    pub notes: String,
}

impl DataTransfer {
    /// The candidates this transfer covered (every candidate listed when it names none).
    pub fn covers<'a>(&'a self, all: &'a [Candidate]) -> impl Iterator<Item = &'a Candidate> + 'a {
        all.iter()
            .filter(|c| self.candidates.is_empty() || self.candidates.contains(&c.id))
    }

    /// The candidates whose request that their home address not be made public this transfer sent
    /// a home address without passing on.
    pub fn flags_not_passed_on<'a>(
        &'a self,
        all: &'a [Candidate],
    ) -> impl Iterator<Item = &'a Candidate> + 'a {
        let sends_address = self.fields.contains(&CandidateDataField::HomeAddress);
        self.covers(all).filter(move |c| {
            sends_address && c.home_address_not_public && !self.addresses_not_public.contains(&c.id)
        })
    }

    /// Whether it carries special category data: a candidate's party is political opinion.
    pub fn has_special_category_data(&self) -> bool {
        self.fields.contains(&CandidateDataField::Party)
    }
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
    /// The UK GDPR Article 9 condition (with its DPA 2018 Sch. 1 condition) for the party,
    /// political opinion.
    #[serde(default)]
    pub special_category: Option<SpecialCategoryCondition>,
    /// Why that basis applies.
    pub basis_explanation: String,
    /// How the data is transmitted (e.g. "Egress secure email, password by phone").
    pub transmission: String,
    /// How long it is kept and how it is destroyed.
    pub retention: String,
    /// When the privacy notice was last reviewed.
    pub privacy_notice_reviewed: Option<NaiveDate>,
    /// Whether the privacy notice covers sharing with the police elected-official adviser.
    #[serde(default)]
    pub privacy_notice_feoa: Option<NoticeCoverage>,
    /// When the data protection policy was last reviewed.
    pub data_protection_policy_reviewed: Option<NaiveDate>,
    /// The candidates, once nominations close.
    pub candidates: Vec<Candidate>,
    /// The data transfer log: each time candidate data went to the police.
    #[serde(default)]
    pub transfers: Vec<DataTransfer>,
}

impl CandidateDataSharing {
    /// The candidates whose home address must not be made public.
    pub fn addresses_not_public(&self) -> Vec<CandidateId> {
        self.candidates
            .iter()
            .filter(|c| c.home_address_not_public)
            .map(|c| c.id)
            .collect()
    }

    /// Whether the arrangement shares special category data: a candidate's party is political
    /// opinion.
    pub fn has_special_category_data(&self) -> bool {
        self.fields.contains(&CandidateDataField::Party)
    }
}
