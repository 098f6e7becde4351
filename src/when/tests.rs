use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> NaiveDateTime {
    day(y, m, d).and_hms_opt(h, min, s).unwrap()
}

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

#[test]
fn dates_are_read_iso_day_first_and_written_out() {
    for typed in [
        "2027-05-07",
        "2027-5-7",
        "07/05/2027",
        "7/5/2027",
        "07-05-2027",
        "07.05.2027",
        "7 May 2027",
        "07 May 2027",
        "7th May 2027",
        "Fri 7 May 2027",
        "Friday 7 May 2027",
        "fri, 7 may 2027",
        "Fri 07/05/2027",
        "7 May, 2027",
    ] {
        assert_eq!(parse_date(typed), Ok(day(2027, 5, 7)), "{typed}");
    }
    assert_eq!(parse_date("30 Sept 2027"), Ok(day(2027, 9, 30)));
    assert_eq!(parse_date("1 September 2027"), Ok(day(2027, 9, 1)));
    assert_eq!(parse_date("Thurs 6 May 2027"), Ok(day(2027, 5, 6)));
    assert_eq!(parse_date("29 Feb 2028"), Ok(day(2028, 2, 29)));
}

#[test]
fn surrounding_whitespace_and_byte_order_marks_are_ignored() {
    for typed in [
        " 2027-05-07 ",
        "\t07/05/2027\n",
        "\u{feff}2027-05-07",
        "\u{feff} Fri 7 May 2027\u{a0}",
    ] {
        assert_eq!(parse_date(typed), Ok(day(2027, 5, 7)), "{typed:?}");
    }
    assert_eq!(
        parse_date_time("\u{feff}2027-05-07 13:00\r\n"),
        Ok(at(2027, 5, 7, 13, 0, 0))
    );
    assert_eq!(parse_optional_date(" \u{feff} "), Ok(None));
    assert_eq!(parse_optional_date(" 7/5/2027 "), Ok(Some(day(2027, 5, 7))));
}

#[test]
fn dates_are_never_read_month_first() {
    let err = parse_date("05/13/2027").unwrap_err();
    assert!(err.contains("\u{201c}05/13/2027\u{201d}"), "{err}");
    assert!(err.contains("day first (DD/MM/YYYY)"), "{err}");
    assert!(
        err.contains("13/05/2027"),
        "suggests the day-first form: {err}"
    );
    // Where both readings are dates, the day-first one is the date.
    assert_eq!(parse_date("05/06/2027"), Ok(day(2027, 6, 5)));
    assert!(
        parse_date_time("05/13/2027 10:00")
            .unwrap_err()
            .contains("day first")
    );
    // A month name first is not a UK date either.
    assert!(parse_date("May 7 2027").is_err());
}

#[test]
fn two_digit_years_are_refused_with_a_hint() {
    for typed in ["07/05/27", "7/5/27", "7 May 27", "27-05-07"] {
        let err = parse_date(typed).unwrap_err();
        assert!(err.contains("two-digit year"), "{typed}: {err}");
        assert!(err.contains("2027"), "{typed}: {err}");
    }
    let err = parse_date_time("07/05/27 22:45").unwrap_err();
    assert!(err.contains("two-digit year"), "{err}");
}

#[test]
fn spreadsheet_serial_numbers_are_refused_with_the_column_hint() {
    let err = parse_date("46513").unwrap_err();
    assert!(err.contains("serial number"), "{err}");
    assert!(err.contains("format the column as yyyy-mm-dd"), "{err}");
    let err = parse_date_time("46514.5").unwrap_err();
    assert!(err.contains("serial number"), "{err}");
    assert!(err.contains("yyyy-mm-dd hh:mm"), "{err}");
    // Other numbers are simply not dates.
    let err = parse_date("7").unwrap_err();
    assert!(!err.contains("serial"), "{err}");
}

