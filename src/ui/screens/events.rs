//! Section 11: electoral events (postal vote openings, polling day, verification, count,
//! declaration).

use chrono::NaiveTime;

use crate::model::{ElectoralEvent, ElectoralEventId, EventKind, Plan, Venue, VenueId};
use crate::ui::form::EntityForm;
use crate::ui::screen::{Columns, Declare, ListScreen, View, columns};

/// The events screen.
pub type Screen = ListScreen<Events>;

/// The events' columns and an event's fields.
#[derive(Default)]
pub struct Events;

impl Declare for Events {
    type E = ElectoralEvent;
    const INTRO: &'static str = "Postal vote opening sessions, polling day, verification, the \
        count and the declaration: where, when, who is in charge and how people are kept safe.";
    const COLUMNS: Columns = columns![
        "Event" 240, "Kind" 180, "Starts" 190, "Venue" 200, "In charge" 150,
    ];

    fn cells(&self, plan: &Plan, e: &Self::E) -> Vec<String> {
        let venue = e
            .venue
            .and_then(|v| plan.venue(v))
            .map_or("", |v| v.name.as_str());
        vec![
            e.name.clone(),
            e.kind.label().to_owned(),
            super::moment(e.starts_at()),
            venue.to_owned(),
            plan.person_name(e.in_charge).to_owned(),
        ]
    }

    fn create(&mut self, view: &View<'_>) -> Self::E {
        ElectoralEvent {
            handling: crate::model::Handling::Both,
            id: ElectoralEventId::new(),
            kind: EventKind::PostalVoteOpening,
            name: String::new(),
            venue: None,
            date: view.plan.overview.poll_date,
            start: NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default(),
            end: None,
            in_charge: None,
            safety: String::new(),
            candidates_notified: None,
        }
    }

    fn fields(&mut self, form: &mut EntityForm<'_, Self::E>, e: &Self::E, view: &View<'_>) {
        let plan = view.plan;
        form.text("Name", &e.name, |x, v| x.name = v);
        form.choice("Kind", e.kind, |x, v| x.kind = v);
        let venue = e.venue.map(|v| v.0);
        form.reference::<Venue>("Venue", venue, plan, |x, v| x.venue = v.map(VenueId));
        form.day("Date", e.date, |x, v| x.date = v);
        form.time("Starts", Some(e.start), false, |x, v| {
            if let Some(t) = v {
                x.start = t;
            }
        });
        form.time("Ends", e.end, true, |x, v| x.end = v);
        form.person("In charge", e.in_charge, &plan.people, |x, v| {
            x.in_charge = v
        });
        form.multiline("Safety and security", &e.safety, |x, v| x.safety = v);
        if e.kind == EventKind::PostalVoteOpening {
            let notified = e.candidates_notified;
            form.date_time("Candidates notified", notified, |x, v| {
                x.candidates_notified = v
            });
            form.shown(
                "Notice",
                "Candidates and agents must have 48 hours' notice of each opening session.",
            );
        }
        form.choice("Shown in", e.handling, |x, v| x.handling = v);
    }
}

#[cfg(test)]
#[path = "tests/events.rs"]
mod tests;
