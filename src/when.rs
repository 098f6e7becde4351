//! Dates and times as people in a UK elections office type them, read in one place for the command
//! line, CSV import and the editor.
//!
//! Dates are read as ISO (`2027-05-07`), day first (`07/05/2027`, `7/5/2027`) or written out
//! (`7 May 2027`, `Fri 7 May 2027`, the form [`display_date`] writes). They are never read month
//! first: `05/13/2027` is refused, saying dates are day first. Two-digit years are refused (which
//! century is a guess), and so is a spreadsheet's serial number for a date (`46513`), with a hint
//! to format the column. A date and time is a date followed by `HH:MM` or `HH:MM:SS`, after a space
//! or a `T`. Errors say what was typed, what is expected and give an example.
//!
//! Reading widens only: the command line, JSON and CSV still write ISO dates.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};

/// Reads a date: `2027-05-07`, `07/05/2027`, `7/5/2027`, `7 May 2027` or `Fri 7 May 2027`.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    date(clean(text)).map_err(|fault| fault.describe(text, Asked::Date))
}

/// Reads a date, or nothing: blank is `None` (for a field that may be left empty).
pub fn parse_optional_date(text: &str) -> Result<Option<NaiveDate>, String> {
    if clean(text).is_empty() {
        Ok(None)
    } else {
        parse_date(text).map(Some)
    }
}

/// Reads a date and time: a date as [`parse_date`] reads it, then `HH:MM` or `HH:MM:SS` after a
/// space or a `T`: `2027-05-06 22:45`, `2027-05-06T22:45:30`, `06/05/2027 22:45` or
/// `Thu 6 May 2027 22:45`.
pub fn parse_date_time(text: &str) -> Result<NaiveDateTime, String> {
    match date_and_maybe_time(clean(text)) {
        Ok((date, Some(time))) => Ok(date.and_time(time)),
        Ok((_, None)) => Err(Fault::NoTime.describe(text, Asked::DateTime)),
        Err(fault) => Err(fault.describe(text, Asked::DateTime)),
    }
}

/// Reads a moment for the command line: a date and time as [`parse_date_time`] reads it, or a date
/// alone, meaning the start of that day.
pub fn parse_moment(text: &str) -> Result<NaiveDateTime, String> {
    date_and_maybe_time(clean(text))
        .map(|(date, time)| date.and_time(time.unwrap_or(NaiveTime::MIN)))
        .map_err(|fault| fault.describe(text, Asked::Moment))
}

/// Reads a time of day, `HH:MM` or `HH:MM:SS` (24-hour).
pub fn parse_clock_time(text: &str) -> Result<NaiveTime, String> {
    let trimmed = clean(text);
    if trimmed.is_empty() {
        return Err("a time is required; expected HH:MM (24-hour), e.g. 22:45".to_owned());
    }
    clock(trimmed).map_err(|why| {
        let why = why.map_or_else(String::new, |w| format!(": {w}"));
        format!(
            "\u{201c}{trimmed}\u{201d} is not a time of day{why}; expected HH:MM (24-hour), \
             e.g. 22:45"
        )
    })
}

/// The moment a clock time typed on its own means, given that it comes at or after `after` (the
/// last event recorded): `after`'s date if that puts it at or after `after`, otherwise the next
/// day. So 01:30 typed after 2027-05-06 22:10 is 2027-05-07 01:30, and 22:30 is 2027-05-06 22:30.
///
/// Times are compared to the minute, as they are typed: a time in the same minute as `after`
/// stays on `after`'s date rather than jumping a day ahead.
pub fn resolve_clock_time(time: NaiveTime, after: NaiveDateTime) -> NaiveDateTime {
    let same_day = after.date().and_time(time);
    let after_minute = after
        .with_second(0)
        .and_then(|a| a.with_nanosecond(0))
        .unwrap_or(after);
    if same_day >= after_minute {
        same_day
    } else {
        same_day + Duration::days(1)
    }
}

