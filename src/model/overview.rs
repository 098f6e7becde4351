//! Section 1: overview and document control.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::fingerprint::Fingerprint;
use super::ids::{ContestId, IssuedCopyId, PersonId};
use super::labelled::labelled_enum;

labelled_enum! {
    /// The kind of election, which decides the law its timetable follows (see `assets/law/`).
    pub enum ElectionType {
        /// A UK Parliamentary general election.
        UkParliamentary => "UK Parliamentary general election", "uk-parliamentary",
        /// A UK Parliamentary by-election.
        UkParliamentaryByElection => "UK Parliamentary by-election", "uk-parliamentary-by-election",
        /// Ordinary elections of English principal councils (county, district, unitary, London
        /// borough).
        EnglishLocal => "English local elections", "english-local",
        /// A by-election to an English principal council.
        EnglishLocalByElection => "English local by-election", "english-local-by-election",
        /// Parish and town council elections in England.
        EnglishParish => "English parish and town council election", "english-parish",
        /// Community and town council elections in Wales.
        WelshCommunity => "Welsh community and town council election", "welsh-community",
        /// Police and crime commissioner elections (England and Wales).
        Pcc => "Police and crime commissioner election", "pcc",
        /// Local-authority, combined-authority and combined-county-authority mayoral elections.
        Mayor => "Mayoral election", "mayor",
        /// Mayor of London and London Assembly elections.
        Gla => "Greater London Authority elections", "gla",
        /// Scottish Parliament elections (and by-elections).
        ScottishParliament => "Scottish Parliament election", "scottish-parliament",
        /// Scottish council elections (and by-elections).
        ScottishLocal => "Scottish local government election", "scottish-local",
        /// Senedd Cymru elections.
        Senedd => "Senedd election", "senedd",
        /// Welsh principal council elections.
        WelshLocal => "Welsh local government elections", "welsh-local",
        /// Northern Ireland Assembly elections.
        NiAssembly => "Northern Ireland Assembly election", "ni-assembly",
        /// Northern Ireland local council elections.
        NiLocal => "Northern Ireland local council elections", "ni-local",
        /// A local referendum (neighbourhood planning, council governance), run by a counting
        /// officer.
        LocalReferendum => "Local referendum", "local-referendum",
    }
}

labelled_enum! {
    /// A nation of the UK: where a poll is held, and whose bank holidays and registration law
    /// apply.
    #[derive(Default)]
    pub enum Nation {
        /// England.
        #[default]
        England => "England", "england",
        /// Wales.
        Wales => "Wales", "wales",
        /// Scotland.
        Scotland => "Scotland", "scotland",
        /// Northern Ireland.
        NorthernIreland => "Northern Ireland", "northern-ireland",
    }
}

labelled_enum! {
    /// What is being contested in one contest of the election.
    pub enum ContestKind {
        /// A UK Parliamentary constituency.
        Constituency => "Parliamentary constituency", "constituency",
        /// A district, borough or city ward.
        Ward => "Ward", "ward",
        /// A county electoral division.
        Division => "County division", "division",
        /// A parish or town council ward.
        Parish => "Parish or town council", "parish",
        /// A directly elected mayor.
        Mayoral => "Mayoral", "mayoral",
        /// A police and crime commissioner.
        PoliceAndCrimeCommissioner => "Police and crime commissioner", "pcc",
        /// A local referendum.
        Referendum => "Referendum", "referendum",
    }
}

labelled_enum! {
    /// Where the plan stands in its agreement with the police.
    pub enum PlanStatus {
        /// Being written; not yet agreed.
        Draft => "Draft", "draft",
        /// Agreed with the police SPOC and FEOA.
        AgreedWithPolice => "Agreed with police", "agreed",
        /// Final: agreed by the RO, SPOC and FEOA.
        Final => "Final", "final",
    }
}

labelled_enum! {
    /// The Government Security Classification marking printed on every page.
    pub enum Marking {
        /// OFFICIAL.
        Official => "OFFICIAL", "official",
        /// OFFICIAL-SENSITIVE.
        OfficialSensitive => "OFFICIAL-SENSITIVE", "official-sensitive",
    }
}

impl Marking {
    /// OFFICIAL: the redacted copy's marking unless the officer marks it otherwise.
    pub fn official() -> Marking {
        Marking::Official
    }
}

/// `true`, for serde defaults.
fn yes() -> bool {
    true
}

labelled_enum! {
    /// Which copy of the plan a recipient on the distribution list receives.
    pub enum CopyKind {
        /// The full plan, for the police and the RO's core team.
        Full => "Full copy", "full",
        /// The redacted copy, with personal data withheld.
        Redacted => "Redacted copy", "redacted",
    }
}

