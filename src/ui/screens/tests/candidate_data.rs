//! The candidate data screen driven by its labels: its tabs, the candidates and the transfer log,
//! which keeps every transfer.

use crate::model::Section;
use crate::ui::test_harness::App;

#[test]
fn the_candidates_tab_adds_names_and_removes_a_candidate() {
    let mut app = App::example();
    app.go_to(Section::CandidateData);
    app.click("Candidates");
    let n = app.plan().candidate_data.candidates.len();
    app.click("Add candidate");
    assert_eq!(app.plan().candidate_data.candidates.len(), n + 1);
    app.type_into("Candidate name", "Gwen Jones");
    let last = app.plan().candidate_data.candidates.last().unwrap();
    assert_eq!(last.name, "Gwen Jones");
    app.click("Remove candidate");
    assert_eq!(app.plan().candidate_data.candidates.len(), n);
}

#[test]
fn a_logged_transfer_is_completed_but_never_removed_or_reordered() {
    let mut app = App::example();
    app.go_to(Section::CandidateData);
    app.click("Transfer log");
    let n = app.plan().candidate_data.transfers.len();
    app.click("Add transfer");
    assert_eq!(app.plan().candidate_data.transfers.len(), n + 1);
    app.type_into("Sent how", "Secure email to the FEOA");
    let last = app.plan().candidate_data.transfers.last().unwrap();
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
