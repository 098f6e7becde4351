//! Section 15: the statutory timetable with the plan's reviews, events, milestones and check-ins on
//! it; the plan reviews; the local milestones.

use chrono::NaiveDate;
use egui::{Color32, RichText, Sense, Ui};

use super::day;
use crate::model::{
    Entity, LocalMilestone, LocalMilestoneId, Milestone, MilestoneAnchor, Plan, PlanReview,
    PlanReviewId, Section,
};
use crate::timetable::{TimelineEntry, TimelineKind, place_anchored_reviews, timeline};
use crate::ui::edits::Edits;
use crate::ui::form::{EntityForm, Form, Whole};
use crate::ui::list::List;
use crate::ui::screen::{self, Columns, Declare, ListScreen, Parts, Tabbed, View, columns};
use crate::ui::tokens;

const S: Section = Section::KeyDates;

crate::ui::screen::parts! {
    Timetable => "Timetable",
    Reviews => "Plan reviews",
    Milestones => "Local milestones",
}

/// The key dates screen.
pub type Screen = Tabbed<KeyDates>;

/// The key dates' parts: the timetable, the plan reviews and the local milestones.
#[derive(Default)]
pub struct KeyDates {
    show_check_ins: bool,
    reviews: ListScreen<Reviews>,
}

impl Parts for KeyDates {
    type Tab = Tab;
    const SECTION: Section = S;
    const LIST_TAB: Tab = Tab::Reviews;

    fn part(&mut self, tab: Tab, ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
        match tab {
            Tab::Timetable => self.timetable(ui, view),
            Tab::Reviews => self.reviews.show(ui, view, edits),
            Tab::Milestones => milestones(ui, view, edits),
        }
    }

    fn list(&mut self, _tab: Tab) -> &mut List {
        &mut self.reviews.list
    }
}

impl KeyDates {
    /// The statutory timetable with the plan's dates on it.
    fn timetable(&mut self, ui: &mut Ui, view: &View<'_>) {
        let plan = view.plan;
        egui::ScrollArea::vertical()
            .id_salt("key-dates")
            .show(ui, |ui| {
                let entries = match timeline(plan) {
                    Ok(entries) => entries,
                    Err(e) => {
                        let text = format!("The statutory timetable cannot be computed: {e}");
                        ui.colored_label(ui.visuals().error_fg_color, text);
                        Vec::new()
                    }
                };
                ui.label(format!(
                    "The statutory timetable for {} on {}, in working days (weekends and bank \
                 holidays excluded), with the plan's own dates placed on it.",
                    plan.overview.election_type.label(),
                    plan.overview.poll_date.format("%A %-d %B %Y")
                ));
                strip(ui, &entries, (view.now.date(), plan.overview.poll_date));
                contest_timetables(ui, plan);
                ui.checkbox(&mut self.show_check_ins, "Show communication check-ins");
                let shown = entries
                    .iter()
                    .filter(|e| self.show_check_ins || !matches!(e.kind, TimelineKind::CheckIn(_)));
                timeline_grid(ui, shown);
            });
    }
}

/// The timeline as a table: date, time, kind and what.
fn timeline_grid<'a>(ui: &mut Ui, entries: impl Iterator<Item = &'a TimelineEntry>) {
    egui::Grid::new("timeline")
        .striped(true)
        .num_columns(4)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for h in ["Date", "Time", "", "What"] {
                ui.strong(h);
            }
            ui.end_row();
            for e in entries {
                ui.label(day(Some(e.date)));
                ui.label(
                    e.time
                        .map_or(String::new(), |t| t.format("%H:%M").to_string()),
                );
                ui.colored_label(colour(e.kind, ui.visuals().dark_mode), e.kind.word());
                let text = RichText::new(&e.label);
                let statutory = matches!(e.kind, TimelineKind::Statutory(_));
                let text = if statutory { text.strong() } else { text };
                ui.add(egui::Label::new(text).truncate())
                    .on_hover_text(&e.label);
                ui.end_row();
            }
        });
}

