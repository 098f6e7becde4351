//! The custody log: tampering, anomalies, merging and CSV, on a count night at eight stations.

use chrono::{Duration, NaiveDateTime};

use super::chain::BreakKind;
use super::checks::AnomalyKind;
use super::*;
use crate::model::{Custody, CustodyStage, ItemKind, Plan};

/// A count night at eight polling stations (see `test_support::count_night`), the same plan on
/// every call: its logs run to `elections-office` #40, `polling-stations` #24, `count-receipt` #8
/// and `count-verification` #8.
fn night() -> Plan {
    static NIGHT: std::sync::LazyLock<Plan> =
        std::sync::LazyLock::new(|| crate::test_support::count_night(8));
    NIGHT.clone()
}

/// The count night's plan id.
fn plan_id() -> crate::model::PlanId {
    night().id
}

/// Import options for the count night, new events going to `log` on the machine "laptop-1".
fn options(log: &str) -> csv::ImportOptions<'_> {
    csv::ImportOptions {
        default_log: log,
        device: "laptop-1",
        plan: plan_id(),
        poll_date: night().overview.poll_date,
        allow_other_plan: false,
    }
}

/// The morning after the poll: every deadline has passed.
fn morning_after(plan: &Plan) -> NaiveDateTime {
    (plan.overview.poll_date + Duration::days(1))
        .and_hms_opt(12, 0, 0)
        .unwrap()
}

fn kinds(custody: &Custody, now: NaiveDateTime) -> Vec<AnomalyKind> {
    anomalies(custody, now)
        .into_iter()
        .map(|a| a.kind)
        .collect()
}

/// The first ballot box and the last event that stands for it.
fn first_box_and_its_last_event(
    c: &Custody,
) -> (crate::model::CustodyItem, crate::model::CustodyEvent) {
    let bx = c
        .items
        .iter()
        .find(|i| i.kind == ItemKind::BallotBox)
        .unwrap()
        .clone();
    let last = checks::timelines(c)[&bx.id]
        .last()
        .copied()
        .unwrap()
        .clone();
    (bx, last)
}

fn new_event(
    item: crate::model::CustodyItemId,
    at: NaiveDateTime,
    stage: CustodyStage,
    from: &str,
    to: &str,
    seals: &[&str],
) -> NewEvent {
    NewEvent {
        item,
        at,
        stage,
        location: "Count hall".into(),
        from: from.into(),
        to: to.into(),
        seals_seen: seals.iter().map(|s| (*s).to_owned()).collect(),
        seals_intact: true,
        witness: String::new(),
        notes: String::new(),
        corrects: None,
    }
}

