//! Custody log as CSV for spreadsheet users.
//!
//! Columns, in this order on export (import accepts any order; only `at`, `stage` and one of `item_id` or
//! `item_label` are required):
//!
//! | column | meaning |
//! | --- | --- |
//! | `event_id` | the event's UUID; empty on import for a new event |
//! | `log` | the log it is recorded in (laptop or count table); empty on import: the log given to the import |
//! | `seq` | its position in the log; ignored on import (computed) |
//! | `item_id` | the item's UUID |
//! | `item_label` | the item's label, e.g. `NA1/1`; used on import when `item_id` is empty |
//! | `at` | when: `YYYY-MM-DD HH:MM[:SS]` (a `T` may replace the space) |
//! | `stage` | a custody stage key (e.g. `receipt-at-count`) or its label (e.g. `Receipt at count`) |
//! | `location` | where |
//! | `from` | handed over by (empty for a check) |
//! | `to` | received by |
//! | `seals_seen` | seal numbers separated by `;` |
//! | `seals_intact` | `yes` or `no` (required when seals are listed) |
//! | `witness` | second witness |
//! | `notes` | notes |
//! | `corrects` | the UUID of the event this one corrects |
//! | `hash` | the event's hash; ignored on import (computed) |
//!
//! An import with any bad row is refused whole and the plan is left untouched.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use uuid::Uuid;

use super::chain::{NewEvent, record_as};
use crate::model::{Custody, CustodyEvent, CustodyEventId, CustodyItemId, CustodyStage};

/// The columns written on export, in order.
pub const COLUMNS: [&str; 16] = [
    "event_id",
    "log",
    "seq",
    "item_id",
    "item_label",
    "at",
    "stage",
    "location",
    "from",
    "to",
    "seals_seen",
    "seals_intact",
    "witness",
    "notes",
    "corrects",
    "hash",
];

/// Writes the custody log as CSV, events in stored order.
pub fn export(custody: &Custody) -> Result<String, String> {
    let labels: HashMap<CustodyItemId, &str> = custody
        .items
        .iter()
        .map(|i| (i.id, i.label.as_str()))
        .collect();
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    writer.write_record(COLUMNS).map_err(|e| e.to_string())?;
    for e in &custody.events {
        let seq = e.seq.to_string();
        let at = e.at.format("%Y-%m-%d %H:%M:%S").to_string();
        let seals = e.seals_seen.join(";");
        let id = e.id.to_string();
        let item = e.item.to_string();
        let corrects = e.corrects.map(|c| c.to_string()).unwrap_or_default();
        writer
            .write_record([
                id.as_str(),
                e.log.as_str(),
                seq.as_str(),
                item.as_str(),
                labels.get(&e.item).copied().unwrap_or(""),
                at.as_str(),
                e.stage.key(),
                e.location.as_str(),
                e.from.as_str(),
                e.to.as_str(),
                seals.as_str(),
                if e.seals_intact { "yes" } else { "no" },
                e.witness.as_str(),
                e.notes.as_str(),
                corrects.as_str(),
                e.hash.as_str(),
            ])
            .map_err(|err| err.to_string())?;
    }
    let bytes = writer.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// One problem in an imported file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    /// The spreadsheet row (the header is row 1).
    pub row: usize,
    /// The column, if the problem is in one.
    pub column: Option<String>,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.column {
            Some(c) => write!(
                f,
                "row {}, column \u{201c}{c}\u{201d}: {}",
                self.row, self.message
            ),
            None => write!(f, "row {}: {}", self.row, self.message),
        }
    }
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// New events recorded.
    pub added: usize,
    /// Rows that were already in the log, identical.
    pub already_present: usize,
}

/// A row checked and ready to record.
struct Row {
    id: Option<CustodyEventId>,
    log: String,
    event: NewEvent,
}

/// Imports events from CSV text into `custody`, recording new ones in `default_log` unless a row names its
/// log. Every row is checked before anything is recorded: any error refuses the whole file, listing the
/// problems, and `custody` is unchanged.
pub fn import(
    custody: &mut Custody,
    text: &str,
    default_log: &str,
) -> Result<ImportReport, Vec<RowError>> {
    let rows = parse(custody, text, default_log)?;
    let mut report = ImportReport::default();
    for row in rows {
        match row
            .id
            .and_then(|id| custody.events.iter().find(|e| e.id == id))
        {
            Some(_) => report.already_present += 1,
            None => {
                // A row's own id is kept, so importing the same file twice adds nothing.
                record_as(custody, &row.log, row.id.unwrap_or_default(), row.event);
                report.added += 1;
            }
        }
    }
    Ok(report)
}

