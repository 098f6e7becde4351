//! The editor driven by its labels, as a person would use it (egui_kittest): every section's screen adds,
//! edits and removes, and the whole app creates, undoes, saves, reopens and asks before losing work.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed step should fail the test loudly

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use integrity_planner::model::Plan;
use integrity_planner::storage;
use integrity_planner::ui::{Dialogs, PlannerApp};

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/northmere.plan.ron");

/// Dialogs that answer with whatever the test put in.
#[derive(Clone, Default)]
struct Answers {
    open: Arc<Mutex<Option<PathBuf>>>,
    save: Arc<Mutex<Option<PathBuf>>>,
    pdf: Arc<Mutex<Option<PathBuf>>>,
    /// The spreadsheet chosen to import.
    table: Arc<Mutex<Option<PathBuf>>>,
    workbook: Arc<Mutex<Option<PathBuf>>>,
    /// No native dialog can open (as on a machine without a desktop portal).
    unavailable: Arc<Mutex<bool>>,
}

impl Dialogs for Answers {
    fn open_plan(&mut self) -> Option<PathBuf> {
        self.open.lock().unwrap().clone()
    }
    fn save_plan(&mut self, _: &str) -> Option<PathBuf> {
        self.save.lock().unwrap().clone()
    }
    fn save_pdf(&mut self, _: &str) -> Option<PathBuf> {
        self.pdf.lock().unwrap().clone()
    }
    fn open_table(&mut self, _: &str) -> Option<PathBuf> {
        self.table.lock().unwrap().clone()
    }
    fn save_workbook(&mut self, _: &str) -> Option<PathBuf> {
        self.workbook.lock().unwrap().clone()
    }
    fn available(&self) -> bool {
        !*self.unavailable.lock().unwrap()
    }
}

struct Setup {
    harness: Harness<'static, PlannerApp>,
    answers: Answers,
    _data: tempfile::TempDir,
}

fn now() -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2027, 5, 7)
        .unwrap()
        .and_hms_opt(9, 30, 0)
        .unwrap()
}

fn app_with(open: Option<&Path>) -> Setup {
    let data = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut app = PlannerApp::with(
        data.path().to_owned(),
        Box::new(answers.clone()),
        Some(now()),
    );
    if let Some(path) = open {
        *answers.open.lock().unwrap() = Some(path.to_owned());
        app.command(integrity_planner::ui::Command::Open);
    }
    let harness = Harness::builder()
        .with_size(egui::vec2(1500.0, 1000.0))
        .with_context_setup(|ctx| {
            integrity_planner::ui::install_fonts(ctx);
            // A test waits for the screen to settle, not for animations to play.
            ctx.all_styles_mut(|style| {
                style.animation_time = 0.0;
                style.scroll_animation = egui::style::ScrollAnimation::none();
            });
        })
        .build_ui_state(|ui, app: &mut PlannerApp| app.show(ui), app);
    Setup {
        harness,
        answers,
        _data: data,
    }
}

fn example_app() -> Setup {
    let mut s = app_with(Some(Path::new(EXAMPLE)));
    s.harness.run();
    s
}

fn plan(s: &Setup) -> &Plan {
    s.harness.state().plan().expect("a plan is open")
}

/// Scrolls the button labelled `label` into view and clicks it, then lets any save it started
/// finish (saves are written off the UI thread).
fn click(s: &mut Setup, label: &str) {
    s.harness.get_by_label(label).scroll_to_me();
    s.harness.run();
    s.harness.get_by_label(label).click();
    s.harness.run();
    settle(s);
}

/// Waits for the write in flight, as a person waits for "Saved" before looking at the file.
fn settle(s: &mut Setup) {
    s.harness.state_mut().wait_for_writes();
    s.harness.run();
}

/// Presses Ctrl+S and waits for the save to finish.
fn save_keys(s: &mut Setup) {
    s.harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    s.harness.run();
    settle(s);
}

/// Goes to a section by its entry in the navigation list (e.g. "9. Risk register").
fn go_to(s: &mut Setup, section: &str) {
    use egui::accesskit::Role;
    // The screen's own heading has the same words; the navigation entry is the one that can be pressed.
    let entry = s
        .harness
        .get_all_by_label(section)
        .find(|n| !matches!(n.accesskit_node().role(), Role::Label))
        .unwrap();
    entry.click();
    s.harness.run();
}

/// The text field labelled `label` (a column header may share the words; it is not a text field).
fn field<'a>(s: &'a Setup, label: &'a str) -> egui_kittest::Node<'a> {
    use egui::accesskit::Role;
    let mut fields = s.harness.get_all_by_label(label).filter(|n| {
        matches!(
            n.accesskit_node().role(),
            Role::TextInput | Role::MultilineTextInput | Role::SpinButton
        )
    });
    let first = fields
        .next()
        .unwrap_or_else(|| panic!("no text field labelled {label:?}"));
    assert!(
        fields.next().is_none(),
        "two text fields labelled {label:?}"
    );
    first
}

/// Replaces the text of the field labelled `label` with `text`, then leaves the field.
fn type_into(s: &mut Setup, label: &str, text: &str) {
    field(s, label).scroll_to_me();
    s.harness.run();
    field(s, label).focus();
    s.harness.run();
    s.harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    field(s, label).type_text(text);
    s.harness.run();
    s.harness.key_press(Key::Tab);
    s.harness.run();
}

