//! Reading a large plan on every core: the custody log, four fifths of a large plan's text, is cut
//! at its events and the pieces are parsed in parallel with the rest of the file.
//!
//! This applies only to text laid out exactly as this program writes it ([`super::to_ron`]): the
//! log opens with `events: [` at the custody section's indent, directly followed by its first
//! `CustodyEvent(`, and closes with `],` at that indent; every event starts on a line of its own
//! at the next indent. Anything else (a hand-edited file, an older format, an empty log) is
//! parsed whole, as is any text whose pieces do not all parse, so that a damaged file is reported
//! by the whole parse with its true line and column. The result is the same plan either way
//! (tested against the whole parse).

use rayon::prelude::*;

use crate::model::{CustodyEvent, Plan};

/// Where the custody log opens, as this program writes it.
const OPEN: &str = "\n    events: [\n      CustodyEvent(";
/// Where it closes: the anchors follow it.
const CLOSE: &str = "\n    ],\n    anchors: ";
/// Where each event starts.
const EVENT: &str = "\n      CustodyEvent(";
/// Below this many bytes of log, one parse is as quick.
const WORTH_SPLITTING: usize = 1 << 20;

/// Where RON writes an empty custody log: the pieces written in parallel go between its brackets.
const EMPTY: &str = "\n    events: [],\n    anchors: ";
/// Events per piece written.
const WRITE_PIECE: usize = 2048;

/// The plan as RON writes it (without the final line break), as pieces in order, its custody log
/// written in pieces on every core; `None` for a plan with no events (RON writes it whole as
/// quickly).
pub(super) fn write(plan: &Plan) -> Option<Result<Vec<String>, super::SaveError>> {
    if plan.custody.events.is_empty() {
        return None;
    }
    // The rest of the plan with an empty log: the copy shares everything large.
    let mut rest = plan.clone();
    rest.custody.events = Vec::new().into();
    let (rest, log) = rayon::join(
        || super::whole_ron(&rest),
        || {
            plan.custody
                .events
                .par_chunks(WRITE_PIECE)
                .map(|events| {
                    let mut piece = String::with_capacity(events.len() * 600);
                    super::events::write(events, &mut piece);
                    piece
                })
                .collect::<Vec<String>>()
        },
    );
    let rest = match rest {
        Ok(rest) => rest,
        Err(e) => return Some(Err(e)),
    };
    // Only where the empty log is found once (a string cannot hold the line breaks).
    let at = rest.find(EMPTY)?;
    if rest[at + 1..].contains(EMPTY) {
        return Some(super::whole_ron(plan).map(|text| vec![text]));
    }
    let mut pieces = Vec::with_capacity(log.len() + 2);
    pieces.push(format!("{}\n    events: [", &rest[..at]));
    pieces.extend(log);
    pieces.push(format!("{CLOSE}{}", &rest[at + EMPTY.len()..]));
    Some(Ok(pieces))
}

