//! `integrity-planner timetable`: the statutory timetable for an election type and poll date, each
//! milestone with the rule that sets it; `--list` lists the types and their instruments.

use std::process::ExitCode;

use chrono::NaiveDate;
use clap::ValueEnum;
use integrity_planner::law;
use integrity_planner::model::{ElectionType, Nation};
use integrity_planner::timetable::{self, Request, Timetable};
use integrity_planner::when::parse_date;

use super::Failure;
use super::output::Format;

/// A nation, as the command line names it.
#[derive(Clone, Copy, ValueEnum)]
pub enum NationArg {
    England,
    Wales,
    Scotland,
    NorthernIreland,
}

impl From<NationArg> for Nation {
    fn from(n: NationArg) -> Nation {
        match n {
            NationArg::England => Nation::England,
            NationArg::Wales => Nation::Wales,
            NationArg::Scotland => Nation::Scotland,
            NationArg::NorthernIreland => Nation::NorthernIreland,
        }
    }
}

#[derive(clap::Args)]
pub struct Args {
    /// List every election type with the instruments its timetable follows.
    #[arg(long, conflicts_with_all = ["election", "poll_date"])]
    list: bool,
    /// The election type (see --list), e.g. uk-parliamentary or scottish-local.
    #[arg(long, value_name = "TYPE", required_unless_present = "list")]
    election: Option<String>,
    /// Polling day: YYYY-MM-DD, or day first DD/MM/YYYY.
    #[arg(
        long,
        value_name = "YYYY-MM-DD",
        value_parser = parse_date,
        required_unless_present = "list"
    )]
    poll_date: Option<NaiveDate>,
    /// Where the poll is held, for types held in several nations (default england): it picks the
    /// bank holidays and the registration and absent-vote law.
    #[arg(long, value_enum)]
    nation: Option<NationArg>,
    /// A day appointed for public thanksgiving or mourning, which the timetable disregards
    /// (repeatable).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    disregard: Vec<NaiveDate>,
    /// The day the writ is received (UK Parliamentary by-elections).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    writ_date: Option<NaiveDate>,
    /// The last day for nominations the returning officer fixed (UK Parliamentary by-elections).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    nomination_day: Option<NaiveDate>,
    /// The date of the vacancy (English council by-elections).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    vacancy_date: Option<NaiveDate>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

pub fn run(args: &Args) -> Result<ExitCode, Failure> {
    if args.list {
        return list();
    }
    let (Some(name), Some(poll)) = (&args.election, args.poll_date) else {
        return Err(Failure::new("give --election and --poll-date, or --list")
            .hint("see integrity-planner timetable --list"));
    };
    let Some(election) = ElectionType::from_key(name) else {
        let names: Vec<&str> = ElectionType::ALL.iter().map(|e| e.key()).collect();
        return Err(Failure::new(format!(
            "there is no election type called \u{201c}{name}\u{201d}"
        ))
        .hint(format!("choose one of: {}", names.join(", "))));
    };
    let request = Request {
        election,
        poll,
        nation: args.nation.map(Nation::from),
        disregard: &args.disregard,
        writ: args.writ_date,
        nomination_day: args.nomination_day,
        vacancy: args.vacancy_date,
    };
    let table = timetable::compute(&request).map_err(|e| {
        let hint = match e {
            timetable::TimetableError::OutOfRange { .. } => {
                "choose a poll date within those years, or add the later years' bank holidays to \
                 bank-holidays.csv in the data folder"
            }
            timetable::TimetableError::OutsideWindow(_) => {
                "choose a polling day inside the window the law sets"
            }
            timetable::TimetableError::NotHeldIn { .. } => "choose the nation the poll is held in",
            _ => "see integrity-planner timetable --list",
        };
        Failure::new(e.to_string()).hint(hint)
    })?;
    let warnings = timetable::poll_date_warnings(&request);
    for w in &warnings {
        warning!("{w}");
    }
    match args.format {
        Format::Json => json(&table, &warnings),
        Format::Text => text(&table),
    }?;
    Ok(ExitCode::SUCCESS)
}

