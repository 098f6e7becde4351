//! The plan's key dates as an iCalendar file (RFC 5545) for Outlook and other calendars: each
//! contest's statutory milestones, plan reviews, local milestones, communication check-ins (one
//! repeating entry per cadence phase) and electoral events.
//!
//! - Deadlines the law sets a time for are short timed entries shown as free, so they never block a
//!   diary; milestones without a time are all-day entries, also free. Electoral events are busy.
//! - Every time is written in UTC (converted from UK clock time with [`crate::when::uk_to_utc`]), so
//!   no calendar has to know Europe/London's rules and nothing shifts across the change to British
//!   Summer Time (Outlook shifts a `TZID` that comes without its `VTIMEZONE`).
//! - The file is reproducible: `DTSTAMP` is the plan's document date, and each `UID` is derived from
//!   the plan's stable id and the entity's id (or the contest's election and the milestone's key),
//!   so a new poll date moves an entry rather than making a new one.
//! - The redacted profile is cut from the plan by [`crate::model::redact::redact`], as the PDF is,
//!   and also leaves out people's names and venue addresses.
//! - Given the previous export, an entry that changed gets a higher `SEQUENCE`, and one that has
//!   gone (a review deleted) is written once more as `STATUS:CANCELLED` with a higher `SEQUENCE`,
//!   so a calendar that subscribes to or re-imports the file removes it.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use sha2::{Digest, Sha256};

use super::Profile;
use crate::model::{Cadence, EventKind, Plan};
use crate::when::uk_to_utc;

/// The product identifier written in every file.
const PRODID: &str = "-//Election Integrity Planner//Key dates//EN";

/// How long a timed deadline is shown for: short, so it marks the moment without filling a diary.
const DEADLINE_MINUTES: i64 = 15;

/// The private property that carries an entry's content digest, so the next export can tell a
/// changed entry from an unchanged one.
const DIGEST: &str = "X-INTEGRITY-PLANNER-DIGEST";

/// When an entry happens.
#[derive(Clone, Debug, PartialEq, Eq)]
enum When {
    /// An all-day entry.
    Day(NaiveDate),
    /// From a UK clock time, for a number of minutes.
    Timed { start: NaiveDateTime, minutes: i64 },
}

/// One calendar entry before it is written.
#[derive(Clone, Debug)]
struct Entry {
    uid: String,
    summary: String,
    description: String,
    location: String,
    when: When,
    /// Shown as busy (an event people attend) rather than free (a deadline or milestone).
    busy: bool,
    /// `RRULE` value, for check-ins.
    repeat: Option<String>,
    /// A reminder this many minutes before.
    reminder: Option<u32>,
    category: &'static str,
}

impl Entry {
    /// The digest of everything a calendar shows, for telling whether the entry changed.
    fn digest(&self) -> String {
        let mut text = String::new();
        let _ = write!(
            text,
            "{}\u{1f}{}\u{1f}{}\u{1f}{:?}\u{1f}{}\u{1f}{:?}\u{1f}{:?}\u{1f}{}",
            self.summary,
            self.description,
            self.location,
            self.when,
            self.busy,
            self.repeat,
            self.reminder,
            self.category
        );
        let hash = Sha256::digest(text.as_bytes());
        hash.iter().take(8).fold(String::new(), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
    }
}

/// What an earlier export held: each entry's sequence and digest, and whether it was cancelled.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Previous {
    entries: BTreeMap<String, (u32, String, bool)>,
}

impl Previous {
    /// The export at `path`, about to be replaced: its entries' sequences are carried on. A file
    /// that is missing, unreadable or not text carries nothing on (and is replaced whole).
    pub fn at(path: &std::path::Path) -> Previous {
        std::fs::read(path)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .map(|text| Previous::read(&text))
            .unwrap_or_default()
    }

