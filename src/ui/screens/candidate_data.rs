//! Section 6: sharing candidate contact details with the FEOA: the arrangement, the log of each
//! transfer, and the candidates.

use egui::Ui;
use uuid::Uuid;

use super::day;
use crate::model::{
    Candidate, CandidateDataField, Contest, ContestId, DataTransfer, DataTransferId, Plan, Section,
};
use crate::ui::edits::Edits;
use crate::ui::form::{EntityForm, Form, Place, Whole};
use crate::ui::list::List;
use crate::ui::screen::{Columns, Declare, ListScreen, Parts, Tabbed, View, columns};

const S: Section = Section::CandidateData;

crate::ui::screen::parts! {
    Arrangement => "Sharing arrangement",
    Transfers => "Transfer log",
    Candidates => "Candidates",
}

/// The candidate data screen.
pub type Screen = Tabbed<CandidateData>;

/// The candidate data's parts: the sharing arrangement, the transfer log and the candidates.
#[derive(Default)]
pub struct CandidateData {
    transfers: ListScreen<Transfers>,
    candidates: ListScreen<Candidates>,
    /// A finding's entity, shown on the next frame on the tab its list is on.
    pending_focus: Option<Uuid>,
}

impl Parts for CandidateData {
    type Tab = Tab;
    const SECTION: Section = S;
    const LIST_TAB: Tab = Tab::Candidates;

    fn part(&mut self, tab: Tab, ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
        match tab {
            Tab::Arrangement => arrangement(ui, view, edits),
            Tab::Transfers => self.transfers.show(ui, view, edits),
            Tab::Candidates => self.candidates.show(ui, view, edits),
        }
    }

    fn list(&mut self, tab: Tab) -> &mut List {
        match tab {
            Tab::Transfers => &mut self.transfers.list,
            _ => &mut self.candidates.list,
        }
    }

    /// The transfer or candidate a finding named, on its tab.
    fn before(&mut self, tab: &mut Tab, _ui: &mut Ui, view: &View<'_>) {
        let Some(id) = self.pending_focus.take() else {
            return;
        };
        let transfers = &view.plan.candidate_data.transfers;
        *tab = if transfers.iter().any(|t| t.id.0 == id) {
            Tab::Transfers
        } else {
            Tab::Candidates
        };
        self.list(*tab).select(id);
    }

    fn focus(&mut self, id: Uuid) -> Option<Tab> {
        self.pending_focus = Some(id);
        None
    }
}

/// What is shared with the FEOA, on what basis, how it is sent and kept.
fn arrangement(ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
    let c = &view.plan.candidate_data;
    let people = &view.plan.people;
    ui.label(
        "What is shared with the force elected-official adviser, on what lawful basis, how it is \
         sent and kept. Candidate details are withheld from redacted exports.",
    );
    egui::ScrollArea::vertical()
        .id_salt("sharing")
        .show(ui, |ui| {
            Form::show(ui, edits, (S, Whole), "sharing", false, |form| {
                let hint = "Candidate details are shared with the FEOA";
                form.check("Sharing", hint, c.sharing, |p, v| {
                    p.candidate_data.sharing = v
                });
                form.person("Recipient", c.recipient, people, |p, v| {
                    p.candidate_data.recipient = v;
                });
                fields(form, "What is shared", &c.fields, |p| {
                    Some(&mut p.candidate_data.fields)
                });
                form.maybe_choice("Lawful basis", c.lawful_basis, |p, v| {
                    p.candidate_data.lawful_basis = v;
                });
                let condition = "Article 9 condition (party)";
                form.maybe_choice(condition, c.special_category, |p, v| {
                    p.candidate_data.special_category = v;
                });
                let why = "Why that basis applies";
                form.multiline(why, &c.basis_explanation, |p, v| {
                    p.candidate_data.basis_explanation = v;
                });
                form.text("How it is sent", &c.transmission, |p, v| {
                    p.candidate_data.transmission = v;
                });
                form.text("Retention and destruction", &c.retention, |p, v| {
                    p.candidate_data.retention = v;
                });
                let notice = c.privacy_notice_reviewed;
                form.date("Privacy notice reviewed", notice, true, |p, v| {
                    p.candidate_data.privacy_notice_reviewed = v;
                });
                let covers = c.privacy_notice_feoa;
                form.maybe_choice("Privacy notice covers the FEOA", covers, |p, v| {
                    p.candidate_data.privacy_notice_feoa = v;
                });
                let policy = c.data_protection_policy_reviewed;
                form.date("Data protection policy reviewed", policy, true, |p, v| {
                    p.candidate_data.data_protection_policy_reviewed = v;
                });
            });
            if c.has_special_category_data() {
                ui.weak(
                "A candidate's party is political opinion, special category data: record the UK \
                 GDPR Article 9 condition (and its Data Protection Act 2018 Sch. 1 condition) \
                 besides the Article 6 basis.",
            );
            }
        });
}

/// A box per kind of candidate data, ticked for those in `current`; a change edits the list
/// `fields_of` finds in the form's value.
fn fields<P: Place>(
    form: &mut Form<'_, P>,
    name: &str,
    current: &[CandidateDataField],
    fields_of: fn(&mut P::Value) -> Option<&mut Vec<CandidateDataField>>,
) {
    let mut changed = None;
    form.row(name, |ui| {
        for field in CandidateDataField::ALL {
            let mut on = current.contains(field);
            if ui.checkbox(&mut on, field.label()).changed() {
                changed = Some((*field, on));
            }
        }
    });
    if let Some((field, on)) = changed {
        form.change(&format!("change {}", name.to_lowercase()), move |x| {
            let Some(fields) = fields_of(x) else { return };
            if !on {
                fields.retain(|f| *f != field);
            } else if !fields.contains(&field) {
                fields.push(field);
            }
        });
    }
}

