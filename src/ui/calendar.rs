//! The editor's own date picker: a month grid that marks polling day, bank holidays and the other
//! days the election timetable disregards (from the timetable engine), with plain month and year
//! navigation.

use std::sync::Arc;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use egui::{Id, RichText, Ui};

use super::tokens;
use crate::law::calendar::{Calendar, Disregarded};
use crate::model::Plan;
use crate::timetable::{self, Request};

/// What the calendar marks: polling day and the election calendar's disregarded days.
#[derive(Clone)]
pub struct Marks {
    /// Polling day.
    pub poll: NaiveDate,
    /// The election timetable's calendar, if the plan's law gives one.
    pub calendar: Option<Calendar<'static>>,
}

impl Marks {
    /// The marks for a plan.
    pub fn of(plan: &Plan) -> Marks {
        let request = Request::for_plan(plan);
        let calendar = timetable::holidays()
            .ok()
            .and_then(|h| timetable::election_calendar(&request, h).ok());
        Marks {
            poll: plan.overview.poll_date,
            calendar,
        }
    }

    /// Why a weekday is not a working day in the election timetable (weekends are plain to see).
    pub fn note(&self, day: NaiveDate) -> Option<String> {
        if day == self.poll {
            return Some("Polling day".to_owned());
        }
        match self.calendar.as_ref()?.disregards(day)? {
            Disregarded::Weekend => None,
            other => Some(format!("Not a working day for the timetable: {other}")),
        }
    }
}

fn marks_id() -> Id {
    Id::unique("calendar-marks")
}

/// Shares the open plan's marks with every date field drawn this frame.
pub fn set_marks(ctx: &egui::Context, marks: Option<Arc<Marks>>) {
    ctx.data_mut(|d| match marks {
        Some(m) => {
            d.insert_temp(marks_id(), m);
        }
        None => d.remove::<Arc<Marks>>(marks_id()),
    });
}

fn marks(ui: &Ui) -> Option<Arc<Marks>> {
    ui.data(|d| d.get_temp::<Arc<Marks>>(marks_id()))
}

/// The first day of the month `months` after (or before) `month`'s.
fn shift(month: NaiveDate, months: i32) -> NaiveDate {
    let m = Months::new(months.unsigned_abs());
    let moved = if months >= 0 {
        month.checked_add_months(m)
    } else {
        month.checked_sub_months(m)
    };
    moved.unwrap_or(month)
}

/// The days shown for a month: whole weeks from Monday, `None` outside the month.
pub fn grid(month: NaiveDate) -> Vec<Option<NaiveDate>> {
    let first = month.with_day(1).unwrap_or(month);
    let lead = first.weekday().num_days_from_monday() as usize;
    let mut days = vec![None; lead];
    let mut day = first;
    while day.month() == first.month() {
        days.push(Some(day));
        match day.checked_add_days(Days::new(1)) {
            Some(next) => day = next,
            None => break,
        }
    }
    while days.len() % 7 != 0 {
        days.push(None);
    }
    days
}

/// A "Calendar…" button that opens the month grid; returns the day picked.
pub fn button(ui: &mut Ui, name: &str, value: Option<NaiveDate>) -> Option<NaiveDate> {
    let month_id = ui.scope_id().with(("calendar-month", name));
    let response = ui.button("Calendar…").on_hover_text(format!(
        "Choose the {} from a calendar",
        name.to_lowercase()
    ));
    let marks = marks(ui);
    let fallback = marks
        .as_ref()
        .map_or_else(|| chrono::Local::now().date_naive(), |m| m.poll);
    if response.clicked() {
        let shown = value.unwrap_or(fallback).with_day(1).unwrap_or(fallback);
        ui.data_mut(|d| d.insert_temp(month_id, shown));
    }
    let mut picked = None;
    egui::Popup::menu(&response)
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .show(|ui| {
            let month: NaiveDate = ui
                .data(|d| d.get_temp(month_id))
                .unwrap_or_else(|| value.unwrap_or(fallback).with_day(1).unwrap_or(fallback));
            if let Some(next) = navigation(ui, month) {
                ui.data_mut(|d| d.insert_temp(month_id, next));
            }
            picked = month_grid(ui, month, value, marks.as_deref());
            if picked.is_some() {
                ui.close();
            }
        });
    picked
}

