//! Writes a plan at the scale of SPEC section 8 for performance work, or N times it:
//! `cargo run --release --example large_plan -- OUT.plan.ron [--scale N]`.

#![allow(clippy::print_stdout)] // an example program reports on its terminal

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use chrono::NaiveDate;
use integrity_planner::scale::{Scale, large_plan};
use integrity_planner::storage;

fn main() -> Result<()> {
    let usage = "usage: large_plan OUT.plan.ron [--scale N]";
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out: PathBuf = args.first().map(PathBuf::from).context(usage)?;
    let n: usize = match args.get(1).map(String::as_str) {
        None => 1,
        Some("--scale") => args
            .get(2)
            .and_then(|n| n.parse().ok())
            .filter(|n| (1..=64).contains(n))
            .context("--scale takes a whole number from 1 to 64")?,
        Some(other) => anyhow::bail!("unknown argument {other:?}; {usage}"),
    };
    let poll = NaiveDate::from_ymd_opt(2027, 5, 6).context("poll date")?;
    let mut plan = large_plan(Scale::SPEC.times(n), poll)?;
    storage::save(&mut plan, &out)?;
    let size = std::fs::metadata(&out)?.len();
    println!(
        "wrote {}: {} venues, {} custody items, {} custody events, {} risks, {} indicators, {} observations, {:.1} MB",
        out.display(),
        plan.venues.venues.len(),
        plan.custody.items.len(),
        plan.custody.events.len(),
        plan.risks.len(),
        plan.indicators.len(),
        plan.indicators
            .iter()
            .map(|i| i.observations.len())
            .sum::<usize>(),
        size as f64 / 1e6
    );
    Ok(())
}
