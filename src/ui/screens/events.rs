//! Section 11: electoral events.

use chrono::NaiveTime;
use egui::Ui;

use super::overview::op_label;
use super::{View, master_detail, position};
use crate::model::{ElectoralEvent, ElectoralEventId, EventKind, Plan, Section, VenueId};
use crate::ui::edits::Edits;
use crate::ui::list::{List, Row};
use crate::ui::widgets::{self, apply_row_op, form, row_ops};

const S: Section = Section::Events;

/// The events screen.
#[derive(Default)]
pub struct Screen {
    /// The events.
    pub list: List,
}

fn with(p: &mut Plan, id: ElectoralEventId, f: impl FnOnce(&mut ElectoralEvent)) {
    if let Some(x) = p.events.iter_mut().find(|x| x.id == id) {
        f(x);
    }
}

impl Screen {
    pub fn ui(&mut self, ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
        let plan = view.plan;
        let poll = plan.overview.poll_date;
        let mut add = || {
            let id = ElectoralEventId::new();
            edits.push(S, "add event", move |p| {
                p.events.push(ElectoralEvent {
                    id,
                    kind: EventKind::PostalVoteOpening,
                    name: "New event".into(),
                    venue: None,
                    date: poll,
                    start: NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default(),
                    end: None,
                    in_charge: None,
                    safety: String::new(),
                    candidates_notified: None,
                });
            });
            id.0
        };
        let rows = || {
            plan.events
                .iter()
                .map(|e| {
                    let venue = e
                        .venue
                        .and_then(|v| plan.venue(v))
                        .map_or(String::new(), |v| v.name.clone());
                    Row {
                        id: e.id.0,
                        cells: vec![
                            e.name.clone(),
                            e.kind.label().to_owned(),
                            e.starts_at().format("%Y-%m-%d %H:%M").to_string(),
                            venue,
                            plan.person_name(e.in_charge).to_owned(),
                        ],
                        tint: None,
                    }
                })
                .collect()
        };
        let selected = master_detail(
            ui,
            &mut self.list,
            view,
            "event",
            "events",
            "Postal vote opening sessions, polling day, verification, the count and the declaration: where, when, who is in charge and how people are kept safe.",
            &[
                ("Event", 240.0),
                ("Kind", 180.0),
                ("Starts", 130.0),
                ("Venue", 200.0),
                ("In charge", 150.0),
            ],
            rows,
            Some(&mut add),
        );
        let Some(id) = selected else { return };
        let Some((i, len)) = position(&plan.events, id, |x| x.id.0) else {
            return;
        };
        let e = &plan.events[i];
        let eid = e.id;
        egui::ScrollArea::vertical()
            .id_salt("event-detail")
            .show(ui, |ui| {
                form(ui, ("event", id), |ui| {
                    widgets::text(ui, edits, S, "Name", &e.name, move |p, v| {
                        with(p, eid, |x| x.name = v)
                    });
                    widgets::choice(ui, edits, S, "Kind", e.kind, move |p, v| {
                        with(p, eid, |x| x.kind = v)
                    });
                    venue_picker(ui, edits, plan, e.venue, eid);
                    widgets::date(ui, edits, S, "Date", Some(e.date), false, move |p, v| {
                        if let Some(d) = v {
                            with(p, eid, |x| x.date = d);
                        }
                    });
                    widgets::time(ui, edits, S, "Starts", Some(e.start), false, move |p, v| {
                        if let Some(t) = v {
                            with(p, eid, |x| x.start = t);
                        }
                    });
                    widgets::time(ui, edits, S, "Ends", e.end, true, move |p, v| {
                        with(p, eid, |x| x.end = v)
                    });
                    widgets::person(
                        ui,
                        edits,
                        S,
                        "In charge",
                        e.in_charge,
                        &plan.people,
                        move |p, v| with(p, eid, |x| x.in_charge = v),
                    );
                    widgets::multiline(
                        ui,
                        edits,
                        S,
                        "Safety and security",
                        &e.safety,
                        move |p, v| with(p, eid, |x| x.safety = v),
                    );
                    if e.kind == EventKind::PostalVoteOpening {
                        widgets::date_time(
                            ui,
                            edits,
                            S,
                            "Candidates notified",
                            e.candidates_notified,
                            move |p, v| with(p, eid, |x| x.candidates_notified = v),
                        );
                    }
                });
                if e.kind == EventKind::PostalVoteOpening {
                    ui.weak(
                        "Candidates and agents must have 48 hours' notice of each opening session.",
                    );
                }
                if let Some(op) = row_ops(ui, "event", i, len) {
                    edits.push(S, op_label(op, "event"), move |p| {
                        apply_row_op(&mut p.events, |x| x.id == eid, op)
                    });
                }
            });
    }
}

/// Picks a venue for an event.
fn venue_picker(
    ui: &mut Ui,
    edits: &mut Edits,
    plan: &Plan,
    value: Option<VenueId>,
    eid: ElectoralEventId,
) {
    let shown = value
        .and_then(|v| plan.venue(v))
        .map_or("Not set".to_owned(), |v| v.name.clone());
    let options = || {
        std::iter::once((None, "Not set".to_owned()))
            .chain(plan.venues.venues.iter().map(|v| {
                (
                    Some(v.id),
                    format!("{} ({})", v.name, v.kind.label().to_lowercase()),
                )
            }))
            .collect()
    };
    widgets::pick(
        ui,
        edits,
        S,
        "Venue",
        &value,
        &shown,
        options,
        move |p, v| with(p, eid, |x| x.venue = v),
    );
}
