//! Builders for unit tests, so a test states the plan it needs instead of depending on the example.
//!
//! The small builders ([`plan`], [`person`], [`ballot_box`], [`handover`]) make one thing each.
//! [`count_night`] is a custody log from printing to verification with nothing wrong in it, and
//! [`valid_plan`] a small plan with every section filled in which `validate` finds nothing. Ids are
//! fresh on every call: a test that compares two plans builds one and clones it.

mod custody;
mod directory;
mod monitoring;
mod operations;

use chrono::{NaiveDate, NaiveDateTime};

pub use self::custody::count_night;
use crate::custody::NewEvent;
use crate::model::{
    AgreementMethod, CopyKind, CustodyItem, CustodyItemId, CustodyStage, ElectionType, ItemKind,
    Person, Plan, SignOffRole,
};

/// Polling day of the test plans: Thursday 6 May 2027.
pub fn poll() -> NaiveDate {
    day(5, 6)
}

/// A day of 2027, the year of the test plans' poll.
pub fn day(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, month, day).expect("a real date")
}

/// `hour`:`minute` on `date`.
pub fn at(date: NaiveDate, hour: u32, minute: u32) -> NaiveDateTime {
    date.and_hms_opt(hour, minute, 0).expect("a real time")
}

/// An empty English local elections plan for polling day.
pub fn plan() -> Plan {
    Plan::empty(ElectionType::EnglishLocal, poll())
}

/// A person with a name and nothing else.
pub fn person(name: &str) -> Person {
    Person::named(name)
}

/// A ballot box labelled `label`, expected at the count.
pub fn ballot_box(label: &str) -> CustodyItem {
    CustodyItem {
        id: CustodyItemId::new(),
        kind: ItemKind::BallotBox,
        label: label.to_owned(),
        polling_station: None,
        book_ranges: Vec::new(),
        expected_seals: Vec::new(),
        expected_at_count: true,
        contents: None,
    }
}

/// A plan with `n` ballot boxes, AA/1 to AA/n.
pub fn plan_with_items(n: usize) -> Plan {
    let mut plan = plan();
    plan.custody.items = (1..=n).map(|k| ballot_box(&format!("AA/{k}"))).collect();
    plan
}

/// A handover of `item` at `at`, seals intact, with no seals, witness or notes.
pub fn handover(
    item: CustodyItemId,
    at: NaiveDateTime,
    stage: CustodyStage,
    (from, to): (&str, &str),
) -> NewEvent {
    NewEvent {
        item,
        at,
        stage,
        location: String::new(),
        from: from.to_owned(),
        to: to.to_owned(),
        seals_seen: Vec::new(),
        seals_intact: true,
        witness: String::new(),
        notes: String::new(),
        corrects: None,
    }
}

/// A complete small plan, clean as at the start of the day after the poll: `validate` finds
/// nothing in it.
///
/// Lowmoor District Council's English local elections on polling day, a ward and a parish contest
/// taken together, with a directory of seven people, every section filled and the custody log of
/// a [`count_night`] of four stations, each box and batch at its polling station.
pub fn valid_plan() -> Plan {
    let mut plan = count_night(4);
    let team = directory::fill(&mut plan);
    monitoring::fill(&mut plan, &team);
    operations::fill(&mut plan, &team);
    agree(&mut plan);
    plan
}

/// Issues the plan's full copy to the first recipient on 15 March and records every role's
/// agreement to it, given by email.
pub fn agree(plan: &mut Plan) {
    let copy = plan.issue_copy(CopyKind::Full, Some(0), day(3, 15)).id;
    for role in SignOffRole::ALL {
        plan.agree(
            *role,
            copy,
            AgreementMethod::Email,
            "Email of 15 March",
            day(3, 15),
        );
    }
}
