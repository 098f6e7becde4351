//! Form fields that turn what the user typed into edits: every field has a visible label that is also its
//! accessible name, and a change is applied through the undo history.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use egui::{Color32, RichText, Ui};

use super::calendar;
use super::edits::Edits;
use super::tokens::{self, space};
use crate::model::limits::MAX_TEXT;
use crate::model::{Choice, Person, PersonId, Plan, Section};

/// A labelled row in a two-column form grid; returns the label's id for `labelled_by`.
fn label(ui: &mut Ui, text: &str) -> egui::Id {
    ui.label(RichText::new(text).strong()).id
}

/// A single-line text field.
pub fn text(
    ui: &mut Ui,
    edits: &mut Edits,
    section: Section,
    name: &str,
    value: &str,
    set: impl FnOnce(&mut Plan, String) + 'static,
) -> egui::Response {
    let label_id = label(ui, name);
    let mut buffer = value.to_owned();
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut buffer)
                .desired_width(f32::INFINITY)
                .char_limit(MAX_TEXT),
        )
        .labelled_by(label_id);
    finish_text(edits, (section, name), &response, buffer, value, set);
    ui.end_row();
    response
}

/// A multi-line text field.
pub fn multiline(
    ui: &mut Ui,
    edits: &mut Edits,
    section: Section,
    name: &str,
    value: &str,
    set: impl FnOnce(&mut Plan, String) + 'static,
) -> egui::Response {
    let label_id = label(ui, name);
    let mut buffer = value.to_owned();
    let response = ui
        .add(
            egui::TextEdit::multiline(&mut buffer)
                .desired_rows(3)
                .desired_width(f32::INFINITY)
                .char_limit(MAX_TEXT),
        )
        .labelled_by(label_id);
    finish_text(edits, (section, name), &response, buffer, value, set);
    ui.end_row();
    response
}

/// The first control character in `text` that no plan may hold (all but line breaks and tabs).
pub fn control_character(text: &str) -> Option<char> {
    text.chars()
        .find(|c| c.is_control() && !matches!(c, '\n' | '\t'))
}

/// Whether text holds a control character no plan may hold (NUL, ESC and the like, from a paste or a
/// scanner); if so the change is refused and the user told why.
pub fn refused_characters(text: &str, edits: &mut Edits) -> bool {
    let Some(c) = control_character(text) else {
        return false;
    };
    edits.notice = Some(format!(
        "That text holds the control character U+{:04X} (from a paste or a scanner), which a plan cannot hold; the change was not made.",
        u32::from(c)
    ));
    true
}

fn finish_text(
    edits: &mut Edits,
    (section, name): (Section, &str),
    response: &egui::Response,
    buffer: String,
    value: &str,
    set: impl FnOnce(&mut Plan, String) + 'static,
) {
    if response.changed() && refused_characters(&buffer, edits) {
        return;
    }
    if response.changed() && buffer != value {
        edits.push_coalesced(
            section,
            format!("edit {}", name.to_lowercase()),
            response.id,
            move |p| set(p, buffer),
        );
    }
    if response.lost_focus() {
        edits.seal = true;
    }
}

/// A list of lines (steps of a procedure) edited as one multi-line field, one item per line.
pub fn lines(
    ui: &mut Ui,
    edits: &mut Edits,
    section: Section,
    name: &str,
    value: &[String],
    set: impl FnOnce(&mut Plan, Vec<String>) + 'static,
) {
    let label_id = label(ui, name);
    let joined = value.join("\n");
    let mut buffer = joined.clone();
    let response = ui
        .add(
            egui::TextEdit::multiline(&mut buffer)
                .desired_rows(value.len().clamp(3, 10))
                .desired_width(f32::INFINITY)
                .char_limit(MAX_TEXT),
        )
        .labelled_by(label_id)
        .on_hover_text("One step per line");
    if response.changed() && refused_characters(&buffer, edits) {
        ui.end_row();
        return;
    }
    if response.changed() && buffer != joined {
        let items: Vec<String> = buffer.lines().map(str::to_owned).collect();
        edits.push_coalesced(
            section,
            format!("edit {}", name.to_lowercase()),
            response.id,
            move |p| set(p, items),
        );
    }
    if response.lost_focus() {
        edits.seal = true;
    }
    ui.end_row();
}

