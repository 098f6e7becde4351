//! A table read from a CSV file or one worksheet of an XLSX workbook: a header row and the rows
//! under it, each cell as the file holds it (a spreadsheet's number stays a number, its date a
//! date), numbered as the spreadsheet numbers them. Everything an import reads comes through here,
//! so the bounds on size and the refusals of what spreadsheets save instead of UTF-8 are in one
//! place.

use std::io::{Cursor, Read as _};
use std::path::Path;

use calamine::{DataRef, Reader as _, SheetType, Xlsx};
use chrono::NaiveDateTime;

/// The largest file an import reads (20 MiB): a directory of every polling station in the largest
/// authority is a fraction of this.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// The most rows under the header an import reads.
pub const MAX_ROWS: usize = 50_000;

/// The most columns an import reads.
pub const MAX_COLUMNS: usize = 500;

/// The most a workbook may hold once unzipped (an XLSX is compressed; a small file can unpack to
/// far more than memory holds).
const MAX_UNZIPPED_BYTES: u128 = 400 * 1024 * 1024;

/// One cell as the file holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Nothing in it.
    Empty,
    /// Text (every cell of a CSV file).
    Text(String),
    /// A number a workbook stored as a number.
    Number(f64),
    /// A date or time a workbook stored as one (a serial number formatted as a date).
    Date(NaiveDateTime),
    /// TRUE or FALSE.
    Bool(bool),
    /// A spreadsheet error such as `#N/A`.
    Error(String),
}

impl Cell {
    /// Whether the cell holds nothing but white space.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

/// A row under the header.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The row's number as the spreadsheet shows it (the header of a CSV file is row 1).
    pub number: usize,
    /// Its cells, one per column of the header row.
    pub cells: Vec<Cell>,
}

/// What an import reads: a header row and the rows under it.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The file's name, for messages.
    pub file: String,
    /// The worksheet read, for a workbook.
    pub sheet: Option<String>,
    /// Every worksheet of the workbook (empty for a CSV file).
    pub sheets: Vec<String>,
    /// The header row's cells, as text.
    pub headers: Vec<String>,
    /// The header row's number.
    pub header_row: usize,
    /// The first column's index (0 for A): a worksheet's table may start further right.
    pub first_column: usize,
    /// The rows under the header that hold anything.
    pub rows: Vec<Row>,
}

impl Table {
    /// A column by its spreadsheet letter and header: `C “Station”`.
    pub fn column(&self, index: usize) -> String {
        let letter = column_letter(self.first_column + index);
        match self.headers.get(index).map(|h| h.trim()) {
            Some(h) if !h.is_empty() => format!("{letter} \u{201c}{h}\u{201d}"),
            _ => format!("{letter} (no header)"),
        }
    }

    /// Where the table came from: the file, and the sheet of a workbook.
    pub fn source(&self) -> String {
        match &self.sheet {
            Some(sheet) => format!("{}, sheet \u{201c}{sheet}\u{201d}", self.file),
            None => self.file.clone(),
        }
    }
}

