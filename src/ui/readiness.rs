//! The readiness panel: every validation finding, grouped by section; each one takes you to what to
//! fix.

use egui::{RichText, Ui};

use super::edits::Focus;
use crate::model::Section;
use crate::validate::{EntityRef, Finding, Severity, tally};

/// Colours for severities, readable in light and dark themes.
pub fn severity_colour(ui: &Ui, severity: Severity) -> egui::Color32 {
    match severity {
        Severity::Error => ui.visuals().error_fg_color,
        Severity::Warning => ui.visuals().warn_fg_color,
    }
}

/// The id of the entity a finding is about, for screens to select.
pub fn entity_id(entity: EntityRef) -> Option<uuid::Uuid> {
    Some(match entity {
        EntityRef::Contest(id) => id.0,
        EntityRef::Person(id) => id.0,
        EntityRef::Responsibility(id) => id.0,
        EntityRef::CommunicationLine(id) => id.0,
        EntityRef::StakeholderMessage(id) => id.0,
        EntityRef::Candidate(id) => id.0,
        EntityRef::DataTransfer(id) => id.0,
        EntityRef::Indicator(id) => id.0,
        EntityRef::EscalationLevel(id) => id.0,
        EntityRef::Risk(id) => id.0,
        EntityRef::Hotspot(id) => id.0,
        EntityRef::ElectoralEvent(id) => id.0,
        EntityRef::CustodyItem(id) => id.0,
        EntityRef::CustodyEvent(id) => id.0,
        EntityRef::Venue(id) => id.0,
        EntityRef::Measure(id) => id.0,
        EntityRef::Referral(id) => id.0,
        EntityRef::PlanReview(id) => id.0,
        EntityRef::SignOff(_) | EntityRef::CustodyStage(_) => return None,
    })
}

/// Shows findings grouped by section; returns where the user asked to go.
pub fn show(ui: &mut Ui, findings: &[Finding], stale: bool) -> Option<(Section, Option<Focus>)> {
    let mut go = None;
    let (errors, warnings) = tally(findings);
    ui.add_space(4.0);
    ui.heading("Readiness");
    ui.horizontal(|ui| {
        counts(ui, errors, warnings);
        if stale {
            ui.weak("(updating…)");
        }
    });
    ui.separator();
    if findings.is_empty() {
        ui.label("No problems found. The plan is ready for review with the police.");
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
                    .default_open(in_section.len() <= 12)
                    .show(ui, |ui| {
                        for f in in_section.iter().take(200) {
                            let text = RichText::new(format!(
                                "{} {}",
                                if f.severity == Severity::Error {
                                    "✖"
                                } else {
                                    "⚠"
                                },
                                f.message
                            ))
                            .color(severity_colour(ui, f.severity));
                            let response = ui
                                .add(egui::Button::new(text).frame(false).wrap())
                                .on_hover_text(format!("{} — click to go there", f.code.code()));
                            if response.clicked() {
                                go = Some((
                                    f.section,
                                    f.entity.and_then(entity_id).map(|id| Focus { id }),
                                ));
                            }
                        }
                        if in_section.len() > 200 {
                            ui.weak(format!("… and {} more", in_section.len() - 200));
                        }
                    });
            }
        });
    go
}

/// "2 errors  5 warnings", each in its colour.
fn counts(ui: &mut Ui, errors: usize, warnings: usize) {
    for (n, severity, word) in [
        (errors, Severity::Error, "error"),
        (warnings, Severity::Warning, "warning"),
    ] {
        let plural = if n == 1 { "" } else { "s" };
        let text = RichText::new(format!("{n} {word}{plural}"));
        ui.label(text.color(severity_colour(ui, severity)).strong());
    }
}

/// The readiness panel folded to a strip (a narrow window): the counts and a button to open it.
/// Returns whether the button was pressed.
pub fn folded(ui: &mut Ui, findings: &[Finding]) -> bool {
    let (errors, warnings) = tally(findings);
    ui.add_space(4.0);
    let open = ui
        .button("◂")
        .on_hover_text("Show the readiness panel")
        .clicked();
    ui.vertical_centered(|ui| {
        ui.label(RichText::new(format!("{errors}\n✖")).color(severity_colour(ui, Severity::Error)));
        ui.add_space(4.0);
        ui.label(
            RichText::new(format!("{warnings}\n⚠")).color(severity_colour(ui, Severity::Warning)),
        );
    });
    open
}
