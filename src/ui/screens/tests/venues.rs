//! The venues screen driven by its labels: venues, and the security checklist tab.

use crate::model::{SecurityMeasure, Venue};
use crate::ui::test_harness::App;

#[test]
fn a_venue_is_added_named_and_removed() {
    let (mut app, n) = App::adding::<Venue>(None);
    app.type_into("Name", "Scout Hall, Brook Lane");
    assert_eq!(app.last::<Venue>().name, "Scout Hall, Brook Lane");
    app.removes::<Venue>(n);
}

#[test]
fn the_checklist_tab_adds_a_measure() {
    let (mut app, _n) = App::adding::<SecurityMeasure>(Some("Security checklist"));
    app.type_into("Measure", "Fire doors closed and unobstructed");
    assert_eq!(
        app.last::<SecurityMeasure>().title,
        "Fire doors closed and unobstructed"
    );
}
