//! Section 13: venues, their security assessments, and the checklist they are assessed against.

use egui::{RichText, Ui};
use uuid::Uuid;

use super::overview::op_label;
use super::{View, master_detail, position, short};
use crate::model::{
    MeasureCheck, MeasureId, MeasureStatus, Plan, Rating, Risk, RiskCategory, RiskId, RiskStatus,
    Section, SecurityAssessment, SecurityMeasure, Venue, VenueId, VenueKind,
};
use crate::ui::edits::Edits;
use crate::ui::list::{List, Row};
use crate::ui::widgets::{self, apply_row_op, form, row_ops};

const S: Section = Section::Venues;

/// The venues screen.
#[derive(Default)]
pub struct Screen {
    /// The venues.
    pub list: List,
    checklist: List,
    showing_checklist: bool,
    pending_focus: Option<Uuid>,
}

fn with(p: &mut Plan, id: VenueId, f: impl FnOnce(&mut Venue)) {
    if let Some(x) = p.venues.venues.iter_mut().find(|x| x.id == id) {
        f(x);
    }
}

fn with_measure(p: &mut Plan, id: MeasureId, f: impl FnOnce(&mut SecurityMeasure)) {
    if let Some(x) = p.venues.checklist.iter_mut().find(|x| x.id == id) {
        f(x);
    }
}

impl Screen {
    /// Shows the venue or checklist measure with this id (resolved on the next frame, against the plan).
    pub fn focus(&mut self, id: Uuid) {
        self.pending_focus = Some(id);
    }

