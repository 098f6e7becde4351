//! Section 1: the election, the authority, its contests and the document's control data.

use chrono::NaiveDate;
use egui::{RichText, Ui};

use super::day;
use crate::model::issue::section_list;
use crate::model::{
    Agreement, AgreementMethod, Contest, ContestId, CopyKind, DistributionEntry, ElectionType,
    Fingerprint, IssuedCopyId, Nation, Plan, Revision, Section, SignOffRole,
};
use crate::ui::edits::Edits;
use crate::ui::form::{EntityForm, Form, Whole};
use crate::ui::list::List;
use crate::ui::screen::{Columns, Declare, ListScreen, Parts, Tabbed, View, columns};

const S: Section = Section::Overview;

crate::ui::screen::parts! {
    Election => "The election",
    Contests => "Contests",
    Control => "Document control",
}

/// The overview screen.
pub type Screen = Tabbed<Overview>;

/// The overview's parts: the election, its contests and the document's control.
#[derive(Default)]
pub struct Overview {
    contests: ListScreen<Contests>,
    revision: Revision,
}

impl Parts for Overview {
    type Tab = Tab;
    const SECTION: Section = S;
    const LIST_TAB: Tab = Tab::Contests;

    fn part(&mut self, tab: Tab, ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
        match tab {
            Tab::Election => election(ui, view, edits),
            Tab::Contests => self.contests.show(ui, view, edits),
            Tab::Control => {
                egui::ScrollArea::vertical()
                    .id_salt("control")
                    .show(ui, |ui| {
                        self.revisions(ui, view, edits);
                        ui.add_space(12.0);
                        distribution(ui, view, edits);
                        ui.add_space(12.0);
                        issued_copies(ui, view);
                        ui.add_space(12.0);
                        sign_offs(ui, view, edits);
                    });
            }
        }
    }

    fn list(&mut self, _tab: Tab) -> &mut List {
        &mut self.contests.list
    }
}

/// The election, the authority and the document's version, status and marking.
fn election(ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
    let plan = view.plan;
    let o = &plan.overview;
    egui::ScrollArea::vertical()
        .id_salt("overview")
        .show(ui, |ui| {
            Form::show(ui, edits, (S, Whole), "overview-form", false, |form| {
                form.text("Title", &o.title, |p, v| p.overview.title = v);
                form.text("Authority", &o.authority, |p, v| p.overview.authority = v);
                form.text("Police force", &o.police_force, |p, v| {
                    p.overview.police_force = v
                });
                let principal = o.election_type;
                form.choice("Principal election", principal, |p, v| {
                    p.overview.election_type = v
                });
                form.day("Polling day", o.poll_date, |p, v| p.overview.poll_date = v);
                form.choice("Nation", o.nation, |p, v| p.overview.nation = v);
                let days = "Days of thanksgiving or mourning";
                form.dates(days, &o.disregarded_days, |p, v| {
                    p.overview.disregarded_days = v
                });
                let ro = o.returning_officer;
                form.person("Returning Officer", ro, &plan.people, |p, v| {
                    p.overview.returning_officer = v;
                });
                let deputies = "Deputy Returning Officers";
                form.people(deputies, &o.deputies, &plan.people, |p, v| {
                    p.overview.deputies = v
                });
                form.text("Version", &o.version, |p, v| p.overview.version = v);
                form.choice("Status", o.status, |p, v| p.overview.status = v);
                form.choice("Protective marking (full copy)", o.marking, |p, v| {
                    p.overview.marking = v
                });
                // OFFICIAL unless marked otherwise: the sensitive detail is withheld from it.
                let redacted = "Protective marking (redacted copy)";
                form.choice(redacted, o.redacted_marking, |p, v| {
                    p.overview.redacted_marking = v
                });
                let hint = "Say how many entries each section withholds";
                form.check("Redacted copy counts", hint, o.count_withheld, |p, v| {
                    p.overview.count_withheld = v
                });
                let annex = "Readiness annex as at";
                form.date(annex, o.readiness_as_at, true, |p, v| {
                    p.overview.readiness_as_at = v;
                });
            });
            combined_polls(ui, o);
        });
}

/// The contests' columns, a contest's fields and the law that applies to it.
#[derive(Default)]
struct Contests;

