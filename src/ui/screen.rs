//! The one screen shape: a list of a section's entities and the selected entry's form. A screen
//! declares its columns and fields ([`Declare`]); [`ListScreen`] owns add, remove (refused while
//! other entries refer to the entry), reorder where the list allows it, filter, sort of the view
//! and selection. Like egui_demo_lib's `Demo` trait, every screen is a [`Screen`] the app keeps in
//! one list.

use chrono::NaiveDateTime;
use egui::{Color32, RichText, Ui};
use serde::Serialize;
use uuid::Uuid;

use super::edits::Edits;
use super::form::{At, EntityForm, Form};
use super::list::{List, Row};
use super::tokens::space;
use crate::model::{Entity, Plan, Section};
use crate::validate::Finding;

/// A list's columns: each one's title and width in points.
pub type Columns = &'static [(&'static str, f32)];

/// A list's columns, written as a table of titles and widths in points:
/// `columns!["Date" 120, "Allegation" 360]`.
macro_rules! columns {
    ($($title:literal $width:literal),+ $(,)?) => {
        &[$(($title, $width as f32)),+]
    };
}
pub(crate) use columns;

/// What every screen reads.
pub struct View<'a> {
    /// The plan.
    pub plan: &'a Plan,
    /// The plan's revision (it changes whenever the plan does, keystroke by keystroke): screens
    /// rebuild cached rows when it changes.
    pub revision: u64,
    /// The current findings.
    pub findings: &'a [Finding],
    /// Now, for "overdue" and "not yet received".
    pub now: NaiveDateTime,
    /// This machine's name, from which a desk's default custody log is made.
    pub device: &'a str,
}

