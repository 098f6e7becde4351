//! The form builder: a field is one line (`form.text("Name", &e.name, |e, v| e.name = v)`). Every
//! field has a visible label that is also its accessible name, and every change goes through the edit
//! layer, so undo, the revision and dirty tracking see it.

use std::marker::PhantomData;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use egui::Ui;
use uuid::Uuid;

use super::edits::Edits;
use super::tokens::space;
use super::widgets;
use crate::model::{Choice, Entity, Person, PersonId, Plan, Section};

/// Where a form's values live in the plan.
pub trait Place: Copy + 'static {
    /// The value the fields change.
    type Value;
    /// Applies `f` to the value, if it is still in the plan.
    fn with(self, plan: &mut Plan, f: impl FnOnce(&mut Self::Value));
}

/// An entity in its list, found by id when the change is applied.
pub struct At<E>(pub Uuid, PhantomData<fn() -> E>);

impl<E> At<E> {
    /// The entity with `id`.
    pub fn new(id: Uuid) -> Self {
        At(id, PhantomData)
    }
}

impl<E> Clone for At<E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<E> Copy for At<E> {}

impl<E: Entity> Place for At<E> {
    type Value = E;
    fn with(self, plan: &mut Plan, f: impl FnOnce(&mut E)) {
        if let Some(x) = E::find_mut(plan, self.0) {
            f(x);
        }
    }
}

/// The plan itself (for sections that are one record, such as the overview).
#[derive(Clone, Copy)]
pub struct Whole;

impl Place for Whole {
    type Value = Plan;
    fn with(self, plan: &mut Plan, f: impl FnOnce(&mut Plan)) {
        f(plan);
    }
}

/// A part inside another place (a venue's check, a risk's mitigation), reached by a plain function
/// from a key (an id, a stage).
pub struct Inside<P: Place, T, K: Copy = Uuid> {
    outer: P,
    key: K,
    get: fn(&mut P::Value, K) -> Option<&mut T>,
}

impl<P: Place, T, K: Copy> Clone for Inside<P, T, K> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<P: Place, T, K: Copy> Copy for Inside<P, T, K> {}

impl<P: Place, T: 'static, K: Copy + 'static> Place for Inside<P, T, K> {
    type Value = T;
    fn with(self, plan: &mut Plan, f: impl FnOnce(&mut T)) {
        let (key, get) = (self.key, self.get);
        self.outer.with(plan, move |outer| {
            if let Some(x) = get(outer, key) {
                f(x);
            }
        });
    }
}

/// A two-column form of labelled fields over one place in the plan.
pub struct Form<'a, P: Place> {
    /// The form's grid, for anything a field method does not cover.
    pub ui: &'a mut Ui,
    /// The frame's edits.
    pub edits: &'a mut Edits,
    section: Section,
    place: P,
    focus_first: bool,
}

impl<'a, P: Place> Form<'a, P> {
    /// Lays out a form in a grid; `focus_first` puts the keyboard in its first text field (a new entry).
    pub fn show(
        ui: &'a mut Ui,
        edits: &'a mut Edits,
        (section, place): (Section, P),
        id: impl std::hash::Hash + std::fmt::Debug,
        focus_first: bool,
        add: impl FnOnce(&mut Form<'_, P>),
    ) {
        egui::Grid::new(egui::IdSalt::new(id))
            .num_columns(2)
            .spacing(space::FORM_GAP)
            .min_col_width(space::LABEL_COLUMN)
            .striped(false)
            .show(ui, |ui| {
                let mut form = Form {
                    ui,
                    edits,
                    section,
                    place,
                    focus_first,
                };
                add(&mut form);
            });
    }

    /// The section the form changes.
    pub fn section(&self) -> Section {
        self.section
    }

    /// The place the form changes.
    pub fn place(&self) -> P {
        self.place
    }

    /// A form over a part of this place, in the same grid.
    pub fn inside<T: 'static, K: Copy + 'static>(
        &mut self,
        key: K,
        get: fn(&mut P::Value, K) -> Option<&mut T>,
    ) -> Form<'_, Inside<P, T, K>> {
        Form {
            ui: self.ui,
            edits: self.edits,
            section: self.section,
            place: Inside {
                outer: self.place,
                key,
                get,
            },
            focus_first: false,
        }
    }

