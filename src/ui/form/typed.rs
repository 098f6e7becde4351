//! Fields for a value typed as text and parsed: dates (day first or ISO, or picked from the
//! calendar), times, dates and times, numbers.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use egui::Ui;

use super::{Form, Place};
use crate::model::{Plan, Section};
use crate::ui::calendar;
use crate::ui::edits::Edits;
use crate::ui::tokens::space;
use crate::when;

/// A typed field's fixed parts: where it is, what it is called, its label, what it shows and how
/// wide it is.
struct Typed<'a> {
    section: Section,
    name: &'a str,
    label: egui::Id,
    shown: String,
    width: f32,
}

/// A field for a value typed as text and parsed: the text is kept while it does not parse, with the
/// reason beside it, and applied as soon as it does. Leaving it invalid puts back what the plan
/// holds and says so.
fn parsed<T: PartialEq + 'static>(
    ui: &mut Ui,
    edits: &mut Edits,
    field: Typed<'_>,
    parse: impl Fn(&str) -> Result<T, String>,
    current: &T,
    set: impl FnOnce(&mut Plan, T) + 'static,
) {
    let Typed {
        section,
        name,
        label,
        shown,
        width,
    } = field;
    let id = ui.scope_id().with(("field", name));
    let draft: Option<String> = ui.data(|d| d.get_temp(id));
    let mut buffer = draft.clone().unwrap_or(shown);
    let edit = egui::TextEdit::singleline(&mut buffer)
        .id(id)
        .desired_width(width);
    let response = ui.add(edit).labelled_by(label);
    let parsed = parse(&buffer);
    if let (Some(_), Err(reason)) = (&draft, &parsed) {
        ui.colored_label(ui.visuals().error_fg_color, reason)
            .on_hover_text("Not saved until it is valid");
    }
    match (&parsed, response.changed()) {
        (Ok(_), true) => ui.data_mut(|d| d.remove::<String>(id)),
        (Err(_), true) => {
            ui.data_mut(|d| d.insert_temp(id, buffer.clone()));
        }
        _ => {}
    }
    if response.lost_focus() {
        edits.seal = true;
        if parsed.is_err() {
            ui.data_mut(|d| d.remove::<String>(id));
            edits.notice = Some(format!(
                "{name}: \u{201c}{buffer}\u{201d} was not valid and was not saved"
            ));
        }
    }
    if let Ok(value) = parsed
        && response.changed()
        && value != *current
    {
        let label = format!("edit {}", name.to_lowercase());
        edits.push_coalesced(section, label, id, move |p| set(p, value));
    }
}

/// Parses a date typed day first or ISO ("7/5/2027", "2027-05-07", "Fri 7 May 2027"); empty is
/// `None` when `optional`.
pub fn parse_date(text: &str, optional: bool) -> Result<Option<NaiveDate>, String> {
    match when::parse_optional_date(text)? {
        None if !optional => Err("a date is required, e.g. 7/5/2027".to_owned()),
        date => Ok(date),
    }
}

