//! The law, as data with its citations (`assets/law/`): the calendars rules count in; for each kind
//! of election the rule sets in force for each span of poll dates, each milestone a row (count,
//! time, calendar, source); and each kind's contest law (officers, postal votes handed in, proxies,
//! voter ID). Loaded and checked once; the timetable, key dates, indicators, editor and PDF all ask
//! it, and no code holds a day count or a statutory limit.

pub mod calendar;
pub mod combination;
pub mod contests;
pub mod handing_in;
pub mod holidays;

use std::sync::LazyLock;

use chrono::{NaiveDate, NaiveTime};
use serde::Deserialize;

use crate::model::{ElectionType, Milestone, Nation};

/// Whose bank holidays a calendar passes over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum HolidaysOf {
    /// Those of every part of the UK (a UK Parliamentary general election).
    AnyPartOfTheUk,
    /// Those of the nation the poll (or the elector) is in.
    TheNation,
}

/// The days one kind of count disregards, besides Saturdays and Sundays.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarLaw {
    /// How rules name it, e.g. `uk-general-election`.
    pub key: String,
    /// What a person reads.
    pub label: String,
    /// Christmas Eve is disregarded.
    pub christmas_eve: bool,
    /// Christmas Day is disregarded.
    pub christmas_day: bool,
    /// Good Friday is disregarded.
    pub good_friday: bool,
    /// Easter Monday is disregarded even where it is not a bank holiday (Scotland).
    pub easter_monday: bool,
    /// Whose bank holidays are disregarded.
    pub bank_holidays: HolidaysOf,
    /// Days appointed for public thanksgiving or mourning are disregarded.
    pub thanksgiving_or_mourning: bool,
    /// Weekdays counted as working days although they are holidays, because an Act says so.
    #[serde(default)]
    pub counted: Vec<NaiveDate>,
    /// The instruments and rules that say so.
    pub source: String,
}

/// One milestone of a rule set: a count of working days before polling day.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MilestoneLaw {
    /// The milestone.
    pub milestone: Milestone,
    /// Working days before polling day (0: polling day itself).
    pub working_days_before: u32,
    /// The time the law names (`HH:MM`), if it names one.
    pub time: Option<String>,
    /// The calendar the count is made in.
    pub calendar: String,
    /// The nations the row applies in (empty: wherever the election is held).
    #[serde(default)]
    pub nations: Vec<Nation>,
    /// The instrument and rule that set it, and a published timetable that shows it.
    pub source: String,
}

impl MilestoneLaw {
    /// The time, parsed (checked when the law is loaded).
    pub fn time(&self) -> Option<NaiveTime> {
        self.time
            .as_deref()
            .and_then(|t| NaiveTime::parse_from_str(t, "%H:%M").ok())
    }

    /// Whether the row applies in `nation`.
    pub fn applies_in(&self, nation: Nation) -> bool {
        self.nations.is_empty() || self.nations.contains(&nation)
    }
}

/// How a by-election's dates are tied to what started it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum WindowLaw {
    /// A UK Parliamentary by-election: dates run from the day the writ is received.
    Writ {
        /// The notice of election is published by this working day after the writ is received.
        notice_after_writ: u32,
        /// The last day for nominations is not earlier than this working day after the notice...
        nomination_after_notice: u32,
        /// ...and not later than this working day after the writ is received.
        nomination_after_writ: u32,
        /// The poll is not earlier than this working day after the last day for nominations...
        poll_after_nomination_earliest: u32,
        /// ...and not later than this one.
        poll_after_nomination_latest: u32,
        /// Time of the notice of election.
        notice_time: String,
        /// Time nominations close.
        nomination_time: String,
        /// Time the statement of persons nominated is published if there are no objections.
        statement_time: String,
        /// The calendar these counts are made in.
        calendar: String,
        /// The instrument and rule.
        source: String,
    },
    /// A local by-election: held within a number of days of the vacancy.
    Vacancy {
        /// The poll is held within this many days of the vacancy.
        within: u32,
        /// The calendar the days are counted in.
        calendar: String,
        /// The instrument and section.
        source: String,
    },
}

