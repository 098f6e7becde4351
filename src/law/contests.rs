//! The law of each kind of contest (`assets/law/contests.ron`): who may run it, where it stands in
//! the order that names the lead officer of a combined poll, and what its law sets for handing in
//! postal votes, campaigners handling them, proxies and voter identification. The plan's
//! indicators, `check`, the editor and the PDF all ask this module, so a contest outside a law's
//! scope is never told that law.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::model::{
    Contest, ContestId, ContestKind, ElectionType, IndicatorKind, Nation, OfficerRole,
};

/// An officer a kind of election may be run by, where, and the provision that says so.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficerLaw {
    /// The office.
    pub role: OfficerRole,
    /// Where it runs this kind of election.
    pub nations: Vec<Nation>,
    /// The instrument and provision.
    pub source: String,
}

/// Where a kind of election stands in the order that decides who leads a combined poll (1 leads
/// first).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeadLaw {
    /// Its place in the order.
    pub rank: u32,
    /// The instrument and provision.
    pub source: String,
}

/// What the law sets for handing in postal voting documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum HandingIn {
    /// The reg. 82B scheme: a person's own documents and those of at most `others` other electors.
    Limit {
        /// How many other electors' documents one person may hand in at one election.
        others: u32,
    },
    /// The law sets a limit whose number this data does not hold; the source names the provision.
    NotHeld,
    /// No statutory limit.
    None,
}

/// What the law sets for how many electors one person may be proxy for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum Proxies {
    /// RPA 1983 s. 61(1A): at most `total` electors, of whom at most `domestic` are domestic
    /// electors.
    Capped {
        /// Electors in all.
        total: u32,
        /// Domestic electors (registered otherwise than by an overseas or service declaration).
        domestic: u32,
    },
    /// Not more than `others` electors who are not the proxy's close relatives.
    CloseRelatives {
        /// Electors other than close relatives.
        others: u32,
    },
    /// Not held by this data; the source says where to look.
    NotHeld,
}

/// What the law requires of a voter at the polling station.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum VoterId {
    /// Photographic identification (Elections Act 2022), with the Voter Authority Certificate.
    PhotoId,
    /// Northern Ireland's photographic identification and Electoral Identity Card.
    NorthernIreland,
    /// No identification required.
    None,
}

/// The voting law of one kind of election in some nations, for polls from a date.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VotingLaw {
    /// Where it applies.
    pub nations: Vec<Nation>,
    /// The first poll date it states the law for (`None`: every date the data covers).
    pub polls_from: Option<NaiveDate>,
    /// Handing in postal voting documents.
    pub handing_in: HandingIn,
    /// Its source.
    pub handing_in_source: String,
    /// The campaigner-handling offence, where it applies: its source.
    pub campaigners: Option<String>,
    /// Proxies.
    pub proxies: Proxies,
    /// Its source.
    pub proxies_source: String,
    /// Voter identification.
    pub voter_id: VoterId,
    /// Its source.
    pub voter_id_source: String,
}

/// The contest law of one kind of election.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContestLaw {
    /// The kind of election.
    pub election: ElectionType,
    /// What a contest of this kind usually elects.
    pub kind: ContestKind,
    /// The officers who may run it.
    pub officers: Vec<OfficerLaw>,
    /// Its place in the order that decides who leads a combined poll, where the order gives it one.
    pub lead: Option<LeadLaw>,
    /// Its voting law, per nation and span of dates.
    pub voting: Vec<VotingLaw>,
}

/// Why no voting law is known for a contest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotHeld {
    /// The data states the law only for polls from this date.
    Before(NaiveDate),
    /// The election is not held in that nation.
    Nation,
}

impl ContestLaw {
    /// The officers who may run it in `nation`.
    pub fn officers_in(&self, nation: Nation) -> impl Iterator<Item = &OfficerLaw> {
        self.officers
            .iter()
            .filter(move |o| o.nations.contains(&nation))
    }

    /// The officer a new contest in `nation` starts with: the first the data lists there.
    pub fn default_officer(&self, nation: Nation) -> Option<OfficerRole> {
        self.officers_in(nation).next().map(|o| o.role)
    }

    /// The law on `role` running this kind of election in `nation`, if it may.
    pub fn officer(&self, role: OfficerRole, nation: Nation) -> Option<&OfficerLaw> {
        self.officers_in(nation).find(|o| o.role == role)
    }

