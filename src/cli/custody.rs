//! `integrity-planner custody ...`: export, import and merge the custody log.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use integrity_planner::custody::{self, csv};
use integrity_planner::storage;

use super::Failure;

#[derive(Subcommand)]
pub enum Command {
    /// Write the custody log as CSV (columns documented in the README).
    Export {
        /// The plan file.
        plan: PathBuf,
        /// The CSV file to write.
        #[arg(short = 'o', long = "output", value_name = "LOG.csv")]
        output: PathBuf,
    },
    /// Append events from a CSV file, keeping the hash chain; any bad row refuses the whole file.
    Import {
        /// The plan file.
        plan: PathBuf,
        /// The CSV file to read.
        csv: PathBuf,
        /// The log new events are recorded in, unless a row names one.
        #[arg(long, default_value = "csv-import")]
        log: String,
    },
    /// Print custody sheets: one page per polling station (or batch), with blank rows for signatures.
    Sheets {
        /// The plan file.
        plan: PathBuf,
        /// The PDF to write.
        #[arg(short = 'o', long = "output", value_name = "SHEETS.pdf")]
        output: PathBuf,
    },
    /// Merge custody logs recorded in copies of the plan on other laptops (union by event id).
    Merge {
        /// The plan file to merge into.
        plan: PathBuf,
        /// The other copies.
        #[arg(required = true, value_name = "OTHER.plan.ron")]
        others: Vec<PathBuf>,
    },
}

pub fn run(command: &Command) -> Result<ExitCode, Failure> {
    match command {
        Command::Export { plan, output } => export(plan, output),
        Command::Import { plan, csv, log } => import(plan, csv, log),
        Command::Merge { plan, others } => merge(plan, others),
        Command::Sheets { plan, output } => super::export::sheets(plan, output),
    }
}

fn export(plan_path: &Path, output: &Path) -> Result<ExitCode, Failure> {
    let plan = storage::load(plan_path)?;
    let text =
        csv::export(&plan.custody).map_err(|e| Failure::new(format!("cannot write CSV: {e}")))?;
    storage::write_atomically(output, text.as_bytes(), false)?;
    println!(
        "wrote {} events to {}",
        plan.custody.events.len(),
        output.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn import(plan_path: &Path, csv_path: &Path, log: &str) -> Result<ExitCode, Failure> {
    if log.trim().is_empty() {
        return Err(Failure::new("the log name is empty")
            .hint("name the laptop or table, e.g. --log count-table-3"));
    }
    let mut plan = storage::load(plan_path)?;
    let bytes = std::fs::read(csv_path).map_err(|e| {
        Failure::new(format!("cannot read {}: {e}", csv_path.display())).hint("check the path")
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Failure::new(format!(
            "{} is not UTF-8 text (invalid byte at {})",
            csv_path.display(),
            e.utf8_error().valid_up_to()
        ))
        .hint("save the spreadsheet as \u{201c}CSV UTF-8\u{201d}")
    })?;
    match csv::import(&mut plan.custody, &text, log.trim()) {
        Ok(report) => {
            if report.added > 0 {
                storage::save(&plan, plan_path)?;
            }
            println!(
                "recorded {} new event{} from {} ({} already present)",
                report.added,
                if report.added == 1 { "" } else { "s" },
                csv_path.display(),
                report.already_present
            );
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
                message.push_str(&format!("\n  {}: {e}", csv_path.display()));
            }
            if errors.len() > 50 {
                message.push_str(&format!("\n  … and {} more", errors.len() - 50));
            }
            Err(Failure::new(message)
                .hint("fix those rows and import the file again; the plan is unchanged"))
        }
    }
}

fn merge(plan_path: &Path, others: &[PathBuf]) -> Result<ExitCode, Failure> {
    let mut plan = storage::load(plan_path)?;
    // Read every copy before changing anything.
    let copies = others
        .iter()
        .map(|p| storage::load(p).map(|plan| (p, plan)))
        .collect::<Result<Vec<_>, _>>()?;
    let before = plan.custody.clone();
    let mut conflicts = 0;
    for (path, other) in &copies {
        let report = custody::merge(&mut plan.custody, &other.custody);
        println!(
            "{}: {} new event{}, {} already present, {} new item{}",
            path.display(),
            report.added_events,
            if report.added_events == 1 { "" } else { "s" },
            report.already_present,
            report.added_items,
            if report.added_items == 1 { "" } else { "s" }
        );
        for c in &report.conflicts {
            println!("  conflict: {c}");
        }
        conflicts += report.conflicts.len();
    }
    if plan.custody != before {
        storage::save(&plan, plan_path)?;
        println!(
            "saved {} (previous version kept as .bak)",
            plan_path.display()
        );
    } else {
        println!(
            "{} already had everything; nothing changed",
            plan_path.display()
        );
    }
    if conflicts > 0 {
        eprintln!(
            "warning: {conflicts} conflict{} reported above were not merged",
            if conflicts == 1 { "" } else { "s" }
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
