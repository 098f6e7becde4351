//! Section 15: the statutory timetable with the plan's reviews, events, milestones and check-ins on it.

use chrono::NaiveDate;
use egui::{Color32, RichText, Sense, Ui};

use super::overview::op_label;
use super::{View, master_detail, position};
use crate::model::{
    LocalMilestone, Milestone, MilestoneAnchor, Plan, PlanReview, PlanReviewId, Section,
};
use crate::timetable::{TimelineEntry, TimelineKind, place_anchored_reviews, timeline};
use crate::ui::edits::Edits;
use crate::ui::list::{List, Row};
use crate::ui::widgets::{self, apply_row_op, form, row_ops};

const S: Section = Section::KeyDates;

/// The key dates screen.
#[derive(Default)]
pub struct Screen {
    /// The plan reviews.
    pub list: List,
    show_check_ins: bool,
}

fn with(p: &mut Plan, id: PlanReviewId, f: impl FnOnce(&mut PlanReview)) {
    if let Some(x) = p.key_dates.reviews.iter_mut().find(|x| x.id == id) {
        f(x);
    }
}

/// A combined poll's contests side by side, where their timetables differ marked.
fn contest_timetables(ui: &mut Ui, plan: &Plan) {
    let tables = crate::timetable::contest_timetables(plan);
    if !tables.is_combined() {
        return;
    }
    ui.add_space(6.0);
    ui.strong("Each contest's timetable");
    ui.weak(tables.summary());
    egui::ScrollArea::horizontal()
        .id_salt("contest-timetables")
        .show(ui, |ui| {
            egui::Grid::new("contest-timetables-grid")
                .striped(true)
                .spacing([12.0, 4.0])
                .show(ui, |ui| {
                    ui.strong("Milestone");
                    for c in &tables.columns {
                        let names = c.contest_names();
                        ui.vertical(|ui| {
                            ui.set_max_width(170.0);
                            ui.add(
                                egui::Label::new(RichText::new(c.election.label()).strong()).wrap(),
                            );
                            ui.weak(format!(
                                "{}, {}",
                                c.nation.label(),
                                c.poll.format("%-d %b %Y")
                            ));
                        })
                        .response
                        .on_hover_text(names);
                    }
                    ui.strong("");
                    ui.end_row();
                    for row in &tables.rows {
                        ui.label(row.milestone.label());
                        for cell in &row.cells {
                            let text = match cell {
                                Some((date, Some(time))) => {
                                    format!("{} {}", date.format("%a %-d %b"), time.format("%H:%M"))
                                }
                                Some((date, None)) => date.format("%a %-d %b").to_string(),
                                None => "—".to_owned(),
                            };
                            let text = RichText::new(text);
                            ui.label(if row.differs { text.strong() } else { text });
                        }
                        if row.differs {
                            ui.colored_label(ui.visuals().warn_fg_color, "differs");
                        } else {
                            ui.label("");
                        }
                        ui.end_row();
                    }
                });
        });
    for c in &tables.columns {
        if let Err(e) = &c.timetable {
            ui.colored_label(
                ui.visuals().error_fg_color,
                format!("{} in {}: {e}", c.election.label(), c.nation.label()),
            );
        }
    }
    ui.add_space(6.0);
}

fn colour(kind: TimelineKind, dark: bool) -> Color32 {
    match kind {
        TimelineKind::Statutory(_) if dark => Color32::from_rgb(0x7c, 0xb7, 0xff),
        TimelineKind::Statutory(_) => Color32::from_rgb(0x1d, 0x35, 0x57),
        TimelineKind::Review(_) => Color32::from_rgb(0xf5, 0x9e, 0x0b),
        TimelineKind::Event(_) => Color32::from_rgb(0x2e, 0x7d, 0x32),
        TimelineKind::Local => Color32::from_rgb(0x6a, 0x1b, 0x9a),
        TimelineKind::CheckIn(_) => Color32::from_gray(150),
    }
}

