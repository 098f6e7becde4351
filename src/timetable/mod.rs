//! The statutory election timetable, computed from the law as data (`crate::law`): each milestone
//! counted in working days before the poll in the calendar its own rule sets, for the nation the
//! poll is in, with the rule and published timetable that show it. By-elections check the poll
//! against the legal window from the writ, nomination day or vacancy.

mod contests;
mod timeline;

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use thiserror::Error;

pub use contests::{ContestTimetable, ContestTimetables, MilestoneRow, contest_timetables};
pub use timeline::{TimelineEntry, TimelineKind, place_anchored_reviews, timeline};

use crate::law::calendar::{Calendar, Uncovered};
use crate::law::holidays::Holidays;
use crate::law::{self, ElectionLaw, Law, RuleSetLaw, WindowLaw};
use crate::model::{ElectionType, Milestone, Nation, Plan};

/// Why a timetable cannot be computed.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum TimetableError {
    /// The law data built into the program is inconsistent (a defect; tests catch it).
    #[error("{0}")]
    Law(String),
    /// The bank holiday data could not be read or is damaged.
    #[error("{0}")]
    Holidays(String),
    /// The election is not held in that nation.
    #[error("{election}: not held in {nation} (only in {nations})")]
    NotHeldIn {
        /// The election's label.
        election: &'static str,
        /// The nation asked for.
        nation: &'static str,
        /// Where it is held.
        nations: String,
    },
    /// No rule set covers the poll date.
    #[error("no rules for a {election} on {poll} are known to this program (it knows {span})")]
    NoRules {
        /// The election's label.
        election: &'static str,
        /// Polling day.
        poll: NaiveDate,
        /// The poll dates it has rules for.
        span: String,
    },
    /// The timetable reaches a year whose bank holidays are not known.
    #[error(
        "the timetable for a poll on {poll} needs bank holidays for {year}, but they are known \
         only for {first}\u{2013}{last} ({holidays})"
    )]
    OutOfRange {
        /// Polling day.
        poll: NaiveDate,
        /// The year needed.
        year: i32,
        /// First year known.
        first: i32,
        /// Last year known.
        last: i32,
        /// Where the bank holidays came from.
        holidays: String,
    },
    /// A by-election's poll (or nomination day) is outside the window the law sets.
    #[error("{0}")]
    OutsideWindow(String),
}

/// What a timetable is computed for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request<'a> {
    /// The kind of election.
    pub election: ElectionType,
    /// Polling day.
    pub poll: NaiveDate,
    /// Where the poll is held (`None`: the election's usual nation, England where it spans
    /// several).
    pub nation: Option<Nation>,
    /// Days appointed for public thanksgiving or mourning.
    pub disregard: &'a [NaiveDate],
    /// The day the writ is received (UK Parliamentary by-elections).
    pub writ: Option<NaiveDate>,
    /// The last day for nominations the returning officer fixed (UK Parliamentary by-elections).
    pub nomination_day: Option<NaiveDate>,
    /// The day of the vacancy (local by-elections).
    pub vacancy: Option<NaiveDate>,
}

impl<'a> Request<'a> {
    /// A timetable for `election` with polling day `poll`, everything else as usual.
    pub fn new(election: ElectionType, poll: NaiveDate) -> Request<'a> {
        Request {
            election,
            poll,
            nation: None,
            disregard: &[],
            writ: None,
            nomination_day: None,
            vacancy: None,
        }
    }

    /// The timetable of a plan: its election, poll, nation and days of thanksgiving or mourning.
    pub fn for_plan(plan: &'a Plan) -> Request<'a> {
        let o = &plan.overview;
        Request {
            nation: Some(o.nation),
            disregard: &o.disregarded_days,
            ..Request::new(o.election_type, o.poll_date)
        }
    }
}

/// One milestone's date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimetableEntry {
    /// The milestone.
    pub milestone: Milestone,
    /// Its date.
    pub date: NaiveDate,
    /// The time the law names, if it names one (midnight deadlines are shown as 23:59).
    pub time: Option<NaiveTime>,
    /// Working days before the poll (`None`: fixed from the writ or nomination day instead).
    pub working_days_before: Option<u32>,
    /// The calendar it is counted in, as a person reads it.
    pub calendar: &'static str,
    /// The rule that sets it.
    pub source: &'static str,
}

