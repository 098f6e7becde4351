//! Pick lists: a choice from a closed set, a person, an entry of another list, several people.
//! Every list opens with a box at the top that filters it as you type.

use egui::{ComboBox, Ui};
use uuid::Uuid;

use super::{Form, Place};
use crate::model::{Choice, Entity, Person, PersonId, Plan};
use crate::ui::tokens::space;

/// Whether an option's text matches what was typed in a picker's filter (every word, any case).
pub fn matches_filter(text: &str, filter: &str) -> bool {
    let text = text.to_lowercase();
    filter
        .split_whitespace()
        .all(|word| text.contains(&word.to_lowercase()))
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

/// People as picker options, by name.
fn people_options<'a>(people: impl Iterator<Item = &'a Person>) -> Vec<(Option<PersonId>, String)> {
    let mut sorted: Vec<(Option<PersonId>, String)> =
        people.map(|p| (Some(p.id), person_label(p))).collect();
    sorted.sort_by_key(|(_, label)| label.to_lowercase());
    sorted
}

/// A drop-down list under `salt` showing `shown`, whose options (built only when it opens) are
/// filtered by what is typed in the box at its top; returns the option chosen.
fn filtered<T: PartialEq + Clone>(
    ui: &mut Ui,
    (salt, label): ((&str, &str), egui::Id),
    shown: &str,
    current: &T,
    options: impl FnOnce() -> Vec<(T, String)>,
) -> Option<T> {
    let filter_id = ui.scope_id().with(("pick-filter", salt));
    // The id ComboBox::from_id_salt gives its button: the salt wrapped once more.
    let combo_id = ui.make_persistent_id(egui::IdSalt::new(salt));
    let was_open = ComboBox::is_open(ui.ctx(), combo_id);
    let mut selected = current.clone();
    // A long value is cut short (the whole of it on hover), never pushing the form past the
    // screen's edge.
    let cut = shown.chars().count() > space::PICKER_CHARS;
    let short: String = if cut {
        let head: String = shown.chars().take(space::PICKER_CHARS - 1).collect();
        format!("{}…", head.trim_end())
    } else {
        shown.to_owned()
    };
    let response = ComboBox::from_id_salt(salt)
        .selected_text(short)
        .width(space::PICKER_WIDTH)
        .height(space::PICKER_HEIGHT)
        .show_ui(ui, |ui| {
            let mut filter: String = ui.data(|d| d.get_temp(filter_id)).unwrap_or_default();
            let typed = egui::TextEdit::singleline(&mut filter)
                .hint_text("Type to filter")
                .desired_width(f32::INFINITY);
            let boxed = ui.add(typed);
            if !was_open {
                boxed.request_focus();
            }
            ui.data_mut(|d| d.insert_temp(filter_id, filter.clone()));
            let mut any = false;
            for (option, text) in options() {
                if matches_filter(&text, &filter) {
                    any = true;
                    ui.selectable_value(&mut selected, option, text);
                }
            }
            if !any {
                ui.weak("Nothing matches");
            }
        })
        .response
        .labelled_by(label);
    if cut {
        response.on_hover_text(shown);
    }
    if !was_open {
        ui.data_mut(|d| d.remove::<String>(filter_id));
    }
    (selected != *current).then_some(selected)
}

