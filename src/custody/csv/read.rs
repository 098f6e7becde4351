//! Reading an imported file: the header checked, then every row, each cell read and every
//! problem named by row and column, before anything is recorded.

use std::collections::{HashMap, HashSet};

use super::cells::{
    is_e_notation, parse_id, parse_stage, parse_time, parse_yes_no, resolve_item, same_content,
    zeros_restored,
};
use super::{COLUMNS, ImportOptions, RowError, from_spreadsheet};
use crate::custody::chain::NewEvent;
use crate::model::limits::{MAX_LOG_NAME, MAX_TEXT};
use crate::model::{Custody, CustodyEvent, CustodyEventId};

/// A row checked and ready to record.
pub(super) struct Row {
    pub number: usize,
    pub id: Option<CustodyEventId>,
    pub log: String,
    pub event: NewEvent,
}

/// Whether a cell holds a character no custody record may (NUL, ESC and the other control
/// characters but tab and line breaks).
fn forbidden_character(cell: &str) -> Option<char> {
    cell.chars()
        .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// Reads and checks the header and every row; any problem refuses the file, all problems listed.
/// Rows to check by eye (a seal read with its zeros restored, a time outside its stage's window)
/// add to `warnings`.
pub(super) fn parse(
    custody: &Custody,
    text: &str,
    options: &ImportOptions<'_>,
    warnings: &mut Vec<RowError>,
) -> Result<Vec<Row>, Vec<RowError>> {
    let mut errors = Vec::new();
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(false)
        .trim(::csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_ascii_lowercase).collect(),
        Err(e) => {
            return Err(vec![RowError {
                row: 1,
                column: None,
                message: format!("cannot read the header row: {e}"),
            }]);
        }
    };
    for h in &headers {
        if !COLUMNS.contains(&h.as_str()) {
            errors.push(RowError {
                row: 1,
                column: Some(h.clone()),
                message: format!("unknown column; the columns are {}", COLUMNS.join(", ")),
            });
        }
    }
    for required in ["at", "stage"] {
        if !headers.iter().any(|h| h == required) {
            errors.push(RowError {
                row: 1,
                column: Some(required.to_owned()),
                message: "this column is required".to_owned(),
            });
        }
    }
    if !headers.iter().any(|h| h == "item_id" || h == "item_label") {
        errors.push(RowError {
            row: 1,
            column: Some("item_label".to_owned()),
            message: "an item_label or item_id column is required".to_owned(),
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let col = |name: &str| headers.iter().position(|h| h == name);
    let recorded: HashMap<CustodyEventId, &CustodyEvent> =
        custody.events.iter().map(|e| (e.id, e)).collect();
    let items = super::cells::Items::of(custody);
    let plan_id = options.plan.to_string();
    let mut seen_in_file: HashSet<CustodyEventId> = HashSet::new();
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let row = index + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(RowError {
                    row,
                    column: None,
                    message: format!("cannot read the row: {e}"),
                });
                continue;
            }
        };
        if record.iter().all(str::is_empty) {
            continue;
        }
        let mut fail = |column: &str, message: String| {
            errors.push(RowError {
                row,
                column: Some(column.to_owned()),
                message,
            });
        };
        let mut cells_ok = true;
        for (i, cell) in record.iter().enumerate() {
            let column = headers.get(i).map_or("?", String::as_str);
            if let Some(c) = forbidden_character(cell) {
                fail(
                    column,
                    format!(
                        "holds the control character U+{:04X}; custody records hold text only",
                        u32::from(c)
                    ),
                );
                cells_ok = false;
            }
            let limit = if column == "log" {
                MAX_LOG_NAME
            } else {
                MAX_TEXT
            };
            let length = cell.chars().count();
            if length > limit {
                fail(
                    column,
                    format!("is {length} characters long; the limit is {limit}"),
                );
                cells_ok = false;
            }
        }
        if !cells_ok {
            continue;
        }
        let get = |name: &str| {
            col(name)
                .and_then(|i| record.get(i))
                .map(from_spreadsheet)
                .unwrap_or("")
                .to_owned()
        };
        let from_plan = get("plan_id");
        if !from_plan.is_empty()
            && !from_plan.eq_ignore_ascii_case(&plan_id)
            && !options.allow_other_plan
        {
            fail(
                "plan_id",
                format!(
                    "this row was exported from another plan ({from_plan}), not this one \
                     ({plan_id}); import it into that plan, or add --from-other-plan if this log \
                     really belongs here"
                ),
            );
            continue;
        }
        let id = match parse_id(&get("event_id")) {
            Ok(id) => id.map(CustodyEventId),
            Err(m) => {
                fail("event_id", m);
                None
            }
        };
        let item = match resolve_item(&items, &get("item_id"), &get("item_label")) {
            Ok(item) => Some(item),
            Err((column, m)) => {
                fail(column, m);
                None
            }
        };
        let at = match parse_time(&get("at")) {
            Ok(at) => Some(at),
            Err(m) => {
                fail("at", m);
                None
            }
        };
        let stage = match parse_stage(&get("stage")) {
            Ok(s) => Some(s),
            Err(m) => {
                fail("stage", m);
                None
            }
        };
        let mut seals: Vec<String> = Vec::new();
        for seal in get("seals_seen")
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            if is_e_notation(seal) {
                fail(
                    "seals_seen",
                    format!(
                        "\u{201c}{seal}\u{201d} is a seal number Excel rewrote in E-notation, so \
                         its digits are lost; format the column as Text and type the seal numbers \
                         again"
                    ),
                );
                continue;
            }
            let expected = item.and_then(|i| items.get(i));
            match expected.and_then(|i| zeros_restored(seal, i)) {
                Some(full) => {
                    warnings.push(RowError {
                        row,
                        column: Some("seals_seen".to_owned()),
                        message: format!(
                            "seal \u{201c}{seal}\u{201d} was read as {full}, the item's expected \
                             seal: Excel drops leading zeros from numbers (format the column as \
                             Text)"
                        ),
                    });
                    seals.push(full.to_owned());
                }
                None => seals.push(seal.to_owned()),
            }
        }
        let intact = match parse_yes_no(&get("seals_intact"), !seals.is_empty()) {
            Ok(v) => v,
            Err(m) => {
                fail("seals_intact", m);
                true
            }
        };
        let corrects = match parse_id(&get("corrects")) {
            Ok(Some(c))
                if recorded.contains_key(&CustodyEventId(c))
                    || seen_in_file.contains(&CustodyEventId(c)) =>
            {
                Some(CustodyEventId(c))
            }
            Ok(Some(c)) => {
                fail("corrects", format!("no recorded event has the id {c}"));
                None
            }
            Ok(None) => None,
            Err(m) => {
                fail("corrects", m);
                None
            }
        };
        let log = match get("log") {
            l if l.is_empty() => options.default_log.to_owned(),
            l => l,
        };
        let (Some(item), Some(at), Some(stage)) = (item, at, stage) else {
            continue;
        };
        let refused = items.get(item).and_then(|i| i.refuses(stage));
        if let Some(why) = refused {
            errors.push(RowError {
                row,
                column: Some("stage".to_owned()),
                message: format!("{why}; remove this row, or record the packet's stage correctly"),
            });
            continue;
        }
        if let Some(why) = crate::custody::window::outside(stage, at, options.poll_date) {
            warnings.push(RowError {
                row,
                column: Some("at".to_owned()),
                message: format!(
                    "{why}; check the date (a correction can be recorded later, the event itself \
                     cannot be changed)"
                ),
            });
        }
        let event = NewEvent {
            item,
            at,
            stage,
            location: get("location"),
            from: get("from"),
            to: get("to"),
            seals_seen: seals,
            seals_intact: intact,
            witness: get("witness"),
            notes: get("notes"),
            corrects,
        };
        if let Some(id) = id {
            if !seen_in_file.insert(id) {
                errors.push(RowError {
                    row,
                    column: Some("event_id".to_owned()),
                    message: "this event id appears twice in the file".to_owned(),
                });
                continue;
            }
            if let Some(existing) = recorded.get(&id)
                && !same_content(existing, &log, &event)
            {
                errors.push(RowError {
                    row,
                    column: Some("event_id".to_owned()),
                    message: "this event is already recorded with different content; recorded \
                              events are never changed — add a new row without an event_id that \
                              names this one in the corrects column"
                        .to_owned(),
                });
                continue;
            }
        }
        rows.push(Row {
            number: row,
            id,
            log,
            event,
        });
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}
