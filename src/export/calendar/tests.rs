#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, NaiveTime};

use super::*;
use crate::model::{LocalMilestone, LocalMilestoneId};
use crate::test_support::valid_plan;

/// One entry read back: its properties by name (parameters kept in the name, e.g.
/// `DTSTART;VALUE=DATE`), the last value of each.
type Read = BTreeMap<String, String>;

/// The entries of a calendar, unfolded and split into properties.
fn read(text: &str) -> Vec<Read> {
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "folded at 75 octets: {line:?}");
    }
    let unfolded = text.replace("\r\n ", "");
    let mut out = Vec::new();
    let mut current: Option<Read> = None;
    let mut depth = 0;
    for line in unfolded.split("\r\n") {
        match line {
            "BEGIN:VEVENT" => current = Some(Read::new()),
            "END:VEVENT" => out.push(current.take().unwrap()),
            "BEGIN:VALARM" => depth += 1,
            "END:VALARM" => depth -= 1,
            _ => {
                if let (Some(c), 0) = (current.as_mut(), depth)
                    && let Some((name, value)) = line.split_once(':')
                {
                    let value = value
                        .replace("\\n", "\n")
                        .replace("\\,", ",")
                        .replace("\\;", ";")
                        .replace("\\\\", "\\");
                    c.insert(name.to_owned(), value);
                }
            }
        }
    }
    out
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The test plan with two local milestones either side of the change to summer time (28 March
/// 2027), one with a reminder.
fn plan() -> Plan {
    let mut plan = valid_plan();
    assert_eq!(plan.overview.poll_date, date(2027, 5, 6));
    plan.key_dates.milestones = vec![
        LocalMilestone {
            id: LocalMilestoneId::new(),
            date: date(2027, 3, 20),
            time: NaiveTime::from_hms_opt(12, 0, 0),
            label: "Venue walk-through, winter time".to_owned(),
            reminder_minutes: Some(30),
        },
        LocalMilestone {
            id: LocalMilestoneId::new(),
            date: date(2027, 4, 12),
            time: NaiveTime::from_hms_opt(12, 0, 0),
            label: "Ballot paper proofs signed off".to_owned(),
            reminder_minutes: None,
        },
    ];
    plan
}

fn by_summary<'a>(entries: &'a [Read], summary: &str) -> &'a Read {
    let found: Vec<&Read> = entries.iter().filter(|e| e["SUMMARY"] == summary).collect();
    assert_eq!(found.len(), 1, "{summary} once");
    found[0]
}

#[test]
fn every_milestone_review_and_local_milestone_is_there_once() {
    let plan = plan();
    let text = key_dates_ics(&plan, Profile::Full, &Previous::default());
    let entries = read(&text);
    let uids: std::collections::BTreeSet<&String> = entries.iter().map(|e| &e["UID"]).collect();
    assert_eq!(uids.len(), entries.len(), "every UID is unique");
    let tables = crate::timetable::contest_timetables(&plan);
    let mut statutory = 0;
    for column in &tables.columns {
        let timetable = column.timetable.as_ref().unwrap();
        for entry in &timetable.entries {
            statutory += 1;
            let label = entry.milestone.label();
            assert!(
                entries.iter().any(|e| e["SUMMARY"].starts_with(label)),
                "{label}"
            );
        }
    }
    assert!(statutory >= 8);
    let category = |c: &str| entries.iter().filter(|e| e["CATEGORIES"] == c).count();
    assert_eq!(category("Statutory deadline"), statutory);
    assert!(!plan.key_dates.reviews.is_empty());
    for r in &plan.key_dates.reviews {
        by_summary(&entries, &format!("Plan review: {}", r.purpose));
    }
    assert_eq!(category("Plan review"), plan.key_dates.reviews.len());
    assert_eq!(category("Local milestone"), 2);
    assert_eq!(category("Electoral event"), plan.events.len());
    // One repeating entry per phase of each line (not one per check-in).
    let phases: usize = plan
        .communication
        .iter()
        .flat_map(|l| &l.schedule)
        .filter(|p| p.cadence != Cadence::AsNeeded)
        .count();
    assert!(phases > 0);
    assert_eq!(category("Communication check-in"), phases);
    assert!(
        entries
            .iter()
            .filter(|e| e["CATEGORIES"] == "Communication check-in")
            .all(|e| e["RRULE"].contains("UNTIL="))
    );
}

