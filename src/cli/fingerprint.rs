//! `integrity-planner fingerprint`: the fingerprint of the arrangements the police agree, the
//! plan's and each section's.

use std::path::PathBuf;
use std::process::ExitCode;

use integrity_planner::model::Fingerprint;
use integrity_planner::model::fingerprint::{CANONICAL_FORM, grouped};
use integrity_planner::storage;

use super::Failure;
use super::output::Format;

#[derive(clap::Args)]
pub struct Args {
    /// The plan file (*.plan.ron).
    plan: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

/// The short form of a section digest, or what a section without one says.
fn short(digest: Option<&str>) -> String {
    digest.map_or_else(
        || "(not part of the agreement)".to_owned(),
        |d| d.get(..8).unwrap_or(d).to_owned(),
    )
}

pub fn run(args: &Args) -> Result<ExitCode, Failure> {
    let plan = storage::load(&args.plan)?;
    let print = Fingerprint::of(&plan);
    match args.format {
        Format::Text => {
            say!("Fingerprint ({CANONICAL_FORM}): {}", print.short());
            say!("{}", print.grouped());
            say!();
            for s in &print.sections {
                say!(
                    "{:>2}. {:<42} {}",
                    s.section.number(),
                    s.section.label(),
                    short(s.digest.as_deref())
                );
            }
        }
        Format::Json => {
            let sections: Vec<serde_json::Value> = print
                .sections
                .iter()
                .map(|s| {
                    serde_json::json!({
                        "section": s.section.key(),
                        "title": s.section.label(),
                        "digest": s.digest,
                        "short": s.digest.as_deref().map(|d| d.get(..8).unwrap_or(d)),
                    })
                })
                .collect();
            let value = serde_json::json!({
                "form": print.form,
                "fingerprint": print.plan,
                "short": print.short(),
                "grouped": grouped(&print.plan),
                "sections": sections,
            });
            say!("{value:#}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
