//! Turns a laid-out [`Document`] into PDF bytes with printpdf.
//!
//! The output is deterministic: the same document and fonts always give byte-identical files.
//! Everything printpdf would otherwise randomise is fixed here: font resource names (and the
//! six-letter subset tags derived from them) come from a hash of the characters each face draws,
//! bookmark keys are sequential, the dates come from [`Document::date`], and the trailer `/ID` is
//! a hash of the finished file. Both faces are embedded as subsets; every glyph carries its
//! character in the font's `/ToUnicode` map, so text copies and extracts as written.
//!
//! [`render`] runs in three stages, one module each:
//!
//! 1. `pages`, building the document: the pages' drawing operations and the embedded fonts;
//! 2. `outline`, linking the outline: the bookmarks, in the document's order;
//! 3. `trailer`, stamping the trailer: the document information and the trailer `/ID`.
//!
//! (`glyphs` serves the first.) The outline and trailer stages each take two steps: one on
//! printpdf's document, and one on the PDF objects (a `lopdf::Document`) printpdf serialises it
//! into.

use printpdf::{ParsedFont, PdfSaveOptions};

use super::document::{Document, Face};

mod glyphs;
mod outline;
mod pages;
mod trailer;

#[cfg(test)]
mod tests;

/// Points per millimetre.
const PT_PER_MM: f32 = 72.0 / 25.4;

/// How printpdf serialises the document: streams compressed, unused objects pruned, fonts
/// subset, unknown operations skipped.
const SAVE_OPTIONS: PdfSaveOptions = PdfSaveOptions {
    optimize: true,
    subset_fonts: true,
    secure: true,
    image_optimization: None,
};

/// The faces embedded in every document: regular, bold and the symbol fallback.
pub struct Fonts {
    faces: [ParsedFont; 3],
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fonts")
            .field("regular", &self.faces[0].font_name)
            .field("bold", &self.faces[1].font_name)
            .field("symbols", &self.faces[2].font_name)
            .finish()
    }
}

impl Fonts {
    /// Parses the regular, bold and symbol-fallback TrueType fonts.
    pub fn new(regular: &[u8], bold: &[u8], symbols: &[u8]) -> Result<Fonts, PdfError> {
        Ok(Fonts {
            faces: [
                parse_font(regular, "regular")?,
                parse_font(bold, "bold")?,
                parse_font(symbols, "symbols")?,
            ],
        })
    }

    fn face(&self, face: Face) -> &ParsedFont {
        &self.faces[face.index()]
    }
}

fn parse_font(bytes: &[u8], which: &str) -> Result<ParsedFont, PdfError> {
    let mut warnings = Vec::new();
    let font = ParsedFont::from_bytes(bytes, 0, &mut warnings)
        .ok_or_else(|| PdfError::Font(format!("the {which} font could not be parsed")))?;
    if font.lookup_glyph_index(u32::from('A')).is_none() {
        return Err(PdfError::Font(format!(
            "the {which} font has no glyph for the letter A"
        )));
    }
    Ok(font)
}

/// Why a document could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// A font could not be parsed or is unusable.
    #[error("font: {0}")]
    Font(String),
    /// The page size is not a positive, finite number of millimetres.
    #[error("invalid page size {width} × {height} mm")]
    PageSize {
        /// The width asked for.
        width: f32,
        /// The height asked for.
        height: f32,
    },
    /// The date cannot be written into a PDF (years 1 to 9999 only).
    #[error("date {0} cannot be written into a PDF")]
    Date(chrono::NaiveDate),
    /// The PDF could not be assembled or written.
    #[error("could not write the PDF: {0}")]
    Write(String),
}

/// Renders a laid-out document to PDF bytes. Pure: the same document and fonts give
/// byte-identical output.
///
/// A document with no pages renders as one blank page. Outline entries pointing past the last
/// page are dropped. Items with non-finite coordinates or sizes, empty text and rectangles with
/// neither fill nor stroke are skipped. Characters the font lacks draw as its missing-glyph box
/// and extract as U+FFFD; tabs and line breaks draw as spaces, other control characters not at
/// all.
pub fn render(document: &Document, fonts: &Fonts) -> Result<Vec<u8>, PdfError> {
    // 1. Building the document: its pages and fonts.
    let mut pdf = pages::build(document, fonts)?;
    // 2. Linking the outline, begun: the entries as printpdf's bookmarks.
    let outline = outline::Outline::new(document, pdf.pages.len());
    outline.bookmark(&mut pdf);
    // 3. Stamping the trailer, begun: the document information.
    trailer::describe(&mut pdf, document)?;

    // printpdf serialises its document into PDF objects, where stages 2 and 3 finish.
    let mut objects = pdf.to_lopdf_document(&SAVE_OPTIONS, &mut Vec::new());
    outline::link_outline(&mut objects, &outline);
    trailer::stamp_trailer(&mut objects)
}

/// Three decimals are plenty (a thousandth of a point) and keep the content streams short.
/// Values are clamped to ±1,000,000 (PDF has no exponent notation, and a huge value times a
/// thousand would overflow to infinity).
fn round(value: f32) -> f32 {
    (value.clamp(-1.0e6, 1.0e6) * 1000.0).round() / 1000.0
}