/// A screen of the editor: one per section.
pub trait Screen {
    /// The section it shows.
    fn section(&self) -> Section;
    /// Draws it.
    fn ui(&mut self, ui: &mut Ui, view: &View<'_>, edits: &mut Edits);
    /// Its main list, if it has one (for Ctrl+F and for going to a finding's entity).
    fn list(&mut self) -> Option<&mut List>;
    /// Shows the entity with `id` (from a finding).
    fn focus(&mut self, id: Uuid) {
        if let Some(list) = self.list() {
            list.select(id);
        }
    }
}

/// What a list-and-form screen declares: its columns, its rows' cells, a new entry and its fields.
pub trait Declare: Default + 'static {
    /// The entity listed.
    type E: Entity + Serialize;
    /// A sentence under the heading on what the section is for.
    const INTRO: &'static str = "";
    /// The columns: title and width in points.
    const COLUMNS: Columns;
    /// A row's cells, one per column.
    fn cells(&self, plan: &Plan, e: &Self::E) -> Vec<String>;
    /// A colour for the row's marker (a state, a level).
    fn tint(&self, _plan: &Plan, _e: &Self::E) -> Option<Color32> {
        None
    }
    /// Whether the row is in the view (a filter the screen offers beside the text filter).
    fn shows(&self, _e: &Self::E) -> bool {
        true
    }
    /// A new entry, for "Add" (for most lists the entity's default: blank, with a fresh id).
    fn create(&mut self, view: &View<'_>) -> Self::E;
    /// The entry's fields.
    fn fields(&mut self, form: &mut EntityForm<'_, Self::E>, e: &Self::E, view: &View<'_>);
    /// Anything above the list (a heat map, an explanation of the law); returns true when the rows
    /// must be rebuilt because what `shows` keeps changed.
    fn above(&mut self, _ui: &mut Ui, _view: &View<'_>, _edits: &mut Edits) -> bool {
        false
    }
    /// Anything above the entry's form (its state, the law that applies to it).
    fn header(&mut self, _ui: &mut Ui, _view: &View<'_>, _edits: &mut Edits, _e: &Self::E) {}
    /// Anything under the entry's form (its parts, its history).
    fn below(&mut self, _ui: &mut Ui, _view: &View<'_>, _edits: &mut Edits, _e: &Self::E) {}
    /// Anything under the whole screen.
    fn after(&mut self, _ui: &mut Ui, _view: &View<'_>, _edits: &mut Edits) {}
}

/// A list-and-form screen for one declaration.
#[derive(Default)]
pub struct ListScreen<D: Declare> {
    /// The list's state.
    pub list: List,
    /// The screen's own state and declarations.
    pub decl: D,
    /// A new entry was added: put the keyboard in its first field when its form shows.
    focus_new: Option<Uuid>,
}

impl<D: Declare> Screen for ListScreen<D> {
    fn section(&self) -> Section {
        D::E::SECTION
    }

    fn ui(&mut self, ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
        self.show(ui, view, edits);
    }

    fn list(&mut self) -> Option<&mut List> {
        Some(&mut self.list)
    }
}

impl<D: Declare> ListScreen<D> {
    /// The list and the selected entry's form.
    pub fn show(&mut self, ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
        if self.decl.above(ui, view, edits) {
            self.list.invalidate();
        }
        let selected = self.master(ui, view, edits);
        if let Some(e) = selected.and_then(|id| D::E::find(view.plan, id)) {
            self.detail(ui, view, edits, e);
        }
        self.decl.after(ui, view, edits);
    }

    /// The introduction, the Add button, the filter and the list; returns the selected id.
    fn master(&mut self, ui: &mut Ui, view: &View<'_>, edits: &mut Edits) -> Option<Uuid> {
        if !D::INTRO.is_empty() {
            ui.label(D::INTRO);
            ui.add_space(space::AFTER_INTRO);
        }
        let decl = &self.decl;
        let plan = view.plan;
        self.list.set_rows(view.revision, || {
            D::E::list(plan)
                .iter()
                .filter(|e| decl.shows(e))
                .map(|e| Row {
                    id: e.uuid(),
                    cells: decl.cells(plan, e),
                    tint: decl.tint(plan, e),
                })
                .collect()
        });
        let (noun, plural) = (D::E::NOUN, D::E::PLURAL);
        ui.horizontal_wrapped(|ui| {
            if D::E::CAPS.add && ui.button(format!("Add {noun}")).clicked() {
                let new = self.decl.create(view);
                let id = new.uuid();
                edits.push(D::E::SECTION, format!("add {noun}"), move |p| {
                    D::E::list_mut(p).push(new);
                });
                self.list.select(id);
                self.list.filter.clear();
                self.focus_new = Some(id);
            }
            ui.separator();
            self.list.filter_box(ui, plural);
        });
        let (all, _) = self.list.counts();
        if all == 0 && self.focus_new.is_none() {
            empty(ui, noun, plural);
            return None;
        }
        // The list uses the height there is; with an entry selected it shares it with the form.
        let chosen = self.list.selected.is_some();
        let share = if chosen { space::LIST_SHARE } else { 1.0 };
        let reserve = if chosen { 0.0 } else { space::LIST_RESERVE };
        let height = (ui.available_height() * share - reserve).max(space::LIST_MIN);
        self.list
            .table(ui, &format!("table-{plural}"), D::COLUMNS, height);
        ui.separator();
        let selected = self.list.selected.filter(|id| {
            self.focus_new == Some(*id) || self.list.selected_row().is_some_and(|r| r.id == *id)
        });
        if selected.is_none() {
            let a = article(noun);
            ui.weak(format!("Select {a} {noun} in the list to see and edit it."));
        }
        selected
    }

    fn detail(&mut self, ui: &mut Ui, view: &View<'_>, edits: &mut Edits, e: &D::E) {
        let id = e.uuid();
        let focus = self.focus_new.take_if(|new| *new == id).is_some();
        egui::ScrollArea::vertical()
            .id_salt((D::E::PLURAL, "detail"))
            .show(ui, |ui| {
                self.decl.header(ui, view, edits, e);
                ui.add_enabled_ui(D::E::CAPS.edit, |ui| {
                    let place = (D::E::SECTION, At::<D::E>::new(id));
                    Form::show(ui, edits, place, (D::E::NOUN, id), focus, |form| {
                        self.decl.fields(form, e, view);
                    });
                });
                if !D::E::CAPS.edit {
                    ui.weak(format!(
                        "A {} is fixed once recorded: a correction is a new entry.",
                        D::E::NOUN
                    ));
                }
                self.decl.below(ui, view, edits, e);
                row_ops(ui, view.plan, edits, e);
            });
    }
}

/// The parts of a screen, as an enum whose variants carry the words on their tabs.
pub trait TabSet: Copy + PartialEq + Default + 'static {
    /// Every part, in order.
    const ALL: &'static [Self];
    /// The words on the part's tab.
    fn label(self) -> &'static str;
}

/// Declares a screen's parts: `parts! { Election => "The election", Contests => "Contests" }` gives
/// `pub enum Tab` (the first part shown first) with its words.
macro_rules! parts {
    ($($variant:ident => $label:literal),+ $(,)?) => {
        /// The parts of the screen, one shown at a time.
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub enum Tab {
            #[default]
            $($variant),+
        }

        impl $crate::ui::screen::TabSet for Tab {
            const ALL: &'static [Tab] = &[$(Tab::$variant),+];
            fn label(self) -> &'static str {
                match self {
                    $(Tab::$variant => $label),+
                }
            }
        }
    };
}
pub(crate) use parts;

/// A screen in parts, one shown at a time under a row of tabs (custody's quick entry, items, log
/// and arrangements; the overview's election, contests and document control).
pub trait Parts: Default + 'static {
    /// Which part.
    type Tab: TabSet;
    /// The section it shows.
    const SECTION: Section;
    /// The part holding the list a finding's entity is usually in.
    const LIST_TAB: Self::Tab;
    /// Draws a part.
    fn part(&mut self, tab: Self::Tab, ui: &mut Ui, view: &View<'_>, edits: &mut Edits);
    /// The list shown on `tab` (the main list on a part without one).
    fn list(&mut self, tab: Self::Tab) -> &mut List;
    /// Anything above the tabs, and a chance to change the tab before it is drawn.
    fn before(&mut self, _tab: &mut Self::Tab, _ui: &mut Ui, _view: &View<'_>) {}
    /// Shows the entity with `id` (from a finding); returns the tab to show, if it knows it now.
    fn focus(&mut self, id: Uuid) -> Option<Self::Tab> {
        self.list(Self::LIST_TAB).select(id);
        Some(Self::LIST_TAB)
    }
}

/// A screen of parts under tabs.
#[derive(Default)]
pub struct Tabbed<P: Parts> {
    /// The part shown.
    pub tab: P::Tab,
    /// The parts.
    pub parts: P,
}

impl<P: Parts> Screen for Tabbed<P> {
    fn section(&self) -> Section {
        P::SECTION
    }

    fn ui(&mut self, ui: &mut Ui, view: &View<'_>, edits: &mut Edits) {
        self.parts.before(&mut self.tab, ui, view);
        tabs(ui, &mut self.tab);
        self.parts.part(self.tab, ui, view, edits);
    }

    fn list(&mut self) -> Option<&mut List> {
        Some(self.parts.list(self.tab))
    }

    fn focus(&mut self, id: Uuid) {
        if let Some(tab) = self.parts.focus(id) {
            self.tab = tab;
        }
    }
}

/// A row of tabs for a screen with several parts, one shown at a time, and a rule under them.
pub fn tabs<T: TabSet>(ui: &mut Ui, current: &mut T) {
    ui.horizontal_wrapped(|ui| {
        for tab in T::ALL {
            ui.selectable_value(current, *tab, tab.label());
        }
    });
    ui.separator();
}

/// "a" or "an" before a noun ("an indicator", "a venue").
pub fn article(noun: &str) -> &'static str {
    match noun.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
}

/// What an empty list says.
pub fn empty(ui: &mut Ui, noun: &str, plural: &str) {
    ui.add_space(space::BEFORE_EMPTY);
    ui.label(RichText::new(format!("No {plural} yet.")).strong());
    ui.label(format!(
        "Use \u{201c}Add {noun}\u{201d} to add the first one. The readiness panel lists what a \
         reviewer will look for here."
    ));
}

/// What a row's buttons asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowOp {
    /// Move one place earlier.
    Up,
    /// Move one place later.
    Down,
    /// Remove.
    Remove,
}

/// The Move up / Move down / Remove buttons of the selected entry, as its list allows.
fn row_ops<E: Entity + Serialize>(ui: &mut Ui, plan: &Plan, edits: &mut Edits, e: &E) {
    let caps = E::CAPS;
    if !caps.reorder && !caps.remove {
        return;
    }
    let list = E::list(plan);
    let id = e.uuid();
    let Some(index) = list.iter().position(|x| x.uuid() == id) else {
        return;
    };
    let noun = E::NOUN;
    let mut op = None;
    ui.add_space(space::AFTER_INTRO);
    ui.horizontal_wrapped(|ui| {
        if caps.reorder {
            let up = ui
                .add_enabled(index > 0, egui::Button::new("Move up"))
                .on_hover_text(format!("Move this {noun} up the list"));
            if up.clicked() {
                op = Some(RowOp::Up);
            }
            let down = ui
                .add_enabled(index + 1 < list.len(), egui::Button::new("Move down"))
                .on_hover_text(format!("Move this {noun} down the list"));
            if down.clicked() {
                op = Some(RowOp::Down);
            }
        }
        if caps.remove {
            let text = RichText::new(format!("Remove {noun}")).color(ui.visuals().error_fg_color);
            if ui.add(egui::Button::new(text)).clicked() {
                op = Some(RowOp::Remove);
            }
        }
    });
    let Some(op) = op else { return };
    if op == RowOp::Remove {
        let uses = crate::model::entity::uses(plan, e);
        if uses.total() > 0 {
            edits.notice = Some(format!(
                "\u{201c}{}\u{201d} was not removed: it is {}. Change or remove those entries \
                 first.",
                e.title(),
                uses.describe()
            ));
            return;
        }
    }
    let label = match op {
        RowOp::Up => format!("move {noun} up"),
        RowOp::Down => format!("move {noun} down"),
        RowOp::Remove => format!("remove {noun}"),
    };
    edits.push(E::SECTION, label, move |p| {
        apply(E::list_mut(p), |x| x.uuid() == id, op);
    });
}

/// Applies a row operation to the list holding the entry `is` picks out.
pub fn apply<T>(list: &mut Vec<T>, is: impl Fn(&T) -> bool, op: RowOp) {
    let Some(i) = list.iter().position(is) else {
        return;
    };
    match op {
        RowOp::Up if i > 0 => list.swap(i, i - 1),
        RowOp::Down if i + 1 < list.len() => list.swap(i, i + 1),
        RowOp::Remove => {
            list.remove(i);
        }
        _ => {}
    }
}