    /// Reads an earlier export (anything else reads as empty: a calendar this program did not write
    /// has no entries of its own to carry on).
    pub fn read(text: &str) -> Previous {
        let mut entries = BTreeMap::new();
        let unfolded = text.replace("\r\n ", "").replace("\n ", "");
        let mut current: Option<(String, u32, String, bool)> = None;
        for line in unfolded.lines() {
            let line = line.trim_end_matches('\r');
            if line == "BEGIN:VEVENT" {
                current = Some((String::new(), 0, String::new(), false));
            } else if line == "END:VEVENT" {
                if let Some((uid, seq, digest, cancelled)) = current.take()
                    && !uid.is_empty()
                {
                    entries.insert(uid, (seq, digest, cancelled));
                }
            } else if let Some(c) = current.as_mut() {
                if let Some(v) = line.strip_prefix("UID:") {
                    c.0 = v.to_owned();
                } else if let Some(v) = line.strip_prefix("SEQUENCE:") {
                    c.1 = v.trim().parse().unwrap_or(0);
                } else if let Some(v) = line.strip_prefix(&format!("{DIGEST}:")) {
                    c.2 = v.to_owned();
                } else if line == "STATUS:CANCELLED" {
                    c.3 = true;
                }
            }
        }
        Previous { entries }
    }
}

