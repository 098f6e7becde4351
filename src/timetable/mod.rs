//! The statutory election timetable: milestones counted in working days before the poll, where weekends
//! and bank holidays do not count (SPEC section 9).
//!
//! For a UK Parliamentary general election a bank holiday in any part of the UK does not count; for
//! English local elections, those of England and Wales.

pub mod holidays;
mod timeline;

use std::collections::BTreeSet;

use chrono::{Datelike, Days, NaiveDate, NaiveTime, Weekday};
use thiserror::Error;

pub use holidays::{BankHoliday, Division};
pub use timeline::{TimelineEntry, TimelineKind, place_anchored_reviews, timeline};

use crate::model::{ElectionType, Milestone};

/// Why a timetable cannot be computed.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum TimetableError {
    /// The timetable reaches a year whose bank holidays the program does not know.
    #[error(
        "the timetable for a poll on {poll} needs bank holidays for {year}, but they are known only for {first}–{last}"
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
    },
}

/// Which days count as working days for an election.
#[derive(Clone, Debug)]
pub struct Calendar {
    divisions: Vec<Division>,
    holidays: BTreeSet<NaiveDate>,
}

impl Calendar {
    /// The calendar an election's timetable is counted in.
    pub fn for_election(election: ElectionType) -> Calendar {
        let divisions = match election {
            ElectionType::UkParliamentary => Division::ALL.to_vec(),
            ElectionType::EnglishLocal => vec![Division::EnglandAndWales],
        };
        let holidays = holidays::dates_in(&divisions);
        Calendar {
            divisions,
            holidays,
        }
    }

    /// The divisions whose bank holidays do not count.
    pub fn divisions(&self) -> &[Division] {
        &self.divisions
    }

    /// Whether `date` is a working day: not a Saturday, Sunday or bank holiday.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !self.holidays.contains(&date)
    }

    /// The bank holiday on `date` in this calendar's divisions, if any.
    pub fn holiday(&self, date: NaiveDate) -> Option<&'static BankHoliday> {
        holidays::holiday_on(date, &self.divisions)
    }

    /// The date `n` working days after `date` (before it when `n` is negative); `date` itself for 0.
    /// Fails when the count passes through a year whose bank holidays are unknown.
    pub fn add_working_days(
        &self,
        date: NaiveDate,
        n: i32,
        poll: NaiveDate,
    ) -> Result<NaiveDate, TimetableError> {
        let mut current = date;
        let mut remaining = n.unsigned_abs();
        while remaining > 0 {
            let next = if n > 0 {
                current.checked_add_days(Days::new(1))
            } else {
                current.checked_sub_days(Days::new(1))
            };
            current = next.unwrap_or(current);
            if !holidays::covers(current) {
                return Err(TimetableError::OutOfRange {
                    poll,
                    year: current.year(),
                    first: holidays::FIRST_YEAR,
                    last: holidays::LAST_YEAR,
                });
            }
            if self.is_working_day(current) {
                remaining -= 1;
            }
        }
        Ok(current)
    }
}

/// The rule for one milestone: working days before the poll (0 for polling day) and the time the law names.
#[derive(Clone, Copy, Debug)]
struct Rule {
    milestone: Milestone,
    working_days_before: u32,
    time: Option<(u32, u32)>,
}

const fn rule(milestone: Milestone, working_days_before: u32, time: Option<(u32, u32)>) -> Rule {
    Rule {
        milestone,
        working_days_before,
        time,
    }
}

/// SPEC section 9: UK Parliamentary general election.
const UK_PARLIAMENTARY: &[Rule] = &[
    rule(Milestone::Dissolution, 25, None),
    rule(Milestone::NoticeOfElection, 22, Some((16, 0))),
    rule(Milestone::CloseOfNominations, 19, Some((16, 0))),
    rule(Milestone::StatementOfPersonsNominated, 19, Some((17, 0))),
    rule(Milestone::RegistrationDeadline, 12, Some((23, 59))),
    rule(Milestone::PostalVoteDeadline, 11, Some((17, 0))),
    rule(Milestone::ProxyDeadline, 6, Some((17, 0))),
    rule(
        Milestone::VoterAuthorityCertificateDeadline,
        6,
        Some((17, 0)),
    ),
    rule(Milestone::AgentsAppointmentDeadline, 5, None),
    rule(Milestone::ReplacementPostalVotesFrom, 4, None),
    rule(Milestone::EmergencyProxyDeadline, 0, Some((17, 0))),
    rule(Milestone::Poll, 0, Some((7, 0))),
];

