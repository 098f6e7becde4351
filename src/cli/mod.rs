//! Command-line interface: one module per subcommand, errors printed as `error:` and `hint:` lines.

#[macro_use]
mod output;

mod backups;
mod calendar;
mod check;
mod custody;
mod db;
mod export;
mod fingerprint;
mod import;
mod new;
mod open;
mod sync;
mod templates;
mod timetable;
mod workbook;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use integrity_planner::storage;
use integrity_planner::text::terminal_safe_lines;

/// Build, check and export an election integrity and security plan.
#[derive(Parser)]
#[command(name = "integrity-planner", version, about, long_about = None)]
struct Cli {
    /// How long a command that changes a plan waits for another program writing it, in seconds.
    #[arg(
        long,
        global = true,
        value_name = "SECONDS",
        default_value = "10",
        env = "INTEGRITY_PLANNER_LOCK_WAIT",
        value_parser = parse_wait
    )]
    lock_wait: Duration,
    #[command(subcommand)]
    command: Option<Command>,
}

/// Parses a wait in seconds (fractions allowed).
fn parse_wait(text: &str) -> Result<Duration, String> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && (0.0..=3600.0).contains(s))
        .map(Duration::from_secs_f64)
        .ok_or_else(|| format!("\u{201c}{text}\u{201d} is not a number of seconds from 0 to 3600"))
}

#[derive(Subcommand)]
enum Command {
    /// Open a plan in the editor window.
    Open {
        /// The plan file (*.plan.ron); without one, the start screen (a desktop launcher's
        /// `open %f` with no file).
        plan: Option<PathBuf>,
        /// The section to show first: its number or key (e.g. 12 or custody, for a count-hall
        /// desk).
        #[arg(long)]
        section: Option<integrity_planner::model::Section>,
    },
    /// List the starting templates.
    Templates,
    /// Create a plan from a template.
    New(new::Args),
    /// Check a plan for what a police reviewer would query (exit 0 clean, 1 errors found, 2
    /// unreadable).
    Check(check::Args),
    /// Export the plan as a PDF (full, or redacted for wider circulation).
    Export(export::Args),
    /// Write the plan's key dates as a calendar file (*.ics) for Outlook and other calendars.
    Calendar(calendar::Args),
    /// Export the plan as an Excel workbook (*.xlsx): contacts, responsibilities, risk register,
    /// fraud indicators and the custody log.
    Workbook(workbook::Args),
    /// Print the fingerprint of the arrangements the police agree, the plan's and each section's.
    Fingerprint(fingerprint::Args),
    /// Show the statutory timetable for an election type and poll date.
    Timetable(timetable::Args),
    /// Work with the custody log: export, import, merge, heads, sheets.
    #[command(subcommand)]
    Custody(custody::Command),
    /// Administer the shared custody log on PostgreSQL: set up the schema, register plans, add
    /// laptops' roles (each prints the SQL it ran).
    #[command(subcommand)]
    Db(db::Command),
    /// List the earlier versions kept of a plan, or restore one.
    Backups(backups::Args),
    /// Import venues from a CSV file or an XLSX workbook.
    #[command(subcommand)]
    Venues(import::VenuesCommand),
    /// Import people from a CSV file or an XLSX workbook.
    #[command(subcommand)]
    People(import::PeopleCommand),
}

/// A failure to report: what went wrong, how to fix it, and the exit code.
pub struct Failure {
    message: String,
    hint: Option<String>,
    code: u8,
    /// Say nothing (standard output was closed by its reader: nobody is listening).
    quiet: bool,
}

impl Failure {
    /// A failure with exit code 2.
    pub fn new(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            hint: None,
            code: 2,
            quiet: false,
        }
    }

    /// Adds a hint line.
    pub fn hint(mut self, hint: impl Into<String>) -> Failure {
        self.hint = Some(hint.into());
        self
    }

    /// Standard output could not be written.
    pub fn output(error: &std::io::Error) -> Failure {
        let quiet = error.kind() == std::io::ErrorKind::BrokenPipe;
        Failure {
            message: format!("cannot write the output: {error}"),
            hint: Some(
                "anything the command saved is saved; run it again with room for its output"
                    .to_owned(),
            ),
            code: output::OUTPUT_FAILED,
            quiet,
        }
    }
}

/// Refuses an output path that is, or belongs to, one of `plans` (or, without `force`, any plan
/// file).
pub fn check_output(output: &Path, plans: &[&Path], force: bool) -> Result<(), Failure> {
    storage::check_output(output, plans, force).map_err(|e| {
        let hint = e.hint();
        Failure::new(e.to_string()).hint(hint)
    })
}

/// Takes the lock on a plan for a read, change and write.
pub fn lock(plan: &Path, wait: Duration) -> Result<storage::PlanLock, Failure> {
    let held = storage::lock(plan, wait)
        .map_err(|e| Failure::from(storage::SaveError::from_lock(plan, e)))?;
    if !held.is_enforced() {
        warning!(
            "the folder of {} cannot lock files (some network shares cannot), so another program \
             could change it at the same time",
            plan.display()
        );
    }
    Ok(held)
}

impl From<integrity_planner::storage::LoadError> for Failure {
    fn from(e: integrity_planner::storage::LoadError) -> Failure {
        let hint = e.hint();
        Failure::new(e.to_string()).hint(hint)
    }
}

impl From<integrity_planner::storage::SaveError> for Failure {
    fn from(e: integrity_planner::storage::SaveError) -> Failure {
        let hint = e.hint();
        Failure::new(e.to_string()).hint(hint)
    }
}

/// Runs the command line and returns the process exit code.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            // Help and version go to standard output, which may be closed: nothing to do then.
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let wait = cli.lock_wait;
    let result = match cli.command {
        None => open::run(None, None),
        Some(Command::Open { plan, section }) => open::run(plan, section),
        Some(Command::Templates) => templates::run(),
        Some(Command::New(args)) => new::run(&args, wait),
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::Timetable(args)) => timetable::run(&args),
        Some(Command::Calendar(args)) => calendar::run(&args),
        Some(Command::Workbook(args)) => workbook::run(&args),
        Some(Command::Export(args)) => export::run(&args, wait),
        Some(Command::Fingerprint(args)) => fingerprint::run(&args),
        Some(Command::Custody(command)) => custody::run(&command, wait),
        Some(Command::Db(command)) => db::run(&command),
        Some(Command::Backups(args)) => backups::run(&args, wait),
        Some(Command::Venues(command)) => import::venues(&command, wait),
        Some(Command::People(command)) => import::people(&command, wait),
    }
    .and_then(|code| output::finish().map(|()| code));
    match result {
        Ok(code) => code,
        Err(failure) if failure.quiet => ExitCode::from(failure.code),
        Err(failure) => {
            output::note(format_args!(
                "error: {}",
                terminal_safe_lines(&failure.message)
            ));
            if let Some(hint) = failure.hint {
                output::note(format_args!("hint: {}", terminal_safe_lines(&hint)));
            }
            ExitCode::from(failure.code)
        }
    }
}
