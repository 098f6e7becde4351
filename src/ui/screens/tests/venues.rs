//! The venues screen driven by its labels: venues, and the security checklist tab.

use crate::model::Section;
use crate::ui::test_harness::App;

#[test]
fn a_venue_is_added_named_and_removed() {
    let mut app = App::example();
    app.go_to(Section::Venues);
    let n = app.plan().venues.venues.len();
    app.click("Add venue");
    assert_eq!(app.plan().venues.venues.len(), n + 1);
    app.type_into("Name", "Scout Hall, Brook Lane");
    assert_eq!(
        app.plan().venues.venues.last().unwrap().name,
        "Scout Hall, Brook Lane"
    );
    app.click("Remove venue");
    assert_eq!(app.plan().venues.venues.len(), n);
}

#[test]
fn the_checklist_tab_adds_a_measure() {
    let mut app = App::example();
    app.go_to(Section::Venues);
    app.click("Security checklist");
    let n = app.plan().venues.checklist.len();
    app.click("Add measure");
    assert_eq!(app.plan().venues.checklist.len(), n + 1);
    app.type_into("Measure", "Fire doors closed and unobstructed");
    assert_eq!(
        app.plan().venues.checklist.last().unwrap().title,
        "Fire doors closed and unobstructed"
    );
}
