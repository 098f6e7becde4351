//! Section 10: integrity hotspots (places where others may reach electors' post or votes).

use super::{day, short};
use crate::model::{Entity, Hotspot, Plan};
use crate::ui::form::EntityForm;
use crate::ui::screen::{Columns, Declare, ListScreen, View, columns};

/// The hotspots screen.
pub type Screen = ListScreen<Hotspots>;

/// The hotspots' columns and a hotspot's fields.
#[derive(Default)]
pub struct Hotspots;

impl Declare for Hotspots {
    type E = Hotspot;
    const INTRO: &'static str = "Houses in multiple occupation, student halls, care homes and \
        similar places where others may reach electors' post or help with applications.";
    const COLUMNS: Columns = columns![
        "Place" 220, "Kind" 170, "Electors" 70, "Concern" 300, "Briefed" 120,
    ];

    fn create(&mut self, _view: &View<'_>) -> Self::E {
        // Full copy only: a hotspot's name or address identifies a place.
        Hotspot {
            handling: <Hotspot as Entity>::DEFAULT_HANDLING,
            ..Hotspot::default()
        }
    }

    fn cells(&self, _plan: &Plan, h: &Self::E) -> Vec<String> {
        vec![
            h.name.clone(),
            h.kind.label().to_owned(),
            h.electors.to_string(),
            short(&h.concern),
            day(h.briefed_on),
        ]
    }

    fn fields(&mut self, form: &mut EntityForm<'_, Self::E>, h: &Self::E, view: &View<'_>) {
        form.text("Name", &h.name, |x, v| x.name = v);
        form.choice("Kind", h.kind, |x, v| x.kind = v);
        form.multiline("Address", &h.address, |x, v| x.address = v);
        form.count("Electors", h.electors, |x, v| x.electors = v);
        form.multiline("Concern", &h.concern, |x, v| x.concern = v);
        form.multiline("Mitigation", &h.mitigation, |x, v| x.mitigation = v);
        form.text("Site contact briefed", &h.site_contact, |x, v| {
            x.site_contact = v
        });
        form.date("Briefed on", h.briefed_on, true, |x, v| x.briefed_on = v);
        form.person("Owner", h.owner, &view.plan.people, |x, v| x.owner = v);
        form.choice("Shown in", h.handling, |x, v| x.handling = v);
    }
}

#[cfg(test)]
#[path = "tests/hotspots.rs"]
mod tests;