#[test]
fn create_a_plan_add_a_risk_undo_redo_save_and_reopen() {
    let mut s = app_with(None);
    s.harness.run();
    type_into(&mut s, "Polling day", "2027-05-06");
    click(&mut s, "Create plan");
    let risks = plan(&s).risks.len();
    assert!(risks >= 15, "a real starting plan");
    assert_eq!(
        plan(&s).overview.poll_date,
        NaiveDate::from_ymd_opt(2027, 5, 6).unwrap()
    );
    go_to(&mut s, "9. Risk register");
    click(&mut s, "Add risk");
    assert_eq!(plan(&s).risks.len(), risks + 1);
    type_into(&mut s, "Title", "Drone over the count venue");
    assert_eq!(
        plan(&s).risks.last().unwrap().title,
        "Drone over the count venue"
    );
    // Undo the title (one step for the whole edit), then the added risk; redo both.
    s.harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    s.harness.run();
    assert_eq!(
        plan(&s).risks.last().unwrap().title,
        "",
        "a new risk starts blank"
    );
    s.harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    s.harness.run();
    assert_eq!(plan(&s).risks.len(), risks);
    s.harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    s.harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    s.harness.run();
    assert_eq!(plan(&s).risks.len(), risks + 1);
    assert_eq!(
        plan(&s).risks.last().unwrap().title,
        "Drone over the count venue"
    );
    assert!(
        s.harness.state().title().starts_with("● Untitled plan"),
        "{}",
        s.harness.state().title()
    );
    // Save: a new plan asks where.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("borough.plan.ron");
    *s.answers.save.lock().unwrap() = Some(path.clone());
    save_keys(&mut s);
    assert!(!s.harness.state().is_dirty());
    assert_eq!(
        s.harness.state().title(),
        "borough.plan.ron — Election Integrity Planner"
    );
    let reopened = storage::load(&path).unwrap();
    assert_eq!(&reopened, plan(&s));
    // And opened again through the app, it is the same plan.
    let again = app_with(Some(&path));
    assert_eq!(again.harness.state().plan(), Some(&reopened));
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let mut s = example_app();
    go_to(&mut s, "2. People and roles");
    click(&mut s, "Add person");
    assert!(s.harness.state().is_dirty());
    s.harness.state_mut().request_quit();
    s.harness.run();
    assert!(s.harness.state().is_asking_to_save());
    assert!(!s.harness.state().is_quitting());
    click(&mut s, "Cancel");
    assert!(!s.harness.state().is_asking_to_save() && !s.harness.state().is_quitting());
    s.harness.state_mut().request_quit();
    s.harness.run();
    click(&mut s, "Don't save");
    assert!(s.harness.state().is_quitting());
    // A clean plan closes without asking.
    let mut clean = example_app();
    clean.harness.state_mut().request_quit();
    clean.harness.run();
    assert!(clean.harness.state().is_quitting() && !clean.harness.state().is_asking_to_save());
}

#[test]
fn opening_another_plan_with_unsaved_changes_asks_and_can_save_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copy.plan.ron");
    std::fs::copy(EXAMPLE, &path).unwrap();
    let mut s = app_with(Some(&path));
    s.harness.run();
    go_to(&mut s, "10. Integrity hotspots");
    click(&mut s, "Add hotspot");
    let with_new = plan(&s).hotspots.len();
    s.harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    s.harness.run();
    assert!(s.harness.state().is_asking_to_save());
    click(&mut s, "Save");
    assert_eq!(
        storage::load(&path).unwrap().hotspots.len(),
        with_new,
        "saved before opening"
    );
}

#[test]
fn the_people_screen_adds_edits_and_removes() {
    let mut s = example_app();
    go_to(&mut s, "2. People and roles");
    let n = plan(&s).people.len();
    click(&mut s, "Add person");
    type_into(&mut s, "Name", "Bethan Ŵyn");
    type_into(&mut s, "Email", "bethan@example.org");
    let added = plan(&s).people.last().unwrap();
    assert_eq!(
        (added.name.as_str(), added.email.as_str()),
        ("Bethan Ŵyn", "bethan@example.org")
    );
    click(&mut s, "Add mobile number");
    type_into(&mut s, "Mobile phone", "07700 900 555");
    assert_eq!(
        plan(&s).people.last().unwrap().phones[0].number,
        "07700 900 555"
    );
    click(&mut s, "Move up");
    assert_eq!(
        plan(&s).people[n - 1].name,
        "Bethan Ŵyn",
        "moved up one place"
    );
    click(&mut s, "Remove person");
    assert_eq!(plan(&s).people.len(), n);
    assert!(!plan(&s).people.iter().any(|p| p.name == "Bethan Ŵyn"));
}

/// The usual pattern: go to the section, add, type into a field, check, remove, check.
fn add_edit_remove(
    section: &str,
    add: &str,
    field: &str,
    text: &str,
    remove: &str,
    count: fn(&Plan) -> usize,
    value: fn(&Plan) -> String,
) {
    let mut s = example_app();
    // "Section > Tab": a screen with several parts shows one at a time.
    let (section, tab) = section
        .split_once(" > ")
        .map_or((section, None), |(a, b)| (a, Some(b)));
    go_to(&mut s, section);
    if let Some(tab) = tab {
        click(&mut s, tab);
    }
    let n = count(plan(&s));
    click(&mut s, add);
    assert_eq!(count(plan(&s)), n + 1, "{section}: added");
    type_into(&mut s, field, text);
    assert_eq!(value(plan(&s)), text, "{section}: edited");
    click(&mut s, remove);
    assert_eq!(count(plan(&s)), n, "{section}: removed");
}