impl<P: Place> Form<'_, P> {
    /// A field typed and parsed, on its own row.
    fn typed_field<T: PartialEq + 'static>(
        &mut self,
        (name, shown, width): (&str, String, f32),
        parse: impl Fn(&str) -> Result<T, String>,
        current: &T,
        set: impl FnOnce(&mut Plan, T) + 'static,
    ) {
        let label = self.label(name);
        let field = Typed {
            section: self.section,
            name,
            label,
            shown,
            width,
        };
        parsed(self.ui, self.edits, field, parse, current, set);
        self.ui.end_row();
    }

    /// A date, typed day first or ISO, or picked from the calendar; `optional` offers Clear.
    pub fn date(
        &mut self,
        name: &str,
        value: Option<NaiveDate>,
        optional: bool,
        set: impl Fn(&mut P::Value, Option<NaiveDate>) + Clone + 'static,
    ) {
        let set = self.lift_fn(set);
        let label = self.label(name);
        let field = Typed {
            section: self.section,
            name,
            label,
            shown: value.map_or_else(String::new, when::display_date),
            width: space::DATE_WIDTH,
        };
        let (mut picked, mut cleared) = (None, false);
        let edits = &mut *self.edits;
        self.ui.horizontal(|ui| {
            let typed = set.clone();
            let parse = |t: &str| parse_date(t, optional);
            parsed(ui, edits, field, parse, &value, move |p, v| typed(p, v));
            picked = calendar::button(ui, name, value).filter(|d| Some(*d) != value);
            let clear = format!("Clear the {}", name.to_lowercase());
            cleared =
                optional && value.is_some() && ui.button("Clear").on_hover_text(clear).clicked();
        });
        self.ui.end_row();
        if let Some(d) = picked {
            let set = set.clone();
            self.set("edit", name, move |p| set(p, Some(d)));
        }
        if cleared {
            self.set("clear", name, move |p| set(p, None));
        }
    }

    /// A date that must be given.
    pub fn day(
        &mut self,
        name: &str,
        value: NaiveDate,
        set: impl Fn(&mut P::Value, NaiveDate) + Clone + 'static,
    ) {
        self.date(name, Some(value), false, move |x, v| {
            if let Some(v) = v {
                set(x, v);
            }
        });
    }

    /// Several dates, separated by commas (empty for none).
    pub fn dates(
        &mut self,
        name: &str,
        value: &[NaiveDate],
        set: impl FnOnce(&mut P::Value, Vec<NaiveDate>) + 'static,
    ) {
        let shown: Vec<String> = value.iter().map(|d| when::display_date(*d)).collect();
        let parse = |text: &str| -> Result<Vec<NaiveDate>, String> {
            let mut days = text
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(when::parse_date)
                .collect::<Result<Vec<_>, _>>()?;
            days.sort();
            days.dedup();
            Ok(days)
        };
        let set = self.lift(set);
        let field = (name, shown.join(", "), space::DATES_WIDTH);
        self.typed_field(field, parse, &value.to_vec(), set);
    }

    /// A time of day, HH:MM.
    pub fn time(
        &mut self,
        name: &str,
        value: Option<NaiveTime>,
        optional: bool,
        set: impl FnOnce(&mut P::Value, Option<NaiveTime>) + 'static,
    ) {
        let shown = value.map_or_else(String::new, |t| t.format("%H:%M").to_string());
        let parse = move |t: &str| -> Result<Option<NaiveTime>, String> {
            match t.trim() {
                "" if optional => Ok(None),
                "" => Err("a time is required (HH:MM)".to_owned()),
                t => when::parse_clock_time(t).map(Some),
            }
        };
        let set = self.lift(set);
        self.typed_field((name, shown, space::TIME_WIDTH), parse, &value, set);
    }

    /// A date and time: a date typed day first or ISO, then HH:MM.
    pub fn date_time(
        &mut self,
        name: &str,
        value: Option<NaiveDateTime>,
        set: impl FnOnce(&mut P::Value, Option<NaiveDateTime>) + 'static,
    ) {
        let shown = value.map_or_else(String::new, when::display_date_time);
        let parse = |t: &str| -> Result<Option<NaiveDateTime>, String> {
            match t.trim() {
                "" => Ok(None),
                t => when::parse_date_time(t).map(Some),
            }
        };
        let set = self.lift(set);
        self.typed_field((name, shown, space::DATE_TIME_WIDTH), parse, &value, set);
    }

    /// A level or a value: a number, or empty for none.
    pub fn number(
        &mut self,
        name: &str,
        value: Option<f64>,
        set: impl FnOnce(&mut P::Value, Option<f64>) + 'static,
    ) {
        let shown = value.map_or_else(String::new, crate::model::number);
        let parse = |t: &str| -> Result<Option<f64>, String> {
            match t.trim() {
                "" => Ok(None),
                t => match t.parse::<f64>() {
                    Ok(v) if v.is_finite() => Ok(Some(v)),
                    _ => Err("not a number".to_owned()),
                },
            }
        };
        let set = self.lift(set);
        self.typed_field((name, shown, space::NUMBER_WIDTH), parse, &value, set);
    }
}
