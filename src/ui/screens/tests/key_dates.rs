//! The key dates screen driven by its labels: the plan reviews and local milestones tabs.

use crate::model::{PlanReview, Section};
use crate::ui::test_harness::{App, date};

#[test]
fn the_reviews_tab_adds_dates_and_removes_a_review() {
    let (mut app, n) = App::adding::<PlanReview>(Some("Plan reviews"));
    app.type_into("Purpose", "Extra review after an incident");
    app.type_into("Date", "2/6/2027");
    let r = app.last::<PlanReview>();
    assert_eq!(r.purpose, "Extra review after an incident");
    assert_eq!(r.date, date(2027, 6, 2), "2 June, day first");
    app.removes::<PlanReview>(n);
}

#[test]
fn the_milestones_tab_adds_a_local_milestone() {
    let mut app = App::example();
    app.go_to(Section::KeyDates);
    app.click("Local milestones");
    let n = app.plan().key_dates.milestones.len();
    app.click("Add local milestone");
    assert_eq!(app.plan().key_dates.milestones.len(), n + 1);
    let label = format!("Milestone {}", n + 1);
    app.type_into(&label, "Count venue walk-through");
    app.type_into(&format!("{label} time"), "14:00");
    let m = app.plan().key_dates.milestones.last().unwrap();
    assert_eq!(m.label, "Count venue walk-through");
    assert_eq!(m.time, chrono::NaiveTime::from_hms_opt(14, 0, 0));
}