impl Screen {
    pub fn ui(&mut self, ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
        let plan = view.plan;
        egui::ScrollArea::vertical().id_salt("key-dates").show(ui, |ui| {
            let entries = match timeline(plan) {
                Ok(entries) => entries,
                Err(e) => {
                    ui.colored_label(ui.visuals().error_fg_color, format!("The statutory timetable cannot be computed: {e}"));
                    Vec::new()
                }
            };
            ui.label(format!(
                "The statutory timetable for {} on {}, in working days (weekends and bank holidays excluded), with the plan's own dates placed on it.",
                plan.overview.election_type.label(),
                plan.overview.poll_date.format("%A %-d %B %Y")
            ));
            strip(ui, &entries, view.now.date());
            contest_timetables(ui, plan);
            ui.checkbox(&mut self.show_check_ins, "Show communication check-ins");
            egui::Grid::new("timeline").striped(true).num_columns(4).spacing([12.0, 4.0]).show(ui, |ui| {
                for h in ["Date", "Time", "", "What"] {
                    ui.strong(h);
                }
                ui.end_row();
                for e in entries.iter().filter(|e| self.show_check_ins || !matches!(e.kind, TimelineKind::CheckIn(_))) {
                    ui.label(e.date.format("%a %-d %b %Y").to_string());
                    ui.label(e.time.map_or(String::new(), |t| t.format("%H:%M").to_string()));
                    ui.colored_label(colour(e.kind, ui.visuals().dark_mode), e.kind.word());
                    let text = RichText::new(&e.label);
                    let text = if matches!(e.kind, TimelineKind::Statutory(_)) { text.strong() } else { text };
                    ui.add(egui::Label::new(text).truncate()).on_hover_text(&e.label);
                    ui.end_row();
                }
            });
            ui.add_space(10.0);
            ui.heading("Plan reviews");
            ui.horizontal(|ui| {
                ui.label("Reviews placed against a milestone move with the timetable.");
                if ui.button("Place reviews on the timetable").on_hover_text("Recomputes the date of every review placed against a milestone").clicked() {
                    edits.push(S, "place reviews on the timetable", |p| {
                        let _ = place_anchored_reviews(p);
                    });
                }
            });
            let poll = plan.overview.poll_date;
            let mut add = || {
                let id = PlanReviewId::new();
                edits.push(S, "add review", move |p| {
                    p.key_dates.reviews.push(PlanReview { id, date: poll, purpose: "New review".into(), anchor: None, attendees: vec![], done: false });
                });
                id.0
            };
            let rows = || {
                plan.key_dates
                    .reviews
                    .iter()
                    .map(|r| Row {
                        id: r.id.0,
                        cells: vec![
                            r.date.to_string(),
                            r.purpose.clone(),
                            r.anchor.map_or(String::new(), |a| format!("{:+} working days from {}", a.working_days_after, a.milestone.label().to_lowercase())),
                            if r.done { "Held".into() } else { String::new() },
                        ],
                        tint: None,
                    })
                    .collect()
            };
            let selected = master_detail(ui, &mut self.list, view, "review", "reviews", "", &[("Date", 100.0), ("Purpose", 320.0), ("Placed against", 260.0), ("Held", 60.0)], rows, Some(&mut add));
            if let Some(id) = selected
                && let Some((i, len)) = position(&plan.key_dates.reviews, id, |x| x.id.0)
            {
                let r = &plan.key_dates.reviews[i];
                let rid = r.id;
                form(ui, ("review", id), |ui| {
                    widgets::text(ui, edits, S, "Purpose", &r.purpose, move |p, v| with(p, rid, |x| x.purpose = v));
                    widgets::date(ui, edits, S, "Date", Some(r.date), false, move |p, v| {
                        if let Some(d) = v {
                            with(p, rid, |x| x.date = d);
                        }
                    });
                    anchor(ui, edits, r.anchor, rid);
                    if let Some(a) = r.anchor {
                        let days = f64::from(a.working_days_after);
                        widgets::number(ui, edits, S, "Working days after the milestone", Some(days), move |p, v| {
                            let n = v.unwrap_or(0.0).clamp(-200.0, 200.0).round() as i32;
                            with(p, rid, |x| {
                                if let Some(a) = x.anchor.as_mut() {
                                    a.working_days_after = n;
                                }
                            });
                        });
                    }
                    widgets::people(ui, edits, S, "Attendees", &r.attendees, &plan.people, move |p, v| with(p, rid, |x| x.attendees = v));
                    widgets::check(ui, edits, S, "Held", "The review has taken place", r.done, move |p, v| with(p, rid, |x| x.done = v));
                });
                if let Some(op) = row_ops(ui, "review", i, len) {
                    edits.push(S, op_label(op, "review"), move |p| apply_row_op(&mut p.key_dates.reviews, |x| x.id == rid, op));
                }
            }
            ui.add_space(10.0);
            ui.heading("Local milestones");
            for (k, m) in plan.key_dates.milestones.iter().enumerate() {
                let set = move |p: &mut Plan, f: &dyn Fn(&mut LocalMilestone)| {
                    if let Some(m) = p.key_dates.milestones.get_mut(k) {
                        f(m);
                    }
                };
                ui.horizontal(|ui| {
                    form(ui, ("milestone", k), |ui| {
                        let n = k + 1;
                        widgets::text(ui, edits, S, &format!("Milestone {n}"), &m.label, move |p, v| set(p, &|m| m.label = v.clone()));
                        widgets::date(ui, edits, S, &format!("Milestone {n} date"), Some(m.date), false, move |p, v| {
                            if let Some(d) = v {
                                set(p, &|m| m.date = d);
                            }
                        });
                        widgets::time(ui, edits, S, &format!("Milestone {n} time"), m.time, true, move |p, v| set(p, &|m| m.time = v));
                    });
                    if ui.button(format!("Remove milestone {}", k + 1)).clicked() {
                        edits.push(S, "remove milestone", move |p| {
                            if k < p.key_dates.milestones.len() {
                                p.key_dates.milestones.remove(k);
                            }
                        });
                    }
                });
            }
            if ui.button("Add local milestone").clicked() {
                edits.push(S, "add milestone", move |p| p.key_dates.milestones.push(LocalMilestone { date: poll, time: None, label: "New milestone".into() }));
            }
        });
    }
}

