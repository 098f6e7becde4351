//! Starting plans per election type, compiled into the binary from `templates/`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use chrono::{Days, NaiveDate};
use thiserror::Error;
use uuid::Uuid;

use crate::law::calendar::Calendar;
use crate::law::holidays::Holidays;
use crate::model::{ElectionType, Nation, Plan, Revision};
use crate::storage::{self, LoadError, SaveError};
use crate::timetable::{self, Request};

/// A starting plan for one kind of election.
#[derive(Clone, Copy, Debug)]
pub struct Template {
    /// The name used on the command line, e.g. `uk-parliamentary`.
    pub name: &'static str,
    /// What a person picks it by, e.g. "May combined poll: English local, PCC and mayor".
    pub title: &'static str,
    /// The election it is for.
    pub election_type: ElectionType,
    /// One line on what it holds.
    pub description: &'static str,
    source: &'static str,
}

/// Every template shipped with the program, one per family of election.
pub const TEMPLATES: &[Template] = &[
    Template {
        name: "uk-parliamentary",
        title: "UK Parliamentary general election",
        election_type: ElectionType::UkParliamentary,
        description: "UK Parliamentary general election: a constituency run by the acting \
                      returning officer, overnight count",
        source: include_str!("../templates/uk-parliamentary.plan.ron"),
    },
    Template {
        name: "english-local",
        title: "English local elections",
        election_type: ElectionType::EnglishLocal,
        description: "English local elections: ward contests run by the council’s returning \
                      officer, count the next day",
        source: include_str!("../templates/english-local.plan.ron"),
    },
    Template {
        name: "english-parish",
        title: "English parish and town council elections",
        election_type: ElectionType::EnglishParish,
        description: "English parish and town council elections, run by the district’s returning \
                      officer",
        source: include_str!("../templates/english-parish.plan.ron"),
    },
    Template {
        name: "pcc",
        title: "Police and crime commissioner election",
        election_type: ElectionType::Pcc,
        description: "Police and crime commissioner election: a voting area run by its local \
                      returning officer under the PARO",
        source: include_str!("../templates/pcc.plan.ron"),
    },
    Template {
        name: "mayor",
        title: "Combined authority mayoral election",
        election_type: ElectionType::Mayor,
        description: "Combined authority mayoral election, run by the combined authority returning \
                      officer",
        source: include_str!("../templates/mayor.plan.ron"),
    },
    Template {
        name: "gla",
        title: "Greater London Authority elections",
        election_type: ElectionType::Gla,
        description: "Mayor of London and London Assembly: GLRO and constituency returning \
                      officer, electronic count",
        source: include_str!("../templates/gla.plan.ron"),
    },
    Template {
        name: "scottish-parliament",
        title: "Scottish Parliament election",
        election_type: ElectionType::ScottishParliament,
        description: "Scottish Parliament: constituency and region, Electoral Management Board \
                      directions, no voter ID",
        source: include_str!("../templates/scottish-parliament.plan.ron"),
    },
    Template {
        name: "scottish-local",
        title: "Scottish council elections",
        election_type: ElectionType::ScottishLocal,
        description: "Scottish council elections: multi-member wards, Electoral Management Board \
                      directions, no voter ID",
        source: include_str!("../templates/scottish-local.plan.ron"),
    },
    Template {
        name: "senedd",
        title: "Senedd election",
        election_type: ElectionType::Senedd,
        description: "Senedd election: a constituency of closed party lists, no voter ID or \
                      postal-vote handing-in limit",
        source: include_str!("../templates/senedd.plan.ron"),
    },
    Template {
        name: "welsh-local",
        title: "Welsh council elections",
        election_type: ElectionType::WelshLocal,
        description: "Welsh council elections: ward contests, no voter ID or postal-vote \
                      handing-in limit",
        source: include_str!("../templates/welsh-local.plan.ron"),
    },
    Template {
        name: "northern-ireland",
        title: "Northern Ireland council elections",
        election_type: ElectionType::NiLocal,
        description: "Northern Ireland council elections: Chief Electoral Officer and deputies, \
                      Electoral Identity Card",
        source: include_str!("../templates/northern-ireland.plan.ron"),
    },
    Template {
        name: "may-combined",
        title: "May combined poll: English local, PCC and mayor",
        election_type: ElectionType::EnglishLocal,
        description: "English local, PCC and combined authority mayoral polls taken together, led \
                      by the local elections’ RO",
        source: include_str!("../templates/may-combined.plan.ron"),
    },
];

