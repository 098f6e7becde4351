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
mod tests;