/// A column's letters as a spreadsheet shows them: 0 is A, 25 is Z, 26 is AA.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Why a file could not be read as a table. Nothing was imported.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// The file could not be read.
    #[error("cannot read {file}: {message}")]
    Io {
        /// The file.
        file: String,
        /// What the system said.
        message: String,
    },
    /// Larger than any import.
    #[error("{file} is {bytes} bytes, larger than an import reads (the limit is {limit})")]
    TooLarge {
        /// The file.
        file: String,
        /// Its size.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// Saved as UTF-16 text.
    #[error("{file} is saved as UTF-16 text")]
    Utf16 {
        /// The file.
        file: String,
    },
    /// Not UTF-8 text (Excel's plain "CSV" saves in the computer's own code page).
    #[error("{file} is not UTF-8 text (the first byte that is not is at {offset})")]
    NotUtf8 {
        /// The file.
        file: String,
        /// Where the first byte that is not UTF-8 is.
        offset: usize,
    },
    /// An older Excel or other format that is not read.
    #[error("{file} is {what}, which is not read")]
    Format {
        /// The file.
        file: String,
        /// What it seems to be.
        what: &'static str,
    },
    /// The workbook could not be read.
    #[error("{file} could not be read as an XLSX workbook: {message}")]
    Workbook {
        /// The file.
        file: String,
        /// What the reader said.
        message: String,
    },
    /// No worksheet of that name.
    #[error("{file} has no sheet \u{201c}{sheet}\u{201d}; its sheets are {}", sheets.join(", "))]
    NoSheet {
        /// The file.
        file: String,
        /// The sheet asked for.
        sheet: String,
        /// The sheets it has.
        sheets: Vec<String>,
    },
    /// Nothing in it.
    #[error("{within} has no header row: it is empty")]
    Empty {
        /// The file and sheet.
        within: String,
    },
    /// Too many rows or columns.
    #[error("{within} has {found} {what}; an import reads at most {limit}")]
    TooBig {
        /// The file and sheet.
        within: String,
        /// Rows or columns.
        what: &'static str,
        /// How many it has.
        found: usize,
        /// The limit.
        limit: usize,
    },
    /// A row of a CSV file could not be read.
    #[error("{file}, row {row}: {message}")]
    Csv {
        /// The file.
        file: String,
        /// The row, as a spreadsheet numbers it.
        row: usize,
        /// What is wrong.
        message: String,
    },
}

impl ReadError {
    /// What to do about it.
    pub fn hint(&self) -> String {
        match self {
            ReadError::Io { .. } => "check the path".to_owned(),
            ReadError::TooLarge { .. } | ReadError::TooBig { .. } => {
                "check you chose the right file, or split it".to_owned()
            }
            ReadError::Utf16 { .. } | ReadError::NotUtf8 { .. } => {
                "in Excel, save it again as \u{201c}CSV UTF-8 (Comma delimited)\u{201d}, or import \
                 the .xlsx workbook itself"
                    .to_owned()
            }
            ReadError::Format { .. } => {
                "save it as an Excel Workbook (.xlsx) or as \u{201c}CSV UTF-8\u{201d}".to_owned()
            }
            ReadError::Workbook { .. } => {
                "open it in Excel and save it again as an Excel Workbook (.xlsx), or as \u{201c}CSV \
                 UTF-8\u{201d}"
                    .to_owned()
            }
            ReadError::NoSheet { .. } => "name one of its sheets with --sheet".to_owned(),
            ReadError::Empty { .. } => {
                "the first row that holds anything is read as the column headings".to_owned()
            }
            ReadError::Csv { .. } => {
                "check the row in a text editor: a quote that never closes runs on to the end"
                    .to_owned()
            }
        }
    }
}

/// The kind of file, from its first bytes.
enum Kind {
    Workbook,
    Text,
}

/// Reads a file as a table: an XLSX workbook (its `sheet`, or the first worksheet) or CSV text.
pub fn read_file(path: &Path, sheet: Option<&str>) -> Result<Table, ReadError> {
    let file = path.display().to_string();
    let io = |e: std::io::Error| ReadError::Io {
        file: file.clone(),
        message: e.to_string(),
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            file,
            bytes: size,
            limit: MAX_FILE_BYTES,
        });
    }
    // Read no more than the limit even if the file grows meanwhile.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(io)?;
    let name = path
        .file_name()
        .map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned());
    read_bytes(&bytes, &name, sheet)
}

/// Reads a table from a file's bytes; `name` is the file's name, for messages.
pub fn read_bytes(bytes: &[u8], name: &str, sheet: Option<&str>) -> Result<Table, ReadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            file: name.to_owned(),
            bytes: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    match kind(bytes, name)? {
        Kind::Workbook => read_xlsx(bytes, name, sheet),
        Kind::Text => read_csv(bytes, name),
    }
}

