//! Stage two of rendering, linking the outline: the document's outline entries become the PDF's
//! bookmarks (the contents a viewer shows beside the pages), in the document's order, each
//! opening its page at the top.
//!
//! printpdf sorts bookmarks by (page, title), numbers pages from 1, and leaves each bookmark's
//! destination at "null null null" (keep the current scroll position). [`Outline::bookmark`]
//! hands printpdf the entries with sequential keys, so that equal (page, title) pairs keep the
//! outline's order; [`link_outline`] then re-links the serialised items in the document's
//! order, points each at the top-left of its page, and writes `/PageMode` as the name PDF wants
//! (printpdf writes a string).

use lopdf::ObjectId;
use printpdf::{PageAnnotId, PageAnnotation, PdfDocument};

use super::{PT_PER_MM, round};
use crate::export::document::Document;

/// The outline entries that point at a page the document has, in the document's order.
pub(super) struct Outline<'d> {
    /// (page index, title) per entry.
    entries: Vec<(usize, &'d str)>,
    /// The top of a page, in points from its bottom edge: where each bookmark opens.
    top: f32,
}

impl<'d> Outline<'d> {
    /// The document's outline, without the entries pointing past the last of `page_count` pages.
    pub(super) fn new(document: &'d Document, page_count: usize) -> Outline<'d> {
        Outline {
            entries: document
                .outline
                .iter()
                .filter(|entry| entry.page < page_count)
                .map(|entry| (entry.page, entry.title.as_str()))
                .collect(),
            top: round(document.height * PT_PER_MM),
        }
    }

    /// Hands the entries to printpdf as bookmarks, keyed in the document's order.
    pub(super) fn bookmark(&self, pdf: &mut PdfDocument) {
        for (index, (page, title)) in self.entries.iter().enumerate() {
            pdf.bookmarks.map.insert(
                PageAnnotId(format!("B{index:010}")),
                PageAnnotation {
                    name: (*title).to_string(),
                    page: page + 1,
                },
            );
        }
    }

    /// How many entries there are.
    pub(super) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none (then printpdf writes no outline).
    pub(super) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The top of a page, in points from its bottom edge.
    pub(super) fn top(&self) -> f32 {
        self.top
    }

    /// printpdf's outline items (`chain`, in its order) rearranged into the document's order, or
    /// `None` if there is not one item per entry.
    pub(super) fn document_order(&self, chain: &[ObjectId]) -> Option<Vec<ObjectId>> {
        // printpdf's order: a stable sort of the entries by (page, title).
        let mut sorted: Vec<usize> = (0..self.entries.len()).collect();
        sorted.sort_by(|a, b| self.entries[*a].cmp(&self.entries[*b]));
        if chain.len() != self.entries.len() {
            return None;
        }
        let mut ordered = chain.to_vec();
        for (position, entry) in sorted.iter().enumerate() {
            ordered[*entry] = chain[position];
        }
        Some(ordered)
    }
}

/// Links the outline in printpdf's serialised objects: follows printpdf's chain of items from
/// `/First` along `/Next`, re-links them as `outline` orders them, points each item's
/// destination at the top-left of its page, and sets `/PageMode` to `/UseOutlines`. Does nothing
/// for an empty outline; leaves the chain as printpdf wrote it if it cannot be followed.
pub(super) fn link_outline(objects: &mut lopdf::Document, outline: &Outline<'_>) {
    if outline.is_empty() {
        return;
    }
    let root = objects
        .catalog()
        .and_then(|catalog| catalog.get(b"Outlines"))
        .and_then(|outlines| outlines.as_reference());
    if let Ok(root) = root {
        let chain = printpdf_chain(objects, root, outline.len());
        if let Some(ordered) = outline.document_order(&chain) {
            relink(objects, root, &ordered, outline.top());
        }
    }
    if let Ok(catalog) = objects.catalog_mut() {
        catalog.set("PageMode", "UseOutlines");
    }
}

/// The outline items under `root` in printpdf's order, following `/First` and `/Next`; stops
/// after more than `expected` items or at an item already seen.
fn printpdf_chain(objects: &lopdf::Document, root: ObjectId, expected: usize) -> Vec<ObjectId> {
    let mut chain = Vec::with_capacity(expected);
    let mut next = objects
        .get_dictionary(root)
        .and_then(|outlines| outlines.get(b"First"))
        .and_then(|first| first.as_reference())
        .ok();
    while let Some(id) = next {
        if chain.len() > expected || chain.contains(&id) {
            break;
        }
        chain.push(id);
        next = objects
            .get_dictionary(id)
            .and_then(|item| item.get(b"Next"))
            .and_then(|next| next.as_reference())
            .ok();
    }
    chain
}

/// Links the items `ordered` one after another under `root`, each opening its page at `top`.
fn relink(objects: &mut lopdf::Document, root: ObjectId, ordered: &[ObjectId], top: f32) {
    for (index, id) in ordered.iter().enumerate() {
        if let Ok(item) = objects.get_dictionary_mut(*id) {
            item.remove(b"Prev");
            item.remove(b"Next");
            if index > 0 {
                item.set("Prev", ordered[index - 1]);
            }
            if let Some(next) = ordered.get(index + 1) {
                item.set("Next", *next);
            }
            if let Ok(dest) = item.get_mut(b"Dest").and_then(|dest| dest.as_array_mut())
                && dest.len() == 5
            {
                dest[2] = 0i64.into();
                dest[3] = top.into();
            }
        }
    }
    if let (Some(first), Some(last), Ok(outlines)) = (
        ordered.first().copied(),
        ordered.last().copied(),
        objects.get_dictionary_mut(root),
    ) {
        outlines.set("First", first);
        outlines.set("Last", last);
    }
}
