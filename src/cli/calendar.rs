//! `integrity-planner calendar`: the plan's key dates as an iCalendar file for Outlook and other
//! calendars.

use std::path::PathBuf;
use std::process::ExitCode;

use integrity_planner::export::calendar::{Previous, key_dates_ics};
use integrity_planner::storage;

use super::export::ProfileArg;
use super::{Failure, check_output};

#[derive(clap::Args)]
pub struct Args {
    /// The plan file (*.plan.ron).
    plan: PathBuf,
    /// The calendar file to write (*.ics). When it holds the last export, entries that changed get
    /// a higher sequence and entries that are gone are written as cancelled.
    #[arg(short = 'o', long = "output", value_name = "KEY-DATES.ics")]
    output: PathBuf,
    /// Which copy: the redacted one leaves out people's names and venue addresses.
    #[arg(long, value_enum, default_value = "full")]
    profile: ProfileArg,
    /// Write even over a file that is or is named as another plan (never over this plan or its
    /// backups and lock).
    #[arg(long)]
    force: bool,
}

pub fn run(args: &Args) -> Result<ExitCode, Failure> {
    check_output(&args.output, &[&args.plan], args.force)?;
    let plan = storage::load(&args.plan)?;
    // The last export, read to carry its entries' sequence numbers on (a file that is not a
    // calendar this program wrote carries nothing on, and is replaced).
    let previous = Previous::at(&args.output);
    let profile = args.profile.into();
    let text = key_dates_ics(&plan, profile, &previous);
    storage::write_atomically(&args.output, text.as_bytes())?;
    let entries = text.matches("BEGIN:VEVENT").count();
    let cancelled = text.matches("STATUS:CANCELLED").count();
    say!(
        "wrote {} calendar entries{} ({} copy) to {}",
        entries - cancelled,
        if cancelled > 0 {
            format!(" and {cancelled} cancellations")
        } else {
            String::new()
        },
        profile.key(),
        args.output.display()
    );
    Ok(ExitCode::SUCCESS)
}
