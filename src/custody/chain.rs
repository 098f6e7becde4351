//! The hash chain that makes the custody log tamper-evident.
//!
//! Each log (one laptop or count table) is a chain. An event's hash is
//! `SHA-256(previous_hash_hex + "\n" + canonical_json)`, written as 64 lowercase hex digits, where
//! the first event of a log uses 64 zeros as its previous hash and `canonical_json` is the compact
//! JSON array
//!
//! ```text
//! ["custody-event/1", id, log, seq, item, at, stage, location, from, to, [seals_seen...],
//!  seals_intact, witness, notes, corrects-or-null]
//! ```
//!
//! with ids as lowercase hyphenated UUIDs, `at` as `YYYY-MM-DDTHH:MM:SS`, and `stage` as the
//! stage's key (e.g. `receipt-at-count`). Changing, deleting or reordering a recorded event changes
//! a hash or breaks the sequence; removing the newest events of a log can only be detected against
//! a copy of its head hash (printed in the plan's PDF and by `check`).

use rayon::prelude::*;
use std::fmt;

use chrono::NaiveDateTime;
use sha2::{Digest, Sha256};

use crate::model::{Custody, CustodyEvent, CustodyEventId, CustodyItemId, CustodyStage};

/// The previous hash of the first event in a log.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Writes the canonical form of an event's content (which its hash covers) into `out`, replacing
/// what was there. Written straight from the event, without building a JSON tree: this runs for
/// every event whenever a log is verified.
pub fn write_canonical(event: &CustodyEvent, out: &mut Vec<u8>) {
    out.clear();
    let (mut id, mut item, mut corrects) = ([0u8; 36], [0u8; 36], [0u8; 36]);
    let id = event.id.0.hyphenated().encode_lower(&mut id);
    let item = event.item.0.hyphenated().encode_lower(&mut item);
    let corrects = event
        .corrects
        .map(|c| &*c.0.hyphenated().encode_lower(&mut corrects));
    let mut at = [0u8; 32];
    let at = iso_seconds(event.at, &mut at);
    let fields = (
        "custody-event/1",
        &*id,
        event.log.as_str(),
        event.seq,
        &*item,
        at,
        event.stage.key(),
        event.location.as_str(),
        event.from.as_str(),
        event.to.as_str(),
        &event.seals_seen,
        event.seals_intact,
        event.witness.as_str(),
        event.notes.as_str(),
        corrects,
    );
    // Writing plain strings, numbers and booleans into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, &fields);
}

/// `at` as `%Y-%m-%dT%H:%M:%S` (as chrono formats it), written into `buffer` without parsing a
/// format string: this runs for every event whenever a log is verified.
fn iso_seconds(at: chrono::NaiveDateTime, buffer: &mut [u8; 32]) -> &str {
    use chrono::{Datelike as _, Timelike as _};
    use std::io::Write as _;
    let mut cursor = std::io::Cursor::new(&mut buffer[..]);
    let _ = if (0..=9999).contains(&at.year()) {
        write!(
            cursor,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            at.year(),
            at.month(),
            at.day(),
            at.hour(),
            at.minute(),
            at.second()
        )
    } else {
        // chrono writes years beyond four digits with a sign.
        write!(cursor, "{}", at.format("%Y-%m-%dT%H:%M:%S"))
    };
    let len = usize::try_from(cursor.position()).unwrap_or(0);
    std::str::from_utf8(&buffer[..len]).unwrap_or("")
}