/// The plan parsed in pieces, or `None` when the text is not laid out for it or a piece does not
/// parse (the caller then parses the whole text).
pub(super) fn parse(text: &str) -> Option<Plan> {
    // Where the log opens (the custody section comes before the largest sections), and where it
    // closes, found from the end (the anchors follow it): neither search reads the log itself.
    let open = text.find(OPEN)?;
    let start = open + "\n    events: [".len();
    let end = start + text[start..].rfind(CLOSE)?;
    let log = &text[start..end];
    if log.len() < WORTH_SPLITTING {
        return None;
    }
    // Pieces of about equal size, each starting where an event starts.
    let pieces = (rayon::current_num_threads() * 4).max(1);
    let mut bounds = vec![0];
    for k in 1..pieces {
        let from = k * log.len() / pieces;
        if let Some(at) = log.get(from..).and_then(|rest| rest.find(EVENT)) {
            let at = from + at;
            if bounds.last().is_some_and(|&last| at > last) {
                bounds.push(at);
            }
        }
    }
    bounds.push(log.len());
    // The rest of the file with an empty log: `events: []`.
    let rest = format!("{}]{}", &text[..start], &text[end + "\n    ]".len()..]);
    let (plan, events) = rayon::join(
        || ron::from_str::<Plan>(&rest).ok(),
        || {
            bounds
                .par_windows(2)
                .map(|w| {
                    let piece = &log[w[0]..w[1]];
                    super::events::read(piece).or_else(|| {
                        ron::from_str::<Vec<CustodyEvent>>(&format!("[{piece}\n]")).ok()
                    })
                })
                .collect::<Option<Vec<Vec<CustodyEvent>>>>()
        },
    );
    let (mut plan, events) = (plan?, events?);
    if !plan.custody.events.is_empty() {
        return None;
    }
    plan.custody.events = events.into_iter().flatten().collect::<Vec<_>>().into();
    Some(plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scale::{Scale, large_plan};

    fn poll() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2027, 5, 6).unwrap_or_default()
    }

    #[test]
    fn a_large_plan_parsed_in_pieces_is_the_plan_parsed_whole() {
        let plan = large_plan(Scale::SPEC, poll()).unwrap_or_else(|e| panic!("{e}"));
        let text = super::super::to_ron(&plan).unwrap_or_else(|e| panic!("{e}"));
        let pieces = parse(&text).expect("the text is laid out for splitting");
        let whole: Plan = ron::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(pieces.custody.events.len(), 30_000);
        // The quick reader takes the whole log, RON is not needed for it.
        let start = text.find(OPEN).unwrap_or_default() + "\n    events: [".len();
        let end = start + text[start..].rfind(CLOSE).unwrap_or_default();
        let quick = super::super::events::read(&text[start..end]).expect("read quickly");
        assert_eq!(quick, *plan.custody.events);
        assert_eq!(pieces, whole);
        assert_eq!(pieces, plan);
    }

    #[test]
    fn a_plan_written_in_pieces_is_the_plan_written_whole() {
        let plan = large_plan(Scale::SPEC, poll()).unwrap_or_else(|e| panic!("{e}"));
        let pieces = write(&plan)
            .expect("a log to write")
            .unwrap_or_else(|e| panic!("{e}"));
        let whole = super::super::whole_ron(&plan).unwrap_or_else(|e| panic!("{e}"));
        assert!(pieces.len() > 10);
        assert!(pieces.concat() == whole, "the texts differ");
        // And with every awkward character in the log, and a correction.
        let mut plan = crate::test_support::valid_plan();
        let item = plan.custody.items[0].id;
        let at = chrono::NaiveDate::from_ymd_opt(2027, 5, 6)
            .and_then(|d| d.and_hms_nano_opt(22, 15, 0, 500_000_000))
            .unwrap_or_default();
        for text in [
            "O'Brien \"sealed\" \\ \n\t\r\0",
            "café — ✓ 🗳️ \u{200b}\u{301}\u{7f}",
            "",
        ] {
            let previous = plan.custody.events.last().map(|e| e.id);
            crate::custody::chain::record(
                &mut plan.custody,
                text,
                crate::custody::chain::NewEvent {
                    item,
                    at,
                    stage: crate::model::CustodyStage::Destruction,
                    location: text.to_owned(),
                    from: text.to_owned(),
                    to: text.to_owned(),
                    seals_seen: vec![text.to_owned(), String::new()],
                    seals_intact: false,
                    witness: text.to_owned(),
                    notes: text.to_owned(),
                    corrects: previous,
                },
            );
        }
        let pieces = write(&plan)
            .expect("a log to write")
            .unwrap_or_else(|e| panic!("{e}"));
        let whole = super::super::whole_ron(&plan).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(pieces.concat(), whole);
        // A plan without events is left to RON.
        plan.custody.events = Vec::new().into();
        assert!(write(&plan).is_none());
    }

    #[test]
    fn text_laid_out_otherwise_or_damaged_is_left_to_the_whole_parse() {
        let plan = large_plan(Scale::SPEC, poll()).unwrap_or_else(|e| panic!("{e}"));
        let text = super::super::to_ron(&plan).unwrap_or_else(|e| panic!("{e}"));
        // A damaged event: the pieces do not parse, so the whole parse reports it.
        let damaged = text.replacen("seals_intact: true", "seals_intact: maybe", 1);
        assert!(parse(&damaged).is_none());
        // The log written on one line, or an extra event-like line inside a string.
        let compact = text.replacen(OPEN, "\n    events: [CustodyEvent(", 1);
        assert!(parse(&compact).is_none());
        // A small log is parsed whole.
        let small = super::super::to_ron(&crate::test_support::valid_plan()).unwrap_or_default();
        assert!(parse(&small).is_none());
    }
}