    /// The voting law for a poll in `nation` on `poll`.
    pub fn voting(&self, nation: Nation, poll: NaiveDate) -> Result<&VotingLaw, NotHeld> {
        let mut rows = self
            .voting
            .iter()
            .filter(|v| v.nations.contains(&nation))
            .peekable();
        if rows.peek().is_none() {
            return Err(NotHeld::Nation);
        }
        let mut earliest = None;
        for row in rows {
            match row.polls_from {
                Some(from) if poll < from => {
                    earliest = Some(earliest.map_or(from, |e: NaiveDate| e.min(from)));
                }
                _ => return Ok(row),
            }
        }
        Err(NotHeld::Before(earliest.unwrap_or(poll)))
    }
}

/// A new contest of `election` in `nation` polling on `poll`: what such a contest usually elects,
/// one seat, the first officer its law names there, taken together with the plan's other contests
/// that day.
pub fn contest_under_law(
    name: &str,
    election: ElectionType,
    nation: Nation,
    poll: NaiveDate,
) -> Contest {
    let law = super::law().ok().and_then(|l| l.contest(election));
    Contest {
        id: ContestId::new(),
        name: name.to_owned(),
        kind: law.map_or(ContestKind::Ward, |l| l.kind),
        seats: 1,
        election,
        nation,
        poll_date: poll,
        officer: law
            .and_then(|l| l.default_officer(nation))
            .unwrap_or(OfficerRole::ReturningOfficer),
        officer_person: None,
        taken_together: true,
    }
}

/// What the law sets for one statutory indicator across the plan's contests.
#[derive(Clone, Debug, PartialEq)]
pub enum IndicatorLaw {
    /// The law sets this number for these contests (the lowest where contests differ).
    Limit {
        /// The number.
        limit: u32,
        /// The contests it applies to.
        contests: Vec<ContestId>,
        /// The provisions, once each.
        sources: Vec<String>,
    },
    /// The law sets a limit for these contests whose number the data does not hold.
    NotHeld {
        /// The contests.
        contests: Vec<ContestId>,
        /// The provisions to read, once each.
        sources: Vec<String>,
    },
    /// No contest of the plan is under a law that sets it.
    NotApplicable,
}

impl IndicatorLaw {
    /// The number to judge observations by, if the law sets one the data holds.
    pub fn limit(&self) -> Option<f64> {
        match self {
            IndicatorLaw::Limit { limit, .. } => Some(f64::from(*limit)),
            _ => None,
        }
    }
}

/// What the law sets for `kind` across `contests` (`NotApplicable` for indicators the law does not
/// set).
pub fn indicator_law(law: &super::Law, contests: &[Contest], kind: IndicatorKind) -> IndicatorLaw {
    let mut limit: Option<u32> = None;
    let mut limited = Vec::new();
    let mut unheld = Vec::new();
    let mut sources: Vec<String> = Vec::new();
    for contest in contests {
        let Some(voting) = law
            .contest(contest.election)
            .and_then(|c| c.voting(contest.nation, contest.poll_date).ok())
        else {
            continue;
        };
        let (number, source) = match (kind, voting.handing_in, voting.proxies) {
            (IndicatorKind::PostalVotesHandedInByOnePerson, HandingIn::Limit { others }, _) => {
                (Some(Some(others)), &voting.handing_in_source)
            }
            (IndicatorKind::PostalVotesHandedInByOnePerson, HandingIn::NotHeld, _) => {
                (Some(None), &voting.handing_in_source)
            }
            (IndicatorKind::ProxiesHeldByOnePerson, _, Proxies::Capped { total, .. }) => {
                (Some(Some(total)), &voting.proxies_source)
            }
            (
                IndicatorKind::DomesticProxiesHeldByOnePerson,
                _,
                Proxies::Capped { domestic, .. },
            ) => (Some(Some(domestic)), &voting.proxies_source),
            (
                IndicatorKind::NonRelativeProxiesHeldByOnePerson,
                _,
                Proxies::CloseRelatives { others },
            ) => (Some(Some(others)), &voting.proxies_source),
            _ => (None, &voting.proxies_source),
        };
        match number {
            Some(Some(n)) => {
                limit = Some(limit.map_or(n, |l| l.min(n)));
                limited.push(contest.id);
            }
            Some(None) => unheld.push(contest.id),
            None => continue,
        }
        if !sources.contains(source) {
            sources.push(source.clone());
        }
    }
    match limit {
        Some(limit) => IndicatorLaw::Limit {
            limit,
            contests: limited,
            sources,
        },
        None if !unheld.is_empty() => IndicatorLaw::NotHeld {
            contests: unheld,
            sources,
        },
        None => IndicatorLaw::NotApplicable,
    }
}

/// The statutory limit to judge `kind` by for these contests, if the law sets one the data holds.
pub fn statutory_limit(contests: &[Contest], kind: IndicatorKind) -> Option<f64> {
    if !kind.is_statutory() {
        return None;
    }
    let law = super::law().ok()?;
    indicator_law(law, contests, kind).limit()
}

