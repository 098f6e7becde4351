//! `integrity-planner templates`: lists the starting templates.

use std::process::ExitCode;

use integrity_planner::templates::TEMPLATES;

use super::Failure;

pub fn run() -> Result<ExitCode, Failure> {
    let width = TEMPLATES.iter().map(|t| t.name.len()).max().unwrap_or(0);
    for t in TEMPLATES {
        say!("{:width$}  {}", t.name, t.description);
    }
    Ok(ExitCode::SUCCESS)
}
