//! Section 9: the risk register, with the likelihood × impact heat map (a cell filters the
//! register).

use egui::{RichText, Sense, Ui};

use super::day;
use crate::model::{
    Mitigation, MitigationId, Plan, Rating, Risk, RiskCategory, RiskId, RiskLevel, RiskReview,
    RiskStatus, Venue, VenueId,
};
use crate::ui::edits::Edits;
use crate::ui::form::EntityForm;
use crate::ui::screen::{Columns, Declare, ListScreen, View, columns};
use crate::ui::tokens;

/// The risk register screen.
pub type Screen = ListScreen<Register>;

/// The register's columns and a risk's fields; the heat-map cell the register is filtered to.
#[derive(Default)]
pub struct Register {
    /// The heat-map cell shown: (likelihood, impact).
    cell: Option<(Rating, Rating)>,
}

fn rating(v: u32) -> Rating {
    Rating::new(v.clamp(1, 5) as u8).unwrap_or(Rating::MIN)
}

impl Declare for Register {
    type E = Risk;
    const COLUMNS: Columns = columns![
        "Risk" 300, "Category" 140, "Owner" 140, "Score" 60, "After" 60, "Status" 90, "Review" 120,
    ];

    fn above(&mut self, ui: &mut Ui, view: &View<'_>, _edits: &mut Edits) -> bool {
        let before = self.cell;
        ui.horizontal(|ui| {
            if let Some(cell) = heat_map(ui, view.plan, self.cell) {
                self.cell = if self.cell == Some(cell) {
                    None
                } else {
                    Some(cell)
                };
            }
            ui.vertical(|ui| {
                ui.label(
                    "Likelihood × impact of open risks before mitigation. Click a cell to show \
                     only its risks; click it again to show all.",
                );
                for level in RiskLevel::ALL {
                    ui.horizontal(|ui| {
                        let size = egui::vec2(12.0, 12.0);
                        let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
                        ui.painter()
                            .rect_filled(rect, 2.0, tokens::risk_level(*level));
                        let days = level.review_interval_days();
                        ui.label(format!("{} — review every {days} days", level.label()));
                    });
                }
                if let Some((l, i)) = self.cell {
                    let text = format!("Show all risks (showing likelihood {l}, impact {i})");
                    if ui.button(text).clicked() {
                        self.cell = None;
                    }
                }
            });
        });
        ui.separator();
        self.cell != before
    }

    fn shows(&self, r: &Self::E) -> bool {
        self.cell
            .is_none_or(|c| (r.likelihood, r.impact) == c && r.status != RiskStatus::Closed)
    }

    fn cells(&self, plan: &Plan, r: &Self::E) -> Vec<String> {
        vec![
            r.title.clone(),
            r.category.label().to_owned(),
            plan.person_name(r.owner).to_owned(),
            r.score().to_string(),
            r.residual_score()
                .map_or_else(|| "—".to_owned(), |s| s.to_string()),
            r.status.label().to_owned(),
            day(r.next_review),
        ]
    }

    fn tint(&self, _plan: &Plan, r: &Self::E) -> Option<egui::Color32> {
        Some(tokens::risk_level(r.level()))
    }

    fn create(&mut self, view: &View<'_>) -> Self::E {
        self.cell = None;
        let three = Rating::new(3).unwrap_or(Rating::MIN);
        Risk {
            handling: crate::model::Handling::Both,
            id: RiskId::new(),
            title: String::new(),
            description: String::new(),
            category: RiskCategory::Integrity,
            owner: None,
            likelihood: three,
            impact: three,
            mitigations: vec![],
            residual_likelihood: None,
            residual_impact: None,
            status: RiskStatus::Open,
            next_review: Some(view.now.date() + chrono::Duration::days(30)),
            reviews: vec![],
            venue: None,
        }
    }

