//! Writes a plan at the scale of SPEC section 8 for performance work:
//! `cargo run --release --example large_plan -- OUT.plan.ron`.

#![allow(clippy::print_stdout)] // an example program reports on its terminal

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use chrono::NaiveDate;
use integrity_planner::scale::{Scale, large_plan};
use integrity_planner::storage;

fn main() -> Result<()> {
    let out: PathBuf = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .context("usage: large_plan OUT.plan.ron")?;
    let poll = NaiveDate::from_ymd_opt(2027, 5, 6).context("poll date")?;
    let mut plan = large_plan(Scale::SPEC, poll)?;
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
