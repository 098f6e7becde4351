//! Section 3: the division of responsibilities (who leads, supports and is kept informed).

use super::short;
use crate::model::{PersonId, Plan, Responsibility};
use crate::ui::form::EntityForm;
use crate::ui::screen::{Columns, Declare, ListScreen, View, columns};
use crate::ui::tokens;

/// The responsibilities screen.
pub type Screen = ListScreen<Responsibilities>;

/// The task list's columns and a task's fields.
#[derive(Default)]
pub struct Responsibilities;

fn names(plan: &Plan, ids: &[PersonId]) -> String {
    let names: Vec<&str> = ids.iter().map(|i| plan.person_name(Some(*i))).collect();
    names.join(", ")
}

impl Declare for Responsibilities {
    type E = Responsibility;
    const INTRO: &'static str = "Who leads each task, who supports, and who must be kept informed.";
    const COLUMNS: Columns = columns!["Task" 300, "Lead" 150, "Support" 200, "Informed" 200];

    fn create(&mut self, _view: &View<'_>) -> Self::E {
        Self::E::default()
    }

    fn cells(&self, plan: &Plan, r: &Self::E) -> Vec<String> {
        vec![
            short(&r.task),
            plan.person_name(r.lead).to_owned(),
            names(plan, &r.support),
            names(plan, &r.informed),
        ]
    }

    fn tint(&self, _plan: &Plan, r: &Self::E) -> Option<egui::Color32> {
        r.lead.is_none().then_some(tokens::UNASSIGNED)
    }

    fn fields(&mut self, form: &mut EntityForm<'_, Self::E>, r: &Self::E, view: &View<'_>) {
        let people = &view.plan.people;
        form.multiline("Task", &r.task, |x, v| x.task = v);
        form.person("Lead", r.lead, people, |x, v| x.lead = v);
        form.people("Support", &r.support, people, |x, v| x.support = v);
        form.people("Informed", &r.informed, people, |x, v| x.informed = v);
        form.multiline("Notes", &r.notes, |x, v| x.notes = v);
        form.choice("Shown in", r.handling, |x, v| x.handling = v);
    }
}

#[cfg(test)]
#[path = "tests/responsibilities.rs"]
mod tests;