    fn header(&mut self, ui: &mut Ui, _view: &View<'_>, _edits: &mut Edits, r: &Self::E) {
        let after = match r.residual_score() {
            Some(s) => format!("{s} after mitigation ({})", r.residual_level().label()),
            None => "after mitigation not assessed yet".to_owned(),
        };
        let text = format!("Score {} ({}), {after}", r.score(), r.level().label());
        ui.label(RichText::new(text).strong());
    }

    fn fields(&mut self, form: &mut EntityForm<'_, Self::E>, r: &Self::E, view: &View<'_>) {
        let plan = view.plan;
        form.text("Title", &r.title, |x, v| x.title = v);
        form.multiline("Description", &r.description, |x, v| x.description = v);
        form.choice("Category", r.category, |x, v| x.category = v);
        form.person("Owner", r.owner, &plan.people, |x, v| x.owner = v);
        scale(form, "Likelihood", r.likelihood, |x, v| x.likelihood = v);
        scale(form, "Impact", r.impact, |x, v| x.impact = v);
        residual(form, r);
        form.choice("Status", r.status, |x, v| x.status = v);
        form.date("Next review", r.next_review, true, |x, v| x.next_review = v);
        let venue = r.venue.map(|v| v.0);
        form.reference::<Venue>("Venue", venue, plan, |x, v| x.venue = v.map(VenueId));
        mitigations(form, r, plan);
        reviews(form, r, view);
        form.choice("Shown in", r.handling, |x, v| x.handling = v);
    }
}

/// The risk's mitigations, each with its owner, due date and whether it is done.
fn mitigations(form: &mut EntityForm<'_, Risk>, r: &Risk, plan: &Plan) {
    for (k, m) in r.mitigations.iter().enumerate() {
        let n = k + 1;
        let mut part = form.inside(m.id.0, |x: &mut Risk, id| {
            x.mitigations.iter_mut().find(|m| m.id.0 == id)
        });
        part.multiline(&format!("Mitigation {n}"), &m.action, |m, v| m.action = v);
        let owner = format!("Mitigation {n} owner");
        part.person(&owner, m.owner, &plan.people, |m, v| m.owner = v);
        part.date(&format!("Mitigation {n} due"), m.due, true, |m, v| {
            m.due = v
        });
        part.check(&format!("Mitigation {n} done"), "Done", m.done, |m, v| {
            m.done = v
        });
        let mid = m.id;
        let mut remove = false;
        form.row("", |ui| {
            remove = ui.button(format!("Remove mitigation {n}")).clicked()
        });
        if remove {
            form.change("remove mitigation", move |x| {
                x.mitigations.retain(|m| m.id != mid)
            });
        }
    }
    let mut add = false;
    form.row("Mitigations", |ui| {
        add = ui.button("Add mitigation").clicked()
    });
    if add {
        form.change("add mitigation", |x| {
            x.mitigations.push(Mitigation {
                id: MitigationId::new(),
                action: String::new(),
                owner: None,
                due: None,
                done: false,
            });
        });
    }
}

/// Past reviews, and "Record a review today".
fn reviews(form: &mut EntityForm<'_, Risk>, r: &Risk, view: &View<'_>) {
    for rv in &r.reviews {
        let by = view.plan.person_name(rv.by);
        form.shown(&day(Some(rv.date)), &format!("{by}: {}", rv.reason));
    }
    let mut record = false;
    form.row("Reviews", |ui| {
        record = ui
            .button("Record a review today")
            .on_hover_text("Records today's review and sets the next review by the risk's level")
            .clicked();
    });
    if record {
        let today = view.now.date();
        form.change("record risk review", move |x| {
            let interval = x.residual_level().review_interval_days();
            x.reviews.push(RiskReview {
                date: today,
                by: None,
                reason: "Reviewed".into(),
            });
            x.next_review = Some(today + chrono::Duration::days(interval));
        });
    }
}