/// The template with this name.
pub fn find(name: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.name == name)
}

/// The names of every template, for messages.
pub fn names() -> Vec<&'static str> {
    TEMPLATES.iter().map(|t| t.name).collect()
}

/// Why a template could not be turned into a plan (a defect in the shipped template, caught by
/// tests).
#[derive(Debug, Error)]
pub enum TemplateError {
    /// The template text does not load.
    #[error("the built-in template {name} is damaged: {source}")]
    Damaged {
        /// The template.
        name: &'static str,
        /// Why it does not load.
        #[source]
        source: LoadError,
    },
    /// The plan could not be written out to renumber its ids.
    #[error(transparent)]
    Save(#[from] SaveError),
}

impl Template {
    /// The template as shipped, with its own ids and dates.
    pub fn plan(&self) -> Result<Plan, TemplateError> {
        storage::parse(self.source, Path::new(self.name)).map_err(|source| TemplateError::Damaged {
            name: self.name,
            source,
        })
    }

    /// A new plan from this template for a poll on `poll_date`: every entity gets a fresh id, every
    /// date moves with the poll date (by working days, see [`move_to_poll`]), and the revision
    /// history starts today.
    pub fn instantiate(
        &self,
        poll_date: NaiveDate,
        today: NaiveDate,
    ) -> Result<Plan, TemplateError> {
        self.instantiate_in(poll_date, None, today)
    }

    /// As [`Template::instantiate`], for a poll held in `nation` (`None`: the template's own). The
    /// contests the template places in its own nation move there too, each keeping its officer
    /// where the law names it in that nation and otherwise taking the first officer the law names
    /// there.
    pub fn instantiate_in(
        &self,
        poll_date: NaiveDate,
        nation: Option<Nation>,
        today: NaiveDate,
    ) -> Result<Plan, TemplateError> {
        let mut plan = self.plan()?;
        let from = PollDay::of(&plan);
        let to = PollDay {
            date: poll_date,
            nation: nation.unwrap_or(from.nation),
            ..from
        };
        if to.nation != from.nation {
            move_contests(&mut plan, from.nation, to.nation);
        }
        move_to_poll(&mut plan, to);
        plan = fresh_ids(&plan).map_err(|e| match e {
            TemplateError::Damaged { source, .. } => TemplateError::Damaged {
                name: self.name,
                source,
            },
            other => other,
        })?;
        // Reviews placed against milestones follow the timetable; if the poll is beyond the years
        // whose bank holidays are known, they keep the dates moved with the poll (check then says
        // so).
        let _ = timetable::place_anchored_reviews(&mut plan);
        plan.overview.revisions = vec![Revision {
            version: plan.overview.version.clone(),
            date: today,
            author: String::new(),
            summary: format!("Created from the {} template", self.name),
        }];
        Ok(plan)
    }
}

/// Moves the contests held in `from` to `to` where their kind of election is held there, replacing
/// an officer the law does not name in `to` by the first it does.
fn move_contests(plan: &mut Plan, from: Nation, to: Nation) {
    let Ok(law) = crate::law::law() else {
        return;
    };
    for contest in plan
        .overview
        .contests
        .iter_mut()
        .filter(|c| c.nation == from)
    {
        let held_there = law
            .election(contest.election)
            .is_some_and(|e| e.nations.contains(&to));
        let Some(contest_law) = law.contest(contest.election).filter(|_| held_there) else {
            continue;
        };
        contest.nation = to;
        if contest_law.officer(contest.officer, to).is_none()
            && let Some(officer) = contest_law.default_officer(to)
        {
            contest.officer = officer;
        }
    }
}

/// A poll as the working days around it are counted: its kind of election, where, and polling day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PollDay {
    /// The kind of election, whose timetable rules choose the calendar.
    pub election: ElectionType,
    /// Where it is held, whose bank holidays count.
    pub nation: Nation,
    /// Polling day.
    pub date: NaiveDate,
}

impl PollDay {
    /// The plan's principal poll.
    pub fn of(plan: &Plan) -> PollDay {
        let o = &plan.overview;
        PollDay {
            election: o.election_type,
            nation: o.nation,
            date: o.poll_date,
        }
    }
}

/// How [`move_to_poll`] moved a plan's dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DatesMoved {
    /// By working days in the election's own calendar.
    ByWorkingDays,
    /// By calendar days, because a calendar could not be built (a poll beyond the years whose bank
    /// holidays are known, or without timetable rules).
    ByCalendarDays,
}

