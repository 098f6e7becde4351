//! Combined polls: which contests the law requires to be taken together, which it keeps apart or
//! postpones, and who leads the combined functions. The rules are structural, so they live here as
//! code, each citing the section it follows; the order of who leads is data (`ContestLaw::lead`).

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::Law;
use crate::model::{Contest, ContestId, ElectionType, Nation};

/// The ordinary day of election of councillors in England in `year`: the first Thursday in May
/// (Representation of the People Act 1983 s. 37(1)(a); the Secretary of State may fix another day
/// by order under s. 37(1)(b), which the plan's dates then show).
pub fn ordinary_day(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, 5, Weekday::Thu, 1)
}

/// Whether `date` is the ordinary day of election of councillors in England.
pub fn is_ordinary_day(date: NaiveDate) -> bool {
    ordinary_day(date.year()) == Some(date)
}

/// A combined-poll rule the plan's contests break, or may break.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// RPA 1985 s. 15(1) (and the PCC Elections Order 2012 Sch. 4 para. 1): these polls on the same
    /// day must be taken together, but one is marked as taken separately.
    MustBeTakenTogether {
        /// The general election contest.
        general: ContestId,
        /// The contest that must be combined with it.
        other: ContestId,
        /// The provision.
        source: &'static str,
    },
    /// A general election on the ordinary day of local elections in England, with no local contest
    /// in the plan: if ordinary local elections are due in the area, s. 15(1) requires them to be
    /// combined.
    OrdinaryLocalsMayBeDue {
        /// The general election contest.
        general: ContestId,
    },
    /// RPA 1985 s. 16(1): a parish poll on the day of a general election held on the ordinary day
    /// of local elections is postponed three weeks.
    ParishPostponed {
        /// The parish contest.
        contest: ContestId,
        /// The day it moves to.
        to: NaiveDate,
    },
    /// An ordinary Scottish Parliament or Senedd general election may not share a date with a UK
    /// general election.
    BarredDate {
        /// The devolved contest.
        contest: ContestId,
        /// The general election contest.
        general: ContestId,
        /// The provision.
        source: &'static str,
    },
}

/// RPA 1985 s. 15(1)(b), as amended.
const SECTION_15_1: &str = "Representation of the People Act 1985 s. 15(1)(b): the polls at an \
                            ordinary local government election and a parliamentary general \
                            election on the same date shall be taken together";
/// The PCC Elections Order 2012 (SI 2012/1917) Sch. 4 Pt. 1 para. 1, modifying s. 15(1).
const PCC_SCHEDULE_4: &str = "Representation of the People Act 1985 s. 15(1) as the Police and \
                              Crime Commissioner Elections Order 2012 (SI 2012/1917) Sch. 4 Pt. 1 \
                              para. 1 applies it: an ordinary PCC election and a parliamentary \
                              general election on the same date are taken together";
/// Scotland Act 1998 s. 2(2A).
const SCOTLAND_ACT: &str = "Scotland Act 1998 s. 2(2A): the poll at an ordinary general election \
                            of the Scottish Parliament shall not be held on the date of a \
                            parliamentary general election; the Scottish Ministers specify another \
                            day by order (s. 2(2B))";
/// Government of Wales Act 2006 s. 3(1A).
const WALES_ACT: &str = "Government of Wales Act 2006 s. 3(1A): the poll at an ordinary general \
                         election of the Senedd is not to be held on the date of a parliamentary \
                         general election; the Welsh Ministers specify another day by order (s. \
                         3(1B))";
/// RPA 1985 s. 16(1).
pub const SECTION_16: &str = "Representation of the People Act 1985 s. 16(1): where a \
                              parliamentary general election falls on the ordinary day of election \
                              of councillors, a poll at an election of parish councillors on that \
                              date is postponed for three weeks";
/// RPA 1985 s. 15(2).
pub const SECTION_15_2: &str = "Representation of the People Act 1985 s. 15(2): polls for related \
                                areas on the same date may be taken together if the returning \
                                officer for each election thinks fit";

impl Finding {
    /// The provision the finding follows.
    pub fn source(&self) -> &'static str {
        match self {
            Finding::MustBeTakenTogether { source, .. } | Finding::BarredDate { source, .. } => {
                source
            }
            Finding::OrdinaryLocalsMayBeDue { .. } => SECTION_15_1,
            Finding::ParishPostponed { .. } => SECTION_16,
        }
    }
}

