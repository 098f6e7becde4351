//! The form builder: a field is one line (`form.text("Name", &e.name, |e, v| e.name = v)`). Every
//! field has a visible label that is also its accessible name, and every change goes through the
//! edit layer, so undo, the revision and dirty tracking see it.

mod pick;
mod text;
mod typed;

pub use typed::parse_date;

use std::marker::PhantomData;

use egui::Ui;
use uuid::Uuid;

use super::edits::Edits;
use super::tokens::space;
use crate::model::{Entity, Plan, Section};

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

/// A form over an entity in its list.
pub type EntityForm<'a, E> = Form<'a, At<E>>;

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
    /// Lays out a form in a grid; `focus_first` puts the keyboard in its first text field (a new
    /// entry).
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

    /// Like [`Form::lift`], for a setter used more than once (a date's typed value, its calendar
    /// and its Clear button).
    pub(super) fn lift_fn<T: 'static>(
        &self,
        set: impl Fn(&mut P::Value, T) + Clone + 'static,
    ) -> impl Fn(&mut Plan, T) + Clone + 'static {
        let place = self.place;
        move |p, v| place.with(p, |x| set(x, v))
    }

    /// A field's label, strong, in the grid's first column; its id names the field for screen
    /// readers (`labelled_by`).
    pub(super) fn label(&mut self, name: &str) -> egui::Id {
        self.ui.label(egui::RichText::new(name).strong()).id
    }

    /// Asks for a change of the plan made by the field `name`, joined to the previous step while
    /// the same field (`id`) is being typed in.
    pub(super) fn typed(
        &mut self,
        name: &str,
        id: egui::Id,
        change: impl FnOnce(&mut Plan) + 'static,
    ) {
        let label = format!("edit {}", name.to_lowercase());
        self.edits.push_coalesced(self.section, label, id, change);
    }

    /// Asks for a change of the plan made by the field `name`, as one undo step.
    pub(super) fn set(&mut self, verb: &str, name: &str, change: impl FnOnce(&mut Plan) + 'static) {
        let label = format!("{verb} {}", name.to_lowercase());
        self.edits.push(self.section, label, change);
    }

    /// Asks for a change of the value, as one undo step.
    pub fn change(&mut self, label: &str, change: impl FnOnce(&mut P::Value) + 'static) {
        let place = self.place;
        self.edits
            .push(self.section, label, move |p| place.with(p, change));
    }

    pub(super) fn focus(&mut self, response: &egui::Response) {
        if self.focus_first {
            response.request_focus();
            self.focus_first = false;
        }
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
