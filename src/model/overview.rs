//! Section 1: overview and document control.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ids::{ContestId, PersonId};
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
        /// Final: signed off by the RO, SPOC and FEOA.
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
    /// Whose signature the plan needs.
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

/// A signature the plan needs, and whether it has been given.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignOff {
    /// Whose signature this is.
    pub role: SignOffRole,
    /// The person signing, from the contact directory.
    pub person: Option<PersonId>,
    /// The date they signed, once they have.
    pub signed_on: Option<NaiveDate>,
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
    /// The protective marking.
    pub marking: Marking,
    /// The revision history, oldest first.
    pub revisions: Vec<Revision>,
    /// Who receives the plan.
    pub distribution: Vec<DistributionEntry>,
    /// Signatures from the RO, SPOC and FEOA.
    pub sign_offs: Vec<SignOff>,
    /// The date the readiness annex (Annex A) is as at: the checks are run as on that day. Set by
    /// the officer, not derived from revisions or the clock.
    #[serde(default)]
    pub readiness_as_at: Option<NaiveDate>,
}
