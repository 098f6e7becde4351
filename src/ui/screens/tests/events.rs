//! The electoral events screen driven by its labels.

use chrono::NaiveTime;

use crate::model::Section;
use crate::ui::test_harness::App;

#[test]
fn an_event_is_added_named_timed_and_removed() {
    let mut app = App::example();
    app.go_to(Section::Events);
    let n = app.plan().events.len();
    app.click("Add event");
    assert_eq!(app.plan().events.len(), n + 1);
    app.type_into("Name", "Postal vote opening 4");
    app.type_into("Starts", "09:15");
    app.type_into("Ends", "12:30");
    let e = app.plan().events.last().unwrap();
    assert_eq!(e.name, "Postal vote opening 4");
    assert_eq!(e.start, NaiveTime::from_hms_opt(9, 15, 0).unwrap());
    assert_eq!(e.end, NaiveTime::from_hms_opt(12, 30, 0));
    app.type_into("Ends", "25:00");
    assert_eq!(
        app.plan().events.last().unwrap().end,
        NaiveTime::from_hms_opt(12, 30, 0),
        "not a time: not saved"
    );
    app.click("Remove event");
    assert_eq!(app.plan().events.len(), n);
}
