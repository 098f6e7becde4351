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

pub(crate) use cells::is_e_notation;
mod cells;
mod read;

use std::collections::{HashMap, HashSet};

use super::chain::{NewEvent, append};
use crate::model::{Custody, CustodyEventId, CustodyItemId, PlanId};

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
    let rows = read::parse(custody, text, options, &mut report.warnings)?;
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
    let mut heads: HashMap<String, (u64, String)> = crate::custody::anchors::heads(custody)
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
            .or_insert_with(|| (0, crate::custody::chain::GENESIS.to_owned()));
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