/// The statutory timetable of one poll.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timetable {
    /// The election.
    pub election: ElectionType,
    /// Polling day.
    pub poll: NaiveDate,
    /// Where it is held.
    pub nation: Nation,
    /// The rules it was computed with.
    pub rules: &'static RuleSetLaw,
    /// Who runs it.
    pub officer: &'static str,
    /// Milestones in timetable order.
    pub entries: Vec<TimetableEntry>,
    /// What a reader should know (milestones not in the data, inputs that would complete it).
    pub notes: Vec<String>,
    /// Where the bank holidays came from and the years they cover.
    pub holidays: String,
}

impl Timetable {
    /// The date of a milestone, if this election has it.
    pub fn date_of(&self, milestone: Milestone) -> Option<NaiveDate> {
        self.entry(milestone).map(|e| e.date)
    }

    /// A milestone's entry, if this election has it.
    pub fn entry(&self, milestone: Milestone) -> Option<&TimetableEntry> {
        self.entries.iter().find(|e| e.milestone == milestone)
    }
}

/// The bank holidays in use: the user's file in the data folder if there is one, else the built-in
/// data. Read once per run.
pub fn holidays() -> Result<&'static Holidays, TimetableError> {
    static CURRENT: LazyLock<Result<Holidays, String>> =
        LazyLock::new(|| Holidays::load(&crate::device::data_dir()));
    CURRENT
        .as_ref()
        .map_err(|e| TimetableError::Holidays(e.clone()))
}

/// The error for a count that ran past the bank holiday data.
pub(crate) fn out_of_range(poll: NaiveDate, holidays: &Holidays, u: Uncovered) -> TimetableError {
    TimetableError::OutOfRange {
        poll,
        year: u.year,
        first: holidays.first_year,
        last: holidays.last_year,
        holidays: holidays.describe(),
    }
}

fn the_law() -> Result<&'static Law, TimetableError> {
    law::law().map_err(|e| TimetableError::Law(e.to_owned()))
}

/// The law of `election` and the nation a request is for (checked against where it is held).
fn election_and_nation(
    law: &'static Law,
    election: ElectionType,
    nation: Option<Nation>,
) -> Result<(&'static ElectionLaw, Nation), TimetableError> {
    let e = law
        .election(election)
        .ok_or_else(|| TimetableError::Law(format!("{} has no rules", election.key())))?;
    let default = if e.nations.contains(&Nation::England) {
        Nation::England
    } else {
        e.nations.first().copied().unwrap_or_default()
    };
    let nation = nation.unwrap_or(default);
    if !e.nations.contains(&nation) {
        return Err(TimetableError::NotHeldIn {
            election: election.label(),
            nation: nation.label(),
            nations: e
                .nations
                .iter()
                .map(|n| n.label())
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    Ok((e, nation))
}

/// A calendar by key, for a nation.
fn calendar<'a>(
    law: &'a Law,
    key: &str,
    nation: Nation,
    holidays: &'a Holidays,
    disregard: &[NaiveDate],
) -> Result<Calendar<'a>, TimetableError> {
    let c = law
        .calendar(key)
        .ok_or_else(|| TimetableError::Law(format!("no calendar {key}")))?;
    Ok(Calendar::new(c, nation, holidays, disregard))
}

/// The calendar polling day itself is counted in: the election timetable's own.
pub fn election_calendar<'a>(
    request: &Request<'_>,
    holidays: &'a Holidays,
) -> Result<Calendar<'a>, TimetableError> {
    let law = the_law()?;
    let (e, nation) = election_and_nation(law, request.election, request.nation)?;
    let set = rule_set(e, request)?;
    let key = set
        .milestones
        .iter()
        .find(|m| m.milestone == Milestone::Poll)
        .map_or("england-wales-elections", |m| m.calendar.as_str());
    calendar(law, key, nation, holidays, request.disregard)
}

fn rule_set(
    e: &'static ElectionLaw,
    request: &Request<'_>,
) -> Result<&'static RuleSetLaw, TimetableError> {
    e.rule_set(request.poll)
        .ok_or_else(|| TimetableError::NoRules {
            election: request.election.label(),
            poll: request.poll,
            span: e.span(),
        })
}

