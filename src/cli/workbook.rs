//! `integrity-planner workbook`: the plan as an Excel workbook (contacts, responsibilities, risk
//! register, fraud indicators and observations, custody log).

use std::path::PathBuf;
use std::process::ExitCode;

use integrity_planner::export::workbook::{SHEETS, workbook};
use integrity_planner::storage;

use super::export::ProfileArg;
use super::{Failure, check_output};

#[derive(clap::Args)]
pub struct Args {
    /// The plan file (*.plan.ron).
    plan: PathBuf,
    /// The workbook to write (*.xlsx).
    #[arg(short = 'o', long = "output", value_name = "OUT.xlsx")]
    output: PathBuf,
    /// Which copy: the redacted one withholds what the redacted PDF withholds.
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
    let profile = args.profile.into();
    let bytes = workbook(&plan, profile).map_err(|e| {
        let hint = e.hint();
        Failure::new(e.to_string()).hint(hint)
    })?;
    storage::write_atomically(&args.output, &bytes)?;
    say!(
        "wrote {} sheets ({} copy; {} custody events) to {}",
        SHEETS.len(),
        profile.key(),
        plan.custody.events.len(),
        args.output.display()
    );
    Ok(ExitCode::SUCCESS)
}