    pub fn ui(&mut self, ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
        if let Some(id) = self.pending_focus.take() {
            let is_measure = view.plan.venues.checklist.iter().any(|m| m.id.0 == id);
            self.showing_checklist = is_measure;
            let list = if is_measure {
                &mut self.checklist
            } else {
                &mut self.list
            };
            list.selected = Some(id);
            list.scroll_to_selected = true;
        }
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.showing_checklist, false, "Venues and assessments");
            ui.selectable_value(&mut self.showing_checklist, true, "Security checklist");
        });
        ui.separator();
        if self.showing_checklist {
            self.checklist_ui(ui, view, edits);
        } else {
            self.venues_ui(ui, view, edits);
        }
    }

    fn venues_ui(&mut self, ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
        let plan = view.plan;
        let mut add = || {
            let id = VenueId::new();
            edits.push(S, "add venue", move |p| {
                p.venues.venues.push(Venue {
                    id,
                    name: "New venue".into(),
                    kind: VenueKind::PollingStation,
                    address: String::new(),
                    polling_district: String::new(),
                    station_number: None,
                    contact: None,
                    assessment: None,
                });
            });
            id.0
        };
        let rows = || {
            plan.venues
                .venues
                .iter()
                .map(|v| {
                    let (assessed, in_place, tint) = match &v.assessment {
                        None => (
                            "Never".to_owned(),
                            String::new(),
                            Some(egui::Color32::from_rgb(0xe5, 0x39, 0x35)),
                        ),
                        Some(a) => {
                            let applicable = a
                                .checks
                                .iter()
                                .filter(|c| c.status != MeasureStatus::NotApplicable)
                                .count();
                            let yes = a
                                .checks
                                .iter()
                                .filter(|c| c.status == MeasureStatus::InPlace)
                                .count();
                            let tint = if yes == applicable {
                                egui::Color32::from_rgb(0x66, 0xbb, 0x6a)
                            } else {
                                egui::Color32::from_rgb(0xff, 0xb3, 0x00)
                            };
                            (
                                a.assessed_on.to_string(),
                                format!("{yes}/{applicable}"),
                                Some(tint),
                            )
                        }
                    };
                    let station = v.station_number.map_or(String::new(), |n| n.to_string());
                    Row {
                        id: v.id.0,
                        cells: vec![
                            v.name.clone(),
                            v.kind.label().to_owned(),
                            v.polling_district.clone(),
                            station,
                            assessed,
                            in_place,
                        ],
                        tint,
                    }
                })
                .collect()
        };
        let selected = master_detail(
            ui,
            &mut self.list,
            view,
            "venue",
            "venues",
            "Polling stations, the count venue, opening venues and stores, each assessed against the security checklist.",
            &[
                ("Venue", 260.0),
                ("Use", 150.0),
                ("District", 70.0),
                ("Station", 60.0),
                ("Assessed", 100.0),
                ("In place", 70.0),
            ],
            rows,
            Some(&mut add),
        );
        let Some(id) = selected else { return };
        let Some((i, len)) = position(&plan.venues.venues, id, |x| x.id.0) else {
            return;
        };
        let v = &plan.venues.venues[i];
        let vid = v.id;
        egui::ScrollArea::vertical()
            .id_salt("venue-detail")
            .show(ui, |ui| {
                form(ui, ("venue", id), |ui| {
                    widgets::text(ui, edits, S, "Name", &v.name, move |p, x| {
                        with(p, vid, |v| v.name = x)
                    });
                    widgets::choice(ui, edits, S, "Use", v.kind, move |p, x| {
                        with(p, vid, |v| v.kind = x)
                    });
                    widgets::multiline(ui, edits, S, "Address", &v.address, move |p, x| {
                        with(p, vid, |v| v.address = x)
                    });
                    widgets::text(
                        ui,
                        edits,
                        S,
                        "Polling district",
                        &v.polling_district,
                        move |p, x| with(p, vid, |v| v.polling_district = x),
                    );
                    widgets::number(
                        ui,
                        edits,
                        S,
                        "Station number",
                        v.station_number.map(f64::from),
                        move |p, x| {
                            with(p, vid, |v| {
                                v.station_number =
                                    x.map(|n| n.clamp(0.0, 1_000_000.0).round() as u32)
                            });
                        },
                    );
                    widgets::person(
                        ui,
                        edits,
                        S,
                        "Venue contact",
                        v.contact,
                        &plan.people,
                        move |p, x| with(p, vid, |v| v.contact = x),
                    );
                });
                ui.add_space(8.0);
                ui.heading("Security assessment");
                match &v.assessment {
                    None => {
                        ui.label(
                            RichText::new("This venue has never been assessed.")
                                .color(ui.visuals().warn_fg_color),
                        );
                        if ui.button("Start assessment").clicked() {
                            let today = view.now.date();
                            let kind = v.kind;
                            edits.push(S, "start assessment", move |p| {
                                let checks = p
                                    .venues
                                    .checklist
                                    .iter()
                                    .filter(|m| m.applies_to.contains(&kind))
                                    .map(|m| MeasureCheck {
                                        measure: m.id,
                                        status: MeasureStatus::Planned,
                                        note: String::new(),
                                    })
                                    .collect();
                                with(p, vid, |v| {
                                    v.assessment = Some(SecurityAssessment {
                                        assessed_on: today,
                                        assessed_by: None,
                                        checks,
                                        summary: String::new(),
                                    })
                                });
                            });
                        }
                    }
                    Some(a) => assessment(ui, edits, plan, vid, v.kind, a),
                }
                ui.add_space(8.0);
                ui.heading("Venue-specific risks");
                let risks: Vec<&Risk> =
                    plan.risks.iter().filter(|r| r.venue == Some(vid)).collect();
                if risks.is_empty() {
                    ui.weak("No risks in the register concern this venue.");
                }
                for r in risks {
                    ui.label(format!(
                        "• {} (score {}, {})",
                        r.title,
                        r.score(),
                        r.status.label().to_lowercase()
                    ));
                }
                if ui
                    .button("Add a risk for this venue")
                    .on_hover_text("Adds a risk to the register linked to this venue")
                    .clicked()
                {
                    let review = view.now.date() + chrono::Duration::days(30);
                    let name = v.name.clone();
                    edits.push(Section::Risks, "add venue risk", move |p| {
                        p.risks.push(Risk {
                            id: RiskId::new(),
                            title: format!("Risk at {name}"),
                            description: String::new(),
                            category: RiskCategory::Security,
                            owner: None,
                            likelihood: Rating::new(2).unwrap_or(Rating::MIN),
                            impact: Rating::new(3).unwrap_or(Rating::MIN),
                            mitigations: vec![],
                            residual_likelihood: Rating::new(2).unwrap_or(Rating::MIN),
                            residual_impact: Rating::new(2).unwrap_or(Rating::MIN),
                            status: RiskStatus::Open,
                            next_review: Some(review),
                            reviews: vec![],
                            venue: Some(vid),
                        });
                    });
                }
                ui.add_space(8.0);
                if let Some(op) = row_ops(ui, "venue", i, len) {
                    edits.push(S, op_label(op, "venue"), move |p| {
                        apply_row_op(&mut p.venues.venues, |x| x.id == vid, op)
                    });
                }
            });
    }

    fn checklist_ui(&mut self, ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
        let plan = view.plan;
        let mut add = || {
            let id = MeasureId::new();
            edits.push(S, "add measure", move |p| {
                p.venues.checklist.push(SecurityMeasure {
                    id,
                    title: "New measure".into(),
                    guidance: String::new(),
                    applies_to: vec![VenueKind::PollingStation, VenueKind::CountVenue],
                });
            });
            id.0
        };
        let rows = || {
            plan.venues
                .checklist
                .iter()
                .map(|m| Row {
                    id: m.id.0,
                    cells: vec![
                        m.title.clone(),
                        short(&m.guidance),
                        m.applies_to
                            .iter()
                            .map(|k| k.label())
                            .collect::<Vec<_>>()
                            .join(", "),
                    ],
                    tint: None,
                })
                .collect()
        };
        let selected = master_detail(
            ui,
            &mut self.checklist,
            view,
            "measure",
            "measures",
            "The menu of protective measures (ProtectUK) each venue is assessed against, chosen with the police for the threat, building and location.",
            &[
                ("Measure", 240.0),
                ("What it involves", 380.0),
                ("Applies to", 240.0),
            ],
            rows,
            Some(&mut add),
        );
        let Some(id) = selected else { return };
        let Some((i, len)) = position(&plan.venues.checklist, id, |x| x.id.0) else {
            return;
        };
        let m = &plan.venues.checklist[i];
        let mid = m.id;
        form(ui, ("measure", id), |ui| {
            widgets::text(ui, edits, S, "Measure", &m.title, move |p, x| {
                with_measure(p, mid, |m| m.title = x)
            });
            widgets::multiline(
                ui,
                edits,
                S,
                "What it involves",
                &m.guidance,
                move |p, x| with_measure(p, mid, |m| m.guidance = x),
            );
            ui.label(RichText::new("Applies to").strong());
            ui.horizontal_wrapped(|ui| {
                for kind in VenueKind::ALL {
                    let mut on = m.applies_to.contains(kind);
                    if ui.checkbox(&mut on, kind.label()).changed() {
                        let kind = *kind;
                        edits.push(S, "change where a measure applies", move |p| {
                            with_measure(p, mid, |m| {
                                if on {
                                    m.applies_to.push(kind);
                                } else {
                                    m.applies_to.retain(|k| *k != kind);
                                }
                            });
                        });
                    }
                }
            });
            ui.end_row();
        });
        if let Some(op) = row_ops(ui, "measure", i, len) {
            edits.push(S, op_label(op, "measure"), move |p| {
                apply_row_op(&mut p.venues.checklist, |x| x.id == mid, op)
            });
        }
    }
}

