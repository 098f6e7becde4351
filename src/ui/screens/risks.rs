//! Section 9: the risk register, with the likelihood × impact heat map (a cell filters the register).

use egui::{Color32, RichText, Sense, Ui};

use super::overview::op_label;
use super::{View, day, master_detail, position};
use crate::model::{
    Mitigation, MitigationId, Plan, Rating, Risk, RiskCategory, RiskId, RiskLevel, RiskReview,
    RiskStatus, Section,
};
use crate::ui::edits::Edits;
use crate::ui::list::{List, Row};
use crate::ui::widgets::{self, apply_row_op, form, row_ops};

const S: Section = Section::Risks;

/// The colour of a risk level.
pub fn level_colour(level: RiskLevel) -> Color32 {
    match level {
        RiskLevel::Low => Color32::from_rgb(0x81, 0xc7, 0x84),
        RiskLevel::Medium => Color32::from_rgb(0xff, 0xd5, 0x4f),
        RiskLevel::High => Color32::from_rgb(0xff, 0x98, 0x3d),
        RiskLevel::VeryHigh => Color32::from_rgb(0xe5, 0x73, 0x73),
    }
}

/// The risk register screen.
#[derive(Default)]
pub struct Screen {
    /// The register.
    pub list: List,
    /// The heat-map cell the register is filtered to: (likelihood, impact).
    cell: Option<(Rating, Rating)>,
}

fn with(p: &mut Plan, id: RiskId, f: impl FnOnce(&mut Risk)) {
    if let Some(x) = p.risks.iter_mut().find(|x| x.id == id) {
        f(x);
    }
}

fn rating(v: u32) -> Rating {
    Rating::new(v.clamp(1, 5) as u8).unwrap_or(Rating::MIN)
}

