//! `integrity-planner export`: the plan as a PDF, full or redacted, logged in the plan as an issued
//! copy (unless `--no-record`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use chrono::NaiveDate;
use integrity_planner::model::{CopyKind, Plan};
use integrity_planner::when::parse_date;

use clap::ValueEnum;
use integrity_planner::export::{self, Profile};
use integrity_planner::storage;

use super::{Failure, check_output};

/// The copy to write, on the command line.
#[derive(Clone, Copy, ValueEnum)]
pub(super) enum ProfileArg {
    /// Everything, for the police.
    Full,
    /// For wider circulation: people's contact details, candidates' details, referrals, withheld
    /// venues and hotspots, and operational security detail left out (everything marked full
    /// copy only).
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
    /// Who the copy is issued to: their number on the distribution list (from 1) or their name.
    /// A full copy to a listed recipient is numbered ("Copy 3 of 7").
    #[arg(long, value_name = "N|NAME")]
    recipient: Option<String>,
    /// The date the copy is issued, recorded in the plan's log of issued copies (not printed):
    /// YYYY-MM-DD or DD/MM/YYYY; today if not given.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    date: Option<NaiveDate>,
    /// Export without logging an issued copy in the plan (a draft to read, not to agree).
    #[arg(long)]
    no_record: bool,
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

/// The distribution-list entry `wanted` names: its number from 1, or its recipient's name (or
/// "name, organisation"), ignoring case.
fn recipient(plan: &Plan, wanted: &str) -> Result<usize, Failure> {
    let list = &plan.overview.distribution;
    let wanted = wanted.trim();
    let found = match wanted.parse::<usize>() {
        Ok(n) => n.checked_sub(1).filter(|&i| i < list.len()),
        Err(_) => list.iter().position(|d| {
            d.recipient.trim().eq_ignore_ascii_case(wanted)
                || format!("{}, {}", d.recipient.trim(), d.organisation.trim())
                    .eq_ignore_ascii_case(wanted)
        }),
    };
    found.ok_or_else(|| {
        let names: Vec<String> = list
            .iter()
            .enumerate()
            .map(|(i, d)| format!("{} {}", i + 1, d.recipient))
            .collect();
        let hint = if names.is_empty() {
            "the plan's distribution list is empty: add the recipient in the editor (Overview, \
             Document control) first"
                .to_owned()
        } else {
            format!(
                "give a number or name from the distribution list: {}",
                names.join("; ")
            )
        };
        Failure::new(format!(
            "\u{201c}{wanted}\u{201d} is not on the plan's distribution list"
        ))
        .hint(hint)
    })
}

pub fn run(args: &Args, wait: Duration) -> Result<ExitCode, Failure> {
    check_output(&args.output, &[&args.plan], args.force)?;
    let held = if args.no_record {
        None
    } else {
        Some(super::lock(&args.plan, wait)?)
    };
    let mut plan = storage::load(&args.plan)?;
    let (profile, kind) = match args.profile {
        ProfileArg::Full => (Profile::Full, CopyKind::Full),
        ProfileArg::Redacted => (Profile::Redacted, CopyKind::Redacted),
    };
    let index = match &args.recipient {
        Some(r) => Some(recipient(&plan, r)?),
        None => None,
    };
    if let Some(entry) = index.and_then(|i| plan.overview.distribution.get(i))
        && entry.copy != kind
    {
        return Err(Failure::new(format!(
            "{} receives the {} on the distribution list, not the {}",
            entry.recipient,
            entry.copy.label().to_lowercase(),
            kind.label().to_lowercase()
        ))
        .hint(format!("export with --profile {}", entry.copy.key())));
    }
    let date = args
        .date
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let copy = plan.copy_for(kind, index, date);
    let bytes = export::issued_pdf(&plan, profile, Some(&copy)).map_err(|e| {
        Failure::new(e.to_string()).hint("this is a defect in the program; please report it")
    })?;
    storage::write_atomically(&args.output, &bytes)?;
    say!(
        "wrote the {} copy to {} ({} KB), fingerprint {}",
        profile.key(),
        args.output.display(),
        bytes.len().div_ceil(1024),
        copy.fingerprint.short()
    );
    if let Some(held) = held {
        let described = copy.describe();
        plan.overview.issued_copies.push(copy);
        storage::save_locked(&mut plan, &args.plan, &held).map_err(|e| {
            let hint = e.hint();
            Failure::new(format!(
                "the PDF was written but the issued copy was not recorded: {e}"
            ))
            .hint(hint)
        })?;
        say!(
            "recorded the issued copy in {}: {described}",
            args.plan.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `custody sheets`: printable custody sheets.
pub fn sheets(
    plan_path: &Path,
    output: &Path,
    profile: Profile,
    force: bool,
) -> Result<ExitCode, Failure> {
    check_output(output, &[plan_path], force)?;
    let plan = storage::load(plan_path)?;
    let bytes = export::custody_sheets_pdf(&plan, profile).map_err(|e| {
        Failure::new(e.to_string()).hint("this is a defect in the program; please report it")
    })?;
    storage::write_atomically(output, &bytes)?;
    say!(
        "wrote the {} custody sheets to {} ({} KB)",
        profile.key(),
        output.display(),
        bytes.len().div_ceil(1024)
    );
    Ok(ExitCode::SUCCESS)
}
