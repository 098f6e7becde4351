//! The editor window (egui/eframe). Screens read the plan and record what the user did as edits; the app
//! applies them through the undo history after the frame.

mod app;
mod command;
mod document;
mod edits;
pub mod files;
mod list;
mod readiness;
mod screens;
mod start;
mod widgets;

use std::path::PathBuf;

pub use app::PlannerApp;
pub use command::Command;
pub use files::Dialogs;

/// Opens the editor window, loading `plan` if given, and returns when the window closes.
pub fn run(plan: Option<PathBuf>) -> Result<(), eframe::Error> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Election Integrity Planner")
            .with_inner_size([1400.0, 880.0])
            .with_min_inner_size([900.0, 560.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Election Integrity Planner",
        options,
        Box::new(move |_cc| Ok(Box::new(PlannerApp::new(plan.as_deref())))),
    )
}