/// The canonical form of an event's content, which its hash covers.
pub fn canonical(event: &CustodyEvent) -> String {
    let mut out = Vec::with_capacity(256);
    write_canonical(event, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// The hash of `event` chained on `previous`, as 64 lowercase hex digits, using `buffer` for the
/// canonical form.
fn hash_hex(previous: &str, event: &CustodyEvent, buffer: &mut Vec<u8>) -> [u8; 64] {
    write_canonical(event, buffer);
    let mut hasher = Sha256::new();
    hasher.update(previous.as_bytes());
    hasher.update(b"\n");
    hasher.update(&buffer[..]);
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = [0u8; 64];
    for (i, b) in hasher.finalize().iter().enumerate() {
        out[2 * i] = HEX[usize::from(b >> 4)];
        out[2 * i + 1] = HEX[usize::from(b & 0xf)];
    }
    out
}

/// The hash of `event` chained on `previous` (hex).
pub fn compute_hash(previous: &str, event: &CustodyEvent) -> String {
    let hex = hash_hex(previous, event, &mut Vec::with_capacity(256));
    String::from_utf8_lossy(&hex).into_owned()
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

impl From<&CustodyEvent> for NewEvent {
    fn from(e: &CustodyEvent) -> NewEvent {
        NewEvent {
            item: e.item,
            at: e.at,
            stage: e.stage,
            location: e.location.clone(),
            from: e.from.clone(),
            to: e.to.clone(),
            seals_seen: e.seals_seen.clone(),
            seals_intact: e.seals_intact,
            witness: e.witness.clone(),
            notes: e.notes.clone(),
            corrects: e.corrects,
        }
    }
}

impl NewEvent {
    /// A digest of what was recorded (everything but the id, log, position and hash), so that the
    /// same handover typed twice can be recognised whichever log it went to.
    pub fn content_digest(&self) -> [u8; 32] {
        let corrects = self.corrects.map(|c| c.0.hyphenated().to_string());
        let fields = (
            "custody-content/1",
            self.item.0.hyphenated().to_string(),
            self.at.format("%Y-%m-%dT%H:%M:%S").to_string(),
            self.stage.key(),
            &self.location,
            &self.from,
            &self.to,
            &self.seals_seen,
            self.seals_intact,
            &self.witness,
            &self.notes,
            corrects,
        );
        let bytes = serde_json::to_vec(&fields).unwrap_or_default();
        Sha256::digest(&bytes).into()
    }
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

/// Appends an event to `log`, giving it the next sequence number and its chained hash. Recorded
/// events are never changed: this is the only way the log grows.
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
    let head = head(custody, log);
    append(custody, log, id, new, &head)
}

/// Appends an event to `log` whose head is `head` (its last sequence number and hash), as the
/// caller already knows it: recording many events keeps the heads rather than scanning the log for
/// each.
pub fn append<'a>(
    custody: &'a mut Custody,
    log: &str,
    id: CustodyEventId,
    new: NewEvent,
    head: &(u64, String),
) -> &'a CustodyEvent {
    let (last_seq, previous) = head;
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
    event.hash = compute_hash(previous, &event);
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
                "custody log \u{201c}{}\u{201d} is broken at event #{} ({}): its content does not \
                 match the hash recorded with it, so it was changed after it was recorded",
                self.log, self.seq, self.event
            ),
            BreakKind::Missing { expected } => write!(
                f,
                "custody log \u{201c}{}\u{201d} is broken at event #{} ({}): event #{expected} and \
                 any after it up to #{} are missing, so recorded events were deleted",
                self.log,
                self.seq,
                self.event,
                self.seq - 1
            ),
            BreakKind::OutOfPlace { expected } => write!(
                f,
                "custody log \u{201c}{}\u{201d} is broken at event #{} ({}): event #{expected} was \
                 expected here, so recorded events were moved or renumbered",
                self.log, self.seq, self.event
            ),
        }
    }
}

/// Verifies every log's chain in file order; reports the first break in each broken log, logs in
/// order of first appearance.
pub fn verify(custody: &Custody) -> Vec<ChainBreak> {
    verify_events(custody.events.iter())
}

/// Verifies only the chains of `logs` (a laptop's own, before it sends them), as [`verify`] does.
pub fn verify_logs(custody: &Custody, logs: &[String]) -> Vec<ChainBreak> {
    verify_events(custody.events.iter().filter(|e| logs.contains(&e.log)))
}

fn verify_events<'a>(events: impl Iterator<Item = &'a CustodyEvent>) -> Vec<ChainBreak> {
    // Each log's events in recorded order, the logs in the order they first appear; the logs are
    // then verified in parallel (each is its own chain) and their breaks kept in that order.
    by_log(events)
        .par_iter()
        .filter_map(|(log, events)| verify_log(log, events))
        .collect()
}

/// `events` grouped by log, each log's in the order given, the logs in the order they first
/// appear. A log's events follow one another in a file, so each event goes to the log of the one
/// before unless its log differs: a name is only looked up when the log changes.
pub fn by_log<'a>(
    events: impl Iterator<Item = &'a CustodyEvent>,
) -> Vec<(&'a str, Vec<&'a CustodyEvent>)> {
    let mut logs: Vec<(&str, Vec<&CustodyEvent>)> = Vec::new();
    let mut index: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    let mut current = usize::MAX;
    for e in events {
        if logs.get(current).is_none_or(|(log, _)| *log != e.log) {
            current = *index.entry(e.log.as_str()).or_insert_with(|| {
                logs.push((e.log.as_str(), Vec::new()));
                logs.len() - 1
            });
        }
        logs[current].1.push(e);
    }
    logs
}

/// The first break in one log's chain, if any.
fn verify_log(log: &str, events: &[&CustodyEvent]) -> Option<ChainBreak> {
    let mut buffer = Vec::with_capacity(256);
    let mut previous: &str = GENESIS;
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
        } else if hash_hex(previous, e, &mut buffer) != e.hash.as_bytes() {
            Some(BreakKind::Edited)
        } else {
            None
        };
        if let Some(kind) = kind {
            return Some(ChainBreak {
                log: log.to_owned(),
                event: e.id,
                seq: e.seq,
                kind,
            });
        }
        previous = &e.hash;
    }
    None
}
