//! The candidate data screen driven by its labels: its tabs, the candidates and the transfer log,
//! which keeps every transfer.

use crate::model::{Candidate, DataTransfer, Section};
use crate::ui::test_harness::App;

#[test]
fn the_candidates_tab_adds_names_and_removes_a_candidate() {
    let (mut app, n) = App::adding::<Candidate>(Some("Candidates"));
    app.type_into("Candidate name", "Gwen Jones");
    let last = app.last::<Candidate>();
    assert_eq!(last.name, "Gwen Jones");
    app.removes::<Candidate>(n);
}

#[test]
fn a_logged_transfer_is_completed_but_never_removed_or_reordered() {
    let (mut app, _n) = App::adding::<DataTransfer>(Some("Transfer log"));
    app.type_into("Sent how", "Secure email to the FEOA");
    let last = app.last::<DataTransfer>();
    assert_eq!(last.method, "Secure email to the FEOA");
    assert!(app.buttons("Remove transfer").is_empty());
    assert!(app.buttons("Move ").is_empty());
}

#[test]
fn the_sharing_arrangement_tab_edits_how_details_are_sent() {
    let mut app = App::example();
    app.go_to(Section::CandidateData);
    app.type_into("How it is sent", "Encrypted email");
    assert_eq!(app.plan().candidate_data.transmission, "Encrypted email");
}

/// A candidate's home address form request is a flag on the candidate; a new transfer carries the
/// requests as they stand, so the FEOA is told with the data.
#[test]
fn a_new_transfer_carries_the_home_address_requests() {
    let (mut app, _n) = App::adding::<Candidate>(Some("Candidates"));
    app.type_into("Candidate name", "Gwen Jones");
    app.click("Their home address form asks that it not be made public");
    let gwen = app.last::<Candidate>().clone();
    assert!(gwen.home_address_not_public);
    app.click("Transfer log");
    app.click("Add transfer");
    let sent = app.last::<DataTransfer>();
    assert!(sent.addresses_not_public.contains(&gwen.id));
    let flagged = app
        .plan()
        .candidate_data
        .candidates
        .iter()
        .filter(|c| c.home_address_not_public)
        .count();
    assert_eq!(sent.addresses_not_public.len(), flagged);
}