fn assessment(
    ui: &mut Ui,
    edits: &mut Edits,
    plan: &Plan,
    vid: VenueId,
    kind: VenueKind,
    a: &SecurityAssessment,
) {
    let set = move |p: &mut Plan, f: &dyn Fn(&mut SecurityAssessment)| {
        with(p, vid, |v| {
            if let Some(a) = v.assessment.as_mut() {
                f(a);
            }
        });
    };
    form(ui, ("assessment", vid.0), |ui| {
        widgets::date(
            ui,
            edits,
            S,
            "Assessed on",
            Some(a.assessed_on),
            false,
            move |p, x| {
                if let Some(d) = x {
                    set(p, &|a| a.assessed_on = d);
                }
            },
        );
        widgets::person(
            ui,
            edits,
            S,
            "Assessed by",
            a.assessed_by,
            &plan.people,
            move |p, x| set(p, &|a| a.assessed_by = x),
        );
        widgets::multiline(ui, edits, S, "Findings", &a.summary, move |p, x| {
            set(p, &|a| a.summary = x.clone())
        });
        for m in plan
            .venues
            .checklist
            .iter()
            .filter(|m| m.applies_to.contains(&kind))
        {
            let mid = m.id;
            let current = a.checks.iter().find(|c| c.measure == mid).map(|c| c.status);
            let label = ui
                .label(RichText::new(&m.title).strong())
                .on_hover_text(&m.guidance);
            let mut chosen = current;
            let note = a
                .checks
                .iter()
                .find(|c| c.measure == mid)
                .map_or("", |c| c.note.as_str());
            let mut note_buffer = note.to_owned();
            let note_response = ui
                .horizontal(|ui| {
                    egui::ComboBox::from_id_salt(("check", vid.0, mid.0))
                        .selected_text(current.map_or("Not considered", |s| s.label()))
                        .width(160.0)
                        .show_ui(ui, |ui| {
                            for s in MeasureStatus::ALL {
                                ui.selectable_value(&mut chosen, Some(*s), s.label());
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.add(
                        egui::TextEdit::singleline(&mut note_buffer)
                            .hint_text(format!("Note on {}", m.title.to_lowercase()))
                            .desired_width(f32::INFINITY)
                            .char_limit(crate::model::limits::MAX_TEXT),
                    )
                })
                .inner;
            let refused = note_response.changed()
                && crate::ui::widgets::refused_characters(&note_buffer, edits);
            if !refused && note_response.changed() && note_buffer != note && current.is_some() {
                edits.push_coalesced(S, "edit measure note", note_response.id, move |p| {
                    set(p, &|a| {
                        if let Some(c) = a.checks.iter_mut().find(|c| c.measure == mid) {
                            c.note.clone_from(&note_buffer);
                        }
                    });
                });
            }
            if note_response.lost_focus() {
                edits.seal = true;
            }
            if chosen != current
                && let Some(status) = chosen
            {
                edits.push(S, "change measure status", move |p| {
                    set(
                        p,
                        &|a| match a.checks.iter_mut().find(|c| c.measure == mid) {
                            Some(c) => c.status = status,
                            None => a.checks.push(MeasureCheck {
                                measure: mid,
                                status,
                                note: String::new(),
                            }),
                        },
                    );
                });
            }
            ui.end_row();
        }
    });
    if ui.button("Remove assessment").clicked() {
        edits.push(S, "remove assessment", move |p| {
            with(p, vid, |v| v.assessment = None)
        });
    }
}
