//! Stage three of rendering, stamping the trailer: the document information dictionary the
//! trailer points at (author, subject, keywords, creator, producer and dates), and the trailer's
//! `/ID`, a hash of the finished file.

use chrono::{Datelike, NaiveTime};
use printpdf::PdfDocument;
use sha2::{Digest, Sha256};

use super::PdfError;
use crate::export::document::Document;

/// Written into `/Creator`.
const CREATOR: &str = "Election Integrity Planner";

/// Written into `/Producer`.
const PRODUCER: &str = "printpdf 0.12";

/// Stands in for the trailer `/ID` until the file's own hash replaces it (same length: 32 bytes).
pub(super) const ID_PLACEHOLDER: &[u8; 32] = b"IntegrityPlannerIdPlaceholder000";

/// Writes the document's metadata into printpdf's document information: author, subject,
/// keywords (joined by commas), creator, producer, and midnight UTC on [`Document::date`] as the
/// creation, modification and metadata dates. (The title was given when the document was built.)
///
/// Fails if the date cannot be written into a PDF.
pub(super) fn describe(pdf: &mut PdfDocument, document: &Document) -> Result<(), PdfError> {
    let date = pdf_date(document.date)?;
    let info = &mut pdf.metadata.info;
    info.author.clone_from(&document.author);
    info.subject.clone_from(&document.subject);
    info.keywords = if document.keywords.is_empty() {
        Vec::new()
    } else {
        vec![document.keywords.join(", ")]
    };
    info.creator = CREATOR.to_string();
    info.producer = PRODUCER.to_string();
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;
    Ok(())
}

/// Midnight UTC on the document's date.
fn pdf_date(date: chrono::NaiveDate) -> Result<printpdf::OffsetDateTime, PdfError> {
    if !(1..=9999).contains(&date.year()) {
        return Err(PdfError::Date(date));
    }
    let timestamp = date.and_time(NaiveTime::MIN).and_utc().timestamp();
    printpdf::OffsetDateTime::from_unix_timestamp(timestamp).map_err(|_| PdfError::Date(date))
}

/// Replaces the placeholder `/ID` in the trailer of the saved file `bytes` with the first 16
/// bytes of the file's SHA-256, in hex (32 characters, the placeholder's length).
fn write_id(mut bytes: Vec<u8>) -> Vec<u8> {
    let digest = Sha256::digest(&bytes);
    let id: String = digest
        .iter()
        .take(16)
        .map(|byte| format!("{byte:02x}"))
        .collect();
    let trailer_start = bytes
        .windows(7)
        .rposition(|window| window == b"trailer")
        .unwrap_or(0);
    let mut from = trailer_start;
    while let Some(at) = bytes[from..]
        .windows(ID_PLACEHOLDER.len())
        .position(|window| window == ID_PLACEHOLDER)
    {
        let at = from + at;
        bytes[at..at + ID_PLACEHOLDER.len()].copy_from_slice(id.as_bytes());
        from = at + ID_PLACEHOLDER.len();
    }
    bytes
}

/// Stamps the trailer of printpdf's serialised objects and saves them: the trailer `/ID` is set
/// to a placeholder, the empty PDF/X version and identifier printpdf always writes are dropped
/// from the document information, streams are compressed, and the saved file's own hash
/// replaces the placeholder ([`write_id`]). Returns the file's bytes, or [`PdfError::Write`] if
/// they could not be written.
pub(super) fn stamp_trailer(objects: &mut lopdf::Document) -> Result<Vec<u8>, PdfError> {
    // Trailer /ID: a placeholder now, the hash of the finished file once it is saved.
    if let Ok(ids) = objects
        .trailer
        .get_mut(b"ID")
        .and_then(|id| id.as_array_mut())
    {
        for id in ids.iter_mut() {
            if let Ok(bytes) = id.as_str_mut() {
                *bytes = ID_PLACEHOLDER.to_vec();
            }
        }
    }

    // Info: drop the empty PDF/X and identifier entries printpdf always writes.
    if let Ok(info_id) = objects
        .trailer
        .get(b"Info")
        .and_then(|info| info.as_reference())
        && let Ok(info) = objects.get_dictionary_mut(info_id)
    {
        for key in [b"GTS_PDFXVersion".as_slice(), b"Identifier".as_slice()] {
            let empty = info
                .get(key)
                .and_then(|value| value.as_str())
                .is_ok_and(<[u8]>::is_empty);
            if empty {
                info.remove(key);
            }
        }
    }

    compress(objects);
    let mut bytes = Vec::new();
    objects
        .save_to(&mut bytes)
        .map_err(|error| PdfError::Write(error.to_string()))?;
    Ok(write_id(bytes))
}

/// Compresses the document's streams as lopdf's `Document::compress` does (zlib, kept only where
/// it saves more than the `/Filter` entry costs), the streams in parallel: the bytes are the same
/// whatever the number of threads. The default level rather than the best: a large plan's PDF is
/// 0.4% larger and its compression takes half the time.
fn compress(objects: &mut lopdf::Document) {
    use rayon::prelude::*;
    use std::io::Write as _;
    let mut streams: Vec<&mut lopdf::Stream> = objects
        .objects
        .values_mut()
        .filter_map(|object| match object {
            lopdf::Object::Stream(stream)
                if stream.allows_compression && stream.dict.get(b"Filter").is_err() =>
            {
                Some(stream)
            }
            _ => None,
        })
        .collect();
    streams.par_iter_mut().for_each(|stream| {
        let mut encoder =
            flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        let compressed = encoder
            .write_all(&stream.content)
            .and_then(|()| encoder.finish());
        if let Ok(compressed) = compressed
            && compressed.len() + 19 < stream.content.len()
        {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    });
}