/// One line on handing in postal votes for a contest, as the editor and PDF print it.
pub fn handing_in_words(voting: &VotingLaw) -> String {
    match voting.handing_in {
        HandingIn::Limit { others } => format!(
            "Own postal vote and those of up to {others} other electors per election; each proxy \
             postal ballot paper handed in lowers {others} by one; an incomplete return form \
             rejects all"
        ),
        HandingIn::NotHeld => {
            "Handed in to the returning officer with a return form; the limit is set by the \
             provision cited (number not held here)"
                .to_owned()
        }
        HandingIn::None => "No statutory limit".to_owned(),
    }
}

/// One line on proxies for a contest.
pub fn proxies_words(voting: &VotingLaw) -> String {
    match voting.proxies {
        Proxies::Capped { total, domestic } => {
            format!("Proxy for at most {total} electors, no more than {domestic} of them domestic")
        }
        Proxies::CloseRelatives { others } => {
            format!("Proxy for no more than {others} electors who are not close relatives")
        }
        Proxies::NotHeld => "Not held here: see the provision cited".to_owned(),
    }
}

/// One line on voter identification for a contest.
pub fn voter_id_words(voting: &VotingLaw) -> &'static str {
    match voting.voter_id {
        VoterId::PhotoId => "Photo ID at polling stations; Voter Authority Certificate",
        VoterId::NorthernIreland => {
            "Northern Ireland photo ID; Electoral Identity Card (no Voter Authority Certificate)"
        }
        VoterId::None => "No voter ID",
    }
}

/// The law of a contest in three short phrases (handing in, proxies, voter ID), for tables such as
/// the README's.
pub fn short_words(voting: &VotingLaw) -> [String; 3] {
    let handing = match (voting.handing_in, voting.campaigners.is_some()) {
        (HandingIn::Limit { others }, true) => {
            format!("own + {others} others (reg. 82B); s. 112A offence")
        }
        (HandingIn::Limit { others }, false) => format!("own + {others} others (reg. 82B)"),
        (HandingIn::NotHeld, _) => {
            "to the returning officer only; limit in the NI 2024 rules (number not held); s. 112A"
                .to_owned()
        }
        (HandingIn::None, _) => "no limit, no offence".to_owned(),
    };
    let proxies = match voting.proxies {
        Proxies::Capped { total, domestic } => format!("{total}, no more than {domestic} domestic"),
        Proxies::CloseRelatives { others } => format!("{others} unless close relatives"),
        Proxies::NotHeld => "not held".to_owned(),
    };
    let id = match voting.voter_id {
        VoterId::PhotoId => "photo ID; VAC",
        VoterId::NorthernIreland => "NI photo ID; Electoral Identity Card",
        VoterId::None => "none",
    };
    [handing, proxies, id.to_owned()]
}

/// Checks the contest law: every kind of election has it, and it names an officer and a voting law
/// in every nation the election is held in, each with a source.
pub(super) fn check(law: &super::Law, problems: &mut Vec<String>) {
    for election in ElectionType::ALL {
        let key = election.key();
        let Some(c) = law.contest(*election) else {
            problems.push(format!("{key} has no contest law"));
            continue;
        };
        let nations = law
            .election(*election)
            .map(|e| e.nations.clone())
            .unwrap_or_default();
        for nation in &nations {
            if c.officers_in(*nation).next().is_none() {
                problems.push(format!("{key} names no officer in {}", nation.label()));
            }
            if !c.voting.iter().any(|v| v.nations.contains(nation)) {
                problems.push(format!("{key} has no voting law in {}", nation.label()));
            }
        }
        for o in &c.officers {
            if o.source.trim().is_empty() {
                problems.push(format!("{key}: officer {} cites no source", o.role.key()));
            }
            if o.nations.iter().any(|n| !nations.contains(n)) {
                problems.push(format!(
                    "{key}: officer {} is placed where the election is not held",
                    o.role.key()
                ));
            }
        }
        if c.lead.as_ref().is_some_and(|l| l.source.trim().is_empty()) {
            problems.push(format!(
                "{key}: its place in the lead order cites no source"
            ));
        }
        for v in &c.voting {
            let sources = [&v.handing_in_source, &v.proxies_source, &v.voter_id_source];
            if sources.iter().any(|s| s.trim().is_empty())
                || v.campaigners.as_ref().is_some_and(|s| s.trim().is_empty())
            {
                problems.push(format!("{key}: a voting law row cites no source"));
            }
            if v.nations.iter().any(|n| !nations.contains(n)) {
                problems.push(format!(
                    "{key}: a voting law row is placed where the election is not held"
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests;