#[test]
fn every_list_screen_adds_edits_and_removes() {
    add_edit_remove(
        "3. Division of responsibilities",
        "Add task",
        "Task",
        "Search the count venue at 18:00",
        "Remove task",
        |p| p.responsibilities.len(),
        |p| p.responsibilities.last().unwrap().task.clone(),
    );
    add_edit_remove(
        "4. Lines of communication",
        "Add line",
        "About",
        "Count night incidents",
        "Remove line",
        |p| p.communication.len(),
        |p| p.communication.last().unwrap().subject.clone(),
    );
    add_edit_remove(
        "5. Stakeholder and public communication",
        "Add message",
        "What is explained",
        "How to report fraud",
        "Remove message",
        |p| p.stakeholder_messages.len(),
        |p| p.stakeholder_messages.last().unwrap().message.clone(),
    );
    add_edit_remove(
        "6. Candidate contact sharing with the FEOA > Candidates",
        "Add candidate",
        "Candidate name",
        "Gwen Jones",
        "Remove candidate",
        |p| p.candidate_data.candidates.len(),
        |p| p.candidate_data.candidates.last().unwrap().name.clone(),
    );
    add_edit_remove(
        "7. Fraud monitoring",
        "Add indicator",
        "Name",
        "Late registrations at one address",
        "Remove indicator",
        |p| p.indicators.len(),
        |p| p.indicators.last().unwrap().name.clone(),
    );
    add_edit_remove(
        "8. Safety concerns and escalation",
        "Add level",
        "Name",
        "Suspicious package",
        "Remove level",
        |p| p.escalation.len(),
        |p| p.escalation.last().unwrap().name.clone(),
    );
    add_edit_remove(
        "9. Risk register",
        "Add risk",
        "Title",
        "Flooding at a station",
        "Remove risk",
        |p| p.risks.len(),
        |p| p.risks.last().unwrap().title.clone(),
    );
    add_edit_remove(
        "10. Integrity hotspots",
        "Add hotspot",
        "Name",
        "Mill Court flats",
        "Remove hotspot",
        |p| p.hotspots.len(),
        |p| p.hotspots.last().unwrap().name.clone(),
    );
    add_edit_remove(
        "11. Electoral events",
        "Add event",
        "Name",
        "Postal vote opening 4",
        "Remove event",
        |p| p.events.len(),
        |p| p.events.last().unwrap().name.clone(),
    );
    add_edit_remove(
        "13. Venues",
        "Add venue",
        "Name",
        "Scout Hall, Brook Lane",
        "Remove venue",
        |p| p.venues.venues.len(),
        |p| p.venues.venues.last().unwrap().name.clone(),
    );
    add_edit_remove(
        "14. Allegations and evidence",
        "Add referral",
        "Allegation",
        "Leaflets offering to collect postal votes",
        "Remove referral",
        |p| p.allegations.referrals.len(),
        |p| p.allegations.referrals.last().unwrap().summary.clone(),
    );
    add_edit_remove(
        "15. Key dates > Plan reviews",
        "Add review",
        "Purpose",
        "Extra review after an incident",
        "Remove review",
        |p| p.key_dates.reviews.len(),
        |p| p.key_dates.reviews.last().unwrap().purpose.clone(),
    );
    add_edit_remove(
        "1. Overview and document control > Contests",
        "Add contest",
        "Contest name",
        "Brookfield",
        "Remove contest",
        |p| p.overview.contests.len(),
        |p| p.overview.contests.last().unwrap().name.clone(),
    );
}

#[test]
fn the_overview_screen_edits_the_plan_details() {
    let mut s = example_app();
    type_into(&mut s, "Authority", "Cyngor Northmere");
    assert_eq!(plan(&s).overview.authority, "Cyngor Northmere");
    type_into(&mut s, "Polling day", "2027-05-13");
    assert_eq!(
        plan(&s).overview.poll_date,
        NaiveDate::from_ymd_opt(2027, 5, 13).unwrap()
    );
    // A date that is not a date is not saved.
    type_into(&mut s, "Polling day", "2027-02-30");
    assert_eq!(
        plan(&s).overview.poll_date,
        NaiveDate::from_ymd_opt(2027, 5, 13).unwrap()
    );
}

/// The pick list labelled `label`.
fn combo<'a>(s: &'a Setup, label: &'a str) -> egui_kittest::Node<'a> {
    use egui::accesskit::Role;
    s.harness
        .get_all_by_label(label)
        .find(|n| n.accesskit_node().role() == Role::ComboBox)
        .unwrap_or_else(|| panic!("no pick list labelled {label:?}"))
}

/// Opens the pick list labelled `label` and chooses `option` from it.
fn choose(s: &mut Setup, label: &str, option: &str) {
    combo(s, label).scroll_to_me();
    s.harness.run();
    combo(s, label).click();
    s.harness.run();
    s.harness
        .get_all_by_label(option)
        .last()
        .unwrap_or_else(|| panic!("no option {option:?} in {label:?}"))
        .click();
    s.harness.run();
}

#[test]
fn a_contest_follows_its_own_law_and_officer() {
    use integrity_planner::model::{ElectionType, Nation, OfficerRole};
    let mut s = example_app();
    let before = plan(&s).overview.contests.len();
    click(&mut s, "Contests");
    click(&mut s, "Add contest");
    let added = plan(&s).overview.contests.last().unwrap().clone();
    assert_eq!(plan(&s).overview.contests.len(), before + 1);
    assert_eq!(
        (added.election, added.nation, added.poll_date),
        (
            ElectionType::EnglishParish,
            Nation::England,
            plan(&s).overview.poll_date
        ),
        "a new contest starts under the law of the last one"
    );
    // A PCC contest: its law names the police area returning officer, so the officer follows.
    choose(
        &mut s,
        "Contest election",
        "Police and crime commissioner election",
    );
    let c = plan(&s).overview.contests.last().unwrap().clone();
    assert_eq!(c.election, ElectionType::Pcc);
    assert_eq!(c.officer, OfficerRole::PoliceAreaReturningOfficer);
    assert!(
        s.harness
            .query_by_label_contains("Own postal vote and those of up to 5 other electors")
            .is_some(),
        "the PCC contest's law shows the reg. 82B limit"
    );
    choose(&mut s, "Officer", "Local returning officer (LRO)");
    assert_eq!(
        plan(&s).overview.contests.last().unwrap().officer,
        OfficerRole::LocalReturningOfficer
    );
    // A Scottish Parliament contest in Scotland: no handing-in limit, two proxies unless close relatives.
    choose(&mut s, "Contest election", "Scottish Parliament election");
    choose(&mut s, "Contest nation", "Scotland");
    let c = plan(&s).overview.contests.last().unwrap().clone();
    assert_eq!(c.nation, Nation::Scotland);
    assert_eq!(c.officer, OfficerRole::ConstituencyReturningOfficer);
    assert!(
        s.harness
            .query_by_label_contains("Postal votes handed in: No statutory limit")
            .is_some()
    );
    assert!(
        s.harness
            .query_by_label_contains("no more than 2 electors who are not close relatives")
            .is_some()
    );
    type_into(&mut s, "Contest polling day", "2027-05-27");
    assert_eq!(
        plan(&s).overview.contests.last().unwrap().poll_date,
        NaiveDate::from_ymd_opt(2027, 5, 27).unwrap()
    );
}

