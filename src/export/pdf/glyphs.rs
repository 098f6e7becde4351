//! The glyphs each face draws, the font resource names derived from them, and the runs of text
//! printpdf is asked to show.

use std::collections::BTreeMap;

use printpdf::{Codepoint, FontId, TextItem};
use sha2::{Digest, Sha256};

use super::Fonts;
use crate::export::document::{Document, Face, Item};

/// What a character the font lacks extracts as.
const REPLACEMENT: char = '\u{FFFD}';

/// The characters each face draws and their glyphs.
pub(super) struct GlyphTable {
    /// Per face: every character drawn and its glyph id (0 for missing characters).
    chars: [BTreeMap<char, u16>; 3],
    /// Per face: what each glyph extracts as (the lowest character drawn with it).
    unicode: [BTreeMap<u16, char>; 3],
}

impl GlyphTable {
    /// Collects the characters each face draws in `document` and looks up their glyphs.
    pub(super) fn build(document: &Document, fonts: &Fonts) -> GlyphTable {
        let mut chars: [BTreeMap<char, u16>; 3] =
            [BTreeMap::new(), BTreeMap::new(), BTreeMap::new()];
        for item in document.pages.iter().flat_map(|page| &page.items) {
            if let Item::Text { text, face, .. } = item {
                let font = fonts.face(*face);
                let map = &mut chars[face_index(*face)];
                for c in text.chars().filter_map(shown) {
                    map.entry(c).or_insert_with(|| {
                        font.lookup_glyph_index(u32::from(c))
                            .filter(|gid| *gid != 0)
                            .unwrap_or(0)
                    });
                }
            }
        }
        let mut unicode: [BTreeMap<u16, char>; 3] =
            [BTreeMap::new(), BTreeMap::new(), BTreeMap::new()];
        for (chars, unicode) in chars.iter().zip(unicode.iter_mut()) {
            // Chars iterate in ascending order, so the first one seen for a glyph is the lowest.
            for (&c, &gid) in chars {
                unicode
                    .entry(gid)
                    .or_insert(if gid == 0 { REPLACEMENT } else { c });
            }
        }
        GlyphTable { chars, unicode }
    }

    /// Whether `face` draws anything (only faces that do are embedded).
    pub(super) fn used(&self, face: Face) -> bool {
        !self.chars[face_index(face)].is_empty()
    }

    /// Resource names, which printpdf also uses as subset tags: six capital letters from a hash
    /// of the face and the characters it draws, so different subsets get different tags.
    pub(super) fn font_ids(&self) -> FontIds {
        let tag = |face: Face, salt: u8| {
            let mut hasher = Sha256::new();
            hasher.update([face_index(face) as u8, salt]);
            for c in self.chars[face_index(face)].keys() {
                hasher.update(u32::from(*c).to_be_bytes());
            }
            let tag: String = hasher
                .finalize()
                .iter()
                .take(6)
                .map(|byte| char::from(b'A' + byte % 26))
                .collect();
            FontId(tag)
        };
        let mut ids: Vec<FontId> = Vec::new();
        for face in Face::ALL {
            let mut salt = 0;
            let mut id = tag(face, salt);
            while ids.contains(&id) {
                salt += 1;
                id = tag(face, salt);
            }
            ids.push(id);
        }
        FontIds { ids }
    }

    /// What printpdf should show for one run of text, or `None` if there is nothing to show.
    ///
    /// printpdf's `/ToUnicode` map keeps the last character recorded for each glyph. Plain text
    /// records each character itself, so it is used only when every character is the one its
    /// glyph extracts as; otherwise (a missing character, or one sharing its glyph with a lower
    /// one) the run goes as glyph ids, each carrying the character its glyph extracts as. Plain
    /// text is also the cheaper form: one string per run instead of one per glyph.
    pub(super) fn run(&self, face: Face, text: &str) -> Option<TextItem> {
        let index = face_index(face);
        let chars = &self.chars[index];
        let unicode = &self.unicode[index];
        let canonical = |c: char| {
            chars
                .get(&c)
                .is_some_and(|gid| *gid != 0 && unicode.get(gid) == Some(&c))
        };
        let mut shown = text.chars().filter_map(shown).peekable();
        shown.peek()?;
        if text.chars().all(canonical) {
            return Some(TextItem::Text(text.to_string()));
        }
        let glyphs = shown
            .map(|c| {
                let gid = chars.get(&c).copied().unwrap_or(0);
                let unicode = unicode.get(&gid).copied().unwrap_or(REPLACEMENT);
                Codepoint::with_cid(gid, 0.0, unicode.to_string())
            })
            .collect();
        Some(TextItem::GlyphIds(glyphs))
    }
}

/// The resource name of each face, indexed by [`Face::index`].
pub(super) struct FontIds {
    ids: Vec<FontId>,
}

impl FontIds {
    /// The resource name of `face`.
    pub(super) fn get(&self, face: Face) -> &FontId {
        &self.ids[face.index()]
    }
}

/// The character drawn for `c`: control characters that are white space (tab, newline) draw as
/// a space, other control characters not at all.
fn shown(c: char) -> Option<char> {
    match c {
        c if !c.is_control() => Some(c),
        c if c.is_whitespace() => Some(' '),
        _ => None,
    }
}

fn face_index(face: Face) -> usize {
    face.index()
}