/// A typed field's fixed parts: where it is, what it is called, what it shows and how wide it is.
struct Typed<'a> {
    section: Section,
    label_id: egui::Id,
    name: &'a str,
    shown: String,
    width: f32,
}

/// A field for a value typed as text and parsed (a date, a time, a number): the text is kept while it does
/// not parse, with the reason beside it, and applied as soon as it does.
fn parsed<T: PartialEq + 'static>(
    ui: &mut Ui,
    edits: &mut Edits,
    field: Typed<'_>,
    parse: impl Fn(&str) -> Result<T, String>,
    current: &T,
    set: impl FnOnce(&mut Plan, T) + 'static,
) -> egui::Response {
    let Typed {
        section,
        label_id,
        name,
        shown,
        width,
    } = field;
    let id = ui.scope_id().with(("field", name));
    let draft: Option<String> = ui.data(|d| d.get_temp(id));
    let mut buffer = draft.clone().unwrap_or(shown);
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut buffer)
                .id(id)
                .desired_width(width),
        )
        .labelled_by(label_id);
    let parsed = parse(&buffer);
    if response.changed() {
        match &parsed {
            Ok(value) if value != current => {
                ui.data_mut(|d| d.remove::<String>(id));
                let value = parse(&buffer);
                if let Ok(value) = value {
                    edits.push_coalesced(
                        section,
                        format!("edit {}", name.to_lowercase()),
                        id,
                        move |p| set(p, value),
                    );
                }
            }
            Ok(_) => {
                ui.data_mut(|d| d.remove::<String>(id));
            }
            Err(_) => {
                ui.data_mut(|d| d.insert_temp(id, buffer.clone()));
            }
        }
    }
    if let (Some(_), Err(reason)) = (&draft, &parsed) {
        ui.colored_label(ui.visuals().error_fg_color, reason)
            .on_hover_text("Not saved until it is valid");
    }
    if response.lost_focus() {
        edits.seal = true;
        if parsed.is_err() {
            // Leaving a field with an invalid value puts back what the plan holds.
            ui.data_mut(|d| d.remove::<String>(id));
            edits.notice = Some(format!(
                "{name}: \u{201c}{buffer}\u{201d} was not valid and was not saved"
            ));
        }
    }
    response
}

/// Parses a date typed day first or ISO ("7/5/2027", "2027-05-07", "Fri 7 May 2027"); empty is
/// `None` when `optional`.
pub fn parse_date(text: &str, optional: bool) -> Result<Option<NaiveDate>, String> {
    match crate::when::parse_optional_date(text)? {
        None if !optional => Err("a date is required, e.g. 7/5/2027".to_owned()),
        date => Ok(date),
    }
}

/// A list of dates, typed day first or ISO, separated by commas (empty for none).
pub fn dates(
    ui: &mut Ui,
    edits: &mut Edits,
    section: Section,
    name: &str,
    value: &[NaiveDate],
    set: impl FnOnce(&mut Plan, Vec<NaiveDate>) + 'static,
) {
    let label_id = label(ui, name);
    let shown = value
        .iter()
        .map(|d| crate::when::display_date(*d))
        .collect::<Vec<_>>()
        .join(", ");
    let parse = |text: &str| -> Result<Vec<NaiveDate>, String> {
        let mut days: Vec<NaiveDate> = text
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(crate::when::parse_date)
            .collect::<Result<_, _>>()?;
        days.sort();
        days.dedup();
        Ok(days)
    };
    let current = value.to_vec();
    ui.vertical(|ui| {
        let field = Typed {
            section,
            label_id,
            name,
            shown,
            width: 320.0,
        };
        parsed(ui, edits, field, parse, &current, set);
    });
    ui.end_row();
}

