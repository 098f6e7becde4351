//! The bundled example itself: its custody log, its findings and its combined poll. Unit tests
//! build the plans they need (the crate's test support); here the example is checked as shipped.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed step should fail the test loudly

mod common;

use std::path::Path;

use chrono::{Duration, NaiveDate};
use integrity_planner::custody::{anomalies, verify};
use integrity_planner::export::Profile;
use integrity_planner::export::metrics::Metrics;
use integrity_planner::export::plan::layout;
use integrity_planner::model::Plan;
use integrity_planner::storage;
use integrity_planner::validate::{Context, validate};

fn example() -> Plan {
    storage::load(Path::new(common::EXAMPLE)).unwrap()
}

#[test]
fn the_examples_chain_is_intact_and_it_has_no_anomalies() {
    let plan = example();
    assert!(verify(&plan.custody).is_empty());
    let morning_after = (plan.overview.poll_date + Duration::days(1))
        .and_hms_opt(12, 0, 0)
        .unwrap();
    let found = anomalies(&plan.custody, morning_after);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_example_is_clean_apart_from_its_deliberate_warning() {
    let as_of = Context::on(NaiveDate::from_ymd_opt(2027, 5, 7).unwrap());
    let findings = validate(&example(), &as_of);
    let codes: Vec<&str> = findings.iter().map(|f| f.code.code()).collect();
    assert_eq!(codes, vec!["fraud.at-warning"], "{findings:#?}");
}

#[test]
fn the_examples_ward_and_parish_contests_each_print_their_timetable() {
    let doc = layout(&example(), Profile::Full, &Metrics::new().unwrap());
    let squeeze = |text: &str| -> String { text.split_whitespace().collect() };
    let text: String = doc.pages.iter().map(|p| squeeze(&p.text())).collect();
    assert!(
        text.contains(&squeeze("Each contest's timetable")),
        "the example's ward and parish contests follow two rule sets"
    );
}

#[test]
fn redaction_leak_is_quiet_on_the_example_and_fires_on_a_planted_leak() {
    use integrity_planner::model::Handling;
    use integrity_planner::validate::Rule;
    let mut plan = example();
    let on = Context::on(plan.overview.poll_date);
    assert!(
        validate(&plan, &on)
            .iter()
            .all(|f| f.code != Rule::RedactionLeak)
    );
    // A withheld hotspot's address quoted in an observation's note, shown in both copies.
    let hotspot = plan
        .hotspots
        .iter()
        .find(|h| h.handling == Handling::FullCopyOnly)
        .unwrap()
        .clone();
    let first_line = hotspot.address.split(',').next().unwrap().to_owned();
    let indicator = &mut plan.indicators[0];
    indicator.observations[0].note = format!("{first_line} again");
    let name = indicator.name.clone();
    let leaks: Vec<_> = validate(&plan, &on)
        .into_iter()
        .filter(|f| f.code == Rule::RedactionLeak)
        .collect();
    assert_eq!(leaks.len(), 1, "{leaks:#?}");
    assert!(leaks[0].message.contains(&name) && leaks[0].message.contains(&first_line));
    // The redacted copy's Annex A does not repeat the finding, which names the hotspot.
    let doc = layout(&plan, Profile::Redacted, &Metrics::new().unwrap());
    let text: String = doc
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            integrity_planner::export::document::Item::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ");
    assert!(!text.contains(&hotspot.name) && !text.contains(&hotspot.address));
}
