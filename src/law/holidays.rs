//! UK bank holidays by division: shipped as data in `assets/law/bank-holidays.csv` (GOV.UK and the
//! Banking and Financial Dealings Act 1971; see `assets/law/bank-holidays.md`), and replaceable
//! without a new release by a file of the same shape, `bank-holidays.csv` in the program's data
//! folder, which is checked when it is read. Whichever is used says so: its file and the years it
//! covers.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};

use crate::model::Nation;

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

    /// The division whose bank holidays a nation keeps.
    pub fn of(nation: Nation) -> Division {
        match nation {
            Nation::England | Nation::Wales => Division::EnglandAndWales,
            Nation::Scotland => Division::Scotland,
            Nation::NorthernIreland => Division::NorthernIreland,
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

/// The bank holidays in use, where they came from and the years they cover.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holidays {
    /// Every holiday, sorted by date.
    pub all: Vec<BankHoliday>,
    /// The file they were read from (`None`: the data built into the program).
    pub file: Option<PathBuf>,
    /// The first year covered.
    pub first_year: i32,
    /// The last year covered.
    pub last_year: i32,
}

/// The data built into the program.
const DATA: &str = include_str!("../../assets/law/bank-holidays.csv");

/// The name of the file that replaces the built-in data, in the program's data folder.
pub const OVERRIDE_FILE: &str = "bank-holidays.csv";

impl Holidays {
    /// The built-in data.
    pub fn builtin() -> &'static Holidays {
        static BUILTIN: LazyLock<Holidays> = LazyLock::new(|| {
            parse(DATA, None).unwrap_or_else(|_| Holidays {
                all: Vec::new(),
                file: None,
                first_year: 0,
                last_year: -1,
            })
        });
        &BUILTIN
    }

    /// The holidays to use: the override file in `data_dir` if there is one (checked; an error says
    /// what is wrong with it and where), else the built-in data.
    pub fn load(data_dir: &Path) -> Result<Holidays, String> {
        let file = data_dir.join(OVERRIDE_FILE);
        match std::fs::read_to_string(&file) {
            Ok(text) => parse(&text, Some(&file)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Holidays::builtin().clone()),
            Err(e) => Err(format!("cannot read {}: {e}", file.display())),
        }
    }

    /// Where the data came from and the years it covers, for people: "built-in data, 2015–2032".
    pub fn describe(&self) -> String {
        let source = match &self.file {
            None => "built-in data (assets/law/bank-holidays.csv)".to_owned(),
            Some(path) => path.display().to_string(),
        };
        format!("{source}, {}\u{2013}{}", self.first_year, self.last_year)
    }

    /// Whether the data covers `date`'s year.
    pub fn covers(&self, date: NaiveDate) -> bool {
        (self.first_year..=self.last_year).contains(&date.year())
    }

    /// The bank holidays of the given divisions, as a set of dates.
    pub fn dates_in(&self, divisions: &[Division]) -> BTreeSet<NaiveDate> {
        self.all
            .iter()
            .filter(|h| divisions.contains(&h.division))
            .map(|h| h.date)
            .collect()
    }

    /// The holiday on `date` in any of `divisions`, if there is one.
    pub fn on(&self, date: NaiveDate, divisions: &[Division]) -> Option<&BankHoliday> {
        self.all
            .iter()
            .find(|h| h.date == date && divisions.contains(&h.division))
    }
}

