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

#[test]
fn a_new_hotspot_is_for_the_full_copy_only_until_shown_in_both() {
    use crate::model::Handling;
    let (mut app, _) = App::adding::<Hotspot>(None);
    assert_eq!(app.last::<Hotspot>().handling, Handling::FullCopyOnly);
    app.choose("Shown in", "Both copies");
    assert_eq!(app.last::<Hotspot>().handling, Handling::Both);
}
