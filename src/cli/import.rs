//! `integrity-planner venues import` and `people import`: add and update entries from a CSV file
//! or an XLSX workbook, through the library's preview (see `integrity_planner::import`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::Subcommand;
use integrity_planner::import::{
    self, Importable, Mapping, MappingError, Preview, ReadError, Table, saved,
};
use integrity_planner::model::{Person, Venue};
use integrity_planner::storage;
use integrity_planner::text::terminal_safe;
use serde_json::json;

use super::output::Format;
use super::{Failure, lock};

const VENUES_HELP: &str = "\
Fields: name, kind, address, polling_district, station_number, ems_reference, handling.
kind is one of polling-station, count-venue, postal-vote-opening, storage, office (or its label);
a new venue without one is a polling station. handling is both or full-copy-only.

A row is matched to a venue of the plan by its EMS reference, then by polling district and station
number, then by name and address. Two stations in one building are two venues: a row with a
station number never matches another station. A row matching two venues, or two rows matching one,
is refused.

Examples:
  integrity-planner venues import north.plan.ron stations.xlsx --sheet Stations \\
    --map \"Polling Place=name,Address 1+Address 2+Postcode=address,District=polling_district,Station=station_number\" \\
    --value \"kind:Polling Place=polling-station,Count=count-venue\" --dry-run";

const PEOPLE_HELP: &str = "\
Fields: name, role, job_title, organisation, email, phone, mobile, out_of_hours_phone, address,
handling. role is a key such as presiding-officer or police-spoc (or its label); a new person
without one is \"other\". A new person is personal data: their numbers, email and address are shown
in the full copy only unless a handling column says both.

A row is matched to a person of the plan by email (in any case), then, for people with no email yet,
by name. A row matching two people, or two rows matching one, is refused. A telephone number a
spreadsheet stored as a number (its leading 0 lost) is refused: format the column as Text.

Examples:
  integrity-planner people import north.plan.ron staff.csv \\
    --map \"First name+Surname=name,Email=email,Mobile=mobile,Post=role\" \\
    --value \"role:PO=presiding-officer,Poll clerk=other\"";

/// `venues ...`.
#[derive(Subcommand)]
pub enum VenuesCommand {
    /// Add and update venues from a CSV file or an XLSX workbook: preview with --dry-run; any
    /// refused row refuses the file and nothing is written.
    #[command(after_long_help = VENUES_HELP)]
    Import(Args),
}

/// `people ...`.
#[derive(Subcommand)]
pub enum PeopleCommand {
    /// Add and update people from a CSV file or an XLSX workbook: preview with --dry-run; any
    /// refused row refuses the file and nothing is written.
    #[command(after_long_help = PEOPLE_HELP)]
    Import(Args),
}

