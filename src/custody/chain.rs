//! The hash chain that makes the custody log tamper-evident.
//!
//! Each log (one laptop or count table) is a chain. An event's hash is
//! `SHA-256(previous_hash_hex + "\n" + canonical_json)`, written as 64 lowercase hex digits, where the first
//! event of a log uses 64 zeros as its previous hash and `canonical_json` is the compact JSON array
//!
//! ```text
//! ["custody-event/1", id, log, seq, item, at, stage, location, from, to, [seals_seen...],
//!  seals_intact, witness, notes, corrects-or-null]
//! ```
//!
//! with ids as lowercase hyphenated UUIDs, `at` as `YYYY-MM-DDTHH:MM:SS`, and `stage` as the stage's key
//! (e.g. `receipt-at-count`). Changing, deleting or reordering a recorded event changes a hash or breaks
//! the sequence; removing the newest events of a log can only be detected against a copy of its head
//! hash (printed in the plan's PDF and by `check`).

use std::fmt;

use chrono::NaiveDateTime;
use sha2::{Digest, Sha256};

use crate::model::{Custody, CustodyEvent, CustodyEventId, CustodyItemId, CustodyStage};

/// The previous hash of the first event in a log.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The canonical form of an event's content, which its hash covers.
pub fn canonical(event: &CustodyEvent) -> String {
    let value = serde_json::json!([
        "custody-event/1",
        event.id.0.hyphenated().to_string(),
        event.log,
        event.seq,
        event.item.0.hyphenated().to_string(),
        event.at.format("%Y-%m-%dT%H:%M:%S").to_string(),
        event.stage.key(),
        event.location,
        event.from,
        event.to,
        event.seals_seen,
        event.seals_intact,
        event.witness,
        event.notes,
        event.corrects.map(|c| c.0.hyphenated().to_string()),
    ]);
    value.to_string()
}

/// The hash of `event` chained on `previous` (hex).
pub fn compute_hash(previous: &str, event: &CustodyEvent) -> String {
    let mut hasher = Sha256::new();
    hasher.update(previous.as_bytes());
    hasher.update(b"\n");
    hasher.update(canonical(event).as_bytes());
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What staff enter for a new event; the log position and hash are added when it is recorded.
#[derive(Clone, Debug, PartialEq)]
pub struct NewEvent {
    /// The item.
    pub item: CustodyItemId,
    /// When it happened.
    pub at: NaiveDateTime,
    /// The stage.
    pub stage: CustodyStage,
    /// Where.
    pub location: String,
    /// Handed over by.
    pub from: String,
    /// Received by.
    pub to: String,
    /// Seals seen.
    pub seals_seen: Vec<String>,
    /// Whether all seals were intact.
    pub seals_intact: bool,
    /// Second witness.
    pub witness: String,
    /// Notes.
    pub notes: String,
    /// The event this corrects.
    pub corrects: Option<CustodyEventId>,
}

/// The head of a log: its last sequence number and hash (the genesis hash for an empty log).
pub fn head(custody: &Custody, log: &str) -> (u64, String) {
    custody
        .events
        .iter()
        .filter(|e| e.log == log)
        .max_by_key(|e| e.seq)
        .map_or((0, GENESIS.to_owned()), |e| (e.seq, e.hash.clone()))
}

/// Appends an event to `log`, giving it the next sequence number and its chained hash. Recorded events are
/// never changed: this is the only way the log grows.
pub fn record<'a>(custody: &'a mut Custody, log: &str, new: NewEvent) -> &'a CustodyEvent {
    record_as(custody, log, CustodyEventId::new(), new)
}

/// Like [`record`], with the id given (an import keeps the id a spreadsheet row carries).
pub fn record_as<'a>(
    custody: &'a mut Custody,
    log: &str,
    id: CustodyEventId,
    new: NewEvent,
) -> &'a CustodyEvent {
    let (last_seq, previous) = head(custody, log);
    let mut event = CustodyEvent {
        id,
        log: log.to_owned(),
        seq: last_seq + 1,
        item: new.item,
        at: new.at,
        stage: new.stage,
        location: new.location,
        from: new.from,
        to: new.to,
        seals_seen: new.seals_seen,
        seals_intact: new.seals_intact,
        witness: new.witness,
        notes: new.notes,
        corrects: new.corrects,
        hash: String::new(),
    };
    event.hash = compute_hash(&previous, &event);
    let index = custody.events.len();
    custody.events.push(event);
    &custody.events[index]
}

/// How a log's chain is broken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BreakKind {
    /// The event's content no longer matches its hash: it was edited after it was recorded.
    Edited,
    /// Sequence numbers jump: events before this one were deleted.
    Missing {
        /// The sequence number expected here.
        expected: u64,
    },
    /// The event is out of its recorded place (moved, or its number duplicated).
    OutOfPlace {
        /// The sequence number expected here.
        expected: u64,
    },
}

/// The first place a log's chain is broken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainBreak {
    /// The log.
    pub log: String,
    /// The first bad event.
    pub event: CustodyEventId,
    /// Its sequence number as stored.
    pub seq: u64,
    /// What is wrong.
    pub kind: BreakKind,
}

impl fmt::Display for ChainBreak {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            BreakKind::Edited => write!(
                f,
                "custody log \u{201c}{}\u{201d} is broken at event #{} ({}): its content does not match the hash recorded with it, so it was changed after it was recorded",
                self.log, self.seq, self.event
            ),
            BreakKind::Missing { expected } => write!(
                f,
                "custody log \u{201c}{}\u{201d} is broken at event #{} ({}): event #{expected} and any after it up to #{} are missing, so recorded events were deleted",
                self.log,
                self.seq,
                self.event,
                self.seq - 1
            ),
            BreakKind::OutOfPlace { expected } => write!(
                f,
                "custody log \u{201c}{}\u{201d} is broken at event #{} ({}): event #{expected} was expected here, so recorded events were moved or renumbered",
                self.log, self.seq, self.event
            ),
        }
    }
}

/// Verifies every log's chain in file order; reports the first break in each broken log, logs in order of
/// first appearance.
pub fn verify(custody: &Custody) -> Vec<ChainBreak> {
    let mut logs: Vec<&str> = Vec::new();
    for e in &custody.events {
        if !logs.contains(&e.log.as_str()) {
            logs.push(&e.log);
        }
    }
    let mut breaks = Vec::new();
    for log in logs {
        let mut previous = GENESIS.to_owned();
        let events: Vec<&CustodyEvent> = custody.events.iter().filter(|e| e.log == log).collect();
        for (expected, (position, e)) in (1..).zip(events.iter().enumerate()) {
            let kind = if e.seq > expected {
                if events[position + 1..]
                    .iter()
                    .any(|later| later.seq == expected)
                {
                    Some(BreakKind::OutOfPlace { expected })
                } else {
                    Some(BreakKind::Missing { expected })
                }
            } else if e.seq < expected {
                Some(BreakKind::OutOfPlace { expected })
            } else if compute_hash(&previous, e) != e.hash {
                Some(BreakKind::Edited)
            } else {
                None
            };
            if let Some(kind) = kind {
                breaks.push(ChainBreak {
                    log: log.to_owned(),
                    event: e.id,
                    seq: e.seq,
                    kind,
                });
                break;
            }
            previous.clone_from(&e.hash);
        }
    }
    breaks
}
