//! The plan as an Excel workbook (`.xlsx`) for spreadsheet users: the contact directory, the
//! responsibilities matrix, the risk register coloured as the PDF's heat map, the fraud indicators
//! and their observations, and the custody log.
//!
//! - The copy is cut by the model's one redaction function, [`crate::model::redact::redact`], as
//!   the PDF and the calendar are: the sheets show what the redacted plan holds and never ask the
//!   profile what to leave out, so the redacted workbook withholds what the redacted PDF does.
//! - Every sheet carries the copy's protective marking in its printed header and footer, and the
//!   document properties carry it too (keywords, category and a custom "Protective marking").
//! - Each table has a bold header row, frozen and filtered, and prints with that row repeated.
//! - Text is written as text, never as a formula: a risk titled `=HYPERLINK(…)` is a string cell.
//!   Dates and times are date cells with a date format; levels and scores are numbers.
//! - Reproducible: the same plan and profile give the same bytes (the creation date is the plan's
//!   document date; the zip entries carry no clock time).
//! - Bounded memory: the custody log, the one sheet that grows without limit (120,000 events at
//!   London scale), is written in the writer's constant-memory mode, a row at a time to a
//!   temporary file, rather than held as cells until the end.

mod sheets;

use std::borrow::Cow;

use chrono::{NaiveDate, NaiveDateTime};
use rust_xlsxwriter::{
    Color, DocProperties, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};
use thiserror::Error;

use super::Profile;
use super::document::Rgb;
use super::plan::{document_date, handling_line, properties};
use crate::model::{Plan, Section, redact};

/// The most rows a worksheet holds, its header row included (Excel's limit).
pub const MAX_ROWS: usize = 1_048_576;

/// Why a workbook could not be written.
#[derive(Debug, Error)]
pub enum WorkbookError {
    /// The custody log has more events than one worksheet holds.
    #[error(
        "the custody log has {0} events, more than one worksheet holds ({rows} rows)",
        rows = MAX_ROWS - 1
    )]
    TooManyEvents(usize),
    /// The spreadsheet writer failed (a temporary file for the custody log could not be made).
    #[error("cannot write the workbook: {0}")]
    Write(String),
}

impl WorkbookError {
    /// What to do about it.
    pub fn hint(&self) -> &'static str {
        match self {
            WorkbookError::TooManyEvents(_) => {
                "export the custody log as CSV instead: integrity-planner custody export PLAN -o LOG.csv"
            }
            WorkbookError::Write(_) => {
                "the custody log is written through a temporary file: check that the temporary \
                 folder ($TMPDIR) exists and has room"
            }
        }
    }
}

impl From<XlsxError> for WorkbookError {
    fn from(e: XlsxError) -> WorkbookError {
        WorkbookError::Write(e.to_string())
    }
}

/// The plan as an `.xlsx` workbook, the copy for `profile` of it. Deterministic: the same plan and
/// profile give the same bytes.
pub fn workbook(plan: &Plan, profile: Profile) -> Result<Vec<u8>, WorkbookError> {
    if plan.custody.events.len() >= MAX_ROWS {
        return Err(WorkbookError::TooManyEvents(plan.custody.events.len()));
    }
    let copy = redact(plan, profile);
    let plan = &copy.plan;
    let running = Running::of(plan, profile);
    let formats = Formats::new();
    let mut book = Workbook::new();
    book.set_properties(&document_properties(plan, profile));
    sheets::about(&mut book, &copy, &running, &formats)?;
    sheets::contacts(&mut book, plan, &running, &formats)?;
    sheets::responsibilities(&mut book, plan, &running, &formats)?;
    sheets::risks(&mut book, plan, &running, &formats)?;
    sheets::indicators(&mut book, plan, &running, &formats)?;
    sheets::observations(&mut book, plan, &running, &formats)?;
    sheets::custody_log(&mut book, plan, &running, &formats)?;
    Ok(book.save_to_buffer()?)
}

/// The names of the sheets, in order.
pub const SHEETS: [&str; 7] = [
    "About this copy",
    "Contacts",
    "Responsibilities",
    "Risk register",
    "Fraud indicators",
    "Observations",
    "Custody log",
];