/// What an import is told.
#[derive(clap::Args)]
pub struct Args {
    /// The plan file.
    plan: PathBuf,
    /// The CSV file (UTF-8) or XLSX workbook to read; the first row that holds anything is the
    /// column headings.
    file: PathBuf,
    /// Which columns fill which fields: COLUMN=FIELD, several separated by commas, columns joined
    /// into one field with + (an address with commas, a name with spaces), e.g. "Polling
    /// Place=name,Address 1+Address 2+Postcode=address". Without it: the mapping kept from the
    /// last import of a file with the same headings, else the columns headed with field names.
    #[arg(long = "map", value_name = "COLUMN[+COLUMN]=FIELD,...")]
    map: Vec<String>,
    /// What a file's words mean for a field with fixed choices (kind, role, handling):
    /// FIELD:WORD=CHOICE, several separated by commas, e.g. "kind:Polling
    /// Place=polling-station,Count=count-venue". May be given more than once.
    #[arg(long = "value", value_name = "FIELD:WORD=CHOICE,...")]
    values: Vec<String>,
    /// The worksheet of a workbook to read (default: the first).
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// Print what would be added, updated and refused, and what the plan holds that the file does
    /// not; write nothing to the plan.
    #[arg(long)]
    dry_run: bool,
    /// Do not keep a mapping given with --map or --value for the next file with these headings.
    #[arg(long)]
    no_save_mapping: bool,
    /// How to print the preview: text, or JSON for a script.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

/// Runs `venues import`.
pub fn venues(command: &VenuesCommand, wait: Duration) -> Result<ExitCode, Failure> {
    let VenuesCommand::Import(args) = command;
    run::<Venue>(args, wait)
}

/// Runs `people import`.
pub fn people(command: &PeopleCommand, wait: Duration) -> Result<ExitCode, Failure> {
    let PeopleCommand::Import(args) = command;
    run::<Person>(args, wait)
}

impl From<ReadError> for Failure {
    fn from(e: ReadError) -> Failure {
        let hint = e.hint();
        Failure::new(format!("{e}; nothing was imported")).hint(hint)
    }
}

impl From<MappingError> for Failure {
    fn from(e: MappingError) -> Failure {
        Failure::new(format!("{}; nothing was imported", e.message)).hint(e.hint)
    }
}

/// Where the mapping came from.
enum Source {
    /// --map or --value.
    Given,
    /// Kept from an earlier import of a file with these headings.
    Saved(PathBuf),
    /// Columns headed with field names.
    FieldNames,
}

/// The mapping to use: given, kept for these headings, or the columns named as fields.
fn choose_mapping<E: Importable>(args: &Args, table: &Table) -> Result<(Mapping, Source), Failure> {
    let config = integrity_planner::device::config_dir();
    if !args.map.is_empty() {
        return Ok((
            Mapping::parse(&args.map, &args.values, E::FIELDS)?,
            Source::Given,
        ));
    }
    let given_values = Mapping::parse(&[], &args.values, E::FIELDS)?.values;
    if let Some(mut kept) = saved::find(&config, E::TARGET, &table.headers, E::FIELDS) {
        if !given_values.is_empty() {
            kept.values = given_values;
            return Ok((kept, Source::Given));
        }
        return Ok((kept, Source::Saved(saved::file(&config))));
    }
    let mut mapping = Mapping::by_field_names(&table.headers, E::FIELDS);
    mapping.values = given_values;
    let source = if args.values.is_empty() {
        Source::FieldNames
    } else {
        Source::Given
    };
    Ok((mapping, source))
}

fn run<E: Importable>(args: &Args, wait: Duration) -> Result<ExitCode, Failure> {
    let table = import::table::read_file(&args.file, args.sheet.as_deref())?;
    let (mapping, source) = choose_mapping::<E>(args, &table)?;
    if mapping.columns.is_empty() {
        return Err(Failure::new(format!(
            "no column of {} is headed with a {} field, and no mapping is kept for its headings; \
             nothing was imported",
            table.source(),
            E::TARGET.noun()
        ))
        .hint(format!(
            "say which columns fill which fields, e.g. --map \"Polling Place=name\" (the fields are {})",
            E::FIELDS
                .iter()
                .map(|f| f.key())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    // A dry run only reads; an import holds the plan's lock from reading it to writing it.
    let held = if args.dry_run {
        None
    } else {
        Some(lock(&args.plan, wait)?)
    };
    let mut plan = storage::load(&args.plan)?;
    let preview = import::plan_import::<E>(&plan, &table, &mapping)?;
    let kept = match (&source, args.no_save_mapping) {
        (Source::Given, false) => Some(
            saved::save(
                &integrity_planner::device::config_dir(),
                E::TARGET,
                &table.headers,
                &mapping,
            )
            .map_err(Failure::from)?,
        ),
        _ => None,
    };
    let refused = preview.refused.len();
    let write = !args.dry_run && refused == 0 && preview.changes_anything();
    match args.format {
        Format::Text => print_text(&preview, &mapping, &source, kept.as_deref())?,
        Format::Json => print_json(&preview, &mapping, &source, args.dry_run, write)?,
    }
    if refused > 0 {
        return Err(Failure::new(format!(
            "{} row{} refused, so {} was not imported; the plan is unchanged",
            refused,
            if refused == 1 { " was" } else { "s were" },
            args.file.display()
        ))
        .hint(
            "correct those rows in the file (or the mapping) and import it again; --dry-run \
             shows the preview without writing",
        ));
    }
    if args.dry_run {
        if matches!(args.format, Format::Text) {
            say!("dry run: nothing was written to {}", args.plan.display());
        }
        return Ok(ExitCode::SUCCESS);
    }
    let Some(held) = held else {
        return Ok(ExitCode::SUCCESS);
    };
    if !write {
        if matches!(args.format, Format::Text) {
            say!(
                "{} already says what the file says; nothing changed",
                args.plan.display()
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let applied = import::apply(&mut plan, &preview).map_err(|r| {
        Failure::new(format!(
            "{} rows were refused; the plan is unchanged",
            r.len()
        ))
    })?;
    let saved = storage::save_locked(&mut plan, &args.plan, &held)?;
    drop(held);
    if matches!(args.format, Format::Text) {
        say!(
            "added {} and updated {} {}; saved {}{}",
            applied.added,
            applied.updated,
            E::PLURAL,
            args.plan.display(),
            saved
                .backup
                .map(|b| format!(" (previous version kept as {})", b.display()))
                .unwrap_or_default()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// How many entries of the plan not in the file the text preview names.
const NOT_IN_FILE_SHOWN: usize = 20;

/// Text on one line, safe for a terminal.
fn line(text: &str) -> String {
    terminal_safe(&text.replace('\n', ", ")).into_owned()
}

/// A new entry's fields, as `address: 1 High St; station number: 2`.
fn fields_of<E: Importable>(entry: &E) -> String {
    E::FIELDS
        .iter()
        .filter(|f| **f != import::Field::Name)
        .filter_map(|f| {
            let value = entry.get(*f);
            (!value.trim().is_empty())
                .then(|| format!("{}: {}", f.label().to_lowercase(), line(&value)))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn print_text<E: Importable>(
    preview: &Preview<E>,
    mapping: &Mapping,
    source: &Source,
    kept: Option<&Path>,
) -> Result<(), Failure> {
    say!("{} from {}", E::PLURAL, line(&preview.source));
    let from = match source {
        Source::Given => "as given".to_owned(),
        Source::Saved(path) => format!(
            "the mapping kept for files with these headings ({})",
            path.display()
        ),
        Source::FieldNames => "columns headed with field names".to_owned(),
    };
    say!("mapping ({from}): {}", line(&mapping.map_text()));
    for values in mapping.value_texts() {
        say!("value map: {}", line(&values));
    }
    if let Some(path) = kept {
        say!(
            "the mapping is kept for the next file with these headings, in {}",
            path.display()
        );
    }
    say!("{}", preview.summary());
    for a in &preview.add {
        say!(
            "  add        row {:<5} {} \u{2014} {}",
            a.row,
            line(&a.entry.title()),
            fields_of(&a.entry)
        );
    }
    for u in &preview.update {
        let changes: Vec<String> = u
            .changes
            .iter()
            .map(|c| {
                format!(
                    "{} \u{201c}{}\u{201d} \u{2192} \u{201c}{}\u{201d}",
                    c.field.label().to_lowercase(),
                    line(&c.before),
                    line(&c.after.text())
                )
            })
            .collect();
        say!(
            "  update     row {:<5} {} (by {}): {}",
            u.row,
            line(&u.title),
            line(&u.matched_by),
            changes.join("; ")
        );
    }
    for u in &preview.unchanged {
        say!("  unchanged  row {:<5} {}", u.row, line(&u.title));
    }
    for r in &preview.refused {
        say!("  refused    {}", line(&r.to_string()));
        if let Some(hint) = &r.hint {
            say!("             hint: {}", line(hint));
        }
    }
    for title in preview.not_in_file.iter().take(NOT_IN_FILE_SHOWN) {
        say!("  not in file          {}", line(title));
    }
    if preview.not_in_file.len() > NOT_IN_FILE_SHOWN {
        say!(
            "  \u{2026} and {} more in the plan not in the file (--format json lists them all)",
            preview.not_in_file.len() - NOT_IN_FILE_SHOWN
        );
    }
    if !preview.not_in_file.is_empty() {
        say!(
            "{} in the plan and not in the file are left as they are (an import never removes)",
            E::PLURAL
        );
    }
    if !preview.ignored_columns.is_empty() {
        say!(
            "columns not imported: {}",
            line(&preview.ignored_columns.join(", "))
        );
    }
    Ok(())
}

fn print_json<E: Importable>(
    preview: &Preview<E>,
    mapping: &Mapping,
    source: &Source,
    dry_run: bool,
    written: bool,
) -> Result<(), Failure> {
    let fields = |entry: &E| {
        let mut map = serde_json::Map::new();
        for f in E::FIELDS {
            let value = entry.get(*f);
            if !value.is_empty() {
                map.insert(f.key().to_owned(), json!(value));
            }
        }
        serde_json::Value::Object(map)
    };
    let value = json!({
        "list": E::TARGET.key(),
        "source": preview.source,
        "dry_run": dry_run,
        "written": written,
        "mapping": {
            "map": mapping.map_text(),
            "values": mapping.value_texts(),
            "from": match source {
                Source::Given => "given",
                Source::Saved(_) => "saved",
                Source::FieldNames => "field-names",
            },
        },
        "add": preview.add.iter().map(|a| json!({
            "row": a.row,
            "title": a.entry.title(),
            "fields": fields(&a.entry),
        })).collect::<Vec<_>>(),
        "update": preview.update.iter().map(|u| json!({
            "row": u.row,
            "id": u.id.to_string(),
            "title": u.title,
            "matched_by": u.matched_by,
            "changes": u.changes.iter().map(|c| json!({
                "field": c.field.key(),
                "before": c.before,
                "after": c.after.text(),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "unchanged": preview.unchanged.iter().map(|u| json!({
            "row": u.row,
            "id": u.id.to_string(),
            "title": u.title,
        })).collect::<Vec<_>>(),
        "refused": preview.refused.iter().map(|r| json!({
            "sheet": r.sheet,
            "row": r.row,
            "column": r.column,
            "reason": r.reason,
            "hint": r.hint,
        })).collect::<Vec<_>>(),
        "not_in_file": preview.not_in_file,
        "ignored_columns": preview.ignored_columns,
    });
    say!(
        "{}",
        serde_json::to_string_pretty(&value).unwrap_or_default()
    );
    Ok(())
}