/// Reads when a handover happened, as typed in a quick-entry field: blank is `now` (to the whole
/// second, as the custody log records times); a clock time alone (`HH:MM`) is resolved against
/// `after` (see [`resolve_clock_time`]), or is on `now`'s date when nothing comes before it; a full
/// date and time is taken as typed.
pub fn parse_entry_time(
    text: &str,
    after: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> Result<NaiveDateTime, String> {
    let trimmed = clean(text);
    if trimmed.is_empty() {
        return Ok(now.with_nanosecond(0).unwrap_or(now));
    }
    if looks_like_clock(trimmed) {
        return match clock(trimmed) {
            Ok(time) => Ok(match after {
                Some(after) => resolve_clock_time(time, after),
                None => now.date().and_time(time),
            }),
            Err(why) => Err(Fault::BadTime(why).describe(text, Asked::Entry)),
        };
    }
    match date_and_maybe_time(trimmed) {
        Ok((date, Some(time))) => Ok(date.and_time(time)),
        Ok((_, None)) => Err(Fault::NoTime.describe(text, Asked::Entry)),
        Err(fault) => Err(fault.describe(text, Asked::Entry)),
    }
}

/// A date as the plan shows it to people: `Thu 6 May 2027`. [`parse_date`] reads it back.
pub fn display_date(date: NaiveDate) -> String {
    date.format("%a %-d %b %Y").to_string()
}

/// A date without its weekday, `6 May 2027`, for a table column too narrow for
/// [`display_date`] (the PDF's crowded registers). [`parse_date`] reads it back.
pub fn display_short_date(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

/// A date and time as the plan shows it to people: `Thu 6 May 2027 22:45`.
/// [`parse_date_time`] reads it back (to the minute).
pub fn display_date_time(at: NaiveDateTime) -> String {
    at.format("%a %-d %b %Y %H:%M").to_string()
}

/// The UTC moment of a clock time in the UK. British Summer Time (UTC+1) runs from 01:00 UTC on the
/// last Sunday of March to 01:00 UTC on the last Sunday of October (Summer Time Act 1972 s. 1, as
/// amended by the Summer Time Order 2002, SI 2002/262, art. 2); Greenwich mean time (UTC) the rest
/// of the year. A clock time the spring change skips (01:00–01:59) is read as GMT; one the autumn
/// change repeats is read as its first (BST) occurrence.
pub fn uk_to_utc(local: NaiveDateTime) -> NaiveDateTime {
    let year = local.date().year();
    let last_sunday = |month: u32| {
        let first_of_next = NaiveDate::from_ymd_opt(year, month + 1, 1).unwrap_or(local.date());
        let back = (first_of_next.weekday().num_days_from_sunday() + 6) % 7 + 1;
        first_of_next - Duration::days(i64::from(back))
    };
    let one_am = NaiveTime::from_hms_opt(1, 0, 0).unwrap_or(NaiveTime::MIN);
    // The changes as clocks show them: 01:00 GMT becomes 02:00 BST; 02:00 BST becomes 01:00 GMT.
    let starts = last_sunday(3).and_time(one_am) + Duration::hours(1);
    let ends = last_sunday(10).and_time(one_am) + Duration::hours(1);
    if local >= starts && local < ends {
        local - Duration::hours(1)
    } else {
        local
    }
}

/// What the caller asked for, for the wording of an error.
#[derive(Clone, Copy)]
enum Asked {
    Date,
    DateTime,
    Moment,
    Entry,
}

impl Asked {
    /// "is not …".
    fn noun(self) -> &'static str {
        match self {
            Asked::Date => "a date",
            Asked::DateTime => "a date and time",
            Asked::Moment => "a date or time",
            Asked::Entry => "a time",
        }
    }

    /// "expected …", with examples.
    fn expected(self) -> &'static str {
        match self {
            Asked::Date => {
                "YYYY-MM-DD or DD/MM/YYYY (day first), e.g. 2027-05-07, 07/05/2027 or 7 May 2027"
            }
            Asked::DateTime => {
                "YYYY-MM-DD HH:MM or DD/MM/YYYY HH:MM (day first), \
                 e.g. 2027-05-07 22:45 or 07/05/2027 22:45"
            }
            Asked::Moment => {
                "YYYY-MM-DD or DD/MM/YYYY (day first), optionally followed by HH:MM, \
                 e.g. 2027-05-07 or 2027-05-07T22:45"
            }
            Asked::Entry => {
                "HH:MM, or a date and time such as 2027-05-07 22:45 or 07/05/2027 22:45; \
                 blank for now"
            }
        }
    }

    /// The format a spreadsheet column should be given.
    fn column_format(self) -> &'static str {
        match self {
            Asked::Date => "yyyy-mm-dd",
            _ => "yyyy-mm-dd hh:mm",
        }
    }

    /// A full example, for the two-digit year hint.
    fn example(self) -> &'static str {
        match self {
            Asked::Date | Asked::Moment => "07/05/2027 or 2027-05-07",
            Asked::DateTime | Asked::Entry => "07/05/2027 22:45 or 2027-05-07 22:45",
        }
    }
}

