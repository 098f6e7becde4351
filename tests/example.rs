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
