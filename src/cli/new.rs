//! `integrity-planner new`: creates a plan from a template for a poll date.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use chrono::NaiveDate;
use integrity_planner::when::parse_date;
use integrity_planner::{storage, templates, timetable};

use super::Failure;

#[derive(clap::Args)]
pub struct Args {
    /// The template (see `integrity-planner templates`).
    #[arg(long, value_name = "NAME")]
    template: String,
    /// Polling day: YYYY-MM-DD, or day first DD/MM/YYYY.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    poll_date: NaiveDate,
    /// Where the poll is held, for elections held in several nations (default: england).
    #[arg(long, value_enum)]
    nation: Option<super::timetable::NationArg>,
    /// Where to write the new plan (*.plan.ron).
    #[arg(short = 'o', long = "output", value_name = "PLAN")]
    output: PathBuf,
    /// Replace the file if it already exists (the old one is kept as a dated backup).
    #[arg(long)]
    force: bool,
}

pub fn run(args: &Args, wait: Duration) -> Result<ExitCode, Failure> {
    let Some(template) = templates::find(&args.template) else {
        return Err(Failure::new(format!(
            "there is no template called \u{201c}{}\u{201d}",
            args.template
        ))
        .hint(format!("choose one of: {}", templates::names().join(", "))));
    };
    let today = chrono::Local::now().date_naive();
    let nation = args.nation.map(Into::into);
    let mut plan = template
        .instantiate_in(args.poll_date, nation, today)
        .map_err(|e| {
            Failure::new(e.to_string()).hint("this is a defect in the program; please report it")
        })?;
    if nation.is_some()
        && let Err(e @ timetable::TimetableError::NotHeldIn { .. }) =
            timetable::place_anchored_reviews(&mut plan)
    {
        return Err(Failure::new(e.to_string()).hint("choose the nation the poll is held in"));
    }
    let held = super::lock(&args.output, wait)?;
    // Checked under the lock, so a plan another program creates meanwhile is not replaced unasked.
    if args.output.exists() && !args.force {
        return Err(
            Failure::new(format!("{} already exists", args.output.display())).hint(
                "choose another file name, or add --force to replace it (the old file is kept as a \
                 dated backup; `integrity-planner backups` lists them)",
            ),
        );
    }
    let saved = storage::save_locked(&mut plan, &args.output, &held)?;
    drop(held);
    say!(
        "created {} from the {} template for a poll on {}",
        args.output.display(),
        template.name,
        args.poll_date.format("%A %-d %B %Y")
    );
    if let Some(backup) = &saved.backup {
        say!("the file it replaced is kept as {}", backup.display());
    }
    let request = timetable::Request::for_plan(&plan);
    for warning in timetable::poll_date_warnings(&request) {
        warning!("{warning}");
    }
    if let Err(e) = timetable::compute(&request) {
        warning!(
            "{e}; the plan's dates were moved with the poll date by calendar days instead of \
             working days"
        );
    }
    say!("next: integrity-planner check {}", args.output.display());
    Ok(ExitCode::SUCCESS)
}