#[test]
fn a_transfer_of_candidate_data_is_logged_with_its_article_6_and_9_grounds() {
    use integrity_planner::model::{LawfulBasis, SpecialCategoryCondition};
    let mut s = example_app();
    go_to(&mut s, "6. Candidate contact sharing with the FEOA");
    let before = plan(&s).candidate_data.transfers.len();
    click(&mut s, "Transfer log");
    click(&mut s, "Add transfer");
    let t = plan(&s).candidate_data.transfers.last().unwrap().clone();
    assert_eq!(plan(&s).candidate_data.transfers.len(), before + 1);
    assert_eq!(
        t.lawful_basis,
        Some(LawfulBasis::PublicTask),
        "from the arrangement"
    );
    assert_eq!(
        t.special_category,
        Some(SpecialCategoryCondition::PreventingUnlawfulActs)
    );
    assert!(t.has_special_category_data(), "the party goes too");
    choose(
        &mut s,
        "Transfer's Article 9 condition",
        "Art. 9(2)(g) with DPA 2018 Sch. 1 para. 6 (statutory and government purposes)",
    );
    assert_eq!(
        plan(&s)
            .candidate_data
            .transfers
            .last()
            .unwrap()
            .special_category,
        Some(SpecialCategoryCondition::StatutoryPurposes)
    );
    choose(&mut s, "Transfer's Article 9 condition", "Not set");
    assert!(
        s.harness
            .query_by_label_contains("does not record the Article 9 condition")
            .is_some(),
        "the readiness panel says what is missing"
    );
}

#[test]
fn the_hand_in_check_says_what_reg_82b_requires() {
    let mut s = example_app();
    go_to(&mut s, "7. Fraud monitoring");
    click(&mut s, "Postal votes handed in by one person");
    assert!(
        s.harness
            .query_by_label_contains("Statutory limit 5, for every contest in the plan")
            .is_some()
    );
    click(&mut s, "Check a hand-in (reg. 82B)");
    type_into(&mut s, "Other electors' documents handed in now", "6");
    assert!(
        s.harness
            .query_by_label_contains("Reject all the other electors' documents handed in now")
            .is_some(),
        "six others at once: 82B(1)(b)"
    );
    type_into(&mut s, "Other electors' documents handed in now", "2");
    type_into(
        &mut s,
        "Other electors' documents accepted from them earlier",
        "4",
    );
    assert!(
        s.harness
            .query_by_label_contains("Reject this batch")
            .is_some(),
        "four earlier and two now: 82B(1)(c)"
    );
    type_into(
        &mut s,
        "Other electors' documents accepted from them earlier",
        "0",
    );
    type_into(&mut s, "Proxy postal ballot papers handed in now", "4");
    assert!(
        s.harness
            .query_by_label_contains("more than 1 other elector (reg. 82B(1)(b))")
            .is_some(),
        "four proxy papers leave one: 82B(2)"
    );
}

#[test]
fn fraud_observations_are_recorded_and_change_the_state() {
    let mut s = example_app();
    go_to(&mut s, "7. Fraud monitoring");
    click(&mut s, "Add indicator");
    type_into(&mut s, "Action level", "5");
    type_into(&mut s, "Warning level", "3");
    let id = plan(&s).indicators.last().unwrap().id;
    type_into(&mut s, "Value", "4");
    click(&mut s, "Record observation");
    let ind = plan(&s).indicators.iter().find(|i| i.id == id).unwrap();
    assert_eq!(ind.observations.len(), 1);
    assert_eq!(ind.observations[0].value, 4.0);
    assert_eq!(
        ind.state(None),
        integrity_planner::model::IndicatorState::Warning
    );
    // A value that is not a number cannot be recorded.
    type_into(&mut s, "Value", "four");
    assert!(
        s.harness
            .query_by_label("The value must be a number")
            .is_some()
    );
    click(&mut s, "Record observation");
    assert_eq!(
        plan(&s)
            .indicators
            .iter()
            .find(|i| i.id == id)
            .unwrap()
            .observations
            .len(),
        1
    );
}

#[test]
fn the_custody_quick_entry_records_a_handover_in_the_chain() {
    let mut s = example_app();
    go_to(&mut s, "12. Ballot security and custody");
    let events = plan(&s).custody.events.len();
    let label = plan(&s)
        .custody
        .items
        .iter()
        .find(|i| i.kind == integrity_planner::model::ItemKind::BallotBox)
        .unwrap()
        .label
        .clone();
    type_into(&mut s, "Log", "count-table-3");
    type_into(&mut s, "Item label", &label);
    type_into(&mut s, "Received by", "Count table 3");
    click(&mut s, "Record handover (Enter)");
    let p = plan(&s);
    assert_eq!(p.custody.events.len(), events + 1);
    let e = p.custody.events.last().unwrap();
    assert_eq!(
        (e.log.as_str(), e.seq, e.to.as_str()),
        ("count-table-3", 1, "Count table 3")
    );
    assert!(integrity_planner::custody::verify(&p.custody).is_empty());
    // Undo removes the recording.
    s.harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    s.harness.run();
    assert_eq!(plan(&s).custody.events.len(), events);
}

#[test]
fn a_readiness_finding_takes_you_to_the_entity() {
    let mut s = example_app();
    let finding = s.harness.get_by_label_contains("is at its warning level");
    finding.click();
    s.harness.run();
    // The fraud screen shows the indicator's form.
    assert!(s.harness.query_by_label("Record observation").is_some());
}

/// The export prompts' choice of the redacted copy.
const REDACTED_COPY: &str = "Redacted copy — people's contact details, candidates' details, \
                             referrals, withheld venues and hotspots, and security detail left out";

#[test]
fn custody_sheets_from_the_window_are_printed_for_the_chosen_copy() {
    use integrity_planner::export::{Profile, custody_sheets_pdf};
    let mut s = example_app();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sheets.pdf");
    *s.answers.pdf.lock().unwrap() = Some(out.clone());
    s.harness
        .state_mut()
        .command(integrity_planner::ui::Command::CustodySheets);
    s.harness.run();
    s.harness.get_by_label("Print custody sheets");
    click(&mut s, REDACTED_COPY);
    click(&mut s, "Save…");
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(
        bytes,
        custody_sheets_pdf(plan(&s), Profile::Redacted).unwrap(),
        "the redacted sheets were written"
    );
    assert_ne!(
        bytes,
        custody_sheets_pdf(plan(&s), Profile::Full).unwrap(),
        "the example withholds something from its redacted sheets"
    );
}

