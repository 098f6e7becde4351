//! Section 3: the division of responsibilities.

use egui::Ui;

use super::overview::op_label;
use super::{View, master_detail, position, short};
use crate::model::{Plan, Responsibility, ResponsibilityId, Section};
use crate::ui::edits::Edits;
use crate::ui::list::{List, Row};
use crate::ui::widgets::{self, apply_row_op, form, row_ops};

const S: Section = Section::Responsibilities;

/// The responsibilities screen.
#[derive(Default)]
pub struct Screen {
    /// The matrix.
    pub list: List,
}

fn with(p: &mut Plan, id: ResponsibilityId, f: impl FnOnce(&mut Responsibility)) {
    if let Some(x) = p.responsibilities.iter_mut().find(|x| x.id == id) {
        f(x);
    }
}

impl Screen {
    pub fn ui(&mut self, ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
        let plan = view.plan;
        let mut add = || {
            let id = ResponsibilityId::new();
            edits.push(S, "add task", move |p| {
                p.responsibilities.push(Responsibility {
                    id,
                    task: "New task".into(),
                    lead: None,
                    support: vec![],
                    informed: vec![],
                    notes: String::new(),
                });
            });
            id.0
        };
        let names = |ids: &[crate::model::PersonId]| {
            ids.iter()
                .map(|i| plan.person_name(Some(*i)).to_owned())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let rows = || {
            plan.responsibilities
                .iter()
                .map(|r| Row {
                    id: r.id.0,
                    cells: vec![
                        short(&r.task),
                        plan.person_name(r.lead).to_owned(),
                        names(&r.support),
                        names(&r.informed),
                    ],
                    tint: r
                        .lead
                        .is_none()
                        .then_some(egui::Color32::from_rgb(0xd3, 0x2f, 0x2f)),
                })
                .collect()
        };
        let selected = master_detail(
            ui,
            &mut self.list,
            view,
            "task",
            "tasks",
            "Who leads each task, who supports, and who must be kept informed.",
            &[
                ("Task", 300.0),
                ("Lead", 150.0),
                ("Support", 200.0),
                ("Informed", 200.0),
            ],
            rows,
            Some(&mut add),
        );
        let Some(id) = selected else { return };
        let Some((i, len)) = position(&plan.responsibilities, id, |r| r.id.0) else {
            return;
        };
        let r = &plan.responsibilities[i];
        let rid = r.id;
        egui::ScrollArea::vertical()
            .id_salt("task-detail")
            .show(ui, |ui| {
                form(ui, ("task", id), |ui| {
                    widgets::multiline(ui, edits, S, "Task", &r.task, move |p, v| {
                        with(p, rid, |x| x.task = v)
                    });
                    widgets::person(ui, edits, S, "Lead", r.lead, &plan.people, move |p, v| {
                        with(p, rid, |x| x.lead = v)
                    });
                    widgets::people(
                        ui,
                        edits,
                        S,
                        "Support",
                        &r.support,
                        &plan.people,
                        move |p, v| with(p, rid, |x| x.support = v),
                    );
                    widgets::people(
                        ui,
                        edits,
                        S,
                        "Informed",
                        &r.informed,
                        &plan.people,
                        move |p, v| with(p, rid, |x| x.informed = v),
                    );
                    widgets::multiline(ui, edits, S, "Notes", &r.notes, move |p, v| {
                        with(p, rid, |x| x.notes = v)
                    });
                });
                if let Some(op) = row_ops(ui, "task", i, len) {
                    edits.push(S, op_label(op, "task"), move |p| {
                        apply_row_op(&mut p.responsibilities, |x| x.id == rid, op)
                    });
                }
            });
    }
}
