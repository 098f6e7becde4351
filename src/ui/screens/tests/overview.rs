//! The overview screen driven by its labels: its tabs, its date fields (day first or ISO, never
//! month first) and its append-only revision history.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

use crate::model::{Contest, Section};
use crate::ui::test_harness::{App, date};

#[test]
fn polling_day_reads_a_uk_date_and_an_iso_date_and_refuses_a_month_first_one() {
    let mut app = App::example();
    app.go_to(Section::Overview);
    assert_eq!(app.plan().overview.poll_date, date(2027, 5, 6));
    app.type_into("Polling day", "07/05/2027");
    assert_eq!(
        app.plan().overview.poll_date,
        date(2027, 5, 7),
        "day first: 7 May"
    );
    app.harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    app.run();
    assert_eq!(app.plan().overview.poll_date, date(2027, 5, 6), "undone");
    app.type_into("Polling day", "2027-05-07");
    assert_eq!(app.plan().overview.poll_date, date(2027, 5, 7), "ISO");
    let before = app.plan().clone();
    app.type_into("Polling day", "05/13/2027");
    assert_eq!(
        app.plan(),
        &before,
        "there is no 13th month: nothing changed"
    );
    assert!(app.shows("was not valid and was not saved"));
    assert_eq!(
        app.value_of("Polling day"),
        "Fri 7 May 2027",
        "the field shows the plan's date again"
    );
}

#[test]
fn the_election_tab_edits_the_plan_details() {
    let mut app = App::example();
    app.type_into("Authority", "Cyngor Northmere");
    assert_eq!(app.plan().overview.authority, "Cyngor Northmere");
    app.choose("Status", "Final");
    assert_eq!(app.plan().overview.status, crate::model::PlanStatus::Final);
}

#[test]
fn the_contests_tab_adds_names_and_removes_a_contest() {
    let mut app = App::example();
    app.click("Contests");
    let n = app.plan().overview.contests.len();
    app.click("Add contest");
    assert_eq!(app.plan().overview.contests.len(), n + 1);
    app.type_into("Contest name", "Brookfield");
    assert_eq!(app.last::<Contest>().name, "Brookfield");
    app.removes::<Contest>(n);
}

#[test]
fn a_recorded_revision_is_kept_and_offers_no_remove() {
    let mut app = App::example();
    app.click("Document control");
    let n = app.plan().overview.revisions.len();
    app.type_into("Author", "Siân Llŷr");
    app.type_into("Changes", "Count venue moved to the leisure centre");
    app.click("Record revision");
    let revisions = &app.plan().overview.revisions;
    assert_eq!(revisions.len(), n + 1);
    let r = revisions.last().unwrap();
    assert_eq!(
        (r.author.as_str(), r.summary.as_str(), r.date),
        (
            "Siân Llŷr",
            "Count venue moved to the leisure centre",
            date(2027, 5, 7)
        ),
        "recorded, dated today"
    );
    assert!(app.shows("Count venue moved to the leisure centre"));
    // The distribution list below has its own Remove buttons; the history has none, nor any way
    // to reorder or edit a recorded revision.
    let removes = app.buttons("Remove");
    assert!(
        removes.iter().all(|l| l.starts_with("Remove recipient")),
        "{removes:?}"
    );
    assert!(app.buttons("Move ").is_empty());
    assert_eq!(app.value_of("Changes"), "", "the draft is cleared");
}

#[test]
fn document_control_shows_the_issued_copies_and_what_changed_since_each_agreement() {
    use crate::model::{AgreementMethod, SignOffRole};
    let spoc = |app: &App| {
        app.plan()
            .overview
            .sign_offs
            .iter()
            .find(|s| s.role == SignOffRole::PoliceSpoc)
            .cloned()
            .unwrap()
    };
    let mut app = App::example();
    app.click("Document control");
    assert!(app.shows("Issued copies"));
    let first = app.plan().overview.issued_copies[0].describe();
    assert!(app.shows(&first), "the log lists {first}");
    let count = |app: &App, text: &str| app.harness.query_all_by_label_contains(text).count();
    let unchanged = "Nothing: the plan is as in version 1.3 agreed 30 April 2027.";
    assert_eq!(count(&app, unchanged), 3, "one line per agreement");
    // A material edit shows up against every agreement.
    app.click("The election");
    app.type_into("Title", "Northmere integrity plan");
    app.click("Document control");
    let changed = "Overview and document control changed since version 1.3 agreed 30 April 2027.";
    assert_eq!(count(&app, changed), 3);
    assert_eq!(count(&app, unchanged), 0);
    // How the SPOC's agreement was given is recorded; binding it to another copy keeps the earlier
    // agreement as superseded.
    app.choose("Police election SPOC: given by", "Letter");
    assert_eq!(spoc(&app).agreement.unwrap().given, AgreementMethod::Letter);
    let before = spoc(&app).superseded.len();
    app.choose("Police election SPOC: approves copy", &first);
    let after = spoc(&app);
    assert_eq!(after.agreement.unwrap().version, "1.1");
    assert_eq!(after.superseded.len(), before + 1);
    // No way to remove or edit an issued copy from the log.
    assert!(app.buttons("Remove issued").is_empty());
}
