//! `integrity-planner export`: the plan as a PDF, full or redacted.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;
use integrity_planner::export::{self, Profile};
use integrity_planner::storage;

use super::{Failure, check_output};

/// The copy to write, on the command line.
#[derive(Clone, Copy, ValueEnum)]
pub(super) enum ProfileArg {
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
    /// Write the PDF even over a file that is or is named as another plan (never over this plan or
    /// its backups and lock).
    #[arg(long)]
    force: bool,
}

impl From<ProfileArg> for Profile {
    fn from(arg: ProfileArg) -> Profile {
        match arg {
            ProfileArg::Full => Profile::Full,
            ProfileArg::Redacted => Profile::Redacted,
        }
    }
}

pub fn run(args: &Args) -> Result<ExitCode, Failure> {
    check_output(&args.output, &[&args.plan], args.force)?;
    let plan = storage::load(&args.plan)?;
    let profile = args.profile.into();
    let bytes = export::plan_pdf(&plan, profile).map_err(|e| {
        Failure::new(e.to_string()).hint("this is a defect in the program; please report it")
    })?;
    storage::write_atomically(&args.output, &bytes)?;
    say!(
        "wrote the {} copy to {} ({} KB)",
        profile.key(),
        args.output.display(),
        bytes.len().div_ceil(1024)
    );
    Ok(ExitCode::SUCCESS)
}

/// `custody sheets`: printable custody sheets.
pub fn sheets(plan_path: &Path, output: &Path, force: bool) -> Result<ExitCode, Failure> {
    check_output(output, &[plan_path], force)?;
    let plan = storage::load(plan_path)?;
    let bytes = export::custody_sheets_pdf(&plan).map_err(|e| {
        Failure::new(e.to_string()).hint("this is a defect in the program; please report it")
    })?;
    storage::write_atomically(output, &bytes)?;
    say!(
        "wrote custody sheets to {} ({} KB)",
        output.display(),
        bytes.len().div_ceil(1024)
    );
    Ok(ExitCode::SUCCESS)
}