impl<P: Place> Form<'_, P> {
    /// One of `options` (built only when the list opens), shown as `shown`.
    pub fn pick<T: PartialEq + Clone + 'static>(
        &mut self,
        name: &str,
        (value, shown): (&T, &str),
        options: impl FnOnce() -> Vec<(T, String)>,
        set: impl FnOnce(&mut P::Value, T) + 'static,
    ) {
        let set = self.lift(set);
        self.pick_in_plan(name, (value, shown), options, set);
    }

    /// Like [`Form::pick`], for a choice whose change reaches beyond the form's value (a review
    /// placed against a milestone moves onto the timetable).
    pub fn pick_in_plan<T: PartialEq + Clone + 'static>(
        &mut self,
        name: &str,
        (value, shown): (&T, &str),
        options: impl FnOnce() -> Vec<(T, String)>,
        set: impl FnOnce(&mut Plan, T) + 'static,
    ) {
        let label = self.label(name);
        let chosen = filtered(self.ui, (("pick", name), label), shown, value, options);
        self.ui.end_row();
        if let Some(chosen) = chosen {
            self.set("change", name, move |p| set(p, chosen));
        }
    }

    /// A choice from a closed set.
    pub fn choice<T: Choice>(
        &mut self,
        name: &str,
        value: T,
        set: impl FnOnce(&mut P::Value, T) + 'static,
    ) {
        let options = || {
            T::choices()
                .iter()
                .map(|c| (*c, c.text().to_owned()))
                .collect()
        };
        self.pick(name, (&value, value.text()), options, set);
    }

    /// An optional choice from a closed set ("Not set" first).
    pub fn maybe_choice<T: Choice>(
        &mut self,
        name: &str,
        value: Option<T>,
        set: impl FnOnce(&mut P::Value, Option<T>) + 'static,
    ) {
        let options = || {
            let all = T::choices().iter().map(|c| (Some(*c), c.text().to_owned()));
            std::iter::once((None, "Not set".to_owned()))
                .chain(all)
                .collect()
        };
        self.pick(
            name,
            (&value, value.map_or("Not set", Choice::text)),
            options,
            set,
        );
    }

    /// A person from the directory, or nobody.
    pub fn person(
        &mut self,
        name: &str,
        value: Option<PersonId>,
        people: &[Person],
        set: impl FnOnce(&mut P::Value, Option<PersonId>) + 'static,
    ) {
        let shown = match value {
            None => "Nobody".to_owned(),
            Some(id) => people
                .iter()
                .find(|p| p.id == id)
                .map_or_else(|| "(not in the directory)".to_owned(), person_label),
        };
        let options = || {
            let nobody = std::iter::once((None, "Nobody".to_owned()));
            nobody.chain(people_options(people.iter())).collect()
        };
        self.pick(name, (&value, &shown), options, set);
    }

    /// An entry of another list (a venue, a contest, an escalation level), or none.
    pub fn reference<R: Entity>(
        &mut self,
        name: &str,
        value: Option<Uuid>,
        plan: &Plan,
        set: impl FnOnce(&mut P::Value, Option<Uuid>) + 'static,
    ) {
        let list = R::list(plan);
        let shown = match value {
            None => "None".to_owned(),
            Some(id) => list
                .iter()
                .find(|r| r.uuid() == id)
                .map_or_else(|| format!("(no longer in the {})", R::PLURAL), R::title),
        };
        let options = || {
            let all = list.iter().map(|r| (Some(r.uuid()), r.title()));
            std::iter::once((None, "None".to_owned()))
                .chain(all)
                .collect()
        };
        self.pick(name, (&value, &shown), options, set);
    }

    /// Several people from the directory: each with a button that takes them off, and a list to add
    /// one more.
    pub fn people(
        &mut self,
        name: &str,
        value: &[PersonId],
        people: &[Person],
        set: impl Fn(&mut P::Value, Vec<PersonId>) + Clone + 'static,
    ) {
        let set = self.lift_fn(set);
        let label = self.label(name);
        let (mut removed, mut added) = (None, None);
        self.ui.vertical(|ui| {
            ui.horizontal_wrapped(|ui| {
                for (i, id) in value.iter().enumerate() {
                    let who = people
                        .iter()
                        .find(|p| p.id == *id)
                        .map_or_else(|| "(not in the directory)".to_owned(), |p| p.name.clone());
                    ui.label(&who);
                    let hint = format!("Remove {who} from {}", name.to_lowercase());
                    if ui.small_button("✕").on_hover_text(hint).clicked() {
                        removed = Some(i);
                    }
                    ui.separator();
                }
                if value.is_empty() {
                    ui.weak("Nobody yet");
                }
            });
            let others = people.iter().filter(|p| !value.contains(&p.id));
            let options = || people_options(others);
            added = filtered(
                ui,
                (("people", name), label),
                "Add a person…",
                &None,
                options,
            )
            .flatten();
        });
        self.ui.end_row();
        if let Some(i) = removed {
            let mut next = value.to_vec();
            next.remove(i);
            let set = set.clone();
            self.set("remove from", name, move |p| set(p, next));
        }
        if let Some(id) = added {
            let mut next = value.to_vec();
            next.push(id);
            self.set("add to", name, move |p| set(p, next));
        }
    }
}