#[test]
fn a_count_nights_chain_is_intact_and_it_has_no_anomalies() {
    let plan = night();
    assert!(verify(&plan.custody).is_empty());
    let found = anomalies(&plan.custody, morning_after(&plan));
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn an_edited_event_breaks_its_chain_at_that_event() {
    let mut c = night().custody;
    let victim = c
        .events
        .iter()
        .position(|e| e.log == "count-receipt" && e.seq == 7)
        .unwrap();
    c.events[victim].to = "Someone else".into();
    let breaks = verify(&c);
    assert_eq!(breaks.len(), 1);
    assert_eq!(breaks[0].log, "count-receipt");
    assert_eq!(breaks[0].seq, 7);
    assert_eq!(breaks[0].event, c.events[victim].id);
    assert_eq!(breaks[0].kind, BreakKind::Edited);
    assert!(
        breaks[0]
            .to_string()
            .contains("changed after it was recorded")
    );
    // Recomputing the edited event's own hash does not hide it: the next event no longer chains on.
    let prev = c.events[..victim]
        .iter()
        .rev()
        .find(|e| e.log == "count-receipt")
        .unwrap()
        .hash
        .clone();
    c.events[victim].hash = chain::compute_hash(&prev, &c.events[victim]);
    let breaks = verify(&c);
    assert_eq!(breaks[0].seq, 8, "{breaks:?}");
}

#[test]
fn a_deleted_event_is_detected_where_it_was() {
    let mut c = night().custody;
    let victim = c
        .events
        .iter()
        .position(|e| e.log == "polling-stations" && e.seq == 10)
        .unwrap();
    c.events.remove(victim);
    let breaks = verify(&c);
    assert_eq!(breaks.len(), 1);
    assert_eq!(breaks[0].seq, 11);
    assert_eq!(breaks[0].kind, BreakKind::Missing { expected: 10 });
    assert!(breaks[0].to_string().contains("deleted"));
}

#[test]
fn reordered_events_are_detected() {
    let mut c = night().custody;
    let a = c
        .events
        .iter()
        .position(|e| e.log == "elections-office" && e.seq == 3)
        .unwrap();
    let b = c
        .events
        .iter()
        .position(|e| e.log == "elections-office" && e.seq == 4)
        .unwrap();
    c.events.swap(a, b);
    let breaks = verify(&c);
    assert_eq!(breaks.len(), 1);
    assert_eq!(breaks[0].kind, BreakKind::OutOfPlace { expected: 3 });
    // Renumbering the swapped pair to hide the move breaks the hashes instead.
    c.events[a].seq = 3;
    c.events[b].seq = 4;
    assert_eq!(verify(&c)[0].kind, BreakKind::Edited);
}

#[test]
fn deleting_the_newest_event_changes_the_published_head() {
    let mut c = night().custody;
    let before = chain::head(&c, "count-verification");
    let last = c
        .events
        .iter()
        .rposition(|e| e.log == "count-verification")
        .unwrap();
    c.events.remove(last);
    assert!(
        verify(&c).is_empty(),
        "the chain alone cannot see a truncated tail"
    );
    assert_ne!(
        chain::head(&c, "count-verification"),
        before,
        "the printed head hash can"
    );
}

#[test]
fn a_correction_is_a_new_event_and_supersedes_the_one_it_corrects() {
    let mut plan = night();
    let now = morning_after(&plan);
    let c = &mut plan.custody;
    let (bx, last) = first_box_and_its_last_event(c);
    // A mis-keyed seal at a later check...
    let mut wrong = new_event(
        bx.id,
        last.at + Duration::hours(1),
        CustodyStage::Count,
        "",
        &last.to,
        &[&bx.expected_seals[0], "NB 000000"],
    );
    wrong.notes = "typo".into();
    let wrong_id = record(c, "count-verification", wrong).id;
    assert!(kinds(c, now).contains(&AnomalyKind::SealMismatch));
    // ...is corrected by a new event naming it; the original stays, untouched, and the chain holds.
    let seals: Vec<&str> = bx.expected_seals.iter().map(String::as_str).collect();
    let mut fix = new_event(
        bx.id,
        last.at + Duration::hours(1),
        CustodyStage::Count,
        "",
        &last.to,
        &seals,
    );
    fix.corrects = Some(wrong_id);
    let events_before = c.events.len();
    record(c, "count-verification", fix);
    assert_eq!(c.events.len(), events_before + 1);
    assert!(
        c.events
            .iter()
            .any(|e| e.id == wrong_id && e.notes == "typo")
    );
    assert!(verify(c).is_empty());
    assert!(kinds(c, now).is_empty(), "{:#?}", anomalies(c, now));
}

#[test]
fn every_anomaly_kind_is_detected() {
    let plan = night();
    let now = morning_after(&plan);
    let base = plan.custody;
    let (bx, last) = first_box_and_its_last_event(&base);
    let seals: Vec<&str> = bx.expected_seals.iter().map(String::as_str).collect();
    let later = last.at + Duration::hours(2);
    type Breach<'a> = Box<dyn Fn(&mut Custody) + 'a>;
    let cases: Vec<(AnomalyKind, Breach<'_>)> = vec![
        (
            AnomalyKind::ChainBroken,
            Box::new(|c: &mut Custody| c.events[0].location.push('!')),
        ),
        (
            AnomalyKind::HandoverGap,
            Box::new(|c: &mut Custody| {
                record(
                    c,
                    "t",
                    new_event(
                        bx.id,
                        later,
                        CustodyStage::Count,
                        "Somebody Else",
                        "Counter",
                        &seals,
                    ),
                );
            }),
        ),
        (
            AnomalyKind::SealMismatch,
            Box::new(|c: &mut Custody| {
                record(
                    c,
                    "t",
                    new_event(
                        bx.id,
                        later,
                        CustodyStage::Count,
                        "",
                        "Counter",
                        &seals[..1],
                    ),
                );
            }),
        ),
        (
            AnomalyKind::UnexpectedSeal,
            Box::new(|c: &mut Custody| {
                record(
                    c,
                    "t",
                    new_event(
                        bx.id,
                        later,
                        CustodyStage::BreakInCount,
                        "",
                        "Counter",
                        &["XX 1", "XX 2"],
                    ),
                );
            }),
        ),
        (
            AnomalyKind::SealBroken,
            Box::new(|c: &mut Custody| {
                let mut e = new_event(bx.id, later, CustodyStage::Count, "", "Counter", &seals);
                e.seals_intact = false;
                record(c, "t", e);
            }),
        ),
        (
            AnomalyKind::StageBackwards,
            Box::new(|c: &mut Custody| {
                record(
                    c,
                    "t",
                    new_event(
                        bx.id,
                        later,
                        CustodyStage::CloseOfPoll,
                        "",
                        "Counter",
                        &seals,
                    ),
                );
            }),
        ),
        (
            AnomalyKind::OutOfTimeOrder,
            Box::new(|c: &mut Custody| {
                record(
                    c,
                    "t",
                    new_event(bx.id, later, CustodyStage::Count, "", "Counter", &seals),
                );
                record(
                    c,
                    "t",
                    new_event(
                        bx.id,
                        later - Duration::minutes(30),
                        CustodyStage::Count,
                        "",
                        "Counter",
                        &seals,
                    ),
                );
            }),
        ),
        (
            AnomalyKind::NotReceived,
            Box::new(|c: &mut Custody| {
                // Drop every event of one box from the count onward, as if they had never been
                // recorded; rebuild the chains so only the missing receipt is visible.
                let keep: Vec<_> = c
                    .events
                    .iter()
                    .filter(|e| !(e.item == bx.id && e.stage >= CustodyStage::ReceiptAtCount))
                    .cloned()
                    .collect();
                let mut fresh = Custody {
                    events: Vec::new().into(),
                    ..c.clone()
                };
                for e in keep {
                    let log = e.log.clone();
                    record(
                        &mut fresh,
                        &log,
                        NewEvent {
                            item: e.item,
                            at: e.at,
                            stage: e.stage,
                            location: e.location,
                            from: e.from,
                            to: e.to,
                            seals_seen: e.seals_seen,
                            seals_intact: e.seals_intact,
                            witness: e.witness,
                            notes: e.notes,
                            corrects: None,
                        },
                    );
                }
                *c = fresh;
            }),
        ),
        (
            AnomalyKind::BookRangeOverlap,
            Box::new(|c: &mut Custody| {
                let first = c
                    .items
                    .iter()
                    .find(|i| i.kind == ItemKind::BallotPaperBatch)
                    .unwrap()
                    .book_ranges[0];
                let other = c
                    .items
                    .iter_mut()
                    .filter(|i| i.kind == ItemKind::BallotPaperBatch)
                    .nth(5)
                    .unwrap();
                other.book_ranges.push(crate::model::BookRange {
                    first: first.first + 10,
                    last: first.first + 20,
                });
            }),
        ),
        (
            AnomalyKind::BookRangeInvalid,
            Box::new(|c: &mut Custody| {
                let batch = c
                    .items
                    .iter_mut()
                    .find(|i| i.kind == ItemKind::BallotPaperBatch)
                    .unwrap();
                batch.book_ranges[0] = crate::model::BookRange {
                    first: 200,
                    last: 100,
                };
            }),
        ),
    ];
    for (kind, break_it) in cases {
        let mut c = base.clone();
        break_it(&mut c);
        let found = anomalies(&c, now);
        let hit = found.iter().find(|a| a.kind == kind);
        assert!(hit.is_some(), "{kind:?} not detected: {found:#?}");
        assert!(!hit.unwrap().message.is_empty());
    }
}

#[test]
fn receipt_is_only_overdue_after_the_deadline() {
    let plan = night();
    let deadline = plan.custody.count_receipt_deadline.unwrap();
    let mut c = plan.custody;
    let mut late = c
        .items
        .iter()
        .find(|i| i.kind == ItemKind::BallotBox)
        .unwrap()
        .clone();
    late.id = crate::model::CustodyItemId::new();
    late.label = "ZZ/1".into();
    c.items.push(late);
    assert!(
        !kinds(&c, deadline).contains(&AnomalyKind::NotReceived),
        "at the deadline itself it is not late"
    );
    let after = anomalies(&c, deadline + Duration::minutes(1));
    let missing: Vec<_> = after
        .iter()
        .filter(|a| a.kind == AnomalyKind::NotReceived)
        .collect();
    assert_eq!(missing.len(), 1);
    assert!(
        missing[0].message.contains("ZZ/1") && missing[0].message.contains("no custody event"),
        "{}",
        missing[0].message
    );
}

/// Splits the count night's custody into two laptops' copies: each has every item, and some of the
/// logs.
fn two_laptops() -> (Custody, Custody) {
    let c = night().custody;
    let mut a = c.clone();
    let mut b = c;
    a.events.retain(|e| e.log != "count-receipt");
    b.events
        .retain(|e| e.log == "count-receipt" || e.log == "elections-office");
    (a, b)
}

#[test]
fn merge_is_a_union_that_is_idempotent_and_order_independent() {
    let (a, b) = two_laptops();
    let mut ab = a.clone();
    let report = merge(&mut ab, &b);
    assert!(report.conflicts.is_empty(), "{:?}", report.conflicts);
    assert_eq!(
        report.added_events,
        b.events.iter().filter(|e| e.log == "count-receipt").count()
    );
    assert_eq!(
        report.already_present,
        b.events
            .iter()
            .filter(|e| e.log == "elections-office")
            .count()
    );
    let mut ba = b.clone();
    merge(&mut ba, &a);
    assert_eq!(ab, ba, "merging in either order gives the same log");
    let whole = night().custody;
    assert_eq!(ab.events.len(), whole.events.len());
    assert!(verify(&ab).is_empty());
    assert_eq!(anomalies(&ab, morning_after(&night())), vec![]);
    let again = ab.clone();
    let report = merge(&mut ab, &b);
    assert_eq!((report.added_events, report.conflicts.len()), (0, 0));
    assert_eq!(ab, again, "merging the same copy twice changes nothing");
    // Three copies, any order.
    let (mut x, mut y) = (a.clone(), b.clone());
    let c = {
        let mut c = night().custody;
        c.events.retain(|e| e.log == "count-verification");
        c
    };
    merge(&mut x, &c);
    merge(&mut x, &b);
    merge(&mut y, &c);
    merge(&mut y, &a);
    assert_eq!(x, y);
}

#[test]
fn merge_reports_conflicts_and_never_overwrites() {
    let (a, mut b) = two_laptops();
    let shared = b
        .events
        .iter()
        .position(|e| e.log == "elections-office")
        .unwrap();
    b.events[shared].notes = "changed on the other laptop".into();
    let original = a
        .events
        .iter()
        .find(|e| e.id == b.events[shared].id)
        .unwrap()
        .clone();
    let mut merged = a;
    let report = merge(&mut merged, &b);
    // The other copy's log is broken by the edit, so none of its events in that log are taken...
    assert!(
        report
            .conflicts
            .iter()
            .any(|c| matches!(c, Conflict::BrokenLog { log, .. } if log == "elections-office"))
    );
    // ...and the plan's own version stands.
    assert_eq!(
        merged.events.iter().find(|e| e.id == original.id).unwrap(),
        &original
    );

    // A same-id conflict whose chain is intact in each copy: the same event id recorded
    // differently.
    let (a, mut b) = two_laptops();
    b.events.retain(|e| e.log == "count-receipt");
    let mut rogue = Custody {
        events: Vec::new().into(),
        ..b.clone()
    };
    let first = b.events[0].clone();
    let mut changed = first.clone();
    changed.to = "Another receiver".into();
    super::chain::record_as(
        &mut rogue,
        "count-receipt",
        first.id,
        NewEvent {
            item: changed.item,
            at: changed.at,
            stage: changed.stage,
            location: changed.location,
            from: changed.from,
            to: changed.to,
            seals_seen: changed.seals_seen,
            seals_intact: true,
            witness: changed.witness,
            notes: changed.notes,
            corrects: None,
        },
    );
    let mut base = a;
    merge(&mut base, &b);
    let report = merge(&mut base, &rogue);
    assert!(
        matches!(&report.conflicts[..], [Conflict::Event { id, detail }] if *id == first.id && detail.contains("to")),
        "{:?}",
        report.conflicts
    );
    assert_eq!(
        base.events.iter().find(|e| e.id == first.id).unwrap(),
        &first
    );

    // Two laptops that both called their log "count-receipt": a clash of positions, reported.
    let mut clash = Custody {
        events: Vec::new().into(),
        ..b.clone()
    };
    record(
        &mut clash,
        "count-receipt",
        new_event(first.item, first.at, first.stage, "", "X", &[]),
    );
    let report = merge(&mut base, &clash);
    assert_eq!(
        report.conflicts,
        vec![Conflict::LogPosition {
            log: "count-receipt".into(),
            seq: 1
        }]
    );
}

#[test]
fn csv_round_trip_rebuilds_the_same_log() {
    let original = night().custody;
    let text = csv::export(&original, plan_id()).unwrap();
    assert!(text.starts_with(&csv::COLUMNS.join(",")));
    let mut empty = Custody {
        events: Vec::new().into(),
        ..original.clone()
    };
    let report = csv::import(&mut empty, &text, &options("unused")).unwrap();
    assert_eq!(report.added, original.events.len());
    assert_eq!(
        empty.events, original.events,
        "ids, logs, positions and hashes all come back"
    );
    assert_eq!(
        empty.writers_of("count-receipt").collect::<Vec<_>>(),
        ["laptop-1"],
        "the importing machine is noted as the log's writer"
    );
    // Importing it again adds nothing.
    let report = csv::import(&mut empty, &text, &options("unused")).unwrap();
    assert_eq!(report.added, 0);
    assert_eq!(report.already_present.len(), original.events.len());
}

#[test]
fn csv_rows_typed_in_a_spreadsheet_are_appended_to_the_chain() {
    let mut c = night().custody;
    let (bx, last) = first_box_and_its_last_event(&c);
    let seals = bx.expected_seals.join(";");
    let text = format!(
        "item_label,at,stage,from,to,seals_seen,seals_intact,notes\n{},{},Count,{},Count table 4,{seals},yes,\"Counted, no issues\"\n",
        bx.label,
        (last.at + Duration::hours(1)).format("%Y-%m-%d %H:%M"),
        last.to
    );
    let report = csv::import(&mut c, &text, &options("count-table-4")).unwrap();
    assert_eq!(report.added, 1);
    let added = c.events.last().unwrap();
    assert_eq!(
        (added.log.as_str(), added.seq, added.stage),
        ("count-table-4", 1, CustodyStage::Count)
    );
    assert_eq!(added.notes, "Counted, no issues");
    assert!(verify(&c).is_empty());
}

#[test]
fn a_bad_csv_is_refused_whole_naming_each_row_and_column() {
    let original = night().custody;
    let mut c = original.clone();
    let bx = c
        .items
        .iter()
        .find(|i| i.kind == ItemKind::BallotBox)
        .unwrap()
        .label
        .clone();
    let text = format!(
        "item_label,at,stage,seals_seen,seals_intact\n\
         {bx},2027-05-07 10:00,count,,\n\
         {bx},2027-05-07 25:00,count,,\n\
         NOPE/9,2027-05-07 10:00,count,,\n\
         {bx},2027-05-07 10:00,counting,,\n\
         {bx},2027-05-07 10:00,count,NB 1,\n\
         {bx},2027-05-07 10:00,count,NB 1,maybe\n"
    );
    let errors = csv::import(&mut c, &text, &options("t")).unwrap_err();
    let described: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 5, "{described:#?}");
    assert_eq!(
        (errors[0].row, errors[0].column.as_deref()),
        (3, Some("at"))
    );
    assert!(
        described[0].contains("not a date and time") && described[0].contains("YYYY-MM-DD HH:MM")
    );
    assert_eq!(
        (errors[1].row, errors[1].column.as_deref()),
        (4, Some("item_label"))
    );
    assert_eq!(
        (errors[2].row, errors[2].column.as_deref()),
        (5, Some("stage"))
    );
    assert!(
        described[2].contains("receipt-at-count"),
        "lists the stages"
    );
    assert_eq!(
        (errors[3].row, errors[3].column.as_deref()),
        (6, Some("seals_intact"))
    );
    assert_eq!(
        (errors[4].row, errors[4].column.as_deref()),
        (7, Some("seals_intact"))
    );
    assert_eq!(c, original, "nothing recorded, not even the good first row");
}