#[test]
fn export_from_the_window_writes_the_chosen_copy() {
    let mut s = example_app();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plan.pdf");
    let issued = plan(&s).overview.issued_copies.len();
    *s.answers.pdf.lock().unwrap() = Some(out.clone());
    s.harness.key_press_modifiers(Modifiers::COMMAND, Key::P);
    s.harness.run();
    click(&mut s, REDACTED_COPY);
    click(&mut s, "Export…");
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(
        bytes,
        integrity_planner::export::plan_pdf(plan(&s), integrity_planner::export::Profile::Redacted)
            .unwrap()
    );
    // The export is logged in the plan as an issued copy of what it contained.
    let copies = &plan(&s).overview.issued_copies;
    assert_eq!(copies.len(), issued + 1);
    let copy = copies.last().unwrap();
    assert_eq!(copy.profile, integrity_planner::model::CopyKind::Redacted);
    assert_eq!(
        copy.fingerprint,
        integrity_planner::model::Fingerprint::of(plan(&s))
    );
}

#[test]
fn the_file_menu_exports_the_chosen_copy_as_a_workbook_and_records_nothing() {
    let mut s = example_app();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plan.xlsx");
    let before = plan(&s).clone();
    *s.answers.workbook.lock().unwrap() = Some(out.clone());
    click(&mut s, "File");
    click(&mut s, "Export workbook…");
    click(&mut s, REDACTED_COPY);
    click(&mut s, "Save…");
    assert_eq!(
        std::fs::read(&out).unwrap(),
        integrity_planner::export::workbook::workbook(
            plan(&s),
            integrity_planner::export::Profile::Redacted
        )
        .unwrap()
    );
    assert_eq!(plan(&s), &before, "an export changes nothing in the plan");
    assert!(
        status(&s).starts_with("Exported the redacted copy as a workbook"),
        "{}",
        status(&s)
    );
}

#[test]
fn a_damaged_file_is_reported_in_the_window_and_nothing_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.plan.ron");
    std::fs::write(&path, "Plan(format_version: 2, overview: (").unwrap();
    let mut s = app_with(Some(&path));
    s.harness.run();
    assert!(s.harness.state().plan().is_none());
    assert!(
        s.harness
            .query_by_label_contains("ends unexpectedly")
            .is_some()
            || s.harness.query_by_label_contains("bad.plan.ron").is_some()
    );
    click(&mut s, "OK");
}

/// A copy of the example in a folder of its own, opened in the app.
#[test]
fn a_save_writes_the_plan_as_it_was_when_asked_and_edits_made_meanwhile_stay_unsaved() {
    let (mut s, _dir, path) = example_copy_app();
    go_to(&mut s, "10. Integrity hotspots");
    let before = plan(&s).hotspots.len();
    // The save is written off the UI thread from a snapshot taken at Ctrl+S; the next click edits
    // the plan whether or not the write has finished.
    s.harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    s.harness.run();
    s.harness.get_by_label("Add hotspot").click();
    s.harness.run();
    settle(&mut s);
    assert_eq!(plan(&s).hotspots.len(), before + 1);
    assert_eq!(
        storage::load(&path).unwrap().hotspots.len(),
        before,
        "the file holds the plan as it was when the save was asked for"
    );
    assert!(s.harness.state().is_dirty(), "the later edit is not saved");
    save_keys(&mut s);
    assert!(!s.harness.state().is_dirty());
    assert_eq!(storage::load(&path).unwrap().hotspots.len(), before + 1);
}

#[test]
fn a_save_that_fails_off_the_ui_thread_is_shown_as_an_error_and_the_work_stays_open() {
    let (mut s, dir, _path) = example_copy_app();
    go_to(&mut s, "10. Integrity hotspots");
    click(&mut s, "Add hotspot");
    // Save as into a folder that is a file: nothing can be written there.
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, "x").unwrap();
    *s.answers.save.lock().unwrap() = Some(blocker.join("plan.plan.ron"));
    s.harness
        .state_mut()
        .command(integrity_planner::ui::Command::SaveAs);
    s.harness.run();
    settle(&mut s);
    // In the modal, with the reason, and in the status bar, not only in the title.
    s.harness.get_by_label("Something went wrong");
    s.harness
        .get_by_label_contains("The plan could not be saved: ");
    assert_eq!(status(&s), "The plan could not be saved");
    assert!(
        s.harness.state().is_dirty(),
        "the work is still open, unsaved"
    );
}

fn example_copy_app() -> (Setup, tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copy.plan.ron");
    std::fs::copy(EXAMPLE, &path).unwrap();
    let mut s = app_with(Some(&path));
    s.harness.run();
    (s, dir, path)
}

/// What a node reads out: a label's text (AccessKit keeps it as the value), or another widget's name.
fn spoken(node: &egui_kittest::Node<'_>) -> String {
    use egui::accesskit::Role;
    let n = node.accesskit_node();
    let text = if n.role() == Role::Label {
        n.value()
    } else {
        n.label()
    };
    text.unwrap_or_default()
}

/// The text in the field labelled `label`.
fn value_of(s: &Setup, label: &str) -> String {
    field(s, label).accesskit_node().value().unwrap_or_default()
}

#[test]
fn typing_on_after_a_save_is_an_unsaved_change_the_lists_show_and_closing_asks_about() {
    let (mut s, _dir, path) = example_copy_app();
    go_to(&mut s, "8. Safety concerns and escalation");
    click(&mut s, "Add level");
    field(&s, "Name").focus();
    s.harness.run();
    s.harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    field(&s, "Name").type_text("DC S");
    s.harness.run();
    save_keys(&mut s);
    assert!(!s.harness.state().is_dirty());
    assert!(
        field(&s, "Name").is_focused(),
        "saving keeps the field being typed in"
    );
    assert_eq!(
        storage::load(&path)
            .unwrap()
            .escalation
            .last()
            .unwrap()
            .name,
        "DC S"
    );
    // Still in the same field, the user types on.
    field(&s, "Name").type_text("a");
    s.harness.run();
    assert_eq!(plan(&s).escalation.last().unwrap().name, "DC Sa");
    assert!(
        s.harness.state().is_dirty(),
        "typing after a save is not saved"
    );
    assert!(s.harness.state().title().starts_with('●'));
    let shown: Vec<String> = s
        .harness
        .query_all_by_label_contains("DC S")
        .map(|n| spoken(&n))
        .collect();
    assert!(
        shown.iter().any(|l| l.ends_with(" DC Sa")) && !shown.iter().any(|l| l.ends_with(" DC S")),
        "the list shows what was typed, not the value at the save: {shown:?}"
    );
    s.harness.state_mut().request_quit();
    s.harness.run();
    assert!(s.harness.state().is_asking_to_save());
    click(&mut s, "Save");
    assert_eq!(
        storage::load(&path)
            .unwrap()
            .escalation
            .last()
            .unwrap()
            .name,
        "DC Sa"
    );
    assert!(s.harness.state().is_quitting());
}