/// A date: typed day first or ISO, or picked from the calendar.
pub fn date(
    ui: &mut Ui,
    edits: &mut Edits,
    section: Section,
    name: &str,
    value: Option<NaiveDate>,
    optional: bool,
    set: impl Fn(&mut Plan, Option<NaiveDate>) + Clone + 'static,
) {
    let label_id = label(ui, name);
    ui.horizontal(|ui| {
        let shown = value.map_or_else(String::new, crate::when::display_date);
        let set_typed = set.clone();
        let field = Typed {
            section,
            label_id,
            name,
            shown,
            width: space::DATE_WIDTH,
        };
        let parse = |t: &str| parse_date(t, optional);
        parsed(ui, edits, field, parse, &value, move |p, v| set_typed(p, v));
        if let Some(d) = calendar::button(ui, name, value)
            && Some(d) != value
        {
            let set = set.clone();
            edits.push(section, format!("edit {}", name.to_lowercase()), move |p| {
                set(p, Some(d))
            });
        }
        if optional
            && value.is_some()
            && ui
                .button("Clear")
                .on_hover_text(format!("Clear the {}", name.to_lowercase()))
                .clicked()
        {
            edits.push(
                section,
                format!("clear {}", name.to_lowercase()),
                move |p| set(p, None),
            );
        }
    });
    ui.end_row();
}

/// A time of day, HH:MM.
pub fn time(
    ui: &mut Ui,
    edits: &mut Edits,
    section: Section,
    name: &str,
    value: Option<NaiveTime>,
    optional: bool,
    set: impl FnOnce(&mut Plan, Option<NaiveTime>) + 'static,
) {
    let label_id = label(ui, name);
    let shown = value.map_or_else(String::new, |t| t.format("%H:%M").to_string());
    let parse = move |t: &str| -> Result<Option<NaiveTime>, String> {
        let t = t.trim();
        if t.is_empty() {
            return if optional {
                Ok(None)
            } else {
                Err("a time is required (HH:MM)".to_owned())
            };
        }
        NaiveTime::parse_from_str(t, "%H:%M")
            .map(Some)
            .map_err(|_| "not a time: use HH:MM (24-hour)".to_owned())
    };
    let field = Typed {
        section,
        label_id,
        name,
        shown,
        width: space::TIME_WIDTH,
    };
    parsed(ui, edits, field, parse, &value, set);
    ui.end_row();
}

/// A date and time: a date typed day first or ISO, then HH:MM.
pub fn date_time(
    ui: &mut Ui,
    edits: &mut Edits,
    section: Section,
    name: &str,
    value: Option<NaiveDateTime>,
    set: impl FnOnce(&mut Plan, Option<NaiveDateTime>) + 'static,
) {
    let label_id = label(ui, name);
    let shown = value.map_or_else(String::new, crate::when::display_date_time);
    let parse = |t: &str| -> Result<Option<NaiveDateTime>, String> {
        let t = t.trim();
        if t.is_empty() {
            return Ok(None);
        }
        crate::when::parse_date_time(t).map(Some)
    };
    let field = Typed {
        section,
        label_id,
        name,
        shown,
        width: space::DATE_TIME_WIDTH,
    };
    parsed(ui, edits, field, parse, &value, set);
    ui.end_row();
}

/// A level or a value: a number, or empty for none.
pub fn number(
    ui: &mut Ui,
    edits: &mut Edits,
    section: Section,
    name: &str,
    value: Option<f64>,
    set: impl FnOnce(&mut Plan, Option<f64>) + 'static,
) {
    let label_id = label(ui, name);
    let shown = value.map_or_else(String::new, crate::model::number);
    let parse = |t: &str| -> Result<Option<f64>, String> {
        let t = t.trim();
        if t.is_empty() {
            return Ok(None);
        }
        match t.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(Some(v)),
            _ => Err("not a number".to_owned()),
        }
    };
    let field = Typed {
        section,
        label_id,
        name,
        shown,
        width: space::NUMBER_WIDTH,
    };
    parsed(ui, edits, field, parse, &value, set);
    ui.end_row();
}

/// A whole number.
pub fn count(
    ui: &mut Ui,
    edits: &mut Edits,
    section: Section,
    name: &str,
    value: u32,
    set: impl FnOnce(&mut Plan, u32) + 'static,
) {
    let label_id = label(ui, name);
    let mut v = value;
    let response = ui
        .add(egui::DragValue::new(&mut v).range(0..=1_000_000))
        .labelled_by(label_id);
    if v != value {
        edits.push_coalesced(
            section,
            format!("edit {}", name.to_lowercase()),
            response.id,
            move |p| set(p, v),
        );
    }
    if response.drag_stopped() || response.lost_focus() {
        edits.seal = true;
    }
    ui.end_row();
}

