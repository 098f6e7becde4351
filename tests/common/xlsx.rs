//! A workbook read back: its sheets' cells with calamine, its XML parts (headers, footers, document
//! properties, styles) with the zip reader.

use std::io::{Cursor, Read as _};

use calamine::{Data, Range, Reader as _, Xlsx as Calamine, open_workbook_from_rs};

/// An `.xlsx` file's bytes, with readers.
pub struct Xlsx {
    pub bytes: Vec<u8>,
}

impl Xlsx {
    pub fn new(bytes: Vec<u8>) -> Xlsx {
        Xlsx { bytes }
    }

    fn reader(&self) -> Calamine<Cursor<Vec<u8>>> {
        open_workbook_from_rs(Cursor::new(self.bytes.clone())).expect("the workbook opens")
    }

    /// The sheets' names, in order.
    pub fn sheet_names(&self) -> Vec<String> {
        self.reader().sheet_names()
    }

    /// A sheet's cells, from A1.
    pub fn cells(&self, sheet: &str) -> Range<Data> {
        let range = self
            .reader()
            .worksheet_range(sheet)
            .expect("the sheet reads");
        assert_eq!(range.start(), Some((0, 0)), "{sheet} starts at A1");
        range
    }

    /// A sheet's formulas (none, in what this program writes).
    pub fn formulas(&self, sheet: &str) -> Range<String> {
        self.reader()
            .worksheet_formula(sheet)
            .expect("the formulas read")
    }

    /// A sheet's header row as text.
    pub fn header(&self, sheet: &str) -> Vec<String> {
        let cells = self.cells(sheet);
        cells
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    /// A part of the package as text, e.g. `docProps/core.xml`.
    pub fn part(&self, name: &str) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(&self.bytes)).expect("the package opens");
        let mut text = String::new();
        zip.by_name(name)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    /// The worksheet parts, in sheet order (`xl/worksheets/sheet1.xml`...).
    pub fn sheet_parts(&self) -> Vec<String> {
        (1..=self.sheet_names().len())
            .map(|n| self.part(&format!("xl/worksheets/sheet{n}.xml")))
            .collect()
    }

    /// Each sheet's printed header and footer, as Excel holds them (codes such as `&C` kept,
    /// `&&` for a literal ampersand).
    pub fn headers_and_footers(&self) -> Vec<(String, String)> {
        self.sheet_parts()
            .iter()
            .map(|xml| (element(xml, "oddHeader"), element(xml, "oddFooter")))
            .collect()
    }

    /// Everything the workbook says: every cell of every sheet, headers and footers, and the
    /// document properties, with runs of white space made one space.
    pub fn everything(&self) -> String {
        let mut out = String::new();
        for name in self.sheet_names() {
            for row in self.cells(&name).rows() {
                for cell in row {
                    out.push_str(&cell.to_string());
                    out.push('\n');
                }
            }
        }
        for (header, footer) in self.headers_and_footers() {
            out.push_str(&format!(
                "{}\n{}\n",
                header.replace("&&", "&"),
                footer.replace("&&", "&")
            ));
        }
        for part in [
            "docProps/core.xml",
            "docProps/app.xml",
            "docProps/custom.xml",
        ] {
            out.push_str(&unescape(&self.part(part)));
            out.push('\n');
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// The text of the first `<name>` element of `xml` (with or without attributes), unescaped; empty
/// if there is none.
pub fn element(xml: &str, name: &str) -> String {
    let open = format!("<{name}");
    let close = format!("</{name}>");
    xml.match_indices(&open)
        .map(|(at, _)| &xml[at + open.len()..])
        .find(|rest| rest.starts_with(['>', ' ']))
        .and_then(|rest| rest.split_once('>'))
        .and_then(|(_, rest)| rest.split_once(&close))
        .map_or_else(String::new, |(text, _)| unescape(text))
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}
