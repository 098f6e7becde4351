//! The `integrity-planner` command: the editor window, or a headless subcommand.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
