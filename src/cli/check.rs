//! `integrity-planner check`: reports what a police reviewer would query.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDateTime;
use clap::ValueEnum;
use integrity_planner::storage;
use integrity_planner::validate::{self, Context, Finding};

use super::{Failure, parse_moment};

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    /// The plan file (*.plan.ron).
    plan: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Judge overdue reviews and deadlines as at this moment instead of now: YYYY-MM-DD (the start of that
    /// day) or YYYY-MM-DDTHH:MM.
    #[arg(long, value_name = "WHEN", value_parser = parse_moment)]
    as_of: Option<NaiveDateTime>,
}

pub fn run(args: &Args) -> Result<ExitCode, Failure> {
    let plan = storage::load(&args.plan)?;
    let context = Context::at(
        args.as_of
            .unwrap_or_else(|| chrono::Local::now().naive_local()),
    );
    let findings = validate::validate(&plan, &context);
    let (errors, warnings) = validate::tally(&findings);
    match args.format {
        Format::Json => print_json(errors, warnings, &findings)?,
        Format::Text => print_text(args, errors, warnings, &findings),
    }
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_json(errors: usize, warnings: usize, findings: &[Finding]) -> Result<(), Failure> {
    #[derive(serde::Serialize)]
    struct Report<'a> {
        errors: usize,
        warnings: usize,
        findings: Vec<JsonFinding<'a>>,
    }
    #[derive(serde::Serialize)]
    struct JsonFinding<'a> {
        severity: &'static str,
        code: &'static str,
        section: &'static str,
        message: &'a str,
        entity: Option<validate::EntityRef>,
    }
    let report = Report {
        errors,
        warnings,
        findings: findings
            .iter()
            .map(|f| JsonFinding {
                severity: f.severity.as_str(),
                code: f.code.code(),
                section: f.section.key(),
                message: &f.message,
                entity: f.entity,
            })
            .collect(),
    };
    let json = serde_json::to_string_pretty(&report).map_err(|e| Failure::new(e.to_string()))?;
    println!("{json}");
    Ok(())
}

fn print_text(args: &Args, errors: usize, warnings: usize, findings: &[Finding]) {
    for f in findings {
        println!("{}[{}]: {}", f.severity.as_str(), f.code.code(), f.message);
        println!("  --> {}. {}", f.section.number(), f.section.label());
    }
    if !findings.is_empty() {
        println!();
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    println!(
        "{}: {}, {}",
        args.plan.display(),
        plural(errors, "error"),
        plural(warnings, "warning")
    );
}