/// Computes a timetable with the bank holidays in use (see [`holidays`]).
pub fn compute(request: &Request<'_>) -> Result<Timetable, TimetableError> {
    compute_with(request, holidays()?)
}

/// Computes a timetable with the given bank holidays.
pub fn compute_with(
    request: &Request<'_>,
    holidays: &'static Holidays,
) -> Result<Timetable, TimetableError> {
    let law = the_law()?;
    let (e, nation) = election_and_nation(law, request.election, request.nation)?;
    let set = rule_set(e, request)?;
    let poll = request.poll;
    let uncovered = |u: Uncovered| out_of_range(poll, holidays, u);
    if !holidays.covers(poll) {
        return Err(uncovered(Uncovered { year: poll.year() }));
    }
    let mut entries = Vec::new();
    for m in set.milestones.iter().filter(|m| m.applies_in(nation)) {
        let c = calendar(law, &m.calendar, nation, holidays, request.disregard)?;
        let date = c
            .add_working_days(poll, -i64::from(m.working_days_before))
            .map_err(uncovered)?;
        entries.push(TimetableEntry {
            milestone: m.milestone,
            date,
            time: m.time(),
            working_days_before: Some(m.working_days_before),
            calendar: &c.law().label,
            source: &m.source,
        });
    }
    let mut notes: Vec<String> = set.notes.clone();
    if let Some(window) = &set.window {
        let extra = check_window(law, window, request, nation, holidays, &mut notes)?;
        entries.extend(extra);
    }
    // Timetable order: by date, polling day last, the law's order within a day.
    entries.sort_by_key(|e| (e.date, e.milestone == Milestone::Poll));
    Ok(Timetable {
        election: request.election,
        poll,
        nation,
        rules: set,
        officer: &e.officer,
        entries,
        notes,
        holidays: holidays.describe(),
    })
}

fn parse_time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text, "%H:%M").ok()
}

fn long(date: NaiveDate) -> String {
    date.format("%A %-d %B %Y").to_string()
}