impl Declare for Contests {
    type E = Contest;
    const INTRO: &'static str = "Each contest is one ballot paper under its own law: its kind of \
        election, nation, polling day and officer decide the postal-vote, proxy and voter ID rules \
        that apply to it.";
    const COLUMNS: Columns = columns![
        "Contest" 200, "Election" 200, "Nation" 90, "Polling day" 120, "Officer" 200, "Poll" 80,
    ];

    fn cells(&self, _plan: &Plan, c: &Self::E) -> Vec<String> {
        let poll = if c.taken_together {
            "Combined"
        } else {
            "Separate"
        };
        vec![
            c.name.clone(),
            c.election.label().to_owned(),
            c.nation.label().to_owned(),
            day(Some(c.poll_date)),
            c.officer.label().to_owned(),
            poll.to_owned(),
        ]
    }

    fn create(&mut self, view: &View<'_>) -> Self::E {
        let o = &view.plan.overview;
        let template = o.contests.last().cloned();
        let principal = (o.election_type, o.nation, o.poll_date, o.returning_officer);
        new_contest(ContestId::new(), template, principal)
    }

    fn fields(&mut self, form: &mut EntityForm<'_, Self::E>, c: &Self::E, view: &View<'_>) {
        form.text("Contest name", &c.name, |x, v| x.name = v);
        form.choice("Kind", c.kind, |x, v| x.kind = v);
        form.count("Seats", c.seats, |x, v| x.seats = v);
        form.choice("Contest election", c.election, |x, v| {
            x.election = v;
            keep_officer_lawful(x);
        });
        form.choice("Contest nation", c.nation, |x, v| {
            x.nation = v;
            keep_officer_lawful(x);
        });
        form.day("Contest polling day", c.poll_date, |x, v| x.poll_date = v);
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
        let shown = (&c.officer, c.officer.label());
        form.pick("Officer", shown, officers, |x, v| x.officer = v);
        let person = c.officer_person;
        form.person("Officer's name", person, &view.plan.people, |x, v| {
            x.officer_person = v
        });
        let together = "Taken together with the plan's other contests that day";
        form.check("Combined poll", together, c.taken_together, |x, v| {
            x.taken_together = v
        });
    }

    fn below(&mut self, ui: &mut Ui, _view: &View<'_>, _edits: &mut Edits, c: &Self::E) {
        contest_law(ui, c);
    }
}

/// A new contest: a copy of the law, officer and day of `template` (the selected or last contest),
/// else the plan's principal election.
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

/// After the contest's election or nation changes, an officer its law does not name becomes the
/// first it does.
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
                let handing_in = handing_in_words(v);
                line(
                    ui,
                    "Postal votes handed in",
                    &handing_in,
                    &v.handing_in_source,
                );
                let campaigners = "Campaigners handling postal votes";
                match &v.campaigners {
                    Some(source) => line(ui, campaigners, "an offence", source),
                    None => line(
                        ui,
                        campaigners,
                        "no statutory offence",
                        "The Electoral Commission's code of conduct asks campaigners not to \
                         handle postal votes.",
                    ),
                }
                line(ui, "Proxies", &proxies_words(v), &v.proxies_source);
                line(ui, "Voter ID", voter_id_words(v), &v.voter_id_source);
            }
            Err(crate::law::contests::NotHeld::Before(from)) => {
                let text = format!(
                    "The program holds this election's voting law for polls from {from}: check \
                     the law in force on {}.",
                    c.poll_date
                );
                ui.colored_label(ui.visuals().warn_fg_color, text);
            }
            Err(crate::law::contests::NotHeld::Nation) => {
                let text = format!(
                    "A {} is not held in {}.",
                    c.election.label(),
                    c.nation.label()
                );
                ui.colored_label(ui.visuals().warn_fg_color, text);
            }
        }
    });
}

/// Each polling day with more than one kind of election: who leads the combined poll, under which
/// provision.
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
                    "Combined poll on {}: the officer for the {} ({}) leads the combined \
                     functions.",
                    day.format("%-d %B %Y"),
                    contest.election.label(),
                    contest.officer.label()
                ));
                ui.weak(source);
            }
            Lead::NotInOrder => {
                ui.label(format!(
                    "Combined poll on {}: the order the program holds (SI 2004/294 reg. 4) gives \
                     none of these elections the lead; record who leads, as the combination \
                     regulations that apply provide.",
                    day.format("%-d %B %Y")
                ));
            }
        }
    }
}

