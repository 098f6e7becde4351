//! Section 5: how the approach is explained to electors, candidates and agents, staff and the media.

use egui::Ui;

use super::overview::op_label;
use super::{View, day, master_detail, position, short};
use crate::model::{Audience, Medium, Plan, Section, StakeholderMessage, StakeholderMessageId};
use crate::ui::edits::Edits;
use crate::ui::list::{List, Row};
use crate::ui::widgets::{self, apply_row_op, form, row_ops};

const S: Section = Section::Stakeholders;

/// The stakeholder messages screen.
#[derive(Default)]
pub struct Screen {
    /// The messages.
    pub list: List,
}

fn with(p: &mut Plan, id: StakeholderMessageId, f: impl FnOnce(&mut StakeholderMessage)) {
    if let Some(x) = p.stakeholder_messages.iter_mut().find(|x| x.id == id) {
        f(x);
    }
}

impl Screen {
    pub fn ui(&mut self, ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
        let plan = view.plan;
        let mut add = || {
            let id = StakeholderMessageId::new();
            edits.push(S, "add message", move |p| {
                p.stakeholder_messages.push(StakeholderMessage {
                    id,
                    audience: Audience::Electors,
                    message: String::new(),
                    medium: Medium::Website,
                    planned_on: None,
                    owner: None,
                });
            });
            id.0
        };
        let rows = || {
            plan.stakeholder_messages
                .iter()
                .map(|m| Row {
                    id: m.id.0,
                    cells: vec![
                        m.audience.label().to_owned(),
                        short(&m.message),
                        m.medium.label().to_owned(),
                        day(m.planned_on),
                        plan.person_name(m.owner).to_owned(),
                    ],
                    tint: None,
                })
                .collect()
        };
        let selected = master_detail(
            ui,
            &mut self.list,
            view,
            "message",
            "messages",
            "How the approach to integrity and security is explained to electors, candidates and agents, staff and the media, and when.",
            &[
                ("Audience", 150.0),
                ("What is explained", 320.0),
                ("How", 110.0),
                ("When", 100.0),
                ("Owner", 150.0),
            ],
            rows,
            Some(&mut add),
        );
        let Some(id) = selected else { return };
        let Some((i, len)) = position(&plan.stakeholder_messages, id, |m| m.id.0) else {
            return;
        };
        let m = &plan.stakeholder_messages[i];
        let mid = m.id;
        egui::ScrollArea::vertical()
            .id_salt("message-detail")
            .show(ui, |ui| {
                form(ui, ("message", id), |ui| {
                    widgets::choice(ui, edits, S, "Audience", m.audience, move |p, v| {
                        with(p, mid, |x| x.audience = v)
                    });
                    widgets::multiline(
                        ui,
                        edits,
                        S,
                        "What is explained",
                        &m.message,
                        move |p, v| with(p, mid, |x| x.message = v),
                    );
                    widgets::choice(ui, edits, S, "How", m.medium, move |p, v| {
                        with(p, mid, |x| x.medium = v)
                    });
                    widgets::date(ui, edits, S, "When", m.planned_on, true, move |p, v| {
                        with(p, mid, |x| x.planned_on = v)
                    });
                    widgets::person(ui, edits, S, "Owner", m.owner, &plan.people, move |p, v| {
                        with(p, mid, |x| x.owner = v)
                    });
                });
                if let Some(op) = row_ops(ui, "message", i, len) {
                    edits.push(S, op_label(op, "message"), move |p| {
                        apply_row_op(&mut p.stakeholder_messages, |x| x.id == mid, op)
                    });
                }
            });
    }
}
