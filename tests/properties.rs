//! Properties that hold for any input, tried on generated cases (proptest, capped to run in seconds):
//! a damaged plan file is refused, never a panic; a CSV import is all or nothing and keeps every chain
//! whole; merging copies of a log is a union that is idempotent, order-independent and never breaks a chain.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed step should fail the test loudly

use std::path::Path;

use integrity_planner::custody::{self, anchors, csv};
use integrity_planner::model::{Custody, Plan};
use integrity_planner::storage;
use proptest::prelude::*;

const EXAMPLE: &str = include_str!("../examples/northmere.plan.ron");
const V2: &str = include_str!("fixtures/v2.plan.ron");

fn example() -> Plan {
    static PLAN: std::sync::LazyLock<Plan> =
        std::sync::LazyLock::new(|| storage::parse(EXAMPLE, Path::new("example")).unwrap());
    PLAN.clone()
}

/// A small plan file in the current format (quick to parse thousands of times).
fn small_v3() -> String {
    let plan = storage::parse(V2, Path::new("v2")).unwrap();
    storage::to_ron(&plan).unwrap()
}

/// One damage done to a file's bytes.
#[derive(Clone, Debug)]
enum Damage {
    Cut(usize),
    Remove(usize, usize),
    Insert(usize, Vec<u8>),
    Replace(usize, u8),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        any::<usize>().prop_map(Damage::Cut),
        (any::<usize>(), 1..40usize).prop_map(|(at, n)| Damage::Remove(at, n)),
        (
            any::<usize>(),
            prop::collection::vec(
                prop_oneof![
                    any::<u8>(),
                    Just(b'"'),
                    Just(b'('),
                    Just(b')'),
                    Just(b','),
                    Just(b'\\')
                ],
                1..12
            )
        )
            .prop_map(|(at, bytes)| Damage::Insert(at, bytes)),
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Damage::Replace(at, b)),
    ]
}

fn apply(bytes: &mut Vec<u8>, d: &Damage) {
    let len = bytes.len().max(1);
    match d {
        Damage::Cut(at) => bytes.truncate(at % len),
        Damage::Remove(at, n) => {
            let start = at % len;
            let end = (start + n).min(bytes.len());
            bytes.drain(start.min(end)..end);
        }
        Damage::Insert(at, new) => {
            let at = at % len;
            bytes.splice(at..at, new.iter().copied());
        }
        Damage::Replace(at, b) => {
            if !bytes.is_empty() {
                let at = at % bytes.len();
                bytes[at] = *b;
            }
        }
    }
}

/// Free text a spreadsheet user might type, or a spreadsheet might write.
fn text_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z0-9 ;/:'-]{0,24}",
        1 => Just("'=1+1".to_owned()),
        1 => Just("=cmd|' /C calc'!A0".to_owned()),
        1 => Just("x\u{0}y".to_owned()),
        1 => Just("a\u{1b}[2Jb".to_owned()),
        1 => Just("\u{202e}rtl".to_owned()),
        1 => Just("\"quoted, with comma\"".to_owned()),
    ]
}

/// A cell for a column: mostly what the column takes, sometimes what a spreadsheet does to it.
fn column(valid: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(valid).prop_map(str::to_owned),
        1 => text_cell(),
    ]
}

const HEADER: &str = "log,item_label,at,stage,from,to,seals_seen,seals_intact,notes";

fn csv_text() -> impl Strategy<Value = String> {
    let row = (
        column(&["", "desk", "table-2"]),
        column(&["AA/1", "AB/1", "AC/1", "BA/1"]),
        column(&[
            "2027-05-07 13:00",
            "2027-05-07 13:05:30",
            "07/05/2027 14:00",
            "2027-05-07T15:00",
            "46514.5",
        ]),
        column(&[
            "count",
            "verification",
            "Receipt at count",
            "break-in-count",
        ]),
        column(&["", "Olu Adeyemi", "Laura Benn"]),
        column(&["Table 1", "Count table 3"]),
        column(&["", "NB 104200", "NB 104200;NB 104201", "4.51E+05"]),
        column(&["", "yes", "no", "maybe"]),
        text_cell(),
    );
    prop::collection::vec(row, 0..12).prop_map(|rows| {
        let mut writer = ::csv::Writer::from_writer(Vec::new());
        writer.write_record(HEADER.split(',')).expect("a header");
        for (log, item, at, stage, from, to, seals, intact, notes) in rows {
            writer
                .write_record([log, item, at, stage, from, to, seals, intact, notes])
                .expect("a row");
        }
        String::from_utf8(writer.into_inner().expect("bytes")).expect("text")
    })
}