fn kind(bytes: &[u8], name: &str) -> Result<Kind, ReadError> {
    let format = |what| ReadError::Format {
        file: name.to_owned(),
        what,
    };
    if bytes.starts_with(b"PK\x03\x04") {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".ods") {
            return Err(format("an OpenDocument spreadsheet"));
        }
        return Ok(Kind::Workbook);
    }
    if bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0]) {
        return Err(format("an Excel 97–2003 workbook (.xls)"));
    }
    Ok(Kind::Text)
}

/// Reads CSV text: a byte-order mark is dropped; UTF-16 and text that is not UTF-8 are refused.
pub fn read_csv(bytes: &[u8], name: &str) -> Result<Table, ReadError> {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(ReadError::Utf16 {
            file: name.to_owned(),
        });
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| ReadError::NotUtf8 {
        file: name.to_owned(),
        offset: e.valid_up_to(),
    })?;
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let mut headers: Option<Vec<String>> = None;
    let mut header_row = 0;
    let mut rows = Vec::new();
    // A spreadsheet shows a blank line as a row (the reader skips them) and a record with line
    // breaks in its cells as one row.
    let mut number = 0;
    for record in records.by_ref() {
        let record = record.map_err(|e| ReadError::Csv {
            file: name.to_owned(),
            row: number + 1,
            message: e.to_string(),
        })?;
        let start = record.position().map_or(0, |p| p.byte() as usize);
        number += 1 + text.get(start..).map_or(0, blank_lines);
        let cells: Vec<&str> = record.iter().collect();
        let Some(heads) = &headers else {
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            if cells.len() > MAX_COLUMNS {
                return Err(ReadError::TooBig {
                    within: name.to_owned(),
                    what: "columns",
                    found: cells.len(),
                    limit: MAX_COLUMNS,
                });
            }
            headers = Some(cells.iter().map(|c| (*c).to_owned()).collect());
            header_row = number;
            continue;
        };
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let extra = cells.iter().skip(heads.len()).any(|c| !c.trim().is_empty());
        if extra {
            return Err(ReadError::Csv {
                file: name.to_owned(),
                row: number,
                message: format!(
                    "it has {} cells, more than the {} columns of the header row",
                    cells.len(),
                    heads.len()
                ),
            });
        }
        if rows.len() == MAX_ROWS {
            return Err(ReadError::TooBig {
                within: name.to_owned(),
                what: "rows",
                found: MAX_ROWS + 1,
                limit: MAX_ROWS,
            });
        }
        let mut row: Vec<Cell> = cells
            .iter()
            .take(heads.len())
            .map(|c| {
                if c.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text((*c).to_owned())
                }
            })
            .collect();
        row.resize(heads.len(), Cell::Empty);
        rows.push(Row { number, cells: row });
    }
    let Some(headers) = headers else {
        return Err(ReadError::Empty {
            within: name.to_owned(),
        });
    };
    Ok(Table {
        file: name.to_owned(),
        sheet: None,
        sheets: Vec::new(),
        headers,
        header_row,
        first_column: 0,
        rows,
    })
}

/// How many empty lines `text` starts with.
fn blank_lines(text: &str) -> usize {
    let mut rest = text.as_bytes();
    let mut lines = 0;
    loop {
        rest = match rest {
            [b'\r', b'\n', more @ ..] | [b'\n' | b'\r', more @ ..] => more,
            _ => return lines,
        };
        lines += 1;
    }
}

/// The worksheets of a workbook, in order (empty for a CSV file).
pub fn sheet_names(bytes: &[u8], name: &str) -> Result<Vec<String>, ReadError> {
    match kind(bytes, name)? {
        Kind::Text => Ok(Vec::new()),
        Kind::Workbook => Ok(worksheets(&open_workbook(bytes, name)?)),
    }
}