/// The plan's key dates as an iCalendar file. `previous` is the last export of the same calendar,
/// if there is one: changed entries get a higher `SEQUENCE`, and entries it held that are gone are
/// written as cancelled. The same plan, profile and previous file give the same bytes.
pub fn key_dates_ics(plan: &Plan, profile: Profile, previous: &Previous) -> String {
    // The copy for `profile`, as the model's one redaction function gives it: whatever the
    // redacted PDF withholds, the calendar never sees; it then also leaves out names and addresses.
    let copy = crate::model::redact::redact(plan, profile);
    let plan = &copy.plan;
    let entries = entries(plan, profile);
    let stamp = super::plan::document_date(plan).and_time(NaiveTime::MIN);
    let mut out = Lines::default();
    out.push("BEGIN:VCALENDAR");
    out.push("VERSION:2.0");
    out.push(&format!("PRODID:{PRODID}"));
    out.push("CALSCALE:GREGORIAN");
    out.push("METHOD:PUBLISH");
    let name = match profile {
        Profile::Full => format!("Key dates: {}", plan.overview.title),
        Profile::Redacted => format!("Key dates (redacted): {}", plan.overview.title),
    };
    out.property("X-WR-CALNAME", &name);
    let mut written = std::collections::BTreeSet::new();
    for e in &entries {
        let digest = e.digest();
        let sequence = match previous.entries.get(&e.uid) {
            Some((seq, old, cancelled)) if *old == digest && !cancelled => *seq,
            Some((seq, _, _)) => seq + 1,
            None => 0,
        };
        written.insert(e.uid.clone());
        out.push("BEGIN:VEVENT");
        out.push(&format!("UID:{}", e.uid));
        out.push(&format!("DTSTAMP:{}", utc(stamp)));
        out.push(&format!("SEQUENCE:{sequence}"));
        match e.when {
            When::Day(d) => {
                out.push(&format!("DTSTART;VALUE=DATE:{}", d.format("%Y%m%d")));
                let next = d + Duration::days(1);
                out.push(&format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")));
            }
            When::Timed { start, minutes } => {
                out.push(&format!("DTSTART:{}", utc(uk_to_utc(start))));
                let end = start + Duration::minutes(minutes);
                out.push(&format!("DTEND:{}", utc(uk_to_utc(end))));
            }
        }
        if let Some(rule) = &e.repeat {
            out.push(&format!("RRULE:{rule}"));
        }
        out.property("SUMMARY", &e.summary);
        if !e.description.is_empty() {
            out.property("DESCRIPTION", &e.description);
        }
        if !e.location.is_empty() {
            out.property("LOCATION", &e.location);
        }
        out.push(&format!("CATEGORIES:{}", e.category));
        out.push(if e.busy {
            "TRANSP:OPAQUE"
        } else {
            "TRANSP:TRANSPARENT"
        });
        out.push("CLASS:PRIVATE");
        out.push(&format!("{DIGEST}:{digest}"));
        if let Some(minutes) = e.reminder {
            out.push("BEGIN:VALARM");
            out.push("ACTION:DISPLAY");
            out.property("DESCRIPTION", &e.summary);
            out.push(&format!("TRIGGER:-PT{minutes}M"));
            out.push("END:VALARM");
        }
        out.push("END:VEVENT");
    }
    // Entries the last export held that are gone: cancelled, once more, so calendars remove them.
    for (uid, (seq, digest, cancelled)) in &previous.entries {
        if written.contains(uid) || *cancelled {
            continue;
        }
        out.push("BEGIN:VEVENT");
        out.push(&format!("UID:{uid}"));
        out.push(&format!("DTSTAMP:{}", utc(stamp)));
        out.push(&format!("SEQUENCE:{}", seq + 1));
        out.push(&format!(
            "DTSTART;VALUE=DATE:{}",
            plan.overview.poll_date.format("%Y%m%d")
        ));
        out.push("STATUS:CANCELLED");
        out.property("SUMMARY", "Cancelled: no longer in the plan");
        out.push("TRANSP:TRANSPARENT");
        out.push(&format!("{DIGEST}:{digest}"));
        out.push("END:VEVENT");
    }
    out.push("END:VCALENDAR");
    out.text
}

/// A UTC moment in iCalendar's form.
fn utc(at: NaiveDateTime) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The entries of the calendar, in a fixed order.
fn entries(plan: &Plan, profile: Profile) -> Vec<Entry> {
    let id = plan.id;
    let mut out = Vec::new();
    statutory(plan, &mut out);
    for r in &plan.key_dates.reviews {
        let mut description = r.purpose.clone();
        if profile == Profile::Full && !r.attendees.is_empty() {
            let names: Vec<&str> = r
                .attendees
                .iter()
                .map(|p| plan.person_name(Some(*p)))
                .collect();
            let _ = write!(description, "\nAttending: {}", names.join(", "));
        }
        out.push(Entry {
            uid: format!("{id}-review-{}@integrity-planner", r.id),
            summary: format!("Plan review: {}", r.purpose),
            description,
            location: String::new(),
            when: When::Day(r.date),
            busy: false,
            repeat: None,
            reminder: r.reminder_minutes,
            category: "Plan review",
        });
    }
    for m in &plan.key_dates.milestones {
        out.push(Entry {
            uid: format!("{id}-milestone-{}@integrity-planner", m.id),
            summary: m.label.clone(),
            description: String::new(),
            location: String::new(),
            when: match m.time {
                Some(t) => When::Timed {
                    start: m.date.and_time(t),
                    minutes: DEADLINE_MINUTES,
                },
                None => When::Day(m.date),
            },
            busy: false,
            repeat: None,
            reminder: m.reminder_minutes,
            category: "Local milestone",
        });
    }
    check_ins(plan, profile, &mut out);
    for e in &plan.events {
        let venue = e.venue.and_then(|v| plan.venue(v));
        let location = match (venue, profile) {
            (Some(v), Profile::Full) if !v.address.trim().is_empty() => {
                format!("{}, {}", v.name, v.address)
            }
            (Some(v), _) => v.name.clone(),
            (None, _) => String::new(),
        };
        let minutes = e
            .end
            .map(|end| (e.date.and_time(end) - e.starts_at()).num_minutes())
            .filter(|m| *m > 0)
            .unwrap_or(60);
        let mut description = e.kind.label().to_owned();
        if profile == Profile::Full && e.in_charge.is_some() {
            let _ = write!(
                description,
                "\nIn charge: {}",
                plan.person_name(e.in_charge)
            );
        }
        out.push(Entry {
            uid: format!("{id}-event-{}@integrity-planner", e.id),
            summary: e.name.clone(),
            description,
            location,
            when: When::Timed {
                start: e.starts_at(),
                minutes,
            },
            busy: e.kind != EventKind::PollingDay,
            repeat: None,
            reminder: None,
            category: "Electoral event",
        });
    }
    out
}

/// Each contest timetable's milestones: timed where the law names a time, all-day otherwise.
fn statutory(plan: &Plan, out: &mut Vec<Entry>) {
    let id = plan.id;
    let tables = crate::timetable::contest_timetables(plan);
    let combined = tables.is_combined();
    let mut keys: BTreeMap<String, usize> = BTreeMap::new();
    for column in &tables.columns {
        let Ok(timetable) = &column.timetable else {
            continue;
        };
        // The column's key: its election and nation, numbered when two columns share them (a
        // parish poll postponed three weeks). Never the poll date, which may move.
        let base = format!("{}-{}", column.election.key(), column.nation.key());
        let n = keys.entry(base.clone()).or_insert(0);
        *n += 1;
        let key = if *n == 1 { base } else { format!("{base}-{n}") };
        for entry in &timetable.entries {
            let summary = if combined {
                format!("{} ({})", entry.milestone.label(), column.election.label())
            } else {
                entry.milestone.label().to_owned()
            };
            let mut description = format!("{} Rules: {}.", entry.source, timetable.rules.key);
            if combined {
                let _ = write!(description, "\nContests: {}", column.contest_names());
            }
            let when = match entry.time {
                Some(t) => {
                    let start = entry.date.and_time(t);
                    // A deadline at the end of the day (23:59) ends at midnight, not after it.
                    let to_midnight = (entry
                        .date
                        .succ_opt()
                        .unwrap_or(entry.date)
                        .and_time(NaiveTime::MIN)
                        - start)
                        .num_minutes();
                    When::Timed {
                        start,
                        minutes: DEADLINE_MINUTES.min(to_midnight).max(1),
                    }
                }
                None => When::Day(entry.date),
            };
            out.push(Entry {
                uid: format!(
                    "{id}-statutory-{key}-{}@integrity-planner",
                    entry.milestone.key()
                ),
                summary,
                description,
                location: String::new(),
                when,
                busy: false,
                repeat: None,
                reminder: None,
                category: "Statutory deadline",
            });
        }
    }
}

/// One repeating entry per cadence phase of each line of communication: from the phase's first day
/// until the next phase begins (or polling day ends). "As needed" has no entry.
fn check_ins(plan: &Plan, profile: Profile, out: &mut Vec<Entry>) {
    let id = plan.id;
    let poll = plan.overview.poll_date;
    for line in &plan.communication {
        let mut phases = line.schedule.clone();
        phases.sort_by_key(|p| std::cmp::Reverse(p.from_days_before_poll));
        for (k, phase) in phases.iter().enumerate() {
            let start = poll - Duration::days(i64::from(phase.from_days_before_poll));
            // The day before the next phase starts, or polling day for the last.
            let last = phases
                .get(k + 1)
                .map(|next| poll - Duration::days(i64::from(next.from_days_before_poll) + 1))
                .unwrap_or(poll);
            if last < start {
                continue;
            }
            let Some((when, rule)) = repeat(phase.cadence, start, last) else {
                continue;
            };
            let who = match profile {
                Profile::Full => format!(
                    "{} to {}",
                    plan.person_name(line.from),
                    plan.person_name(line.to)
                ),
                Profile::Redacted => String::new(),
            };
            let summary = format!(
                "Check-in ({}): {}",
                phase.cadence.label().to_lowercase(),
                line.subject
            );
            let mut description = format!("By {}.", line.channel.label().to_lowercase());
            if !who.is_empty() {
                let _ = write!(description, " {who}.");
            }
            out.push(Entry {
                uid: format!(
                    "{id}-check-in-{}-from-{}@integrity-planner",
                    line.id, phase.from_days_before_poll
                ),
                summary,
                description,
                location: String::new(),
                when,
                busy: false,
                repeat: Some(rule),
                reminder: None,
                category: "Communication check-in",
            });
        }
    }
}

/// When a phase's check-ins start and how they repeat until `last` (inclusive); `None` for "as
/// needed". Daily and slower check-ins are all-day entries; twice daily at 09:00 and 16:00; hourly
/// while the polls are open (07:00 to 22:00, Representation of the People Act 1983 Sch. 1 r. 1).
fn repeat(cadence: Cadence, start: NaiveDate, last: NaiveDate) -> Option<(When, String)> {
    let at = |h: u32| NaiveTime::from_hms_opt(h, 0, 0).unwrap_or(NaiveTime::MIN);
    // A rule's hours are in DTSTART's zone, which is UTC here: the UK hours of polling day, in UTC.
    let utc_hours = |hours: &[u32]| {
        hours
            .iter()
            .map(|h| uk_to_utc(start.and_time(at(*h))).hour().to_string())
            .collect::<Vec<_>>()
            .join(",")
    };
    let until_day = last.format("%Y%m%d");
    let until_at = |h: u32| utc(uk_to_utc(last.and_time(at(h))));
    let day = |freq: &str| Some((When::Day(start), format!("{freq};UNTIL={until_day}")));
    match cadence {
        Cadence::AsNeeded => None,
        Cadence::Monthly => day("FREQ=MONTHLY"),
        Cadence::Fortnightly => day("FREQ=WEEKLY;INTERVAL=2"),
        Cadence::Weekly => day("FREQ=WEEKLY"),
        Cadence::TwiceWeekly => day("FREQ=WEEKLY;BYDAY=MO,TH"),
        Cadence::Daily => day("FREQ=DAILY"),
        Cadence::TwiceDaily => Some((
            When::Timed {
                start: start.and_time(at(9)),
                minutes: DEADLINE_MINUTES,
            },
            format!(
                "FREQ=DAILY;BYHOUR={};UNTIL={}",
                utc_hours(&[9, 16]),
                until_at(16)
            ),
        )),
        Cadence::Hourly => {
            let hours: Vec<u32> = (7..=22).collect();
            Some((
                When::Timed {
                    start: start.and_time(at(7)),
                    minutes: DEADLINE_MINUTES,
                },
                format!(
                    "FREQ=HOURLY;BYHOUR={};UNTIL={}",
                    utc_hours(&hours),
                    until_at(22)
                ),
            ))
        }
    }
}

/// iCalendar's lines: CRLF endings, folded at 75 octets, text values escaped.
#[derive(Default)]
struct Lines {
    text: String,
}

impl Lines {
    /// A line as given (already in iCalendar's form), folded.
    fn push(&mut self, line: &str) {
        let mut width = 0;
        for c in line.chars() {
            let n = c.len_utf8();
            if width + n > 75 {
                self.text.push_str("\r\n ");
                width = 1;
            }
            self.text.push(c);
            width += n;
        }
        self.text.push_str("\r\n");
    }

    /// A text property, escaped (RFC 5545 section 3.3.11).
    fn property(&mut self, name: &str, value: &str) {
        let mut escaped = String::with_capacity(value.len());
        for c in value.chars() {
            match c {
                '\\' => escaped.push_str("\\\\"),
                ';' => escaped.push_str("\\;"),
                ',' => escaped.push_str("\\,"),
                '\n' => escaped.push_str("\\n"),
                '\r' => {}
                c if c.is_control() => {}
                c => escaped.push(c),
            }
        }
        self.push(&format!("{name}:{escaped}"));
    }
}

#[cfg(test)]
mod tests;
