//! Section 7: fraud indicators, their levels, observations and trends.

use chrono::{Datelike, NaiveDate};
use egui::Ui;

use super::{day, short};
use crate::law::contests::{IndicatorLaw, indicator_law, statutory_limit};
use crate::model::{
    Direction, FraudIndicator, IndicatorId, IndicatorKind, IndicatorState, Observation,
    ObservationId, Plan, Section, number,
};
use crate::ui::edits::Edits;
use crate::ui::form::EntityForm;
use crate::ui::screen::{Columns, Declare, ListScreen, View, columns};
use crate::ui::tokens;
use crate::ui::widgets;

const S: Section = Section::Fraud;

/// The fraud monitoring screen.
pub type Screen = ListScreen<Indicators>;

/// The indicators' columns and fields, the observation being written and the hand-in check.
#[derive(Default)]
pub struct Indicators {
    new_date: String,
    new_value: String,
    new_note: String,
    hand_in: HandInCheck,
}

/// The hand-in check on the postal-votes indicator: what reg. 82B says to do with documents one
/// person hands in now, given what they handed in earlier at the same election.
#[derive(Default)]
struct HandInCheck {
    earlier_others: u32,
    earlier_proxies: u32,
    now_others: u32,
    now_proxies: u32,
    form_incomplete: bool,
    campaigner_suspected: bool,
}

impl Declare for Indicators {
    type E = FraudIndicator;
    const INTRO: &'static str = "Each indicator's state comes from its latest observation. Local \
        levels apply to the Electoral Commission's indicators; the statutory limits use the law's \
        numbers.";
    const COLUMNS: Columns = columns![
        "Indicator" 280, "State" 80, "Warning" 90, "Action" 90, "Latest" 180, "Owner" 150,
    ];

    fn cells(&self, plan: &Plan, i: &Self::E) -> Vec<String> {
        let limit = statutory_limit(&plan.overview.contests, i.kind);
        let level = |l: Option<f64>| l.map_or_else(|| "—".to_owned(), number);
        let (w, a) = match limit {
            Some(limit) => (
                format!("{} (law)", number(limit)),
                format!("> {} (law)", number(limit)),
            ),
            None => (level(i.warning_level), level(i.action_level)),
        };
        let latest = i.latest().map_or(String::new(), |o| {
            format!("{} on {}", number(o.value), day(Some(o.date)))
        });
        vec![
            short(&i.name),
            i.state(limit).label().to_owned(),
            w,
            a,
            latest,
            plan.person_name(i.owner).to_owned(),
        ]
    }

    fn tint(&self, plan: &Plan, i: &Self::E) -> Option<egui::Color32> {
        let limit = statutory_limit(&plan.overview.contests, i.kind);
        Some(tokens::indicator_state(i.state(limit)))
    }

    fn create(&mut self, _view: &View<'_>) -> Self::E {
        FraudIndicator {
            handling: crate::model::Handling::Both,
            id: IndicatorId::new(),
            kind: IndicatorKind::Local,
            name: String::new(),
            measure: String::new(),
            direction: Direction::Above,
            warning_level: None,
            action_level: None,
            action: String::new(),
            owner: None,
            observations: vec![],
        }
    }

    fn header(&mut self, ui: &mut Ui, view: &View<'_>, _edits: &mut Edits, ind: &Self::E) {
        let plan = view.plan;
        let limit = statutory_limit(&plan.overview.contests, ind.kind);
        let state = ind.state(limit);
        ui.horizontal(|ui| {
            widgets::badge(ui, state.label(), tokens::indicator_state(state));
        });
        if ind.is_statutory() {
            statutory_law(ui, plan, ind);
        }
        if limit.is_some() && ind.kind == IndicatorKind::PostalVotesHandedInByOnePerson {
            self.hand_in_check(ui, limit);
        }
        chart(ui, ind, limit);
    }