fn options<'a>(plan: &Plan, log: &'a str) -> csv::ImportOptions<'a> {
    csv::ImportOptions {
        default_log: log,
        device: "laptop-1",
        plan: plan.id,
        poll_date: plan.overview.poll_date,
        allow_other_plan: false,
    }
}

/// The example's custody with each log cut to a prefix (`keep` maps each log to a fraction kept).
fn prefix_copy(keep: &[u8]) -> Custody {
    let mut c = example().custody;
    let mut logs: Vec<String> = c.events.iter().map(|e| e.log.clone()).collect();
    logs.dedup();
    let limits: Vec<(String, u64)> = logs
        .into_iter()
        .zip(keep.iter().cycle())
        .map(|(log, k)| {
            let len = c.events.iter().filter(|e| e.log == log).count() as u64;
            (log, len * u64::from(*k) / 255)
        })
        .collect();
    c.events
        .retain(|e| limits.iter().any(|(log, n)| *log == e.log && e.seq <= *n));
    c.anchors.clear();
    anchors::advance(&mut c);
    c
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_damaged_plan_file_is_refused_never_a_panic(
        damages in prop::collection::vec(damage(), 1..4),
        older in any::<bool>(),
    ) {
        let mut bytes = if older { V2.as_bytes().to_vec() } else { small_v3().into_bytes() };
        for d in &damages {
            apply(&mut bytes, d);
        }
        match storage::parse_bytes(&bytes, Path::new("damaged.plan.ron")) {
            Ok(plan) => prop_assert!(storage::to_ron(&plan).is_ok()),
            Err(e) => {
                prop_assert!(!e.to_string().is_empty());
                prop_assert!(!e.hint().is_empty());
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn merging_copies_is_a_union_in_any_order_with_every_chain_whole(
        a in prop::collection::vec(any::<u8>(), 4),
        b in prop::collection::vec(any::<u8>(), 4),
    ) {
        let (x, y) = (prefix_copy(&a), prefix_copy(&b));
        let mut xy = x.clone();
        let report = custody::merge(&mut xy, &y);
        prop_assert!(report.conflicts.is_empty(), "{:?}", report.conflicts);
        let mut yx = y.clone();
        custody::merge(&mut yx, &x);
        prop_assert_eq!(&xy, &yx);
        prop_assert!(custody::verify(&xy).is_empty());
        prop_assert!(anchors::unreached(&xy).is_empty());
        // Each log is the longer of the two prefixes.
        for log in ["count-receipt", "count-verification", "elections-office", "polling-stations"] {
            let n = |c: &Custody| c.events.iter().filter(|e| e.log == log).count();
            prop_assert_eq!(n(&xy), n(&x).max(n(&y)));
        }
        let before = xy.clone();
        let report = custody::merge(&mut xy, &y);
        prop_assert_eq!(report.added_events, 0);
        prop_assert_eq!(xy, before);
    }
}

#[test]
fn an_import_is_all_or_nothing_and_keeps_every_chain_whole() {
    // A deterministic runner, so the count of files that imported is the same every run and can be
    // asserted: the property must be exercised by files that import, not only by refused ones.
    let mut runner = proptest::test_runner::TestRunner::new_with_rng(
        ProptestConfig {
            cases: 96,
            failure_persistence: None,
            ..ProptestConfig::default()
        },
        proptest::test_runner::TestRng::deterministic_rng(
            proptest::test_runner::RngAlgorithm::ChaCha,
        ),
    );
    let plan = example();
    let imported = std::cell::Cell::new(0);
    let refused = std::cell::Cell::new(0);
    runner
        .run(&csv_text(), |text| {
            let mut custody = plan.custody.clone();
            match csv::import(&mut custody, &text, &options(&plan, "desk")) {
                Err(errors) => {
                    refused.set(refused.get() + 1);
                    prop_assert!(!errors.is_empty());
                    prop_assert_eq!(&custody, &plan.custody, "a refused file changes nothing");
                }
                Ok(report) => {
                    imported.set(imported.get() + usize::from(report.added > 0));
                    prop_assert_eq!(
                        custody.events.len(),
                        plan.custody.events.len() + report.added
                    );
                    prop_assert!(custody::verify(&custody).is_empty());
                    let nul = char::from(0);
                    let added = &custody.events[plan.custody.events.len()..];
                    prop_assert!(
                        added
                            .iter()
                            .all(|e| !e.notes.contains(nul) && !e.to.contains(nul))
                    );
                    // Importing the same rows again records nothing.
                    let again = csv::import(&mut custody, &text, &options(&plan, "desk")).unwrap();
                    prop_assert_eq!(again.added, 0);
                }
            }
            Ok(())
        })
        .unwrap();
    assert!(
        imported.get() > 0 && refused.get() > 0,
        "imported {}, refused {}",
        imported.get(),
        refused.get()
    );
}