/// The residual likelihood and impact: "Not assessed" until the user assesses them (both start at
/// the inherent ratings), and can be cleared again.
fn residual(form: &mut EntityForm<'_, Risk>, r: &Risk) {
    match (r.residual_likelihood, r.residual_impact) {
        (Some(l), Some(i)) => {
            scale(form, "Residual likelihood", l, |x, v| {
                x.residual_likelihood = Some(v)
            });
            scale(form, "Residual impact", i, |x, v| {
                x.residual_impact = Some(v)
            });
            let mut clear = false;
            form.row("", |ui| {
                clear = ui.button("Clear residual scores").clicked()
            });
            if clear {
                form.change("clear residual scores", |x| {
                    x.residual_likelihood = None;
                    x.residual_impact = None;
                });
            }
        }
        _ => {
            let mut assess = false;
            form.row("After mitigation", |ui| {
                ui.weak("Not assessed");
                assess = ui.button("Assess residual scores").clicked();
            });
            if assess {
                form.change("assess residual scores", |x| {
                    x.residual_likelihood = Some(x.residual_likelihood.unwrap_or(x.likelihood));
                    x.residual_impact = Some(x.residual_impact.unwrap_or(x.impact));
                });
            }
        }
    }
}

/// A 1–5 rating as a slider.
fn scale(
    form: &mut EntityForm<'_, Risk>,
    name: &str,
    value: Rating,
    set: impl FnOnce(&mut Risk, Rating) + 'static,
) {
    let label = form.ui.label(RichText::new(name).strong());
    let mut v = u32::from(value.get());
    let response = form
        .ui
        .add(egui::Slider::new(&mut v, 1..=5))
        .labelled_by(label.id);
    if v != u32::from(value.get()) {
        let r = rating(v);
        let set = form.lift(set);
        let label = format!("change {}", name.to_lowercase());
        form.edits
            .push_coalesced(form.section(), label, response.id, move |p| set(p, r));
    }
    if response.drag_stopped() || response.lost_focus() {
        form.edits.seal = true;
    }
    form.ui.end_row();
}

/// Draws the 5×5 heat map; returns the cell the user clicked.
fn heat_map(
    ui: &mut Ui,
    plan: &Plan,
    selected: Option<(Rating, Rating)>,
) -> Option<(Rating, Rating)> {
    let cell = 34.0;
    let mut clicked = None;
    ui.vertical(|ui| {
        ui.label(RichText::new("Likelihood ↑ / impact →").small());
        for likelihood in Rating::all().rev() {
            ui.horizontal(|ui| {
                ui.spacing_mut().item_spacing = egui::vec2(2.0, 2.0);
                ui.label(RichText::new(likelihood.to_string()).small());
                for impact in Rating::all() {
                    let count = plan
                        .risks
                        .iter()
                        .filter(|r| {
                            r.status != RiskStatus::Closed
                                && r.likelihood == likelihood
                                && r.impact == impact
                        })
                        .count();
                    let level = RiskLevel::of_score(likelihood.get() * impact.get());
                    let text = if count == 0 {
                        String::new()
                    } else {
                        count.to_string()
                    };
                    let mut button =
                        egui::Button::new(RichText::new(text).color(tokens::ON_FILL).strong())
                            .fill(tokens::risk_level(level))
                            .min_size(egui::vec2(cell, cell));
                    if selected == Some((likelihood, impact)) {
                        button =
                            button.stroke(egui::Stroke::new(3.0, ui.visuals().strong_text_color()));
                    }
                    let response = ui.add(button).on_hover_text(format!(
                        "Likelihood {likelihood}, impact {impact}: {count} open risk{} ({})",
                        if count == 1 { "" } else { "s" },
                        level.label()
                    ));
                    if response.clicked() {
                        clicked = Some((likelihood, impact));
                    }
                }
            });
        }
        ui.horizontal(|ui| {
            ui.spacing_mut().item_spacing = egui::vec2(2.0, 2.0);
            ui.add_space(10.0);
            for impact in Rating::all() {
                ui.add_sized(
                    [cell + 2.0, 12.0],
                    egui::Label::new(RichText::new(impact.to_string()).small()),
                );
            }
        });
    });
    clicked
}

#[cfg(test)]
#[path = "tests/risks.rs"]
mod tests;
