//! Importing venues and people from a CSV file or an XLSX workbook.
//!
//! Three stages, each a function: [`table`] reads the file into rows of cells (bounded in size,
//! refusing what is not UTF-8), a [`Mapping`] says which columns fill which fields, and
//! [`plan_import`] compares every row with the plan and returns a [`Preview`] of what would be
//! added, updated and refused, and what the plan holds that the file does not. Nothing changes
//! until [`apply`] is given a preview with no refused row. The command line and the editor's
//! dialog both call these.
//!
//! A row is matched to an entry by its surest key: a venue by its EMS reference, then its polling
//! district and station number, then its name and address; a person by their email, then their
//! name. A row matching two entries, or two rows matching one, is refused. An update only sets
//! fields whose cells hold something that differs (in more than case, spacing or punctuation):
//! an empty cell never clears a field, and ids,
//! assessments, contacts and out-of-hours cover are never touched. Nothing is ever removed.

mod cells;
pub mod mapping;
mod record;
pub mod saved;
pub mod table;

use std::collections::HashMap;
use std::fmt;

pub use cells::{PHONE_HINT, Value};
pub use mapping::{Field, Mapping, MappingError};
pub use record::{Importable, Key, Values};
pub use table::{Cell, ReadError, Table};

use crate::model::Plan;
use uuid::Uuid;

/// Which list of the plan an import fills.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// Section 13's venues.
    Venues,
    /// Section 2's people.
    People,
}

impl Target {
    /// Its key on the command line and in saved mappings.
    pub fn key(self) -> &'static str {
        match self {
            Target::Venues => "venues",
            Target::People => "people",
        }
    }

    /// One entry, in lower case.
    pub fn noun(self) -> &'static str {
        match self {
            Target::Venues => "venue",
            Target::People => "person",
        }
    }
}

/// A row refused, and why: the sheet, the row as the spreadsheet numbers it, and the column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The worksheet, for a workbook.
    pub sheet: Option<String>,
    /// The row.
    pub row: usize,
    /// The column, as `C “Station”`, where the problem is in one.
    pub column: Option<String>,
    /// What is wrong.
    pub reason: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(sheet) = &self.sheet {
            write!(f, "sheet \u{201c}{sheet}\u{201d}, ")?;
        }
        write!(f, "row {}", self.row)?;
        if let Some(column) = &self.column {
            write!(f, ", column {column}")?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// A row that adds an entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Addition<E> {
    /// The row.
    pub row: usize,
    /// The entry it adds, with a new id.
    pub entry: E,
}

/// One field an update changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The field.
    pub field: Field,
    /// Its value in the plan, as text (empty when unset).
    pub before: String,
    /// The value the file gives.
    pub after: Value,
}

/// A row that matches an entry of the plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Update {
    /// The row.
    pub row: usize,
    /// The entry's id.
    pub id: Uuid,
    /// The entry's name in lists.
    pub title: String,
    /// How the row was matched.
    pub matched_by: String,
    /// The fields that change (none: the entry already says what the row says).
    pub changes: Vec<Change>,
}

/// What an import would do.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview<E> {
    /// Where the rows came from (the file, and the sheet of a workbook).
    pub source: String,
    /// Rows that add an entry.
    pub add: Vec<Addition<E>>,
    /// Rows that change an entry.
    pub update: Vec<Update>,
    /// Rows that match an entry that already says what they say.
    pub unchanged: Vec<Update>,
    /// Rows refused. Any refused row refuses the whole file.
    pub refused: Vec<Refusal>,
    /// Entries of the plan no row matched, by title: left as they are.
    pub not_in_file: Vec<String>,
    /// Columns no field reads, as `D “Notes”`: ignored.
    pub ignored_columns: Vec<String>,
}

impl<E> Preview<E> {
    /// Whether applying it would change the plan.
    pub fn changes_anything(&self) -> bool {
        !self.add.is_empty() || !self.update.is_empty()
    }

    /// The counts in words: "3 to add, 2 to update, 1 unchanged, 1 refused".
    pub fn summary(&self) -> String {
        let mut parts = vec![
            format!("{} to add", self.add.len()),
            format!("{} to update", self.update.len()),
        ];
        if !self.unchanged.is_empty() {
            parts.push(format!("{} unchanged", self.unchanged.len()));
        }
        if !self.refused.is_empty() {
            parts.push(format!("{} refused", self.refused.len()));
        }
        if !self.not_in_file.is_empty() {
            parts.push(format!(
                "{} in the plan not in the file",
                self.not_in_file.len()
            ));
        }
        parts.join(", ")
    }
}

/// Where a row's entry is.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Destination {
    /// The plan's entry at this index.
    Existing(usize),
    /// A new entry, known by this key.
    New(Option<Key>),
}

/// A row read, and where its entry is.
struct Matched {
    row: usize,
    values: record::Values,
    target: Destination,
    matched_by: String,
    key_column: Option<String>,
}