/// The transfer log's columns and a transfer's fields.
#[derive(Default)]
struct Transfers;

impl Declare for Transfers {
    type E = DataTransfer;
    const INTRO: &'static str = "Each time candidate data goes to the police, log it here: a new \
        entry starts from the sharing arrangement.";
    const COLUMNS: Columns = columns![
        "Date" 120, "To" 160, "What" 220, "Article 6" 170, "Article 9" 220,
    ];

    fn cells(&self, plan: &Plan, t: &Self::E) -> Vec<String> {
        let what: Vec<&str> = t.fields.iter().map(|f| f.label()).collect();
        let article9 = if t.has_special_category_data() {
            t.special_category.map_or("Not recorded", |s| s.label())
        } else {
            "Not needed"
        };
        vec![
            day(Some(t.date)),
            plan.person_name(t.recipient).to_owned(),
            what.join(", "),
            t.lawful_basis
                .map_or("Not recorded", |b| b.label())
                .to_owned(),
            article9.to_owned(),
        ]
    }

    fn create(&mut self, view: &View<'_>) -> Self::E {
        let c = &view.plan.candidate_data;
        DataTransfer {
            id: DataTransferId::new(),
            date: view.now.date(),
            time: Some(view.now.time()),
            recipient: c.recipient,
            sent_by: None,
            fields: c.fields.clone(),
            candidates: Vec::new(),
            lawful_basis: c.lawful_basis,
            special_category: c.special_category,
            method: c.transmission.clone(),
            // The home address forms' requests go with the data.
            addresses_not_public: c.addresses_not_public(),
            notes: String::new(),
        }
    }

    fn fields(&mut self, form: &mut EntityForm<'_, Self::E>, t: &Self::E, view: &View<'_>) {
        let people = &view.plan.people;
        form.day("Sent on", t.date, |x, v| x.date = v);
        form.time("Sent at", t.time, true, |x, v| x.time = v);
        form.person("Sent to", t.recipient, people, |x, v| x.recipient = v);
        form.person("Sent by", t.sent_by, people, |x, v| x.sent_by = v);
        fields(form, "What was sent", &t.fields, |x| Some(&mut x.fields));
        let basis = "Transfer's Article 6 basis";
        form.maybe_choice(basis, t.lawful_basis, |x, v| x.lawful_basis = v);
        let condition = "Transfer's Article 9 condition";
        form.maybe_choice(condition, t.special_category, |x, v| x.special_category = v);
        form.text("Sent how", &t.method, |x, v| x.method = v);
        let candidates = &view.plan.candidate_data.candidates;
        let flagged: Vec<&str> = candidates
            .iter()
            .filter(|c| t.addresses_not_public.contains(&c.id))
            .map(|c| c.name.as_str())
            .collect();
        let shown = if flagged.is_empty() {
            "None".to_owned()
        } else {
            flagged.join(", ")
        };
        form.shown(
            "Home address not to be made public (told to the FEOA)",
            &shown,
        );
        let now = c_flags(candidates);
        if now != t.addresses_not_public {
            let mut update = false;
            form.row("Home address forms changed since", |ui| {
                update = ui
                    .button("Record the requests as they stand now")
                    .on_hover_text("Only if the FEOA was told of the change")
                    .clicked();
            });
            if update {
                form.change("update home address requests sent", move |x| {
                    x.addresses_not_public = now;
                });
            }
        }
        form.multiline("Transfer notes", &t.notes, |x, v| x.notes = v);
    }
}

/// The candidates whose home address form asks that it not be made public.
fn c_flags(candidates: &[Candidate]) -> Vec<crate::model::CandidateId> {
    candidates
        .iter()
        .filter(|c| c.home_address_not_public)
        .map(|c| c.id)
        .collect()
}

/// The candidates' columns and a candidate's fields.
#[derive(Default)]
struct Candidates;

impl Declare for Candidates {
    type E = Candidate;
    const COLUMNS: Columns = columns!["Candidate" 200, "Contest" 160, "Party" 200, "Consented" 80];

    fn create(&mut self, _view: &View<'_>) -> Self::E {
        Self::E::default()
    }

    fn cells(&self, plan: &Plan, x: &Self::E) -> Vec<String> {
        let contest = x
            .contest
            .and_then(|id| plan.overview.contests.iter().find(|c| c.id == id))
            .map_or("", |c| c.name.as_str());
        let consented = if x.consented { "Yes" } else { "No" };
        vec![
            x.name.clone(),
            contest.to_owned(),
            x.party.clone(),
            consented.to_owned(),
        ]
    }

    fn fields(&mut self, form: &mut EntityForm<'_, Self::E>, x: &Self::E, view: &View<'_>) {
        form.text("Candidate name", &x.name, |x, v| x.name = v);
        let contest = x.contest.map(|c| c.0);
        form.reference::<Contest>("Contest", contest, view.plan, |x, v| {
            x.contest = v.map(ContestId);
        });
        form.text("Party or description", &x.party, |x, v| x.party = v);
        form.multiline("Home address", &x.address, |x, v| x.address = v);
        form.text("Telephone", &x.phone, |x, v| x.phone = v);
        form.text("Email", &x.email, |x, v| x.email = v);
        let hint = "Agreed to their details going to the FEOA";
        form.check("Consented", hint, x.consented, |x, v| x.consented = v);
        let hint = "Their home address form asks that it not be made public";
        form.check(
            "Home address not public",
            hint,
            x.home_address_not_public,
            |x, v| {
                x.home_address_not_public = v;
            },
        );
    }
}

#[cfg(test)]
#[path = "tests/candidate_data.rs"]
mod tests;