/// The plan reviews' columns and a review's fields.
#[derive(Default)]
struct Reviews;

impl Declare for Reviews {
    type E = PlanReview;
    const INTRO: &'static str = "Reviews placed against a milestone move with the timetable.";
    const COLUMNS: Columns = columns!["Date" 120, "Purpose" 320, "Placed against" 260, "Held" 60];

    fn above(&mut self, ui: &mut Ui, _view: &View<'_>, edits: &mut Edits) -> bool {
        let place = ui
            .button("Place reviews on the timetable")
            .on_hover_text("Recomputes the date of every review placed against a milestone");
        if place.clicked() {
            edits.push(S, "place reviews on the timetable", |p| {
                let _ = place_anchored_reviews(p);
            });
        }
        false
    }

    fn cells(&self, _plan: &Plan, r: &Self::E) -> Vec<String> {
        let against = r.anchor.map_or(String::new(), |a| {
            let milestone = a.milestone.label().to_lowercase();
            format!("{:+} working days from {milestone}", a.working_days_after)
        });
        let held = if r.done { "Held" } else { "" };
        vec![
            day(Some(r.date)),
            r.purpose.clone(),
            against,
            held.to_owned(),
        ]
    }

    fn create(&mut self, view: &View<'_>) -> Self::E {
        PlanReview {
            id: PlanReviewId::new(),
            date: view.plan.overview.poll_date,
            purpose: String::new(),
            anchor: None,
            attendees: vec![],
            done: false,
            reminder_minutes: None,
        }
    }

    fn fields(&mut self, form: &mut EntityForm<'_, Self::E>, r: &Self::E, view: &View<'_>) {
        form.text("Purpose", &r.purpose, |x, v| x.purpose = v);
        form.day("Date", r.date, |x, v| x.date = v);
        anchor(form, r.anchor);
        if let Some(a) = r.anchor {
            let days = f64::from(a.working_days_after);
            form.number("Working days after the milestone", Some(days), |x, v| {
                let n = v.unwrap_or(0.0).clamp(-200.0, 200.0).round() as i32;
                if let Some(a) = x.anchor.as_mut() {
                    a.working_days_after = n;
                }
            });
        }
        let people = &view.plan.people;
        form.people("Attendees", &r.attendees, people, |x, v| x.attendees = v);
        form.check("Held", "The review has taken place", r.done, |x, v| {
            x.done = v
        });
        let reminder = r.reminder_minutes.map(f64::from);
        form.number("Calendar reminder (minutes before)", reminder, |x, v| {
            x.reminder_minutes = reminder_minutes(v);
        });
    }
}

/// The milestone a review is placed against; changing it moves the review onto the timetable.
fn anchor(form: &mut EntityForm<'_, PlanReview>, value: Option<MilestoneAnchor>) {
    let fixed = "Nothing (a fixed date)";
    let current = value.map(|a| a.milestone);
    let options = || {
        std::iter::once((None, fixed.to_owned()))
            .chain(
                Milestone::ALL
                    .iter()
                    .map(|m| (Some(*m), m.label().to_owned())),
            )
            .collect()
    };
    let shown = current.map_or(fixed, |m| m.label());
    let id = form.place().0;
    form.pick_in_plan(
        "Placed against",
        (&current, shown),
        options,
        move |p, chosen| {
            if let Some(x) = PlanReview::find_mut(p, id) {
                x.anchor = chosen.map(|milestone| MilestoneAnchor {
                    milestone,
                    working_days_after: x.anchor.map_or(1, |a| a.working_days_after),
                });
            }
            // The review's date follows its new milestone in the same step.
            let _ = place_anchored_reviews(p);
        },
    );
}