/// A yes/no box.
pub fn check(
    ui: &mut Ui,
    edits: &mut Edits,
    section: Section,
    name: &str,
    hint: &str,
    value: bool,
    set: impl FnOnce(&mut Plan, bool) + 'static,
) {
    ui.label(RichText::new(name).strong());
    let mut v = value;
    if ui.checkbox(&mut v, hint).changed() {
        edits.push(section, format!("edit {}", name.to_lowercase()), move |p| {
            set(p, v)
        });
    }
    ui.end_row();
}

/// What a pick-one field shows: its name, its value and the value's text.
pub struct Pick<'a, T> {
    /// The field's label.
    pub name: &'a str,
    /// The value held.
    pub value: &'a T,
    /// How the value is shown.
    pub shown: &'a str,
}

impl<T> Clone for Pick<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Pick<'_, T> {}

/// Whether an option's text matches what was typed in a picker's filter (every word, any case).
pub fn matches_filter(text: &str, filter: &str) -> bool {
    let text = text.to_lowercase();
    filter
        .split_whitespace()
        .all(|word| text.contains(&word.to_lowercase()))
}

/// A pick-one field: a labelled list that shows the value and offers `options` (built only when it
/// opens), with a box at the top that filters them as you type.
pub fn pick<T: PartialEq + Clone + 'static>(
    ui: &mut Ui,
    edits: &mut Edits,
    section: Section,
    field: Pick<'_, T>,
    options: impl FnOnce() -> Vec<(T, String)>,
    set: impl FnOnce(&mut Plan, T) + 'static,
) {
    let Pick { name, value, shown } = field;
    let label_id = label(ui, name);
    let mut selected = value.clone();
    let combo = egui::ComboBox::from_id_salt(("pick", name));
    let filter_id = ui.scope_id().with(("pick-filter", name));
    // The id ComboBox::from_id_salt gives its button: the salt wrapped once more.
    let combo_id = ui.make_persistent_id(egui::IdSalt::new(("pick", name)));
    let popup_open = egui::ComboBox::is_open(ui.ctx(), combo_id);
    combo
        .selected_text(shown)
        .width(space::PICKER_WIDTH)
        .height(space::PICKER_HEIGHT)
        .show_ui(ui, |ui| {
            let mut filter: String = ui.data(|d| d.get_temp(filter_id)).unwrap_or_default();
            let boxed = ui.add(
                egui::TextEdit::singleline(&mut filter)
                    .hint_text("Type to filter")
                    .desired_width(f32::INFINITY),
            );
            if !popup_open {
                boxed.request_focus();
            }
            ui.data_mut(|d| d.insert_temp(filter_id, filter.clone()));
            let mut shown_any = false;
            for (option, text) in options() {
                if matches_filter(&text, &filter) {
                    shown_any = true;
                    ui.selectable_value(&mut selected, option, text);
                }
            }
            if !shown_any {
                ui.weak("Nothing matches");
            }
        })
        .response
        .labelled_by(label_id);
    if !popup_open {
        ui.data_mut(|d| d.remove::<String>(filter_id));
    }
    if selected != *value {
        edits.push(
            section,
            format!("change {}", name.to_lowercase()),
            move |p| set(p, selected),
        );
    }
    ui.end_row();
}

/// A choice from a closed set.
pub fn choice<T: Choice>(
    ui: &mut Ui,
    edits: &mut Edits,
    section: Section,
    name: &str,
    value: T,
    set: impl FnOnce(&mut Plan, T) + 'static,
) {
    let options = || {
        T::choices()
            .iter()
            .map(|c| (*c, c.text().to_owned()))
            .collect()
    };
    let field = Pick {
        name,
        value: &value,
        shown: value.text(),
    };
    pick(ui, edits, section, field, options, set);
}

