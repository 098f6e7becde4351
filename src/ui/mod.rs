//! The editor window (egui/eframe). Screens read the plan and record what the user did as edits;
//! the app applies them through the undo history after the frame.

mod app;
mod calendar;
mod chooser;
mod command;
mod desktop;
mod document;
mod edits;
pub mod files;
mod form;
mod import;
mod list;
mod readiness;
mod screen;
mod screens;
mod settings;
mod start;
#[cfg(test)]
mod test_harness;
mod tokens;
mod widgets;

use std::path::PathBuf;

pub use app::PlannerApp;
pub use command::Command;
pub use files::Dialogs;

/// Gives the window the same fonts as the PDF: Noto Sans, with DejaVu Sans for the symbols it lacks
/// (ticks, arrows, warning signs), so every character a user types shows, on any machine.
pub fn install_fonts(ctx: &egui::Context) {
    use std::sync::Arc;

    use egui::{FontData, FontFamily};

    use crate::export::metrics::{REGULAR_TTF, SYMBOLS_TTF};

    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "noto-sans".to_owned(),
        Arc::new(FontData::from_static(REGULAR_TTF)),
    );
    fonts.font_data.insert(
        "dejavu-sans".to_owned(),
        Arc::new(FontData::from_static(SYMBOLS_TTF)),
    );
    let proportional = fonts.families.entry(FontFamily::Proportional).or_default();
    proportional.insert(0, "noto-sans".to_owned());
    proportional.push("dejavu-sans".to_owned());
    fonts
        .families
        .entry(FontFamily::Monospace)
        .or_default()
        .push("dejavu-sans".to_owned());
    ctx.set_fonts(fonts);
}

/// The smallest window the editor supports, in points: 1024 × 600 (a small laptop at 100%, or
/// 1280 × 720 at 125%). Below it the side panels fold to their least widths and screens scroll.
pub const SMALLEST: [f32; 2] = [1024.0, 600.0];

/// The window's icon: the product's icon (assets/icon), drawn at 256 pixels.
fn icon() -> egui::IconData {
    eframe::icon_data::from_png_bytes(include_bytes!(
        "../../assets/icon/integrity-planner-256.png"
    ))
    .unwrap_or_default()
}

/// Opens the editor window, loading `plan` if given (at `section`), and returns when the window
/// closes. The window opens at the size it had when last closed.
pub fn run(
    plan: Option<PathBuf>,
    section: Option<crate::model::Section>,
) -> Result<(), eframe::Error> {
    let settings = settings::Settings::load(&files::config_dir());
    let size = settings.window.unwrap_or([1400.0, 880.0]);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Election Integrity Planner")
            // The desktop entry's name (`StartupWMClass`), so docks group the window under it.
            .with_app_id("integrity-planner")
            .with_icon(std::sync::Arc::new(icon()))
            .with_inner_size(size)
            .with_min_inner_size(SMALLEST),
        ..Default::default()
    };
    eframe::run_native(
        "Election Integrity Planner",
        options,
        Box::new(move |cc| {
            install_fonts(&cc.egui_ctx);
            let mut app = PlannerApp::new(plan.as_deref());
            if let Some(section) = section {
                app.select(section);
            }
            Ok(Box::new(app))
        }),
    )
}

#[cfg(test)]
mod install_tests {
    #![allow(clippy::unwrap_used)]

    /// The window's icon decodes at its full size (a broken PNG would fall back to none).
    #[test]
    fn the_window_icon_is_the_products_icon() {
        let icon = super::icon();
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    }

    /// The desktop entry, the MIME type and the icons installed by `cargo deb` name each other
    /// consistently, and the launcher opens a file through `open %f`.
    #[test]
    fn the_desktop_entry_mime_type_and_icons_agree() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let desktop =
            std::fs::read_to_string(root.join("assets/linux/integrity-planner.desktop")).unwrap();
        let mime =
            std::fs::read_to_string(root.join("assets/linux/integrity-planner.xml")).unwrap();
        let value = |key: &str| {
            desktop
                .lines()
                .find_map(|l| l.strip_prefix(&format!("{key}=")))
                .unwrap()
                .to_owned()
        };
        assert_eq!(value("Exec"), "integrity-planner open %f");
        assert_eq!(value("MimeType"), "application/x-integrity-plan;");
        assert_eq!(value("StartupWMClass"), "integrity-planner");
        assert!(mime.contains(r#"<mime-type type="application/x-integrity-plan">"#));
        assert!(mime.contains(r#"<glob pattern="*.plan.ron""#));
        let icon = value("Icon");
        assert!(root.join(format!("assets/icon/{icon}.svg")).is_file());
        let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
        for size in [16, 32, 48, 64, 128, 256, 512] {
            let png = format!("assets/icon/{icon}-{size}.png");
            assert!(root.join(&png).is_file(), "{png}");
            assert!(manifest.contains(&png), "{png} is installed by cargo deb");
        }
    }
}