/// The combined-poll rules `contests` break, in contest order.
pub fn findings(contests: &[Contest]) -> Vec<Finding> {
    let generals: Vec<&Contest> = contests
        .iter()
        .filter(|c| c.election == ElectionType::UkParliamentary)
        .collect();
    let mut out = Vec::new();
    for general in &generals {
        let same_day = contests
            .iter()
            .filter(|c| c.poll_date == general.poll_date && c.id != general.id);
        let mut locals_here = false;
        for c in same_day {
            let mandatory = match c.election {
                ElectionType::EnglishLocal | ElectionType::WelshLocal => Some(SECTION_15_1),
                ElectionType::Pcc => Some(PCC_SCHEDULE_4),
                _ => None,
            };
            if c.election == ElectionType::EnglishLocal {
                locals_here = true;
            }
            if let Some(source) = mandatory
                && !(c.taken_together && general.taken_together)
            {
                out.push(Finding::MustBeTakenTogether {
                    general: general.id,
                    other: c.id,
                    source,
                });
            }
            let barred = match c.election {
                ElectionType::ScottishParliament => Some(SCOTLAND_ACT),
                ElectionType::Senedd => Some(WALES_ACT),
                _ => None,
            };
            if let Some(source) = barred {
                out.push(Finding::BarredDate {
                    contest: c.id,
                    general: general.id,
                    source,
                });
            }
            if c.election == ElectionType::EnglishParish
                && is_ordinary_day(c.poll_date)
                && let Some(to) = c.poll_date.checked_add_days(Days::new(21))
            {
                out.push(Finding::ParishPostponed { contest: c.id, to });
            }
        }
        if general.nation == Nation::England && is_ordinary_day(general.poll_date) && !locals_here {
            out.push(Finding::OrdinaryLocalsMayBeDue {
                general: general.id,
            });
        }
    }
    out
}

/// The contest whose officer leads the combined functions on one day, and the provision that says
/// so.
#[derive(Clone, Debug, PartialEq)]
pub enum Lead<'a> {
    /// Only one kind of election is taken that day: nothing is combined.
    NotCombined,
    /// The order gives the lead to this contest's officer.
    Contest {
        /// The leading contest.
        contest: &'a Contest,
        /// The provision.
        source: &'a str,
    },
    /// The order the program holds gives none of these kinds a place: the officers agree the lead
    /// under the combination regulations that apply.
    NotInOrder,
}

