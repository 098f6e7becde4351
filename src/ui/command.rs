//! Every user command, declared once: its menu label, its shortcut, and what shows beside it.

use egui::{Key, KeyboardShortcut, Modifiers};

/// A command the user can give from the menu or the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// Start a new plan from a template.
    New,
    /// Open a plan file.
    Open,
    /// Save the plan.
    Save,
    /// Save the plan under a new name.
    SaveAs,
    /// Export the plan as a PDF.
    Export,
    /// Print custody sheets as a PDF.
    CustodySheets,
    /// Write the key dates as a calendar file.
    ExportCalendar,
    /// Add and update venues from a CSV file or an XLSX workbook.
    ImportVenues,
    /// Add and update people from a CSV file or an XLSX workbook.
    ImportPeople,
    /// Write the plan as an Excel workbook.
    ExportWorkbook,
    /// Go back to a version of the plan kept as a backup.
    RestoreVersion,
    /// Connect to the shared custody log at a count (or disconnect).
    SharedLog,
    /// Close the plan and return to the start screen.
    Close,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Focus the filter box of the current screen.
    Find,
    /// Close the window (asking about unsaved changes first).
    Exit,
}

impl Command {
    /// Every command, in menu order.
    pub const ALL: &'static [Command] = &[
        Command::New,
        Command::Open,
        Command::Save,
        Command::SaveAs,
        Command::Export,
        Command::CustodySheets,
        Command::ExportCalendar,
        Command::ImportVenues,
        Command::ImportPeople,
        Command::ExportWorkbook,
        Command::RestoreVersion,
        Command::SharedLog,
        Command::Close,
        Command::Exit,
        Command::Undo,
        Command::Redo,
        Command::Find,
    ];

    /// The menu label.
    pub fn label(self) -> &'static str {
        match self {
            Command::New => "New plan…",
            Command::Open => "Open…",
            Command::Save => "Save",
            Command::SaveAs => "Save as…",
            Command::Export => "Export PDF…",
            Command::CustodySheets => "Print custody sheets…",
            Command::ExportCalendar => "Export key dates to calendar…",
            Command::ImportVenues => "Import venues…",
            Command::ImportPeople => "Import people…",
            Command::ExportWorkbook => "Export workbook…",
            Command::RestoreVersion => "Restore previous version…",
            Command::SharedLog => "Connect to shared log…",
            Command::Close => "Close plan",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::Find => "Filter…",
            Command::Exit => "Exit",
        }
    }

    /// The keyboard shortcut, if the command has one.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let ctrl = Modifiers::COMMAND;
        let key = |m, k| Some(KeyboardShortcut::new(m, k));
        match self {
            Command::New => key(ctrl, Key::N),
            Command::Open => key(ctrl, Key::O),
            Command::Save => key(ctrl, Key::S),
            Command::SaveAs => key(ctrl | Modifiers::SHIFT, Key::S),
            Command::Export => key(ctrl, Key::P),
            Command::Undo => key(ctrl, Key::Z),
            Command::Redo => key(ctrl, Key::Y),
            Command::Find => key(ctrl, Key::F),
            Command::Exit => key(ctrl, Key::Q),
            Command::CustodySheets
            | Command::ExportCalendar
            | Command::ImportVenues
            | Command::ImportPeople
            | Command::ExportWorkbook
            | Command::RestoreVersion
            | Command::SharedLog
            | Command::Close => None,
        }
    }

    /// Which menu it is in.
    pub fn menu(self) -> &'static str {
        match self {
            Command::Undo | Command::Redo | Command::Find => "Edit",
            Command::SharedLog => "Custody",
            _ => "File",
        }
    }

    /// Whether the command needs an open plan.
    pub fn needs_plan(self) -> bool {
        !matches!(self, Command::New | Command::Open | Command::Exit)
    }

    /// The commands whose shortcuts were pressed this frame (consumed, so text fields do not see
    /// them). Shift+Ctrl+S is checked before Ctrl+S.
    pub fn pressed(ctx: &egui::Context) -> Vec<Command> {
        let mut order: Vec<Command> = Command::ALL.to_vec();
        order.sort_by_key(|c| {
            std::cmp::Reverse(c.shortcut().map_or(0, |s| s.modifiers.shift as u8))
        });
        ctx.input_mut(|input| {
            order
                .into_iter()
                .filter(|c| c.shortcut().is_some_and(|s| input.consume_shortcut(&s)))
                .collect()
        })
    }
}
