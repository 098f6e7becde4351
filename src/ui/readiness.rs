//! The readiness panel: every validation finding, grouped by section.

use crate::model::Section;
use crate::validate::{Finding, Severity};

/// Colours for severities, readable in light and dark themes.
pub fn severity_colour(ui: &egui::Ui, severity: Severity) -> egui::Color32 {
    match severity {
        Severity::Error => ui.visuals().error_fg_color,
        Severity::Warning => ui.visuals().warn_fg_color,
    }
}

/// Shows findings grouped by section; returns the section the user clicked, if any.
pub fn show(ui: &mut egui::Ui, findings: &[Finding]) -> Option<Section> {
    let mut clicked = None;
    if findings.is_empty() {
        ui.label("No problems found. The plan is ready for review.");
        return None;
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for section in Section::ALL {
                let in_section: Vec<&Finding> =
                    findings.iter().filter(|f| f.section == *section).collect();
                if in_section.is_empty() {
                    continue;
                }
                let heading = format!(
                    "{}. {} ({})",
                    section.number(),
                    section.label(),
                    in_section.len()
                );
                egui::CollapsingHeader::new(heading)
                    .id_salt(section.key())
                    .default_open(true)
                    .show(ui, |ui| {
                        for f in in_section {
                            let text = egui::RichText::new(format!(
                                "{}: {}",
                                f.severity.as_str(),
                                f.message
                            ))
                            .color(severity_colour(ui, f.severity));
                            if ui
                                .add(egui::Label::new(text).wrap().sense(egui::Sense::click()))
                                .on_hover_text(f.code.code())
                                .clicked()
                            {
                                clicked = Some(f.section);
                            }
                        }
                    });
            }
        });
    clicked
}
