//! Section 1: the election, the authority and the document's control data.

use egui::{RichText, Ui};

use super::{View, master_detail, position};
use chrono::NaiveDate;

use crate::model::{
    Contest, ContestId, CopyKind, DistributionEntry, ElectionType, Nation, Revision, Section,
    SignOffRole,
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
                    widgets::choice(ui, edits, S, "Principal election", o.election_type, |p, v| {
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
                ui.weak("Each contest is one ballot paper under its own law: its kind of election, nation, polling day and officer decide the postal-vote, proxy and voter ID rules that apply to it.");
                let template = o
                    .contests
                    .iter()
                    .rev()
                    .find(|c| self.contests.selected == Some(c.id.0))
                    .or(o.contests.last())
                    .cloned();
                let principal = (o.election_type, o.nation, o.poll_date, o.returning_officer);
                let mut add = || {
                    let id = ContestId::new();
                    let template = template.clone();
                    edits.push(S, "add contest", move |p| {
                        p.overview.contests.push(new_contest(id, template, principal));
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
                                c.election.label().to_owned(),
                                c.nation.label().to_owned(),
                                c.poll_date.format("%-d %b %Y").to_string(),
                                c.officer.label().to_owned(),
                                if c.taken_together { "Combined" } else { "Separate" }.to_owned(),
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
                    &[
                        ("Contest", 200.0),
                        ("Election", 200.0),
                        ("Nation", 90.0),
                        ("Polling day", 100.0),
                        ("Officer", 200.0),
                        ("Poll", 80.0),
                    ],
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
                        widgets::choice(ui, edits, S, "Contest election", c.election, move |p, v| {
                            with_contest(p, cid, |c| {
                                c.election = v;
                                keep_officer_lawful(c);
                            })
                        });
                        widgets::choice(ui, edits, S, "Contest nation", c.nation, move |p, v| {
                            with_contest(p, cid, |c| {
                                c.nation = v;
                                keep_officer_lawful(c);
                            })
                        });
                        widgets::date(ui, edits, S, "Contest polling day", Some(c.poll_date), false, move |p, v| {
                            if let Some(d) = v {
                                with_contest(p, cid, |c| c.poll_date = d);
                            }
                        });
                        let (election, nation) = (c.election, c.nation);
                        let officers = move || {
                            crate::law::law()
                                .ok()
                                .and_then(|law| law.contest(election))
                                .map(|l| {
                                    l.officers_in(nation)
                                        .map(|o| (o.role, o.role.label().to_owned()))
                                        .collect()
                                })
                                .unwrap_or_default()
                        };
                        widgets::pick(ui, edits, S, "Officer", &c.officer, c.officer.label(), officers, move |p, v| {
                            with_contest(p, cid, |c| c.officer = v)
                        });
                        widgets::person(ui, edits, S, "Officer's name", c.officer_person, &plan.people, move |p, v| {
                            with_contest(p, cid, |c| c.officer_person = v)
                        });
                        widgets::check(ui, edits, S, "Combined poll", "Taken together with the plan's other contests that day", c.taken_together, move |p, v| {
                            with_contest(p, cid, |c| c.taken_together = v)
                        });
                    });
                    contest_law(ui, c);
                    if let Some(op) = row_ops(ui, "contest", i, len) {
                        edits.push(S, op_label(op, "contest"), move |p| {
                            apply_row_op(&mut p.overview.contests, |c| c.id == cid, op)
                        });
                    }
                }
                combined_polls(ui, o);
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

/// A new contest: a copy of the law, officer and day of `template` (the selected or last contest), else the
/// plan's principal election.
fn new_contest(
    id: ContestId,
    template: Option<Contest>,
    (election, nation, poll_date, officer_person): (
        ElectionType,
        Nation,
        NaiveDate,
        Option<crate::model::PersonId>,
    ),
) -> Contest {
    let mut c = template.unwrap_or_else(|| {
        let mut c = crate::law::contests::contest_under_law("", election, nation, poll_date);
        c.officer_person = officer_person;
        c
    });
    c.id = id;
    c.name = "New contest".into();
    if let Some(law) = crate::law::law().ok().and_then(|l| l.contest(c.election)) {
        c.kind = law.kind;
    }
    keep_officer_lawful(&mut c);
    c
}

/// After the contest's election or nation changes, an officer its law does not name becomes the first it does.
fn keep_officer_lawful(c: &mut Contest) {
    let Some(law) = crate::law::law().ok().and_then(|l| l.contest(c.election)) else {
        return;
    };
    if law.officer(c.officer, c.nation).is_none()
        && let Some(officer) = law.default_officer(c.nation)
    {
        c.officer = officer;
    }
}

/// What the selected contest's law sets, each line with its source.
fn contest_law(ui: &mut Ui, c: &Contest) {
    use crate::law::contests::{handing_in_words, proxies_words, voter_id_words};
    let Some(law) = crate::law::law().ok().and_then(|l| l.contest(c.election)) else {
        return;
    };
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.strong(format!("The law of {}", c.name));
        if let Some(o) = law.officer(c.officer, c.nation) {
            ui.label(format!("{}: {}", o.role.label(), o.source));
        }
        match law.voting(c.nation, c.poll_date) {
            Ok(v) => {
                let line = |ui: &mut Ui, what: &str, words: &str, source: &str| {
                    ui.label(RichText::new(format!("{what}: {words}")).strong());
                    ui.weak(source);
                };
                line(ui, "Postal votes handed in", &handing_in_words(v), &v.handing_in_source);
                match &v.campaigners {
                    Some(source) => line(ui, "Campaigners handling postal votes", "an offence", source),
                    None => line(ui, "Campaigners handling postal votes", "no statutory offence", "The Electoral Commission's code of conduct asks campaigners not to handle postal votes."),
                }
                line(ui, "Proxies", &proxies_words(v), &v.proxies_source);
                line(ui, "Voter ID", voter_id_words(v), &v.voter_id_source);
            }
            Err(crate::law::contests::NotHeld::Before(from)) => {
                ui.colored_label(ui.visuals().warn_fg_color, format!("The program holds this election's voting law for polls from {from}: check the law in force on {}.", c.poll_date));
            }
            Err(crate::law::contests::NotHeld::Nation) => {
                ui.colored_label(ui.visuals().warn_fg_color, format!("A {} is not held in {}.", c.election.label(), c.nation.label()));
            }
        }
    });
}

/// Each polling day with more than one kind of election: who leads the combined poll, under which provision.
fn combined_polls(ui: &mut Ui, o: &crate::model::Overview) {
    use crate::law::combination::{Lead, lead, poll_days};
    let Ok(law) = crate::law::law() else {
        return;
    };
    for (day, contests) in poll_days(&o.contests) {
        match lead(law, &contests) {
            Lead::NotCombined => {}
            Lead::Contest { contest, source } => {
                ui.label(format!(
                    "Combined poll on {}: the officer for the {} ({}) leads the combined functions.",
                    day.format("%-d %B %Y"),
                    contest.election.label(),
                    contest.officer.label()
                ));
                ui.weak(source);
            }
            Lead::NotInOrder => {
                ui.label(format!(
                    "Combined poll on {}: the order the program holds (SI 2004/294 reg. 4) gives none of these elections the lead; record who leads, as the combination regulations that apply provide.",
                    day.format("%-d %B %Y")
                ));
            }
        }
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
