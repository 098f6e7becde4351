//! The escalation screen driven by its labels.

use crate::model::EscalationLevel;
use crate::ui::test_harness::App;

#[test]
fn a_level_is_added_named_timed_and_removed() {
    let (mut app, n) = App::adding::<EscalationLevel>(None);
    app.type_into("Name", "Suspicious package");
    app.type_into("Respond within (minutes)", "15");
    let level = app.last::<EscalationLevel>();
    assert_eq!(level.name, "Suspicious package");
    assert_eq!(level.respond_within_minutes, Some(15));
    app.click("Move up");
    assert_eq!(app.plan().escalation[n - 1].name, "Suspicious package");
    app.removes::<EscalationLevel>(n);
}
