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