/// An optional choice from a closed set ("Not set" first).
pub fn maybe_choice<T: Choice>(
    ui: &mut Ui,
    edits: &mut Edits,
    section: Section,
    name: &str,
    value: Option<T>,
    set: impl FnOnce(&mut Plan, Option<T>) + 'static,
) {
    let options = || {
        std::iter::once((None, "Not set".to_owned()))
            .chain(T::choices().iter().map(|c| (Some(*c), c.text().to_owned())))
            .collect()
    };
    let field = Pick {
        name,
        value: &value,
        shown: value.map_or("Not set", Choice::text),
    };
    pick(ui, edits, section, field, options, set);
}

/// How a person is listed in pickers.
pub fn person_label(p: &Person) -> String {
    let name = if p.name.trim().is_empty() {
        "(no name)"
    } else {
        p.name.trim()
    };
    format!("{name} — {}", p.role.label())
}

/// People as picker options, by name, after "Nobody".
fn people_options(people: &[Person]) -> Vec<(Option<PersonId>, String)> {
    let mut sorted: Vec<&Person> = people.iter().collect();
    sorted.sort_by_key(|p| person_label(p).to_lowercase());
    std::iter::once((None, "Nobody".to_owned()))
        .chain(sorted.into_iter().map(|p| (Some(p.id), person_label(p))))
        .collect()
}

/// A person from the directory, or nobody.
pub fn person(
    ui: &mut Ui,
    edits: &mut Edits,
    section: Section,
    name: &str,
    value: Option<PersonId>,
    people: &[Person],
    set: impl FnOnce(&mut Plan, Option<PersonId>) + 'static,
) {
    let shown = match value {
        None => "Nobody".to_owned(),
        Some(id) => people
            .iter()
            .find(|p| p.id == id)
            .map_or_else(|| "(not in the directory)".to_owned(), person_label),
    };
    let field = Pick {
        name,
        value: &value,
        shown: &shown,
    };
    pick(ui, edits, section, field, || people_options(people), set);
}

/// Several people from the directory: each with a Remove button, and a picker to add one more.
pub fn people(
    ui: &mut Ui,
    edits: &mut Edits,
    section: Section,
    name: &str,
    value: &[PersonId],
    people: &[Person],
    set: impl Fn(&mut Plan, Vec<PersonId>) + Clone + 'static,
) {
    let label_id = label(ui, name);
    ui.vertical(|ui| {
        ui.horizontal_wrapped(|ui| {
            for (i, id) in value.iter().enumerate() {
                let who = people
                    .iter()
                    .find(|p| p.id == *id)
                    .map_or_else(|| "(not in the directory)".to_owned(), |p| p.name.clone());
                ui.label(&who);
                if ui
                    .small_button("✕")
                    .on_hover_text(format!("Remove {who} from {}", name.to_lowercase()))
                    .clicked()
                {
                    let mut next = value.to_vec();
                    next.remove(i);
                    let set = set.clone();
                    edits.push(
                        section,
                        format!("remove from {}", name.to_lowercase()),
                        move |p| set(p, next),
                    );
                }
                ui.separator();
            }
            if value.is_empty() {
                ui.weak("Nobody yet");
            }
        });
        let mut added: Option<PersonId> = None;
        egui::ComboBox::from_id_salt(("people", name))
            .selected_text("Add a person…")
            .width(260.0)
            .height(360.0)
            .show_ui(ui, |ui| {
                let mut sorted: Vec<&Person> =
                    people.iter().filter(|p| !value.contains(&p.id)).collect();
                sorted.sort_by_key(|p| person_label(p).to_lowercase());
                for p in sorted {
                    ui.selectable_value(&mut added, Some(p.id), person_label(p));
                }
            })
            .response
            .labelled_by(label_id);
        if let Some(id) = added {
            let mut next = value.to_vec();
            next.push(id);
            edits.push(
                section,
                format!("add to {}", name.to_lowercase()),
                move |p| set(p, next),
            );
        }
    });
    ui.end_row();
}

/// A small coloured badge.
pub fn badge(ui: &mut Ui, text: &str, fill: Color32) {
    egui::Frame::new()
        .fill(fill)
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(6, 1))
        .show(ui, |ui| {
            ui.label(RichText::new(text).color(tokens::ON_FILL).small());
        });
}