/// Who leads the combined functions among `contests` taken together on one day.
pub fn lead<'a>(law: &'a Law, contests: &[&'a Contest]) -> Lead<'a> {
    let together: Vec<&&Contest> = contests.iter().filter(|c| c.taken_together).collect();
    let first = together.first().map(|c| c.election);
    if together.iter().all(|c| Some(c.election) == first) {
        return Lead::NotCombined;
    }
    together
        .iter()
        .filter_map(|c| {
            law.contest(c.election)
                .and_then(|l| l.lead.as_ref())
                .map(|lead| (lead.rank, **c, lead.source.as_str()))
        })
        .min_by_key(|(rank, _, _)| *rank)
        .map_or(Lead::NotInOrder, |(_, contest, source)| Lead::Contest {
            contest,
            source,
        })
}

/// The plan's contests grouped by polling day, earliest first, each day's in plan order.
pub fn poll_days(contests: &[Contest]) -> Vec<(NaiveDate, Vec<&Contest>)> {
    let mut days: Vec<(NaiveDate, Vec<&Contest>)> = Vec::new();
    for c in contests {
        match days.iter_mut().find(|(d, _)| *d == c.poll_date) {
            Some((_, list)) => list.push(c),
            None => days.push((c.poll_date, vec![c])),
        }
    }
    days.sort_by_key(|(d, _)| *d);
    days
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::law::contests::contest_under_law;
    use crate::law::law;
    use crate::model::OfficerRole;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn contest(election: ElectionType, poll: NaiveDate) -> Contest {
        let nation = match election {
            ElectionType::ScottishParliament => Nation::Scotland,
            ElectionType::Senedd => Nation::Wales,
            _ => Nation::England,
        };
        contest_under_law(election.label(), election, nation, poll)
    }

    #[test]
    fn the_ordinary_day_is_the_first_thursday_in_may_s37() {
        assert_eq!(ordinary_day(2027), Some(date(2027, 5, 6)));
        assert_eq!(ordinary_day(2024), Some(date(2024, 5, 2)));
        assert!(!is_ordinary_day(date(2024, 7, 4)));
    }

    /// RPA 1985 s. 15(1)(b): a general election and ordinary local elections on one day are taken
    /// together.
    #[test]
    fn a_general_election_and_the_ordinary_locals_must_be_combined_s15_1() {
        let poll = date(2027, 5, 6);
        let general = contest(ElectionType::UkParliamentary, poll);
        let mut local = contest(ElectionType::EnglishLocal, poll);
        assert_eq!(findings(&[general.clone(), local.clone()]), vec![]);
        local.taken_together = false;
        let f = findings(&[general.clone(), local.clone()]);
        assert_eq!(
            f,
            vec![Finding::MustBeTakenTogether {
                general: general.id,
                other: local.id,
                source: SECTION_15_1
            }]
        );
        assert!(f[0].source().contains("s. 15(1)"));
        // A by-election on the same day is at the officers' discretion (s. 15(2)): no finding.
        let mut by = contest(ElectionType::EnglishLocalByElection, poll);
        by.taken_together = false;
        assert!(
            !findings(&[general, by, contest(ElectionType::EnglishLocal, poll)])
                .iter()
                .any(|f| matches!(f, Finding::MustBeTakenTogether { .. }))
        );
    }

    #[test]
    fn a_general_election_on_the_ordinary_day_without_locals_is_questioned() {
        let general = contest(ElectionType::UkParliamentary, date(2027, 5, 6));
        assert_eq!(
            findings(std::slice::from_ref(&general)),
            vec![Finding::OrdinaryLocalsMayBeDue {
                general: general.id
            }]
        );
        let july = contest(ElectionType::UkParliamentary, date(2024, 7, 4));
        assert_eq!(findings(&[july]), vec![]);
    }

    /// RPA 1985 s. 16(1): the parish poll moves three weeks.
    #[test]
    fn a_parish_poll_on_a_general_election_day_is_postponed_three_weeks_s16() {
        let poll = date(2027, 5, 6);
        let general = contest(ElectionType::UkParliamentary, poll);
        let local = contest(ElectionType::EnglishLocal, poll);
        let parish = contest(ElectionType::EnglishParish, poll);
        let f = findings(&[general, local, parish.clone()]);
        assert_eq!(
            f,
            vec![Finding::ParishPostponed {
                contest: parish.id,
                to: date(2027, 5, 27)
            }]
        );
        // Moved to 27 May, it no longer shares the day.
        let mut moved = parish;
        moved.poll_date = date(2027, 5, 27);
        let poll_general = contest(ElectionType::UkParliamentary, poll);
        let local = contest(ElectionType::EnglishLocal, poll);
        assert_eq!(findings(&[poll_general, local, moved]), vec![]);
    }

    /// Scotland Act 1998 s. 2(2A); Government of Wales Act 2006 s. 3(1A).
    #[test]
    fn devolved_general_elections_may_not_share_a_general_election_date() {
        let poll = date(2026, 5, 7);
        let general = contest(ElectionType::UkParliamentary, poll);
        let holyrood = contest(ElectionType::ScottishParliament, poll);
        let senedd = contest(ElectionType::Senedd, poll);
        let f = findings(&[general.clone(), holyrood.clone(), senedd.clone()]);
        assert!(f.contains(&Finding::BarredDate {
            contest: holyrood.id,
            general: general.id,
            source: SCOTLAND_ACT
        }));
        assert!(f.contains(&Finding::BarredDate {
            contest: senedd.id,
            general: general.id,
            source: WALES_ACT
        }));
    }

    /// SI 2004/294 reg. 4: the general election leads, then the GLA, then the council, then the
    /// mayor; a PCC poll never leads.
    #[test]
    fn the_lead_officer_follows_the_statutory_order_reg_4() {
        let law = law().unwrap();
        let poll = date(2028, 5, 4);
        let local = contest(ElectionType::EnglishLocal, poll);
        let pcc = contest(ElectionType::Pcc, poll);
        let mayor = contest(ElectionType::Mayor, poll);
        let general = contest(ElectionType::UkParliamentary, poll);
        let led = |cs: &[&Contest]| match lead(law, cs) {
            Lead::Contest { contest, source } => Some((contest.election, source.to_owned())),
            _ => None,
        };
        let (e, source) = led(&[&pcc, &mayor, &local]).unwrap();
        assert_eq!(e, ElectionType::EnglishLocal);
        assert!(source.contains("reg. 4(3)"));
        assert_eq!(led(&[&pcc, &mayor]).unwrap().0, ElectionType::Mayor);
        assert_eq!(
            led(&[&local, &pcc, &general]).unwrap().0,
            ElectionType::UkParliamentary
        );
        assert_eq!(lead(law, &[&local, &local]), Lead::NotCombined);
        let parish = contest(ElectionType::EnglishParish, poll);
        assert_eq!(lead(law, &[&pcc, &parish]), Lead::NotInOrder);
        let mut apart = mayor;
        apart.taken_together = false;
        assert_eq!(lead(law, &[&local, &apart]), Lead::NotCombined);
        assert_eq!(local.officer, OfficerRole::ReturningOfficer);
    }
}