labelled_enum! {
    /// How an agreement to the plan was given.
    #[derive(Default)]
    pub enum AgreementMethod {
        /// Not recorded (an agreement migrated from a plan that kept only its date).
        #[default]
        NotRecorded => "Not recorded", "not-recorded",
        /// By email.
        Email => "Email", "email",
        /// By letter.
        Letter => "Letter", "letter",
        /// On a signed sign-off page returned to the RO.
        SignedPage => "Signed sign-off page", "signed-page",
        /// In a meeting, recorded in its minutes.
        Meeting => "In a meeting (minuted)", "meeting",
        /// Some other way, described in the reference.
        Other => "Other", "other",
    }
}

labelled_enum! {
    /// Whose agreement the plan needs.
    pub enum SignOffRole {
        /// The Returning Officer.
        ReturningOfficer => "Returning Officer", "ro",
        /// The police election single point of contact.
        PoliceSpoc => "Police election SPOC", "spoc",
        /// The force elected-official adviser.
        Feoa => "Force elected-official adviser (FEOA)", "feoa",
    }
}

labelled_enum! {
    /// The officer who runs a contest: each kind of election names its own (see
    /// `assets/law/contests.ron`).
    pub enum OfficerRole {
        /// The acting returning officer at a UK Parliamentary election in England and Wales.
        ActingReturningOfficer => "Acting returning officer", "acting-returning-officer",
        /// The returning officer (a council's, or a Scottish constituency's at a UK Parliamentary
        /// election).
        ReturningOfficer => "Returning officer", "returning-officer",
        /// The police area returning officer at a PCC election.
        PoliceAreaReturningOfficer => "Police area returning officer (PARO)", "paro",
        /// A local returning officer at a PCC election.
        LocalReturningOfficer => "Local returning officer (LRO)", "local-returning-officer",
        /// The combined authority (or combined county authority) returning officer at a mayoral
        /// election.
        CombinedAuthorityReturningOfficer => "Combined authority returning officer (CARO)", "caro",
        /// The Greater London returning officer (Mayor of London and London members).
        GreaterLondonReturningOfficer => "Greater London returning officer (GLRO)", "glro",
        /// A constituency returning officer (GLA, Scottish Parliament, Senedd).
        ConstituencyReturningOfficer => "Constituency returning officer",
            "constituency-returning-officer",
        /// A regional returning officer at a Scottish Parliament election.
        RegionalReturningOfficer => "Regional returning officer", "regional-returning-officer",
        /// The counting officer at a referendum.
        CountingOfficer => "Counting officer", "counting-officer",
        /// The Chief Electoral Officer for Northern Ireland.
        ChiefElectoralOfficer => "Chief Electoral Officer", "chief-electoral-officer",
        /// A deputy returning officer acting under the Chief Electoral Officer in Northern Ireland.
        DeputyReturningOfficer => "Deputy returning officer (Northern Ireland)",
            "deputy-returning-officer",
    }
}

/// One contest: a constituency, ward, division or office voted for on its own ballot paper, under
/// the law of its own kind of election. A combined poll holds contests of several kinds on one day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contest {
    /// Stable identifier.
    pub id: ContestId,
    /// The area as it appears on the ballot paper, e.g. "Northmere and Ashby".
    pub name: String,
    /// What is being elected.
    pub kind: ContestKind,
    /// How many seats are filled.
    pub seats: u32,
    /// The kind of election, whose law this contest follows.
    pub election: ElectionType,
    /// Where the contest is held.
    pub nation: Nation,
    /// Its polling day (a parish poll postponed under RPA 1985 s. 16 falls three weeks after the
    /// others).
    pub poll_date: NaiveDate,
    /// The officer who runs it.
    pub officer: OfficerRole,
    /// Who holds that office, from the contact directory.
    pub officer_person: Option<PersonId>,
    /// Whether its poll is taken together with the plan's other contests on the same day.
    pub taken_together: bool,
}

/// One entry in the revision history.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    /// The version this revision produced, e.g. "1.2".
    pub version: String,
    /// When it was made.
    pub date: NaiveDate,
    /// Who made it.
    pub author: String,
    /// What changed.
    pub summary: String,
}

/// One recipient on the distribution list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DistributionEntry {
    /// The person or role receiving the plan.
    pub recipient: String,
    /// Their organisation.
    pub organisation: String,
    /// Which copy they receive.
    pub copy: CopyKind,
}

/// A copy of the plan as it was issued: every export is logged, so an agreement can say which
/// copy it approves and what that copy contained.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssuedCopy {
    /// Stable identifier.
    pub id: IssuedCopyId,
    /// The plan's version when the copy was issued, e.g. "1.3".
    pub version: String,
    /// The date it was issued.
    pub date: NaiveDate,
    /// Which copy: full or redacted.
    pub profile: CopyKind,
    /// Who it was issued to, as named on the distribution list ("Kim Shaw, Lowmoor
    /// Constabulary"); none for a copy not issued to a listed recipient.
    pub recipient: Option<String>,
    /// The copy's number among the full copies on the distribution list ("Copy 3 of 7"), when it
    /// is a full copy issued to a listed recipient.
    pub copy_number: Option<u32>,
    /// How many full copies the distribution list had when the copy was issued (the 7 of "Copy 3
    /// of 7").
    pub copies: Option<u32>,
    /// What the copy contained: the plan's fingerprint and each section's.
    pub fingerprint: Fingerprint,
}