/// What is wrong with what was typed, before it is put into words.
#[derive(Debug, PartialEq)]
enum Fault {
    /// Nothing was typed.
    Empty,
    /// Not any accepted form.
    Unrecognised,
    /// A spreadsheet's serial number for a date.
    Serial,
    /// A year in two digits.
    ShortYear,
    /// A day and month without a year.
    NoYear,
    /// Numbers in an accepted shape, but no such day: why not.
    NoSuchDay(String),
    /// A numeric date that only makes sense month first: the date it would be.
    MonthFirst(NaiveDate),
    /// A weekday that is not the date's: the date and the weekday typed.
    WrongWeekday(NaiveDate, Weekday),
    /// A time part that is not a time of day, with why when known.
    BadTime(Option<String>),
    /// A date without the time that was asked for.
    NoTime,
}

impl Fault {
    fn describe(self, typed: &str, asked: Asked) -> String {
        let typed = clean(typed);
        let quoted = format!("\u{201c}{typed}\u{201d}");
        let (noun, expected) = (asked.noun(), asked.expected());
        match self {
            Fault::Empty => format!("{noun} is required; expected {expected}"),
            Fault::Unrecognised => format!("{quoted} is not {noun}; expected {expected}"),
            Fault::Serial => format!(
                "{quoted} is a spreadsheet's serial number for a date, not a date; format the \
                 column as {} before saving the CSV",
                asked.column_format()
            ),
            Fault::ShortYear => format!(
                "{quoted} has a two-digit year; write the year in full, e.g. {}",
                asked.example()
            ),
            Fault::NoYear => format!(
                "{quoted} has no year; write the year in full, e.g. {}",
                asked.example()
            ),
            Fault::NoSuchDay(why) => format!("{quoted} is not {noun}: {why}; expected {expected}"),
            Fault::MonthFirst(date) => format!(
                "{quoted} is not {noun}: dates are day first (DD/MM/YYYY) and there is no month \
                 {}; for {} type {}",
                date.day(),
                date.format("%-d %B %Y"),
                date.format("%d/%m/%Y")
            ),
            Fault::WrongWeekday(date, typed_day) => format!(
                "{quoted} is not {noun}: {} is a {}, not a {}; correct the date or leave the \
                 weekday out",
                date.format("%-d %B %Y"),
                date.format("%A"),
                weekday_name(typed_day)
            ),
            Fault::BadTime(why) => {
                let why = why.unwrap_or_else(|| "the time is not HH:MM (24-hour)".to_owned());
                format!("{quoted} is not {noun}: {why}; expected {expected}")
            }
            Fault::NoTime => format!("{quoted} has no time; expected {expected}"),
        }
    }
}

/// Text with surrounding whitespace, byte order marks and zero-width spaces removed.
fn clean(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}'))
}

/// Whether text is a spreadsheet's serial number for a date in living memory (five digits, perhaps
/// with a fraction of a day).
fn is_serial(text: &str) -> bool {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, "0"));
    whole.len() == 5
        && whole.chars().all(|c| c.is_ascii_digit())
        && !fraction.is_empty()
        && fraction.chars().all(|c| c.is_ascii_digit())
}

