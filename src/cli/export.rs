//! `integrity-planner export`: the plan as a PDF, full or redacted.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use integrity_planner::export::{self, Profile};
use integrity_planner::storage;

use super::Failure;

#[derive(Clone, Copy, ValueEnum)]
enum ProfileArg {
    /// Everything, for the police.
    Full,
    /// Contact details, candidate data and hotspot addresses withheld.
    Redacted,
}

#[derive(clap::Args)]
pub struct Args {
    /// The plan file (*.plan.ron).
    plan: PathBuf,
    /// The PDF to write.
    #[arg(short = 'o', long = "output", value_name = "OUT.pdf")]
    output: PathBuf,
    /// Which copy.
    #[arg(long, value_enum, default_value = "full")]
    profile: ProfileArg,
}

pub fn run(args: &Args) -> Result<ExitCode, Failure> {
    let plan = storage::load(&args.plan)?;
    let profile = match args.profile {
        ProfileArg::Full => Profile::Full,
        ProfileArg::Redacted => Profile::Redacted,
    };
    let bytes = export::plan_pdf(&plan, profile).map_err(|e| {
        Failure::new(e.to_string()).hint("this is a defect in the program; please report it")
    })?;
    storage::write_atomically(&args.output, &bytes, false)?;
    println!(
        "wrote the {} copy to {} ({} KB)",
        profile.key(),
        args.output.display(),
        bytes.len().div_ceil(1024)
    );
    Ok(ExitCode::SUCCESS)
}

/// `custody sheets`: printable custody sheets.
pub fn sheets(plan: &std::path::Path, output: &std::path::Path) -> Result<ExitCode, Failure> {
    let plan = storage::load(plan)?;
    let bytes = export::custody_sheets_pdf(&plan).map_err(|e| {
        Failure::new(e.to_string()).hint("this is a defect in the program; please report it")
    })?;
    storage::write_atomically(output, &bytes, false)?;
    println!(
        "wrote custody sheets to {} ({} KB)",
        output.display(),
        bytes.len().div_ceil(1024)
    );
    Ok(ExitCode::SUCCESS)
}