impl IssuedCopy {
    /// How the copy is named in lists and pickers: "1.3 full copy, 2 April 2027, Kim Shaw (copy 1
    /// of 4)".
    pub fn describe(&self) -> String {
        let mut text = format!(
            "{} {}, {}",
            self.version,
            self.profile.label().to_lowercase(),
            self.date.format("%-d %B %Y")
        );
        if let Some(r) = &self.recipient {
            text.push_str(", ");
            text.push_str(r);
        }
        if let (Some(n), Some(of)) = (self.copy_number, self.copies) {
            text.push_str(&format!(" (copy {n} of {of})"));
        }
        text
    }
}

/// An agreement to the plan: who gave it, for which issued copy, how and when. Called an
/// agreement or a sign-off, never a signature: it is often given by email or in a meeting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    /// The issued copy it approves; none for an agreement not bound to content (one migrated from
    /// a plan that kept only the date).
    pub copy: Option<IssuedCopyId>,
    /// The version agreed (the copy's); empty when not known.
    pub version: String,
    /// How it was given.
    pub given: AgreementMethod,
    /// The email, letter or minutes reference, e.g. "Email 14/03/2027 11:02".
    pub reference: String,
    /// The date it was given.
    pub date: NaiveDate,
    /// What was agreed: the approved copy's fingerprint and its sections', kept so that `check`,
    /// the editor and the PDF can say what changed since. None when not bound to content.
    pub fingerprint: Option<Fingerprint>,
}

/// An agreement the plan needs, from the RO, the police SPOC or the FEOA, and whether it has been
/// given.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignOff {
    /// Whose agreement this is.
    pub role: SignOffRole,
    /// The person agreeing, from the contact directory.
    pub person: Option<PersonId>,
    /// The agreement in force, once given.
    #[serde(default)]
    pub agreement: Option<Agreement>,
    /// Earlier agreements by this role, replaced by a later one, oldest first.
    #[serde(default)]
    pub superseded: Vec<Agreement>,
}

/// Section 1 of the plan: what election, which authority, and the document's control data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overview {
    /// The plan's title as printed on the cover.
    pub title: String,
    /// The local authority, e.g. "Northmere Borough Council".
    pub authority: String,
    /// The police force area the plan is agreed with.
    pub police_force: String,
    /// The principal kind of election: its timetable gives the plan's key dates.
    pub election_type: ElectionType,
    /// The contests being run, each under its own law.
    pub contests: Vec<Contest>,
    /// Polling day of the principal election.
    pub poll_date: NaiveDate,
    /// Where the poll is held: it decides the bank holidays and registration law the timetable
    /// counts in.
    #[serde(default)]
    pub nation: Nation,
    /// Days appointed for public thanksgiving or mourning, which the election timetable disregards.
    #[serde(default)]
    pub disregarded_days: Vec<NaiveDate>,
    /// The rule set (see `assets/law/`) the key dates were last computed with,
    /// e.g. `english-local/2014`.
    #[serde(default)]
    pub timetable_rules: Option<String>,
    /// The Returning Officer, from the contact directory.
    pub returning_officer: Option<PersonId>,
    /// Deputy Returning Officers, from the contact directory.
    pub deputies: Vec<PersonId>,
    /// The current version of the plan, e.g. "1.2".
    pub version: String,
    /// Where the plan stands.
    pub status: PlanStatus,
    /// The protective marking of the full copy (OFFICIAL-SENSITIVE unless marked otherwise).
    pub marking: Marking,
    /// The protective marking of the redacted copy: OFFICIAL unless the officer marks it
    /// otherwise. The Government Security Classifications treat OFFICIAL-SENSITIVE as a handling
    /// caveat within OFFICIAL, so the copy for wider circulation, with the sensitive detail
    /// withheld, is OFFICIAL (see `export::plan` for the citation).
    #[serde(default = "Marking::official")]
    pub redacted_marking: Marking,
    /// Whether the redacted copy says how many entries each section withholds ("3 entries are
    /// withheld"); referrals and refuges only ever say "Some entries are withheld".
    #[serde(default = "yes")]
    pub count_withheld: bool,
    /// The revision history, oldest first.
    pub revisions: Vec<Revision>,
    /// Who receives the plan.
    pub distribution: Vec<DistributionEntry>,
    /// Agreements from the RO, SPOC and FEOA.
    pub sign_offs: Vec<SignOff>,
    /// Every copy exported from the plan, oldest first: a log, appended to and never changed.
    #[serde(default)]
    pub issued_copies: Vec<IssuedCopy>,
    /// The date the readiness annex (Annex A) is as at: the checks are run as on that day. Set by
    /// the officer, not derived from revisions or the clock.
    #[serde(default)]
    pub readiness_as_at: Option<NaiveDate>,
}
