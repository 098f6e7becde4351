//! The hotspots screen driven by its labels.

use crate::model::Hotspot;
use crate::ui::test_harness::{App, date};

#[test]
fn a_hotspot_is_added_named_briefed_and_removed() {
    let (mut app, n) = App::adding::<Hotspot>(None);
    app.type_into("Name", "Mill Court flats");
    app.type_into("Briefed on", "3/5/2027");
    let h = app.last::<Hotspot>();
    assert_eq!(h.name, "Mill Court flats");
    assert_eq!(h.briefed_on, Some(date(2027, 5, 3)));
    app.removes::<Hotspot>(n);
}