#[test]
fn times_are_right_on_both_sides_of_the_change_to_summer_time() {
    let entries = read(&key_dates_ics(&plan(), Profile::Full, &Previous::default()));
    // 12:00 on 20 March is GMT: 12:00 UTC. 12:00 on 12 April is BST: 11:00 UTC.
    let winter = by_summary(&entries, "Venue walk-through, winter time");
    assert_eq!(winter["DTSTART"], "20270320T120000Z");
    assert_eq!(winter["DTEND"], "20270320T121500Z");
    assert_eq!(
        winter["TRANSP"], "TRANSPARENT",
        "a deadline does not block a diary"
    );
    let summer = by_summary(&entries, "Ballot paper proofs signed off");
    assert_eq!(summer["DTSTART"], "20270412T110000Z");
    // Close of nominations: 4pm (BST) on Thursday 8 April 2027 is 15:00 UTC.
    let close = entries
        .iter()
        .find(|e| e["SUMMARY"].starts_with("Close of nominations"))
        .unwrap();
    assert_eq!(close["DTSTART"], "20270408T150000Z");
    // A milestone with no statutory time is an all-day entry.
    let notice = entries
        .iter()
        .find(|e| e["SUMMARY"].starts_with("Notice of election (latest)"))
        .unwrap();
    assert!(notice.contains_key("DTSTART;VALUE=DATE"), "{notice:?}");
    // The reminder is carried to a VALARM.
    let text = key_dates_ics(&plan(), Profile::Full, &Previous::default());
    assert!(text.contains("TRIGGER:-PT30M"));
}

#[test]
fn the_file_is_reproducible_and_uids_survive_a_new_poll_date() {
    let plan = plan();
    let first = key_dates_ics(&plan, Profile::Full, &Previous::default());
    assert_eq!(
        first,
        key_dates_ics(&plan, Profile::Full, &Previous::default())
    );
    let mut moved = plan;
    moved.overview.poll_date += Duration::days(7);
    for c in &mut moved.overview.contests {
        c.poll_date += Duration::days(7);
    }
    let again = key_dates_ics(&moved, Profile::Full, &Previous::read(&first));
    let uids = |text: &str| {
        read(text)
            .into_iter()
            .filter(|e| e["CATEGORIES"] == "Statutory deadline")
            .map(|e| {
                let start = e.get("DTSTART").or(e.get("DTSTART;VALUE=DATE")).unwrap();
                (e["UID"].clone(), e["SEQUENCE"].clone(), start.clone())
            })
            .collect::<Vec<_>>()
    };
    let (before, after) = (uids(&first), uids(&again));
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b.0, a.0, "the same UID after the poll moved");
        assert_ne!(b.2, a.2, "the date moved");
        assert_eq!(
            (b.1.as_str(), a.1.as_str()),
            ("0", "1"),
            "a changed entry's sequence rises"
        );
    }
    // Unchanged entries keep their sequence.
    let third = key_dates_ics(&moved, Profile::Full, &Previous::read(&again));
    assert_eq!(uids(&third), after);
}

#[test]
fn a_removed_review_is_cancelled_with_a_higher_sequence() {
    let plan = plan();
    let first = key_dates_ics(&plan, Profile::Full, &Previous::default());
    let gone = plan.key_dates.reviews[0].clone();
    let mut fewer = plan.clone();
    fewer.key_dates.reviews.remove(0);
    let second = key_dates_ics(&fewer, Profile::Full, &Previous::read(&first));
    let entries = read(&second);
    let uid = format!("{}-review-{}@integrity-planner", plan.id, gone.id);
    let cancelled: Vec<&Read> = entries.iter().filter(|e| e["UID"] == uid).collect();
    assert_eq!(cancelled.len(), 1);
    assert_eq!(cancelled[0]["STATUS"], "CANCELLED");
    assert_eq!(cancelled[0]["SEQUENCE"], "1");
    // Once cancelled, it is not written again.
    let third = key_dates_ics(&fewer, Profile::Full, &Previous::read(&second));
    assert!(!third.contains(&uid));
}

#[test]
fn the_redacted_calendar_leaves_out_names_and_addresses() {
    let plan = plan();
    let full = key_dates_ics(&plan, Profile::Full, &Previous::default()).replace("\r\n ", "");
    let redacted =
        key_dates_ics(&plan, Profile::Redacted, &Previous::default()).replace("\r\n ", "");
    let mut withheld = 0;
    for p in &plan.people {
        if full.contains(&p.name) {
            withheld += 1;
            assert!(!redacted.contains(&p.name), "{} withheld", p.name);
        }
    }
    for v in &plan.venues.venues {
        let address = v.address.replace(',', "\\,");
        if !v.address.trim().is_empty() && full.contains(&address) {
            withheld += 1;
            assert!(!redacted.contains(&address), "{} withheld", v.address);
        }
    }
    assert!(withheld > 0, "the full calendar names someone or somewhere");
}

#[test]
fn the_redacted_calendar_never_shows_what_the_redacted_plan_withholds() {
    let mut plan = plan();
    // A venue withheld from the redacted copy: its name is not in the calendar either.
    let venue = plan.events.iter().find_map(|e| e.venue).unwrap();
    let v = plan
        .venues
        .venues
        .iter_mut()
        .find(|v| v.id == venue)
        .unwrap();
    v.handling = crate::model::Handling::FullCopyOnly;
    let name = v.name.clone();
    let full = key_dates_ics(&plan, Profile::Full, &Previous::default()).replace("\r\n ", "");
    let redacted =
        key_dates_ics(&plan, Profile::Redacted, &Previous::default()).replace("\r\n ", "");
    assert!(full.contains(&name.replace(',', "\\,")), "{name}");
    assert!(
        !redacted.contains(&name.replace(',', "\\,")),
        "{name} withheld"
    );
}
