//! The custody screen driven by its labels and keys, as a count hall uses it: quick entry records a
//! handover, the stage is chosen from the keyboard, a time after midnight lands on the next day, a
//! scanner's burst in one frame fills two fields, and the log offers no way to change the record.

use super::keys::tests::enter;
use chrono::NaiveDateTime;
use egui::{Event, Key};

use crate::model::{CustodyItem, ItemKind, Plan, Section};
use crate::ui::test_harness::{App, date};

/// An item of `kind` with events, all of them before `before`.
fn an_item(plan: &Plan, kind: ItemKind, before: NaiveDateTime) -> CustodyItem {
    plan.custody
        .items
        .iter()
        .filter(|i| i.kind == kind)
        .find(|i| {
            let mut events = plan.custody.events.iter().filter(|e| e.item == i.id);
            let last = events.clone().map(|e| e.at).max();
            last.is_some_and(|at| at < before) && events.all(|e| e.corrects.is_none())
        })
        .expect("the example has such an item")
        .clone()
}

/// A ballot box of the example.
fn a_ballot_box(plan: &Plan) -> CustodyItem {
    an_item(
        plan,
        ItemKind::BallotBox,
        date(2028, 1, 1).and_hms_opt(0, 0, 0).unwrap(),
    )
}

fn quick_entry(now: NaiveDateTime) -> App {
    let mut app = App::example_at(now);
    app.go_to(Section::Custody);
    app
}

#[test]
fn quick_entry_records_a_handover_by_label() {
    let mut app = quick_entry(crate::ui::test_harness::now());
    let events = app.plan().custody.events.len();
    let item = a_ballot_box(app.plan());
    app.type_into("Log", "count-table-3");
    app.type_into("Item label", &item.label);
    app.type_into("Received by", "Count table 3");
    app.click("Record handover (Enter)");
    let p = app.plan();
    assert_eq!(p.custody.events.len(), events + 1);
    let e = p.custody.events.last().unwrap();
    assert_eq!(
        (e.item, e.log.as_str(), e.seq, e.to.as_str()),
        (item.id, "count-table-3", 1, "Count table 3")
    );
    assert!(
        crate::custody::verify(&p.custody).is_empty(),
        "the chain holds"
    );
    assert!(app.shows(&format!("Recorded {}", item.label)));
    assert_eq!(app.value_of("Item label"), "", "ready for the next box");
    assert!(app.field("Item label").is_focused());
}

#[test]
fn the_stage_is_chosen_with_the_arrow_keys_and_enter_and_escape_keeps_the_field() {
    let mut app = quick_entry(crate::ui::test_harness::now());
    assert!(app.shows("Chosen: Receipt at count"));
    app.focus("Stage");
    // The list opens at the stage chosen, and the arrow keys move down it.
    assert!(!app.options("Verification").is_empty(), "the list is open");
    app.press(Key::ArrowDown);
    app.press(Key::Enter);
    assert!(app.shows("Chosen: Verification"), "the next stage down");
    app.focus("Stage");
    app.press(Key::ArrowDown);
    app.press(Key::ArrowDown);
    app.press(Key::ArrowUp);
    app.press(Key::Enter);
    assert!(app.shows("Chosen: Count"), "down two, up one");
    // Typing filters the list; Escape closes it, choosing nothing, and the keyboard stays.
    app.focus("Stage");
    app.field("Stage").type_text("destr");
    app.run();
    assert_eq!(app.options("Destruction"), ["Destruction"]);
    assert!(app.options("Verification").is_empty(), "filtered out");
    app.press(Key::Escape);
    assert!(app.options("Destruction").is_empty(), "the list closed");
    assert!(app.shows("Chosen: Count"), "nothing chosen");
    assert!(
        app.field("Stage").is_focused(),
        "the Stage field keeps the keyboard"
    );
    assert_eq!(app.value_of("Stage"), "", "what was typed is cleared");
}

#[test]
fn a_time_typed_after_midnight_is_on_the_day_after_the_last_event() {
    // The desk types up the night's paper log the next morning: 01:30 cannot mean today.
    let mut app = quick_entry(date(2027, 5, 8).and_hms_opt(10, 0, 0).unwrap());
    let night = date(2027, 5, 6).and_hms_opt(23, 50, 0).unwrap();
    // The postal vote pack brought from the last opening session, received at 22:05.
    let item = an_item(app.plan(), ItemKind::PostalVotePack, night);
    app.type_into("Item label", &item.label);
    app.type_into("Received by", "Count receipt desk");
    app.type_into("When", "6/5/2027 23:50");
    app.click("Record handover (Enter)");
    let late = app.plan().custody.events.last().unwrap().clone();
    assert_eq!((late.item, late.at), (item.id, night));
    app.type_into("Item label", &item.label);
    app.type_into("Received by", "Verification table 2");
    app.type_into("When", "01:30");
    app.click("Record handover (Enter)");
    let next = app.plan().custody.events.last().unwrap();
    assert_eq!(next.item, item.id);
    assert_eq!(next.at, date(2027, 5, 7).and_hms_opt(1, 30, 0).unwrap());
    assert_eq!(
        next.from, "Count receipt desk",
        "handed over by who last held it"
    );
}

#[test]
fn a_scanner_burst_in_one_frame_fills_the_label_and_the_seals() {
    let mut app = quick_entry(crate::ui::test_harness::now());
    let before = app.plan().clone();
    let item = a_ballot_box(app.plan());
    app.focus("Item label");
    app.harness.input_mut().events.extend([
        Event::Text(item.label.clone()),
        enter(),
        Event::Text("S-004512".into()),
        enter(),
    ]);
    app.harness.step();
    assert_eq!(app.value_of("Item label"), item.label);
    assert_eq!(app.value_of("Seals seen"), "S-004512");
    app.run();
    assert!(
        app.field("Received by").is_focused(),
        "the keyboard moves on"
    );
    assert_eq!(
        app.plan(),
        &before,
        "nothing is recorded until it is complete"
    );
}