/// A date, a space or `T`, and perhaps a clock time; a date alone has no time.
fn date_and_maybe_time(text: &str) -> Result<(NaiveDate, Option<NaiveTime>), Fault> {
    if text.is_empty() {
        return Err(Fault::Empty);
    }
    if is_serial(text) {
        return Err(Fault::Serial);
    }
    let split = text
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || c == 'T');
    if let Some((at, separator)) = split {
        let (day, time) = (&text[..at], clean(&text[at + separator.len_utf8()..]));
        if looks_like_clock(time) {
            let day = date(clean(day).trim_end_matches(','))?;
            let time = clock(time).map_err(Fault::BadTime)?;
            return Ok((day, Some(time)));
        }
    }
    date(text).map(|d| (d, None))
}

/// Whether text is shaped like a clock time (digits and colons, at least one colon).
fn looks_like_clock(text: &str) -> bool {
    text.contains(':') && text.chars().all(|c| c.is_ascii_digit() || c == ':')
}

/// `H:MM`, `HH:MM` or `HH:MM:SS`, 24-hour; the error says why when the numbers are out of range.
fn clock(text: &str) -> Result<NaiveTime, Option<String>> {
    let parts: Vec<&str> = text.split(':').collect();
    let digits = |p: &str, lengths: &[usize]| {
        lengths.contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit())
    };
    let shaped = match parts.as_slice() {
        [h, m] => digits(h, &[1, 2]) && digits(m, &[2]),
        [h, m, s] => digits(h, &[1, 2]) && digits(m, &[2]) && digits(s, &[2]),
        _ => false,
    };
    if !shaped {
        return Err(None);
    }
    let number = |i: usize| parts.get(i).map_or(Ok(0), |p| p.parse::<u32>());
    let (Ok(h), Ok(m), Ok(s)) = (number(0), number(1), number(2)) else {
        return Err(None);
    };
    if h > 23 {
        return Err(Some(format!("there is no hour {h} (00 to 23)")));
    }
    if m > 59 {
        return Err(Some(format!("there is no minute {m} (00 to 59)")));
    }
    if s > 59 {
        return Err(Some(format!("there is no second {s} (00 to 59)")));
    }
    NaiveTime::from_hms_opt(h, m, s).ok_or(None)
}

/// A date in any accepted form; `text` is already cleaned.
fn date(text: &str) -> Result<NaiveDate, Fault> {
    if text.is_empty() {
        return Err(Fault::Empty);
    }
    if is_serial(text) {
        return Err(Fault::Serial);
    }
    let (weekday, rest) = leading_weekday(text);
    let found = if rest.starts_with(|c: char| c.is_ascii_digit())
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '/' | '-' | '.'))
    {
        numeric_date(rest)?
    } else {
        written_date(rest)?
    };
    match weekday {
        Some(day) if day != found.weekday() => Err(Fault::WrongWeekday(found, day)),
        _ => Ok(found),
    }
}

/// A weekday name at the start (`Fri`, `Friday`, `Fri,`), and the rest.
fn leading_weekday(text: &str) -> (Option<Weekday>, &str) {
    let end = text
        .find(|c: char| c.is_whitespace() || c == ',')
        .unwrap_or(text.len());
    match weekday(&text[..end]) {
        Some(day) => {
            let rest = text[end..].trim_start_matches(|c: char| c.is_whitespace() || c == ',');
            (Some(day), rest)
        }
        None => (None, text),
    }
}