/// "‹ Year  ‹ Month   May 2027   Month ›  Year ›"; returns the month moved to.
fn navigation(ui: &mut Ui, month: NaiveDate) -> Option<NaiveDate> {
    let mut next = None;
    ui.horizontal(|ui| {
        if ui
            .button("‹ Year")
            .on_hover_text("The same month a year earlier")
            .clicked()
        {
            next = Some(shift(month, -12));
        }
        if ui
            .button("‹ Month")
            .on_hover_text("The month before")
            .clicked()
        {
            next = Some(shift(month, -1));
        }
        ui.label(RichText::new(month.format("%B %Y").to_string()).strong());
        if ui
            .button("Month ›")
            .on_hover_text("The month after")
            .clicked()
        {
            next = Some(shift(month, 1));
        }
        if ui
            .button("Year ›")
            .on_hover_text("The same month a year later")
            .clicked()
        {
            next = Some(shift(month, 12));
        }
    });
    next
}

fn month_grid(
    ui: &mut Ui,
    month: NaiveDate,
    value: Option<NaiveDate>,
    marks: Option<&Marks>,
) -> Option<NaiveDate> {
    let mut picked = None;
    egui::Grid::new(("calendar-grid", month)).show(ui, |ui| {
        for name in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] {
            ui.weak(name);
        }
        ui.end_row();
        for (i, day) in grid(month).into_iter().enumerate() {
            if let Some(day) = day {
                let note = marks.and_then(|m| m.note(day));
                let mut text = RichText::new(day.day().to_string());
                if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                    text = text.weak();
                }
                let poll = marks.is_some_and(|m| m.poll == day);
                let mut button = egui::Button::new(if poll {
                    text.color(egui::Color32::WHITE).strong()
                } else if note.is_some() {
                    text.color(tokens::ON_FILL)
                } else {
                    text
                })
                .selected(value == Some(day));
                if poll {
                    button = button.fill(tokens::POLLING_DAY);
                } else if note.is_some() {
                    button = button.fill(tokens::HOLIDAY_FILL);
                }
                let mut response = ui.add(button);
                let said = day.format("%A %-d %B %Y").to_string();
                response = match &note {
                    Some(n) => response.on_hover_text(format!("{said}: {n}")),
                    None => response.on_hover_text(said),
                };
                if response.clicked() {
                    picked = Some(day);
                }
            } else {
                ui.label("");
            }
            if i % 7 == 6 {
                ui.end_row();
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        legend(ui, tokens::POLLING_DAY, "Polling day");
        legend(
            ui,
            tokens::HOLIDAY_FILL,
            "Not a working day for the timetable",
        );
    });
    picked
}

fn legend(ui: &mut Ui, colour: egui::Color32, text: &str) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, colour);
    ui.weak(text);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ElectionType;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_month_is_whole_weeks_from_monday() {
        // May 2027 begins on a Saturday: five blanks, then 1 to 31, then blanks to Sunday.
        let g = grid(day(2027, 5, 17));
        assert_eq!(g.len() % 7, 0);
        assert_eq!(g.iter().take_while(|d| d.is_none()).count(), 5);
        assert_eq!(g[5], Some(day(2027, 5, 1)));
        assert_eq!(g.iter().flatten().count(), 31);
    }

    #[test]
    fn marks_name_polling_day_and_the_bank_holidays_the_timetable_passes_over() {
        let plan = Plan::empty(ElectionType::EnglishLocal, day(2027, 5, 6));
        let marks = Marks::of(&plan);
        assert_eq!(marks.note(day(2027, 5, 6)).as_deref(), Some("Polling day"));
        // The early May bank holiday, 3 May 2027 (England and Wales).
        let note = marks.note(day(2027, 5, 3)).unwrap();
        assert!(note.contains("Not a working day"), "{note}");
        assert_eq!(marks.note(day(2027, 5, 4)), None);
        assert_eq!(
            marks.note(day(2027, 5, 8)),
            None,
            "weekends are not called out"
        );
    }

    #[test]
    fn navigation_moves_by_whole_months_and_years() {
        assert_eq!(shift(day(2027, 1, 1), -1), day(2026, 12, 1));
        assert_eq!(shift(day(2027, 5, 1), 12), day(2028, 5, 1));
    }
}
