//! `integrity-planner [open PLAN]`: the editor window.

use std::path::PathBuf;
use std::process::ExitCode;

use super::Failure;

pub fn run(
    plan: Option<PathBuf>,
    section: Option<integrity_planner::model::Section>,
) -> Result<ExitCode, Failure> {
    integrity_planner::ui::run(plan, section).map_err(|e| {
        Failure::new(format!("cannot open the window: {e}"))
            .hint("the editor needs a graphical display; the other subcommands work without one")
    })?;
    Ok(ExitCode::SUCCESS)
}
