//! Section 8: the escalation ladder for safety concerns and incidents.

use super::short;
use crate::model::{EscalationLevel, Plan};
use crate::ui::form::EntityForm;
use crate::ui::screen::{Columns, Declare, ListScreen, View, columns};

/// The escalation screen.
pub type Screen = ListScreen<Ladder>;

/// The ladder's columns and a level's fields.
#[derive(Default)]
pub struct Ladder;

impl Declare for Ladder {
    type E = EscalationLevel;
    const INTRO: &'static str = "The agreed route for notifying and escalating concerns: 999 for \
        immediate danger, 101 for a crime, the SPOC for election matters.";
    const COLUMNS: Columns = columns![
        "Level" 220, "Trigger" 300, "Contact" 160, "How" 90, "Within" 90,
    ];

    fn create(&mut self, _view: &View<'_>) -> Self::E {
        Self::E::default()
    }

    fn cells(&self, plan: &Plan, l: &Self::E) -> Vec<String> {
        let n = plan
            .escalation
            .iter()
            .position(|x| x.id == l.id)
            .unwrap_or(0)
            + 1;
        let contact = if l.uses_public_number() && l.contact.is_none() {
            l.channel.label()
        } else {
            plan.person_name(l.contact)
        };
        let within = match l.respond_within_minutes {
            None => String::new(),
            Some(0) => "Immediately".to_owned(),
            Some(m) => format!("{m} min"),
        };
        vec![
            format!("{n}. {}", l.name),
            short(&l.trigger),
            contact.to_owned(),
            l.channel.label().to_owned(),
            within,
        ]
    }

    fn fields(&mut self, form: &mut EntityForm<'_, Self::E>, l: &Self::E, view: &View<'_>) {
        form.text("Name", &l.name, |x, v| x.name = v);
        form.multiline("Trigger", &l.trigger, |x, v| x.trigger = v);
        form.choice("Channel", l.channel, |x, v| x.channel = v);
        form.person("Contact", l.contact, &view.plan.people, |x, v| {
            x.contact = v
        });
        let minutes = l.respond_within_minutes.map(f64::from);
        form.number("Respond within (minutes)", minutes, |x, v| {
            x.respond_within_minutes = v.map(|m| m.clamp(0.0, 100_000.0).round() as u32);
        });
        form.multiline("What happens next", &l.actions, |x, v| x.actions = v);
        form.choice("Shown in", l.handling, |x, v| x.handling = v);
    }
}

#[cfg(test)]
#[path = "tests/escalation.rs"]
mod tests;
