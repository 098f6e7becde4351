//! Anchors and heads: what makes removing the newest events of a log detectable.
//!
//! A hash chain shows that a recorded event was edited, moved or deleted from the middle of a log,
//! but a log cut short is still a valid chain. So the plan keeps each log's anchor (its length and
//! last hash when last saved), and a save only ever extends an anchor along the same chain. A log
//! that no longer reaches its anchor is reported as `custody.truncated`.
//!
//! What this proves, honestly: the chain is not keyed, so someone who edits the file and recomputes
//! every hash after their change, and the anchor too, leaves a consistent file. Only a copy of the
//! heads kept outside the file (printed in the signed PDF, a backup, the police's copy) catches
//! that: `check --against` compares the logs with such a copy.

use std::collections::HashMap;
use std::fmt;

use super::chain::{self, GENESIS};
use crate::model::{Custody, CustodyEvent, LogAnchor};

/// Each log's events in file order.
fn by_log(events: &[CustodyEvent]) -> HashMap<&str, Vec<&CustodyEvent>> {
    let mut logs: HashMap<&str, Vec<&CustodyEvent>> = HashMap::new();
    for e in events {
        logs.entry(e.log.as_str()).or_default().push(e);
    }
    logs
}

/// Extends each log's anchor to the furthest event that chains on from it (from the start, for a
/// log with no anchor yet). An anchor whose event is missing or different stays where it is: the
/// log no longer reaches it, which `check` reports. Only events after the anchor are hashed, so
/// this is cheap on a log that has grown by a few events.
pub fn advance(custody: &mut Custody) {
    let logs = by_log(&custody.events);
    let mut anchors = std::mem::take(&mut custody.anchors);
    for (log, events) in &logs {
        let existing = anchors.iter().position(|a| a.log == *log);
        let (mut seq, mut hash) = match existing {
            Some(i) => {
                let anchor = &anchors[i];
                let reached = events
                    .iter()
                    .find(|e| e.seq == anchor.seq)
                    .is_some_and(|e| e.hash == anchor.hash);
                if !reached {
                    continue;
                }
                (anchor.seq, anchor.hash.clone())
            }
            None => (0, GENESIS.to_owned()),
        };
        let start = events.iter().position(|e| e.seq == seq + 1);
        for e in start.map_or(&[][..], |s| &events[s..]) {
            if e.seq != seq + 1 || chain::compute_hash(&hash, e) != e.hash {
                break;
            }
            seq = e.seq;
            hash.clone_from(&e.hash);
        }
        if seq == 0 {
            continue;
        }
        let anchor = LogAnchor {
            log: (*log).to_owned(),
            seq,
            hash,
        };
        match existing {
            Some(i) => anchors[i] = anchor,
            None => anchors.push(anchor),
        }
    }
    anchors.sort_by(|a, b| a.log.cmp(&b.log));
    custody.anchors = anchors;
}

/// How a log fails to reach its anchor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shortfall {
    /// The log ends before the anchored event: its newest events were removed.
    Truncated {
        /// The last sequence number the log now has (0: none).
        now_ends_at: u64,
    },
    /// The event at the anchored position is not the one anchored: the log was rewritten.
    Diverged,
}

/// A log that no longer reaches its anchor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreached {
    /// The anchor.
    pub anchor: LogAnchor,
    /// How it falls short.
    pub shortfall: Shortfall,
}

impl fmt::Display for Unreached {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let a = &self.anchor;
        match self.shortfall {
            Shortfall::Truncated { now_ends_at: 0 } => write!(
                f,
                "custody log \u{201c}{}\u{201d} has no events, but {} had been recorded in it \
                 (anchored at #{}, {}): the log was removed",
                a.log,
                a.seq,
                a.seq,
                short(&a.hash)
            ),
            Shortfall::Truncated { now_ends_at } => write!(
                f,
                "custody log \u{201c}{}\u{201d} now ends at event #{now_ends_at}, but it had \
                 reached #{} ({}): events #{} to #{} were removed",
                a.log,
                a.seq,
                short(&a.hash),
                now_ends_at + 1,
                a.seq
            ),
            Shortfall::Diverged => write!(
                f,
                "event #{} of custody log \u{201c}{}\u{201d} is not the one recorded there ({}): \
                 the log was rewritten",
                a.seq,
                a.log,
                short(&a.hash)
            ),
        }
    }
}

/// Every anchor the logs no longer reach, in log order.
pub fn unreached(custody: &Custody) -> Vec<Unreached> {
    if custody.anchors.is_empty() {
        return Vec::new();
    }
    let logs = by_log(&custody.events);
    custody
        .anchors
        .iter()
        .filter_map(|anchor| {
            let events = logs
                .get(anchor.log.as_str())
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            shortfall(events, anchor.seq, &anchor.hash).map(|shortfall| Unreached {
                anchor: anchor.clone(),
                shortfall,
            })
        })
        .collect()
}

/// Whether `events` (one log's) reach the event `seq` whose hash starts with `hash`.
fn shortfall(events: &[&CustodyEvent], seq: u64, hash: &str) -> Option<Shortfall> {
    match events.iter().find(|e| e.seq == seq) {
        Some(e) if e.hash.starts_with(hash) => None,
        Some(_) => Some(Shortfall::Diverged),
        None => Some(Shortfall::Truncated {
            now_ends_at: events.iter().map(|e| e.seq).max().unwrap_or(0),
        }),
    }
}