#[test]
fn csv_headers_are_checked_and_recorded_events_cannot_be_rewritten() {
    let original = night().custody;
    let mut c = original.clone();
    let errors = csv::import(
        &mut c,
        "item_label,when,stage\nAA/1,2027-05-07 10:00,count\n",
        &options("t"),
    )
    .unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.row == 1 && e.column.as_deref() == Some("when"))
    );
    assert!(
        errors
            .iter()
            .any(|e| e.row == 1 && e.column.as_deref() == Some("at"))
    );
    // Editing a recorded event in the spreadsheet and importing it is refused.
    let text = csv::export(&original, plan_id()).unwrap().replacen(
        "Official mark printed",
        "Official mark printed (amended)",
        1,
    );
    let errors = csv::import(&mut c, &text, &options("t")).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].row, 2);
    assert!(
        errors[0].message.contains("corrects"),
        "{}",
        errors[0].message
    );
    assert_eq!(c, original);
}

#[test]
fn spreadsheet_damage_is_read_right_or_refused() {
    let mut c = night().custody;
    // A box whose seal numbers are all digits, as some suppliers print them.
    let (bx, last) = first_box_and_its_last_event(&c);
    let (id, label, at) = (bx.id, bx.label, last.at);
    c.items
        .iter_mut()
        .find(|i| i.id == id)
        .unwrap()
        .expected_seals = vec!["004512".into(), "004513".into()];
    let when = (at + Duration::hours(1)).format("%d/%m/%Y %H:%M");
    // Excel dropped the zeros and rewrote the date day first.
    let text = format!(
        "item_label,at,stage,to,seals_seen,seals_intact\n{label},{when},count,Table 4,4512;4513,yes\n"
    );
    let report = csv::import(&mut c, &text, &options("t")).unwrap();
    assert_eq!(report.added, 1);
    let added = c.events.last().unwrap();
    assert_eq!(added.seals_seen, ["004512", "004513"]);
    assert_eq!(
        added.at,
        at + Duration::hours(1),
        "day first, never month first"
    );
    assert_eq!(report.warnings.len(), 2, "{:?}", report.warnings);
    assert!(report.warnings[0].message.contains("leading zeros"));

    // Seal numbers in E-notation have lost their digits: refused.
    let before = c.clone();
    let text = format!(
        "item_label,at,stage,to,seals_seen,seals_intact\n{label},2027-05-07 12:00,count,Table 4,4.512E+05,yes\n"
    );
    let errors = csv::import(&mut c, &text, &options("t")).unwrap_err();
    assert_eq!(errors[0].column.as_deref(), Some("seals_seen"));
    assert!(
        errors[0].message.contains("E-notation"),
        "{}",
        errors[0].message
    );
    // A date Excel turned into its serial number.
    let text = format!("item_label,at,stage,to\n{label},46514.5,count,Table 4\n");
    let errors = csv::import(&mut c, &text, &options("t")).unwrap_err();
    assert!(
        errors[0].message.contains("serial number"),
        "{}",
        errors[0].message
    );
    assert_eq!(c, before);
}