/// The document properties: the PDF's title, author, subject and keywords, the authority as the
/// company, the protective marking as the category and a custom property, the handling line as
/// the comment, and the plan's document date as the creation date.
fn document_properties(plan: &Plan, profile: Profile) -> DocProperties {
    let p = properties(plan, profile);
    let marking = plan.overview.marking.label();
    let created = document_date(plan).and_time(chrono::NaiveTime::MIN);
    DocProperties::new()
        .set_title(p.title)
        .set_author(p.author)
        .set_subject(p.subject)
        .set_keywords(p.keywords.join(", "))
        .set_company(plan.overview.authority.clone())
        .set_category(marking)
        .set_comment(handling_line(profile))
        .set_status(plan.overview.status.label())
        .set_creation_datetime(&created)
        .set_custom_property("Protective marking", marking)
        .set_custom_property("Copy", profile.key())
}

/// The printed header and footer of every sheet: the marking in the middle of both, the plan's
/// title and which copy at the top, the authority and the page number at the foot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Running {
    /// Header text with Excel's codes (`&L`, `&C`, `&R`), at most 255 characters.
    pub header: String,
    /// Footer text with Excel's codes.
    pub footer: String,
}

/// How much of a title or an authority's name a header or footer shows, so that either stays
/// within Excel's 255 characters.
const RUNNING_CHARS: usize = 60;

impl Running {
    fn of(plan: &Plan, profile: Profile) -> Running {
        let o = &plan.overview;
        let marking = running_text(o.marking.label());
        let copy = match profile {
            Profile::Full => "Full copy",
            Profile::Redacted => "REDACTED COPY",
        };
        Running {
            header: format!("&L{}&C&\"-,Bold\"{marking}&R{copy}", running_text(&o.title)),
            footer: format!(
                "&L{}&C&\"-,Bold\"{marking}&RPage &P of &N",
                running_text(&o.authority)
            ),
        }
    }
}

/// Text for a header or footer: cut to [`RUNNING_CHARS`], on one line, with `&` doubled so that
/// Excel prints it rather than reading a code.
fn running_text(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut cut: String = line.chars().take(RUNNING_CHARS).collect();
    if cut.len() < line.len() {
        cut.pop();
        cut.push('…');
    }
    cut.replace('&', "&&")
}

/// The cell formats every sheet uses.
pub(crate) struct Formats {
    header: Format,
    text: Format,
    wrapped: Format,
    number: Format,
    date: Format,
    date_time: Format,
    label: Format,
    marking: Format,
}

/// Dates as the PDF prints them in tables ("6 May 2027").
const DATE_FORMAT: &str = "d mmm yyyy";
/// Times as the PDF prints them ("6 May 2027 22:15").
const DATE_TIME_FORMAT: &str = "d mmm yyyy hh:mm";

impl Formats {
    fn new() -> Formats {
        let top = || Format::new().set_align(FormatAlign::Top);
        Formats {
            header: Format::new()
                .set_bold()
                .set_font_color(Color::White)
                .set_background_color(colour(super::flow::colour::NAVY))
                .set_border_bottom(FormatBorder::Thin)
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            text: top(),
            wrapped: top().set_text_wrap(),
            number: top(),
            date: top().set_num_format(DATE_FORMAT),
            date_time: top().set_num_format(DATE_TIME_FORMAT),
            label: top().set_bold(),
            marking: Format::new().set_bold().set_font_size(14),
        }
    }

    /// A cell filled with a heat-map or state colour.
    fn filled(&self, fill: Rgb) -> Format {
        self.text.clone().set_background_color(colour(fill))
    }
}

/// The house colour as Excel's.
fn colour(Rgb(r, g, b): Rgb) -> Color {
    Color::RGB((u32::from(r) << 16) | (u32::from(g) << 8) | u32::from(b))
}

/// What a cell holds.
pub(crate) enum Cell<'a> {
    /// Nothing.
    Empty,
    /// Text on one line.
    Text(Cow<'a, str>),
    /// Text that wraps within the column.
    Wrapped(Cow<'a, str>),
    /// A number.
    Number(f64),
    /// A day.
    Date(NaiveDate),
    /// A moment.
    DateTime(NaiveDateTime),
    /// Text filled with a colour (a risk level, an indicator state).
    Filled(Cow<'a, str>, Rgb),
    /// A number filled with a colour (a risk score).
    FilledNumber(f64, Rgb),
}

impl<'a> Cell<'a> {
    /// Text on one line (empty text is an empty cell).
    pub fn text(text: impl Into<Cow<'a, str>>) -> Cell<'a> {
        Cell::Text(text.into())
    }

    /// Wrapped text.
    pub fn wrapped(text: impl Into<Cow<'a, str>>) -> Cell<'a> {
        Cell::Wrapped(text.into())
    }

    /// A number, or an empty cell.
    pub fn number(value: Option<f64>) -> Cell<'a> {
        value.map_or(Cell::Empty, Cell::Number)
    }

    /// A date, or an empty cell.
    pub fn date(date: Option<NaiveDate>) -> Cell<'a> {
        date.map_or(Cell::Empty, Cell::Date)
    }
}

/// The most UTF-16 units a cell holds (Excel's limit).
const MAX_CELL: usize = 32_767;

/// Text cut to what a cell holds, with an ellipsis where it was cut.
fn fit(text: &str) -> Cow<'_, str> {
    if text.len() <= MAX_CELL {
        return Cow::Borrowed(text);
    }
    let mut units = 0;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        units += c.len_utf16();
        if units > MAX_CELL - 1 {
            break;
        }
        end = i + c.len_utf8();
    }
    if end == text.len() {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(format!("{}…", &text[..end]))
    }
}