fn open_workbook<'b>(bytes: &'b [u8], name: &str) -> Result<Xlsx<Cursor<&'b [u8]>>, ReadError> {
    let workbook = |message: String| ReadError::Workbook {
        file: name.to_owned(),
        message,
    };
    // Refuse a workbook that unzips to more than memory should hold, before unzipping any of it.
    // (The sizes its directory declares: Excel writes them even where each entry's own header
    // leaves them to the end.)
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| workbook(e.to_string()))?;
    let mut unzipped: u128 = 0;
    for i in 0..archive.len() {
        let entry = archive
            .by_index_raw(i)
            .map_err(|e| workbook(e.to_string()))?;
        unzipped = unzipped.saturating_add(u128::from(entry.size()));
    }
    if unzipped > MAX_UNZIPPED_BYTES {
        return Err(workbook(format!(
            "it unpacks to more than {} MiB",
            MAX_UNZIPPED_BYTES / (1024 * 1024)
        )));
    }
    Xlsx::new(Cursor::new(bytes)).map_err(|e| workbook(e.to_string()))
}

fn worksheets<R: std::io::Read + std::io::Seek>(workbook: &Xlsx<R>) -> Vec<String> {
    workbook
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect()
}

/// Reads one worksheet of an XLSX workbook (the first when `sheet` is `None`), cell by cell, so a
/// stray cell far from the table cannot make it allocate a grid the size of the whole sheet.
pub fn read_xlsx(bytes: &[u8], name: &str, sheet: Option<&str>) -> Result<Table, ReadError> {
    let mut workbook = open_workbook(bytes, name)?;
    let sheets = worksheets(&workbook);
    let chosen = match sheet {
        Some(wanted) => sheets
            .iter()
            .find(|s| s.as_str() == wanted)
            .or_else(|| sheets.iter().find(|s| s.eq_ignore_ascii_case(wanted)))
            .cloned()
            .ok_or_else(|| ReadError::NoSheet {
                file: name.to_owned(),
                sheet: wanted.to_owned(),
                sheets: sheets.clone(),
            })?,
        None => sheets.first().cloned().ok_or_else(|| ReadError::Empty {
            within: name.to_owned(),
        })?,
    };
    let source = format!("{name}, sheet \u{201c}{chosen}\u{201d}");
    let workbook_error = |message: String| ReadError::Workbook {
        file: name.to_owned(),
        message,
    };
    let mut cells: Vec<((usize, usize), Cell)> = Vec::new();
    {
        let mut reader = workbook
            .worksheet_cells_reader(&chosen)
            .map_err(|e| workbook_error(e.to_string()))?;
        while let Some(cell) = reader
            .next_cell()
            .map_err(|e| workbook_error(e.to_string()))?
        {
            let value = from_workbook(cell.get_value());
            if value.is_blank() {
                continue;
            }
            let (row, column) = cell.get_position();
            let (row, column) = (row as usize, column as usize);
            if column >= MAX_COLUMNS {
                return Err(ReadError::TooBig {
                    within: source,
                    what: "columns",
                    found: column + 1,
                    limit: MAX_COLUMNS,
                });
            }
            if cells.len() >= MAX_ROWS * 20 {
                return Err(ReadError::TooBig {
                    within: source,
                    what: "cells",
                    found: cells.len() + 1,
                    limit: MAX_ROWS * 20,
                });
            }
            cells.push(((row, column), value));
        }
    }
    cells.sort_by_key(|(at, _)| *at);
    let Some(&((header_at, _), _)) = cells.first() else {
        return Err(ReadError::Empty { within: source });
    };
    let first_column = cells.iter().map(|((_, c), _)| *c).min().unwrap_or(0);
    let last_column = cells.iter().map(|((_, c), _)| *c).max().unwrap_or(0);
    let width = last_column - first_column + 1;
    let mut headers = vec![String::new(); width];
    let mut rows: Vec<Row> = Vec::new();
    for ((row, column), value) in cells {
        let index = column - first_column;
        if row == header_at {
            if let Some(h) = headers.get_mut(index) {
                *h = header_text(&value);
            }
            continue;
        }
        let number = row + 1;
        if rows.last().is_none_or(|r| r.number != number) {
            if rows.len() == MAX_ROWS {
                return Err(ReadError::TooBig {
                    within: source,
                    what: "rows",
                    found: MAX_ROWS + 1,
                    limit: MAX_ROWS,
                });
            }
            rows.push(Row {
                number,
                cells: vec![Cell::Empty; width],
            });
        }
        if let Some(slot) = rows.last_mut().and_then(|r| r.cells.get_mut(index)) {
            *slot = value;
        }
    }
    Ok(Table {
        file: name.to_owned(),
        sheet: Some(chosen),
        sheets,
        headers,
        header_row: header_at + 1,
        first_column,
        rows,
    })
}