impl Screen {
    pub fn ui(&mut self, ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
        let plan = view.plan;
        ui.horizontal(|ui| {
            if let Some(cell) = heat_map(ui, plan, self.cell) {
                self.cell = if self.cell == Some(cell) { None } else { Some(cell) };
                self.list.invalidate();
            }
            ui.vertical(|ui| {
                ui.label("Likelihood × impact of open risks before mitigation. Click a cell to show only its risks; click it again to show all.");
                for level in RiskLevel::ALL {
                    ui.horizontal(|ui| {
                        let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), Sense::hover());
                        ui.painter().rect_filled(rect, 2.0, level_colour(*level));
                        ui.label(format!("{} — review every {} days", level.label(), level.review_interval_days()));
                    });
                }
                if let Some((l, i)) = self.cell
                    && ui.button(format!("Show all risks (showing likelihood {l}, impact {i})")).clicked()
                {
                    self.cell = None;
                    self.list.invalidate();
                }
            });
        });
        ui.separator();
        let cell = self.cell;
        let mut reset = false;
        let mut add = || {
            let id = RiskId::new();
            let review = view.now.date() + chrono::Duration::days(30);
            edits.push(S, "add risk", move |p| {
                p.risks.push(Risk {
                    id,
                    title: "New risk".into(),
                    description: String::new(),
                    category: RiskCategory::Integrity,
                    owner: None,
                    likelihood: Rating::new(3).unwrap_or(Rating::MIN),
                    impact: Rating::new(3).unwrap_or(Rating::MIN),
                    mitigations: vec![],
                    residual_likelihood: Rating::new(2).unwrap_or(Rating::MIN),
                    residual_impact: Rating::new(3).unwrap_or(Rating::MIN),
                    status: RiskStatus::Open,
                    next_review: Some(review),
                    reviews: vec![],
                    venue: None,
                });
            });
            reset = true;
            id.0
        };
        let rows = || {
            plan.risks
                .iter()
                .filter(|r| {
                    cell.is_none_or(|c| {
                        (r.likelihood, r.impact) == c && r.status != RiskStatus::Closed
                    })
                })
                .map(|r| Row {
                    id: r.id.0,
                    cells: vec![
                        r.title.clone(),
                        r.category.label().to_owned(),
                        plan.person_name(r.owner).to_owned(),
                        r.score().to_string(),
                        r.residual_score().to_string(),
                        r.status.label().to_owned(),
                        day(r.next_review),
                    ],
                    tint: Some(level_colour(r.level())),
                })
                .collect()
        };
        let selected = master_detail(
            ui,
            &mut self.list,
            view,
            "risk",
            "risks",
            "",
            &[
                ("Risk", 300.0),
                ("Category", 140.0),
                ("Owner", 140.0),
                ("Score", 60.0),
                ("After", 60.0),
                ("Status", 90.0),
                ("Review", 100.0),
            ],
            rows,
            Some(&mut add),
        );
        if reset {
            self.cell = None;
            self.list.invalidate();
        }
        let Some(id) = selected else { return };
        let Some((i, len)) = position(&plan.risks, id, |x| x.id.0) else {
            return;
        };
        let r = &plan.risks[i];
        let rid = r.id;
        egui::ScrollArea::vertical()
            .id_salt("risk-detail")
            .show(ui, |ui| {
                ui.label(
                    RichText::new(format!(
                        "Score {} ({}), {} after mitigation ({})",
                        r.score(),
                        r.level().label(),
                        r.residual_score(),
                        r.residual_level().label()
                    ))
                    .strong(),
                );
                form(ui, ("risk", id), |ui| {
                    widgets::text(ui, edits, S, "Title", &r.title, move |p, v| {
                        with(p, rid, |x| x.title = v)
                    });
                    widgets::multiline(ui, edits, S, "Description", &r.description, move |p, v| {
                        with(p, rid, |x| x.description = v)
                    });
                    widgets::choice(ui, edits, S, "Category", r.category, move |p, v| {
                        with(p, rid, |x| x.category = v)
                    });
                    widgets::person(ui, edits, S, "Owner", r.owner, &plan.people, move |p, v| {
                        with(p, rid, |x| x.owner = v)
                    });
                    scale(ui, edits, "Likelihood", r.likelihood, move |p, v| {
                        with(p, rid, |x| x.likelihood = v)
                    });
                    scale(ui, edits, "Impact", r.impact, move |p, v| {
                        with(p, rid, |x| x.impact = v)
                    });
                    scale(
                        ui,
                        edits,
                        "Residual likelihood",
                        r.residual_likelihood,
                        move |p, v| with(p, rid, |x| x.residual_likelihood = v),
                    );
                    scale(
                        ui,
                        edits,
                        "Residual impact",
                        r.residual_impact,
                        move |p, v| with(p, rid, |x| x.residual_impact = v),
                    );
                    widgets::choice(ui, edits, S, "Status", r.status, move |p, v| {
                        with(p, rid, |x| x.status = v)
                    });
                    widgets::date(
                        ui,
                        edits,
                        S,
                        "Next review",
                        r.next_review,
                        true,
                        move |p, v| with(p, rid, |x| x.next_review = v),
                    );
                });
                ui.add_space(8.0);
                ui.heading("Mitigations");
                for (k, m) in r.mitigations.iter().enumerate() {
                    let mid = m.id;
                    let set = move |p: &mut Plan, f: &dyn Fn(&mut Mitigation)| {
                        with(p, rid, |x| {
                            if let Some(m) = x.mitigations.iter_mut().find(|m| m.id == mid) {
                                f(m);
                            }
                        });
                    };
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        form(ui, ("mitigation", mid.0), |ui| {
                            let n = k + 1;
                            widgets::multiline(
                                ui,
                                edits,
                                S,
                                &format!("Mitigation {n}"),
                                &m.action,
                                move |p, v| set(p, &|m| m.action = v.clone()),
                            );
                            widgets::person(
                                ui,
                                edits,
                                S,
                                &format!("Mitigation {n} owner"),
                                m.owner,
                                &plan.people,
                                move |p, v| set(p, &|m| m.owner = v),
                            );
                            widgets::date(
                                ui,
                                edits,
                                S,
                                &format!("Mitigation {n} due"),
                                m.due,
                                true,
                                move |p, v| set(p, &|m| m.due = v),
                            );
                            widgets::check(
                                ui,
                                edits,
                                S,
                                &format!("Mitigation {n} done"),
                                "Done",
                                m.done,
                                move |p, v| set(p, &|m| m.done = v),
                            );
                        });
                        if ui.button(format!("Remove mitigation {}", k + 1)).clicked() {
                            edits.push(S, "remove mitigation", move |p| {
                                with(p, rid, |x| x.mitigations.retain(|m| m.id != mid))
                            });
                        }
                    });
                }
                if ui.button("Add mitigation").clicked() {
                    edits.push(S, "add mitigation", move |p| {
                        with(p, rid, |x| {
                            x.mitigations.push(Mitigation {
                                id: MitigationId::new(),
                                action: String::new(),
                                owner: None,
                                due: None,
                                done: false,
                            })
                        });
                    });
                }
                ui.add_space(8.0);
                ui.heading("Reviews");
                for rv in &r.reviews {
                    ui.label(format!(
                        "{} — {}: {}",
                        rv.date,
                        plan.person_name(rv.by),
                        rv.reason
                    ));
                }
                let today = view.now.date();
                if ui
                    .button("Record a review today")
                    .on_hover_text(
                        "Records today's review and sets the next review by the risk's level",
                    )
                    .clicked()
                {
                    edits.push(S, "record risk review", move |p| {
                        with(p, rid, |x| {
                            let interval = x.residual_level().review_interval_days();
                            x.reviews.push(RiskReview {
                                date: today,
                                by: None,
                                reason: "Reviewed".into(),
                            });
                            x.next_review = Some(today + chrono::Duration::days(interval));
                        });
                    });
                }
                ui.add_space(8.0);
                if let Some(op) = row_ops(ui, "risk", i, len) {
                    edits.push(S, op_label(op, "risk"), move |p| {
                        apply_row_op(&mut p.risks, |x| x.id == rid, op)
                    });
                }
            });
    }
}

/// A 1–5 rating as a slider.
fn scale(
    ui: &mut Ui,
    edits: &mut Edits,
    name: &str,
    value: Rating,
    set: impl FnOnce(&mut Plan, Rating) + 'static,
) {
    let label = ui.label(RichText::new(name).strong());
    let mut v = u32::from(value.get());
    let response = ui
        .add(egui::Slider::new(&mut v, 1..=5))
        .labelled_by(label.id);
    if v != u32::from(value.get()) {
        let r = rating(v);
        edits.push_coalesced(
            S,
            format!("change {}", name.to_lowercase()),
            response.id,
            move |p| set(p, r),
        );
    }
    if response.drag_stopped() || response.lost_focus() {
        edits.seal = true;
    }
    ui.end_row();
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
                        egui::Button::new(RichText::new(text).color(Color32::BLACK).strong())
                            .fill(level_colour(level))
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