#[test]
fn formula_cells_are_quoted_on_export_and_unquoted_on_import() {
    assert_eq!(csv::spreadsheet_safe("=1+1"), "'=1+1");
    assert_eq!(csv::spreadsheet_safe("-5"), "'-5");
    assert_eq!(csv::spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(csv::spreadsheet_safe("\tx"), "'\tx");
    assert_eq!(csv::spreadsheet_safe("NB 104200"), "NB 104200");
    assert_eq!(csv::spreadsheet_safe("O'Brien"), "O'Brien");
    let mut c = night().custody;
    let (bx, _) = first_box_and_its_last_event(&c);
    let label = bx.label;
    // One leading quote is removed only where it guards a formula character.
    let text = format!(
        "item_label,at,stage,to,notes,witness\n{label},2027-05-07 12:00,count,Table 4,'=cmd,'Neill\n"
    );
    csv::import(&mut c, &text, &options("t")).unwrap();
    let added = c.events.last().unwrap();
    assert_eq!(
        (added.notes.as_str(), added.witness.as_str()),
        ("=cmd", "'Neill")
    );
}

#[test]
fn merge_keeps_every_chain_whole_and_unites_anchors() {
    let whole = night().custody;
    // Ours has one extra event in a log; theirs forked the same log at the same place.
    let mut ours = whole.clone();
    let mut theirs = whole.clone();
    let (bx, last) = first_box_and_its_last_event(&whole);
    let (item, at, stage) = (bx.id, last.at + Duration::minutes(5), last.stage);
    record(
        &mut ours,
        "count-receipt",
        new_event(item, at, stage, "", "Desk A", &[]),
    );
    record(
        &mut theirs,
        "count-receipt",
        new_event(item, at, stage, "", "Desk B", &[]),
    );
    record(
        &mut theirs,
        "count-receipt",
        new_event(item, at, stage, "", "Desk B", &[]),
    );
    // ...and a new log that merges cleanly.
    record(
        &mut theirs,
        "table-9",
        new_event(item, at, stage, "", "Table 9", &[]),
    );
    super::anchors::advance(&mut ours);
    super::anchors::advance(&mut theirs);
    let report = merge(&mut ours, &theirs);
    assert!(
        report
            .conflicts
            .iter()
            .any(|c| matches!(c, Conflict::LogPosition { log, .. } if log == "count-receipt"))
    );
    assert!(
        report.conflicts.iter().any(
            |c| matches!(c, Conflict::ForkedAnchor { anchor } if anchor.log == "count-receipt")
        ),
        "{:?}",
        report.conflicts
    );
    assert_eq!(
        report.skipped_events, 1,
        "theirs' second forked event is left out with its log"
    );
    assert_eq!(report.added_events, 1);
    assert!(verify(&ours).is_empty(), "every chain whole");
    assert!(
        ours.anchors
            .iter()
            .any(|a| a.log == "table-9" && a.seq == 1)
    );
    assert!(
        ours.events.iter().all(|e| e.to != "Desk B"),
        "nothing of the forked log was taken"
    );
    assert!(super::anchors::unreached(&ours).is_empty());
}

#[test]
fn anchors_only_move_forward_along_the_same_chain() {
    let mut c = night().custody;
    let anchored = c.anchors.clone();
    super::anchors::advance(&mut c);
    assert_eq!(
        c.anchors, anchored,
        "the count night is anchored at its heads"
    );
    // Newest event removed: the anchor stays, and the log is reported short.
    let newest = c
        .events
        .iter()
        .rposition(|e| e.log == "count-receipt")
        .unwrap();
    let removed = c.events.remove(newest);
    super::anchors::advance(&mut c);
    assert_eq!(c.anchors, anchored);
    let short = super::anchors::unreached(&c);
    assert_eq!(short.len(), 1);
    assert_eq!(
        short[0].shortfall,
        super::anchors::Shortfall::Truncated {
            now_ends_at: removed.seq - 1
        }
    );
    // A different event recorded in its place does not move the anchor either: the log forked.
    let (bx, _) = first_box_and_its_last_event(&c);
    let item = bx.id;
    record(
        &mut c,
        "count-receipt",
        new_event(item, removed.at, removed.stage, "", "Someone else", &[]),
    );
    super::anchors::advance(&mut c);
    assert_eq!(c.anchors, anchored);
    assert_eq!(
        super::anchors::unreached(&c)[0].shortfall,
        super::anchors::Shortfall::Diverged
    );
}

#[test]
fn heads_read_back_as_written_and_refuse_guesses() {
    let c = night().custody;
    let heads = super::anchors::heads(&c);
    let text: String = heads
        .iter()
        .map(|h| {
            format!(
                "{}  #{}  {}\n",
                h.log,
                h.seq,
                super::anchors::grouped(&h.hash)
            )
        })
        .collect();
    assert_eq!(
        super::anchors::parse_heads(&format!("# heads\n{text}")).unwrap(),
        heads
    );
    let short = format!(
        "count receipt desk #12 {}\n",
        super::anchors::short(&heads[0].hash)
    );
    let parsed = super::anchors::parse_heads(&short).unwrap();
    assert_eq!(
        parsed[0].log, "count receipt desk",
        "log names may hold spaces"
    );
    assert_eq!(parsed[0].hash.len(), 16);
    for bad in [
        "count-receipt 12 abcd",
        "count-receipt #12 abcdef12",
        "#12 0123456789abcdef",
        "",
    ] {
        assert!(super::anchors::parse_heads(bad).is_err(), "{bad:?}");
    }
}

/// Adds an item of `kind` (a statutory packet holding `contents`) with no station, not expected at
/// the count, and returns its id.
fn add_item(
    c: &mut Custody,
    kind: ItemKind,
    label: &str,
    contents: Option<crate::model::PacketContents>,
) -> crate::model::CustodyItemId {
    let id = crate::model::CustodyItemId::new();
    c.items.push(crate::model::CustodyItem {
        id,
        kind,
        label: label.to_owned(),
        polling_station: None,
        book_ranges: vec![],
        expected_seals: vec![],
        expected_at_count: false,
        contents,
    });
    id
}

/// A postal batch's journey runs from production through dispatch, return (with the final sweep)
/// and opening to the count: stages declared after the polling-station ones, which a single order
/// of every stage would call backwards. A real step back along the journey is still reported.
#[test]
fn postal_journeys_do_not_go_backwards_but_a_real_step_back_does() {
    use CustodyStage as S;
    let plan = night();
    let mut c = plan.custody.clone();
    let batch = add_item(&mut c, ItemKind::PostalBallotBatch, "PV/1", None);
    let poll = plan.overview.poll_date.and_hms_opt(9, 0, 0).unwrap();
    let journey = [
        (S::Printing, -30),
        (S::Proofing, -29),
        (S::PostalProduction, -20),
        (S::PostalDispatch, -18),
        (S::PostalReturn, -5),
        (S::PostalFinalSweep, 0),
        (S::PostalOpening, 0),
        (S::SecureStorage, 0),
        (S::TransportToCount, 0),
        (S::ReceiptAtCount, 0),
        (S::Verification, 1),
    ];
    for (n, (stage, days)) in journey.into_iter().enumerate() {
        let at = poll + Duration::days(days) + Duration::minutes(n as i64 * 20);
        let e = crate::test_support::handover(batch, at, stage, ("", "Postal team"));
        record(&mut c, "postal", e);
    }
    let now = morning_after(&plan);
    let about = |c: &Custody| -> Vec<AnomalyKind> {
        anomalies(c, now)
            .into_iter()
            .filter(|a| a.item == Some(batch))
            .map(|a| a.kind)
            .collect()
    };
    assert_eq!(about(&c), [], "{:#?}", anomalies(&c, now));
    let events = &checks::timelines(&c)[&batch];
    assert!(checks::received_at_count(events).is_some());
    // Back to the opening after verification: a real step back.
    let mut back = c.clone();
    let at = poll + Duration::days(1) + Duration::hours(6);
    let e = crate::test_support::handover(batch, at, S::PostalOpening, ("", "Postal team"));
    record(&mut back, "postal", e);
    assert_eq!(about(&back), [AnomalyKind::StageBackwards]);
    // A ballot box is never dispatched by post.
    let (bx, last) = first_box_and_its_last_event(&c);
    let e = crate::test_support::handover(bx.id, last.at, S::PostalDispatch, ("", &last.to));
    record(&mut c, "postal", e);
    let wrong: Vec<_> = anomalies(&c, now)
        .into_iter()
        .filter(|a| a.kind == AnomalyKind::StageNotInJourney)
        .collect();
    assert_eq!(wrong.len(), 1, "{wrong:#?}");
    assert!(
        wrong[0].message.contains("ballot box"),
        "{}",
        wrong[0].message
    );
}

/// A CSV row opening a packet only a court may have opened is refused, and nothing of the file is
/// imported; the same row for a packet open to public inspection is imported.
#[test]
fn csv_import_refuses_opening_a_packet_only_a_court_may_open() {
    use crate::model::PacketContents;
    let plan = night();
    let mut c = plan.custody.clone();
    add_item(
        &mut c,
        ItemKind::StatutoryPacket,
        "CNL/1",
        Some(PacketContents::CorrespondingNumberLists),
    );
    add_item(
        &mut c,
        ItemKind::StatutoryPacket,
        "REG/1",
        Some(PacketContents::MarkedRegisters),
    );
    let day = (plan.overview.poll_date + Duration::days(20)).format("%Y-%m-%d 10:00");
    let before = c.clone();
    let text = format!(
        "item_label,at,stage,from,to\nREG/1,{day},packet-opened,,Registration officer\n\
         CNL/1,{day},packet-opened,,Registration officer\n"
    );
    let errors = csv::import(&mut c, &text, &options("packets")).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].row, 3);
    assert_eq!(errors[0].column.as_deref(), Some("stage"));
    assert!(
        errors[0].message.contains("only a court"),
        "{}",
        errors[0].message
    );
    assert_eq!(c, before, "nothing is imported");
    let text =
        format!("item_label,at,stage,from,to\nREG/1,{day},packet-opened,,Registration officer\n");
    let report = csv::import(&mut c, &text, &options("packets")).unwrap();
    assert_eq!(report.added, 1);
}

