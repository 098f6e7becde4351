//! `integrity-planner timetable`: the statutory timetable for an election type and poll date.

use std::process::ExitCode;

use chrono::NaiveDate;
use clap::ValueEnum;
use integrity_planner::model::ElectionType;
use integrity_planner::timetable::{self, Calendar};

use super::{Failure, parse_date};

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    /// The election: uk-parliamentary or english-local.
    #[arg(long, value_name = "NAME")]
    election: String,
    /// Polling day, YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    poll_date: NaiveDate,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

pub fn run(args: &Args) -> Result<ExitCode, Failure> {
    let Some(election) = ElectionType::from_key(&args.election) else {
        let names: Vec<&str> = ElectionType::ALL.iter().map(|e| e.key()).collect();
        return Err(Failure::new(format!(
            "there is no election type called \u{201c}{}\u{201d}",
            args.election
        ))
        .hint(format!("choose one of: {}", names.join(", "))));
    };
    let table = timetable::compute(election, args.poll_date).map_err(|e| {
        Failure::new(e.to_string())
            .hint("choose a poll date whose timetable falls within those years")
    })?;
    let warnings = timetable::poll_date_warnings(election, args.poll_date);
    for w in &warnings {
        warning!("{w}");
    }
    match args.format {
        Format::Json => {
            let milestones: serde_json::Map<String, serde_json::Value> = table
                .entries
                .iter()
                .map(|e| {
                    let mut entry = serde_json::Map::new();
                    entry.insert(
                        "date".to_owned(),
                        e.date.format("%Y-%m-%d").to_string().into(),
                    );
                    if let Some(time) = e.time {
                        entry.insert("time".to_owned(), time.format("%H:%M").to_string().into());
                    }
                    (e.milestone.key().to_owned(), entry.into())
                })
                .collect();
            let json = serde_json::json!({
                "election": election.key(),
                "poll_date": args.poll_date.format("%Y-%m-%d").to_string(),
                "milestones": milestones,
                "warnings": warnings,
            });
            let text =
                serde_json::to_string_pretty(&json).map_err(|e| Failure::new(e.to_string()))?;
            say!("{text}");
        }
        Format::Text => {
            let calendar = Calendar::for_election(election);
            let divisions: Vec<&str> = calendar.divisions().iter().map(|d| d.label()).collect();
            say!(
                "{}, poll on {}",
                election.label(),
                args.poll_date.format("%A %-d %B %Y")
            );
            say!(
                "Working days exclude weekends and bank holidays in {}.",
                divisions.join(", ")
            );
            say!();
            let mut entries = table.entries;
            entries.sort_by_key(|e| (e.date, e.time));
            for e in &entries {
                let time = e
                    .time
                    .map_or_else(String::new, |t| t.format("%H:%M").to_string());
                let when = if e.working_days_before == 0 {
                    "polling day".to_owned()
                } else {
                    format!("{} working days before", e.working_days_before)
                };
                let date = e.date.format("%a %-d %b %Y").to_string();
                say!("{date:<16} {time:<5}  {:<53} {when}", e.milestone.label());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