fn json(table: &Timetable, warnings: &[String]) -> Result<(), Failure> {
    let milestones: serde_json::Map<String, serde_json::Value> = table
        .entries
        .iter()
        .map(|e| {
            let entry = serde_json::json!({
                "date": e.date.format("%Y-%m-%d").to_string(),
                "time": e.time.map(|t| t.format("%H:%M").to_string()),
                "source": e.source,
            });
            (e.milestone.key().to_owned(), entry)
        })
        .collect();
    let json = serde_json::json!({
        "election": table.election.key(),
        "poll_date": table.poll.format("%Y-%m-%d").to_string(),
        "nation": table.nation.key(),
        "rules": table.rules.key,
        "instruments": table.rules.instruments,
        "bank_holidays": table.holidays,
        "milestones": milestones,
        "notes": table.notes,
        "warnings": warnings,
        "contest_law": contest_law(table).map(|(v, words)| serde_json::json!({
            "postal_votes_handed_in": words[0],
            "postal_votes_handed_in_source": v.handing_in_source,
            "campaigner_offence": v.campaigners,
            "proxies": words[1],
            "proxies_source": v.proxies_source,
            "voter_id": words[2],
            "voter_id_source": v.voter_id_source,
        })),
    });
    let text = serde_json::to_string_pretty(&json).map_err(|e| Failure::new(e.to_string()))?;
    say!("{text}");
    Ok(())
}

fn text(table: &Timetable) -> Result<(), Failure> {
    say!(
        "{}, {}, poll on {}",
        table.election.label(),
        table.nation.label(),
        table.poll.format("%A %-d %B %Y")
    );
    say!("Run by: {}", table.officer);
    say!("Rules: {}", table.rules.instruments.join("; "));
    say!("Bank holidays: {}", table.holidays);
    say!();
    for e in &table.entries {
        let time = e
            .time
            .map_or_else(String::new, |t| t.format("%H:%M").to_string());
        let when = match e.working_days_before {
            Some(0) => "polling day".to_owned(),
            Some(n) => format!("{n} working days before"),
            None => "fixed from the writ or nomination day".to_owned(),
        };
        let date = e.date.format("%a %-d %b %Y").to_string();
        say!("{date:<16} {time:<5}  {:<55} {when}", e.milestone.label());
    }
    if let Some((v, [handing, proxies, id])) = contest_law(table) {
        say!();
        say!("Postal votes handed in: {handing}");
        say!("    {}", v.handing_in_source);
        say!("Proxies: at most {proxies}");
        say!("    {}", v.proxies_source);
        say!("Voter ID: {id}");
        say!("    {}", v.voter_id_source);
    }
    for note in &table.notes {
        say!();
        say!("Note: {note}");
    }
    Ok(())
}

/// What the contest's law sets for this election, nation and poll, if the data holds it.
fn contest_law(table: &Timetable) -> Option<(&'static law::contests::VotingLaw, [String; 3])> {
    let voting = law::law()
        .ok()?
        .contest(table.election)?
        .voting(table.nation, table.poll)
        .ok()?;
    Some((voting, law::contests::short_words(voting)))
}

/// Every election type with who runs it, its instruments and what differs.
fn list() -> Result<ExitCode, Failure> {
    let law = law::law().map_err(|e| {
        Failure::new(e.to_owned()).hint("this is a defect in the program; please report it")
    })?;
    for e in &law.elections {
        let nations: Vec<&str> = e.nations.iter().map(|n| n.label()).collect();
        say!("{}  ({})", e.election.key(), e.election.label());
        say!("    held in: {}; run by: {}", nations.join(", "), e.officer);
        for set in &e.rule_sets {
            let span = match (set.polls_from, set.polls_until) {
                (None, None) => String::new(),
                (Some(f), None) => format!(" (polls from {f})"),
                (None, Some(u)) => format!(" (polls up to {u})"),
                (Some(f), Some(u)) => format!(" (polls {f} to {u})"),
            };
            say!(
                "    rules {}{span}: {}",
                set.key,
                set.instruments.join("; ")
            );
        }
        say!("    {}", e.differs);
    }
    Ok(ExitCode::SUCCESS)
}
