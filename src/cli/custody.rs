//! `integrity-planner custody ...`: export, import, merge, heads and sheets of the custody log.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::Subcommand;
use integrity_planner::custody::{self, anchors, csv};
use integrity_planner::model::{ImportRecord, Plan, limits};
use integrity_planner::storage::{self, Digest};
use integrity_planner::text::terminal_safe;

use super::{Failure, check_output};

#[derive(Subcommand)]
pub enum Command {
    /// Write the custody log as CSV (columns documented in the README).
    Export {
        /// The plan file.
        plan: PathBuf,
        /// The CSV file to write.
        #[arg(short = 'o', long = "output", value_name = "LOG.csv")]
        output: PathBuf,
        /// Write even over a file that is or is named as another plan (never this plan's own
        /// files).
        #[arg(long)]
        force: bool,
    },
    /// Append events from a CSV file, keeping the hash chain; any bad row refuses the whole file.
    Import {
        /// The plan file.
        plan: PathBuf,
        /// The CSV file to read.
        csv: PathBuf,
        /// The log new events are recorded in, unless a row names one (default: `import-` and this
        /// machine's name, so two laptops never share a log).
        #[arg(long)]
        log: Option<String>,
        /// Import a file that was imported before (rows already recorded are still skipped).
        #[arg(long)]
        force: bool,
        /// Accept rows exported from another plan (a copy converted apart from this one).
        #[arg(long)]
        from_other_plan: bool,
    },
    /// Print custody sheets: one page per polling station (or batch), with blank rows for
    /// signatures.
    Sheets {
        /// The plan file.
        plan: PathBuf,
        /// The PDF to write.
        #[arg(short = 'o', long = "output", value_name = "SHEETS.pdf")]
        output: PathBuf,
        /// Which copy: the redacted sheets withhold what the redacted plan does (a venue marked
        /// full copy only is named by a placeholder) and carry its marking.
        #[arg(long, value_enum, default_value = "full")]
        profile: super::export::ProfileArg,
        /// Write even over a file that is or is named as another plan (never this plan's own
        /// files).
        #[arg(long)]
        force: bool,
    },
    /// Merge custody logs recorded in copies of the plan on other laptops (union by event id). A
    /// merge with any conflict writes nothing unless told to skip the logs in conflict.
    Merge {
        /// The plan file to merge into.
        plan: PathBuf,
        /// The other copies.
        #[arg(required = true, value_name = "OTHER.plan.ron")]
        others: Vec<PathBuf>,
        /// Merge everything that does not conflict, leaving out the logs in conflict entirely (so
        /// every chain stays whole), and report them.
        #[arg(long)]
        skip_conflicting_logs: bool,
        /// Accept copies with another plan id (copies converted apart from this one).
        #[arg(long)]
        from_other_plan: bool,
    },
    /// Print each log's head (its last event number and hash) to keep outside the plan, for `check
    /// --against`.
    Heads {
        /// The plan file.
        plan: PathBuf,
        /// Only the first sixteen hex digits of each hash (enough for `check --against`), for
        /// copying by hand.
        #[arg(long)]
        short: bool,
    },
    /// Sync with the shared custody log on PostgreSQL: claim this laptop's logs, send the events
    /// and items the database lacks, take the other desks' (safe to run again at any time).
    Sync {
        /// The plan file.
        plan: PathBuf,
        #[command(flatten)]
        db: super::db::DbArg,
    },
    /// Show the hall's progress from the shared log: received against expected, per desk and in
    /// all.
    Status {
        /// The plan file.
        plan: PathBuf,
        #[command(flatten)]
        db: super::db::DbArg,
        /// Text for people or JSON for scripts.
        #[arg(long, value_enum, default_value = "text")]
        format: super::output::Format,
    },
}

