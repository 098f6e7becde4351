//! Merging custody logs recorded on other laptops: a union by event id that never overwrites.

use std::collections::{HashMap, HashSet};

use super::chain;
use crate::model::{Custody, CustodyEventId, CustodyItemId, LogAnchor};

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
    /// The other copy holds two events with one id.
    DuplicateId {
        /// The id.
        id: CustodyEventId,
    },
    /// The other copy's anchor for a log is not on the merged log's chain: the log forked, or the
    /// other copy had events that neither copy now holds.
    ForkedAnchor {
        /// The other copy's anchor.
        anchor: LogAnchor,
    },
}

impl Conflict {
    /// The log whose events this conflict keeps out of the merge, if it concerns one.
    fn log(&self) -> Option<&str> {
        match self {
            Conflict::LogPosition { log, .. } | Conflict::BrokenLog { log, .. } => Some(log),
            Conflict::ForkedAnchor { anchor } => Some(&anchor.log),
            Conflict::Event { .. } | Conflict::Item { .. } | Conflict::DuplicateId { .. } => None,
        }
    }
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
                "log \u{201c}{log}\u{201d} has a different event #{seq} in each copy (two laptops \
                 used the same log name?); none of the other copy's events in that log were taken"
            ),
            Conflict::BrokenLog { log, detail } => {
                write!(
                    f,
                    "the other copy's log \u{201c}{log}\u{201d} is broken, so none of its events \
                     were taken: {detail}"
                )
            }
            Conflict::DuplicateId { id } => write!(
                f,
                "the other copy holds two events with the id {id}; none of the events of their \
                 logs were taken"
            ),
            Conflict::ForkedAnchor { anchor } => write!(
                f,
                "the other copy's log \u{201c}{}\u{201d} had reached #{} ({}), which the merged \
                 log does not reach: the log forked or lost events; none of its events were taken",
                anchor.log,
                anchor.seq,
                super::anchors::short(&anchor.hash)
            ),
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
    /// Events not taken because their log is in conflict.
    pub skipped_events: usize,
    /// Items added (those the new events concern).
    pub added_items: usize,
    /// What could not be merged.
    pub conflicts: Vec<Conflict>,
    /// Logs that machines other than one have recorded in, with those machines: a warning, since
    /// one log has one writer.
    pub shared_logs: Vec<(String, Vec<String>)>,
}

/// Adds to `base` every event and item of `other` it does not have. Identical copies are skipped;
/// anything that differs under one id is reported and `base`'s version kept, and a log with any
/// conflict takes none of the other copy's events, so every chain stays intact. Anchors are united
/// (a forked anchor is a conflict), as are imports and writers. Without conflicts the result is the
/// same whichever order copies are merged in (see [`canonical_order`]).
pub fn merge(base: &mut Custody, other: &Custody) -> MergeReport {
    let mut report = MergeReport::default();
    for b in chain::verify(other) {
        report.conflicts.push(Conflict::BrokenLog {
            log: b.log.clone(),
            detail: b.to_string(),
        });
    }
    let mut ids_in_other: HashMap<CustodyEventId, &str> = HashMap::new();
    let mut tainted: HashSet<String> = HashSet::new();
    for e in &other.events {
        if let Some(log) = ids_in_other.insert(e.id, &e.log) {
            report.conflicts.push(Conflict::DuplicateId { id: e.id });
            tainted.insert(log.to_owned());
            tainted.insert(e.log.clone());
        }
    }

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
    let by_position: HashSet<(&str, u64)> = base
        .events
        .iter()
        .map(|e| (e.log.as_str(), e.seq))
        .collect();
    let mut candidates = Vec::new();
    for e in &other.events {
        match by_id.get(&e.id) {
            Some(&i) if base.events[i] == *e => report.already_present += 1,
            Some(&i) => {
                report.conflicts.push(Conflict::Event {
                    id: e.id,
                    detail: difference(&base.events[i], e),
                });
                tainted.insert(e.log.clone());
            }
            None if by_position.contains(&(e.log.as_str(), e.seq)) => {
                report.conflicts.push(Conflict::LogPosition {
                    log: e.log.clone(),
                    seq: e.seq,
                })
            }
            None => candidates.push(e),
        }
    }
    tainted.extend(
        report
            .conflicts
            .iter()
            .filter_map(|c| c.log().map(str::to_owned)),
    );
    let mut added: Vec<_> = Vec::new();
    for e in candidates {
        if tainted.contains(&e.log) {
            report.skipped_events += 1;
        } else {
            added.push(e.clone());
        }
    }
    report.added_events = added.len();
    base.events.extend(added);

    for anchor in super::anchors::unite(base, &other.anchors) {
        report.conflicts.push(Conflict::ForkedAnchor { anchor });
    }
    for import in &other.imports {
        if !base.imports.contains(import) {
            base.imports.push(import.clone());
        }
    }
    base.imports
        .sort_by(|a, b| (a.at, &a.sha256).cmp(&(b.at, &b.sha256)));
    for w in &other.writers {
        base.note_writer(&w.log, &w.device);
    }
    report.shared_logs = shared_logs(base);
    canonical_order(base);
    report
}

/// Logs more than one machine has recorded in, with the machines.
pub fn shared_logs(custody: &Custody) -> Vec<(String, Vec<String>)> {
    let mut by_log: Vec<(String, Vec<String>)> = Vec::new();
    for w in &custody.writers {
        match by_log.iter_mut().find(|(log, _)| *log == w.log) {
            Some((_, devices)) => devices.push(w.device.clone()),
            None => by_log.push((w.log.clone(), vec![w.device.clone()])),
        }
    }
    by_log.retain(|(_, devices)| devices.len() > 1);
    by_log
}

/// Puts items in label order and groups events by log name, so that a merged log reads the same
/// whichever copies it came from. Within a log the stored order is never changed: it is what the
/// hash chain covers, and reordering it would hide tampering.
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
