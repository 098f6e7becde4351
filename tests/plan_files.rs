//! The bundled example and every template load, save and load again unchanged.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed step should fail the test loudly

use std::path::Path;

use integrity_planner::model::{EventKind, ItemKind, VenueKind};
use integrity_planner::storage;
use integrity_planner::templates::TEMPLATES;
use integrity_planner::validate::{Context, Severity, validate};

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/northmere.plan.ron");

#[test]
fn example_round_trips_through_a_real_file() {
    let plan = storage::load(Path::new(EXAMPLE)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copy.plan.ron");
    storage::save(&mut plan.clone(), &path).unwrap();
    assert_eq!(storage::load(&path).unwrap(), plan);
    // The file on disk is exactly what the program writes, so saving it changes nothing.
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        std::fs::read_to_string(EXAMPLE).unwrap()
    );
}

#[test]
fn templates_on_disk_are_in_the_programs_own_format() {
    for t in TEMPLATES {
        let on_disk = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("templates")
                .join(format!("{}.plan.ron", t.name)),
        )
        .unwrap();
        let plan = t.plan().unwrap();
        assert_eq!(storage::to_ron(&plan).unwrap(), on_disk, "{}", t.name);
    }
}

#[test]
fn example_exercises_every_section_at_realistic_scale() {
    let plan = storage::load(Path::new(EXAMPLE)).unwrap();
    let stations = plan
        .venues
        .venues
        .iter()
        .filter(|v| v.kind == VenueKind::PollingStation)
        .count();
    assert!(
        (38..=45).contains(&stations),
        "about 40 polling stations, got {stations}"
    );
    assert!(
        plan.venues
            .venues
            .iter()
            .any(|v| v.kind == VenueKind::CountVenue)
    );
    assert!(plan.people.len() >= 30);
    assert!(plan.custody.events.len() >= 100);
    let boxes: Vec<_> = plan
        .custody
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::BallotBox)
        .collect();
    assert_eq!(boxes.len(), stations);
    for b in &boxes {
        assert!(
            plan.custody.events.iter().any(|e| e.item == b.id
                && e.stage == integrity_planner::model::CustodyStage::ReceiptAtCount),
            "box {} reached the count",
            b.label
        );
    }
    assert!(plan.indicators.iter().any(|i| i.state(
        integrity_planner::law::contests::statutory_limit(&plan.overview.contests, i.kind)
    ) != integrity_planner::model::IndicatorState::Clear));
    assert!(!plan.hotspots.is_empty() && !plan.allegations.referrals.is_empty());
    assert!(!plan.candidate_data.candidates.is_empty() && !plan.stakeholder_messages.is_empty());
    assert!(plan.events.iter().any(|e| e.kind == EventKind::Count));
    assert!(
        integrity_planner::custody::verify(&plan.custody).is_empty(),
        "the example's custody chain is intact"
    );
    let today = plan.overview.poll_date.succ_opt().unwrap();
    let findings = validate(&plan, &Context::on(today));
    assert!(
        findings.iter().all(|f| f.severity == Severity::Warning),
        "{findings:#?}"
    );
}
