//! Custody log as CSV for spreadsheet users.
//!
//! Columns, in this order on export (import accepts any order; only `at`, `stage` and one of
//! `item_id` or `item_label` are required):
//!
//! | column | meaning |
//! | --- | --- |
//! | `event_id` | the event's UUID; empty on import for a new event |
//! | `log` | the log it is in (a laptop or count table); empty on import: the import's log |
//! | `seq` | its position in the log; ignored on import (computed) |
//! | `item_id` | the item's UUID |
//! | `item_label` | the item's label, e.g. `NA1/1`; used on import when `item_id` is empty |
//! | `at` | when: `YYYY-MM-DD HH:MM[:SS]` or `DD/MM/YYYY HH:MM` (Excel); see [`crate::when`] |
//! | `stage` | a custody stage key (`receipt-at-count`) or its label (`Receipt at count`) |
//! | `location` | where |
//! | `from` | handed over by (empty for a check) |
//! | `to` | received by |
//! | `seals_seen` | seal numbers separated by `;` |
//! | `seals_intact` | `yes` or `no` (required when seals are listed) |
//! | `witness` | second witness |
//! | `notes` | notes |
//! | `corrects` | the UUID of the event this one corrects |
//! | `hash` | the event's hash; ignored on import (computed) |
//! | `plan_id` | the plan the log was exported from; an import into another plan is refused |
//!
//! An import with any bad row is refused whole and the plan is left untouched. Spreadsheets are
//! guarded both ways: a cell that a spreadsheet would run as a formula (starting `=`, `+`, `-`,
//! `@`, a tab or a carriage return) is written with a leading `'`, which import removes again; NUL
//! and ESC are refused; a seal number that lost its leading zeros in Excel is read as the item's
//! expected seal (with a warning), and one rewritten in E-notation is refused.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use uuid::Uuid;

use super::chain::{NewEvent, append};
use crate::model::limits::{MAX_LOG_NAME, MAX_TEXT};
use crate::model::{
    Custody, CustodyEvent, CustodyEventId, CustodyItem, CustodyItemId, CustodyStage, PlanId,
};

/// The columns written on export, in order.
pub const COLUMNS: [&str; 17] = [
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
    "plan_id",
];