/// `YYYY-MM-DD` (or with `/` or `.`), or day first `DD/MM/YYYY` (or with `-` or `.`).
fn numeric_date(text: &str) -> Result<NaiveDate, Fault> {
    let Some(separator) = text.chars().find(|c| !c.is_ascii_digit()) else {
        return Err(Fault::Unrecognised);
    };
    let parts: Vec<&str> = text.split(separator).collect();
    let [a, b, c] = parts.as_slice() else {
        let day_and_month = matches!(parts.as_slice(), [d, m]
            if (1..=2).contains(&d.len()) && (1..=2).contains(&m.len()));
        return Err(if day_and_month {
            Fault::NoYear
        } else {
            Fault::Unrecognised
        });
    };
    if [a, b, c]
        .iter()
        .any(|p| p.is_empty() || !p.chars().all(|ch| ch.is_ascii_digit()))
    {
        return Err(Fault::Unrecognised);
    }
    let short = |p: &str| p.len() <= 2;
    let value = |p: &str| p.parse::<u32>().map_err(|_| Fault::Unrecognised);
    if a.len() == 4 && short(b) && short(c) {
        let year = i32::try_from(value(a)?).map_err(|_| Fault::Unrecognised)?;
        return ymd(year, value(b)?, value(c)?);
    }
    if short(a) && short(b) && c.len() == 4 {
        let (day, month) = (value(a)?, value(b)?);
        let year = i32::try_from(value(c)?).map_err(|_| Fault::Unrecognised)?;
        if month > 12
            && let Some(month_first) = NaiveDate::from_ymd_opt(year, day, month)
        {
            return Err(Fault::MonthFirst(month_first));
        }
        return ymd(year, month, day);
    }
    if short(a) && short(b) && short(c) {
        return Err(Fault::ShortYear);
    }
    Err(Fault::Unrecognised)
}

/// `7 May 2027`, `7th May 2027`, `07 September 2027`: day, month name, year.
fn written_date(text: &str) -> Result<NaiveDate, Fault> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let [day, month_name, year] = words.as_slice() else {
        return Err(match words.as_slice() {
            [_, name] if month(name).is_some() => Fault::NoYear,
            _ => Fault::Unrecognised,
        });
    };
    let day = strip_ordinal(day);
    let Some(month) = month(month_name) else {
        return Err(Fault::Unrecognised);
    };
    let digits = |p: &str, max: usize| {
        !p.is_empty() && p.len() <= max && p.chars().all(|c| c.is_ascii_digit())
    };
    if !digits(day, 2) || !digits(year, 4) {
        return Err(Fault::Unrecognised);
    }
    if year.len() == 2 {
        return Err(Fault::ShortYear);
    }
    if year.len() != 4 {
        return Err(Fault::Unrecognised);
    }
    let day = day.parse::<u32>().map_err(|_| Fault::Unrecognised)?;
    let year = year.parse::<i32>().map_err(|_| Fault::Unrecognised)?;
    ymd(year, month, day)
}

/// A day number without its ordinal suffix (`7th` is `7`).
fn strip_ordinal(day: &str) -> &str {
    let lower = day.to_ascii_lowercase();
    ["st", "nd", "rd", "th"]
        .iter()
        .find(|s| lower.ends_with(*s))
        .map_or(day, |s| &day[..day.len() - s.len()])
}

/// The date, or why there is no such day.
fn ymd(year: i32, month: u32, day: u32) -> Result<NaiveDate, Fault> {
    if !(1..=12).contains(&month) {
        return Err(Fault::NoSuchDay(format!("there is no month {month}")));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        let first = NaiveDate::from_ymd_opt(year, month, 1);
        let next = first.and_then(|f| f.checked_add_months(chrono::Months::new(1)));
        match (first, next) {
            (Some(first), Some(next)) => Fault::NoSuchDay(format!(
                "{} has {} days",
                first.format("%B %Y"),
                (next - first).num_days()
            )),
            _ => Fault::Unrecognised,
        }
    })
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month by its name or an abbreviation of at least three letters (`Sep`, `Sept`), any case.
fn month(name: &str) -> Option<u32> {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    let index = MONTHS
        .iter()
        .position(|m| name.len() >= 3 && m.starts_with(&name))?;
    u32::try_from(index + 1).ok()
}

const WEEKDAYS: [(Weekday, &str); 7] = [
    (Weekday::Mon, "monday"),
    (Weekday::Tue, "tuesday"),
    (Weekday::Wed, "wednesday"),
    (Weekday::Thu, "thursday"),
    (Weekday::Fri, "friday"),
    (Weekday::Sat, "saturday"),
    (Weekday::Sun, "sunday"),
];

/// A weekday by its name or an abbreviation of at least three letters (`Thu`, `Thurs`), any case.
fn weekday(name: &str) -> Option<Weekday> {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    WEEKDAYS
        .iter()
        .find(|(_, full)| name.len() >= 3 && full.starts_with(&name))
        .map(|&(day, _)| day)
}

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

#[cfg(test)]
mod tests;