/// Parses and checks a data file: `date,division,title` with a header line, every year from the
/// first to the last holding each division's regular holidays.
fn parse(text: &str, file: Option<&Path>) -> Result<Holidays, String> {
    let name = file.map_or_else(
        || "the built-in bank holidays".to_owned(),
        |f| f.display().to_string(),
    );
    let at = |line: usize, what: String| format!("{name}, line {line}: {what}");
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines();
    match lines.next().map(str::trim) {
        Some("date,division,title") => {}
        other => {
            return Err(at(
                1,
                format!(
                    "the first line is {:?}; it must be the header date,division,title",
                    other.unwrap_or("")
                ),
            ));
        }
    }
    let mut all = Vec::new();
    for (n, line) in lines.enumerate() {
        let number = n + 2;
        if line.trim().is_empty() {
            continue;
        }
        let mut fields = line.splitn(3, ',');
        let (Some(date), Some(division), Some(title)) =
            (fields.next(), fields.next(), fields.next())
        else {
            return Err(at(number, "expected date,division,title".to_owned()));
        };
        let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
            .map_err(|_| at(number, format!("{date:?} is not a date (YYYY-MM-DD)")))?;
        let division = Division::ALL
            .into_iter()
            .find(|d| d.key() == division.trim())
            .ok_or_else(|| {
                at(
                    number,
                    format!(
                        "unknown division {division:?}; use england-and-wales, scotland or \
                         northern-ireland"
                    ),
                )
            })?;
        if title.trim().is_empty() {
            return Err(at(number, "the holiday has no title".to_owned()));
        }
        let holiday = BankHoliday {
            date,
            division,
            title: title.trim().to_owned(),
        };
        if all
            .iter()
            .any(|h: &BankHoliday| h.date == date && h.division == division)
        {
            return Err(at(
                number,
                format!("{date} is listed twice for {}", division.label()),
            ));
        }
        all.push(holiday);
    }
    all.sort();
    let (Some(first), Some(last)) = (all.first(), all.last()) else {
        return Err(format!("{name} lists no bank holidays"));
    };
    let (first_year, last_year) = (first.date.year(), last.date.year());
    // Every year must be whole for every division: a missing year would count its holidays as
    // working days.
    for year in first_year..=last_year {
        for division in Division::ALL {
            let n = all
                .iter()
                .filter(|h| h.division == division && h.date.year() == year)
                .count();
            if n < 8 {
                return Err(format!(
                    "{name}: {year} has only {n} bank holidays for {}; every year from \
                     {first_year} to {last_year} must list them all",
                    division.label()
                ));
            }
        }
    }
    Ok(Holidays {
        all,
        file: file.map(Path::to_owned),
        first_year,
        last_year,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_shipped_data_parses_and_covers_every_year_for_every_division() {
        let h = parse(DATA, None).unwrap();
        assert_eq!(h.all.len(), DATA.lines().count() - 1);
        assert_eq!((h.first_year, h.last_year), (2015, 2032));
        assert_eq!(Holidays::builtin(), &h);
        for year in 2015..=2032 {
            for division in Division::ALL {
                let n = h
                    .all
                    .iter()
                    .filter(|x| x.division == division && x.date.year() == year)
                    .count();
                let normal = match division {
                    Division::EnglandAndWales => 8,
                    Division::Scotland => 9,
                    Division::NorthernIreland => 10,
                };
                assert!(n >= normal, "{year} {division:?}: {n}");
            }
        }
        assert!(h.describe().starts_with("built-in data"));
        assert!(h.describe().ends_with("2015\u{2013}2032"));
    }

    #[test]
    fn one_off_and_moved_holidays_are_present() {
        let h = Holidays::builtin();
        let ew = [Division::EnglandAndWales];
        assert!(h.on(d(2020, 5, 8), &ew).is_some(), "VE Day 75");
        assert!(h.on(d(2020, 5, 4), &ew).is_none(), "moved to 8 May");
        assert!(h.on(d(2022, 6, 2), &ew).is_some());
        assert!(h.on(d(2022, 6, 3), &ew).is_some(), "Platinum Jubilee");
        assert!(h.on(d(2022, 9, 19), &ew).is_some(), "State funeral");
        assert!(h.on(d(2023, 5, 8), &ew).is_some(), "Coronation");
        assert!(
            h.on(d(2026, 6, 15), &[Division::Scotland]).is_some(),
            "Scotland's World Cup holiday, proclaimed in 2026"
        );
        assert!(
            h.on(d(2021, 12, 28), &ew)
                .unwrap()
                .title
                .contains("substitute")
        );
    }

    #[test]
    fn divisions_differ() {
        let h = Holidays::builtin();
        let sc = [Division::Scotland];
        let ew = [Division::EnglandAndWales];
        let ni = [Division::NorthernIreland];
        assert!(h.on(d(2024, 8, 5), &sc).is_some() && h.on(d(2024, 8, 5), &ew).is_none());
        assert!(h.on(d(2024, 8, 26), &ew).is_some() && h.on(d(2024, 8, 26), &sc).is_none());
        assert!(
            h.on(d(2024, 4, 1), &sc).is_none(),
            "no Easter Monday in Scotland"
        );
        assert!(h.on(d(2024, 7, 12), &ni).is_some() && h.on(d(2024, 7, 12), &ew).is_none());
        assert!(
            h.on(d(2024, 3, 18), &ni).is_some(),
            "St Patrick's Day substitute"
        );
        assert!(
            h.on(d(2025, 12, 1), &sc).is_some(),
            "St Andrew's Day substitute"
        );
        assert_eq!(Division::of(Nation::Wales), Division::EnglandAndWales);
    }

    #[test]
    fn a_users_file_replaces_the_data_and_is_checked() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(&Holidays::load(dir.path()).unwrap(), Holidays::builtin());
        // A year added by the user, and one 2033 holiday more for Scotland.
        let mut text = DATA.to_owned();
        for line in DATA.lines().filter(|l| l.starts_with("2032-")) {
            text.push_str(&line.replacen("2032-", "2033-", 1));
            text.push('\n');
        }
        std::fs::write(dir.path().join(OVERRIDE_FILE), &text).unwrap();
        let h = Holidays::load(dir.path()).unwrap();
        assert_eq!(h.last_year, 2033);
        assert!(h.describe().contains(OVERRIDE_FILE) && h.describe().ends_with("2015\u{2013}2033"));
        let bad = |contents: &str| {
            std::fs::write(dir.path().join(OVERRIDE_FILE), contents).unwrap();
            Holidays::load(dir.path()).unwrap_err()
        };
        assert!(bad("date,division,title\n2024-13-01,scotland,X\n").contains("line 2"));
        assert!(bad("date,division,title\n2024-01-01,wales,X\n").contains("unknown division"));
        assert!(bad("date,division,title\n2024-01-01\n").contains("expected date,division,title"));
        assert!(bad("when,where\n").contains("header"));
        let missing_year: String = DATA
            .lines()
            .filter(|l| !l.starts_with("2020-"))
            .map(|l| format!("{l}\n"))
            .collect();
        assert!(bad(&missing_year).contains("2020 has only 0"));
    }
}