/// The local milestones: a label, a date and an optional time each.
fn milestones(ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
    let plan = view.plan;
    egui::ScrollArea::vertical()
        .id_salt("milestones")
        .show(ui, |ui| {
            if plan.key_dates.milestones.is_empty() {
                screen::empty(ui, "local milestone", "local milestones");
            }
            for (k, m) in plan.key_dates.milestones.iter().enumerate() {
                let n = k + 1;
                ui.horizontal(|ui| {
                    Form::show(ui, edits, (S, Whole), ("milestone", k), false, |form| {
                        fn get(p: &mut Plan, k: usize) -> Option<&mut LocalMilestone> {
                            p.key_dates.milestones.get_mut(k)
                        }
                        form.text(&format!("Milestone {n}"), &m.label, move |p, v| {
                            if let Some(m) = get(p, k) {
                                m.label = v;
                            }
                        });
                        form.day(&format!("Milestone {n} date"), m.date, move |p, v| {
                            if let Some(m) = get(p, k) {
                                m.date = v;
                            }
                        });
                        form.time(&format!("Milestone {n} time"), m.time, true, move |p, v| {
                            if let Some(m) = get(p, k) {
                                m.time = v;
                            }
                        });
                        let reminder = m.reminder_minutes.map(f64::from);
                        let label = format!("Milestone {n} reminder (minutes before)");
                        form.number(&label, reminder, move |p, v| {
                            if let Some(m) = get(p, k) {
                                m.reminder_minutes = reminder_minutes(v);
                            }
                        });
                    });
                    if ui.button(format!("Remove milestone {n}")).clicked() {
                        edits.push(S, "remove milestone", move |p| {
                            if k < p.key_dates.milestones.len() {
                                p.key_dates.milestones.remove(k);
                            }
                        });
                    }
                });
                ui.separator();
            }
            if ui.button("Add local milestone").clicked() {
                let poll = plan.overview.poll_date;
                edits.push(S, "add milestone", move |p| {
                    p.key_dates.milestones.push(LocalMilestone {
                        id: LocalMilestoneId::new(),
                        date: poll,
                        time: None,
                        label: String::new(),
                        reminder_minutes: None,
                    });
                });
            }
        });
}

/// A reminder typed in minutes: whole minutes up to four weeks; blank or zero for none.
fn reminder_minutes(typed: Option<f64>) -> Option<u32> {
    typed
        .filter(|m| *m >= 1.0)
        .map(|m| m.round().min(f64::from(MAX_REMINDER_MINUTES)) as u32)
}

/// The longest reminder offered: four weeks, in minutes.
const MAX_REMINDER_MINUTES: u32 = 28 * 24 * 60;

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
                                crate::when::display_date(c.poll)
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
                                    format!(
                                        "{} {}",
                                        in_year(*date, plan.overview.poll_date),
                                        time.format("%H:%M")
                                    )
                                }
                                Some((date, None)) => in_year(*date, plan.overview.poll_date),
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
        TimelineKind::Statutory(_) if dark => tokens::STATUTORY_DARK,
        TimelineKind::Statutory(_) => tokens::STATUTORY,
        TimelineKind::Review(_) => tokens::REVIEW,
        TimelineKind::Event(_) => tokens::EVENT,
        TimelineKind::Local => tokens::LOCAL,
        TimelineKind::CheckIn(_) => Color32::from_gray(150),
    }
}

/// A horizontal strip from the first entry to the day after the poll, one mark per entry, today
/// marked.
fn strip(ui: &mut Ui, entries: &[TimelineEntry], (today, poll): (NaiveDate, NaiveDate)) {
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
        in_year(first, poll),
        egui::FontId::proportional(11.0),
        ui.visuals().text_color(),
    );
    painter.text(
        egui::pos2(rect.right() - 8.0, rect.bottom() - 2.0),
        egui::Align2::RIGHT_BOTTOM,
        in_year(last, poll),
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
            response.on_hover_text(format!("{}: {}", in_year(e.date, poll), e.label));
        }
    }
}

#[cfg(test)]
#[path = "tests/key_dates.rs"]
mod tests;

/// A date without its year when it is in the poll's year ("Thu 8 Apr"), with it when not.
fn in_year(date: NaiveDate, poll: NaiveDate) -> String {
    use chrono::Datelike as _;
    if date.year() == poll.year() {
        date.format("%a %-d %b").to_string()
    } else {
        crate::when::display_date(date)
    }
}