pub fn run(command: &Command, wait: Duration) -> Result<ExitCode, Failure> {
    match command {
        Command::Export {
            plan,
            output,
            force,
        } => export(plan, output, *force),
        Command::Import {
            plan,
            csv,
            log,
            force,
            from_other_plan,
        } => import(
            plan,
            csv,
            log.as_deref(),
            ImportFlags {
                again: *force,
                other_plan: *from_other_plan,
            },
            wait,
        ),
        Command::Merge {
            plan,
            others,
            skip_conflicting_logs,
            from_other_plan,
        } => merge(plan, others, *skip_conflicting_logs, *from_other_plan, wait),
        Command::Sheets {
            plan,
            output,
            profile,
            force,
        } => super::export::sheets(plan, output, (*profile).into(), *force),
        Command::Heads { plan, short } => heads(plan, *short),
        Command::Sync { plan, db } => super::sync::sync(plan, &db.db, wait),
        Command::Status { plan, db, format } => super::sync::status(plan, &db.db, *format),
    }
}

fn export(plan_path: &Path, output: &Path, force: bool) -> Result<ExitCode, Failure> {
    check_output(output, &[plan_path], force)?;
    let plan = storage::load(plan_path)?;
    let text = csv::export(&plan.custody, plan.id)
        .map_err(|e| Failure::new(format!("cannot write CSV: {e}")))?;
    storage::write_atomically(output, text.as_bytes())?;
    say!(
        "wrote {} events to {}",
        plan.custody.events.len(),
        output.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Refuses to add to a plan whose logs no longer reach their anchors: events were removed, and
/// adding more would bury the fact.
fn refuse_truncated(plan: &Plan, path: &Path) -> Result<(), Failure> {
    let unreached = anchors::unreached(&plan.custody);
    let Some(first) = unreached.first() else {
        return Ok(());
    };
    Err(Failure::new(format!(
        "{}: {}{}; nothing was changed",
        path.display(),
        terminal_safe(&first.to_string()),
        if unreached.len() > 1 {
            format!(" (and {} more logs)", unreached.len() - 1)
        } else {
            String::new()
        }
    ))
    .hint(
        "bring the missing events back first: `integrity-planner backups PLAN` lists earlier \
         versions, and `custody merge PLAN BACKUP` returns their events",
    ))
}

/// Reads a CSV file as text, with clear refusals for what spreadsheets save instead of UTF-8.
fn read_csv(path: &Path) -> Result<(Vec<u8>, String), Failure> {
    let too_big = storage::MAX_FILE_BYTES;
    let size = std::fs::metadata(path)
        .map_err(|e| {
            Failure::new(format!("cannot read {}: {e}", path.display())).hint("check the path")
        })?
        .len();
    if size > too_big {
        return Err(Failure::new(format!(
            "{} is {size} bytes, larger than any custody log (the limit is {too_big})",
            path.display()
        ))
        .hint("check you chose the right file"));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        Failure::new(format!("cannot read {}: {e}", path.display())).hint("check the path")
    })?;
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(
            Failure::new(format!("{} is saved as UTF-16 text", path.display()))
                .hint("save the spreadsheet as \u{201c}CSV UTF-8\u{201d}"),
        );
    }
    let text = String::from_utf8(bytes.clone()).map_err(|e| {
        Failure::new(format!(
            "{} is not UTF-8 text (invalid byte at {})",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
        .hint("save the spreadsheet as \u{201c}CSV UTF-8\u{201d}")
    })?;
    Ok((bytes, text))
}

/// What the user allowed an import to do.
#[derive(Clone, Copy)]
struct ImportFlags {
    /// Import a file imported before.
    again: bool,
    /// Accept rows exported from another plan.
    other_plan: bool,
}

fn import(
    plan_path: &Path,
    csv_path: &Path,
    log: Option<&str>,
    flags: ImportFlags,
    wait: Duration,
) -> Result<ExitCode, Failure> {
    let data_dir = integrity_planner::device::data_dir();
    let device = integrity_planner::device::device_name(&data_dir);
    let log = match log {
        Some(l) => l.trim().to_owned(),
        None => integrity_planner::device::log_name("import", &device),
    };
    if log.is_empty() {
        return Err(Failure::new("the log name is empty")
            .hint("name the laptop or table, e.g. --log count-table-3"));
    }
    if log.chars().count() > limits::MAX_LOG_NAME || log.chars().any(char::is_control) {
        return Err(Failure::new(format!(
            "the log name is {} characters long or holds control characters",
            log.chars().count()
        ))
        .hint(format!(
            "a log name is at most {} plain characters, e.g. count-table-3",
            limits::MAX_LOG_NAME
        )));
    }
    let (bytes, text) = read_csv(csv_path)?;
    let sha256 = Digest::of(&bytes).hex();
    let held = super::lock(plan_path, wait)?;
    let mut plan = storage::load(plan_path)?;
    refuse_truncated(&plan, plan_path)?;
    if let Some(before) = plan.custody.imports.iter().find(|i| i.sha256 == sha256)
        && !flags.again
    {
        return Err(Failure::new(format!(
            "{} was already imported on {} ({} new events then, into {}); nothing was recorded",
            csv_path.display(),
            before.at.format("%-d %B %Y at %H:%M"),
            before.added,
            terminal_safe(&before.log)
        ))
        .hint("add --force to import it again (rows already recorded are skipped either way)"));
    }
    let options = csv::ImportOptions {
        default_log: &log,
        device: &device,
        plan: plan.id,
        poll_date: plan.overview.poll_date,
        allow_other_plan: flags.other_plan,
    };
    match csv::import(&mut plan.custody, &text, &options) {
        Ok(report) => {
            // A file that adds nothing leaves the plan byte-identical.
            if report.added > 0 {
                plan.custody.imports.push(ImportRecord {
                    sha256,
                    file: csv_path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    at: chrono::Local::now().naive_local().with_nanosecond_zero(),
                    log: log.clone(),
                    added: report.added,
                });
                storage::save_locked(&mut plan, plan_path, &held)?;
            }
            drop(held);
            say!(
                "recorded {} new event{} from {} in {}",
                report.added,
                if report.added == 1 { "" } else { "s" },
                csv_path.display(),
                terminal_safe(&log)
            );
            if !report.already_present.is_empty() {
                say!(
                    "skipped {} row{} already recorded: {}",
                    report.already_present.len(),
                    if report.already_present.len() == 1 {
                        ""
                    } else {
                        "s"
                    },
                    rows_list(&report.already_present)
                );
            }
            for w in &report.warnings {
                warning!("{}: {}", csv_path.display(), terminal_safe(&w.to_string()));
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(errors) => {
            let mut message = format!(
                "{} was not imported: {} problem{}",
                csv_path.display(),
                errors.len(),
                if errors.len() == 1 { "" } else { "s" }
            );
            for e in errors.iter().take(50) {
                message.push_str(&format!(
                    "\n  {}: {}",
                    csv_path.display(),
                    terminal_safe(&e.to_string())
                ));
            }
            if errors.len() > 50 {
                message.push_str(&format!("\n  … and {} more", errors.len() - 50));
            }
            Err(Failure::new(message)
                .hint("fix those rows and import the file again; the plan is unchanged"))
        }
    }
}

/// Row numbers as a short list: `2, 3, 5–9, 12`.
fn rows_list(rows: &[usize]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let start = rows[i];
        let mut end = start;
        while i + 1 < rows.len() && rows[i + 1] == end + 1 {
            i += 1;
            end = rows[i];
        }
        parts.push(if end == start {
            start.to_string()
        } else {
            format!("{start}\u{2013}{end}")
        });
        i += 1;
    }
    parts.join(", ")
}

/// Time to the minute, as an import is recorded.
trait WholeMinutes {
    fn with_nanosecond_zero(self) -> Self;
}

impl WholeMinutes for chrono::NaiveDateTime {
    fn with_nanosecond_zero(self) -> Self {
        use chrono::Timelike as _;
        self.with_second(0)
            .and_then(|t| t.with_nanosecond(0))
            .unwrap_or(self)
    }
}

fn merge(
    plan_path: &Path,
    others: &[PathBuf],
    skip_conflicting_logs: bool,
    from_other_plan: bool,
    wait: Duration,
) -> Result<ExitCode, Failure> {
    let held = super::lock(plan_path, wait)?;
    let mut plan = storage::load(plan_path)?;
    refuse_truncated(&plan, plan_path)?;
    // Read every copy before changing anything.
    let mut copies = Vec::new();
    for path in others {
        let copy = storage::open(path)?;
        if copy.plan.id != plan.id && !from_other_plan {
            let why = match copy.migrated_from {
                Some(v) => format!(
                    "it was written in format version {v}, before plans had ids, so it counts as \
                     another plan"
                ),
                None => format!(
                    "its plan id is {}, this plan's is {}",
                    copy.plan.id, plan.id
                ),
            };
            return Err(Failure::new(format!(
                "{} is not a copy of {}: {why}; nothing was changed",
                path.display(),
                plan_path.display()
            ))
            .hint(
                "merge copies of the same plan; to re-join a copy converted apart, take the \
                 master's copy to that laptop, or add --from-other-plan if you are sure it is this \
                 election's",
            ));
        }
        copies.push((path, copy.plan));
    }
    let before = plan.custody.clone();
    let mut conflicts = 0;
    for (path, other) in &copies {
        let report = custody::merge(&mut plan.custody, &other.custody);
        say!(
            "{}: {} new event{}, {} already present, {} new item{}{}",
            path.display(),
            report.added_events,
            if report.added_events == 1 { "" } else { "s" },
            report.already_present,
            report.added_items,
            if report.added_items == 1 { "" } else { "s" },
            if report.skipped_events > 0 {
                format!(", {} left out with their logs", report.skipped_events)
            } else {
                String::new()
            }
        );
        for c in &report.conflicts {
            say!("  conflict: {}", terminal_safe(&c.to_string()));
        }
        for (log, devices) in &report.shared_logs {
            warning!(
                "log \u{201c}{}\u{201d} was written on {} machines ({}); one log has one writer",
                terminal_safe(log),
                devices.len(),
                terminal_safe(&devices.join(", "))
            );
        }
        conflicts += report.conflicts.len();
    }
    if let Some(broken) = custody::verify(&plan.custody).first() {
        // Merging only ever adds whole, chained runs of events; a break here is a defect, never
        // written.
        return Err(Failure::new(format!(
            "the merged log would be broken ({broken}); nothing was changed"
        ))
        .hint("this is a defect in the program; please report it with the files"));
    }
    if conflicts > 0 && !skip_conflicting_logs {
        return Err(Failure {
            code: 1,
            ..Failure::new(format!(
                "{conflicts} conflict{} reported above; nothing was changed",
                if conflicts == 1 { "" } else { "s" }
            ))
            .hint(
                "look into the conflicts, or add --skip-conflicting-logs to merge the rest and \
                 leave those logs out",
            )
        });
    }
    if plan.custody == before {
        say!(
            "{} already had everything; nothing changed",
            plan_path.display()
        );
    } else {
        let saved = storage::save_locked(&mut plan, plan_path, &held)?;
        say!(
            "saved {}{}",
            plan_path.display(),
            saved
                .backup
                .map(|b| format!(" (previous version kept as {})", b.display()))
                .unwrap_or_default()
        );
    }
    if conflicts > 0 {
        warning!(
            "{conflicts} conflict{} reported above {} left out",
            if conflicts == 1 { "" } else { "s" },
            if conflicts == 1 { "was" } else { "were" }
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn heads(plan_path: &Path, short: bool) -> Result<ExitCode, Failure> {
    let plan = storage::load(plan_path)?;
    let heads = anchors::heads(&plan.custody);
    say!(
        "# custody log heads of {} (plan {}), {} events in {} logs",
        plan_path.display(),
        plan.id,
        plan.custody.events.len(),
        heads.len()
    );
    say!("# keep a copy outside the plan; `check --against` reads this file back");
    let width = heads
        .iter()
        .map(|h| h.log.chars().count())
        .max()
        .unwrap_or(0);
    for h in &heads {
        let seq = format!("#{}", h.seq);
        let hash = if short {
            anchors::short(&h.hash)
        } else {
            anchors::grouped(&h.hash)
        };
        say!("{:width$}  {seq:>6}  {hash}", terminal_safe(&h.log));
    }
    if heads.is_empty() {
        say!("# no events recorded yet");
    }
    Ok(ExitCode::SUCCESS)
}
