//! Each contest's own timetable. A combined poll's contests may follow different rules (a PCC poll
//! and a council by-election, a parish poll postponed three weeks): one column per distinct kind of
//! election, nation and polling day, and one row per milestone, marked where the columns' dates
//! differ. The key dates screen and the PDF both show this.

use chrono::{NaiveDate, NaiveTime};

use super::{Request, Timetable, TimetableError, compute};
use crate::model::{ElectionType, Milestone, Nation, Plan};

/// One distinct timetable among the plan's contests.
#[derive(Debug)]
pub struct ContestTimetable {
    /// The kind of election.
    pub election: ElectionType,
    /// Where.
    pub nation: Nation,
    /// Polling day.
    pub poll: NaiveDate,
    /// The contests that follow it, by name.
    pub contests: Vec<String>,
    /// The timetable, or why it cannot be computed.
    pub timetable: Result<Timetable, TimetableError>,
}

impl ContestTimetable {
    /// The contests that follow it, shortened after three: "Abbey, Ashby Road and 11 more".
    pub fn contest_names(&self) -> String {
        if self.contests.len() > 3 {
            format!(
                "{} and {} more",
                self.contests[..2].join(", "),
                self.contests.len() - 2
            )
        } else {
            self.contests.join(", ")
        }
    }
}

/// One milestone across the contests' timetables.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MilestoneRow {
    /// The milestone.
    pub milestone: Milestone,
    /// Its date and time in each column (`None`: that election has no such milestone).
    pub cells: Vec<Option<(NaiveDate, Option<NaiveTime>)>>,
    /// Whether the columns disagree: a different date or time, or the milestone in one and not
    /// another.
    pub differs: bool,
}

/// The plan's contests' timetables side by side.
#[derive(Debug)]
pub struct ContestTimetables {
    /// One per distinct kind of election, nation and polling day, in contest order.
    pub columns: Vec<ContestTimetable>,
    /// One per milestone any column has, in timetable order.
    pub rows: Vec<MilestoneRow>,
}

impl ContestTimetables {
    /// Whether the contests follow more than one timetable.
    pub fn is_combined(&self) -> bool {
        self.columns.len() > 1
    }

    /// A sentence on how the timetables compare, for the screen and the PDF.
    pub fn summary(&self) -> &'static str {
        if self.rows.iter().any(|r| r.differs) {
            "The contests follow more than one set of rules. Rows marked \u{201c}differs\u{201d} \
             fall on different days, or apply to some contests only; the timeline below follows \
             the principal election."
        } else {
            "The contests follow more than one set of rules, but every deadline falls on the same \
             day and time under each; the timeline below follows the principal election."
        }
    }
}

