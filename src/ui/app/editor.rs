//! The editor: the sections with their readiness badges, the current screen and the readiness
//! panel.

use egui::{RichText, Ui};

use super::PlannerApp;
use crate::model::Section;
use crate::ui::calendar::{self, Marks};
use crate::ui::edits::{Edits, Focus};
use crate::ui::readiness;
use crate::ui::screens::View;
use crate::ui::tokens::{self, space};

impl PlannerApp {
    pub(super) fn editor(&mut self, ui: &mut Ui, time: f64) {
        let now = self.now();
        let Some(doc) = self.doc.as_mut() else { return };
        if doc.refresh_findings(now, time, false) {
            ui.ctx().request_repaint();
        } else if doc.findings_stale() {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(350));
        }
        let mut go: Option<(Section, Option<Focus>)> = None;
        egui::Panel::left("sections")
            .default_size(space::SECTIONS_WIDTH)
            .min_size(200.0)
            .show(ui, |ui| {
                ui.add_space(4.0);
                ui.heading("Sections");
                ui.add_space(4.0);
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for section in Section::ALL {
                        let (errors, warnings) = doc.counts(*section);
                        let (badge, colour, status) = match (errors, warnings) {
                            (0, 0) => ("✔".to_owned(), tokens::GOOD, "complete".to_owned()),
                            (0, w) => (
                                format!("{w} ⚠"),
                                ui.visuals().warn_fg_color,
                                format!("{w} warning{}", if w == 1 { "" } else { "s" }),
                            ),
                            (e, _) => (
                                format!("{e} ✖"),
                                ui.visuals().error_fg_color,
                                format!("{e} error{}", if e == 1 { "" } else { "s" }),
                            ),
                        };
                        let response = ui.horizontal(|ui| {
                            // The whole width is the target, not just the words.
                            let width = (ui.available_width() - 56.0).max(120.0);
                            let name = format!("{}. {}", section.number(), section.label());
                            let entry = egui::Button::selectable(
                                self.section == *section,
                                (name, egui::Atom::grow()),
                            )
                            .min_size(egui::vec2(width, 0.0));
                            let r = ui.add(entry);
                            ui.with_layout(
                                egui::Layout::right_to_left(egui::Align::Center),
                                |ui| {
                                    ui.label(RichText::new(badge).color(colour).strong());
                                },
                            );
                            r
                        });
                        let r = response
                            .inner
                            .on_hover_text(format!("{}: {status}", section.label()));
                        if r.clicked() {
                            go = Some((*section, None));
                        }
                    }
                });
            });
        // The readiness panel folds to a strip in a narrow window, unless the user chose.
        let wide = ui.ctx().content_rect().width() >= space::READINESS_FOLDS_BELOW;
        let shown = self.readiness_shown.unwrap_or(wide);
        let mut toggle = false;
        if shown {
            egui::Panel::right("readiness")
                .default_size(space::READINESS_WIDTH)
                .min_size(220.0)
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        let hide = ui
                            .small_button("▸")
                            .on_hover_text("Fold the readiness panel");
                        toggle = hide.clicked();
                    });
                    if let Some(target) = readiness::show(ui, &doc.findings, doc.findings_stale()) {
                        go = Some(target);
                    }
                });
        } else {
            egui::Panel::right("readiness-folded")
                .exact_size(44.0)
                .resizable(false)
                .show(ui, |ui| toggle = readiness::folded(ui, &doc.findings));
        }
        if toggle {
            self.readiness_shown = Some(!shown);
        }
        let revision = doc.history.revision();
        if self.marks.as_ref().map(|(r, _)| *r) != Some(revision) {
            let marks = Marks::of(&doc.plan);
            self.marks = Some((revision, std::sync::Arc::new(marks)));
        }
        calendar::set_marks(ui.ctx(), self.marks.as_ref().map(|(_, m)| m.clone()));
        let mut edits = Edits::default();
        egui::CentralPanel::default().show(ui, |ui| {
            let view = View {
                plan: &doc.plan,
                revision: doc.history.revision(),
                findings: &doc.findings,
                now,
                device: &self.device,
            };
            self.screens.show(self.section, ui, &view, &mut edits);
        });
        let notice = edits.notice.take();
        doc.apply(edits, time);
        if let Some(notice) = notice {
            self.tell(notice);
        }
        if let Some((section, focus)) = go {
            self.section = section;
            if let Some(focus) = focus {
                self.screens.focus(section, focus);
            }
        }
    }
}
