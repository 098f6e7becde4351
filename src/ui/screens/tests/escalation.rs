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

#[test]
fn a_levels_fallback_routes_by_time_and_people_informed_are_set_by_label() {
    let (mut app, _) = App::adding::<EscalationLevel>(None);
    app.type_into("Name", "Cyber incident");
    app.type_into("Source of quoted guidance or law", "UK GDPR Art. 33(1)");
    app.choose("Contact", "Siân Llŷr — Elections manager");
    app.choose(
        "Fallback if no answer",
        "Rhodri ap Siôn — Deputy Returning Officer",
    );
    app.type_into("Polling day — desk or room", "Control room");
    app.type_into("Polling day — number", "01632 960 200");
    app.choose("Count night — contact", "Tom Ashworth — Count manager");
    app.choose("Also inform", "Aled Pritchard — Data protection officer");
    let l = app.last::<EscalationLevel>().clone();
    let plan = app.plan();
    let name = |id| plan.person_name(id).to_owned();
    assert_eq!(l.source, "UK GDPR Art. 33(1)");
    assert_eq!(name(l.contact), "Siân Llŷr");
    assert_eq!(name(l.fallback), "Rhodri ap Siôn");
    assert_eq!(
        (l.polling_day.name.as_str(), l.polling_day.number.as_str()),
        ("Control room", "01632 960 200")
    );
    assert_eq!(name(l.count_night.contact), "Tom Ashworth");
    assert!(!l.out_of_hours.is_set(), "out of hours is left as usual");
    let informed: Vec<String> = l.also_inform.iter().map(|id| name(Some(*id))).collect();
    assert_eq!(informed, ["Aled Pritchard"]);
    // The form says whom the ladder calls at each time, as the PDF does.
    assert!(app.shows("Control room, 01632 960 200"));
    assert!(app.shows("Tom Ashworth, 07700 900 129"));
}
