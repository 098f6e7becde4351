//! Checks over the custody log: gaps in the chain of hands, seals, stages, timing, receipt at the
//! count and overlapping ballot paper ranges.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use chrono::NaiveDateTime;

use super::chain;
use crate::model::{
    Custody, CustodyEvent, CustodyEventId, CustodyItem, CustodyItemId, CustodyStage, ItemKind,
};

/// What kind of anomaly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AnomalyKind {
    /// A log's hash chain is broken: a recorded event was edited, deleted or moved.
    ChainBroken,
    /// Someone handed on an item they were never handed.
    HandoverGap,
    /// Seals differ from the last recorded without a resealing stage.
    SealMismatch,
    /// A seal seen is not one the item is expected to carry.
    UnexpectedSeal,
    /// Seals were recorded as not intact.
    SealBroken,
    /// An item's custody stage went backwards along its journey.
    StageBackwards,
    /// An event's stage is not part of its item's journey (a ballot box "dispatched" by post).
    StageNotInJourney,
    /// A sealed packet only a court may have opened is recorded as opened.
    CourtOnlyPacketOpened,
    /// An event was recorded after another in its log but timed before it.
    OutOfTimeOrder,
    /// An item expected at the count had not been received by the plan's deadline.
    NotReceived,
    /// Ballot paper serial ranges overlap.
    BookRangeOverlap,
    /// A ballot paper range ends before it starts.
    BookRangeInvalid,
}

/// One thing wrong in the custody log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anomaly {
    /// What kind.
    pub kind: AnomalyKind,
    /// The item concerned, if one is.
    pub item: Option<CustodyItemId>,
    /// The event concerned, if one is.
    pub event: Option<CustodyEventId>,
    /// What is wrong, naming the item, the event and the people.
    pub message: String,
}

/// Stages at which seals are applied, so the set seen may change.
fn reseals(stage: CustodyStage) -> bool {
    matches!(
        stage,
        CustodyStage::OpeningOfPoll | CustodyStage::CloseOfPoll | CustodyStage::BreakInCount
    )
}