/// The rules in force for polls in one span of dates.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSetLaw {
    /// Its name, recorded in a plan computed with it, e.g. `english-local/2014`.
    pub key: String,
    /// The first poll date it applies to (`None`: every earlier one the data covers).
    pub polls_from: Option<NaiveDate>,
    /// The last poll date it applies to (`None`: until the law changes).
    pub polls_until: Option<NaiveDate>,
    /// The instruments it follows.
    pub instruments: Vec<String>,
    /// How a by-election's dates are tied to its writ or vacancy.
    #[serde(default)]
    pub window: Option<WindowLaw>,
    /// The milestones, in timetable order.
    pub milestones: Vec<MilestoneLaw>,
    /// What a reader should know (what is not in the data, what differs).
    #[serde(default)]
    pub notes: Vec<String>,
}

impl RuleSetLaw {
    /// Whether a poll on `poll` is under these rules.
    pub fn covers(&self, poll: NaiveDate) -> bool {
        self.polls_from.is_none_or(|from| poll >= from)
            && self.polls_until.is_none_or(|until| poll <= until)
    }
}

/// The law of one kind of election.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElectionLaw {
    /// The kind of election.
    pub election: ElectionType,
    /// Who runs it.
    pub officer: String,
    /// Where it can be held; the first is the default.
    pub nations: Vec<Nation>,
    /// What differs from other types, in a sentence (for `timetable --list` and the README).
    pub differs: String,
    /// Its rule sets, oldest first.
    pub rule_sets: Vec<RuleSetLaw>,
}

impl ElectionLaw {
    /// The rule set in force for a poll on `poll`.
    pub fn rule_set(&self, poll: NaiveDate) -> Option<&RuleSetLaw> {
        self.rule_sets.iter().find(|r| r.covers(poll))
    }

    /// The poll dates some rule set covers, in words, for an error.
    pub fn span(&self) -> String {
        let from = self.rule_sets.first().and_then(|r| r.polls_from);
        let until = self.rule_sets.last().and_then(|r| r.polls_until);
        match (from, until) {
            (None, None) => "any date".to_owned(),
            (Some(f), None) => format!("polls from {}", f.format("%-d %B %Y")),
            (None, Some(u)) => format!("polls up to {}", u.format("%-d %B %Y")),
            (Some(f), Some(u)) => format!(
                "polls from {} to {}",
                f.format("%-d %B %Y"),
                u.format("%-d %B %Y")
            ),
        }
    }
}

/// The whole of the law the program knows.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Law {
    /// The calendars rules count in.
    pub calendars: Vec<CalendarLaw>,
    /// Each kind of election.
    pub elections: Vec<ElectionLaw>,
    /// Each kind of election's contest law: officers, postal votes handed in, proxies, voter ID.
    pub contests: Vec<contests::ContestLaw>,
}

impl Law {
    /// The law of one kind of election.
    pub fn election(&self, election: ElectionType) -> Option<&ElectionLaw> {
        self.elections.iter().find(|e| e.election == election)
    }

    /// The contest law of one kind of election.
    pub fn contest(&self, election: ElectionType) -> Option<&contests::ContestLaw> {
        self.contests.iter().find(|c| c.election == election)
    }

    /// A calendar by its key.
    pub fn calendar(&self, key: &str) -> Option<&CalendarLaw> {
        self.calendars.iter().find(|c| c.key == key)
    }