#[test]
fn errors_say_what_was_typed_what_is_expected_and_give_an_example() {
    let err = parse_date("6 Mya 2027").unwrap_err();
    assert!(
        err.starts_with("\u{201c}6 Mya 2027\u{201d} is not a date"),
        "{err}"
    );
    assert!(err.contains("expected YYYY-MM-DD or DD/MM/YYYY"), "{err}");
    assert!(err.contains("e.g. 2027-05-07"), "{err}");
    let err = parse_date("2027-02-30").unwrap_err();
    assert!(err.contains("February 2027 has 28 days"), "{err}");
    assert!(err.contains("expected YYYY-MM-DD"), "{err}");
    let err = parse_date("2027-13-01").unwrap_err();
    assert!(err.contains("there is no month 13"), "{err}");
    let err = parse_date("").unwrap_err();
    assert!(
        err.contains("a date is required; expected YYYY-MM-DD"),
        "{err}"
    );
    let err = parse_date("Thu 7 May 2027").unwrap_err();
    assert!(
        err.contains("7 May 2027 is a Friday, not a Thursday"),
        "{err}"
    );
    let err = parse_date_time("2027-05-07 25:00").unwrap_err();
    assert!(err.contains("is not a date and time"), "{err}");
    assert!(err.contains("there is no hour 25"), "{err}");
    assert!(err.contains("YYYY-MM-DD HH:MM"), "{err}");
    let err = parse_date_time("2027-05-07").unwrap_err();
    assert!(err.contains("has no time"), "{err}");
    assert!(parse_date("7 May").unwrap_err().contains("has no year"));
    assert!(parse_date("07/05").unwrap_err().contains("has no year"));
    assert!(
        parse_date_time("7 May 10:00")
            .unwrap_err()
            .contains("has no year")
    );
    assert!(
        parse_date_time("2027-05-07 10:60")
            .unwrap_err()
            .contains("no minute 60")
    );
    assert!(
        parse_clock_time("24:00")
            .unwrap_err()
            .contains("no hour 24")
    );
    assert!(
        parse_clock_time("noon")
            .unwrap_err()
            .contains("expected HH:MM")
    );
}

#[test]
fn date_times_take_every_form_the_command_line_and_csv_took() {
    let expected = at(2027, 5, 6, 22, 45, 0);
    for typed in [
        "2027-05-06 22:45",
        "2027-05-06 22:45:00",
        "2027-05-06T22:45",
        "2027-05-06T22:45:00",
        "06/05/2027 22:45",
        "06/05/2027 22:45:00",
        "6/5/2027 22:45",
        "Thu 6 May 2027 22:45",
        "6 May 2027 22:45",
        "06/05/2027, 22:45",
        "2027-05-06  22:45",
    ] {
        assert_eq!(parse_date_time(typed), Ok(expected), "{typed}");
    }
    assert_eq!(
        parse_date_time("2027-05-07 13:05:30"),
        Ok(at(2027, 5, 7, 13, 5, 30))
    );
    assert_eq!(
        parse_date_time("2027-05-07 9:30"),
        Ok(at(2027, 5, 7, 9, 30, 0))
    );
}

#[test]
fn a_moment_alone_is_the_start_of_its_day() {
    assert_eq!(parse_moment("2029-03-01"), Ok(at(2029, 3, 1, 0, 0, 0)));
    assert_eq!(parse_moment("1/3/2029"), Ok(at(2029, 3, 1, 0, 0, 0)));
    assert_eq!(
        parse_moment("2027-05-07T12:00"),
        Ok(at(2027, 5, 7, 12, 0, 0))
    );
    assert_eq!(
        parse_moment("2027-05-07 12:00:30"),
        Ok(at(2027, 5, 7, 12, 0, 30))
    );
    let err = parse_moment("soon").unwrap_err();
    assert!(err.contains("is not a date or time"), "{err}");
}

#[test]
fn a_clock_time_falls_at_or_after_the_last_event_and_closest_to_it() {
    let last = at(2027, 5, 6, 22, 10, 0);
    assert_eq!(
        resolve_clock_time(time(1, 30), last),
        at(2027, 5, 7, 1, 30, 0),
        "after midnight is the next day"
    );
    assert_eq!(
        resolve_clock_time(time(22, 30), last),
        at(2027, 5, 6, 22, 30, 0)
    );
    assert_eq!(
        resolve_clock_time(time(22, 10), last),
        last,
        "the same moment"
    );
    assert_eq!(
        resolve_clock_time(time(22, 9), last),
        at(2027, 5, 7, 22, 9, 0),
        "a minute before is the next day"
    );
    assert_eq!(
        resolve_clock_time(time(22, 10), at(2027, 5, 6, 22, 10, 40)),
        at(2027, 5, 6, 22, 10, 0),
        "the same minute is not a day later"
    );
}