    /// Turns a setter of the value into a change of the plan.
    pub fn lift<T: 'static>(
        &self,
        set: impl FnOnce(&mut P::Value, T) + 'static,
    ) -> impl FnOnce(&mut Plan, T) + 'static {
        let place = self.place;
        move |p, v| place.with(p, |x| set(x, v))
    }

    fn lift_fn<T: 'static>(
        &self,
        set: impl Fn(&mut P::Value, T) + Clone + 'static,
    ) -> impl Fn(&mut Plan, T) + Clone + 'static {
        let place = self.place;
        move |p, v| {
            let set = set.clone();
            place.with(p, move |x| set(x, v));
        }
    }

    /// Asks for a change of the value, as one undo step.
    pub fn change(&mut self, label: &str, change: impl FnOnce(&mut P::Value) + 'static) {
        let place = self.place;
        self.edits
            .push(self.section, label, move |p| place.with(p, change));
    }

    fn focus(&mut self, response: &egui::Response) {
        if self.focus_first {
            response.request_focus();
            self.focus_first = false;
        }
    }

    /// A single-line text field.
    pub fn text(
        &mut self,
        name: &str,
        value: &str,
        set: impl FnOnce(&mut P::Value, String) + 'static,
    ) {
        let set = self.lift(set);
        let r = widgets::text(self.ui, self.edits, self.section, name, value, set);
        self.focus(&r);
    }

    /// A multi-line text field.
    pub fn multiline(
        &mut self,
        name: &str,
        value: &str,
        set: impl FnOnce(&mut P::Value, String) + 'static,
    ) {
        let set = self.lift(set);
        let r = widgets::multiline(self.ui, self.edits, self.section, name, value, set);
        self.focus(&r);
    }

    /// Steps of a procedure, one per line.
    pub fn lines(
        &mut self,
        name: &str,
        value: &[String],
        set: impl FnOnce(&mut P::Value, Vec<String>) + 'static,
    ) {
        let set = self.lift(set);
        widgets::lines(self.ui, self.edits, self.section, name, value, set);
    }

    /// A date, typed day first or picked from the calendar.
    pub fn date(
        &mut self,
        name: &str,
        value: Option<NaiveDate>,
        optional: bool,
        set: impl Fn(&mut P::Value, Option<NaiveDate>) + Clone + 'static,
    ) {
        let set = self.lift_fn(set);
        widgets::date(
            self.ui,
            self.edits,
            self.section,
            name,
            value,
            optional,
            set,
        );
    }

    /// A required date.
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

    /// Several dates.
    pub fn dates(
        &mut self,
        name: &str,
        value: &[NaiveDate],
        set: impl FnOnce(&mut P::Value, Vec<NaiveDate>) + 'static,
    ) {
        let set = self.lift(set);
        widgets::dates(self.ui, self.edits, self.section, name, value, set);
    }

    /// A time of day.
    pub fn time(
        &mut self,
        name: &str,
        value: Option<NaiveTime>,
        optional: bool,
        set: impl FnOnce(&mut P::Value, Option<NaiveTime>) + 'static,
    ) {
        let set = self.lift(set);
        widgets::time(
            self.ui,
            self.edits,
            self.section,
            name,
            value,
            optional,
            set,
        );
    }

    /// A date and time.
    pub fn date_time(
        &mut self,
        name: &str,
        value: Option<NaiveDateTime>,
        set: impl FnOnce(&mut P::Value, Option<NaiveDateTime>) + 'static,
    ) {
        let set = self.lift(set);
        widgets::date_time(self.ui, self.edits, self.section, name, value, set);
    }

    /// A number, or empty for none.
    pub fn number(
        &mut self,
        name: &str,
        value: Option<f64>,
        set: impl FnOnce(&mut P::Value, Option<f64>) + 'static,
    ) {
        let set = self.lift(set);
        widgets::number(self.ui, self.edits, self.section, name, value, set);
    }

    /// A whole number.
    pub fn count(
        &mut self,
        name: &str,
        value: u32,
        set: impl FnOnce(&mut P::Value, u32) + 'static,
    ) {
        let set = self.lift(set);
        widgets::count(self.ui, self.edits, self.section, name, value, set);
    }

    /// A yes/no box, with the question beside it.
    pub fn check(
        &mut self,
        name: &str,
        hint: &str,
        value: bool,
        set: impl FnOnce(&mut P::Value, bool) + 'static,
    ) {
        let set = self.lift(set);
        widgets::check(self.ui, self.edits, self.section, name, hint, value, set);
    }

    /// A choice from a closed set.
    pub fn choice<T: Choice>(
        &mut self,
        name: &str,
        value: T,
        set: impl FnOnce(&mut P::Value, T) + 'static,
    ) {
        let set = self.lift(set);
        widgets::choice(self.ui, self.edits, self.section, name, value, set);
    }

    /// An optional choice from a closed set.
    pub fn maybe_choice<T: Choice>(
        &mut self,
        name: &str,
        value: Option<T>,
        set: impl FnOnce(&mut P::Value, Option<T>) + 'static,
    ) {
        let set = self.lift(set);
        widgets::maybe_choice(self.ui, self.edits, self.section, name, value, set);
    }

    /// One of `options` (built only when the list opens), shown as `shown`; filters as you type.
    pub fn pick<T: PartialEq + Clone + 'static>(
        &mut self,
        name: &str,
        (value, shown): (&T, &str),
        options: impl FnOnce() -> Vec<(T, String)>,
        set: impl FnOnce(&mut P::Value, T) + 'static,
    ) {
        let set = self.lift(set);
        let choice = widgets::Pick { name, value, shown };
        widgets::pick(self.ui, self.edits, self.section, choice, options, set);
    }

    /// A person from the directory, or nobody.
    pub fn person(
        &mut self,
        name: &str,
        value: Option<PersonId>,
        people: &[Person],
        set: impl FnOnce(&mut P::Value, Option<PersonId>) + 'static,
    ) {
        let set = self.lift(set);
        widgets::person(self.ui, self.edits, self.section, name, value, people, set);
    }

    /// An entry of another list (a venue, a contest, an escalation level), or none; the list filters
    /// as you type.
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
            std::iter::once((None, "None".to_owned()))
                .chain(list.iter().map(|r| (Some(r.uuid()), r.title())))
                .collect()
        };
        self.pick(name, (&value, &shown), options, set);
    }

    /// Several people from the directory.
    pub fn people(
        &mut self,
        name: &str,
        value: &[PersonId],
        people: &[Person],
        set: impl Fn(&mut P::Value, Vec<PersonId>) + Clone + 'static,
    ) {
        let set = self.lift_fn(set);
        widgets::people(self.ui, self.edits, self.section, name, value, people, set);
    }

    /// A label and read-only text, for what is derived or fixed once recorded.
    pub fn shown(&mut self, name: &str, value: &str) {
        let label = self.ui.label(egui::RichText::new(name).strong());
        self.ui
            .add(egui::Label::new(value).wrap())
            .labelled_by(label.id);
        self.ui.end_row();
    }

    /// A row of free content under a label (buttons, a status).
    pub fn row(&mut self, name: &str, add: impl FnOnce(&mut Ui)) {
        self.ui.label(egui::RichText::new(name).strong());
        self.ui.horizontal_wrapped(add);
        self.ui.end_row();
    }
}
