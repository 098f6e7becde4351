//! Section 7: fraud indicators, their levels, observations and trends.

use chrono::{Datelike, NaiveDate};
use egui::{Color32, Ui};

use super::overview::op_label;
use super::{View, master_detail, position, short};
use crate::model::{
    Direction, FraudIndicator, IndicatorId, IndicatorKind, IndicatorState, Observation,
    ObservationId, Plan, Section,
};
use crate::ui::edits::Edits;
use crate::ui::list::{List, Row};
use crate::ui::widgets::{self, apply_row_op, form, row_ops};
use crate::validate::number;

const S: Section = Section::Fraud;

/// The colour of an indicator state, for lists and badges.
pub fn state_colour(state: IndicatorState) -> Color32 {
    match state {
        IndicatorState::Clear => Color32::from_rgb(0x66, 0xbb, 0x6a),
        IndicatorState::Warning => Color32::from_rgb(0xff, 0xb3, 0x00),
        IndicatorState::Action => Color32::from_rgb(0xe5, 0x39, 0x35),
    }
}

/// The fraud monitoring screen.
#[derive(Default)]
pub struct Screen {
    /// The indicators.
    pub list: List,
    new_date: String,
    new_value: String,
    new_note: String,
}

fn with(p: &mut Plan, id: IndicatorId, f: impl FnOnce(&mut FraudIndicator)) {
    if let Some(x) = p.indicators.iter_mut().find(|x| x.id == id) {
        f(x);
    }
}

impl Screen {
    pub fn ui(&mut self, ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
        let plan = view.plan;
        let mut add = || {
            let id = IndicatorId::new();
            edits.push(S, "add indicator", move |p| {
                p.indicators.push(FraudIndicator {
                    id,
                    kind: IndicatorKind::Local,
                    name: "New indicator".into(),
                    measure: String::new(),
                    direction: Direction::Above,
                    warning_level: None,
                    action_level: None,
                    action: String::new(),
                    owner: None,
                    observations: vec![],
                });
            });
            id.0
        };
        let rows = || {
            plan.indicators
                .iter()
                .map(|i| {
                    let state = i.state();
                    let level = |l: Option<f64>| l.map_or_else(|| "—".to_owned(), number);
                    let (w, a) = match i.kind.statutory_limit() {
                        Some(limit) => (
                            format!("{} (law)", number(limit)),
                            format!("> {} (law)", number(limit)),
                        ),
                        None => (level(i.warning_level), level(i.action_level)),
                    };
                    let latest = i.latest().map_or(String::new(), |o| {
                        format!("{} on {}", number(o.value), o.date)
                    });
                    Row {
                        id: i.id.0,
                        cells: vec![
                            short(&i.name),
                            state.label().to_owned(),
                            w,
                            a,
                            latest,
                            plan.person_name(i.owner).to_owned(),
                        ],
                        tint: Some(state_colour(state)),
                    }
                })
                .collect()
        };
        let selected = master_detail(
            ui,
            &mut self.list,
            view,
            "indicator",
            "indicators",
            "Each indicator's state comes from its latest observation. Local levels apply to the Electoral Commission's indicators; the statutory limits use the law's numbers.",
            &[
                ("Indicator", 280.0),
                ("State", 80.0),
                ("Warning", 90.0),
                ("Action", 90.0),
                ("Latest", 150.0),
                ("Owner", 150.0),
            ],
            rows,
            Some(&mut add),
        );
        let Some(id) = selected else { return };
        let Some((i, len)) = position(&plan.indicators, id, |x| x.id.0) else {
            return;
        };
        let ind = &plan.indicators[i];
        let iid = ind.id;
        egui::ScrollArea::vertical().id_salt("indicator-detail").show(ui, |ui| {
            let state = ind.state();
            ui.horizontal(|ui| {
                widgets::badge(ui, state.label(), state_colour(state));
                if let Some(limit) = ind.kind.statutory_limit() {
                    ui.label(format!("Statutory limit: {}. Beyond it is unlawful whatever the local levels say.", number(limit)));
                }
            });
            chart(ui, ind);
            form(ui, ("indicator", id), |ui| {
                widgets::text(ui, edits, S, "Name", &ind.name, move |p, v| with(p, iid, |x| x.name = v));
                widgets::choice(ui, edits, S, "Kind", ind.kind, move |p, v| with(p, iid, |x| x.kind = v));
                widgets::multiline(ui, edits, S, "Measure", &ind.measure, move |p, v| with(p, iid, |x| x.measure = v));
                if !ind.is_statutory() {
                    widgets::choice(ui, edits, S, "Alert when", ind.direction, move |p, v| with(p, iid, |x| x.direction = v));
                    widgets::number(ui, edits, S, "Warning level", ind.warning_level, move |p, v| with(p, iid, |x| x.warning_level = v));
                    widgets::number(ui, edits, S, "Action level", ind.action_level, move |p, v| with(p, iid, |x| x.action_level = v));
                }
                widgets::multiline(ui, edits, S, "Action to take", &ind.action, move |p, v| with(p, iid, |x| x.action = v));
                widgets::person(ui, edits, S, "Owner", ind.owner, &plan.people, move |p, v| with(p, iid, |x| x.owner = v));
            });
            ui.add_space(8.0);
            ui.heading("Observations");
            self.record_observation(ui, edits, iid, view);
            let mut observations: Vec<&Observation> = ind.observations.iter().collect();
            observations.sort_by_key(|o| std::cmp::Reverse(o.date));
            egui::Grid::new(("observations", id)).striped(true).num_columns(5).show(ui, |ui| {
                for h in ["Date", "Value", "State", "Note", ""] {
                    ui.strong(h);
                }
                ui.end_row();
                for o in observations.iter().take(200) {
                    let oid = o.id;
                    ui.label(o.date.format("%a %-d %b %Y").to_string());
                    ui.label(number(o.value));
                    let s = ind.state_of(o.value);
                    ui.colored_label(state_colour(s), s.label());
                    ui.label(&o.note);
                    if ui.small_button("Remove").on_hover_text(format!("Remove the observation of {}", o.date)).clicked() {
                        edits.push(S, "remove observation", move |p| with(p, iid, |x| x.observations.retain(|o| o.id != oid)));
                    }
                    ui.end_row();
                }
            });
            if observations.len() > 200 {
                ui.weak(format!("The 200 most recent of {} observations are listed.", observations.len()));
            }
            ui.add_space(8.0);
            if let Some(op) = row_ops(ui, "indicator", i, len) {
                edits.push(S, op_label(op, "indicator"), move |p| apply_row_op(&mut p.indicators, |x| x.id == iid, op));
            }
        });
    }