/// The milestone a review is placed against; changing it moves the review onto the timetable.
fn anchor(ui: &mut Ui, edits: &mut Edits, value: Option<MilestoneAnchor>, rid: PlanReviewId) {
    let current = value.map(|a| a.milestone);
    let options = || {
        std::iter::once((None, "Nothing (a fixed date)".to_owned()))
            .chain(
                Milestone::ALL
                    .iter()
                    .map(|m| (Some(*m), m.label().to_owned())),
            )
            .collect()
    };
    widgets::pick(
        ui,
        edits,
        S,
        "Placed against",
        &current,
        current.map_or("Nothing (a fixed date)", |m| m.label()),
        options,
        move |p, chosen| {
            with(p, rid, |x| {
                x.anchor = chosen.map(|milestone| MilestoneAnchor {
                    milestone,
                    working_days_after: x.anchor.map_or(1, |a| a.working_days_after),
                });
            });
            let _ = place_anchored_reviews(p);
        },
    );
}

/// A horizontal strip from the first entry to the day after the poll, one mark per entry, today marked.
fn strip(ui: &mut Ui, entries: &[TimelineEntry], today: NaiveDate) {
    let Some(first) = entries.iter().map(|e| e.date).min() else {
        return;
    };
    let Some(last) = entries.iter().map(|e| e.date).max() else {
        return;
    };
    let span = (last - first).num_days().max(1) as f32;
    let (rect, response) = ui.allocate_exact_size(
        egui::vec2(ui.available_width().min(1100.0), 56.0),
        Sense::hover(),
    );
    let painter = ui.painter_at(rect);
    let y = rect.center().y;
    let x_of = |d: NaiveDate| {
        rect.left() + 8.0 + (rect.width() - 16.0) * ((d - first).num_days() as f32 / span)
    };
    painter.line_segment(
        [
            egui::pos2(rect.left() + 8.0, y),
            egui::pos2(rect.right() - 8.0, y),
        ],
        ui.visuals().widgets.noninteractive.fg_stroke,
    );
    for e in entries
        .iter()
        .filter(|e| !matches!(e.kind, TimelineKind::CheckIn(_)))
    {
        let x = x_of(e.date);
        let (h, w) = if matches!(e.kind, TimelineKind::Statutory(_)) {
            (12.0, 2.5)
        } else {
            (8.0, 2.0)
        };
        painter.line_segment(
            [egui::pos2(x, y - h), egui::pos2(x, y + h)],
            egui::Stroke::new(w, colour(e.kind, ui.visuals().dark_mode)),
        );
    }
    if (first..=last).contains(&today) {
        let x = x_of(today);
        painter.line_segment(
            [
                egui::pos2(x, rect.top() + 4.0),
                egui::pos2(x, rect.bottom() - 4.0),
            ],
            egui::Stroke::new(2.0, ui.visuals().error_fg_color),
        );
        painter.text(
            egui::pos2(x + 3.0, rect.top() + 2.0),
            egui::Align2::LEFT_TOP,
            "today",
            egui::FontId::proportional(11.0),
            ui.visuals().error_fg_color,
        );
    }
    painter.text(
        egui::pos2(rect.left() + 8.0, rect.bottom() - 2.0),
        egui::Align2::LEFT_BOTTOM,
        first.format("%-d %b").to_string(),
        egui::FontId::proportional(11.0),
        ui.visuals().text_color(),
    );
    painter.text(
        egui::pos2(rect.right() - 8.0, rect.bottom() - 2.0),
        egui::Align2::RIGHT_BOTTOM,
        last.format("%-d %b").to_string(),
        egui::FontId::proportional(11.0),
        ui.visuals().text_color(),
    );
    if let Some(pos) = response.hover_pos() {
        let nearest = entries
            .iter()
            .filter(|e| !matches!(e.kind, TimelineKind::CheckIn(_)))
            .min_by(|a, b| {
                (x_of(a.date) - pos.x)
                    .abs()
                    .total_cmp(&(x_of(b.date) - pos.x).abs())
            });
        if let Some(e) = nearest {
            response.on_hover_text(format!("{}: {}", e.date.format("%a %-d %b"), e.label));
        }
    }
}
