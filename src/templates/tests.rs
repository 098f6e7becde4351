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
        let again = storage::parse(&storage::to_ron(&plan).unwrap(), Path::new(t.name)).unwrap();
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
        timetable::compute(&Request::for_plan(&plan)).unwrap_or_else(|e| panic!("{}: {e}", t.name));
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
