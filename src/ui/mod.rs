//! The editor window (egui/eframe). Screens read the plan and record what the user did; the app applies it.

mod app;
mod readiness;

use std::path::PathBuf;

pub use app::PlannerApp;

/// Opens the editor window, loading `plan` if given, and returns when the window closes.
pub fn run(plan: Option<PathBuf>) -> Result<(), eframe::Error> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Election Integrity Planner")
            .with_inner_size([1280.0, 820.0])
            .with_min_inner_size([720.0, 480.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Election Integrity Planner",
        options,
        Box::new(move |_cc| {
            Ok(Box::new(PlannerApp::new(
                plan.as_deref(),
                chrono::Local::now().date_naive(),
            )))
        }),
    )
}
