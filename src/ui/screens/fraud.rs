//! Section 7: fraud indicators, their levels, observations and trends.

use chrono::{Datelike, NaiveDate};
use egui::{Color32, Ui};

use super::overview::op_label;
use super::{View, master_detail, position, short};
use crate::law::contests::{IndicatorLaw, indicator_law, statutory_limit};
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
    hand_in: HandInCheck,
}

/// The hand-in check on the postal-votes indicator: what reg. 82B says to do with documents one person
/// hands in now, given what they handed in earlier at the same election.
#[derive(Default)]
struct HandInCheck {
    earlier_others: u32,
    earlier_proxies: u32,
    now_others: u32,
    now_proxies: u32,
    form_incomplete: bool,
    campaigner_suspected: bool,
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
        let contests = &plan.overview.contests;
        let rows = || {
            plan.indicators
                .iter()
                .map(|i| {
                    let limit = statutory_limit(contests, i.kind);
                    let state = i.state(limit);
                    let level = |l: Option<f64>| l.map_or_else(|| "—".to_owned(), number);
                    let (w, a) = match limit {
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
        let limit = statutory_limit(contests, ind.kind);
        egui::ScrollArea::vertical()
            .id_salt("indicator-detail")
            .show(ui, |ui| {
                let state = ind.state(limit);
                ui.horizontal(|ui| {
                    widgets::badge(ui, state.label(), state_colour(state));
                });
                if ind.is_statutory() {
                    statutory_law(ui, plan, ind);
                }
                if limit.is_some() && ind.kind == IndicatorKind::PostalVotesHandedInByOnePerson {
                    self.hand_in_check(ui, limit);
                }
                chart(ui, ind, limit);
                form(ui, ("indicator", id), |ui| {
                    widgets::text(ui, edits, S, "Name", &ind.name, move |p, v| {
                        with(p, iid, |x| x.name = v)
                    });
                    widgets::choice(ui, edits, S, "Kind", ind.kind, move |p, v| {
                        with(p, iid, |x| x.kind = v)
                    });
                    widgets::multiline(ui, edits, S, "Measure", &ind.measure, move |p, v| {
                        with(p, iid, |x| x.measure = v)
                    });
                    if limit.is_none() {
                        widgets::choice(ui, edits, S, "Alert when", ind.direction, move |p, v| {
                            with(p, iid, |x| x.direction = v)
                        });
                        widgets::number(
                            ui,
                            edits,
                            S,
                            "Warning level",
                            ind.warning_level,
                            move |p, v| with(p, iid, |x| x.warning_level = v),
                        );
                        widgets::number(
                            ui,
                            edits,
                            S,
                            "Action level",
                            ind.action_level,
                            move |p, v| with(p, iid, |x| x.action_level = v),
                        );
                    }
                    widgets::multiline(ui, edits, S, "Action to take", &ind.action, move |p, v| {
                        with(p, iid, |x| x.action = v)
                    });
                    widgets::person(
                        ui,
                        edits,
                        S,
                        "Owner",
                        ind.owner,
                        &plan.people,
                        move |p, v| with(p, iid, |x| x.owner = v),
                    );
                });
                ui.add_space(8.0);
                ui.heading("Observations");
                self.record_observation(ui, edits, iid, view);
                let mut observations: Vec<&Observation> = ind.observations.iter().collect();
                observations.sort_by_key(|o| std::cmp::Reverse(o.date));
                egui::Grid::new(("observations", id))
                    .striped(true)
                    .num_columns(5)
                    .show(ui, |ui| {
                        for h in ["Date", "Value", "State", "Note", ""] {
                            ui.strong(h);
                        }
                        ui.end_row();
                        for o in observations.iter().take(200) {
                            let oid = o.id;
                            ui.label(o.date.format("%a %-d %b %Y").to_string());
                            ui.label(number(o.value));
                            let s = ind.state_of(o.value, limit);
                            ui.colored_label(state_colour(s), s.label());
                            ui.label(&o.note);
                            if ui
                                .small_button("Remove")
                                .on_hover_text(format!("Remove the observation of {}", o.date))
                                .clicked()
                            {
                                edits.push(S, "remove observation", move |p| {
                                    with(p, iid, |x| x.observations.retain(|o| o.id != oid))
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
                ui.add_space(8.0);
                if let Some(op) = row_ops(ui, "indicator", i, len) {
                    edits.push(S, op_label(op, "indicator"), move |p| {
                        apply_row_op(&mut p.indicators, |x| x.id == iid, op)
                    });
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

/// What the law sets for a statutory indicator, for the plan's contests it applies to, and nothing for the
/// others.
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
                    "Record, for the person who has handed in most, the other electors' postal voting documents \
                     accepted from them at this election plus the proxy postal ballot papers they handed in: \
                     {limit} is the most reg. 82B(1)(c) and (2) allow."
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
                    "The law sets this limit for {}, but the program does not hold its number: set the \
                     warning and action levels from the provision.",
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
                "No contest in this plan is under a law that sets this limit: remove the indicator, or make \
                 it a local one with its own levels.",
            );
        }
    }
}

impl Screen {
    /// The hand-in check: what reg. 82B says to do with the documents a person hands in now.
    fn hand_in_check(&mut self, ui: &mut Ui, limit: Option<f64>) {
        let Some(others) = limit.map(|l| l as u32) else {
            return;
        };
        let c = &mut self.hand_in;
        ui.collapsing("Check a hand-in (reg. 82B)", |ui| {
            egui::Grid::new("hand-in-check").num_columns(2).show(ui, |ui| {
                let count = |ui: &mut Ui, label: &str, value: &mut u32| {
                    let l = ui.label(label);
                    ui.add(egui::DragValue::new(value).range(0..=999))
                        .labelled_by(l.id);
                    ui.end_row();
                };
                count(ui, "Other electors' documents accepted from them earlier", &mut c.earlier_others);
                count(ui, "Proxy postal ballot papers they handed in earlier", &mut c.earlier_proxies);
                count(ui, "Other electors' documents handed in now", &mut c.now_others);
                count(ui, "Proxy postal ballot papers handed in now", &mut c.now_proxies);
            });
            ui.checkbox(&mut c.form_incomplete, "The return form is not fully completed");
            ui.checkbox(&mut c.campaigner_suspected, "Suspected of handling as a campaigner (s. 112A)");
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
                    ui.label("The authorised person may also reject documents they suspect are handed in in breach of s. 112A (reg. 82B(3)).");
                }
                ui.weak(format!(
                    "Afterwards {} other electors' documents and {} proxy papers stand accepted from this person.",
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