/// SPEC section 9: English local elections (no dissolution).
const ENGLISH_LOCAL: &[Rule] = &[
    rule(Milestone::NoticeOfElection, 25, Some((16, 0))),
    rule(Milestone::CloseOfNominations, 19, Some((16, 0))),
    rule(Milestone::StatementOfPersonsNominated, 18, Some((16, 0))),
    rule(Milestone::RegistrationDeadline, 12, Some((23, 59))),
    rule(Milestone::PostalVoteDeadline, 11, Some((17, 0))),
    rule(Milestone::ProxyDeadline, 6, Some((17, 0))),
    rule(
        Milestone::VoterAuthorityCertificateDeadline,
        6,
        Some((17, 0)),
    ),
    rule(Milestone::AgentsAppointmentDeadline, 5, None),
    rule(Milestone::ReplacementPostalVotesFrom, 4, None),
    rule(Milestone::EmergencyProxyDeadline, 0, Some((17, 0))),
    rule(Milestone::Poll, 0, Some((7, 0))),
];

fn rules(election: ElectionType) -> &'static [Rule] {
    match election {
        ElectionType::UkParliamentary => UK_PARLIAMENTARY,
        ElectionType::EnglishLocal => ENGLISH_LOCAL,
    }
}

/// One milestone's date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimetableEntry {
    /// The milestone.
    pub milestone: Milestone,
    /// Its date.
    pub date: NaiveDate,
    /// The time the law names, if it names one (midnight deadlines are shown as 23:59).
    pub time: Option<NaiveTime>,
    /// Working days before the poll (0 on polling day).
    pub working_days_before: u32,
}

/// The statutory timetable of one election.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timetable {
    /// The election.
    pub election: ElectionType,
    /// Polling day.
    pub poll: NaiveDate,
    /// Milestones in timetable order.
    pub entries: Vec<TimetableEntry>,
}

impl Timetable {
    /// The date of a milestone, if this election has it.
    pub fn date_of(&self, milestone: Milestone) -> Option<NaiveDate> {
        self.entries
            .iter()
            .find(|e| e.milestone == milestone)
            .map(|e| e.date)
    }
}

/// Computes the timetable for an election with polling day `poll`.
pub fn compute(election: ElectionType, poll: NaiveDate) -> Result<Timetable, TimetableError> {
    let calendar = Calendar::for_election(election);
    if !holidays::covers(poll) {
        return Err(TimetableError::OutOfRange {
            poll,
            year: poll.year(),
            first: holidays::FIRST_YEAR,
            last: holidays::LAST_YEAR,
        });
    }
    let entries = rules(election)
        .iter()
        .map(|r| {
            let days = i32::try_from(r.working_days_before).unwrap_or(i32::MAX);
            Ok(TimetableEntry {
                milestone: r.milestone,
                date: calendar.add_working_days(poll, -days, poll)?,
                time: r.time.and_then(|(h, m)| NaiveTime::from_hms_opt(h, m, 0)),
                working_days_before: r.working_days_before,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Timetable {
        election,
        poll,
        entries,
    })
}

/// What is unusual about a poll date: a weekend, a bank holiday, or not a Thursday.
pub fn poll_date_warnings(election: ElectionType, poll: NaiveDate) -> Vec<String> {
    let calendar = Calendar::for_election(election);
    let mut warnings = Vec::new();
    let day = poll.format("%A %-d %B %Y");
    if matches!(poll.weekday(), Weekday::Sat | Weekday::Sun) {
        warnings.push(format!(
            "polling day {day} is at a weekend; polls are held on Thursdays"
        ));
    } else if let Some(h) = calendar.holiday(poll) {
        warnings.push(format!(
            "polling day {day} is a bank holiday ({}, {})",
            h.title,
            h.division.label()
        ));
    } else if poll.weekday() != Weekday::Thu {
        warnings.push(format!(
            "polling day {day} is not a Thursday; polls are normally held on Thursdays"
        ));
    }
    warnings
}

#[cfg(test)]
mod tests;