#[test]
fn time_order_is_judged_within_each_log_in_log_order_whatever_the_file_order() {
    let plan = night();
    let mut c = plan.custody.clone();
    let (bx, last) = first_box_and_its_last_event(&c);
    let seals: Vec<&str> = bx.expected_seals.iter().map(String::as_str).collect();
    let at = last.at + Duration::hours(1);
    let count = |c: &Custody| {
        anomalies(c, morning_after(&plan))
            .into_iter()
            .filter(|a| a.kind == AnomalyKind::OutOfTimeOrder)
            .count()
    };
    let before = count(&c);
    // Two desks' logs interleaved in the file: an earlier time in another log is no slip.
    record(
        &mut c,
        "desk-a",
        new_event(bx.id, at, CustodyStage::Count, "", "Counter", &seals),
    );
    let earlier = at - Duration::minutes(30);
    record(
        &mut c,
        "desk-b",
        new_event(bx.id, earlier, CustodyStage::Count, "", "Counter", &seals),
    );
    assert_eq!(count(&c), before);
    // The same desk recording an earlier time after a later one is.
    record(
        &mut c,
        "desk-a",
        new_event(bx.id, earlier, CustodyStage::Count, "", "Counter", &seals),
    );
    assert_eq!(count(&c), before + 1);
    // Its events swapped in the file: still judged in log order, still one slip.
    let events = c.events.len();
    c.events.swap(events - 3, events - 1);
    assert_eq!(c.events[events - 3].seq, 2);
    assert_eq!(count(&c), before + 1);
}