/// Records a handover of the first ballot box in the quick entry; returns the number of events before.
fn record_a_handover(s: &mut Setup) -> usize {
    go_to(s, "12. Ballot security and custody");
    let events = plan(s).custody.events.len();
    let label = plan(s)
        .custody
        .items
        .iter()
        .find(|i| i.kind == integrity_planner::model::ItemKind::BallotBox)
        .unwrap()
        .label
        .clone();
    type_into(s, "Item label", &label);
    type_into(s, "Received by", "Count table 3");
    click(s, "Record handover (Enter)");
    assert_eq!(plan(s).custody.events.len(), events + 1);
    events
}

#[test]
fn a_saved_custody_event_is_never_undone_and_each_machine_has_its_own_log() {
    let (mut s, _dir, path) = example_copy_app();
    // The desk's log is this machine's own, not a name every laptop shares.
    go_to(&mut s, "12. Ballot security and custody");
    let log = value_of(&s, "Log");
    assert!(
        log.starts_with("receipt-") && log != "count-receipt",
        "{log}"
    );
    let before = record_a_handover(&mut s);
    let recorded = plan(&s).custody.events.last().unwrap().clone();
    assert_eq!(recorded.log, log);
    assert_eq!(plan(&s).custody.writers_of(&log).count(), 1);
    save_keys(&mut s);
    s.harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    s.harness.run();
    assert_eq!(
        plan(&s).custody.events.len(),
        before + 1,
        "undo kept the saved event"
    );
    assert!(
        s.harness
            .query_by_label_contains("cannot be undone")
            .is_some(),
        "the user is told why, and what to do"
    );
    let told = spoken(&s.harness.get_by_label_contains("cannot be undone"));
    assert!(told.contains("record a correction"), "{told}");
    assert!(!s.harness.state().is_dirty(), "nothing changed");
    let saved = storage::load(&path).unwrap();
    assert_eq!(saved.custody.events.last().unwrap(), &recorded);
    let o = integrity_planner::validate::validate(
        &saved,
        &integrity_planner::validate::Context::on(NaiveDate::from_ymd_opt(2027, 5, 7).unwrap()),
    );
    assert!(
        !o.iter().any(|f| f.code.code() == "custody.truncated"),
        "no false alarm"
    );
}

#[test]
fn a_time_far_outside_its_stage_asks_before_recording() {
    let mut s = example_app();
    go_to(&mut s, "12. Ballot security and custody");
    let events = plan(&s).custody.events.len();
    let label = plan(&s).custody.items[1].label.clone();
    type_into(&mut s, "Item label", &label);
    type_into(&mut s, "Received by", "Count table 3");
    type_into(&mut s, "When", "2028-05-07 01:30");
    assert!(
        s.harness
            .query_by_label_contains("expected between")
            .is_some()
    );
    click(&mut s, "Record handover (Enter)");
    assert_eq!(plan(&s).custody.events.len(), events, "not recorded yet");
    click(&mut s, "The time is right: record it anyway");
    click(&mut s, "Record handover (Enter)");
    assert_eq!(plan(&s).custody.events.len(), events + 1);
}

/// Another program (another laptop's import, say) adds a custody event to the file behind the app's back.
fn changed_behind_the_apps_back(path: &Path) -> integrity_planner::model::CustodyEventId {
    let mut theirs = storage::load(path).unwrap();
    let item = theirs.custody.items[1].id;
    let id = integrity_planner::custody::record(
        &mut theirs.custody,
        "table-7",
        integrity_planner::custody::NewEvent {
            item,
            at: theirs.overview.poll_date.and_hms_opt(23, 10, 0).unwrap(),
            stage: integrity_planner::model::CustodyStage::ReceiptAtCount,
            location: String::new(),
            from: String::new(),
            to: "Table 7".into(),
            seals_seen: Vec::new(),
            seals_intact: true,
            witness: String::new(),
            notes: String::new(),
            corrects: None,
        },
    )
    .id;
    storage::save(&mut theirs, path).unwrap();
    id
}

#[test]
fn a_file_changed_by_another_copy_is_never_overwritten_unasked() {
    let (mut s, dir, path) = example_copy_app();
    go_to(&mut s, "10. Integrity hotspots");
    click(&mut s, "Add hotspot");
    let theirs = changed_behind_the_apps_back(&path);
    let on_disk = std::fs::read(&path).unwrap();
    save_keys(&mut s);
    assert_eq!(std::fs::read(&path).unwrap(), on_disk, "nothing written");
    assert!(
        s.harness
            .query_by_label("The file was changed by another copy")
            .is_some()
    );
    assert!(
        s.harness
            .query_by_label_contains("Sections that differ: Integrity hotspots")
            .is_some()
    );
    assert!(
        s.harness
            .query_by_label_contains("The file has 1 custody event this window does not.")
            .is_some()
    );
    // Merge their custody events: both the hotspot and their event end up in the file.
    click(&mut s, "Merge their custody events");
    let saved = storage::load(&path).unwrap();
    assert!(saved.custody.events.iter().any(|e| e.id == theirs));
    assert_eq!(saved.hotspots.len(), plan(&s).hotspots.len());
    assert!(!s.harness.state().is_dirty());

    // Reload theirs: the file's version replaces the window's.
    go_to(&mut s, "10. Integrity hotspots");
    click(&mut s, "Add hotspot");
    let ours = plan(&s).hotspots.len();
    changed_behind_the_apps_back(&path);
    save_keys(&mut s);
    click(&mut s, "Reload theirs");
    assert_eq!(plan(&s), &storage::load(&path).unwrap());
    assert_eq!(plan(&s).hotspots.len(), ours - 1);

    // Save elsewhere: the window's version goes to another file, theirs stays.
    go_to(&mut s, "10. Integrity hotspots");
    click(&mut s, "Add hotspot");
    changed_behind_the_apps_back(&path);
    let theirs_now = std::fs::read(&path).unwrap();
    let elsewhere = dir.path().join("mine.plan.ron");
    *s.answers.save.lock().unwrap() = Some(elsewhere.clone());
    save_keys(&mut s);
    click(&mut s, "Save elsewhere…");
    assert_eq!(std::fs::read(&path).unwrap(), theirs_now);
    assert_eq!(storage::load(&elsewhere).unwrap().hotspots.len(), ours);
}

