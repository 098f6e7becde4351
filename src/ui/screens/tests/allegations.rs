//! The allegations screen driven by its labels: referrals, and evidence items that are fixed once
//! recorded.

use crate::model::{Referral, Section};
use crate::ui::test_harness::App;

#[test]
fn a_referral_is_added_described_and_removed() {
    let (mut app, n) = App::adding::<Referral>(None);
    app.type_into("Allegation", "Leaflets offering to collect postal votes");
    assert_eq!(
        app.last::<Referral>().summary,
        "Leaflets offering to collect postal votes"
    );
    app.removes::<Referral>(n);
}

#[test]
fn a_recorded_evidence_item_is_kept_and_offers_no_remove() {
    let mut app = App::example();
    app.go_to(Section::Allegations);
    app.click("Add referral");
    app.type_into("Allegation", "Postal votes found in a bin");
    app.type_into("What it is", "Twelve postal vote envelopes");
    app.type_into("Bag or seal number", "EB 000418");
    app.click("Record evidence item");
    let referral = app.last::<Referral>();
    assert_eq!(referral.evidence.len(), 1);
    let e = &referral.evidence[0];
    assert_eq!(
        (e.description.as_str(), e.seal_number.as_str()),
        ("Twelve postal vote envelopes", "EB 000418")
    );
    assert!(app.shows("Twelve postal vote envelopes (bag or seal EB 000418)"));
    assert_eq!(app.value_of("What it is"), "", "the draft is cleared");
    // The only removal offered is the referral's own; the evidence has none, and no field.
    assert_eq!(app.buttons("Remove"), ["Remove referral"]);
    assert!(!app.shows("Remove evidence"));
}
