//! Section 5: how the approach is explained to electors, candidates and agents, staff and the
//! media.

use super::{day, short};
use crate::model::{Plan, StakeholderMessage};
use crate::ui::form::EntityForm;
use crate::ui::screen::{Columns, Declare, ListScreen, View, columns};

/// The stakeholder messages screen.
pub type Screen = ListScreen<Messages>;

/// The messages' columns and a message's fields.
#[derive(Default)]
pub struct Messages;

impl Declare for Messages {
    type E = StakeholderMessage;
    const INTRO: &'static str = "How the approach to integrity and security is explained to \
        electors, candidates and agents, staff and the media, and when.";
    const COLUMNS: Columns = columns![
        "Audience" 150, "What is explained" 320, "How" 110, "When" 120, "Owner" 150,
    ];

    fn create(&mut self, _view: &View<'_>) -> Self::E {
        Self::E::default()
    }

    fn cells(&self, plan: &Plan, m: &Self::E) -> Vec<String> {
        vec![
            m.audience.label().to_owned(),
            short(&m.message),
            m.medium.label().to_owned(),
            day(m.planned_on),
            plan.person_name(m.owner).to_owned(),
        ]
    }

    fn fields(&mut self, form: &mut EntityForm<'_, Self::E>, m: &Self::E, view: &View<'_>) {
        form.multiline("What is explained", &m.message, |x, v| x.message = v);
        form.choice("Audience", m.audience, |x, v| x.audience = v);
        form.choice("How", m.medium, |x, v| x.medium = v);
        form.date("When", m.planned_on, true, |x, v| x.planned_on = v);
        form.person("Owner", m.owner, &view.plan.people, |x, v| x.owner = v);
        form.choice("Shown in", m.handling, |x, v| x.handling = v);
    }
}

#[cfg(test)]
#[path = "tests/stakeholders.rs"]
mod tests;