#[test]
fn the_custody_log_offers_no_add_remove_or_reorder() {
    let mut app = quick_entry(crate::ui::test_harness::now());
    app.click("Custody log");
    let n = app.plan().custody.events.len();
    assert!(app.shows(&format!("{n} events")));
    assert!(
        app.buttons("Remove").is_empty(),
        "{:?}",
        app.buttons("Remove")
    );
    assert!(app.buttons("Move ").is_empty());
    assert!(app.buttons("Add").is_empty(), "{:?}", app.buttons("Add"));
}

#[test]
fn the_items_tab_adds_and_labels_an_item() {
    let mut app = quick_entry(crate::ui::test_harness::now());
    app.click("Items and timelines");
    let n = app.plan().custody.items.len();
    app.click("Add item");
    assert_eq!(app.plan().custody.items.len(), n + 1);
    app.type_into("Label", "ZZ/9");
    assert_eq!(app.last::<CustodyItem>().label, "ZZ/9");
    app.removes::<CustodyItem>(n);
}

#[test]
fn the_count_security_tab_records_police_search_passes_and_declaration_by_label() {
    let mut app = App::example();
    app.go_to(Section::Custody);
    app.click("Count security");
    let declared = app.plan().custody.count_security.declaration.clone();
    assert!(
        !declared.is_empty(),
        "the example has declaration arrangements"
    );
    app.choose(
        "Police attendance",
        "Police do not attend (called if needed)",
    );
    app.type_into("Officers attending", "None: 101 and the SPOC if needed");
    app.choose("Search signed off by", "Laura Benn — Count manager");
    app.type_into("Search signed off at", "2027-05-06 19:10");
    app.type_into("Pass and accreditation system", "Yellow passes for agents");
    app.type_into("Declaration arrangements", "From the stage");
    let s = &app.plan().custody.count_security;
    assert_eq!(
        s.police.decision,
        crate::model::PoliceAttendanceDecision::NotAttending
    );
    assert_eq!(s.police.officers, "None: 101 and the SPOC if needed");
    let signed = s.search.signed_off_by;
    assert_eq!(app.plan().person_name(signed), "Laura Benn");
    assert_eq!(
        s.search.signed_off_at,
        Some(date(2027, 5, 6).and_hms_opt(19, 10, 0).unwrap())
    );
    assert_eq!(s.passes, "Yellow passes for agents");
    assert_eq!(s.declaration, "From the stage");
    // The screen says what the sign-off must precede.
    assert!(app.shows("first receipt at the count recorded in the custody log"));
    // One undo step per field: the declaration comes off first.
    app.harness
        .key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    app.run();
    let s = &app.plan().custody.count_security;
    assert_eq!(s.declaration, declared);
    assert_eq!(
        s.passes, "Yellow passes for agents",
        "only the last field undone"
    );
}

/// Quick entry will not record a sealed packet of corresponding number lists as opened: only a
/// court may order that. It says why, and the log is unchanged; the same desk may record the
/// packet's retention.
#[test]
fn quick_entry_refuses_to_open_a_packet_only_a_court_may_open() {
    use crate::model::PacketContents;
    let mut app = quick_entry(crate::ui::test_harness::now());
    let packet = app
        .plan()
        .custody
        .items
        .iter()
        .find(|i| i.contents.is_some_and(PacketContents::court_only))
        .expect("the example has a court-only packet")
        .clone();
    let events = app.plan().custody.events.len();
    app.type_into("Log", "packets");
    app.type_into("Item label", &packet.label);
    app.type_into("Received by", "Registration officer");
    app.focus("Stage");
    app.field("Stage").type_text("packet opened");
    app.run();
    app.press(Key::Enter);
    assert!(app.shows("Chosen: Packet opened"));
    assert!(app.shows("Cannot record"), "the reason is shown");
    assert!(app.shows("only a court"));
    app.click("Record handover (Enter)");
    assert_eq!(app.plan().custody.events.len(), events, "nothing recorded");
    // Enter in the last field asks to record, and is refused with the reason.
    app.focus("Notes");
    app.press(Key::Enter);
    assert_eq!(app.plan().custody.events.len(), events, "nothing recorded");
    assert!(app.shows("Not recorded"));
}

/// The Printer tab edits the printer's assurance by its labels: a visit is added, marked
/// unannounced and removed, and the proofs' sign-off date is typed.
#[test]
fn the_printer_tab_records_visits_and_the_proof_sign_off() {
    let mut app = quick_entry(crate::ui::test_harness::now());
    app.click("Printer");
    let visits = app.plan().custody.printer.visits.len();
    assert!(visits > 0, "the example has visits");
    app.click("Add monitoring visit");
    assert_eq!(app.plan().custody.printer.visits.len(), visits + 1);
    let n = visits + 1;
    app.click(&format!("Visit {n} made without notice"));
    assert!(app.plan().custody.printer.visits[visits].unannounced);
    app.type_into(
        &format!("Visit {n} — findings"),
        "Cage open at lunch; put right",
    );
    app.press(Key::Tab);
    assert_eq!(
        app.plan().custody.printer.visits[visits].findings,
        "Cage open at lunch; put right"
    );
    app.click(&format!("Remove visit {n}"));
    assert_eq!(app.plan().custody.printer.visits.len(), visits);
    app.type_into("Final proofs signed off", "2027-04-11");
    app.press(Key::Tab);
    assert_eq!(
        app.plan().custody.printer.proof_signed_off,
        Some(date(2027, 4, 11))
    );
}