    fn fields(&mut self, form: &mut EntityForm<'_, Self::E>, ind: &Self::E, view: &View<'_>) {
        let limit = statutory_limit(&view.plan.overview.contests, ind.kind);
        form.text("Name", &ind.name, |x, v| x.name = v);
        form.choice("Kind", ind.kind, |x, v| x.kind = v);
        form.multiline("Measure", &ind.measure, |x, v| x.measure = v);
        if limit.is_none() {
            form.choice("Alert when", ind.direction, |x, v| x.direction = v);
            form.number("Warning level", ind.warning_level, |x, v| {
                x.warning_level = v
            });
            form.number("Action level", ind.action_level, |x, v| x.action_level = v);
        }
        form.multiline("Action to take", &ind.action, |x, v| x.action = v);
        form.person("Owner", ind.owner, &view.plan.people, |x, v| x.owner = v);
        form.choice("Shown in", ind.handling, |x, v| x.handling = v);
    }

    fn below(&mut self, ui: &mut Ui, view: &View<'_>, edits: &mut Edits, ind: &Self::E) {
        let limit = statutory_limit(&view.plan.overview.contests, ind.kind);
        ui.add_space(8.0);
        ui.heading("Observations");
        self.record_observation(ui, edits, ind.id, view);
        observations(ui, edits, ind, limit);
        ui.add_space(8.0);
    }
}

/// The observations, most recent first (the 200 most recent).
fn observations(ui: &mut Ui, edits: &mut Edits, ind: &FraudIndicator, limit: Option<f64>) {
    let iid = ind.id;
    let mut observations: Vec<&Observation> = ind.observations.iter().collect();
    observations.sort_by_key(|o| std::cmp::Reverse(o.date));
    egui::Grid::new(("observations", iid.0))
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            for h in ["Date", "Value", "State", "Note", ""] {
                ui.strong(h);
            }
            ui.end_row();
            for o in observations.iter().take(200) {
                let oid = o.id;
                ui.label(day(Some(o.date)));
                ui.label(number(o.value));
                let s = ind.state_of(o.value, limit);
                ui.colored_label(tokens::indicator_state(s), s.label());
                ui.label(&o.note);
                let remove = ui
                    .small_button("Remove")
                    .on_hover_text(format!("Remove the observation of {}", day(Some(o.date))));
                if remove.clicked() {
                    edits.push(S, "remove observation", move |p| {
                        if let Some(x) = p.indicators.iter_mut().find(|x| x.id == iid) {
                            x.observations.retain(|o| o.id != oid);
                        }
                    });
                }
                ui.end_row();
            }
        });
    if observations.len() > 200 {
        ui.weak(format!(
            "The 200 most recent of {} observations are listed.",
            observations.len()
        ));
    }
}

impl Indicators {
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
                    if let Some(x) = p.indicators.iter_mut().find(|x| x.id == iid) {
                        x.observations.push(Observation {
                            id: ObservationId::new(),
                            date,
                            value,
                            note,
                            recorded_by: None,
                        });
                    }
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

/// What the law sets for a statutory indicator, for the plan's contests it applies to, and nothing
/// for the others.
fn statutory_law(ui: &mut Ui, plan: &Plan, ind: &FraudIndicator) {
    let Ok(law) = crate::law::law() else {
        return;
    };
    let contests = &plan.overview.contests;
    let names = |ids: &[crate::model::ContestId]| -> String {
        let names: Vec<&str> = contests
            .iter()
            .filter(|c| ids.contains(&c.id))
            .map(|c| c.name.as_str())
            .collect();
        if names.len() == contests.len() {
            "every contest in the plan".to_owned()
        } else {
            names.join(", ")
        }
    };
    match indicator_law(law, contests, ind.kind) {
        IndicatorLaw::Limit {
            limit,
            contests: ids,
            sources,
        } => {
            ui.label(format!(
                "Statutory limit {limit}, for {}. Beyond it is unlawful whatever local levels say.",
                names(&ids)
            ));
            if ind.kind == IndicatorKind::PostalVotesHandedInByOnePerson {
                ui.label(format!(
                    "Record, for the person who has handed in most, the other electors' postal \
                     voting documents accepted from them at this election plus the proxy postal \
                     ballot papers they handed in: {limit} is the most reg. 82B(1)(c) and (2) \
                     allow."
                ));
            }
            ui.collapsing("What the law says, and where", |ui| {
                if ind.kind == IndicatorKind::PostalVotesHandedInByOnePerson {
                    ui.label(crate::law::handing_in::CAMPAIGNER_OFFENCE);
                }
                for source in sources {
                    ui.weak(source);
                }
            });
        }
        IndicatorLaw::NotHeld {
            contests: ids,
            sources,
        } => {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "The law sets this limit for {}, but the program does not hold its number: \
                     set the warning and action levels from the provision.",
                    names(&ids)
                ),
            );
            for source in sources {
                ui.weak(source);
            }
        }
        IndicatorLaw::NotApplicable => {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                "No contest in this plan is under a law that sets this limit: remove the \
                 indicator, or make it a local one with its own levels.",
            );
        }
    }
}

