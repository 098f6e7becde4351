//! Section 2: the contact directory.

use egui::Ui;

use super::overview::op_label;
use super::{View, master_detail, position};
use crate::model::{Person, PersonId, Phone, PhoneKind, Plan, Role, Section};
use crate::ui::edits::Edits;
use crate::ui::list::{List, Row};
use crate::ui::widgets::{self, apply_row_op, form, row_ops};

const S: Section = Section::People;

/// The people screen.
#[derive(Default)]
pub struct Screen {
    /// The directory list.
    pub list: List,
}

fn with(p: &mut Plan, id: PersonId, f: impl FnOnce(&mut Person)) {
    if let Some(x) = p.people.iter_mut().find(|x| x.id == id) {
        f(x);
    }
}

impl Screen {
    pub fn ui(&mut self, ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
        let plan = view.plan;
        let mut add = || {
            let id = PersonId::new();
            edits.push(S, "add person", move |p| {
                p.people.push(Person {
                    id,
                    name: String::new(),
                    role: Role::Other,
                    job_title: String::new(),
                    organisation: String::new(),
                    phones: Vec::new(),
                    email: String::new(),
                    address: String::new(),
                    out_of_hours_cover: None,
                    personal_data: true,
                });
            });
            id.0
        };
        let rows = || {
            plan.people
                .iter()
                .map(|p| {
                    let phone = p
                        .phones
                        .first()
                        .map_or(String::new(), |ph| ph.number.clone());
                    Row {
                        id: p.id.0,
                        cells: vec![
                            p.name.clone(),
                            p.role.label().to_owned(),
                            p.organisation.clone(),
                            phone,
                            p.email.clone(),
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
            "person",
            "people",
            "Everyone the plan names: the RO's team, the police SPOC and FEOA, venue managers and partners. Contact details are withheld from redacted exports.",
            &[
                ("Name", 180.0),
                ("Role", 170.0),
                ("Organisation", 170.0),
                ("Phone", 120.0),
                ("Email", 200.0),
            ],
            rows,
            Some(&mut add),
        );
        let Some(id) = selected else { return };
        let Some((i, len)) = position(&plan.people, id, |p| p.id.0) else {
            return;
        };
        let person = &plan.people[i];
        let pid = person.id;
        egui::ScrollArea::vertical()
            .id_salt("person-detail")
            .show(ui, |ui| {
                form(ui, ("person", id), |ui| {
                    widgets::text(ui, edits, S, "Name", &person.name, move |p, v| {
                        with(p, pid, |x| x.name = v)
                    });
                    widgets::choice(ui, edits, S, "Role", person.role, move |p, v| {
                        with(p, pid, |x| x.role = v)
                    });
                    widgets::text(ui, edits, S, "Job title", &person.job_title, move |p, v| {
                        with(p, pid, |x| x.job_title = v)
                    });
                    widgets::text(
                        ui,
                        edits,
                        S,
                        "Organisation",
                        &person.organisation,
                        move |p, v| with(p, pid, |x| x.organisation = v),
                    );
                    for (k, phone) in person.phones.iter().enumerate() {
                        widgets::text(
                            ui,
                            edits,
                            S,
                            &format!("{} phone", phone.kind.label()),
                            &phone.number,
                            move |p, v| {
                                with(p, pid, |x| {
                                    if let Some(ph) = x.phones.get_mut(k) {
                                        ph.number = v;
                                    }
                                });
                            },
                        );
                    }
                    ui.label("");
                    ui.horizontal_wrapped(|ui| {
                        for kind in PhoneKind::ALL {
                            if ui
                                .button(format!("Add {} number", kind.label().to_lowercase()))
                                .clicked()
                            {
                                let kind = *kind;
                                edits.push(S, "add phone number", move |p| {
                                    with(p, pid, |x| {
                                        x.phones.push(Phone {
                                            kind,
                                            number: String::new(),
                                        })
                                    })
                                });
                            }
                        }
                        if !person.phones.is_empty() && ui.button("Remove last number").clicked() {
                            edits.push(S, "remove phone number", move |p| {
                                with(p, pid, |x| {
                                    x.phones.pop();
                                });
                            });
                        }
                    });
                    ui.end_row();
                    widgets::text(ui, edits, S, "Email", &person.email, move |p, v| {
                        with(p, pid, |x| x.email = v)
                    });
                    widgets::multiline(ui, edits, S, "Address", &person.address, move |p, v| {
                        with(p, pid, |x| x.address = v)
                    });
                    let others: Vec<Person> = plan
                        .people
                        .iter()
                        .filter(|p| p.id != pid)
                        .cloned()
                        .collect();
                    widgets::person(
                        ui,
                        edits,
                        S,
                        "Out-of-hours cover",
                        person.out_of_hours_cover,
                        &others,
                        move |p, v| with(p, pid, |x| x.out_of_hours_cover = v),
                    );
                    widgets::check(
                        ui,
                        edits,
                        S,
                        "Personal data",
                        "Withhold contact details from redacted copies",
                        person.personal_data,
                        move |p, v| {
                            with(p, pid, |x| x.personal_data = v);
                        },
                    );
                });
                if let Some(op) = row_ops(ui, "person", i, len) {
                    edits.push(S, op_label(op, "person"), move |p| {
                        apply_row_op(&mut p.people, |x| x.id == pid, op)
                    });
                }
            });
    }
}