/// Characters that make a spreadsheet treat a cell as a formula when they start it.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as written for a spreadsheet: text a spreadsheet would run as a formula gets a leading
/// `'`.
pub fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// A cell as read back: one leading `'` is removed only where it guards a formula character.
fn from_spreadsheet(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

/// Writes the custody log as CSV, events in stored order.
pub fn export(custody: &Custody, plan: PlanId) -> Result<String, String> {
    let labels: HashMap<CustodyItemId, &str> = custody
        .items
        .iter()
        .map(|i| (i.id, i.label.as_str()))
        .collect();
    let plan = plan.to_string();
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    writer.write_record(COLUMNS).map_err(|e| e.to_string())?;
    for e in &custody.events {
        let seq = e.seq.to_string();
        let at = e.at.format("%Y-%m-%d %H:%M:%S").to_string();
        let seals = e.seals_seen.join(";");
        let id = e.id.to_string();
        let item = e.item.to_string();
        let corrects = e.corrects.map(|c| c.to_string()).unwrap_or_default();
        let cells = [
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
            plan.as_str(),
        ];
        writer
            .write_record(cells.iter().map(|c| spreadsheet_safe(c).into_owned()))
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
    /// The rows (as the spreadsheet numbers them) skipped because they were already recorded.
    pub already_present: Vec<usize>,
    /// Things read in a way the user should check (a seal read with its leading zeros restored, a
    /// time outside its stage's window).
    pub warnings: Vec<RowError>,
}

/// How an import records its rows.
#[derive(Clone, Debug)]
pub struct ImportOptions<'a> {
    /// The log new events go to, unless a row names one.
    pub default_log: &'a str,
    /// This machine (see [`crate::device::device_name`]), noted as a writer of the logs it records
    /// in.
    pub device: &'a str,
    /// The plan being imported into.
    pub plan: PlanId,
    /// Polling day, for the expected time of each stage.
    pub poll_date: chrono::NaiveDate,
    /// Whether rows exported from another plan (a `plan_id` column naming another) may be imported.
    pub allow_other_plan: bool,
}

/// A row checked and ready to record.
struct Row {
    number: usize,
    id: Option<CustodyEventId>,
    log: String,
    event: NewEvent,
}

/// Imports events from CSV text into `custody`, recording new ones in the default log unless a row
/// names its log. Every row is checked before anything is recorded: any error refuses the whole
/// file, listing the problems, and `custody` is unchanged. A row already recorded is skipped: one
/// with an event id when that event is recorded with the same content (different content is an
/// error); one without when an event with every content field the same is recorded.
pub fn import(
    custody: &mut Custody,
    text: &str,
    options: &ImportOptions<'_>,
) -> Result<ImportReport, Vec<RowError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut report = ImportReport::default();
    let rows = parse(custody, text, options, &mut report.warnings)?;
    let mut ids: HashSet<CustodyEventId> = custody.events.iter().map(|e| e.id).collect();
    let mut contents: HashSet<[u8; 32]> = if rows.iter().any(|r| r.id.is_none()) {
        custody
            .events
            .iter()
            .map(|e| NewEvent::from(e).content_digest())
            .collect()
    } else {
        HashSet::new()
    };
    let mut heads: HashMap<String, (u64, String)> = super::anchors::heads(custody)
        .into_iter()
        .map(|h| (h.log, (h.seq, h.hash)))
        .collect();
    let mut logs_written = Vec::new();
    for row in rows {
        let digest = row.event.content_digest();
        let duplicate = match row.id {
            Some(id) => ids.contains(&id),
            None => contents.contains(&digest),
        };
        if duplicate {
            report.already_present.push(row.number);
            continue;
        }
        let head = heads
            .entry(row.log.clone())
            .or_insert_with(|| (0, super::chain::GENESIS.to_owned()));
        // A row's own id is kept, so importing the same file twice adds nothing.
        let recorded = append(
            custody,
            &row.log,
            row.id.unwrap_or_default(),
            row.event,
            head,
        );
        *head = (recorded.seq, recorded.hash.clone());
        ids.insert(recorded.id);
        contents.insert(digest);
        if !logs_written.contains(&row.log) {
            logs_written.push(row.log);
        }
        report.added += 1;
    }
    for log in logs_written {
        custody.note_writer(&log, options.device);
    }
    Ok(report)
}

/// Whether a cell holds a character no custody record may (NUL, ESC and the other control
/// characters but tab and line breaks).
fn forbidden_character(cell: &str) -> Option<char> {
    cell.chars()
        .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

fn parse(
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
            let expected = item.and_then(|i| custody.items.iter().find(|x| x.id == i));
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
        if let Some(why) = super::window::outside(stage, at, options.poll_date) {
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

/// Whether a seal reads as a number in E-notation (`4.51E+05`), as Excel shows long numbers.
fn is_e_notation(seal: &str) -> bool {
    let Some((mantissa, exponent)) = seal.split_once(['e', 'E']) else {
        return false;
    };
    let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    !mantissa.is_empty()
        && mantissa.chars().all(|c| c.is_ascii_digit() || c == '.')
        && mantissa.chars().any(|c| c.is_ascii_digit())
        && !exponent.is_empty()
        && exponent.chars().all(|c| c.is_ascii_digit())
}

/// The item's expected seal that `seal` is, but for the leading zeros a spreadsheet dropped.
fn zeros_restored<'a>(seal: &str, item: &'a CustodyItem) -> Option<&'a str> {
    if !seal.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    item.expected_seals
        .iter()
        .map(String::as_str)
        .find(|expected| {
            expected.len() > seal.len()
                && expected.ends_with(seal)
                && expected[..expected.len() - seal.len()]
                    .chars()
                    .all(|c| c == '0')
        })
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

/// Reads when an event happened (see [`crate::when::parse_date_time`]): ISO (`2027-05-06 22:45`) or
/// day first as Excel rewrites it in the UK (`06/05/2027 22:45`); never month first.
fn parse_time(text: &str) -> Result<NaiveDateTime, String> {
    if text.trim().is_empty() {
        return Err("when the event happened is required: YYYY-MM-DD HH:MM".to_owned());
    }
    crate::when::parse_date_time(text)
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