/// Compares every row of `table`, read through `mapping`, with the plan's entries of `E`. A
/// mapping that names a column the file lacks, or that fills nothing an entry is known by, is an
/// error; a bad row is refused in the preview.
pub fn plan_import<E: Importable>(
    plan: &Plan,
    table: &Table,
    mapping: &Mapping,
) -> Result<Preview<E>, MappingError> {
    let resolved = mapping.resolve(table)?;
    let mapped: Vec<Field> = resolved.fields.iter().map(|(f, _)| *f).collect();
    if !E::identified_by(&mapped) {
        return Err(MappingError {
            message: format!(
                "the mapping fills nothing a {} is known by",
                E::TARGET.noun()
            ),
            hint: format!("map a column to {}", E::KNOWN_BY),
        });
    }
    let column_of = |field: Field| {
        resolved
            .fields
            .iter()
            .find(|(f, _)| *f == field)
            .and_then(|(_, columns)| columns.first())
            .map(|i| table.column(*i))
    };
    let refusal =
        |row: usize, column: Option<String>, reason: String, hint: Option<String>| Refusal {
            sheet: table.sheet.clone(),
            row,
            column,
            reason,
            hint,
        };
    let mut preview = Preview {
        source: table.source(),
        add: Vec::new(),
        update: Vec::new(),
        unchanged: Vec::new(),
        refused: Vec::new(),
        not_in_file: Vec::new(),
        ignored_columns: resolved.ignored.iter().map(|i| table.column(*i)).collect(),
    };
    let rows = read_rows(table, mapping, &resolved, &mut preview.refused);
    let list = E::list(plan);
    let mut matched: Vec<Matched> = Vec::new();
    let mut in_file = vec![false; list.len()];
    for (row, values, readable) in rows {
        let keys = E::keys(&values);
        if !readable {
            // Refused already; what it does say still shows which entries the file holds.
            if let Some(key) = keys.iter().find(|k| list.iter().any(|e| e.has(k))) {
                for (i, e) in list.iter().enumerate() {
                    in_file[i] |= e.has(key);
                }
            }
            continue;
        }
        let mut found: Option<(&Key, Vec<usize>)> = None;
        for key in &keys {
            let hits: Vec<usize> = list
                .iter()
                .enumerate()
                .filter(|(_, e)| e.has(key))
                .map(|(i, _)| i)
                .collect();
            if !hits.is_empty() {
                found = Some((key, hits));
                break;
            }
        }
        match found {
            Some((key, hits)) if hits.len() > 1 => {
                for &i in &hits {
                    in_file[i] = true;
                }
                let titles: Vec<String> = hits.iter().map(|&i| list[i].title()).collect();
                preview.refused.push(refusal(
                    row,
                    column_of(key.field()),
                    format!(
                        "it matches {} {} in the plan by {}: {}",
                        hits.len(),
                        E::PLURAL,
                        key.describe(&values),
                        titles.join("; ")
                    ),
                    Some(format!(
                        "make them differ in the plan, or give the row what tells them apart ({})",
                        E::KNOWN_BY
                    )),
                ));
            }
            Some((key, hits)) => {
                let i = hits[0];
                in_file[i] = true;
                if let Some(why) = list[i].conflict(&values) {
                    preview.refused.push(refusal(
                        row,
                        column_of(Field::EmsReference),
                        why,
                        Some("correct the row or the plan so the two agree".to_owned()),
                    ));
                    continue;
                }
                matched.push(Matched {
                    row,
                    matched_by: key.describe(&values),
                    values,
                    target: Destination::Existing(i),
                    key_column: column_of(key.field()),
                });
            }
            None => {
                if values.text(Field::Name).is_none() {
                    preview.refused.push(refusal(
                        row,
                        column_of(Field::Name),
                        format!(
                            "it matches no {} in the plan, and a new one needs a name",
                            E::TARGET.noun()
                        ),
                        Some("give the row a name, or correct what it is matched by".to_owned()),
                    ));
                    continue;
                }
                let key = keys.first().cloned();
                let key_column = key.as_ref().and_then(|k| column_of(k.field()));
                matched.push(Matched {
                    row,
                    values,
                    target: Destination::New(key),
                    matched_by: String::new(),
                    key_column,
                });
            }
        }
    }
    refuse_duplicates::<E>(&mut matched, list, &refusal, &mut preview.refused);
    for m in matched {
        match m.target {
            Destination::Existing(i) => {
                let entry = &list[i];
                let changes = changes(entry, &m.values);
                let update = Update {
                    row: m.row,
                    id: entry.uuid(),
                    title: entry.title(),
                    matched_by: m.matched_by,
                    changes,
                };
                if update.changes.is_empty() {
                    preview.unchanged.push(update);
                } else {
                    preview.update.push(update);
                }
            }
            Destination::New(_) => {
                let mut entry = E::blank();
                for (field, value) in &m.values.0 {
                    entry.set(*field, value);
                }
                preview.add.push(Addition { row: m.row, entry });
            }
        }
    }
    preview.refused.sort_by_key(|r| r.row);
    preview.not_in_file = list
        .iter()
        .zip(&in_file)
        .filter(|(_, seen)| !**seen)
        .map(|(e, _)| e.title())
        .collect();
    Ok(preview)
}