/// Moves a plan to another poll: its election, nation and polling day become `to`'s, and every
/// planning date keeps its place in working days relative to polling day, counted in the calendar
/// polling day is counted in (the old poll's for the old date, the new poll's for the new). A date
/// that was a working day lands on a working day; a date on a disregarded day keeps its distance in
/// days from the working day before it. Contest polling days equal to the old polling day become
/// the new one. Where a calendar cannot be built, every date moves by the same number of calendar
/// days instead.
pub fn move_to_poll(plan: &mut Plan, to: PollDay) -> DatesMoved {
    let from = PollDay::of(plan);
    let moved = match working_day_moves(plan, from, to) {
        Some(moves) => {
            plan.map_dates(|d| moves.get(&d).copied().unwrap_or(d));
            DatesMoved::ByWorkingDays
        }
        None => {
            plan.shift_dates((to.date - from.date).num_days());
            DatesMoved::ByCalendarDays
        }
    };
    let o = &mut plan.overview;
    o.election_type = to.election;
    o.nation = to.nation;
    o.poll_date = to.date;
    moved
}

/// Where each of the plan's dates goes, or `None` if some date cannot be moved by working days.
fn working_day_moves(
    plan: &Plan,
    from: PollDay,
    to: PollDay,
) -> Option<BTreeMap<NaiveDate, NaiveDate>> {
    let holidays = timetable::holidays().ok()?;
    let disregard = plan.overview.disregarded_days.as_slice();
    let calendar = |poll: PollDay| {
        let request = Request {
            nation: Some(poll.nation),
            disregard,
            ..Request::new(poll.election, poll.date)
        };
        timetable::election_calendar(&request, holidays).ok()
    };
    let (old, new) = (calendar(from)?, calendar(to)?);
    if !holidays.covers(from.date) || !holidays.covers(to.date) {
        return None;
    }
    let mut dates = BTreeSet::new();
    plan.clone().map_dates(|d| {
        dates.insert(d);
        d
    });
    let shift = WorkingDayShift {
        old,
        new,
        holidays,
        from: from.date,
        to: to.date,
    };
    dates
        .into_iter()
        .map(|d| Some((d, shift.apply(d)?)))
        .collect()
}

/// One move of polling day, in working days.
struct WorkingDayShift<'a> {
    old: Calendar<'a>,
    new: Calendar<'a>,
    holidays: &'a Holidays,
    from: NaiveDate,
    to: NaiveDate,
}

impl WorkingDayShift<'_> {
    /// Where `date` goes: `n` working days from the new poll as its last working day was from the
    /// old one, plus the days it lay beyond that working day.
    fn apply(&self, date: NaiveDate) -> Option<NaiveDate> {
        if date == self.from {
            return Some(self.to);
        }
        if !self.holidays.covers(date) {
            return None;
        }
        let base = if self.old.is_working_day(date) {
            date
        } else {
            self.old.add_working_days(date, -1).ok()?
        };
        let beyond = u64::try_from((date - base).num_days()).ok()?;
        let n = self.old.working_days_between(self.from, base);
        self.new
            .add_working_days(self.to, n)
            .ok()?
            .checked_add_days(Days::new(beyond))
    }
}

/// The same plan with every UUID replaced by a fresh one, consistently, so references still
/// resolve.
pub fn fresh_ids(plan: &Plan) -> Result<Plan, TemplateError> {
    renumber(plan, |_| Uuid::new_v4())
}