/// Checks a by-election's dates against the window its law sets, and gives the milestones that
/// follow from the writ or nomination day.
fn check_window(
    law: &'static Law,
    window: &'static WindowLaw,
    request: &Request<'_>,
    nation: Nation,
    holidays: &'static Holidays,
    notes: &mut Vec<String>,
) -> Result<Vec<TimetableEntry>, TimetableError> {
    let poll = request.poll;
    let outside = TimetableError::OutsideWindow;
    let uncovered = |u: Uncovered| out_of_range(poll, holidays, u);
    let mut entries = Vec::new();
    match window {
        WindowLaw::Writ {
            notice_after_writ,
            nomination_after_notice,
            nomination_after_writ,
            poll_after_nomination_earliest: earliest,
            poll_after_nomination_latest: latest,
            notice_time,
            nomination_time,
            statement_time,
            calendar: key,
            source,
        } => {
            let c = calendar(law, key, nation, holidays, request.disregard)?;
            let mut notice = None;
            if let Some(writ) = request.writ {
                let date = c
                    .add_working_days(writ, i64::from(*notice_after_writ))
                    .map_err(uncovered)?;
                notice = Some(date);
                entries.push(TimetableEntry {
                    milestone: Milestone::NoticeOfElection,
                    date,
                    time: parse_time(notice_time),
                    working_days_before: None,
                    calendar: &c.law().label,
                    source,
                });
            }
            match request.nomination_day {
                None => notes.push(
                    "Give the last day for nominations (--nomination-day) to check the poll is 17 \
                     to 19 working days after it."
                        .to_owned(),
                ),
                Some(day) => {
                    if !c.is_working_day(day) {
                        return Err(outside(format!(
                            "the last day for nominations, {}, is not a working day",
                            long(day)
                        )));
                    }
                    if let Some(notice) = notice {
                        let first = c
                            .add_working_days(notice, i64::from(*nomination_after_notice))
                            .map_err(uncovered)?;
                        if day < first {
                            return Err(outside(format!(
                                "the last day for nominations, {}, is too early: it must be at \
                                 least {nomination_after_notice} working days after the notice of \
                                 election ({}), so not before {} ({source})",
                                long(day),
                                long(notice),
                                long(first)
                            )));
                        }
                    }
                    if let Some(writ) = request.writ {
                        let last = c
                            .add_working_days(writ, i64::from(*nomination_after_writ))
                            .map_err(uncovered)?;
                        if day > last {
                            return Err(outside(format!(
                                "the last day for nominations, {}, is too late: it must be within \
                                 {nomination_after_writ} working days of the writ being received \
                                 ({}), so by {} ({source})",
                                long(day),
                                long(writ),
                                long(last)
                            )));
                        }
                    }
                    let after = c.working_days_between(day, poll);
                    if after < i64::from(*earliest) || after > i64::from(*latest) {
                        let from = c
                            .add_working_days(day, i64::from(*earliest))
                            .map_err(uncovered)?;
                        let to = c
                            .add_working_days(day, i64::from(*latest))
                            .map_err(uncovered)?;
                        return Err(outside(format!(
                            "polling day {} is {after} working days after the last day for \
                             nominations ({}); it must be {earliest} to {latest} working days \
                             after it, between {} and {} ({source})",
                            long(poll),
                            long(day),
                            long(from),
                            long(to)
                        )));
                    }
                    for (milestone, time) in [
                        (Milestone::CloseOfNominations, nomination_time),
                        (Milestone::StatementOfPersonsNominated, statement_time),
                    ] {
                        entries.push(TimetableEntry {
                            milestone,
                            date: day,
                            time: parse_time(time),
                            working_days_before: None,
                            calendar: &c.law().label,
                            source,
                        });
                    }
                }
            }
            if request.writ.is_none() {
                notes.push(
                    "Give the day the writ is received (--writ-date) for the notice of election \
                     and the latest nomination day."
                        .to_owned(),
                );
            }
        }
        WindowLaw::Vacancy {
            within,
            calendar: key,
            source,
        } => match request.vacancy {
            None => notes.push(format!(
                "Give the date of the vacancy (--vacancy-date) to check the poll is within \
                 {within} working days of it."
            )),
            Some(vacancy) => {
                let c = calendar(law, key, nation, holidays, request.disregard)?;
                let latest = c
                    .add_working_days(vacancy, i64::from(*within))
                    .map_err(uncovered)?;
                if poll <= vacancy {
                    return Err(outside(format!(
                        "polling day {} is not after the vacancy ({})",
                        long(poll),
                        long(vacancy)
                    )));
                }
                if poll > latest {
                    return Err(outside(format!(
                        "polling day {} is too late: the election must be held within {within} \
                         working days of the vacancy ({}), so by {} ({source})",
                        long(poll),
                        long(vacancy),
                        long(latest)
                    )));
                }
                notes.push(format!(
                    "Held within {within} working days of the vacancy on {}: the latest polling \
                     day is {}.",
                    long(vacancy),
                    long(latest)
                ));
            }
        },
    }
    Ok(entries)
}

/// What is unusual about a poll date: a weekend, a day the election timetable disregards, or not a
/// Thursday.
pub fn poll_date_warnings(request: &Request<'_>) -> Vec<String> {
    let mut warnings = Vec::new();
    let day = request.poll.format("%A %-d %B %Y");
    if matches!(request.poll.weekday(), Weekday::Sat | Weekday::Sun) {
        warnings.push(format!(
            "polling day {day} is at a weekend; polls are held on Thursdays"
        ));
        return warnings;
    }
    let disregarded = holidays()
        .and_then(|h| election_calendar(request, h))
        .ok()
        .and_then(|c| c.disregards(request.poll));
    if let Some(why) = disregarded {
        let what = match why {
            crate::law::calendar::Disregarded::BankHoliday(name) => {
                format!("a bank holiday: {name}")
            }
            other => format!("{other}, which the timetable disregards"),
        };
        warnings.push(format!("polling day {day} is {what}"));
    } else if request.poll.weekday() != Weekday::Thu {
        warnings.push(format!(
            "polling day {day} is not a Thursday; polls are normally held on Thursdays"
        ));
    }
    warnings
}

#[cfg(test)]
mod tests;