/// The timetables of the plan's contests (or of its principal election, if it lists none).
pub fn contest_timetables(plan: &Plan) -> ContestTimetables {
    let o = &plan.overview;
    let mut columns: Vec<ContestTimetable> = Vec::new();
    let mut add = |election, nation, poll, name: &str| {
        if let Some(column) = columns
            .iter_mut()
            .find(|c| c.election == election && c.nation == nation && c.poll == poll)
        {
            column.contests.push(name.to_owned());
            return;
        }
        let request = Request {
            nation: Some(nation),
            disregard: &o.disregarded_days,
            ..Request::new(election, poll)
        };
        columns.push(ContestTimetable {
            election,
            nation,
            poll,
            contests: vec![name.to_owned()],
            timetable: compute(&request),
        });
    };
    if o.contests.is_empty() {
        add(o.election_type, o.nation, o.poll_date, &o.authority);
    }
    for c in &o.contests {
        add(c.election, c.nation, c.poll_date, &c.name);
    }
    let mut milestones: Vec<Milestone> = Vec::new();
    for column in &columns {
        if let Ok(t) = &column.timetable {
            for e in &t.entries {
                if !milestones.contains(&e.milestone) {
                    milestones.push(e.milestone);
                }
            }
        }
    }
    milestones.sort_by_key(|m| Milestone::ALL.iter().position(|x| x == m));
    let rows = milestones
        .into_iter()
        .map(|milestone| {
            let cells: Vec<Option<(NaiveDate, Option<NaiveTime>)>> = columns
                .iter()
                .map(|c| {
                    c.timetable
                        .as_ref()
                        .ok()
                        .and_then(|t| t.entry(milestone).map(|e| (e.date, e.time)))
                })
                .collect();
            // Columns whose timetable could not be computed say nothing either way.
            let mut known = cells
                .iter()
                .zip(&columns)
                .filter(|(_, c)| c.timetable.is_ok())
                .map(|(cell, _)| cell);
            let first = known.next();
            let differs = known.any(|c| Some(c) != first);
            MilestoneRow {
                milestone,
                cells,
                differs,
            }
        })
        .collect();
    ContestTimetables { columns, rows }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::law::contests::contest_under_law;
    use crate::model::Contest;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn contest(name: &str, election: ElectionType, nation: Nation, poll: NaiveDate) -> Contest {
        contest_under_law(name, election, nation, poll)
    }

    /// A Welsh PCC poll (Police and Crime Commissioner Elections Order 2012 Sch. 3) combined with a
    /// Welsh council election (Local Elections (Principal Areas) (Wales) Rules 2021) on 4 May 2028.
    /// Both count 25 working days in the England and Wales election calendar, so their dates agree,
    /// but the Voter Authority Certificate deadline is the PCC poll's alone (SI 2022/1382).
    #[test]
    fn a_combined_poll_marks_where_the_contests_deadlines_differ() {
        let poll = date(2028, 5, 4);
        let mut plan = Plan::empty(ElectionType::Pcc, poll);
        plan.overview.nation = Nation::Wales;
        plan.overview.contests = vec![
            contest("Dyfed-Powys PCC", ElectionType::Pcc, Nation::Wales, poll),
            contest(
                "Aberaeron ward",
                ElectionType::WelshLocal,
                Nation::Wales,
                poll,
            ),
            contest(
                "Llanbadarn ward",
                ElectionType::WelshLocal,
                Nation::Wales,
                poll,
            ),
        ];
        let t = contest_timetables(&plan);
        assert!(t.is_combined());
        assert_eq!(t.columns.len(), 2, "two wards share one timetable");
        assert_eq!(t.columns[1].contests, ["Aberaeron ward", "Llanbadarn ward"]);
        let row = |m| t.rows.iter().find(|r| r.milestone == m).unwrap();
        let vac = row(Milestone::VoterAuthorityCertificateDeadline);
        assert!(vac.cells[0].is_some() && vac.cells[1].is_none());
        assert!(vac.differs, "the PCC ballot alone has a VAC deadline");
        let differing: Vec<Milestone> = t
            .rows
            .iter()
            .filter(|r| r.differs)
            .map(|r| r.milestone)
            .collect();
        assert_eq!(
            differing,
            [Milestone::VoterAuthorityCertificateDeadline],
            "every other deadline falls on the same day under both rules in 2028"
        );
    }

    /// RPA 1985 s. 16: a parish poll postponed three weeks has its own timetable, every date later.
    #[test]
    fn a_postponed_parish_poll_has_its_own_dates() {
        let poll = date(2027, 5, 6);
        let mut plan = Plan::empty(ElectionType::UkParliamentary, poll);
        plan.overview.contests = vec![
            contest(
                "Northmere",
                ElectionType::UkParliamentary,
                Nation::England,
                poll,
            ),
            contest(
                "Abbey ward",
                ElectionType::EnglishLocal,
                Nation::England,
                poll,
            ),
            contest(
                "Dale View parish",
                ElectionType::EnglishParish,
                Nation::England,
                date(2027, 5, 27),
            ),
        ];
        let t = contest_timetables(&plan);
        assert_eq!(t.columns.len(), 3);
        let poll_row = t
            .rows
            .iter()
            .find(|r| r.milestone == Milestone::Poll)
            .unwrap();
        assert!(poll_row.differs);
        assert_eq!(poll_row.cells[2].unwrap().0, date(2027, 5, 27));
    }
}
