//! Working days as one rule counts them: which days it disregards is the rule's own (its calendar,
//! in `assets/law/calendars.ron`), applied to the bank holidays of the part of the UK it names and
//! to any days appointed for public thanksgiving or mourning.

use std::collections::BTreeSet;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::holidays::{Division, Holidays};
use super::{CalendarLaw, HolidaysOf};
use crate::model::Nation;

/// Easter Sunday of `year` in the Gregorian calendar (the anonymous algorithm published by Meeus).
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month = (h + l - 7 * m + 114).div_euclid(31);
    let day = (h + l - 7 * m + 114).rem_euclid(31) + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// Why a day does not count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Disregarded {
    /// Saturday or Sunday.
    Weekend,
    /// Christmas Eve.
    ChristmasEve,
    /// Christmas Day.
    ChristmasDay,
    /// Good Friday.
    GoodFriday,
    /// Easter Monday (which some rules disregard although it is not a bank holiday everywhere).
    EasterMonday,
    /// A bank holiday, with its name and where.
    BankHoliday(String),
    /// A day appointed for public thanksgiving or mourning.
    ThanksgivingOrMourning,
}

impl std::fmt::Display for Disregarded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Disregarded::Weekend => f.write_str("weekend"),
            Disregarded::ChristmasEve => f.write_str("Christmas Eve"),
            Disregarded::ChristmasDay => f.write_str("Christmas Day"),
            Disregarded::GoodFriday => f.write_str("Good Friday"),
            Disregarded::EasterMonday => f.write_str("Easter Monday"),
            Disregarded::BankHoliday(name) => f.write_str(name),
            Disregarded::ThanksgivingOrMourning => {
                f.write_str("day of public thanksgiving or mourning")
            }
        }
    }
}

/// The working days of one rule for one nation.
#[derive(Clone, Debug)]
pub struct Calendar<'a> {
    law: &'a CalendarLaw,
    divisions: Vec<Division>,
    holidays: &'a Holidays,
    extra: BTreeSet<NaiveDate>,
}

/// A count that runs into years the bank holiday data does not cover.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Uncovered {
    /// The year needed.
    pub year: i32,
}

impl<'a> Calendar<'a> {
    /// The calendar `law` sets for a poll (or an elector) in `nation`, with the days appointed for
    /// public thanksgiving or mourning in `extra` (used only where the rule disregards them).
    pub fn new(
        law: &'a CalendarLaw,
        nation: Nation,
        holidays: &'a Holidays,
        extra: &[NaiveDate],
    ) -> Calendar<'a> {
        let divisions = match law.bank_holidays {
            HolidaysOf::AnyPartOfTheUk => Division::ALL.to_vec(),
            HolidaysOf::TheNation => vec![Division::of(nation)],
        };
        let extra = if law.thanksgiving_or_mourning {
            extra.iter().copied().collect()
        } else {
            BTreeSet::new()
        };
        Calendar {
            law,
            divisions,
            holidays,
            extra,
        }
    }

    /// The rule's calendar, as data.
    pub fn law(&self) -> &'a CalendarLaw {
        self.law
    }

    /// Whose bank holidays it passes over.
    pub fn divisions(&self) -> &[Division] {
        &self.divisions
    }

    /// Why `date` does not count as a working day, or `None` when it does.
    pub fn disregards(&self, date: NaiveDate) -> Option<Disregarded> {
        let law = self.law;
        if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            return Some(Disregarded::Weekend);
        }
        if law.counted.contains(&date) {
            return None;
        }
        if (date.month(), date.day()) == (12, 24) && law.christmas_eve {
            return Some(Disregarded::ChristmasEve);
        }
        if (date.month(), date.day()) == (12, 25) && law.christmas_day {
            return Some(Disregarded::ChristmasDay);
        }
        if let Some(easter) = easter_sunday(date.year()) {
            if law.good_friday && easter.checked_sub_days(Days::new(2)) == Some(date) {
                return Some(Disregarded::GoodFriday);
            }
            if law.easter_monday && easter.checked_add_days(Days::new(1)) == Some(date) {
                return Some(Disregarded::EasterMonday);
            }
        }
        if let Some(h) = self.holidays.on(date, &self.divisions) {
            return Some(Disregarded::BankHoliday(format!(
                "{} ({})",
                h.title,
                h.division.label()
            )));
        }
        self.extra
            .contains(&date)
            .then_some(Disregarded::ThanksgivingOrMourning)
    }

    /// Whether `date` counts as a working day.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.disregards(date).is_none()
    }

    /// The `n`th working day after `date` (before it when `n` is negative); `date` itself for 0.
    /// Fails when the count passes through a year the bank holiday data does not cover.
    pub fn add_working_days(&self, date: NaiveDate, n: i64) -> Result<NaiveDate, Uncovered> {
        let mut current = date;
        let mut remaining = n.unsigned_abs();
        while remaining > 0 {
            let next = if n > 0 {
                current.checked_add_days(Days::new(1))
            } else {
                current.checked_sub_days(Days::new(1))
            };
            current = next.ok_or(Uncovered {
                year: current.year(),
            })?;
            if !self.holidays.covers(current) {
                return Err(Uncovered {
                    year: current.year(),
                });
            }
            if self.is_working_day(current) {
                remaining -= 1;
            }
        }
        Ok(current)
    }

    /// How many working days after `from` the day `to` is (negative when before): the count `n` for
    /// which `add_working_days(from, n)` is the last working day at or before `to`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let (start, end, sign) = if to >= from {
            (from, to, 1)
        } else {
            (to, from, -1)
        };
        let mut n = 0;
        let mut day = start;
        while day < end {
            let Some(next) = day.checked_add_days(Days::new(1)) else {
                break;
            };
            day = next;
            if self.is_working_day(day) {
                n += 1;
            }
        }
        sign * n
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn easter_falls_where_the_church_calendar_puts_it() {
        for (year, month, day) in [
            (2015, 4, 5),
            (2016, 3, 27),
            (2019, 4, 21),
            (2021, 4, 4),
            (2022, 4, 17),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2032, 3, 28),
        ] {
            assert_eq!(easter_sunday(year), Some(d(year, month, day)), "{year}");
        }
    }
}
