//! The electoral events screen driven by its labels.

use chrono::NaiveTime;

use crate::model::ElectoralEvent;
use crate::ui::test_harness::App;

#[test]
fn an_event_is_added_named_timed_and_removed() {
    let (mut app, n) = App::adding::<ElectoralEvent>(None);
    app.type_into("Name", "Postal vote opening 4");
    app.type_into("Starts", "09:15");
    app.type_into("Ends", "12:30");
    let e = app.last::<ElectoralEvent>();
    assert_eq!(e.name, "Postal vote opening 4");
    assert_eq!(e.start, NaiveTime::from_hms_opt(9, 15, 0).unwrap());
    assert_eq!(e.end, NaiveTime::from_hms_opt(12, 30, 0));
    app.type_into("Ends", "25:00");
    assert_eq!(
        app.last::<ElectoralEvent>().end,
        NaiveTime::from_hms_opt(12, 30, 0),
        "not a time: not saved"
    );
    app.removes::<ElectoralEvent>(n);
}
