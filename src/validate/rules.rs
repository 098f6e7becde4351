//! Every validation rule, declared once: its stable code, severity, section and what it checks.

use serde::Serialize;

use crate::model::Section;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The plan should not be agreed with the police until this is fixed.
    Error,
    /// A reviewer would ask about this.
    Warning,
}

impl Severity {
    /// The lowercase word used in messages and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

macro_rules! rules {
    ($(
        $(#[$doc:meta])*
        $variant:ident => $code:literal, $severity:ident, $section:ident, $summary:literal;
    )+) => {
        /// A validation rule. Codes are stable: scripts and people may rely on them.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule {
            $( $(#[$doc])* $variant ),+
        }

        impl Rule {
            /// Every rule, in section order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant),+];

            /// The stable code, e.g. `people.no-police-spoc`.
            pub fn code(self) -> &'static str {
                match self { $(Rule::$variant => $code),+ }
            }

            /// How serious a breach is.
            pub fn severity(self) -> Severity {
                match self { $(Rule::$variant => Severity::$severity),+ }
            }

            /// The section a breach is reported in (rules that span sections report where the
            /// entity is).
            pub fn section(self) -> Section {
                match self { $(Rule::$variant => Section::$section),+ }
            }

            /// One sentence on what the rule checks.
            pub fn summary(self) -> &'static str {
                match self { $(Rule::$variant => $summary),+ }
            }
        }
    };
}

rules! {
    /// Two entities share one id.
    DuplicateId => "plan.duplicate-id", Error, Overview, "Every entity has its own id.";
    /// A reference names an entity that does not exist.
    DanglingReference => "plan.dangling-reference", Error, Overview,
        "Every reference names an entity that exists.";
    /// A date is outside the years a plan can concern.
    DateOutOfRange => "plan.date-out-of-range", Error, Overview,
        "Every date falls in the years 1900\u{2013}2200.";

    /// Text shown in both copies quotes what the redacted copy withholds.
    RedactionLeak => "redaction.leak", Warning, Overview,
        "Text shown in both copies does not quote what the redacted copy withholds (a \
         hotspot's name or address, a withheld venue's address, a withheld person's number or \
         email, a withheld referral's police reference).";

    /// No authority is named.
    NoAuthority => "overview.no-authority", Error, Overview,
        "The plan names the authority running the election.";
    /// No Returning Officer is named.
    NoReturningOfficer => "overview.no-returning-officer", Error, Overview,
        "The plan names the Returning Officer.";
    /// The RO named is not in the directory as a Returning Officer.
    ReturningOfficerRole => "overview.returning-officer-role", Warning, Overview,
        "The Returning Officer named has that role in the directory.";
    /// No contests are listed.
    NoContests => "overview.no-contests", Warning, Overview,
        "The plan lists the contests being run.";
    /// A contest's officer is not one its law names.
    ContestOfficer => "overview.contest-officer", Error, Overview,
        "Each contest is run by an officer its law names.";
    /// A contest's kind of election is not held in its nation.
    ContestNation => "overview.contest-nation", Error, Overview,
        "Each contest's kind of election is held in its nation.";
    /// Nobody is named as a contest's officer.
    ContestOfficerUnnamed => "overview.contest-officer-unnamed", Warning, Overview,
        "Each contest names who holds its officer's role.";
    /// The program does not hold the voting law for a contest's poll date.
    ContestLawNotHeld => "overview.contest-law-not-held", Warning, Overview,
        "The voting law for each contest's poll date is known.";
    /// No contest is of the principal election on its poll date.
    PrincipalNotAContest => "overview.principal-election", Warning, Overview,
        "One contest is of the plan's principal election on its polling day.";
    /// Polls the law requires to be combined are taken separately.
    CombinationRequired => "overview.combination-required", Error, Overview,
        "Polls the law requires to be combined are taken together (RPA 1985 s. 15(1)).";
    /// A general election on the ordinary day of local elections lists no local contest.
    OrdinaryLocalsMayBeDue => "overview.ordinary-locals", Warning, Overview,
        "A general election on the ordinary day of local elections lists the local contests \
         combined with it.";
    /// A parish poll is left on a general election held on the ordinary day.
    ParishPollPostponed => "overview.parish-postponed", Error, Overview,
        "No parish poll is left on a general election held on the ordinary day of local elections \
         (RPA 1985 s. 16).";
    /// A devolved general election shares a general election's date.
    BarredPollDate => "overview.barred-poll-date", Error, Overview,
        "No Scottish Parliament or Senedd general election shares a UK general election's date.";
    /// Polling day is not a Thursday.
    PollNotThursday => "overview.poll-not-thursday", Warning, Overview,
        "Polling day falls on a Thursday.";
    /// Polling day is a bank holiday.
    PollOnBankHoliday => "overview.poll-on-bank-holiday", Warning, Overview,
        "Polling day is not a bank holiday.";
    /// A final plan lacks an agreement (sign-off).
    FinalNotSigned => "overview.final-not-signed", Error, Overview,
        "A plan marked final is agreed (signed off) by the RO, SPOC and FEOA.";
    /// A plan agreed with the police lacks the police's agreement (sign-off).
    AgreedNotSigned => "overview.agreed-not-signed", Warning, Overview,
        "A plan agreed with police records the SPOC's and FEOA's sign-off.";
    /// The arrangements changed since an agreement was given (an error once the plan is agreed
    /// or final; a warning for a draft).
    SignOffOutdated => "signoff.outdated", Error, Overview,
        "An agreement approves the plan's current arrangements: nothing changed since the copy \
         agreed (a warning while the plan is a draft).";
    /// An agreement is not bound to the content it approved.
    SignOffUnbound => "signoff.unbound", Warning, Overview,
        "An agreement names the issued copy it approves, so what was agreed is known.";
    /// No revision history.
    NoRevisions => "overview.no-revisions", Warning, Overview,
        "The revision history records how the plan reached this version.";
    /// The current version is not in the revision history.
    VersionNotInHistory => "overview.version-not-in-history", Warning, Overview,
        "The current version appears in the revision history.";
    /// No distribution list.
    NoDistribution => "overview.no-distribution", Warning, Overview,
        "The distribution list says who receives the plan.";
    /// Personal data under an OFFICIAL marking.
    MarkingTooLow => "overview.marking-too-low", Warning, Overview,
        "A plan holding personal data is marked OFFICIAL-SENSITIVE.";

    /// No police SPOC in the directory.
    NoPoliceSpoc => "people.no-police-spoc", Error, People,
        "The directory names the police election SPOC.";
    /// No FEOA in the directory.
    NoFeoa => "people.no-feoa", Error, People,
        "The directory names the force elected-official adviser.";
    /// A person has no name.
    PersonNoName => "people.no-name", Error, People, "Every person has a name.";
    /// A person cannot be reached.
    NoContactMethod => "people.no-contact-method", Warning, People,
        "Every person has a phone number or an email address.";
    /// An email address is malformed.
    InvalidEmail => "people.invalid-email", Warning, People,
        "Email addresses look like name@domain.";
    /// A key contact has no out-of-hours arrangement.
    NoOutOfHours => "people.no-out-of-hours", Warning, People,
        "The RO, elections manager and SPOC have an out-of-hours number or cover.";
    /// The FEOA, a separate Operation Bridger contact or the count manager cannot be reached out
    /// of hours. An error: their work (candidate safety at any hour, the count overnight) is done
    /// outside office hours, so an agreed ladder that cannot reach them then does not work.
    OutOfHoursRequired => "people.out-of-hours-required", Error, People,
        "The FEOA (and any separate Operation Bridger contact) and the count manager have an \
         out-of-hours number or cover.";

    /// The matrix is empty.
    NoResponsibilities => "responsibilities.none", Warning, Responsibilities,
        "The division of responsibilities lists tasks.";
    /// A task has no lead.
    ResponsibilityNoLead => "responsibilities.no-lead", Error, Responsibilities,
        "Every task has a lead.";
    /// The lead is also listed as supporting or informed.
    LeadAlsoListed => "responsibilities.lead-also-listed", Warning, Responsibilities,
        "A task's lead is not also listed as support or informed.";

    /// No lines of communication.
    NoCommunication => "communication.none", Warning, Communication,
        "The plan sets out lines of communication.";
    /// A line has no sender or recipient.
    LineMissingParty => "communication.missing-party", Warning, Communication,
        "Every line says who contacts whom.";
    /// A line has no cadence.
    LineNoSchedule => "communication.no-schedule", Warning, Communication,
        "Every line says how often contact is made.";
    /// A line becomes less frequent nearer the poll.
    CadenceLoosens => "communication.cadence-loosens", Warning, Communication,
        "Cadences tighten, never loosen, towards polling day.";
    /// No line involves the SPOC.
    NoLineWithSpoc => "communication.no-line-with-spoc", Warning, Communication,
        "A line of communication involves the police SPOC.";

    /// An audience has no planned message.
    AudienceNotCovered => "stakeholders.audience-not-covered", Warning, Stakeholders,
        "Electors, candidates and agents, staff and the media each have a planned message.";

    /// Sharing with no lawful basis.
    SharingNoLawfulBasis => "candidate-data.no-lawful-basis", Error, CandidateData,
        "Candidate data is shared only on a recorded lawful basis.";
    /// Sharing before the privacy notice and policy are reviewed.
    PrivacyNotReviewed => "candidate-data.privacy-not-reviewed", Error, CandidateData,
        "The privacy notice and data protection policy were reviewed before sharing.";
    /// Sharing with nobody named to receive.
    SharingNoRecipient => "candidate-data.no-recipient", Warning, CandidateData,
        "Shared candidate data has a named recipient.";
    /// Sharing with no transmission or retention arrangements.
    SharingNoHandling => "candidate-data.no-handling", Warning, CandidateData,
        "How candidate data is transmitted and retained is recorded.";
    /// A candidate's party is shared with no Article 9 condition.
    NoSpecialCategoryCondition =>
        "candidate-data.no-special-category-condition", Error, CandidateData,
        "Sharing a candidate's party (political opinion) records its UK GDPR Art. 9 condition \
         (DPA 2018 Sch. 1).";
    /// The privacy notice does not cover sharing with the police.
    PrivacyNoticeOmitsFeoa => "candidate-data.privacy-notice-omits-feoa", Error, CandidateData,
        "The privacy notice covers sharing candidate details with the police FEOA.";
    /// Whether the privacy notice covers the FEOA is not recorded.
    PrivacyNoticeFeoaUnknown =>
        "candidate-data.privacy-notice-feoa-unknown", Warning, CandidateData,
        "Whether the privacy notice covers sharing with the FEOA is recorded.";
    /// A logged transfer lacks its recipient, basis or condition.
    TransferIncomplete => "candidate-data.transfer-incomplete", Error, CandidateData,
        "Each logged transfer records what was sent, to whom, how, its Art. 6 basis and, when a \
         party is sent, its Art. 9 condition.";
    /// Home addresses were sent without the request that they not be made public.
    AddressFlagNotSent => "candidate-data.address-flag-not-sent", Error, CandidateData,
        "A transfer that sends home addresses tells the FEOA which candidates asked on their home \
         address form for theirs not to be made public.";
    /// Data was sent before the privacy notice was reviewed.
    TransferBeforeNoticeReview =>
        "candidate-data.transfer-before-notice-review", Warning, CandidateData,
        "Candidate data is sent only after the privacy notice was reviewed.";
    /// Consent is the basis but a candidate did not consent.
    ConsentMissing => "candidate-data.consent-missing", Error, CandidateData,
        "Where consent is the basis, every candidate consented.";

    /// No indicators.
    NoIndicators => "fraud.none", Warning, Fraud, "The plan monitors fraud indicators.";
    /// An indicator has no action level.
    NoActionLevel => "fraud.no-action-level", Error, Fraud, "Every indicator has an action level.";
    /// An indicator has no warning level.
    NoWarningLevel => "fraud.no-warning-level", Warning, Fraud,
        "Every indicator has a warning level.";
    /// An indicator has no action text.
    NoActionText => "fraud.no-action-text", Error, Fraud,
        "Every indicator says what to do when its action level is reached.";
    /// The warning level is beyond the action level.
    WarningBeyondAction => "fraud.warning-beyond-action", Error, Fraud,
        "The warning level comes before the action level.";
    /// An indicator has no owner.
    IndicatorNoOwner => "fraud.no-owner", Warning, Fraud, "Every indicator has an owner.";
    /// An indicator is at its warning level.
    IndicatorAtWarning => "fraud.at-warning", Warning, Fraud,
        "Indicators at their warning level are watched.";
    /// An indicator is at its action level.
    IndicatorAtAction => "fraud.at-action", Error, Fraud,
        "Indicators at their action level are acted on.";
    /// An observation breaks a statutory limit.
    StatutoryLimitExceeded => "fraud.statutory-limit-exceeded", Error, Fraud,
        "No observation is beyond a limit set in law.";
    /// The law sets a limit whose number the program does not hold.
    StatutoryLimitNotHeld => "fraud.statutory-limit-not-held", Warning, Fraud,
        "Where the law's number is not held, the indicator's levels are set from the provision.";
    /// A statutory indicator applies to none of the plan's contests.
    StatutoryIndicatorOutOfScope => "fraud.statutory-out-of-scope", Warning, Fraud,
        "Statutory indicators apply to at least one of the plan's contests.";

    /// No escalation ladder.
    NoEscalation => "escalation.none", Error, Escalation, "The plan sets out an escalation ladder.";
    /// A level has no contact.
    EscalationNoContact => "escalation.no-contact", Error, Escalation,
        "Every escalation level names who to contact (or 999/101).";
    /// A level has no trigger.
    EscalationNoTrigger => "escalation.no-trigger", Warning, Escalation,
        "Every escalation level says what triggers it.";
    /// No 999 level.
    NoEmergencyLevel => "escalation.no-emergency-level", Warning, Escalation,
        "The ladder includes calling 999 for immediate danger.";
    /// A person the ladder says to call has no telephone number.
    EscalationContactNoPhone => "escalation.contact-no-phone", Warning, Escalation,
        "Every escalation contact, fallback and period contact has a telephone number.";

    /// An empty register.
    NoRisks => "risks.none", Warning, Risks, "The risk register lists risks.";
    /// A risk has no owner.
    RiskNoOwner => "risks.no-owner", Error, Risks, "Every risk has an owner.";
    /// A risk is past its review date.
    RiskReviewOverdue => "risks.review-overdue", Warning, Risks,
        "Open risks are reviewed by their review date.";
    /// A risk has no review date.
    RiskNoReviewDate => "risks.no-review-date", Warning, Risks,
        "Every open risk has a next review date.";
    /// The next review is later than the level's cadence allows.
    RiskReviewTooFar => "risks.review-too-far", Warning, Risks,
        "The next review is within the cadence for the risk's level (30/90/180/360 days).";
    /// A high risk has no mitigation.
    RiskNoMitigation => "risks.no-mitigation", Warning, Risks,
        "High and very high risks have mitigations.";
    /// A mitigation is past due.
    MitigationOverdue => "risks.mitigation-overdue", Warning, Risks,
        "Mitigations are done by their due date.";
    /// A mitigation has no owner.
    MitigationNoOwner => "risks.mitigation-no-owner", Warning, Risks,
        "Every mitigation has an owner.";
    /// Mitigation makes the risk worse.
    ResidualAboveInherent => "risks.residual-above-inherent", Warning, Risks,
        "Residual scores are no higher than inherent ones.";
    /// An open risk's residual scores are not assessed yet.
    ResidualNotAssessed => "risks.residual-not-assessed", Warning, Risks,
        "Every open risk has its residual likelihood and impact assessed.";

    /// A hotspot has no mitigation.
    HotspotNoMitigation => "hotspots.no-mitigation", Warning, Hotspots,
        "Every hotspot has a mitigation.";
    /// A hotspot has no owner.
    HotspotNoOwner => "hotspots.no-owner", Warning, Hotspots,
        "Every hotspot has an owner in the elections team.";

    /// No count is planned.
    NoCountEvent => "events.no-count", Warning, Events,
        "The plan includes the verification and count.";
    /// An event has nobody in charge.
    EventNoOneInCharge => "events.no-one-in-charge", Error, Events,
        "Every event has someone in charge.";
    /// An event has no venue.
    EventNoVenue => "events.no-venue", Warning, Events, "Every event has a venue.";
    /// Candidates were given too little notice of an opening session.
    OpeningNoticeShort => "events.opening-notice-short", Error, Events,
        "Candidates get 48 hours' notice of postal vote opening sessions.";
    /// Notice of an opening session is not recorded.
    OpeningNoticeMissing => "events.opening-notice-missing", Warning, Events,
        "The notice given of postal vote opening sessions is recorded.";

    /// A custody stage has nobody responsible.
    StageUnassigned => "custody.stage-unassigned", Error, Custody,
        "Every custody stage has someone responsible.";
    /// A custody stage is missing from the arrangements.
    StageMissing => "custody.stage-missing", Warning, Custody,
        "The arrangements cover every custody stage of each journey: polling-station papers and \
         boxes, postal votes and statutory packets.";
    /// A custody log's hash chain is broken.
    ChainBroken => "custody.chain-broken", Error, Custody,
        "Recorded custody events are never edited, deleted or moved.";
    /// A log no longer reaches its anchor.
    Truncated => "custody.truncated", Error, Custody,
        "Every log still reaches the point it had reached when last saved: no recorded event was \
         removed.";
    /// A log no longer reaches a head kept outside the plan.
    ReferenceNotReached => "custody.reference-not-reached", Error, Custody,
        "Every log still reaches the heads recorded in a copy kept outside the plan (check \
         --against).";
    /// An event is timed far outside its stage's window.
    OutsideWindow => "custody.outside-window", Warning, Custody,
        "Each custody event is timed within its stage's expected window around polling day.";
    /// Two machines recorded in one log.
    SharedLog => "custody.shared-log", Warning, Custody,
        "Each custody log is written on one machine only, so its chain cannot fork.";
    /// Someone handed on an item they were never handed.
    HandoverGap => "custody.handover-gap", Error, Custody,
        "Every handover is recorded: whoever hands an item on was handed it.";
    /// Seals changed without a resealing stage.
    SealMismatch => "custody.seal-mismatch", Error, Custody,
        "Seal numbers match the last recorded, except where seals are applied.";
    /// A seal that is not the item's.
    UnexpectedSeal => "custody.unexpected-seal", Error, Custody,
        "Seal numbers seen are the item's expected seals.";
    /// Seals recorded as not intact.
    SealBroken => "custody.seal-broken", Error, Custody,
        "Seals are intact at every handover and check.";
    /// A custody stage went backwards.
    StageBackwards => "custody.stage-backwards", Error, Custody,
        "An item's custody stage only moves forward along its journey.";
    /// An event's stage is not one of its item's journey.
    StageNotInJourney => "custody.stage-not-in-journey", Error, Custody,
        "Each custody event is at a stage of its item's journey (polling station, postal, \
         statutory packet).";
    /// A packet only a court may have opened was recorded as opened.
    CourtOnlyPacketOpened => "custody.court-only-packet-opened", Error, Custody,
        "Sealed packets of ballot papers, corresponding number lists and certificates of \
         employment are opened only under a court's order, never recorded as opened.";
    /// Events timed out of the order they were recorded.
    OutOfTimeOrder => "custody.out-of-time-order", Warning, Custody,
        "Within a log, an item's events are timed in the order they were recorded.";
    /// An item expected at the count has not arrived by the deadline.
    NotReceived => "custody.not-received", Error, Custody,
        "Every item expected at the count is received by the plan's deadline.";
    /// Ballot paper ranges overlap.
    BookRangeOverlap => "custody.book-range-overlap", Error, Custody,
        "Ballot paper serial ranges never overlap.";
    /// A ballot paper range is back to front.
    BookRangeInvalid => "custody.book-range-invalid", Error, Custody,
        "Ballot paper ranges start before they end.";
    /// No ballot paper printer is recorded.
    NoPrinter => "custody.no-printer", Warning, Custody,
        "The ballot paper printer is recorded with the assurance held on it.";
    /// Part of the printer's assurance is not recorded.
    PrinterAssuranceMissing => "custody.printer-assurance-missing", Warning, Custody,
        "The printer's security controls, insurance, handling of overs and spoilt papers, control \
         of live papers and secure delivery are recorded.";
    /// No monitoring visit to the printer is recorded.
    PrinterNoVisit => "custody.printer-no-visit", Warning, Custody,
        "The printer's works are visited while papers are produced, at least once unannounced.";
    /// The proofs' sign-off is not recorded.
    PrinterNoProofSignOff => "custody.printer-no-proof-sign-off", Warning, Custody,
        "The sign-off of the final ballot paper proofs is recorded, with who signed them off.";
    /// Ballot paper security was not reviewed with the police.
    PrinterNotReviewed => "custody.printer-not-reviewed", Warning, Custody,
        "Ballot paper security is reviewed with the police (Electoral Commission guidance).";
    /// Items are expected at the count but no receipt deadline is set.
    NoReceiptDeadline => "custody.no-receipt-deadline", Warning, Custody,
        "A time is set by which every box should be at the count.";
    /// Police attendance at the count is neither agreed nor declined.
    CountPoliceUndecided => "custody.count-police-undecided", Warning, Custody,
        "The plan says whether the police attend the count (not attending is a valid choice).";
    /// The count venue search has no recorded sign-off.
    CountSearchNotSignedOff => "custody.count-search-not-signed-off", Warning, Custody,
        "The search of the count venue is signed off: who, and when.";
    /// The count venue search was signed off at or after the first box arrived.
    CountSearchLate => "custody.count-search-late", Error, Custody,
        "The count venue search is signed off before the first box is received at the count.";

    /// No checklist of measures.
    ChecklistEmpty => "venues.checklist-empty", Warning, Venues,
        "The plan has a venue security checklist.";
    /// No polling stations.
    NoPollingStations => "venues.no-polling-stations", Warning, Venues,
        "The plan lists polling stations.";
    /// No count venue.
    NoCountVenue => "venues.no-count-venue", Error, Venues, "The plan names a count venue.";
    /// The count venue has not been assessed.
    CountVenueNotAssessed => "venues.count-venue-not-assessed", Error, Venues,
        "The count venue has a security assessment.";
    /// A venue has not been assessed.
    VenueNotAssessed => "venues.not-assessed", Warning, Venues,
        "Every venue has a security assessment.";
    /// A checklist measure was not considered at a venue.
    MeasureNotConsidered => "venues.measure-not-considered", Warning, Venues,
        "Each assessment considers every measure that applies to the venue.";
    /// A measure is not in place.
    MeasureNotInPlace => "venues.measure-not-in-place", Warning, Venues,
        "Measures found not in place are followed up.";

    /// No referral route.
    NoReferralRoute => "allegations.no-referral-route", Error, Allegations,
        "The plan sets out how allegations are referred to the police.";
    /// No evidence procedure.
    NoEvidenceProcedure => "allegations.no-evidence-procedure", Warning, Allegations,
        "The plan sets out how evidence is preserved.";
    /// A referral has no police reference.
    ReferralNoReference => "allegations.no-police-reference", Warning, Allegations,
        "Every referral records the police reference.";
    /// An item of evidence has no seal or bag number.
    EvidenceNoSeal => "allegations.evidence-no-seal", Warning, Allegations,
        "Every item of evidence has a seal or bag number.";
    /// A pending referral nears the one-year limit for prosecutions.
    ReferralTimeLimit => "allegations.time-limit", Warning, Allegations,
        "Pending referrals are chased before the one-year limit for prosecutions.";

    /// No plan reviews scheduled.
    NoPlanReviews => "key-dates.no-reviews", Warning, KeyDates,
        "Reviews of the plan are scheduled.";
    /// A review date passed without the review.
    PlanReviewOverdue => "key-dates.review-overdue", Warning, KeyDates,
        "Scheduled reviews take place.";
    /// A review placed against a milestone is not on the milestone's date.
    ReviewOffTimetable => "key-dates.review-off-timetable", Warning, KeyDates,
        "Reviews placed against a statutory milestone fall on the date the timetable gives.";
    /// The statutory timetable cannot be computed for the poll date.
    TimetableUnknown => "key-dates.timetable-unknown", Warning, KeyDates,
        "The statutory timetable can be computed for the poll date.";
    /// The key dates were computed under other rules than those now in force for the poll.
    RulesChanged => "key-dates.rules-changed", Warning, KeyDates,
        "The key dates were computed under the rules in force for the poll date.";
}