    fn record_observation(
        &mut self,
        ui: &mut Ui,
        edits: &mut Edits,
        iid: IndicatorId,
        view: &View<'_>,
    ) {
        if self.new_date.is_empty() {
            self.new_date = view.now.date().format("%Y-%m-%d").to_string();
        }
        ui.horizontal(|ui| {
            let l = ui.label("Date");
            ui.add(egui::TextEdit::singleline(&mut self.new_date).desired_width(96.0))
                .labelled_by(l.id);
            let l = ui.label("Value");
            let value = ui
                .add(egui::TextEdit::singleline(&mut self.new_value).desired_width(60.0))
                .labelled_by(l.id);
            let l = ui.label("Note");
            let note = ui
                .add(
                    egui::TextEdit::singleline(&mut self.new_note)
                        .desired_width(220.0)
                        .char_limit(crate::model::limits::MAX_TEXT),
                )
                .labelled_by(l.id);
            let date = NaiveDate::parse_from_str(self.new_date.trim(), "%Y-%m-%d");
            let number = self
                .new_value
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite());
            let enter = (value.lost_focus() || note.lost_focus())
                && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let control = crate::ui::widgets::control_character(&self.new_note);
            let ready = date.is_ok() && number.is_some() && control.is_none();
            if (ui
                .add_enabled(ready, egui::Button::new("Record observation"))
                .clicked()
                || (enter && ready))
                && let (Ok(date), Some(value)) = (date, number)
            {
                let note = std::mem::take(&mut self.new_note);
                self.new_value.clear();
                edits.push(S, "record observation", move |p| {
                    with(p, iid, |x| {
                        x.observations.push(Observation {
                            id: ObservationId::new(),
                            date,
                            value,
                            note,
                            recorded_by: None,
                        })
                    });
                });
            }
            if control.is_some() {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    "The note holds a control character (from a paste or a scanner); remove it",
                );
            }
            if !self.new_value.trim().is_empty() && number.is_none() {
                ui.colored_label(ui.visuals().error_fg_color, "The value must be a number");
            }
            if date.is_err() {
                ui.colored_label(ui.visuals().error_fg_color, "Use YYYY-MM-DD");
            }
        });
    }
}

/// The indicator's observations over time against its warning and action levels.
fn chart(ui: &mut Ui, ind: &FraudIndicator) {
    use egui_plot::{HLine, Line, LineStyle, Plot, PlotPoints, Points};
    let mut points: Vec<[f64; 2]> = ind
        .observations
        .iter()
        .map(|o| [f64::from(o.date.num_days_from_ce()), o.value])
        .collect();
    points.sort_by(|a, b| a[0].total_cmp(&b[0]));
    let (warning, action) = match ind.kind.statutory_limit() {
        Some(limit) => (Some(limit), Some(limit + f64::EPSILON)),
        None => (ind.warning_level, ind.action_level),
    };
    Plot::new(("trend", ind.id.0))
        .height(180.0)
        .allow_scroll(false)
        .allow_drag(false)
        .allow_zoom(false)
        .legend(egui_plot::Legend::default().position(egui_plot::Corner::LeftTop))
        .x_axis_formatter(|mark, _| {
            NaiveDate::from_num_days_from_ce_opt(mark.value as i32)
                .map_or_else(String::new, |d| d.format("%-d %b").to_string())
        })
        .show(ui, |plot| {
            if let Some(w) = warning {
                plot.hline(
                    HLine::new("Warning level", w)
                        .color(state_colour(IndicatorState::Warning))
                        .style(LineStyle::dashed_loose()),
                );
            }
            if let Some(a) = action {
                plot.hline(
                    HLine::new("Action level", a)
                        .color(state_colour(IndicatorState::Action))
                        .style(LineStyle::dashed_loose()),
                );
            }
            if !points.is_empty() {
                let colour = egui::Color32::from_rgb(0x42, 0x8b, 0xd8);
                plot.line(
                    Line::new("Observations", PlotPoints::from(points.clone()))
                        .width(2.0)
                        .color(colour),
                );
                plot.points(
                    Points::new("Observations", PlotPoints::from(points))
                        .radius(3.5)
                        .color(colour),
                );
            }
        });
}
