//! The editor opened on the example plan in a headless egui_kittest harness, and the few steps the
//! screens' tests take by label, as a person would: go to a section, click, type into a field,
//! choose from a list, read what the plan now holds.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use egui_kittest::{Harness, Node};

use super::{Command, Dialogs, PlannerApp};
use crate::model::{Entity, Plan, Section};

/// The example plan every screen's tests open (polling day Thursday 6 May 2027).
pub const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/northmere.plan.ron");

/// Dialogs that open the example and never save.
struct Answers;

impl Dialogs for Answers {
    fn open_plan(&mut self) -> Option<PathBuf> {
        Some(PathBuf::from(EXAMPLE))
    }
    fn save_plan(&mut self, _: &str) -> Option<PathBuf> {
        None
    }
    fn save_pdf(&mut self, _: &str) -> Option<PathBuf> {
        None
    }
}

/// The app's clock in these tests: the morning after polling day.
pub fn now() -> NaiveDateTime {
    date(2027, 5, 7).and_hms_opt(9, 30, 0).unwrap()
}

/// A date that exists.
pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// What a helper finds to click: a control by its label, a text shown, a pick list by its label.
enum Target<'t> {
    Control(&'t str),
    Text(&'t str),
    Combo(&'t str),
}

/// The editor with the example plan open, in its own data folder.
pub struct App {
    /// The harness, for what the helpers do not cover (keys, events, one frame at a time).
    pub harness: Harness<'static, PlannerApp>,
    _data: tempfile::TempDir,
}

impl App {
    /// The example plan open on its first screen, the clock at [`now`].
    pub fn example() -> App {
        App::example_at(now())
    }

    /// The example open on the screen of `E`'s list (and on `tab`, for a screen of parts), with one
    /// entry added there by its "Add" button; returns how many there were before.
    pub fn adding<E: Entity>(tab: Option<&str>) -> (App, usize) {
        let mut app = App::example();
        app.go_to(E::SECTION);
        if let Some(tab) = tab {
            app.click(tab);
        }
        let n = E::list(app.plan()).len();
        app.click(&format!("Add {}", E::NOUN));
        assert_eq!(E::list(app.plan()).len(), n + 1, "a {} was added", E::NOUN);
        (app, n)
    }

    /// The last entry of `E`'s list (the one just added).
    pub fn last<E: Entity>(&self) -> &E {
        E::list(self.plan()).last().expect("the list has an entry")
    }

    /// Removes the selected entry of `E`'s list by its "Remove" button and checks `n` are left.
    pub fn removes<E: Entity>(&mut self, n: usize) {
        self.click(&format!("Remove {}", E::NOUN));
        assert_eq!(E::list(self.plan()).len(), n, "the {} was removed", E::NOUN);
    }

    /// The example plan open on its first screen, the clock at `now`.
    pub fn example_at(now: NaiveDateTime) -> App {
        let data = tempfile::tempdir().unwrap();
        let mut app = PlannerApp::with(data.path().to_owned(), Box::new(Answers), Some(now));
        app.command(Command::Open);
        let harness = Harness::builder()
            .with_size(egui::vec2(1500.0, 1000.0))
            .with_context_setup(|ctx| {
                super::install_fonts(ctx);
                // A test waits for the screen to settle, not for animations to play.
                ctx.all_styles_mut(|style| {
                    style.animation_time = 0.0;
                    style.scroll_animation = egui::style::ScrollAnimation::none();
                });
            })
            .build_ui_state(|ui, app: &mut PlannerApp| app.show(ui), app);
        let mut app = App {
            harness,
            _data: data,
        };
        app.run();
        assert!(app.harness.state().plan().is_some(), "the example opened");
        app
    }

    /// Runs frames until the window settles.
    pub fn run(&mut self) {
        self.harness.run();
    }

    /// The plan as it stands.
    pub fn plan(&self) -> &Plan {
        self.harness.state().plan().expect("a plan is open")
    }

    /// Goes to a section by its entry in the navigation list ("9. Risk register").
    pub fn go_to(&mut self, section: Section) {
        let entry = format!("{}. {}", section.number(), section.label());
        self.click(&entry);
    }

    /// The one widget labelled `label` that can be pressed (a label's own text is not one).
    pub fn control<'a>(&'a self, label: &'a str) -> Node<'a> {
        let mut found = self
            .harness
            .get_all_by_label(label)
            .filter(|n| n.accesskit_node().role() != Role::Label);
        let first = found
            .next()
            .unwrap_or_else(|| panic!("nothing to press labelled {label:?}"));
        assert!(found.next().is_none(), "two controls labelled {label:?}");
        first
    }

    /// Scrolls the control labelled `label` into view and clicks it.
    pub fn click(&mut self, label: &str) {
        self.activate(&Target::Control(label));
    }

    /// The node a target names.
    fn node<'a>(&'a self, target: &Target<'a>) -> Node<'a> {
        match *target {
            Target::Control(label) => self.control(label),
            Target::Text(text) => self.text(text),
            Target::Combo(label) => self.combo(label),
        }
    }

    /// Scrolls a target into view and clicks it, letting the window settle each time.
    fn activate(&mut self, target: &Target<'_>) {
        self.node(target).scroll_to_me();
        self.run();
        self.node(target).click();
        self.run();
    }

    /// The text shown as `text` (a label, a cell of a list).
    pub fn text<'a>(&'a self, text: &'a str) -> Node<'a> {
        self.harness
            .query_all_by_value(text)
            .find(|n| n.accesskit_node().role() == Role::Label)
            .unwrap_or_else(|| panic!("no text {text:?} shown"))
    }

    /// Clicks the text shown as `text` (a cell of a list, to select its row).
    pub fn click_text(&mut self, text: &str) {
        self.activate(&Target::Text(text));
    }

    /// Whether any widget's name or text contains `text`.
    pub fn shows(&self, text: &str) -> bool {
        self.harness.query_by_label_contains(text).is_some()
            || self
                .harness
                .query_by(|n| n.value().is_some_and(|v| v.contains(text)))
                .is_some()
    }

    /// The names of the buttons shown whose names contain `text`.
    pub fn buttons(&self, text: &str) -> Vec<String> {
        self.harness
            .query_all_by_label_contains(text)
            .filter(|n| n.accesskit_node().role() == Role::Button)
            .filter_map(|n| n.accesskit_node().label())
            .collect()
    }

    /// The text field labelled `label` (a column header may share the words; it is not a field).
    pub fn field<'a>(&'a self, label: &'a str) -> Node<'a> {
        let mut fields = self.harness.get_all_by_label(label).filter(|n| {
            matches!(
                n.accesskit_node().role(),
                Role::TextInput | Role::MultilineTextInput | Role::SpinButton
            )
        });
        let first = fields
            .next()
            .unwrap_or_else(|| panic!("no text field labelled {label:?}"));
        assert!(
            fields.next().is_none(),
            "two text fields labelled {label:?}"
        );
        first
    }

    /// The text in the field labelled `label`.
    pub fn value_of(&self, label: &str) -> String {
        self.field(label).value().unwrap_or_default()
    }

    /// Puts the keyboard in the field labelled `label`.
    pub fn focus(&mut self, label: &str) {
        self.field(label).scroll_to_me();
        self.run();
        self.field(label).focus();
        self.run();
    }

    /// Replaces the text of the field labelled `label` with `text`, then leaves the field (Tab).
    pub fn type_into(&mut self, label: &str, text: &str) {
        self.focus(label);
        self.harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
        self.field(label).type_text(text);
        self.run();
        self.harness.key_press(Key::Tab);
        self.run();
    }

    /// Presses a key and lets the window settle.
    pub fn press(&mut self, key: Key) {
        self.harness.key_press(key);
        self.run();
    }

    /// The pick list labelled `label`.
    pub fn combo<'a>(&'a self, label: &'a str) -> Node<'a> {
        self.harness
            .get_all_by_label(label)
            .find(|n| n.accesskit_node().role() == Role::ComboBox)
            .unwrap_or_else(|| panic!("no pick list labelled {label:?}"))
    }

    /// Opens the pick list labelled `label`.
    pub fn open(&mut self, label: &str) {
        self.activate(&Target::Combo(label));
    }

    /// Opens the pick list labelled `label` and chooses `option` from it.
    pub fn choose(&mut self, label: &str, option: &str) {
        self.open(label);
        let shown = |app: &App| {
            app.harness
                .get_all_by_label(option)
                .last()
                .unwrap_or_else(|| panic!("no option {option:?} in {label:?}"))
                .accesskit_node()
                .id()
        };
        let id = shown(self);
        self.harness.get_by(|n| n.id() == id).scroll_to_me();
        self.run();
        let id = shown(self);
        self.harness.get_by(|n| n.id() == id).click();
        self.run();
    }

    /// Types `text` into the open pick list's "Type to filter" box.
    pub fn type_filter(&mut self, text: &str) {
        let boxed = |app: &App| {
            app.harness
                .get_by(|n| n.placeholder() == Some("Type to filter"))
                .accesskit_node()
                .id()
        };
        let id = boxed(self);
        self.harness.get_by(|n| n.id() == id).focus();
        self.run();
        self.harness.get_by(|n| n.id() == id).type_text(text);
        self.run();
    }

    /// The names of the choosable entries shown whose names contain `text` (an open list's
    /// options; tabs and navigation entries are choosable entries too).
    pub fn options(&self, text: &str) -> Vec<String> {
        self.harness
            .query_all_by_role(Role::Button)
            .filter(|n| n.accesskit_node().toggled().is_some())
            .filter_map(|n| n.accesskit_node().label())
            .filter(|l| l.contains(text))
            .collect()
    }
}
