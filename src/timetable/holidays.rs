//! UK bank holidays by division, shipped as data in `assets/bank-holidays.csv` (source: GOV.UK; see
//! `assets/bank-holidays.md`).

use std::collections::BTreeSet;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};

/// A part of the UK with its own bank holidays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Division {
    /// England and Wales.
    EnglandAndWales,
    /// Scotland.
    Scotland,
    /// Northern Ireland.
    NorthernIreland,
}

impl Division {
    /// Every division.
    pub const ALL: [Division; 3] = [
        Division::EnglandAndWales,
        Division::Scotland,
        Division::NorthernIreland,
    ];

    /// The key used in the data file.
    pub fn key(self) -> &'static str {
        match self {
            Division::EnglandAndWales => "england-and-wales",
            Division::Scotland => "scotland",
            Division::NorthernIreland => "northern-ireland",
        }
    }

    /// The name a person reads.
    pub fn label(self) -> &'static str {
        match self {
            Division::EnglandAndWales => "England and Wales",
            Division::Scotland => "Scotland",
            Division::NorthernIreland => "Northern Ireland",
        }
    }
}

/// One bank holiday.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct BankHoliday {
    /// The day.
    pub date: NaiveDate,
    /// Where it is a holiday.
    pub division: Division,
    /// Its name, e.g. "Spring bank holiday".
    pub title: String,
}

/// The first year the data covers.
pub const FIRST_YEAR: i32 = 2015;
/// The last year the data covers.
pub const LAST_YEAR: i32 = 2032;

const DATA: &str = include_str!("../../assets/bank-holidays.csv");

/// Every bank holiday in the shipped data, sorted by date.
pub fn all() -> &'static [BankHoliday] {
    static ALL: LazyLock<Vec<BankHoliday>> = LazyLock::new(|| parse(DATA).unwrap_or_default());
    &ALL
}

/// Parses the data file: `date,division,title` with a header line.
fn parse(text: &str) -> Result<Vec<BankHoliday>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let mut fields = line.splitn(3, ',');
        let (Some(date), Some(division), Some(title)) =
            (fields.next(), fields.next(), fields.next())
        else {
            return Err(format!("line {}: expected date,division,title", n + 1));
        };
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .map_err(|e| format!("line {}: {e}", n + 1))?;
        let division = Division::ALL
            .into_iter()
            .find(|d| d.key() == division)
            .ok_or_else(|| format!("line {}: unknown division {division}", n + 1))?;
        out.push(BankHoliday {
            date,
            division,
            title: title.to_owned(),
        });
    }
    out.sort();
    Ok(out)
}

/// The bank holidays of the given divisions, as a set of dates.
pub fn dates_in(divisions: &[Division]) -> BTreeSet<NaiveDate> {
    all()
        .iter()
        .filter(|h| divisions.contains(&h.division))
        .map(|h| h.date)
        .collect()
}

/// The holiday on `date` in any of `divisions`, if there is one.
pub fn holiday_on(date: NaiveDate, divisions: &[Division]) -> Option<&'static BankHoliday> {
    all()
        .iter()
        .find(|h| h.date == date && divisions.contains(&h.division))
}

/// Whether the data covers `date`'s year.
pub fn covers(date: NaiveDate) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_shipped_data_parses_and_covers_every_year_for_every_division() {
        let all = parse(DATA).unwrap();
        assert_eq!(all.len(), DATA.lines().count() - 1);
        for year in FIRST_YEAR..=LAST_YEAR {
            for division in Division::ALL {
                let n = all
                    .iter()
                    .filter(|h| h.division == division && h.date.year() == year)
                    .count();
                let normal = match division {
                    Division::EnglandAndWales => 8,
                    Division::Scotland => 9,
                    Division::NorthernIreland => 10,
                };
                assert!(n >= normal, "{year} {division:?}: {n}");
            }
        }
    }

    #[test]
    fn one_off_and_moved_holidays_are_present() {
        let ew = [Division::EnglandAndWales];
        assert!(holiday_on(d(2020, 5, 8), &ew).is_some(), "VE Day 75");
        assert!(holiday_on(d(2020, 5, 4), &ew).is_none(), "moved to 8 May");
        assert!(holiday_on(d(2022, 6, 2), &ew).is_some());
        assert!(holiday_on(d(2022, 6, 3), &ew).is_some(), "Platinum Jubilee");
        assert!(holiday_on(d(2022, 9, 19), &ew).is_some(), "State funeral");
        assert!(holiday_on(d(2023, 5, 8), &ew).is_some(), "Coronation");
        assert!(
            holiday_on(d(2021, 12, 28), &ew)
                .unwrap()
                .title
                .contains("substitute")
        );
    }

    #[test]
    fn divisions_differ() {
        let sc = [Division::Scotland];
        let ew = [Division::EnglandAndWales];
        let ni = [Division::NorthernIreland];
        assert!(
            holiday_on(d(2024, 8, 5), &sc).is_some() && holiday_on(d(2024, 8, 5), &ew).is_none()
        );
        assert!(
            holiday_on(d(2024, 8, 26), &ew).is_some() && holiday_on(d(2024, 8, 26), &sc).is_none()
        );
        assert!(
            holiday_on(d(2024, 4, 1), &sc).is_none(),
            "no Easter Monday in Scotland"
        );
        assert!(
            holiday_on(d(2024, 7, 12), &ni).is_some() && holiday_on(d(2024, 7, 12), &ew).is_none()
        );
        assert!(
            holiday_on(d(2024, 3, 18), &ni).is_some(),
            "St Patrick's Day substitute"
        );
        assert!(
            holiday_on(d(2025, 12, 1), &sc).is_some(),
            "St Andrew's Day substitute"
        );
    }

    #[test]
    fn bad_data_is_reported_by_line() {
        assert!(
            parse("h\n2024-13-01,scotland,X")
                .unwrap_err()
                .starts_with("line 2")
        );
        assert!(
            parse("h\n2024-01-01,wales,X")
                .unwrap_err()
                .contains("unknown division")
        );
        assert!(
            parse("h\n2024-01-01")
                .unwrap_err()
                .contains("expected date,division,title")
        );
    }
}
