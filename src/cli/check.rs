//! `integrity-planner check`: reports what a police reviewer would query.

use std::path::PathBuf;
use std::process::ExitCode;

use std::path::Path;

use chrono::NaiveDateTime;
use integrity_planner::custody::anchors;
use integrity_planner::storage;
use integrity_planner::text::terminal_safe;
use integrity_planner::validate::{self, Context, Finding, Reference};
use integrity_planner::when::parse_moment;

use super::Failure;
use super::output::Format;

#[derive(clap::Args)]
pub struct Args {
    /// The plan file (*.plan.ron).
    plan: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Judge overdue reviews and deadlines as at this moment instead of now: a date, YYYY-MM-DD or
    /// day first DD/MM/YYYY (the start of that day), or a date and time, YYYY-MM-DDTHH:MM.
    #[arg(long, value_name = "WHEN", value_parser = parse_moment)]
    as_of: Option<NaiveDateTime>,
    /// Also check that every custody log still reaches the heads in a copy kept outside the plan:
    /// an older plan file or backup (`*.ron`, `*.bak`), or heads written by `custody heads` or
    /// typed from a signed PDF (`LOG #SEQ HASH` per line, at least 16 hex digits of each hash).
    #[arg(long, value_name = "OLDER.plan.ron|HEADS.txt")]
    against: Option<std::path::PathBuf>,
}

/// The heads in a copy kept outside the plan: an older plan file (its logs' heads and anchors) or a
/// heads file.
fn reference(path: &Path, plan: &integrity_planner::model::Plan) -> Result<Reference, Failure> {
    let name = path.display().to_string();
    let is_plan = [".ron", ".bak"].iter().any(|e| name.ends_with(e));
    let heads = if is_plan {
        let older = storage::open(path)?;
        if older.plan.id != plan.id && older.migrated_from.is_none() {
            return Err(Failure::new(format!(
                "{name} is a copy of another plan (plan id {}), not of this one ({})",
                older.plan.id, plan.id
            ))
            .hint("check against a backup or copy of this plan"));
        }
        let mut heads = anchors::heads(&older.plan.custody);
        heads.extend(older.plan.custody.anchors.iter().map(|a| anchors::Head {
            log: a.log.clone(),
            seq: a.seq,
            hash: a.hash.clone(),
        }));
        heads
    } else {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Failure::new(format!("cannot read {name}: {e}"))
                .hint("check the path; a heads file is UTF-8 text")
        })?;
        anchors::parse_heads(&text).map_err(|e| {
            Failure::new(format!("{name}: {e}"))
                .hint("write one head per line as `custody heads` prints them: LOG #SEQ HASH")
        })?
    };
    Ok(Reference { name, heads })
}

pub fn run(args: &Args) -> Result<ExitCode, Failure> {
    let plan = storage::load(&args.plan)?;
    let mut context = Context::at(
        args.as_of
            .unwrap_or_else(|| chrono::Local::now().naive_local()),
    );
    if let Some(path) = &args.against {
        context = context.against(reference(path, &plan)?);
    }
    let findings = validate::validate(&plan, &context);
    let (errors, warnings) = validate::tally(&findings);
    match args.format {
        Format::Json => print_json(errors, warnings, &findings)?,
        Format::Text => print_text(args, errors, warnings, &findings)?,
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
    say!("{json}");
    Ok(())
}

fn print_text(
    args: &Args,
    errors: usize,
    warnings: usize,
    findings: &[Finding],
) -> Result<(), Failure> {
    for f in findings {
        // Plan text reaches the terminal escaped: a control sequence in a name must not act on it.
        say!(
            "{}[{}]: {}",
            f.severity.as_str(),
            f.code.code(),
            terminal_safe(&f.message)
        );
        say!("  --> {}. {}", f.section.number(), f.section.label());
    }
    if !findings.is_empty() {
        say!();
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    say!(
        "{}: {}, {}",
        terminal_safe(&args.plan.display().to_string()),
        plural(errors, "error"),
        plural(warnings, "warning")
    );
    Ok(())
}
