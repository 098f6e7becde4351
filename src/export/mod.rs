//! Exports: the plan as the PDF police reviewers sign, printable custody sheets, the key dates
//! calendar and the Excel workbook.
//!
//! `plan` and `sheets` lay documents out as plain data ([`document::Document`]); `pdf::render`
//! turns a document into bytes and is the only code that knows printpdf.

pub mod calendar;
pub mod document;
pub mod flow;
pub mod metrics;
pub mod pdf;
pub mod plan;
pub mod sheets;
pub mod workbook;

use thiserror::Error;

use crate::model::Plan;

/// Which copy to export (decided in the model: see [`crate::model::redact`]).
pub use crate::model::Profile;

/// Why an export failed.
#[derive(Debug, Error)]
pub enum ExportError {
    /// The shipped fonts could not be read.
    #[error("cannot read the embedded fonts: {0}")]
    Fonts(String),
    /// The PDF could not be written.
    #[error(transparent)]
    Pdf(#[from] pdf::PdfError),
}

fn fonts() -> Result<(metrics::Metrics, pdf::Fonts), ExportError> {
    let m = metrics::Metrics::new().map_err(ExportError::Fonts)?;
    let f = pdf::Fonts::new(
        metrics::REGULAR_TTF,
        metrics::BOLD_TTF,
        metrics::SYMBOLS_TTF,
    )?;
    Ok((m, f))
}

/// The plan as a PDF document. Deterministic: the same plan and profile give the same bytes.
pub fn plan_pdf(plan: &Plan, profile: Profile) -> Result<Vec<u8>, ExportError> {
    let (m, f) = fonts()?;
    let doc = plan::layout(plan, profile, &m);
    Ok(pdf::render(&doc, &f)?)
}

/// The plan as the PDF of an issued copy: a numbered full copy says "Copy 3 of 7" on its cover
/// and at the foot of every page. Deterministic: the same plan, profile and copy give the same
/// bytes (the copy's date is not printed).
pub fn issued_pdf(
    plan: &Plan,
    profile: Profile,
    issued: Option<&crate::model::IssuedCopy>,
) -> Result<Vec<u8>, ExportError> {
    let (m, f) = fonts()?;
    let doc = plan::layout_issued(plan, profile, issued, &m);
    Ok(pdf::render(&doc, &f)?)
}

/// Printable custody sheets: one page per polling station or batch, with blank rows for signatures,
/// for the copy `profile` gives (the redacted sheets withhold what the redacted plan does).
pub fn custody_sheets_pdf(plan: &Plan, profile: Profile) -> Result<Vec<u8>, ExportError> {
    let (m, f) = fonts()?;
    let doc = sheets::layout(plan, profile, &m);
    Ok(pdf::render(&doc, &f)?)
}