    /// Checks the data: every calendar a rule names exists, every row cites a source and its time
    /// reads, every kind of election has rules and its rule sets follow each other without gaps or
    /// overlaps.
    pub fn check(&self) -> Result<(), String> {
        let mut problems = Vec::new();
        let mut calendar_keys = Vec::new();
        for c in &self.calendars {
            if calendar_keys.contains(&c.key.as_str()) {
                problems.push(format!("calendar {} is defined twice", c.key));
            }
            calendar_keys.push(&c.key);
            if c.source.trim().is_empty() {
                problems.push(format!("calendar {} cites no source", c.key));
            }
        }
        let known = |key: &str| self.calendar(key).is_some();
        for election in ElectionType::ALL {
            let Some(e) = self.election(*election) else {
                problems.push(format!("{} has no rules", election.key()));
                continue;
            };
            if e.nations.is_empty() {
                problems.push(format!("{} is held in no nation", election.key()));
            }
            if e.rule_sets.is_empty() {
                problems.push(format!("{} has no rule set", election.key()));
            }
            for pair in e.rule_sets.windows(2) {
                let follows = match (pair[0].polls_until, pair[1].polls_from) {
                    (Some(until), Some(from)) => until.succ_opt() == Some(from),
                    _ => false,
                };
                if !follows {
                    problems.push(format!(
                        "{}: rule set {} does not start the day after {} ends",
                        election.key(),
                        pair[1].key,
                        pair[0].key
                    ));
                }
            }
            for set in &e.rule_sets {
                if set.instruments.is_empty() {
                    problems.push(format!("{} names no instrument", set.key));
                }
                if !set
                    .milestones
                    .iter()
                    .any(|m| m.milestone == Milestone::Poll)
                {
                    problems.push(format!("{} has no polling day row", set.key));
                }
                for m in &set.milestones {
                    let what = format!("{} {}", set.key, m.milestone.key());
                    if m.source.trim().is_empty() {
                        problems.push(format!("{what} cites no source"));
                    }
                    if !known(&m.calendar) {
                        problems.push(format!("{what} counts in unknown calendar {}", m.calendar));
                    }
                    if m.time.is_some() && m.time().is_none() {
                        problems.push(format!("{what}: the time is not HH:MM"));
                    }
                    if m.nations.iter().any(|n| !e.nations.contains(n)) {
                        problems.push(format!("{what} names a nation the election is not held in"));
                    }
                }
                match &set.window {
                    Some(WindowLaw::Writ {
                        calendar,
                        source,
                        notice_time,
                        nomination_time,
                        statement_time,
                        ..
                    }) => {
                        if !known(calendar) || source.trim().is_empty() {
                            problems.push(format!("{}: the writ window is incomplete", set.key));
                        }
                        for t in [notice_time, nomination_time, statement_time] {
                            if NaiveTime::parse_from_str(t, "%H:%M").is_err() {
                                problems.push(format!("{}: {t} is not HH:MM", set.key));
                            }
                        }
                    }
                    Some(WindowLaw::Vacancy {
                        calendar, source, ..
                    }) if !known(calendar) || source.trim().is_empty() => {
                        problems.push(format!("{}: the vacancy window is incomplete", set.key));
                    }
                    _ => {}
                }
            }
        }
        contests::check(self, &mut problems);
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join("; "))
        }
    }
}

/// The law built into the program, read and checked once: a defect in the shipped data is an error
/// every timetable reports (and a test catches), never a guess.
pub fn law() -> Result<&'static Law, &'static str> {
    static LAW: LazyLock<Result<Law, String>> = LazyLock::new(|| {
        let calendars: Vec<CalendarLaw> =
            ron::from_str(include_str!("../../assets/law/calendars.ron"))
                .map_err(|e| format!("assets/law/calendars.ron: {e}"))?;
        let elections: Vec<ElectionLaw> =
            ron::from_str(include_str!("../../assets/law/elections.ron"))
                .map_err(|e| format!("assets/law/elections.ron: {e}"))?;
        let contests: Vec<contests::ContestLaw> =
            ron::from_str(include_str!("../../assets/law/contests.ron"))
                .map_err(|e| format!("assets/law/contests.ron: {e}"))?;
        let law = Law {
            calendars,
            elections,
            contests,
        };
        law.check()
            .map_err(|e| format!("the law data is inconsistent: {e}"))?;
        Ok(law)
    });
    LAW.as_ref().map_err(String::as_str)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn the_shipped_law_loads_and_is_consistent() {
        let law = law().unwrap();
        for election in ElectionType::ALL {
            assert!(law.election(*election).is_some(), "{}", election.key());
        }
        for e in &law.elections {
            for set in &e.rule_sets {
                for m in &set.milestones {
                    assert!(
                        m.source.len() > 20,
                        "{} {}: a real citation",
                        set.key,
                        m.milestone.key()
                    );
                }
            }
        }
    }

    #[test]
    fn inconsistent_data_is_refused_saying_what_is_wrong() {
        let mut law = law().unwrap().clone();
        law.elections[0].rule_sets[0].milestones[0].calendar = "nowhere".to_owned();
        law.elections[0].rule_sets[0].milestones[1].source.clear();
        law.elections.retain(|e| e.election != ElectionType::Gla);
        let problems = law.check().unwrap_err();
        assert!(problems.contains("unknown calendar nowhere"), "{problems}");
        assert!(problems.contains("cites no source"), "{problems}");
        assert!(problems.contains("gla has no rules"), "{problems}");
    }
}