/// One table on its own sheet: a bold, frozen, filtered header row and a row per entry.
pub(crate) struct Table<'a> {
    sheet: &'a mut Worksheet,
    formats: &'a Formats,
    columns: u16,
    /// The last row written (0 is the header).
    row: u32,
}

impl<'a> Table<'a> {
    /// Names `sheet`, writes its header row from `columns` (title and width in characters),
    /// freezes it, repeats it on every printed page and sets the running header and footer.
    pub fn begin<T: AsRef<str>>(
        sheet: &'a mut Worksheet,
        name: &str,
        columns: &[(T, f64)],
        running: &Running,
        formats: &'a Formats,
    ) -> Result<Table<'a>, WorkbookError> {
        sheet_setup(sheet, name, running)?;
        let count = u16::try_from(columns.len()).unwrap_or(u16::MAX);
        for (col, (title, width)) in (0u16..).zip(columns) {
            sheet.set_column_width(col, *width)?;
            sheet.write_string_with_format(0, col, fit(title.as_ref()), &formats.header)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        sheet.set_repeat_rows(0, 0)?;
        sheet.set_landscape();
        sheet.set_print_fit_to_pages(1, 0);
        Ok(Table {
            sheet,
            formats,
            columns: count,
            row: 0,
        })
    }

    /// Writes the next row.
    pub fn row(&mut self, cells: &[Cell<'_>]) -> Result<(), WorkbookError> {
        self.row += 1;
        let f = self.formats;
        for (col, cell) in (0u16..).zip(cells) {
            let (row, s) = (self.row, &mut *self.sheet);
            match cell {
                Cell::Empty => {}
                Cell::Text(t) if t.is_empty() => {}
                Cell::Wrapped(t) if t.is_empty() => {}
                Cell::Text(t) => {
                    s.write_string_with_format(row, col, fit(t), &f.text)?;
                }
                Cell::Wrapped(t) => {
                    s.write_string_with_format(row, col, fit(t), &f.wrapped)?;
                }
                Cell::Number(n) => {
                    s.write_number_with_format(row, col, *n, &f.number)?;
                }
                Cell::Date(d) => {
                    s.write_datetime_with_format(row, col, d, &f.date)?;
                }
                Cell::DateTime(d) => {
                    s.write_datetime_with_format(row, col, d, &f.date_time)?;
                }
                Cell::Filled(t, fill) => {
                    s.write_string_with_format(row, col, fit(t), &f.filled(*fill))?;
                }
                Cell::FilledNumber(n, fill) => {
                    s.write_number_with_format(row, col, *n, &f.filled(*fill))?;
                }
            }
        }
        Ok(())
    }

    /// Puts the filter over the header and every row written.
    pub fn finish(self) -> Result<(), WorkbookError> {
        self.sheet
            .autofilter(0, 0, self.row, self.columns.saturating_sub(1))?;
        Ok(())
    }
}

/// A sheet's name, running header and footer, and paper.
fn sheet_setup(sheet: &mut Worksheet, name: &str, running: &Running) -> Result<(), WorkbookError> {
    sheet.set_name(name)?;
    sheet.set_header(&running.header);
    sheet.set_footer(&running.footer);
    sheet.set_paper_size(9); // A4
    Ok(())
}

/// Which sections' tallies the "About this copy" sheet reports: those the workbook shows.
const SHOWN: [Section; 5] = [
    Section::People,
    Section::Responsibilities,
    Section::Risks,
    Section::Fraud,
    Section::Custody,
];

#[cfg(test)]
mod tests;