impl Overview {
    /// The revision history: each version the police see, recorded once and fixed from then on.
    fn revisions(&mut self, ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
        let o = &view.plan.overview;
        ui.heading("Revision history");
        if o.revisions.is_empty() {
            ui.weak("No revisions recorded. Record each version the police see.");
        }
        egui::Grid::new("revisions")
            .striped(true)
            .num_columns(4)
            .show(ui, |ui| {
                for h in ["Version", "Date", "Author", "Changes"] {
                    ui.strong(h);
                }
                ui.end_row();
                for r in &o.revisions {
                    ui.label(&r.version);
                    ui.label(day(Some(r.date)));
                    ui.label(&r.author);
                    ui.add(egui::Label::new(&r.summary).wrap());
                    ui.end_row();
                }
            });
        ui.add_space(6.0);
        ui.strong("Record a revision");
        let draft = &mut self.revision;
        if draft.version.is_empty() {
            draft.version.clone_from(&o.version);
        }
        if draft.date == NaiveDate::default() {
            draft.date = view.now.date();
        }
        let mut record = false;
        ui.horizontal_wrapped(|ui| {
            for (name, value, width) in [
                ("Version", &mut draft.version, 60.0),
                ("Author", &mut draft.author, 160.0),
                ("Changes", &mut draft.summary, 320.0),
            ] {
                let label = ui.label(name);
                ui.add(egui::TextEdit::singleline(value).desired_width(width))
                    .labelled_by(label.id);
            }
            let ready = !draft.summary.trim().is_empty() && !draft.version.trim().is_empty();
            record = ui
                .add_enabled(ready, egui::Button::new("Record revision"))
                .on_hover_text("A revision is fixed once recorded, dated today")
                .clicked();
        });
        if record {
            let revision = std::mem::take(&mut self.revision);
            let texts = [&revision.version, &revision.author, &revision.summary];
            if texts
                .iter()
                .any(|t| crate::ui::widgets::refused_characters(t, edits))
            {
                self.revision = revision;
                return;
            }
            edits.push(S, "record revision", move |p| {
                p.overview.revisions.push(revision)
            });
        }
    }
}

