//! Section 1: the election, the authority and the document's control data.

use egui::{RichText, Ui};

use super::{View, master_detail, position};
use crate::model::{
    Contest, ContestId, ContestKind, CopyKind, DistributionEntry, Revision, Section, SignOffRole,
};
use crate::ui::edits::Edits;
use crate::ui::list::{List, Row};
use crate::ui::widgets::{self, RowOp, apply_row_op, form, row_ops};

const S: Section = Section::Overview;

/// The overview screen.
#[derive(Default)]
pub struct Screen {
    /// The contests list.
    pub contests: List,
}

impl Screen {
    pub fn ui(&mut self, ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
        let plan = view.plan;
        let o = &plan.overview;
        egui::ScrollArea::vertical()
            .id_salt("overview")
            .show(ui, |ui| {
                form(ui, "overview-form", |ui| {
                    widgets::text(ui, edits, S, "Title", &o.title, |p, v| p.overview.title = v);
                    widgets::text(ui, edits, S, "Authority", &o.authority, |p, v| {
                        p.overview.authority = v
                    });
                    widgets::text(ui, edits, S, "Police force", &o.police_force, |p, v| {
                        p.overview.police_force = v
                    });
                    widgets::choice(ui, edits, S, "Election type", o.election_type, |p, v| {
                        p.overview.election_type = v
                    });
                    widgets::date(
                        ui,
                        edits,
                        S,
                        "Polling day",
                        Some(o.poll_date),
                        false,
                        |p, v| {
                            if let Some(d) = v {
                                p.overview.poll_date = d;
                            }
                        },
                    );
                    widgets::choice(ui, edits, S, "Nation", o.nation, |p, v| {
                        p.overview.nation = v
                    });
                    widgets::dates(
                        ui,
                        edits,
                        S,
                        "Days of thanksgiving or mourning",
                        &o.disregarded_days,
                        |p, v| p.overview.disregarded_days = v,
                    );
                    widgets::person(
                        ui,
                        edits,
                        S,
                        "Returning Officer",
                        o.returning_officer,
                        &plan.people,
                        |p, v| p.overview.returning_officer = v,
                    );
                    widgets::people(
                        ui,
                        edits,
                        S,
                        "Deputy Returning Officers",
                        &o.deputies,
                        &plan.people,
                        |p, v| p.overview.deputies = v,
                    );
                    widgets::text(ui, edits, S, "Version", &o.version, |p, v| {
                        p.overview.version = v
                    });
                    widgets::choice(ui, edits, S, "Status", o.status, |p, v| {
                        p.overview.status = v
                    });
                    widgets::choice(ui, edits, S, "Protective marking", o.marking, |p, v| {
                        p.overview.marking = v
                    });
                });
                ui.add_space(12.0);
                ui.heading("Contests");
                let mut add = || {
                    let id = ContestId::new();
                    edits.push(S, "add contest", move |p| {
                        p.overview.contests.push(Contest {
                            id,
                            name: "New contest".into(),
                            kind: ContestKind::Ward,
                            seats: 1,
                        });
                    });
                    id.0
                };
                let rows = || {
                    o.contests
                        .iter()
                        .map(|c| Row {
                            id: c.id.0,
                            cells: vec![
                                c.name.clone(),
                                c.kind.label().to_owned(),
                                c.seats.to_string(),
                            ],
                            tint: None,
                        })
                        .collect()
                };
                let selected = master_detail(
                    ui,
                    &mut self.contests,
                    view,
                    "contest",
                    "contests",
                    "",
                    &[("Contest", 220.0), ("Kind", 160.0), ("Seats", 60.0)],
                    rows,
                    Some(&mut add),
                );
                if let Some(id) = selected
                    && let Some((i, len)) = position(&o.contests, id, |c| c.id.0)
                {
                    let c = &o.contests[i];
                    let cid = c.id;
                    form(ui, ("contest", id), |ui| {
                        widgets::text(ui, edits, S, "Contest name", &c.name, move |p, v| {
                            with_contest(p, cid, |c| c.name = v)
                        });
                        widgets::choice(ui, edits, S, "Kind", c.kind, move |p, v| {
                            with_contest(p, cid, |c| c.kind = v)
                        });
                        widgets::count(ui, edits, S, "Seats", c.seats, move |p, v| {
                            with_contest(p, cid, |c| c.seats = v)
                        });
                    });
                    if let Some(op) = row_ops(ui, "contest", i, len) {
                        edits.push(S, op_label(op, "contest"), move |p| {
                            apply_row_op(&mut p.overview.contests, |c| c.id == cid, op)
                        });
                    }
                }
                ui.add_space(12.0);
                revisions(ui, view, edits);
                ui.add_space(12.0);
                distribution(ui, view, edits);
                ui.add_space(12.0);
                sign_offs(ui, view, edits);
            });
    }
}

/// The undo label for a row operation.
pub fn op_label(op: RowOp, what: &str) -> String {
    match op {
        RowOp::Up | RowOp::Down => format!("move {what}"),
        RowOp::Remove => format!("remove {what}"),
    }
}