fn same(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

fn seal_set(seals: &[String]) -> Vec<String> {
    let mut set: Vec<String> = seals
        .iter()
        .map(|s| s.trim().to_uppercase())
        .filter(|s| !s.is_empty())
        .collect();
    set.sort();
    set.dedup();
    set
}

/// The events that stand: every event except those a later event corrects.
pub fn standing_events(custody: &Custody) -> impl Iterator<Item = &CustodyEvent> {
    // Ids are random: the quick hash is as good as any for them.
    let corrected: HashSet<CustodyEventId> =
        custody.events.iter().filter_map(|e| e.corrects).collect();
    custody
        .events
        .iter()
        .filter(move |e| !corrected.contains(&e.id))
}

/// Each item's standing events in time order (ties in log order).
pub fn timelines(custody: &Custody) -> HashMap<CustodyItemId, Vec<&CustodyEvent>> {
    let mut by_item: HashMap<CustodyItemId, Vec<&CustodyEvent>> = HashMap::default();
    for e in standing_events(custody) {
        by_item.entry(e.item).or_default().push(e);
    }
    for events in by_item.values_mut() {
        events.sort_by(|a, b| (a.at, &a.log, a.seq).cmp(&(b.at, &b.log, b.seq)));
    }
    by_item
}

/// Whether an item has reached the count (received there, or any later stage).
pub fn received_at_count(events: &[&CustodyEvent]) -> Option<NaiveDateTime> {
    events
        .iter()
        .filter(|e| e.stage.at_or_after_count())
        .map(|e| e.at)
        .min()
}

/// Every anomaly in the custody log as at `now`, in item order, then by kind.
pub fn anomalies(custody: &Custody, now: NaiveDateTime) -> Vec<Anomaly> {
    // The hash chains are verified on the other core while the items' timelines are checked.
    let (breaks, rest) = rayon::join(|| chain::verify(custody), || item_checks(custody, now));
    let mut out: Vec<Anomaly> = breaks
        .into_iter()
        .map(|b| Anomaly {
            kind: AnomalyKind::ChainBroken,
            item: None,
            event: Some(b.event),
            message: b.to_string(),
        })
        .collect();
    out.extend(rest);
    out
}

/// Every check but the hash chains'.
fn item_checks(custody: &Custody, now: NaiveDateTime) -> Vec<Anomaly> {
    // Each item's timeline, and each log's time order, on either core; then the book ranges.
    let (mut out, mut in_logs) = rayon::join(
        || timeline_checks(custody, now),
        || {
            let mut out = Vec::new();
            out_of_time_order(custody, &mut out);
            out
        },
    );
    out.append(&mut in_logs);
    book_ranges(&custody.items, &mut out);
    out
}

/// Each item's timeline checked in turn, in item order.
fn timeline_checks(custody: &Custody, now: NaiveDateTime) -> Vec<Anomaly> {
    let mut out = Vec::new();
    let timelines = timelines(custody);
    for item in &custody.items {
        let events = timelines
            .get(&item.id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        item_anomalies(item, events, &mut out);
        if item.expected_at_count
            && let Some(deadline) = custody.count_receipt_deadline
            && now > deadline
            && received_at_count(events).is_none()
        {
            let last = events.last().map_or_else(
                || "no custody event is recorded for it".to_owned(),
                |e| {
                    format!(
                        "last recorded at {} ({}, {})",
                        e.stage,
                        e.at.format("%d %b %H:%M"),
                        holder(e)
                    )
                },
            );
            out.push(Anomaly {
                kind: AnomalyKind::NotReceived,
                item: Some(item.id),
                event: None,
                message: format!(
                    "{} {} was expected at the count by {} and has not been received; {last}",
                    item.kind,
                    item.label,
                    deadline.format("%H:%M on %-d %B")
                ),
            });
        }
    }
    out
}

fn holder(e: &CustodyEvent) -> String {
    if e.to.trim().is_empty() {
        "holder not recorded".to_owned()
    } else {
        format!("held by {}", e.to.trim())
    }
}

fn describe(e: &CustodyEvent) -> String {
    format!(
        "{} #{} ({} at {})",
        e.log,
        e.seq,
        e.stage,
        e.at.format("%Y-%m-%d %H:%M")
    )
}

fn item_anomalies(item: &CustodyItem, events: &[&CustodyEvent], out: &mut Vec<Anomaly>) {
    let mut push = |kind, event: &CustodyEvent, message: String| {
        out.push(Anomaly {
            kind,
            item: Some(item.id),
            event: Some(event.id),
            message,
        });
    };
    let expected = seal_set(&item.expected_seals);
    let mut holder: Option<&str> = None;
    let mut seals: Option<Vec<String>> = None;
    let mut furthest: Option<(usize, CustodyStage)> = None;
    for e in events {
        let label = &item.label;
        // The chain of hands: whoever hands an item on must be its holder.
        if let Some(current) = holder
            && is_handover_gap(current, &e.from)
        {
            push(
                AnomalyKind::HandoverGap,
                e,
                format!(
                    "{label}: {} records {} handing it over, but it was last handed to {current}; \
                     the handover between them is missing",
                    describe(e),
                    e.from.trim()
                ),
            );
        }
        if !e.to.trim().is_empty() {
            holder = Some(e.to.trim());
        }
        // Seals.
        if !e.seals_intact {
            push(
                AnomalyKind::SealBroken,
                e,
                format!("{label}: {} records seals not intact", describe(e)),
            );
        }
        let seen = seal_set(&e.seals_seen);
        if !seen.is_empty() {
            for s in unexpected_seals(&item.expected_seals, &seen) {
                push(
                    AnomalyKind::UnexpectedSeal,
                    e,
                    format!(
                        "{label}: {} records seal {s}, which is not one of its seals ({})",
                        describe(e),
                        expected.join(", ")
                    ),
                );
            }
            if let Some(last) = &seals
                && !reseals(e.stage)
                && *last != seen
            {
                push(
                    AnomalyKind::SealMismatch,
                    e,
                    format!(
                        "{label}: {} records seals {} but the last recorded were {}",
                        describe(e),
                        seen.join(", "),
                        last.join(", ")
                    ),
                );
            }
            seals = Some(seen);
        }
        // A packet only a court may have opened is never recorded as opened.
        if let Some(why) = item.refuses(e.stage) {
            push(
                AnomalyKind::CourtOnlyPacketOpened,
                e,
                format!("{}: {why}", describe(e)),
            );
        }
        // Each kind of item travels its own journey.
        let journey = item.kind.journey();
        if !journey.includes(e.stage) {
            push(
                AnomalyKind::StageNotInJourney,
                e,
                format!(
                    "{label}: {} is recorded at {}, which is not a stage of a {}'s journey \
                     ({}); record it at one of that journey's stages",
                    describe(e),
                    e.stage,
                    item.kind.label().to_lowercase(),
                    journey.label().to_lowercase()
                ),
            );
        }
        // Stages only move forward along the journey; a break in the count returns to where it
        // was, and a retained packet may be opened at any time.
        if let Some(order) = e.stage.order(journey) {
            if let Some((furthest_order, furthest_stage)) = furthest
                && order < furthest_order
            {
                push(
                    AnomalyKind::StageBackwards,
                    e,
                    format!(
                        "{label}: {} goes back to {} after {}",
                        describe(e),
                        e.stage,
                        furthest_stage
                    ),
                );
            }
            if furthest.is_none_or(|(o, _)| order > o) {
                furthest = Some((order, e.stage));
            }
        }
    }
}

/// Within each log, an item's events must be timed in the order they were recorded.
fn out_of_time_order(custody: &Custody, out: &mut Vec<Anomaly>) {
    // Each log's events in log order, the logs by name; a log already in order (as recorded) is
    // not sorted.
    let mut logs = chain::by_log(standing_events(custody));
    logs.sort_by(|a, b| a.0.cmp(b.0));
    let labels: HashMap<CustodyItemId, &str> = custody
        .items
        .iter()
        .map(|i| (i.id, i.label.as_str()))
        .collect();
    // Each log in turn: the event recorded last for each item in it.
    let mut last: HashMap<CustodyItemId, &CustodyEvent> = HashMap::default();
    for (_, events) in &mut logs {
        if !events.is_sorted_by_key(|e| e.seq) {
            events.sort_by_key(|e| e.seq);
        }
        last.clear();
        for &e in events.iter() {
            if let Some(previous) = last.insert(e.item, e)
                && e.at < previous.at
            {
                out.push(Anomaly {
                    kind: AnomalyKind::OutOfTimeOrder,
                    item: Some(e.item),
                    event: Some(e.id),
                    message: format!(
                        "{}: {} was recorded after {} but is timed {} earlier",
                        labels.get(&e.item).copied().unwrap_or("(unknown item)"),
                        describe(e),
                        describe(previous),
                        humanise(previous.at - e.at)
                    ),
                });
            }
        }
    }
}

fn humanise(d: chrono::Duration) -> String {
    let minutes = d.num_minutes();
    if minutes < 120 {
        format!("{minutes} min")
    } else {
        format!("{} h {} min", minutes / 60, minutes % 60)
    }
}

fn book_ranges(items: &[CustodyItem], out: &mut Vec<Anomaly>) {
    let mut ranges: Vec<(u64, u64, &CustodyItem)> = Vec::new();
    for item in items
        .iter()
        .filter(|i| i.kind == ItemKind::BallotPaperBatch || !i.book_ranges.is_empty())
    {
        for r in &item.book_ranges {
            if r.last < r.first {
                out.push(Anomaly {
                    kind: AnomalyKind::BookRangeInvalid,
                    item: Some(item.id),
                    event: None,
                    message: format!(
                        "{}: ballot paper range {}–{} ends before it starts",
                        item.label, r.first, r.last
                    ),
                });
            } else {
                ranges.push((r.first, r.last, item));
            }
        }
    }
    // Sweep in order of first serial: each range is compared with the furthest-reaching one before
    // it.
    ranges.sort_by_key(|(first, last, _)| (*first, *last));
    let mut reach: Option<(u64, u64, &CustodyItem)> = None;
    for (first, last, item) in ranges {
        if let Some((pf, pl, other)) = reach
            && first <= pl
        {
            let whose = if other.id == item.id {
                "itself".to_owned()
            } else {
                other.label.clone()
            };
            out.push(Anomaly {
                kind: AnomalyKind::BookRangeOverlap,
                item: Some(item.id),
                event: None,
                message: format!(
                    "{}: ballot papers {first}–{last} overlap {pf}–{pl} issued to {whose}; \
                     serial numbers must be unique",
                    item.label
                ),
            });
        }
        if reach.is_none_or(|(_, pl, _)| last > pl) {
            reach = Some((first, last, item));
        }
    }
}

/// The seals seen that are not among an item's expected seals (none when it expects none): the rule
/// `check` reports as an unexpected seal, for quick entry to warn of before recording.
pub fn unexpected_seals(expected: &[String], seen: &[String]) -> Vec<String> {
    let expected = seal_set(expected);
    if expected.is_empty() {
        return Vec::new();
    }
    seal_set(seen)
        .into_iter()
        .filter(|s| !expected.contains(s))
        .collect()
}

/// Whether a handover by `from` leaves a gap after the item was last handed to `holder`: the rule
/// `check` reports as a handover gap, and quick entry warns of before recording.
pub fn is_handover_gap(holder: &str, from: &str) -> bool {
    !from.trim().is_empty() && !holder.trim().is_empty() && !same(from, holder)
}

/// A handover by `from` after `last`, in words, when it leaves a gap (see [`is_handover_gap`]).
pub fn handover_gap(last: &CustodyEvent, from: &str) -> Option<String> {
    let (holder, from) = (last.to.trim(), from.trim());
    is_handover_gap(holder, from).then(|| {
        format!("last handed to {holder}, not {from}; the handover between them is missing")
    })
}