#[test]
fn an_earlier_version_can_be_restored_from_the_file_menu() {
    let (mut s, _dir, path) = example_copy_app();
    let original_title = plan(&s).overview.title.clone();
    type_into(&mut s, "Title", "Changed title");
    save_keys(&mut s);
    let with_event = record_a_handover(&mut s) + 1;
    s.harness
        .state_mut()
        .command(integrity_planner::ui::Command::RestoreVersion);
    s.harness.run();
    click(&mut s, "Restore this version");
    assert_eq!(plan(&s).overview.title, original_title);
    assert_eq!(
        plan(&s).custody.events.len(),
        with_event,
        "custody events recorded since are kept"
    );
    assert!(s.harness.state().is_dirty());
    save_keys(&mut s);
    assert_eq!(storage::load(&path).unwrap().overview.title, original_title);
}

#[test]
fn control_characters_are_refused_at_input() {
    let mut s = example_app();
    let before = plan(&s).overview.authority.clone();
    field(&s, "Authority").focus();
    s.harness.run();
    field(&s, "Authority").type_text("\u{1b}[2J\u{0}");
    s.harness.run();
    assert_eq!(plan(&s).overview.authority, before);
    assert!(
        s.harness
            .query_by_label_contains("control character U+001B")
            .is_some()
    );
}

#[test]
fn the_overview_sets_the_nation_and_days_of_mourning_the_timetable_counts_in() {
    let mut s = example_app();
    type_into(&mut s, "Days of thanksgiving or mourning", "2027-04-29");
    assert_eq!(
        plan(&s).overview.disregarded_days,
        [NaiveDate::from_ymd_opt(2027, 4, 29).unwrap()]
    );
    let request = integrity_planner::timetable::Request::for_plan(plan(&s));
    let t = integrity_planner::timetable::compute(&request).unwrap();
    assert_eq!(
        t.date_of(integrity_planner::model::Milestone::ProxyDeadline),
        NaiveDate::from_ymd_opt(2027, 4, 26),
        "the day is passed over"
    );
    type_into(&mut s, "Days of thanksgiving or mourning", "29 April");
    assert_eq!(
        plan(&s).overview.disregarded_days.len(),
        1,
        "not a date: not saved"
    );
}

/// The editor started again on the same machine (the same data folder), after one frame.
fn next_run(s: &Setup) -> Harness<'static, PlannerApp> {
    let data = s._data.path().to_owned();
    let again = PlannerApp::with(data, Box::new(Answers::default()), Some(now()));
    let mut next = Harness::builder()
        .with_size(egui::vec2(1500.0, 1000.0))
        .build_ui_state(|ui, app: &mut PlannerApp| app.show(ui), again);
    next.run();
    next
}

/// The status bar's words (the notice while it holds, else where the plan stands).
fn status(s: &Setup) -> String {
    s.harness
        .state()
        .status()
        .map_or_else(|| "(state)".to_owned(), str::to_owned)
}

#[test]
fn the_status_says_saved_only_until_the_plan_changes_again() {
    let (mut s, _dir, _path) = example_copy_app();
    save_keys(&mut s);
    assert!(status(&s).starts_with("Saved "), "{}", status(&s));
    type_into(&mut s, "Authority", "Northmere Council");
    assert_eq!(status(&s), "(state)", "no \"Saved\" after a later edit");
    assert!(s.harness.query_by_label("Unsaved changes").is_some());
}

#[test]
fn dont_save_then_a_failed_open_leaves_the_plan_open_with_its_changes() {
    let (mut s, dir, _path) = example_copy_app();
    type_into(&mut s, "Authority", "Northmere Council");
    let not_a_plan = dir.path().join("notes.plan.ron");
    std::fs::write(&not_a_plan, "this is not a plan").unwrap();
    *s.answers.open.lock().unwrap() = Some(not_a_plan);
    s.harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    s.harness.run();
    click(&mut s, "Don't save");
    assert!(s.harness.query_by_label("Something went wrong").is_some());
    click(&mut s, "OK");
    let app = s.harness.state();
    assert_eq!(plan(&s).overview.authority, "Northmere Council");
    assert!(
        app.is_dirty(),
        "the changes are still unsaved, and the window says so"
    );
    assert!(app.title().starts_with('●'), "{}", app.title());
}

#[test]
fn ctrl_equals_zooms_even_while_typing_and_the_zoom_is_kept_for_the_next_run() {
    let mut s = example_app();
    field(&s, "Authority").focus();
    s.harness.run();
    s.harness
        .key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    s.harness.run();
    let zoom = s.harness.ctx.zoom_factor();
    assert!(zoom > 1.0, "Ctrl+= zoomed in: {zoom}");
    let next = next_run(&s);
    assert!(
        (next.ctx.zoom_factor() - zoom).abs() < 1e-3,
        "kept between runs"
    );
}

#[test]
fn file_exit_asks_about_unsaved_changes_then_closes() {
    let mut s = example_app();
    type_into(&mut s, "Authority", "Northmere Council");
    s.harness.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    s.harness.run();
    assert!(s.harness.state().is_asking_to_save());
    click(&mut s, "Don't save");
    assert!(s.harness.state().is_quitting());
}

#[test]
fn an_export_offers_to_open_the_pdf_and_show_its_folder() {
    let (mut s, dir, _path) = example_copy_app();
    let pdf = dir.path().join("out.pdf");
    *s.answers.pdf.lock().unwrap() = Some(pdf.clone());
    s.harness.key_press_modifiers(Modifiers::COMMAND, Key::P);
    s.harness.run();
    click(&mut s, "Export…");
    assert!(pdf.is_file());
    assert!(
        status(&s).starts_with("Exported the full copy"),
        "{}",
        status(&s)
    );
    assert!(s.harness.query_by_label("Open the PDF").is_some());
    assert!(s.harness.query_by_label("Show in folder").is_some());
}