fn with_contest(p: &mut crate::model::Plan, id: ContestId, f: impl FnOnce(&mut Contest)) {
    if let Some(c) = p.overview.contests.iter_mut().find(|c| c.id == id) {
        f(c);
    }
}

fn revisions(ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
    let o = &view.plan.overview;
    ui.heading("Revision history");
    if o.revisions.is_empty() {
        ui.weak("No revisions recorded. Record each version the police see.");
    }
    for (i, r) in o.revisions.iter().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            form(ui, ("revision", i), |ui| {
                widgets::text(
                    ui,
                    edits,
                    S,
                    &format!("Revision {} version", i + 1),
                    &r.version,
                    move |p, v| set_revision(p, i, |r| r.version = v),
                );
                widgets::date(
                    ui,
                    edits,
                    S,
                    &format!("Revision {} date", i + 1),
                    Some(r.date),
                    false,
                    move |p, v| {
                        if let Some(d) = v {
                            set_revision(p, i, |r| r.date = d);
                        }
                    },
                );
                widgets::text(
                    ui,
                    edits,
                    S,
                    &format!("Revision {} author", i + 1),
                    &r.author,
                    move |p, v| set_revision(p, i, |r| r.author = v),
                );
                widgets::text(
                    ui,
                    edits,
                    S,
                    &format!("Revision {} changes", i + 1),
                    &r.summary,
                    move |p, v| set_revision(p, i, |r| r.summary = v),
                );
            });
            if ui.button(format!("Remove revision {}", i + 1)).clicked() {
                edits.push(S, "remove revision", move |p| {
                    if i < p.overview.revisions.len() {
                        p.overview.revisions.remove(i);
                    }
                });
            }
        });
    }
    if ui.button("Add revision").clicked() {
        let date = view.now.date();
        edits.push(S, "add revision", move |p| {
            let version = p.overview.version.clone();
            p.overview.revisions.push(Revision {
                version,
                date,
                author: String::new(),
                summary: String::new(),
            });
        });
    }
}

fn set_revision(p: &mut crate::model::Plan, i: usize, f: impl FnOnce(&mut Revision)) {
    if let Some(r) = p.overview.revisions.get_mut(i) {
        f(r);
    }
}

fn distribution(ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
    let o = &view.plan.overview;
    ui.heading("Distribution");
    if o.distribution.is_empty() {
        ui.weak("Nobody is on the distribution list yet.");
    }
    for (i, d) in o.distribution.iter().enumerate() {
        ui.horizontal(|ui| {
            let set = move |p: &mut crate::model::Plan, f: &dyn Fn(&mut DistributionEntry)| {
                if let Some(d) = p.overview.distribution.get_mut(i) {
                    f(d);
                }
            };
            form(ui, ("distribution", i), |ui| {
                widgets::text(
                    ui,
                    edits,
                    S,
                    &format!("Recipient {}", i + 1),
                    &d.recipient,
                    move |p, v| set(p, &|d| d.recipient = v.clone()),
                );
                widgets::text(
                    ui,
                    edits,
                    S,
                    &format!("Organisation {}", i + 1),
                    &d.organisation,
                    move |p, v| set(p, &|d| d.organisation = v.clone()),
                );
                widgets::choice(
                    ui,
                    edits,
                    S,
                    &format!("Copy {}", i + 1),
                    d.copy,
                    move |p, v| set(p, &|d| d.copy = v),
                );
            });
            if ui.button(format!("Remove recipient {}", i + 1)).clicked() {
                edits.push(S, "remove recipient", move |p| {
                    if i < p.overview.distribution.len() {
                        p.overview.distribution.remove(i);
                    }
                });
            }
        });
    }
    if ui.button("Add recipient").clicked() {
        edits.push(S, "add recipient", |p| {
            p.overview.distribution.push(DistributionEntry {
                recipient: String::new(),
                organisation: String::new(),
                copy: CopyKind::Full,
            });
        });
    }
}

fn sign_offs(ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
    let plan = view.plan;
    ui.heading("Sign-off");
    ui.label(
        RichText::new("Who signs for the RO, the police SPOC and the FEOA, and when they signed.")
            .weak(),
    );
    form(ui, "sign-offs", |ui| {
        for role in SignOffRole::ALL {
            let role = *role;
            let current = plan.overview.sign_offs.iter().find(|s| s.role == role);
            widgets::person(
                ui,
                edits,
                S,
                &format!("{} signatory", role.label()),
                current.and_then(|s| s.person),
                &plan.people,
                move |p, v| {
                    sign_off(p, role).person = v;
                },
            );
            widgets::date(
                ui,
                edits,
                S,
                &format!("{} signed on", role.label()),
                current.and_then(|s| s.signed_on),
                true,
                move |p, v| {
                    sign_off(p, role).signed_on = v;
                },
            );
        }
    });
}

fn sign_off(p: &mut crate::model::Plan, role: SignOffRole) -> &mut crate::model::SignOff {
    let o = &mut p.overview;
    if let Some(i) = o.sign_offs.iter().position(|s| s.role == role) {
        return &mut o.sign_offs[i];
    }
    o.sign_offs.push(crate::model::SignOff {
        role,
        person: None,
        signed_on: None,
    });
    let last = o.sign_offs.len() - 1;
    &mut o.sign_offs[last]
}