/// A heading as text: a number heading (a year, say) as a person would type it.
fn header_text(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(t) => t.trim().to_owned(),
        Cell::Number(n) => number_text(*n),
        Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
        Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Cell::Error(e) => e.clone(),
    }
}

/// A number as text, whole numbers without a decimal point (12, not 12.0).
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A workbook's cell: its dates converted from Excel's serial numbers.
fn from_workbook(value: &DataRef<'_>) -> Cell {
    match value {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            Cell::Text(s.clone())
        }
        DataRef::SharedString(s) => Cell::Text((*s).to_owned()),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(d) if d.is_datetime() => match d.as_datetime() {
            Some(at) => Cell::Date(at),
            None => Cell::Number(d.as_f64()),
        },
        DataRef::DateTime(d) => Cell::Number(d.as_f64()),
        DataRef::Error(e) => Cell::Error(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn columns_are_lettered_as_spreadsheets_letter_them() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn a_csv_file_is_read_with_its_byte_order_mark_dropped_and_rows_numbered_from_the_header() {
        let text = "\u{feff}Name,Address\n\nHall,\"1 High St,\nNorthmere\"\n,\nChurch,2 Low St\n";
        let t = read_csv(text.as_bytes(), "v.csv").unwrap();
        assert_eq!(t.headers, ["Name", "Address"]);
        assert_eq!(t.header_row, 1);
        let numbers: Vec<usize> = t.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [3, 5], "blank rows are skipped but counted");
        assert_eq!(
            t.rows[0].cells[1],
            Cell::Text("1 High St,\nNorthmere".into())
        );
        assert_eq!(t.column(1), "B \u{201c}Address\u{201d}");
    }

    #[test]
    fn text_that_is_not_utf8_and_old_workbooks_are_refused_with_a_hint() {
        let latin1 = b"Name\nCaf\xe9\n";
        let e = read_csv(latin1, "v.csv").unwrap_err();
        assert!(matches!(e, ReadError::NotUtf8 { offset: 8, .. }), "{e:?}");
        assert!(e.hint().contains("CSV UTF-8"));
        let e = read_csv(b"\xff\xfeN\0", "v.csv").unwrap_err();
        assert!(matches!(e, ReadError::Utf16 { .. }));
        let e = read_bytes(&[0xd0, 0xcf, 0x11, 0xe0, 0, 0], "v.xls", None).unwrap_err();
        assert!(e.to_string().contains(".xls"), "{e}");
        let e = read_bytes(b"PK\x03\x04garbage", "v.xlsx", None).unwrap_err();
        assert!(matches!(e, ReadError::Workbook { .. }), "{e:?}");
    }

    #[test]
    fn a_row_wider_than_the_header_is_refused() {
        let e = read_csv(b"Name\nHall,extra\n", "v.csv").unwrap_err();
        assert!(
            matches!(e, ReadError::Csv { row: 2, .. }),
            "{e:?}: {}",
            e.hint()
        );
        let t = read_csv(b"Name,Address\nHall\n", "v.csv").unwrap();
        assert_eq!(t.rows[0].cells, [Cell::Text("Hall".into()), Cell::Empty]);
        assert!(matches!(
            read_csv(b"\n\n", "v.csv").unwrap_err(),
            ReadError::Empty { .. }
        ));
    }

    #[test]
    fn whole_numbers_read_without_a_decimal_point() {
        assert_eq!(number_text(12.0), "12");
        assert_eq!(number_text(12.5), "12.5");
        assert_eq!(number_text(-3.0), "-3");
    }
}
