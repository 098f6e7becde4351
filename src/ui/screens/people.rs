//! Section 2: the contact directory.

use crate::model::{Person, Phone, PhoneKind, Plan};
use crate::ui::form::EntityForm;
use crate::ui::screen::{Columns, Declare, ListScreen, View, columns};

/// The people screen.
pub type Screen = ListScreen<People>;

/// The directory's columns and a person's fields.
#[derive(Default)]
pub struct People;

impl Declare for People {
    type E = Person;
    const INTRO: &'static str = "Everyone the plan names: the RO's team, the police SPOC and FEOA, \
        venue managers and partners. Contact details are for the full copy only unless marked for \
        both copies.";
    const COLUMNS: Columns = columns![
        "Name" 180, "Role" 170, "Organisation" 170, "Phone" 120, "Email" 200,
    ];

    fn cells(&self, _plan: &Plan, p: &Self::E) -> Vec<String> {
        let phone = p.phones.first().map_or("", |ph| ph.number.as_str());
        vec![
            p.name.clone(),
            p.role.label().to_owned(),
            p.organisation.clone(),
            phone.to_owned(),
            p.email.clone(),
        ]
    }

    fn create(&mut self, _view: &View<'_>) -> Self::E {
        Person::named("")
    }

    fn fields(&mut self, form: &mut EntityForm<'_, Self::E>, person: &Self::E, view: &View<'_>) {
        form.text("Name", &person.name, |x, v| x.name = v);
        form.choice("Role", person.role, |x, v| x.role = v);
        form.text("Job title", &person.job_title, |x, v| x.job_title = v);
        form.text("Organisation", &person.organisation, |x, v| {
            x.organisation = v
        });
        for (k, phone) in person.phones.iter().enumerate() {
            let name = format!("{} phone", phone.kind.label());
            form.text(&name, &phone.number, move |x, v| {
                if let Some(ph) = x.phones.get_mut(k) {
                    ph.number = v;
                }
            });
        }
        phone_buttons(form, person);
        form.text("Email", &person.email, |x, v| x.email = v);
        form.multiline("Address", &person.address, |x, v| x.address = v);
        let others: Vec<Person> = view
            .plan
            .people
            .iter()
            .filter(|p| p.id != person.id)
            .cloned()
            .collect();
        let cover = person.out_of_hours_cover;
        form.person("Out-of-hours cover", cover, &others, |x, v| {
            x.out_of_hours_cover = v;
        });
        // Their name and role are in both copies; the mark decides their contact details.
        form.choice("Contact details shown in", person.handling, |x, v| {
            x.handling = v;
        });
    }
}

/// "Add mobile number", "Add office number"…, and "Remove last number", on a row of their own.
fn phone_buttons(form: &mut EntityForm<'_, Person>, person: &Person) {
    let mut added = None;
    let mut remove = false;
    form.row("Phone numbers", |ui| {
        for kind in PhoneKind::ALL {
            let text = format!("Add {} number", kind.label().to_lowercase());
            if ui.button(text).clicked() {
                added = Some(*kind);
            }
        }
        if !person.phones.is_empty() && ui.button("Remove last number").clicked() {
            remove = true;
        }
    });
    if let Some(kind) = added {
        form.change("add phone number", move |x| {
            x.phones.push(Phone {
                kind,
                number: String::new(),
            });
        });
    }
    if remove {
        form.change("remove phone number", |x| {
            x.phones.pop();
        });
    }
}

#[cfg(test)]
#[path = "tests/people.rs"]
mod tests;