/// Reads every row's mapped cells; a row with a cell that cannot be read is refused, each of its
/// bad cells named, and comes back marked unreadable with the values that could be read.
fn read_rows(
    table: &Table,
    mapping: &Mapping,
    resolved: &mapping::Resolved,
    refused: &mut Vec<Refusal>,
) -> Vec<(usize, record::Values, bool)> {
    let mut rows = Vec::new();
    for row in &table.rows {
        let mut values = record::Values::default();
        let mut ok = true;
        for (field, columns) in &resolved.fields {
            match cells::read_field(*field, columns, row, mapping) {
                Ok(Some(value)) => values.0.push((*field, value)),
                Ok(None) => {}
                Err(problem) => {
                    ok = false;
                    refused.push(Refusal {
                        sheet: table.sheet.clone(),
                        row: row.number,
                        column: Some(table.column(problem.column)),
                        reason: problem.reason,
                        hint: problem.hint,
                    });
                }
            }
        }
        // A row whose mapped cells are all empty holds nothing for this import.
        if !values.0.is_empty() || !ok {
            rows.push((row.number, values, ok));
        }
    }
    rows
}

/// Refuses rows that are one entry twice: two rows matching one entry of the plan, or two new
/// rows with the same key.
fn refuse_duplicates<E: Importable>(
    matched: &mut Vec<Matched>,
    list: &[E],
    refusal: &dyn Fn(usize, Option<String>, String, Option<String>) -> Refusal,
    refused: &mut Vec<Refusal>,
) {
    let mut groups: HashMap<Destination, Vec<usize>> = HashMap::new();
    for (i, m) in matched.iter().enumerate() {
        if let Destination::New(None) = m.target {
            continue;
        }
        groups.entry(m.target.clone()).or_default().push(i);
    }
    let mut dropped = vec![false; matched.len()];
    let mut groups: Vec<Vec<usize>> = groups.into_values().filter(|g| g.len() > 1).collect();
    groups.sort();
    for group in groups {
        let rows: Vec<String> = group.iter().map(|&i| matched[i].row.to_string()).collect();
        let rows = rows.join(" and ");
        for &i in &group {
            let m = &matched[i];
            let reason = match &m.target {
                Destination::Existing(e) => format!(
                    "rows {rows} both match {} in the plan (by {})",
                    list[*e].title(),
                    m.matched_by
                ),
                Destination::New(key) => format!(
                    "rows {rows} are the same new {} (same {})",
                    E::TARGET.noun(),
                    key.as_ref()
                        .map_or_else(String::new, |k| k.describe(&m.values))
                ),
            };
            refused.push(refusal(
                m.row,
                m.key_column.clone(),
                reason,
                Some(format!(
                    "keep one row per {}, or give each what tells them apart ({})",
                    E::TARGET.noun(),
                    E::KNOWN_BY
                )),
            ));
            dropped[i] = true;
        }
    }
    let mut i = 0;
    matched.retain(|_| {
        let keep = !dropped[i];
        i += 1;
        keep
    });
}

/// The fields a row changes in `entry`: those whose cells hold something that differs.
fn changes<E: Importable>(entry: &E, values: &record::Values) -> Vec<Change> {
    let mut out = Vec::new();
    for (field, value) in &values.0 {
        // Text that differs only in case, spacing or punctuation (an export's own formatting of
        // an address, a telephone number's spaces) is not a change.
        if let Value::Text(text) = value
            && record::compact(text) == record::compact(&entry.get(*field))
        {
            continue;
        }
        let mut changed = entry.clone();
        changed.set(*field, value);
        if changed != *entry {
            out.push(Change {
                field: *field,
                before: entry.get(*field),
                after: value.clone(),
            });
        }
    }
    out
}

/// What [`apply`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Applied {
    /// Entries added.
    pub added: usize,
    /// Entries changed.
    pub updated: usize,
}

/// Applies a preview with no refused row: adds its new entries at the end of the list and sets the
/// changed fields of the entries it updates (found by id). A preview with a refused row changes
/// nothing and returns the refusals.
pub fn apply<E: Importable>(
    plan: &mut Plan,
    preview: &Preview<E>,
) -> Result<Applied, Vec<Refusal>> {
    if !preview.refused.is_empty() {
        return Err(preview.refused.clone());
    }
    let mut updated = 0;
    for update in &preview.update {
        if let Some(entry) = E::find_mut(plan, update.id) {
            for change in &update.changes {
                entry.set(change.field, &change.after);
            }
            updated += 1;
        }
    }
    let list = E::list_mut(plan);
    list.extend(preview.add.iter().map(|a| a.entry.clone()));
    Ok(Applied {
        added: preview.add.len(),
        updated,
    })
}

#[cfg(test)]
mod tests;
