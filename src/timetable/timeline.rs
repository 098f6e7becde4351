//! The plan's key dates: the statutory timetable with plan reviews, local milestones, electoral
//! events and communication check-ins placed on it.

use chrono::{Days, NaiveDate, NaiveTime};

use super::{Request, TimetableError, compute, election_calendar, holidays, out_of_range};
use crate::law::calendar::Calendar;
use crate::model::{Cadence, CommunicationLineId, ElectoralEventId, Milestone, Plan, PlanReviewId};

/// What a key date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TimelineKind {
    /// A statutory milestone.
    Statutory(Milestone),
    /// A review of the plan.
    Review(PlanReviewId),
    /// An electoral event.
    Event(ElectoralEventId),
    /// A local milestone.
    Local,
    /// A communication check-in (or the start of a daily or hourly phase).
    CheckIn(CommunicationLineId),
}

impl TimelineKind {
    /// Where entries of this kind come within a day.
    pub fn rank(self) -> u8 {
        match self {
            TimelineKind::Statutory(_) => 0,
            TimelineKind::Review(_) => 1,
            TimelineKind::Event(_) => 2,
            TimelineKind::Local => 3,
            TimelineKind::CheckIn(_) => 4,
        }
    }

    /// A short word for the kind, for tables.
    pub fn word(self) -> &'static str {
        match self {
            TimelineKind::Statutory(_) => "Statutory",
            TimelineKind::Review(_) => "Plan review",
            TimelineKind::Event(_) => "Event",
            TimelineKind::Local => "Local milestone",
            TimelineKind::CheckIn(_) => "Check-in",
        }
    }
}

/// One dated entry on the plan's timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineEntry {
    /// The day.
    pub date: NaiveDate,
    /// The time, where one applies.
    pub time: Option<NaiveTime>,
    /// What it is.
    pub kind: TimelineKind,
    /// What happens.
    pub label: String,
}

/// Recomputes the date of every review placed against a milestone, from the plan's poll date,
/// election type and nation, and records the rules it used. Returns how many dates changed.
pub fn place_anchored_reviews(plan: &mut Plan) -> Result<usize, TimetableError> {
    let request = Request::for_plan(plan);
    let timetable = compute(&request)?;
    let days = holidays()?;
    let calendar = election_calendar(&request, days)?;
    let rules = timetable.rules.key.clone();
    let mut changed = 0;
    for review in &mut plan.key_dates.reviews {
        let Some(anchor) = review.anchor else {
            continue;
        };
        let Some(base) = timetable.date_of(anchor.milestone) else {
            continue;
        };
        let date = calendar
            .add_working_days(base, i64::from(anchor.working_days_after))
            .map_err(|u| out_of_range(timetable.poll, days, u))?;
        if review.date != date {
            review.date = date;
            changed += 1;
        }
    }
    plan.overview.timetable_rules = Some(rules);
    Ok(changed)
}

/// The plan's timeline, in date order.
pub fn timeline(plan: &Plan) -> Result<Vec<TimelineEntry>, TimetableError> {
    let poll = plan.overview.poll_date;
    let request = Request::for_plan(plan);
    let timetable = compute(&request)?;
    let calendar = election_calendar(&request, holidays()?)?;
    let mut entries: Vec<TimelineEntry> = timetable
        .entries
        .iter()
        .map(|e| TimelineEntry {
            date: e.date,
            time: e.time,
            kind: TimelineKind::Statutory(e.milestone),
            label: e.milestone.label().to_owned(),
        })
        .collect();
    for r in &plan.key_dates.reviews {
        let status = if r.done { " (held)" } else { "" };
        entries.push(TimelineEntry {
            date: r.date,
            time: None,
            kind: TimelineKind::Review(r.id),
            label: format!("{}{status}", r.purpose),
        });
    }
    for m in &plan.key_dates.milestones {
        entries.push(TimelineEntry {
            date: m.date,
            time: m.time,
            kind: TimelineKind::Local,
            label: m.label.clone(),
        });
    }
    for e in &plan.events {
        entries.push(TimelineEntry {
            date: e.date,
            time: Some(e.start),
            kind: TimelineKind::Event(e.id),
            label: e.name.clone(),
        });
    }
    for line in &plan.communication {
        let mut phases = line.schedule.clone();
        phases.sort_by_key(|p| std::cmp::Reverse(p.from_days_before_poll));
        let who = format!(
            "{} → {}",
            plan.person_name(line.from),
            plan.person_name(line.to)
        );
        for (i, phase) in phases.iter().enumerate() {
            let Some(start) =
                poll.checked_sub_days(Days::new(u64::from(phase.from_days_before_poll)))
            else {
                continue;
            };
            let end = phases
                .get(i + 1)
                .and_then(|next| {
                    poll.checked_sub_days(Days::new(u64::from(next.from_days_before_poll)))
                })
                .unwrap_or(poll + Days::new(1));
            let kind = TimelineKind::CheckIn(line.id);
            match phase.cadence.interval_days().filter(|&d| d >= 3) {
                Some(interval) => {
                    let mut day = start;
                    while day < end {
                        let on = working_day_near(&calendar, day, start, end);
                        entries.push(TimelineEntry {
                            date: on,
                            time: None,
                            kind,
                            label: format!(
                                "{} check-in, {who}: {}",
                                phase.cadence.label(),
                                line.subject
                            ),
                        });
                        day = day + Days::new(interval.unsigned_abs());
                    }
                }
                None if phase.cadence != Cadence::AsNeeded => entries.push(TimelineEntry {
                    date: start,
                    time: None,
                    kind,
                    label: format!(
                        "{} check-ins begin, {who}: {}",
                        phase.cadence.label(),
                        line.subject
                    ),
                }),
                None => {}
            }
        }
    }
    // Within a day: statutory milestones, then reviews, events, local milestones and check-ins,
    // each by time.
    entries.sort_by_key(|e| (e.date, e.kind.rank(), e.time, e.kind));
    Ok(entries)
}

/// `day` if it is a working day, else the working day before it within `[start, end)`, else the one
/// after.
fn working_day_near(
    calendar: &Calendar<'_>,
    day: NaiveDate,
    start: NaiveDate,
    end: NaiveDate,
) -> NaiveDate {
    let mut before = day;
    while before >= start {
        if calendar.is_working_day(before) {
            return before;
        }
        before = before - Days::new(1);
    }
    let mut after = day;
    while after < end {
        if calendar.is_working_day(after) {
            return after;
        }
        after = after + Days::new(1);
    }
    day
}
