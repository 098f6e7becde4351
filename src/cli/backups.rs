//! `integrity-planner backups`: the earlier versions kept of a plan, and restoring one.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use integrity_planner::storage::{self, backups};

use super::Failure;

#[derive(clap::Args)]
pub struct Args {
    /// The plan file (*.plan.ron).
    plan: PathBuf,
    /// Restore this version: its number in the list (1 is the newest) or its file name. The version
    /// it replaces is kept as a backup too, and custody events recorded since are kept.
    #[arg(long, value_name = "N|FILE")]
    restore: Option<String>,
}

pub fn run(args: &Args, wait: Duration) -> Result<ExitCode, Failure> {
    let list = backups::list(&args.plan).map_err(|e| {
        Failure::new(format!(
            "cannot list the backups of {}: {e}",
            args.plan.display()
        ))
        .hint("check the folder exists and you may read it")
    })?;
    match &args.restore {
        None => show(args, &list),
        Some(which) => restore(args, &list, which, wait),
    }
}

fn show(args: &Args, list: &[backups::Backup]) -> Result<ExitCode, Failure> {
    if list.is_empty() {
        say!(
            "{} has no backups yet: each save keeps the version it replaces",
            args.plan.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    say!("  #  saved (UTC)            size      file");
    for (i, b) in list.iter().enumerate() {
        say!(
            "{:>3}  {}  {:>7} KB  {}{}",
            i + 1,
            b.saved.format("%a %d %b %Y %H:%M"),
            b.size.div_ceil(1024),
            b.path
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default(),
            if b.legacy {
                "  (from an earlier version of the program)"
            } else {
                ""
            }
        );
    }
    say!(
        "restore one with: integrity-planner backups {} --restore N",
        args.plan.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn restore(
    args: &Args,
    list: &[backups::Backup],
    which: &str,
    wait: Duration,
) -> Result<ExitCode, Failure> {
    let chosen = match which.trim().parse::<usize>() {
        Ok(n) => n.checked_sub(1).and_then(|i| list.get(i)),
        Err(_) => list.iter().find(|b| {
            b.path
                .file_name()
                .is_some_and(|n| n.to_string_lossy() == which.trim())
        }),
    };
    let Some(chosen) = chosen else {
        return Err(Failure::new(format!(
            "there is no backup {which} of {}",
            args.plan.display()
        ))
        .hint(format!(
            "list them with `integrity-planner backups {}`",
            args.plan.display()
        )));
    };
    let held = super::lock(&args.plan, wait)?;
    let current = storage::load(&args.plan)?;
    let restored = backups::restored(&current, &chosen.path)
        .map_err(|e| Failure::new(e).hint("choose another version; nothing was changed"))?;
    let mut plan = restored.plan;
    let saved = storage::save_locked(&mut plan, &args.plan, &held)?;
    if restored.other_plan {
        say!(
            "restored {} to the plan saved {} UTC, which is another plan than the one it replaced \
             (plan id {})",
            args.plan.display(),
            chosen.saved.format("%-d %b %Y %H:%M:%S"),
            plan.id
        );
    } else {
        say!(
            "restored {} to the version saved {} UTC ({} custody events, including any recorded \
             since)",
            args.plan.display(),
            chosen.saved.format("%-d %b %Y %H:%M:%S"),
            plan.custody.events.len()
        );
    }
    if let Some(backup) = saved.backup {
        say!("the version it replaced is kept as {}", backup.display());
    }
    Ok(ExitCode::SUCCESS)
}