/// Who receives a copy, and which copy.
fn distribution(ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
    let o = &view.plan.overview;
    ui.heading("Distribution");
    if o.distribution.is_empty() {
        ui.weak("Nobody is on the distribution list yet.");
    }
    for (i, d) in o.distribution.iter().enumerate() {
        let n = i + 1;
        ui.horizontal(|ui| {
            Form::show(ui, edits, (S, Whole), ("distribution", i), false, |form| {
                fn get(p: &mut Plan, i: usize) -> Option<&mut DistributionEntry> {
                    p.overview.distribution.get_mut(i)
                }
                form.text(&format!("Recipient {n}"), &d.recipient, move |p, v| {
                    if let Some(d) = get(p, i) {
                        d.recipient = v;
                    }
                });
                form.text(
                    &format!("Organisation {n}"),
                    &d.organisation,
                    move |p, v| {
                        if let Some(d) = get(p, i) {
                            d.organisation = v;
                        }
                    },
                );
                form.choice(&format!("Copy {n}"), d.copy, move |p, v| {
                    if let Some(d) = get(p, i) {
                        d.copy = v;
                    }
                });
            });
            if ui.button(format!("Remove recipient {n}")).clicked() {
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

/// The log of copies issued (exported) from the plan: read-only, appended by every export.
fn issued_copies(ui: &mut Ui, view: &View<'_>) {
    let copies = &view.plan.overview.issued_copies;
    ui.heading("Issued copies");
    ui.weak(
        "Every copy exported from the plan, with the fingerprint of what it contained. An \
         agreement approves one of these copies.",
    );
    if copies.is_empty() {
        ui.label("No copy has been issued yet: export the plan (File ▸ Export) to issue one.");
        return;
    }
    egui::Grid::new("issued-copies")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for c in copies {
                ui.label(c.describe());
                ui.monospace(c.fingerprint.short());
                ui.end_row();
            }
        });
}

/// Who agrees the plan for the RO, the police SPOC and the FEOA: the issued copy each approved,
/// how and when, and what changed since.
fn sign_offs(ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
    let plan = view.plan;
    ui.heading("Agreements");
    ui.weak(
        "Who agrees the plan for the RO, the police SPOC and the FEOA: the issued copy each \
         approved, how the agreement was given and when.",
    );
    let now = Fingerprint::of(plan);
    Form::show(ui, edits, (S, Whole), "sign-offs", false, |form| {
        for role in SignOffRole::ALL {
            let role = *role;
            let current = plan.overview.sign_offs.iter().find(|s| s.role == role);
            let agreement = current.and_then(|s| s.agreement.as_ref());
            let label = role.label();
            let person = current.and_then(|s| s.person);
            form.person(
                &format!("{label}: agreed by"),
                person,
                &plan.people,
                move |p, v| p.sign_off_mut(role).person = v,
            );
            let copy = agreement.and_then(|a| a.copy);
            let shown = copy
                .and_then(|id| plan.issued_copy(id))
                .map_or_else(|| "— (not bound to a copy)".to_owned(), |c| c.describe());
            form.pick(
                &format!("{label}: approves copy"),
                (&copy, &shown),
                || {
                    let mut options = vec![(None, "— (not bound to a copy)".to_owned())];
                    options.extend(
                        plan.overview
                            .issued_copies
                            .iter()
                            .rev()
                            .map(|c| (Some(c.id), c.describe())),
                    );
                    options
                },
                move |p: &mut Plan, v| bind(p, role, v),
            );
            if let Some(a) = agreement {
                form.choice(&format!("{label}: given by"), a.given, move |p, v| {
                    if let Some(a) = &mut p.sign_off_mut(role).agreement {
                        a.given = v;
                    }
                });
                form.text(&format!("{label}: reference"), &a.reference, move |p, v| {
                    if let Some(a) = &mut p.sign_off_mut(role).agreement {
                        a.reference = v;
                    }
                });
            }
            let date = agreement.map(|a| a.date);
            form.date(&format!("{label}: agreed on"), date, true, move |p, v| {
                set_agreed_on(p, role, v)
            });
            if let Some(a) = agreement {
                let since = match &a.fingerprint {
                    None => "Not bound to content: pick the issued copy it approves.".to_owned(),
                    Some(agreed) => {
                        let changed = now.changed_since(agreed);
                        if changed.is_empty() {
                            format!("Nothing: the plan is as in {}.", a.describe())
                        } else {
                            format!("{} changed since {}.", section_list(&changed), a.describe())
                        }
                    }
                };
                form.shown(&format!("{label}: changed since"), &since);
            }
            for old in current.map_or(&[][..], |s| s.superseded.as_slice()) {
                let since = match &old.fingerprint {
                    None => "not bound to content".to_owned(),
                    Some(agreed) => {
                        let changed = now.changed_since(agreed);
                        if changed.is_empty() {
                            "nothing changed since".to_owned()
                        } else {
                            format!("{} changed since", section_list(&changed))
                        }
                    }
                };
                let text = format!("{}; {since}", old.describe());
                form.shown(&format!("{label}: superseded"), &text);
            }
        }
    });
}

/// Binds `role`'s agreement to issued copy `copy` (the earlier agreement is kept as superseded),
/// or unbinds it.
fn bind(p: &mut Plan, role: SignOffRole, copy: Option<IssuedCopyId>) {
    let current = p.sign_off_mut(role).agreement.clone();
    match copy {
        Some(copy) => {
            let (given, reference, date) = match &current {
                Some(a) => (a.given, a.reference.clone(), a.date),
                None => match p.issued_copy(copy) {
                    Some(c) => (AgreementMethod::Email, String::new(), c.date),
                    None => return,
                },
            };
            p.agree(role, copy, given, &reference, date);
        }
        None => {
            if let Some(a) = &mut p.sign_off_mut(role).agreement {
                a.copy = None;
                a.version.clear();
                a.fingerprint = None;
            }
        }
    }
}

/// Sets the date of `role`'s agreement; a date with no agreement yet records one not bound to a
/// copy, and clearing the date removes the agreement.
fn set_agreed_on(p: &mut Plan, role: SignOffRole, date: Option<NaiveDate>) {
    let sign_off = p.sign_off_mut(role);
    match (date, &mut sign_off.agreement) {
        (None, agreement) => *agreement = None,
        (Some(date), Some(a)) => a.date = date,
        (Some(date), agreement @ None) => {
            *agreement = Some(Agreement {
                copy: None,
                version: String::new(),
                given: AgreementMethod::default(),
                reference: String::new(),
                date,
                fingerprint: None,
            })
        }
    }
}

#[cfg(test)]
#[path = "tests/overview.rs"]
mod tests;