impl Indicators {
    /// The hand-in check: what reg. 82B says to do with the documents a person hands in now.
    fn hand_in_check(&mut self, ui: &mut Ui, limit: Option<f64>) {
        let Some(others) = limit.map(|l| l as u32) else {
            return;
        };
        let c = &mut self.hand_in;
        ui.collapsing("Check a hand-in (reg. 82B)", |ui| {
            egui::Grid::new("hand-in-check")
                .num_columns(2)
                .show(ui, |ui| {
                    let count = |ui: &mut Ui, label: &str, value: &mut u32| {
                        let l = ui.label(label);
                        ui.add(egui::DragValue::new(value).range(0..=999))
                            .labelled_by(l.id);
                        ui.end_row();
                    };
                    count(
                        ui,
                        "Other electors' documents accepted from them earlier",
                        &mut c.earlier_others,
                    );
                    count(
                        ui,
                        "Proxy postal ballot papers they handed in earlier",
                        &mut c.earlier_proxies,
                    );
                    count(
                        ui,
                        "Other electors' documents handed in now",
                        &mut c.now_others,
                    );
                    count(
                        ui,
                        "Proxy postal ballot papers handed in now",
                        &mut c.now_proxies,
                    );
                });
            ui.checkbox(
                &mut c.form_incomplete,
                "The return form is not fully completed",
            );
            ui.checkbox(
                &mut c.campaigner_suspected,
                "Suspected of handling as a campaigner (s. \
                112A)",
            );
            use crate::law::handing_in::{Occasion, decide};
            let earlier = Occasion {
                own: false,
                others: c.earlier_others,
                proxy_papers: c.earlier_proxies,
                form_complete: true,
                campaigner_suspected: false,
            };
            let now = Occasion {
                own: true,
                others: c.now_others,
                proxy_papers: c.now_proxies,
                form_complete: !c.form_incomplete,
                campaigner_suspected: c.campaigner_suspected,
            };
            let verdicts = decide(others, &[earlier, now]);
            if let Some(v) = verdicts.last() {
                ui.strong(v.decision.words());
                if v.may_reject_as_campaigner {
                    ui.label(
                        "The authorised person may also reject documents they suspect are \
                        handed in in breach of s. 112A (reg. 82B(3)).",
                    );
                }
                ui.weak(format!(
                    "Afterwards {} other electors' documents and {} proxy papers stand accepted \
                     from this person.",
                    v.others_accepted, v.proxy_papers_accepted
                ));
            }
        });
    }
}

/// The indicator's observations over time against its warning and action levels.
fn chart(ui: &mut Ui, ind: &FraudIndicator, limit: Option<f64>) {
    use egui_plot::{HLine, Line, LineStyle, Plot, PlotPoints, Points};
    let mut points: Vec<[f64; 2]> = ind
        .observations
        .iter()
        .map(|o| [f64::from(o.date.num_days_from_ce()), o.value])
        .collect();
    points.sort_by(|a, b| a[0].total_cmp(&b[0]));
    let (warning, action) = match limit {
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
                        .color(tokens::indicator_state(IndicatorState::Warning))
                        .style(LineStyle::dashed_loose()),
                );
            }
            if let Some(a) = action {
                plot.hline(
                    HLine::new("Action level", a)
                        .color(tokens::indicator_state(IndicatorState::Action))
                        .style(LineStyle::dashed_loose()),
                );
            }
            if !points.is_empty() {
                let colour = tokens::CHART_LINE;
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

#[cfg(test)]
#[path = "tests/fraud.rs"]
mod tests;
