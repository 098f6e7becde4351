//! The escalation screen driven by its labels.

use crate::model::Section;
use crate::ui::test_harness::App;

#[test]
fn a_level_is_added_named_timed_and_removed() {
    let mut app = App::example();
    app.go_to(Section::Escalation);
    let n = app.plan().escalation.len();
    app.click("Add level");
    assert_eq!(app.plan().escalation.len(), n + 1);
    app.type_into("Name", "Suspicious package");
    app.type_into("Respond within (minutes)", "15");
    let level = app.plan().escalation.last().unwrap();
    assert_eq!(level.name, "Suspicious package");
    assert_eq!(level.respond_within_minutes, Some(15));
    app.click("Move up");
    assert_eq!(app.plan().escalation[n - 1].name, "Suspicious package");
    app.click("Remove level");
    assert_eq!(app.plan().escalation.len(), n);
}
