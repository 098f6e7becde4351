//! Merging custody logs recorded on other laptops: a union by event id that never overwrites.

use std::collections::{HashMap, HashSet};

use super::chain;
use crate::model::{Custody, CustodyEventId, CustodyItemId};

/// Something that could not be merged, reported rather than overwritten.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Conflict {
    /// Two different events carry one id.
    Event {
        /// The id.
        id: CustodyEventId,
        /// What differs.
        detail: String,
    },
    /// Two different items carry one id.
    Item {
        /// The id.
        id: CustodyItemId,
        /// The item's label here.
        label: String,
    },
    /// Two different events claim one place in a log (two laptops used the same log name).
    LogPosition {
        /// The log.
        log: String,
        /// The position.
        seq: u64,
    },
    /// The other copy's log is broken, so none of its events were taken.
    BrokenLog {
        /// The log.
        log: String,
        /// Why.
        detail: String,
    },
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Conflict::Event { id, detail } => {
                write!(
                    f,
                    "event {id} differs between the copies ({detail}); this plan's version was kept"
                )
            }
            Conflict::Item { id, label } => {
                write!(
                    f,
                    "item {label} ({id}) differs between the copies; this plan's version was kept"
                )
            }
            Conflict::LogPosition { log, seq } => write!(
                f,
                "log \u{201c}{log}\u{201d} has a different event #{seq} in each copy (two laptops used the same log name?); the other copy's was not taken"
            ),
            Conflict::BrokenLog { log, detail } => {
                write!(
                    f,
                    "the other copy's log \u{201c}{log}\u{201d} is broken, so none of its events were taken: {detail}"
                )
            }
        }
    }
}

/// What a merge did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Events added.
    pub added_events: usize,
    /// Events already present, identical.
    pub already_present: usize,
    /// Items added (those the new events concern).
    pub added_items: usize,
    /// What could not be merged.
    pub conflicts: Vec<Conflict>,
}

/// Adds to `base` every event and item of `other` it does not have. Identical copies are skipped; anything
/// that differs under one id is reported and `base`'s version kept. Without conflicts the result is the
/// same whichever order copies are merged in (see [`canonical_order`]).
pub fn merge(base: &mut Custody, other: &Custody) -> MergeReport {
    let mut report = MergeReport::default();
    let broken: HashSet<String> = chain::verify(other)
        .into_iter()
        .map(|b| {
            report.conflicts.push(Conflict::BrokenLog {
                log: b.log.clone(),
                detail: b.to_string(),
            });
            b.log
        })
        .collect();

    let items: HashMap<CustodyItemId, usize> = base
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| (item.id, i))
        .collect();
    for item in &other.items {
        match items.get(&item.id) {
            Some(&i) if base.items[i] != *item => {
                report.conflicts.push(Conflict::Item {
                    id: item.id,
                    label: base.items[i].label.clone(),
                });
            }
            Some(_) => {}
            None => {
                base.items.push(item.clone());
                report.added_items += 1;
            }
        }
    }

    let by_id: HashMap<CustodyEventId, usize> = base
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id, i))
        .collect();
    let by_position: HashMap<(String, u64), CustodyEventId> = base
        .events
        .iter()
        .map(|e| ((e.log.clone(), e.seq), e.id))
        .collect();
    let mut added = Vec::new();
    for e in other.events.iter().filter(|e| !broken.contains(&e.log)) {
        match by_id.get(&e.id) {
            Some(&i) if base.events[i] == *e => report.already_present += 1,
            Some(&i) => report.conflicts.push(Conflict::Event {
                id: e.id,
                detail: difference(&base.events[i], e),
            }),
            None => match by_position.get(&(e.log.clone(), e.seq)) {
                Some(_) => report.conflicts.push(Conflict::LogPosition {
                    log: e.log.clone(),
                    seq: e.seq,
                }),
                None => added.push(e.clone()),
            },
        }
    }
    report.added_events = added.len();
    base.events.extend(added);
    canonical_order(base);
    report
}

/// Puts items in label order and groups events by log name, so that a merged log reads the same whichever
/// copies it came from. Within a log the stored order is never changed: it is what the hash chain covers,
/// and reordering it would hide tampering.
pub fn canonical_order(custody: &mut Custody) {
    custody
        .items
        .sort_by(|a, b| (&a.label, a.id).cmp(&(&b.label, b.id)));
    custody.events.sort_by(|a, b| a.log.cmp(&b.log));
}

/// Names the fields that differ between two versions of an event.
fn difference(a: &crate::model::CustodyEvent, b: &crate::model::CustodyEvent) -> String {
    let mut fields = Vec::new();
    let mut check = |name: &str, differs: bool| {
        if differs {
            fields.push(name.to_owned());
        }
    };
    check("log", a.log != b.log);
    check("position", a.seq != b.seq);
    check("item", a.item != b.item);
    check("time", a.at != b.at);
    check("stage", a.stage != b.stage);
    check("location", a.location != b.location);
    check("from", a.from != b.from);
    check("to", a.to != b.to);
    check(
        "seals",
        a.seals_seen != b.seals_seen || a.seals_intact != b.seals_intact,
    );
    check("witness", a.witness != b.witness);
    check("notes", a.notes != b.notes);
    check("corrects", a.corrects != b.corrects);
    check("hash", a.hash != b.hash);
    format!("{} differ", fields.join(", "))
}
