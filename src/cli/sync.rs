//! `integrity-planner custody sync` and `custody status`: the shared custody log at a count.

use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use integrity_planner::device;
use integrity_planner::shared_log::{self, SyncRequest, status};
use integrity_planner::storage;
use integrity_planner::text::terminal_safe;

use super::Failure;
use super::db::{target, with_connection};
use super::output::Format;

/// Claims this laptop's logs, sends what the database lacks, takes the rest, and saves the plan
/// (under its lock) if anything came back.
pub fn sync(plan_path: &Path, address: &str, wait: Duration) -> Result<ExitCode, Failure> {
    let target = target(address)?;
    let device = device::device_name(&device::data_dir());
    let held = super::lock(plan_path, wait)?;
    let mut plan = storage::load(plan_path)?;
    let request = SyncRequest {
        plan: plan.id,
        custody: plan.custody.clone(),
        device: device.clone(),
    };
    let outcome = with_connection(&target, async |c| {
        shared_log::sync(c, &target, &request).await
    })?;
    let added = shared_log::apply(&mut plan.custody, &outcome.pulled);
    let changed = plan.custody != request.custody;
    if changed {
        // Logs grouped by name and items by label, as a merge leaves them.
        integrity_planner::custody::merge::canonical_order(&mut plan.custody);
        storage::save_locked(&mut plan, plan_path, &held)?;
    }
    drop(held);
    if outcome.logs.is_empty() {
        say!(
            "this laptop ({}) has recorded in no log of this plan yet; nothing to send",
            terminal_safe(&device)
        );
    } else {
        say!(
            "this laptop ({}) writes {}",
            terminal_safe(&device),
            outcome
                .logs
                .iter()
                .map(|l| format!("\u{201c}{}\u{201d}", terminal_safe(l)))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    say!(
        "sent {} event{} and {} item{}; took {} event{} and {} item{} from {}",
        outcome.pushed_events,
        plural(outcome.pushed_events),
        outcome.pushed_items,
        plural(outcome.pushed_items),
        added,
        plural(added),
        outcome.pulled.items.len(),
        plural(outcome.pulled.items.len()),
        target.shown()
    );
    if changed {
        say!("saved {}", plan_path.display());
    }
    for problem in &outcome.problems {
        warning!("{}", terminal_safe(problem));
    }
    if outcome.problems.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        Err(Failure {
            code: 1,
            ..Failure::new(format!(
                "{} problem{} reported above; everything else was synced",
                outcome.problems.len(),
                plural(outcome.problems.len())
            ))
            .hint("show the warnings to the administrator; sync again after they are resolved")
        })
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Prints the hall's progress: received against expected, per log and in all.
pub fn status(plan_path: &Path, address: &str, format: Format) -> Result<ExitCode, Failure> {
    let target = target(address)?;
    let plan = storage::load(plan_path)?;
    let progress = with_connection(&target, async |c| {
        status::progress(c, &target, plan.id).await
    })?;
    let device = device::device_name(&device::data_dir());
    let sent: HashMap<String, u64> = progress
        .logs
        .iter()
        .map(|l| (l.log.clone(), l.events))
        .collect();
    let waiting = shared_log::waiting(&plan.custody, &device, &sent);
    match format {
        Format::Json => {
            let value = serde_json::json!({
                "plan": progress.plan,
                "expected": progress.expected,
                "received": progress.received,
                "unexpected": progress.unexpected,
                "events": progress.events,
                "logs": progress.logs,
                "waiting_on_this_laptop": waiting,
            });
            say!("{value}");
        }
        Format::Text => {
            let percent = (progress.received * 100)
                .checked_div(progress.expected)
                .unwrap_or(0);
            say!("plan {} at {}", progress.plan, target.shown());
            say!(
                "received at the count: {} of {} expected ({percent}%){}",
                progress.received,
                progress.expected,
                if progress.unexpected > 0 {
                    format!(", and {} not expected there", progress.unexpected)
                } else {
                    String::new()
                }
            );
            let width = progress
                .logs
                .iter()
                .map(|l| l.log.chars().count())
                .max()
                .unwrap_or(3)
                .max(3);
            say!(
                "{:width$}  {:>8}  {:>8}  last received (server, UTC)  device",
                "log",
                "events",
                "received"
            );
            for l in &progress.logs {
                say!(
                    "{:width$}  {:>8}  {:>8}  {:27}  {}",
                    terminal_safe(&l.log),
                    l.events,
                    l.received,
                    l.last_received_at.as_deref().unwrap_or("-"),
                    terminal_safe(&l.device)
                );
            }
            say!(
                "{:width$}  {:>8}  {:>8}",
                "all",
                progress.events,
                progress.received
            );
            if waiting > 0 {
                say!(
                    "this laptop: {waiting} event{} waiting to be sent (run `custody sync`)",
                    plural(waiting)
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