fn parse(custody: &Custody, text: &str, default_log: &str) -> Result<Vec<Row>, Vec<RowError>> {
    let mut errors = Vec::new();
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(false)
        .trim(::csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').to_ascii_lowercase())
            .collect(),
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
    let known: HashSet<CustodyEventId> = custody.events.iter().map(|e| e.id).collect();
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
        let get = |name: &str| {
            col(name)
                .and_then(|i| record.get(i))
                .unwrap_or("")
                .to_owned()
        };
        let mut fail = |column: &str, message: String| {
            errors.push(RowError {
                row,
                column: Some(column.to_owned()),
                message,
            });
        };
        if record.iter().all(str::is_empty) {
            continue;
        }
        let id = match parse_id(&get("event_id")) {
            Ok(id) => id.map(CustodyEventId),
            Err(m) => {
                fail("event_id", m);
                None
            }
        };
        let item = match resolve_item(custody, &get("item_id"), &get("item_label")) {
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
        let seals: Vec<String> = get("seals_seen")
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        let intact = match parse_yes_no(&get("seals_intact"), !seals.is_empty()) {
            Ok(v) => v,
            Err(m) => {
                fail("seals_intact", m);
                true
            }
        };
        let corrects = match parse_id(&get("corrects")) {
            Ok(Some(c))
                if known.contains(&CustodyEventId(c))
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
            l if l.is_empty() => default_log.to_owned(),
            l => l,
        };
        let (Some(item), Some(at), Some(stage)) = (item, at, stage) else {
            continue;
        };
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
            if let Some(existing) = custody.events.iter().find(|e| e.id == id)
                && !same_content(existing, &log, &event)
            {
                errors.push(RowError {
                    row,
                    column: Some("event_id".to_owned()),
                    message: "this event is already recorded with different content; recorded events are never changed — add a new row without an event_id that names this one in the corrects column".to_owned(),
                });
                continue;
            }
        }
        rows.push(Row { id, log, event });
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

fn same_content(e: &CustodyEvent, log: &str, n: &NewEvent) -> bool {
    e.log == log
        && e.item == n.item
        && e.at == n.at
        && e.stage == n.stage
        && e.location == n.location
        && e.from == n.from
        && e.to == n.to
        && e.seals_seen == n.seals_seen
        && e.seals_intact == n.seals_intact
        && e.witness == n.witness
        && e.notes == n.notes
        && e.corrects == n.corrects
}

fn parse_id(text: &str) -> Result<Option<Uuid>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    Uuid::parse_str(text)
        .map(Some)
        .map_err(|_| format!("\u{201c}{text}\u{201d} is not an id; leave it empty for a new event"))
}

fn resolve_item(
    custody: &Custody,
    id: &str,
    label: &str,
) -> Result<CustodyItemId, (&'static str, String)> {
    if !id.is_empty() {
        let uuid = Uuid::parse_str(id)
            .map_err(|_| ("item_id", format!("\u{201c}{id}\u{201d} is not an id")))?;
        return custody
            .items
            .iter()
            .find(|i| i.id.0 == uuid)
            .map(|i| i.id)
            .ok_or_else(|| ("item_id", format!("no item in the plan has the id {uuid}")));
    }
    if label.is_empty() {
        return Err((
            "item_label",
            "say which item: give its label (e.g. NA1/1) or its id".to_owned(),
        ));
    }
    let matches: Vec<_> = custody
        .items
        .iter()
        .filter(|i| i.label.trim().eq_ignore_ascii_case(label))
        .collect();
    match matches.as_slice() {
        [one] => Ok(one.id),
        [] => Err((
            "item_label",
            format!("no item in the plan is labelled \u{201c}{label}\u{201d}; add the item first"),
        )),
        _ => Err((
            "item_label",
            format!(
                "{} items are labelled \u{201c}{label}\u{201d}; give the item_id instead",
                matches.len()
            ),
        )),
    }
}

fn parse_time(text: &str) -> Result<NaiveDateTime, String> {
    ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .ok_or_else(|| {
            if text.is_empty() {
                "when the event happened is required: YYYY-MM-DD HH:MM".to_owned()
            } else {
                format!("\u{201c}{text}\u{201d} is not a date and time; expected YYYY-MM-DD HH:MM, e.g. 2027-05-06 22:45")
            }
        })
}

fn parse_stage(text: &str) -> Result<CustodyStage, String> {
    CustodyStage::ALL
        .iter()
        .copied()
        .find(|s| s.key().eq_ignore_ascii_case(text) || s.label().eq_ignore_ascii_case(text))
        .ok_or_else(|| {
            let keys: Vec<&str> = CustodyStage::ALL.iter().map(|s| s.key()).collect();
            format!(
                "\u{201c}{text}\u{201d} is not a custody stage; use one of {}",
                keys.join(", ")
            )
        })
}

fn parse_yes_no(text: &str, required: bool) -> Result<bool, String> {
    match text.to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "1" => Ok(true),
        "no" | "n" | "false" | "0" => Ok(false),
        "" if !required => Ok(true),
        "" => Err("say whether the seals were intact: yes or no".to_owned()),
        other => Err(format!("\u{201c}{other}\u{201d} is not yes or no")),
    }
}