/// The same plan with every UUID `old` replaced by `new_id(old)`, consistently, so references still
/// resolve (`new_id` is asked once per id). A deterministic `new_id` gives the same file every
/// time.
///
/// This works on the file text: every id is a quoted UUID, and a UUID names exactly one entity.
pub fn renumber(plan: &Plan, mut new_id: impl FnMut(Uuid) -> Uuid) -> Result<Plan, TemplateError> {
    let text = storage::to_ron(plan)?;
    let mut map: HashMap<&str, String> = HashMap::new();
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(start) = rest.find('"') {
        out.push_str(&rest[..=start]);
        rest = &rest[start + 1..];
        let candidate = rest
            .get(..37)
            .filter(|c| c.ends_with('"'))
            .map(|c| &c[..36]);
        match candidate.and_then(|c| Some((c, Uuid::parse_str(c).ok()?))) {
            Some((old, parsed)) => {
                let new = map.entry(old).or_insert_with(|| new_id(parsed).to_string());
                out.push_str(new);
                out.push('"');
                rest = &rest[37..];
            }
            None => {
                // Copy the rest of this string literal, honouring escapes, so text is never
                // altered.
                let mut escaped = false;
                let mut end = rest.len();
                for (i, c) in rest.char_indices() {
                    match (escaped, c) {
                        (true, _) => escaped = false,
                        (false, '\\') => escaped = true,
                        (false, '"') => {
                            end = i;
                            break;
                        }
                        _ => {}
                    }
                }
                let close = (end + 1).min(rest.len());
                out.push_str(&rest[..close]);
                rest = &rest[close..];
            }
        }
    }
    out.push_str(rest);
    storage::parse(&out, Path::new("(renumbered plan)")).map_err(|source| TemplateError::Damaged {
        name: "(renumbered)",
        source,
    })
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use chrono::{Datelike, Weekday};

    use super::*;
    use crate::law::combination::{self, Lead};
    use crate::law::contests::{HandingIn, IndicatorLaw, VoterId, VotingLaw, indicator_law};
    use crate::model::{CustodyStage, IndicatorKind, Role};
    use crate::validate::{Context, Rule, validate};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn ids_in(plan: &Plan) -> HashSet<String> {
        let text = storage::to_ron(plan).unwrap();
        text.split('"')
            .filter(|s| s.len() == 36 && Uuid::parse_str(s).is_ok())
            .map(str::to_owned)
            .collect()
    }

    /// Every date `map_dates` moves, in the order it visits them.
    fn dates_of(plan: &Plan) -> Vec<NaiveDate> {
        let mut dates = Vec::new();
        plan.clone().map_dates(|d| {
            dates.push(d);
            d
        });
        dates
    }

    /// The calendar polling day is counted in.
    fn calendar(poll: PollDay) -> Calendar<'static> {
        let request = Request {
            nation: Some(poll.nation),
            ..Request::new(poll.election, poll.date)
        };
        timetable::election_calendar(&request, timetable::holidays().unwrap()).unwrap()
    }

    /// The voting law of each of the plan's contests.
    fn voting_laws(plan: &Plan) -> Vec<&'static VotingLaw> {
        let law = crate::law::law().unwrap();
        plan.overview
            .contests
            .iter()
            .map(|c| {
                law.contest(c.election)
                    .unwrap()
                    .voting(c.nation, c.poll_date)
                    .unwrap()
            })
            .collect()
    }

    /// Findings that say a template's contests or statutory indicators are not what their law says.
    const AGAINST_THE_LAW: &[Rule] = &[
        Rule::ContestOfficer,
        Rule::ContestNation,
        Rule::ContestOfficerUnnamed,
        Rule::ContestLawNotHeld,
        Rule::PrincipalNotAContest,
        Rule::CombinationRequired,
        Rule::OrdinaryLocalsMayBeDue,
        Rule::ParishPollPostponed,
        Rule::BarredPollDate,
        Rule::StatutoryIndicatorOutOfScope,
    ];

    /// Asserts that the plan has no finding against its law, and a limit the data does not hold
    /// only where its law sets one.
    fn assert_lawful(name: &str, plan: &Plan, today: NaiveDate) {
        let findings = validate(plan, &Context::on(today));
        for rule in AGAINST_THE_LAW {
            assert!(
                !findings.iter().any(|f| f.code == *rule),
                "{name}: {} {findings:#?}",
                rule.code()
            );
        }
        let law = crate::law::law().unwrap();
        let not_held = IndicatorKind::ALL.iter().any(|k| {
            matches!(
                indicator_law(law, &plan.overview.contests, *k),
                IndicatorLaw::NotHeld { .. }
            )
        });
        assert_eq!(
            findings
                .iter()
                .any(|f| f.code == Rule::StatutoryLimitNotHeld),
            not_held,
            "{name}: a limit not held is reported exactly where the law sets one"
        );
    }

    #[test]
    fn every_template_round_trips() {
        for t in TEMPLATES {
            let plan = t.plan().unwrap();
            assert_eq!(plan.overview.election_type, t.election_type, "{}", t.name);
            let again =
                storage::parse(&storage::to_ron(&plan).unwrap(), Path::new(t.name)).unwrap();
            assert_eq!(again, plan, "{}", t.name);
        }
    }

    #[test]
    fn there_is_a_template_for_every_family() {
        assert_eq!(
            names(),
            [
                "uk-parliamentary",
                "english-local",
                "english-parish",
                "pcc",
                "mayor",
                "gla",
                "scottish-parliament",
                "scottish-local",
                "senedd",
                "welsh-local",
                "northern-ireland",
                "may-combined",
            ]
        );
        let mut plan_ids = HashSet::new();
        for t in TEMPLATES {
            let plan = t.plan().unwrap();
            assert!(plan_ids.insert(plan.id), "{}: a plan id of its own", t.name);
            assert!(!t.description.is_empty() && !plan.overview.title.is_empty());
            assert_eq!(
                plan.overview.poll_date.weekday(),
                Weekday::Thu,
                "{}",
                t.name
            );
            timetable::compute(&Request::for_plan(&plan))
                .unwrap_or_else(|e| panic!("{}: {e}", t.name));
        }
    }

    #[test]
    fn templates_are_real_starting_plans() {
        for t in TEMPLATES {
            let plan = t.plan().unwrap();
            let name = t.name;
            assert!(plan.people.len() >= 12, "{name}: standard roles");
            assert!(
                plan.responsibilities.len() >= 15,
                "{name}: responsibilities"
            );
            assert!(
                plan.communication.len() >= 5,
                "{name}: lines of communication"
            );
            assert!(plan.escalation.len() >= 3, "{name}: escalation ladder");
            assert!(plan.indicators.len() >= 12, "{name}: indicators");
            let stages: Vec<CustodyStage> = plan.custody.stages.iter().map(|s| s.stage).collect();
            assert_eq!(stages, CustodyStage::ALL, "{name}: custody stages in order");
            assert!(plan.venues.checklist.len() >= 20, "{name}: venue checklist");
            assert!(plan.risks.len() >= 15, "{name}: risks");
            assert!(
                plan.risks.iter().all(|r| !r.mitigations.is_empty()),
                "{name}: every risk mitigated"
            );
            // Cadences tighten towards the poll: some line is hourly on polling day.
            assert!(
                plan.communication
                    .iter()
                    .any(|l| l.cadence_at(0) == Some(crate::model::Cadence::Hourly))
            );
            let today = plan.overview.poll_date - chrono::Duration::days(120);
            let findings = validate(&plan, &Context::on(today));
            for rule in [
                Rule::DuplicateId,
                Rule::DanglingReference,
                Rule::CadenceLoosens,
                Rule::WarningBeyondAction,
                Rule::ReviewOffTimetable,
                Rule::ResidualAboveInherent,
                Rule::StageMissing,
                Rule::StageUnassigned,
                Rule::ResponsibilityNoLead,
                Rule::OpeningNoticeShort,
                Rule::NoActionText,
            ] {
                assert!(
                    !findings.iter().any(|f| f.code == rule),
                    "{name}: {} {findings:#?}",
                    rule.code()
                );
            }
            // Only an indicator whose statutory number the data does not hold is left without
            // levels, for the user to set from the provision.
            let law = crate::law::law().unwrap();
            for i in plan.indicators.iter().filter(|i| i.action_level.is_none()) {
                assert!(
                    matches!(
                        indicator_law(law, &plan.overview.contests, i.kind),
                        IndicatorLaw::NotHeld { .. }
                    ),
                    "{name}: {} has no action level",
                    i.name
                );
            }
        }
    }

    #[test]
    fn every_template_follows_its_law() {
        let law = crate::law::law().unwrap();
        for t in TEMPLATES {
            let plan = t.plan().unwrap();
            let name = t.name;
            let o = &plan.overview;
            assert!(!o.contests.is_empty(), "{name}: contests");
            let ro = o.returning_officer.and_then(|id| plan.person(id)).unwrap();
            assert_eq!(ro.role, Role::ReturningOfficer, "{name}");
            for c in &o.contests {
                let contest_law = law.contest(c.election).unwrap();
                assert!(
                    contest_law.officer(c.officer, c.nation).is_some(),
                    "{name}: {} is run by {:?}, which its law does not name in {:?}",
                    c.name,
                    c.officer,
                    c.nation
                );
                assert!(
                    c.officer_person.and_then(|id| plan.person(id)).is_some(),
                    "{name}: {} names who holds its office",
                    c.name
                );
                assert_eq!(c.poll_date, o.poll_date, "{name}");
            }
            // Exactly the statutory indicators the law sets for these contests.
            for kind in IndicatorKind::ALL.iter().filter(|k| k.is_statutory()) {
                let applies = !matches!(
                    indicator_law(law, &o.contests, *kind),
                    IndicatorLaw::NotApplicable
                );
                let held = plan.indicators.iter().any(|i| i.kind == *kind);
                assert_eq!(held, applies, "{name}: {kind:?}");
            }
            assert_lawful(name, &plan, o.poll_date - chrono::Duration::days(120));
            // The tasks the law calls for, citing it.
            let mut citations: Vec<&str> = Vec::new();
            for c in &o.contests {
                citations.extend(match c.election {
                    ElectionType::ScottishParliament => {
                        &["Local Electoral Administration (Scotland) Act 2011 s. 4A"][..]
                    }
                    ElectionType::ScottishLocal => {
                        &["Local Electoral Administration (Scotland) Act 2011 s. 5"][..]
                    }
                    ElectionType::Senedd => {
                        &["Senedd Cymru (Members and Elections) Act 2024", "D’Hondt"][..]
                    }
                    ElectionType::NiLocal | ElectionType::NiAssembly => {
                        &["Electoral Law (Northern Ireland) Order 1972 art. 9(2)"][..]
                    }
                    ElectionType::Pcc => &["SI 2012/1918"][..],
                    _ => &[][..],
                });
            }
            let contests: Vec<&crate::model::Contest> = o.contests.iter().collect();
            if let Lead::Contest { contest, .. } = combination::lead(law, &contests) {
                citations.extend([
                    "Representation of the People Act 1985 s. 15",
                    "(SI 2004/294) reg. 4",
                ]);
                assert_eq!(contest.election, ElectionType::EnglishLocal, "{name}");
                assert_eq!(contest.officer_person, o.returning_officer, "{name}");
            }
            for citation in citations {
                assert!(
                    plan.responsibilities
                        .iter()
                        .any(|r| r.notes.contains(citation)),
                    "{name}: no task cites {citation}"
                );
            }
        }
        let combined = find("may-combined").unwrap().plan().unwrap();
        let elections: HashSet<ElectionType> = combined
            .overview
            .contests
            .iter()
            .map(|c| c.election)
            .collect();
        assert_eq!(
            elections,
            HashSet::from([
                ElectionType::EnglishLocal,
                ElectionType::Pcc,
                ElectionType::Mayor
            ])
        );
        assert!(combined.overview.contests.iter().all(|c| c.taken_together));
    }

    /// Sentences that state law a plan's contests are not under.
    fn unlawful_phrases(plan: &Plan) -> Vec<&'static str> {
        let laws = voting_laws(plan);
        let none = |f: &dyn Fn(&VotingLaw) -> bool| laws.iter().all(|v| !f(v));
        let mut phrases = Vec::new();
        if none(&|v| v.voter_id == VoterId::PhotoId) {
            phrases.extend(["voter id", "photo id at polling stations"]);
        }
        if none(&|v| v.voter_id != VoterId::None) {
            phrases.extend(["photographic id"]);
        }
        if none(&|v| v.voter_id == VoterId::NorthernIreland) {
            phrases.push("electoral identity card");
        }
        if none(&|v| v.campaigners.is_some()) {
            phrases.extend([
                "campaigners may not handle",
                "ban on campaigners",
                "on the ban and",
                "in breach of the law",
            ]);
        }
        if none(&|v| v.handing_in != HandingIn::None) {
            phrases.extend([
                "limit on handing in",
                "votes beyond the legal limit are rejected",
                "above the limit",
                "return form",
            ]);
        }
        if none(&|v| matches!(v.handing_in, HandingIn::Limit { .. })) {
            // The reg. 82B number, stated in the base's instructions to presiding officers.
            phrases.push("other electors’ votes");
        }
        if none(&|v| v.handing_in != HandingIn::NotHeld) {
            // Northern Ireland: handed in to the returning officer only, never at a polling
            // station.
            phrases.extend(["handed in at polling stations", "handed in at a station"]);
        }
        phrases
    }

    #[test]
    fn no_template_states_law_its_contests_are_not_under() {
        let texts: Vec<(&str, String)> = TEMPLATES
            .iter()
            .map(|t| {
                (
                    t.name,
                    storage::to_ron(&t.plan().unwrap()).unwrap().to_lowercase(),
                )
            })
            .collect();
        let mut checked = HashSet::new();
        for (t, (name, text)) in TEMPLATES.iter().zip(&texts) {
            for phrase in unlawful_phrases(&t.plan().unwrap()) {
                assert!(
                    !text.contains(phrase),
                    "{name} says \u{201c}{phrase}\u{201d}"
                );
                checked.insert(phrase);
            }
        }
        // Each phrase is one some other template rightly says, so the check is not vacuous.
        for phrase in &checked {
            assert!(
                texts.iter().any(|(_, text)| text.contains(phrase)),
                "no template says \u{201c}{phrase}\u{201d}"
            );
        }
        assert!(checked.len() >= 12, "{checked:?}");
        let ni = &texts
            .iter()
            .find(|(n, _)| *n == "northern-ireland")
            .unwrap()
            .1;
        assert!(ni.contains("84c") && ni.contains("15c"));
    }

    #[test]
    fn every_template_instantiates_a_year_later() {
        for t in TEMPLATES {
            let original = t.plan().unwrap();
            let from = PollDay::of(&original);
            let later = from.date + chrono::Duration::days(364);
            assert_eq!(
                move_to_poll(
                    &mut original.clone(),
                    PollDay {
                        date: later,
                        ..from
                    }
                ),
                DatesMoved::ByWorkingDays,
                "{}",
                t.name
            );
            let today = later - chrono::Duration::days(120);
            let plan = t.instantiate(later, today).unwrap();
            assert_eq!(plan.overview.poll_date, later);
            assert!(plan.overview.contests.iter().all(|c| c.poll_date == later));
            assert!(plan.overview.timetable_rules.is_some(), "{}", t.name);
            assert_lawful(t.name, &plan, today);
            let findings = validate(&plan, &Context::on(today));
            assert!(
                !findings.iter().any(|f| matches!(
                    f.code,
                    Rule::DanglingReference | Rule::DuplicateId | Rule::ReviewOffTimetable
                )),
                "{}: {findings:#?}",
                t.name
            );
        }
    }

    #[test]
    fn moving_the_poll_keeps_tasks_on_working_days_the_same_number_before_it() {
        // The run-up to 4 May 2028 crosses Good Friday (14 April), Easter Monday (17 April) and the
        // early May bank holiday (1 May).
        let original = find("english-local").unwrap().plan().unwrap();
        let from = PollDay::of(&original);
        let to = PollDay {
            date: date(2028, 5, 4),
            ..from
        };
        let mut moved = original.clone();
        assert_eq!(move_to_poll(&mut moved, to), DatesMoved::ByWorkingDays);
        let (old, new) = (calendar(from), calendar(to));
        for holiday in [date(2028, 4, 14), date(2028, 4, 17), date(2028, 5, 1)] {
            assert!(!new.is_working_day(holiday), "{holiday}");
        }
        let (before, after) = (dates_of(&original), dates_of(&moved));
        assert_eq!(before.len(), after.len());
        let shift = to.date - from.date;
        let mut differs_from_a_calendar_shift = 0;
        for (d, moved_to) in before.iter().zip(&after) {
            if !old.is_working_day(*d) {
                continue;
            }
            assert!(
                new.is_working_day(*moved_to),
                "{d} moved to {moved_to}: {:?}",
                new.disregards(*moved_to)
            );
            assert_eq!(
                new.working_days_between(to.date, *moved_to),
                old.working_days_between(from.date, *d),
                "{d} moved to {moved_to}"
            );
            if *moved_to != *d + shift {
                differs_from_a_calendar_shift += 1;
            }
        }
        assert!(differs_from_a_calendar_shift > 0);
        // One date by hand: the main postal vote dispatch, Friday 16 April 2027, is 13 working days
        // before the poll (over the early May bank holiday on 3 May); 13 working days before 4 May
        // 2028, over the early May bank holiday and Easter Monday, is Wednesday 12 April.
        let dispatch = |p: &Plan| {
            p.key_dates
                .milestones
                .iter()
                .find(|m| m.label == "Main postal vote dispatch")
                .unwrap()
                .date
        };
        assert_eq!(dispatch(&original), date(2027, 4, 16));
        assert_eq!(old.working_days_between(from.date, date(2027, 4, 16)), -13);
        assert_eq!(dispatch(&moved), date(2028, 4, 12));
        assert_eq!(moved.overview.contests[0].poll_date, to.date);
    }

    #[test]
    fn anchored_reviews_follow_their_milestones() {
        let t = find("english-local").unwrap();
        let plan = t.instantiate(date(2028, 5, 4), date(2028, 1, 4)).unwrap();
        let timetable = timetable::compute(&Request::for_plan(&plan)).unwrap();
        let calendar = calendar(PollDay::of(&plan));
        let mut anchored = 0;
        for review in &plan.key_dates.reviews {
            let Some(anchor) = review.anchor else {
                continue;
            };
            let milestone = timetable.date_of(anchor.milestone).unwrap();
            let expected = calendar
                .add_working_days(milestone, i64::from(anchor.working_days_after))
                .unwrap();
            assert_eq!(review.date, expected, "{}", review.purpose);
            anchored += 1;
        }
        assert!(anchored >= 3);
    }

    #[test]
    fn beyond_the_known_bank_holidays_dates_move_by_calendar_days() {
        let original = find("english-local").unwrap().plan().unwrap();
        let from = PollDay::of(&original);
        let far = date(2040, 5, 3);
        assert_eq!(far.weekday(), Weekday::Thu);
        let mut moved = original.clone();
        let to = PollDay { date: far, ..from };
        assert_eq!(move_to_poll(&mut moved, to), DatesMoved::ByCalendarDays);
        let shift = far - from.date;
        for (d, moved_to) in dates_of(&original).iter().zip(dates_of(&moved)) {
            assert_eq!(moved_to, *d + shift);
        }
        // Instantiating still works: the plan says when its dates cannot follow the timetable.
        let plan = find("english-local")
            .unwrap()
            .instantiate(far, date(2040, 1, 2))
            .unwrap();
        assert_eq!(plan.events[0].date, original.events[0].date + shift);
    }

    #[test]
    fn instantiating_gives_fresh_ids_and_starts_the_history() {
        let t = find("english-local").unwrap();
        let original = t.plan().unwrap();
        let poll = date(2031, 5, 1);
        let today = date(2031, 1, 5);
        let plan = t.instantiate(poll, today).unwrap();
        assert_eq!(plan.overview.poll_date, poll);
        assert_eq!(plan.overview.revisions.len(), 1);
        assert_eq!(plan.overview.revisions[0].date, today);
        // Every id is new, and no reference dangles.
        let old = ids_in(&original);
        let new = ids_in(&plan);
        assert_eq!(old.len(), new.len());
        assert!(old.is_disjoint(&new));
        let findings = validate(&plan, &Context::on(today));
        assert!(!findings.iter().any(|f| matches!(
            f.code,
            Rule::DanglingReference | Rule::DuplicateId | Rule::ReviewOffTimetable
        )));
        // References keep pointing at the same roles.
        let ro = plan
            .person(plan.overview.returning_officer.unwrap())
            .unwrap();
        assert_eq!(ro.role, Role::ReturningOfficer);
        // Two plans from one template share no ids.
        assert!(ids_in(&t.instantiate(poll, today).unwrap()).is_disjoint(&new));
    }

    #[test]
    fn a_poll_in_another_nation_takes_its_contests_and_their_officers_there() {
        let t = find("uk-parliamentary").unwrap();
        let today = date(2029, 2, 1);
        let plan = t
            .instantiate_in(date(2029, 6, 7), Some(Nation::Scotland), today)
            .unwrap();
        assert_eq!(plan.overview.nation, Nation::Scotland);
        let law = crate::law::law().unwrap();
        for c in &plan.overview.contests {
            assert_eq!(c.nation, Nation::Scotland);
            let contest_law = law.contest(c.election).unwrap();
            assert!(contest_law.officer(c.officer, Nation::Scotland).is_some());
        }
        assert_lawful(t.name, &plan, today);
    }

    #[test]
    fn renumbering_never_touches_text_and_can_be_repeated() {
        let mut plan = find("uk-parliamentary").unwrap().plan().unwrap();
        let tricky =
            "Quote \" and backslash \\ and an id-like 0b6f1c2e-8a4d-4f0e-9c55-2d7f6a1b3e90 in text";
        plan.overview.authority = tricky.to_owned();
        plan.people[0].name = "\"\\".to_owned();
        let renumbered = fresh_ids(&plan).unwrap();
        assert_eq!(renumbered.overview.authority, tricky);
        assert_eq!(renumbered.people[0].name, "\"\\");
        assert_ne!(renumbered.people[0].id, plan.people[0].id);
        let counted = |plan: &Plan| {
            let mut n = 0u128;
            renumber(plan, |_| {
                n += 1;
                Uuid::from_u128(n)
            })
            .unwrap()
        };
        assert_eq!(counted(&plan), counted(&renumbered));
    }
}
