//! Section 8: the escalation ladder for safety concerns and incidents.

use super::short;
use crate::model::{EscalationLevel, Period, PeriodRoute, Person, Plan};
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
        let people = &view.plan.people;
        form.text("Name", &l.name, |x, v| x.name = v);
        form.multiline("Trigger", &l.trigger, |x, v| x.trigger = v);
        form.multiline("Source of quoted guidance or law", &l.source, |x, v| {
            x.source = v
        });
        form.choice("Channel", l.channel, |x, v| x.channel = v);
        form.person("Contact", l.contact, people, |x, v| x.contact = v);
        form.person("Fallback if no answer", l.fallback, people, |x, v| {
            x.fallback = v
        });
        let minutes = l.respond_within_minutes.map(f64::from);
        form.number("Respond within (minutes)", minutes, |x, v| {
            x.respond_within_minutes = v.map(|m| m.clamp(0.0, 100_000.0).round() as u32);
        });
        form.multiline("What happens next", &l.actions, |x, v| x.actions = v);
        form.people("Also inform", &l.also_inform, people, |x, v| {
            x.also_inform = v
        });
        form.choice("Shown in", l.handling, |x, v| x.handling = v);
        form.shown(
            "Routes by time",
            "Leave a route empty where the usual contact is called (out of hours: their \
             out-of-hours number, or who covers for them). Count night follows out of hours \
             unless it has its own route.",
        );
        route(form, "Out of hours", &l.out_of_hours, people, |x| {
            &mut x.out_of_hours
        });
        route(form, "Polling day", &l.polling_day, people, |x| {
            &mut x.polling_day
        });
        route(form, "Count night", &l.count_night, people, |x| {
            &mut x.count_night
        });
        calls(form, l, view.plan);
    }
}

/// One period's route: a person, or a desk and its number.
fn route(
    form: &mut EntityForm<'_, EscalationLevel>,
    period: &str,
    r: &PeriodRoute,
    people: &[Person],
    get: fn(&mut EscalationLevel) -> &mut PeriodRoute,
) {
    let contact = format!("{period} — contact");
    form.person(&contact, r.contact, people, move |x, v| get(x).contact = v);
    let name = format!("{period} — desk or room");
    form.text(&name, &r.name, move |x, v| get(x).name = v);
    let number = format!("{period} — number");
    form.text(&number, &r.number, move |x, v| get(x).number = v);
}

/// Whom the ladder calls for this level at each time, as the PDF and quick reference say it.
fn calls(form: &mut EntityForm<'_, EscalationLevel>, l: &EscalationLevel, plan: &Plan) {
    for period in Period::ALL {
        let call = plan.escalation_call(l, *period);
        let mut text = match (&call.first.name, &call.first.number) {
            (n, _) if n.is_empty() => "Nobody named".to_owned(),
            (n, Some(num)) => format!("{n}, {num}"),
            (n, None) => format!("{n} (no number)"),
        };
        if call.via_cover {
            text.push_str(" (out-of-hours cover)");
        }
        if let Some(f) = &call.fallback {
            let num = f.number.as_deref().unwrap_or("no number");
            text.push_str(&format!("; if no answer {}, {num}", f.name));
        }
        form.shown(&format!("Calls: {}", period.label().to_lowercase()), &text);
    }
}

#[cfg(test)]
#[path = "tests/escalation.rs"]
mod tests;
