use chrono::NaiveDate;

use super::*;
use crate::model::{ElectionType, PersonId, Role};

fn plan() -> Plan {
    Plan::empty(
        ElectionType::EnglishLocal,
        NaiveDate::from_ymd_opt(2027, 5, 6).unwrap(),
    )
}

fn add_person(history: &mut History, plan: &mut Plan, name: &str) -> PersonId {
    let id = PersonId::new();
    let name = name.to_owned();
    history.apply(plan, Section::People, "add person", None, move |p| {
        p.people.push(Person {
            id,
            name,
            role: Role::Other,
            job_title: String::new(),
            organisation: String::new(),
            phones: vec![],
            email: String::new(),
            address: String::new(),
            out_of_hours_cover: None,
            handling: crate::model::Handling::Both,
        });
    });
    id
}

#[test]
fn undo_and_redo_restore_exactly() {
    let mut p = plan();
    let original = p.clone();
    let mut h = History::new();
    assert_eq!(h.revision(), 0);
    add_person(&mut h, &mut p, "A");
    let with_a = p.clone();
    h.apply(&mut p, Section::Overview, "edit authority", None, |p| {
        p.overview.authority = "Northmere".into()
    });
    assert_eq!(h.undo_label(), Some("edit authority"));
    assert_eq!(h.undo(&mut p), Some(Step::Changed(Section::Overview)));
    assert_eq!(p, with_a);
    assert_eq!(h.undo(&mut p), Some(Step::Changed(Section::People)));
    assert_eq!(p, original);
    assert_eq!(h.undo(&mut p), None);
    assert_eq!(h.revision(), 4, "undo is a change of content too");
    h.redo(&mut p);
    h.redo(&mut p);
    assert_eq!(p.overview.authority, "Northmere");
    assert_eq!(p.people.len(), 1);
    assert_eq!(h.redo(&mut p), None);
}

#[test]
fn keystrokes_in_one_field_are_one_step() {
    let mut p = plan();
    let mut h = History::new();
    for text in ["N", "No", "Nor", "North"] {
        let t = text.to_owned();
        h.apply(
            &mut p,
            Section::Overview,
            "edit authority",
            Some(7),
            move |p| p.overview.authority = t,
        );
    }
    h.seal();
    h.apply(&mut p, Section::Overview, "edit authority", Some(7), |p| {
        p.overview.authority = "Northmere".into()
    });
    assert_eq!(p.overview.authority, "Northmere");
    h.undo(&mut p);
    assert_eq!(p.overview.authority, "North", "a new focus is a new step");
    h.undo(&mut p);
    assert_eq!(
        p.overview.authority, "",
        "the four keystrokes undo together"
    );
}

#[test]
fn a_change_that_changes_nothing_is_not_a_step_and_a_new_change_clears_redo() {
    let mut p = plan();
    let mut h = History::new();
    assert!(!h.apply(&mut p, Section::Risks, "nothing", None, |_| {}));
    assert_eq!(h.undo_label(), None);
    add_person(&mut h, &mut p, "A");
    h.undo(&mut p);
    assert!(h.redo_label().is_some());
    add_person(&mut h, &mut p, "B");
    assert_eq!(h.redo_label(), None);
}

#[test]
fn the_revision_moves_with_every_keystroke_even_within_one_undo_step() {
    let mut p = plan();
    let mut h = History::new();
    let mut revisions = vec![h.revision()];
    for text in ["D", "DC", "DC S", "DC Sa"] {
        let t = text.to_owned();
        h.apply(
            &mut p,
            Section::Overview,
            "edit authority",
            Some(9),
            move |p| p.overview.authority = t,
        );
        revisions.push(h.revision());
    }
    // Saving ends the merged step; typing on in the same field is a new step and a new revision.
    let saved = h.revision();
    h.saved();
    h.apply(&mut p, Section::Overview, "edit authority", Some(9), |p| {
        p.overview.authority = "DC Sam".into()
    });
    revisions.push(h.revision());
    assert!(revisions.windows(2).all(|w| w[0] < w[1]), "{revisions:?}");
    assert_ne!(
        h.revision(),
        saved,
        "typing after a save is an unsaved change"
    );
    h.undo(&mut p);
    assert_eq!(
        p.overview.authority, "DC Sa",
        "undo goes back to what was saved"
    );
    h.undo(&mut p);
    assert_eq!(p.overview.authority, "");
}

#[test]
fn recorded_custody_events_undo_and_redo_keep_the_chain() {
    let mut p = plan();
    let mut h = History::new();
    let item = crate::model::CustodyItemId::new();
    let event = |n: u32| NewEvent {
        item,
        at: NaiveDate::from_ymd_opt(2027, 5, 6)
            .unwrap()
            .and_hms_opt(22, n, 0)
            .unwrap(),
        stage: crate::model::CustodyStage::ReceiptAtCount,
        location: String::new(),
        from: String::new(),
        to: "Desk".into(),
        seals_seen: vec![],
        seals_intact: true,
        witness: String::new(),
        notes: String::new(),
        corrects: None,
    };
    h.record(&mut p, "desk", "laptop-1", event(1));
    h.record(&mut p, "desk", "laptop-1", event(2));
    h.undo(&mut p);
    assert_eq!(p.custody.events.len(), 1);
    h.redo(&mut p);
    assert_eq!(p.custody.events.len(), 2);
    assert!(crate::custody::verify(&p.custody).is_empty());
    assert_eq!(
        p.custody.writers_of("desk").collect::<Vec<_>>(),
        ["laptop-1"]
    );

    // Once saved, recorded events are evidence: undo refuses, once, and then undoes what came
    // before.
    h.apply(&mut p, Section::Overview, "edit authority", None, |p| {
        p.overview.authority = "Northmere".into()
    });
    h.record(&mut p, "desk", "laptop-1", event(3));
    h.saved();
    let revision = h.revision();
    let Some(Step::Refused(message)) = h.undo(&mut p) else {
        panic!("undo removed a saved event");
    };
    assert!(message.contains("record a correction"), "{message}");
    assert_eq!(p.custody.events.len(), 3);
    assert_eq!(h.revision(), revision, "nothing changed");
    assert_eq!(h.undo(&mut p), Some(Step::Changed(Section::Overview)));
    assert_eq!(p.custody.events.len(), 3);
    assert_eq!(p.overview.authority, "");
}
