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

use egui::{RichText, Ui};

use super::edits::{Edits, Focus};

use super::screen::Screen;
pub use super::screen::View;
use crate::model::Section;

/// Every screen, in section order (egui_demo_lib's `DemoGroup`).
pub struct Screens {
    all: Vec<Box<dyn Screen>>,
}

impl Default for Screens {
    fn default() -> Self {
        let all: Vec<Box<dyn Screen>> = vec![
            Box::<overview::Screen>::default(),
            Box::<people::Screen>::default(),
            Box::<responsibilities::Screen>::default(),
            Box::<communication::Screen>::default(),
            Box::<stakeholders::Screen>::default(),
            Box::<candidate_data::Screen>::default(),
            Box::<fraud::Screen>::default(),
            Box::<escalation::Screen>::default(),
            Box::<risks::Screen>::default(),
            Box::<hotspots::Screen>::default(),
            Box::<events::Screen>::default(),
            Box::<custody::Screen>::default(),
            Box::<venues::Screen>::default(),
            Box::<allegations::Screen>::default(),
            Box::<key_dates::Screen>::default(),
        ];
        debug_assert!(
            all.iter()
                .map(|s| s.section())
                .eq(Section::ALL.iter().copied())
        );
        Screens { all }
    }
}

impl Screens {
    fn get(&mut self, section: Section) -> &mut dyn Screen {
        let i = Section::ALL.iter().position(|s| *s == section).unwrap_or(0);
        self.all[i].as_mut()
    }

    /// Draws the screen for `section`.
    pub fn show(&mut self, section: Section, ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
        ui.heading(RichText::new(format!("{}. {}", section.number(), section.label())).strong());
        ui.add_space(super::tokens::space::AFTER_INTRO);
        self.get(section).ui(ui, view, edits);
    }

    /// Selects the entity a finding is about.
    pub fn focus(&mut self, section: Section, focus: Focus) {
        self.get(section).focus(focus.id);
    }

    /// Puts the keyboard in the current screen's filter box.
    pub fn focus_filter(&mut self, section: Section) {
        if let Some(list) = self.get(section).list() {
            list.focus_filter = true;
        }
    }
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

/// A date as the editor shows dates: "Thu 6 May 2027".
pub fn day(date: Option<chrono::NaiveDate>) -> String {
    date.map_or_else(String::new, crate::when::display_date)
}

/// A date and time as the editor shows them: "Thu 6 May 2027 22:45".
pub fn moment(at: chrono::NaiveDateTime) -> String {
    crate::when::display_date_time(at)
}