/// Unites the anchors of another copy with `custody`'s, after its events were merged in: for each
/// log the furthest anchor, provided the merged log reaches both. Returns the logs whose anchors
/// fork (the merged log cannot reach both), whose anchors are left as they were.
pub fn unite(custody: &mut Custody, other: &[LogAnchor]) -> Vec<LogAnchor> {
    let logs = by_log(&custody.events);
    let reaches = |a: &LogAnchor| {
        let events = logs.get(a.log.as_str()).map(Vec::as_slice).unwrap_or(&[]);
        shortfall(events, a.seq, &a.hash).is_none()
    };
    let mut forks = Vec::new();
    let mut updates: Vec<LogAnchor> = Vec::new();
    for theirs in other {
        match custody.anchors.iter().find(|a| a.log == theirs.log) {
            Some(ours) if ours == theirs => {}
            Some(ours) => {
                if reaches(ours) && reaches(theirs) {
                    if theirs.seq > ours.seq {
                        updates.push(theirs.clone());
                    }
                } else {
                    forks.push(theirs.clone());
                }
            }
            None if reaches(theirs) => updates.push(theirs.clone()),
            None => forks.push(theirs.clone()),
        }
    }
    for anchor in updates {
        match custody.anchors.iter_mut().find(|a| a.log == anchor.log) {
            Some(existing) => *existing = anchor,
            None => custody.anchors.push(anchor),
        }
    }
    custody.anchors.sort_by(|a, b| a.log.cmp(&b.log));
    forks
}

/// A log's head: its last event's sequence number and hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Head {
    /// The log.
    pub log: String,
    /// The last sequence number.
    pub seq: u64,
    /// That event's hash (possibly only its first digits, when read from a printed copy).
    pub hash: String,
}

/// Every log's head, in log order.
pub fn heads(custody: &Custody) -> Vec<Head> {
    let mut heads: Vec<Head> = by_log(&custody.events)
        .into_iter()
        .filter_map(|(log, events)| {
            events.iter().max_by_key(|e| e.seq).map(|e| Head {
                log: log.to_owned(),
                seq: e.seq,
                hash: e.hash.clone(),
            })
        })
        .collect();
    heads.sort_by(|a, b| a.log.cmp(&b.log));
    heads
}

/// A hash in groups of eight hex digits, for reading aloud and copying by hand.
pub fn grouped(hash: &str) -> String {
    hash.as_bytes()
        .chunks(8)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The short form of a hash: its first sixteen hex digits in two groups.
pub fn short(hash: &str) -> String {
    grouped(&hash.chars().take(16).collect::<String>())
}

/// The fewest hex digits accepted for a head copied by hand: 64 bits, too many to forge by trial.
pub const MIN_REFERENCE_DIGITS: usize = 16;

/// Reads heads written by `custody heads`, or copied from the PDF's table or typed from a printed
/// copy: one per line, `LOG #SEQ HASH` with the hash whole or its first sixteen or more hex digits,
/// in groups of eight or more; lines starting `# ` are comments.
pub fn parse_heads(text: &str) -> Result<Vec<Head>, String> {
    let mut heads = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim().trim_start_matches('\u{feff}');
        if line.is_empty() || line == "#" || line.starts_with("# ") {
            continue;
        }
        let number = index + 1;
        let tokens: Vec<&str> = line.split_whitespace().collect();
        let Some(at) = tokens.iter().rposition(|t| {
            t.strip_prefix('#')
                .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
        }) else {
            return Err(format!(
                "line {number}: no event number; expected LOG #SEQ HASH, e.g. count-receipt #212 \
                 3f2a9c1e 0bd47a11"
            ));
        };
        let log = tokens[..at].join(" ");
        let seq: u64 = tokens[at][1..]
            .parse()
            .map_err(|_| format!("line {number}: {} is not an event number", tokens[at]))?;
        // The hash is the groups of eight or more hex digits after the number; anything else on the
        // line (the date a PDF table prints between them) is passed over.
        let hash: String = tokens[at + 1..]
            .iter()
            .filter(|t| t.len() >= 8 && t.chars().all(|c| c.is_ascii_hexdigit()))
            .flat_map(|t| t.chars())
            .collect::<String>()
            .to_ascii_lowercase();
        if log.is_empty() {
            return Err(format!("line {number}: no log name before {}", tokens[at]));
        }
        if hash.len() < MIN_REFERENCE_DIGITS || hash.len() > 64 {
            return Err(format!(
                "line {number}: the hash has {} hex digits; give at least {MIN_REFERENCE_DIGITS} \
                 (and at most 64)",
                hash.len()
            ));
        }
        heads.push(Head { log, seq, hash });
    }
    if heads.is_empty() {
        return Err("no heads found; expected lines of LOG #SEQ HASH".to_owned());
    }
    Ok(heads)
}

/// The reference heads the logs no longer reach, each with why.
pub fn check_reference(custody: &Custody, reference: &[Head]) -> Vec<(Head, Shortfall)> {
    let logs = by_log(&custody.events);
    reference
        .iter()
        .filter_map(|head| {
            let events = logs
                .get(head.log.as_str())
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            shortfall(events, head.seq, &head.hash).map(|s| (head.clone(), s))
        })
        .collect()
}