#[test]
fn quick_entry_reads_blank_clock_times_and_full_date_times() {
    let now = at(2027, 5, 7, 9, 15, 0) + chrono::Duration::milliseconds(250);
    let last = Some(at(2027, 5, 6, 22, 10, 0));
    assert_eq!(
        parse_entry_time("", last, now),
        Ok(at(2027, 5, 7, 9, 15, 0)),
        "blank is now, to the second"
    );
    assert_eq!(
        parse_entry_time(" 01:30 ", last, now),
        Ok(at(2027, 5, 7, 1, 30, 0))
    );
    assert_eq!(
        parse_entry_time("22:30", last, now),
        Ok(at(2027, 5, 6, 22, 30, 0))
    );
    assert_eq!(
        parse_entry_time("8:05", None, now),
        Ok(at(2027, 5, 7, 8, 5, 0)),
        "nothing before it: today"
    );
    assert_eq!(
        parse_entry_time("2027-05-05 23:00", last, now),
        Ok(at(2027, 5, 5, 23, 0, 0)),
        "a full date and time is taken as typed"
    );
    assert_eq!(
        parse_entry_time("Fri 7 May 2027 02:00", last, now),
        Ok(at(2027, 5, 7, 2, 0, 0))
    );
    let err = parse_entry_time("25:00", last, now).unwrap_err();
    assert!(err.contains("no hour 25") && err.contains("HH:MM"), "{err}");
    let err = parse_entry_time("2027-05-07", last, now).unwrap_err();
    assert!(err.contains("has no time"), "{err}");
    let err = parse_entry_time("later", last, now).unwrap_err();
    assert!(
        err.contains("is not a time") && err.contains("blank for now"),
        "{err}"
    );
}

#[test]
fn display_forms_read_back() {
    assert_eq!(display_date(day(2027, 5, 6)), "Thu 6 May 2027");
    assert_eq!(
        display_date_time(at(2027, 5, 6, 22, 45, 0)),
        "Thu 6 May 2027 22:45"
    );
    assert_eq!(display_date(day(2027, 12, 25)), "Sat 25 Dec 2027");
    assert_eq!(display_short_date(day(2027, 5, 6)), "6 May 2027");
    let mut d = day(2027, 1, 1);
    while d < day(2029, 1, 1) {
        assert_eq!(parse_date(&display_date(d)), Ok(d), "{d}");
        assert_eq!(parse_date(&display_short_date(d)), Ok(d), "{d}");
        let t = d.and_hms_opt(23, 59, 0).unwrap();
        assert_eq!(parse_date_time(&display_date_time(t)), Ok(t), "{t}");
        assert_eq!(parse_moment(&display_date_time(t)), Ok(t), "{t}");
        assert_eq!(
            parse_moment(&display_date(d)),
            Ok(d.and_time(NaiveTime::MIN))
        );
        d = d.succ_opt().unwrap();
    }
}

#[test]
fn uk_clock_times_become_utc_across_both_changes() {
    // 2027: summer time from 01:00 UTC on Sunday 28 March to 01:00 UTC on Sunday 31 October.
    let utc = |y, mo, d, h, mi| uk_to_utc(at(y, mo, d, h, mi, 0));
    assert_eq!(utc(2027, 3, 28, 0, 59), at(2027, 3, 28, 0, 59, 0), "GMT");
    assert_eq!(
        utc(2027, 3, 28, 1, 30),
        at(2027, 3, 28, 1, 30, 0),
        "skipped: read as GMT"
    );
    assert_eq!(
        utc(2027, 3, 28, 2, 0),
        at(2027, 3, 28, 1, 0, 0),
        "BST begins"
    );
    assert_eq!(
        utc(2027, 5, 6, 22, 0),
        at(2027, 5, 6, 21, 0, 0),
        "polls close"
    );
    assert_eq!(
        utc(2027, 10, 31, 1, 30),
        at(2027, 10, 31, 0, 30, 0),
        "repeated: first"
    );
    assert_eq!(
        utc(2027, 10, 31, 2, 0),
        at(2027, 10, 31, 2, 0, 0),
        "GMT again"
    );
    assert_eq!(
        utc(2027, 12, 9, 16, 0),
        at(2027, 12, 9, 16, 0, 0),
        "winter poll"
    );
    // 2026: the changes fall on 29 March and 25 October.
    assert_eq!(utc(2026, 3, 29, 12, 0), at(2026, 3, 29, 11, 0, 0));
    assert_eq!(utc(2026, 10, 25, 12, 0), at(2026, 10, 25, 12, 0, 0));
    assert_eq!(utc(2026, 10, 24, 12, 0), at(2026, 10, 24, 11, 0, 0));
}
