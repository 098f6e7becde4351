//! Command-line interface: one module per subcommand, errors printed as `error:` and `hint:` lines.

mod check;
mod custody;
mod export;
mod new;
mod open;
mod templates;
mod timetable;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{NaiveDate, NaiveDateTime};
use clap::{Parser, Subcommand};

/// Build, check and export an election integrity and security plan.
#[derive(Parser)]
#[command(name = "integrity-planner", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Open a plan in the editor window.
    Open {
        /// The plan file (*.plan.ron).
        plan: PathBuf,
    },
    /// List the starting templates.
    Templates,
    /// Create a plan from a template.
    New(new::Args),
    /// Check a plan for what a police reviewer would query (exit 0 clean, 1 errors found, 2 unreadable).
    Check(check::Args),
    /// Export the plan as a PDF (full, or redacted for wider circulation).
    Export(export::Args),
    /// Show the statutory timetable for an election type and poll date.
    Timetable(timetable::Args),
    /// Work with the custody log: export, import, merge.
    #[command(subcommand)]
    Custody(custody::Command),
}

/// A failure to report: what went wrong, how to fix it, and the exit code.
pub struct Failure {
    message: String,
    hint: Option<String>,
    code: u8,
}

impl Failure {
    /// A failure with exit code 2.
    pub fn new(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            hint: None,
            code: 2,
        }
    }

    /// Adds a hint line.
    pub fn hint(mut self, hint: impl Into<String>) -> Failure {
        self.hint = Some(hint.into());
        self
    }
}

impl From<integrity_planner::storage::LoadError> for Failure {
    fn from(e: integrity_planner::storage::LoadError) -> Failure {
        let hint = e.hint();
        Failure::new(e.to_string()).hint(hint)
    }
}

impl From<integrity_planner::storage::SaveError> for Failure {
    fn from(e: integrity_planner::storage::SaveError) -> Failure {
        Failure::new(e.to_string())
            .hint("check the folder exists and you may write to it; the previous file is unchanged")
    }
}

/// Parses a `YYYY-MM-DD` date argument, with a message that says what was expected.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        format!("\u{201c}{text}\u{201d} is not a date; expected YYYY-MM-DD, e.g. 2027-05-06")
    })
}

/// Parses a `YYYY-MM-DD` (start of the day) or `YYYY-MM-DDTHH:MM[:SS]` argument.
pub fn parse_moment(text: &str) -> Result<NaiveDateTime, String> {
    let text = text.trim();
    ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .or_else(|| parse_date(text).ok().map(|d| d.and_time(chrono::NaiveTime::MIN)))
        .ok_or_else(|| format!("\u{201c}{text}\u{201d} is not a date or time; expected YYYY-MM-DD or YYYY-MM-DDTHH:MM"))
}

/// Runs the command line and returns the process exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => open::run(None),
        Some(Command::Open { plan }) => open::run(Some(plan)),
        Some(Command::Templates) => templates::run(),
        Some(Command::New(args)) => new::run(&args),
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::Timetable(args)) => timetable::run(&args),
        Some(Command::Export(args)) => export::run(&args),
        Some(Command::Custody(command)) => custody::run(&command),
    };
    match result {
        Ok(code) => code,
        Err(failure) => {
            eprintln!("error: {}", failure.message);
            if let Some(hint) = failure.hint {
                eprintln!("hint: {hint}");
            }
            ExitCode::from(failure.code)
        }
    }
}
