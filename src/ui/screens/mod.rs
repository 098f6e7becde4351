//! One screen per plan section. A screen reads the plan and records what the user did in [`Edits`].

mod allegations;
mod candidate_data;
mod communication;
mod custody;
mod escalation;
mod events;
mod fraud;
mod hotspots;
mod key_dates;
mod overview;
mod people;
mod responsibilities;
mod risks;
mod stakeholders;
mod venues;

use chrono::NaiveDateTime;
use egui::{RichText, Ui};
use uuid::Uuid;

use super::edits::{Edits, Focus};
use super::list::{List, Row};
use crate::model::{Plan, Section};
use crate::validate::Finding;

/// What every screen reads.
pub struct View<'a> {
    /// The plan.
    pub plan: &'a Plan,
    /// The plan's revision (it changes whenever the plan does, keystroke by keystroke): screens rebuild
    /// cached rows when it changes.
    pub revision: u64,
    /// The current findings.
    pub findings: &'a [Finding],
    /// Now, for "overdue" and "not yet received".
    pub now: NaiveDateTime,
    /// This machine's name, from which a desk's default custody log is made.
    pub device: &'a str,
}

/// The screens' state, kept while a plan is open.
#[derive(Default)]
pub struct Screens {
    overview: overview::Screen,
    people: people::Screen,
    responsibilities: responsibilities::Screen,
    communication: communication::Screen,
    stakeholders: stakeholders::Screen,
    candidate_data: candidate_data::Screen,
    fraud: fraud::Screen,
    escalation: escalation::Screen,
    risks: risks::Screen,
    hotspots: hotspots::Screen,
    events: events::Screen,
    custody: custody::Screen,
    venues: venues::Screen,
    allegations: allegations::Screen,
    key_dates: key_dates::Screen,
}

impl Screens {
    /// Draws the screen for `section`.
    pub fn show(&mut self, section: Section, ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
        ui.horizontal(|ui| {
            ui.heading(
                RichText::new(format!("{}. {}", section.number(), section.label())).strong(),
            );
        });
        ui.add_space(4.0);
        match section {
            Section::Overview => self.overview.ui(ui, view, edits),
            Section::People => self.people.ui(ui, view, edits),
            Section::Responsibilities => self.responsibilities.ui(ui, view, edits),
            Section::Communication => self.communication.ui(ui, view, edits),
            Section::Stakeholders => self.stakeholders.ui(ui, view, edits),
            Section::CandidateData => self.candidate_data.ui(ui, view, edits),
            Section::Fraud => self.fraud.ui(ui, view, edits),
            Section::Escalation => self.escalation.ui(ui, view, edits),
            Section::Risks => self.risks.ui(ui, view, edits),
            Section::Hotspots => self.hotspots.ui(ui, view, edits),
            Section::Events => self.events.ui(ui, view, edits),
            Section::Custody => self.custody.ui(ui, view, edits),
            Section::Venues => self.venues.ui(ui, view, edits),
            Section::Allegations => self.allegations.ui(ui, view, edits),
            Section::KeyDates => self.key_dates.ui(ui, view, edits),
        }
    }

    fn list(&mut self, section: Section) -> Option<&mut List> {
        Some(match section {
            Section::Overview => &mut self.overview.contests,
            Section::People => &mut self.people.list,
            Section::Responsibilities => &mut self.responsibilities.list,
            Section::Communication => &mut self.communication.list,
            Section::Stakeholders => &mut self.stakeholders.list,
            Section::CandidateData => &mut self.candidate_data.list,
            Section::Fraud => &mut self.fraud.list,
            Section::Escalation => &mut self.escalation.list,
            Section::Risks => &mut self.risks.list,
            Section::Hotspots => &mut self.hotspots.list,
            Section::Events => &mut self.events.list,
            Section::Custody => &mut self.custody.list,
            Section::Venues => &mut self.venues.list,
            Section::Allegations => &mut self.allegations.list,
            Section::KeyDates => &mut self.key_dates.list,
        })
    }

    /// Selects the entity a finding is about.
    pub fn focus(&mut self, section: Section, focus: Focus) {
        if section == Section::Custody {
            self.custody.focus(focus.id);
        } else if section == Section::Venues {
            self.venues.focus(focus.id);
        } else if section == Section::CandidateData {
            self.candidate_data.focus(focus.id);
        }
        if let Some(list) = self.list(section) {
            list.selected = Some(focus.id);
            list.scroll_to_selected = true;
        }
    }

    /// Puts the keyboard in the current screen's filter box.
    pub fn focus_filter(&mut self, section: Section) {
        if let Some(list) = self.list(section) {
            list.focus_filter = true;
        }
    }
}

/// The usual screen: a short explanation, an Add button and a filter, the list, and the selected entry's form.
/// Returns the selected id, if it is still in the plan.
#[allow(clippy::too_many_arguments)]
pub fn master_detail(
    ui: &mut Ui,
    list: &mut List,
    view: &View<'_>,
    what: &str,
    what_plural: &str,
    intro: &str,
    columns: &[(&str, f32)],
    rows: impl FnOnce() -> Vec<Row>,
    add: Option<&mut dyn FnMut() -> Uuid>,
) -> Option<Uuid> {
    if !intro.is_empty() {
        ui.label(intro);
        ui.add_space(4.0);
    }
    list.set_rows(view.revision, rows);
    ui.horizontal(|ui| {
        if let Some(add) = add
            && ui.button(format!("Add {what}")).clicked()
        {
            let id = add();
            list.selected = Some(id);
            list.scroll_to_selected = true;
            list.filter.clear();
        }
        ui.separator();
        list.filter_box(ui, what_plural);
    });
    let (all, _) = list.counts();
    if all == 0 {
        ui.add_space(12.0);
        ui.label(RichText::new(format!("No {what_plural} yet.")).strong());
        ui.label(format!("Use \u{201c}Add {what}\u{201d} to add the first one. The readiness panel lists what a reviewer will look for here."));
        return None;
    }
    let height = (ui.available_height() * 0.42).max(140.0);
    list.table(ui, &format!("table-{what_plural}"), columns, height);
    ui.separator();
    let selected = list
        .selected
        .filter(|id| list.selected_row().is_some_and(|r| r.id == *id));
    if selected.is_none() {
        ui.weak(format!("Select a {what} in the list to see and edit it."));
    }
    selected
}

/// The index of an entity in a list by id, and the list's length.
pub fn position<T>(items: &[T], id: Uuid, key: impl Fn(&T) -> Uuid) -> Option<(usize, usize)> {
    items
        .iter()
        .position(|x| key(x) == id)
        .map(|i| (i, items.len()))
}

/// A short text cut to one line, for list cells.
pub fn short(text: &str) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    if line.chars().count() > 90 {
        format!("{}…", line.chars().take(88).collect::<String>())
    } else {
        line.to_owned()
    }
}

/// A date for a list cell.
pub fn day(date: Option<chrono::NaiveDate>) -> String {
    date.map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string())
}