#[test]
fn without_a_native_dialog_the_editor_shows_its_own_chooser() {
    let (mut s, dir, _path) = example_copy_app();
    *s.answers.unavailable.lock().unwrap() = true;
    let other = dir.path().join("other.plan.ron");
    std::fs::copy(EXAMPLE, &other).unwrap();
    s.harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    s.harness.run();
    assert!(
        s.harness.query_by_label("Open plan").is_some(),
        "the chooser is showing"
    );
    assert!(
        s.harness.query_by_label("other.plan.ron").is_some(),
        "it lists the plans in the open plan's folder"
    );
    type_into(&mut s, "File name or path", "other.plan.ron");
    click(&mut s, "Open");
    assert_eq!(
        s.harness.state().title(),
        "other.plan.ron — Election Integrity Planner"
    );
}

#[test]
fn a_new_entry_is_in_view_with_its_first_field_focused() {
    let mut s = example_app();
    go_to(&mut s, "2. People and roles");
    click(&mut s, "Add person");
    s.harness.run();
    assert!(
        field(&s, "Name").is_focused(),
        "the keyboard is in the new person's name"
    );
    s.harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    field(&s, "Name").type_text("Cerys Morgan");
    s.harness.run();
    assert_eq!(plan(&s).people.last().unwrap().name, "Cerys Morgan");
}

#[test]
fn the_theme_is_chosen_in_words_and_kept_for_the_next_run() {
    let mut s = example_app();
    click(&mut s, "View");
    click(&mut s, "Theme: dark");
    assert_eq!(
        s.harness.ctx.options(|o| o.theme_preference),
        egui::ThemePreference::Dark
    );
    s.harness.run();
    let next = next_run(&s);
    assert_eq!(
        next.ctx.options(|o| o.theme_preference),
        egui::ThemePreference::Dark,
        "kept between runs"
    );
}

#[test]
fn an_export_from_the_window_can_be_issued_to_a_recipient_and_numbered() {
    let mut s = example_app();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("copy.pdf");
    *s.answers.pdf.lock().unwrap() = Some(out.clone());
    let list = plan(&s).overview.distribution.clone();
    let (index, entry) = list
        .iter()
        .enumerate()
        .filter(|(_, d)| d.copy == integrity_planner::model::CopyKind::Full)
        .nth(2)
        .expect("the example lists three full copies");
    let full = list
        .iter()
        .filter(|d| d.copy == integrity_planner::model::CopyKind::Full)
        .count();
    s.harness.key_press_modifiers(Modifiers::COMMAND, Key::P);
    s.harness.run();
    click(&mut s, "Issued to");
    click(
        &mut s,
        &format!("{}, {}", entry.recipient, entry.organisation),
    );
    click(&mut s, "Export…");
    let copy = plan(&s).overview.issued_copies.last().unwrap().clone();
    let to = copy.recipient.unwrap_or_default();
    assert!(to.starts_with(&entry.recipient), "issued to {to}");
    assert_eq!(
        copy.copy_number,
        Some(3),
        "entry {index} is the third full copy"
    );
    assert_eq!(copy.copies, Some(full as u32));
    let text = std::fs::read(&out).unwrap();
    assert!(!text.is_empty());
}

#[test]
fn venues_are_imported_through_a_dialog_with_a_preview_and_undone_in_one_step() {
    use egui_kittest::kittest::NodeT as _;
    let mut s = example_app();
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("stations.csv");
    std::fs::write(
        &csv,
        "Polling Place,District,Station,Address 1,Postcode\n\
         Hollins Hall,NZ9,1,5 Hollins Rd,NM4 2QQ\n\
         Hollins Hall,NZ9,2,5 Hollins Rd,NM4 2QQ\n",
    )
    .unwrap();
    *s.answers.table.lock().unwrap() = Some(csv);
    let before = plan(&s).venues.venues.clone();
    click(&mut s, "File");
    click(&mut s, "Import venues…");
    // Its headings are not field names, so nothing is mapped until the mapping says.
    assert!(
        s.harness
            .query_by_label_contains("No column is mapped")
            .is_some()
    );
    type_into(
        &mut s,
        "Column mapping",
        "Polling Place=name,District=polling_district,Station=station_number,\
         Address 1+Postcode=address",
    );
    assert!(
        s.harness
            .query_by_label_contains("2 to add, 0 to update")
            .is_some(),
        "the preview follows the mapping"
    );
    click(&mut s, "Import");
    let after = &plan(&s).venues.venues;
    assert_eq!(after.len(), before.len() + 2);
    let new = &after[before.len()..];
    assert!(
        new.iter()
            .all(|v| v.name == "Hollins Hall" && v.address == "5 Hollins Rd, NM4 2QQ")
    );
    assert_eq!(
        new.iter().map(|v| v.station_number).collect::<Vec<_>>(),
        [Some(1), Some(2)]
    );
    s.harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    s.harness.run();
    assert_eq!(
        plan(&s).venues.venues,
        before,
        "one undo step takes the import back"
    );

    // The mapping was kept for these headings; a bad row is refused and Import stays disabled.
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "Polling Place,District,Station,Address 1,Postcode\nHollins Hall,NZ9,twelve,,\n",
    )
    .unwrap();
    *s.answers.table.lock().unwrap() = Some(bad);
    s.harness
        .state_mut()
        .command(integrity_planner::ui::Command::ImportVenues);
    s.harness.run();
    assert!(
        s.harness
            .query_by_label_contains("kept from your last import")
            .is_some()
    );
    assert!(
        s.harness
            .query_by_label_contains("\u{201c}twelve\u{201d} is not a station number")
            .is_some()
    );
    assert!(
        s.harness
            .get_by_label("Import")
            .accesskit_node()
            .is_disabled()
    );
    click(&mut s, "Cancel");
    assert_eq!(plan(&s).venues.venues, before);
    assert!(
        s.harness.query_by_label("Import").is_none(),
        "the dialog closed"
    );
}
