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
