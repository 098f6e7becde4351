//! Text measurement by the real font metrics, so the layout wraps text exactly where the PDF will.

use super::document::{Face, Mm};

/// The fonts shipped in `assets/fonts` (Noto Sans, SIL Open Font Licence).
pub const REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
/// The bold face.
pub const BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");
/// The fallback for symbols Noto Sans lacks (DejaVu Sans, Bitstream Vera licence).
pub const SYMBOLS_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

const PT_TO_MM: f32 = 25.4 / 72.0;

/// Advance widths of every face, per character, in font units.
pub struct Metrics {
    regular: FaceMetrics,
    bold: FaceMetrics,
    symbols: FaceMetrics,
}

/// Code points whose metrics are looked up in a table (Latin, Greek, punctuation, currency, arrows,
/// mathematical operators, box drawing, shapes, dingbats).
const TABLE_SIZE: u32 = 0x2800;

struct FaceMetrics {
    units_per_em: f32,
    /// Advances for the first 0x2200 code points (Latin, Greek, punctuation, currency, arrows),
    /// looked up directly; anything else goes through the font.
    table: Vec<u16>,
    /// Whether the face has a glyph for each of those code points.
    has: Vec<bool>,
    face_data: &'static [u8],
    fallback: u16,
}

impl FaceMetrics {
    fn new(data: &'static [u8]) -> Result<FaceMetrics, String> {
        let face =
            ttf_parser::Face::parse(data, 0).map_err(|e| format!("cannot read the font: {e}"))?;
        let fallback = face
            .glyph_hor_advance(ttf_parser::GlyphId(0))
            .unwrap_or(500);
        let glyphs: Vec<Option<ttf_parser::GlyphId>> = (0..TABLE_SIZE)
            .map(|c| char::from_u32(c).and_then(|ch| face.glyph_index(ch)))
            .collect();
        let table = glyphs
            .iter()
            .map(|g| {
                g.and_then(|g| face.glyph_hor_advance(g))
                    .unwrap_or(fallback)
            })
            .collect();
        let has = glyphs.iter().map(Option::is_some).collect();
        Ok(FaceMetrics {
            units_per_em: f32::from(face.units_per_em()),
            table,
            has,
            face_data: data,
            fallback,
        })
    }

    fn covers(&self, c: char) -> bool {
        match self.has.get(c as usize) {
            Some(has) => *has,
            None => ttf_parser::Face::parse(self.face_data, 0)
                .ok()
                .and_then(|f| f.glyph_index(c))
                .is_some(),
        }
    }

    /// The width of `c` in em.
    fn em(&self, c: char) -> f32 {
        f32::from(self.advance(c)) / self.units_per_em
    }

    fn advance(&self, c: char) -> u16 {
        let code = c as usize;
        if let Some(a) = self.table.get(code) {
            return *a;
        }
        ttf_parser::Face::parse(self.face_data, 0)
            .ok()
            .and_then(|f| f.glyph_index(c).and_then(|g| f.glyph_hor_advance(g)))
            .unwrap_or(self.fallback)
    }
}

impl Metrics {
    /// Reads the shipped fonts.
    pub fn new() -> Result<Metrics, String> {
        Ok(Metrics {
            regular: FaceMetrics::new(REGULAR_TTF)?,
            bold: FaceMetrics::new(BOLD_TTF)?,
            symbols: FaceMetrics::new(SYMBOLS_TTF)?,
        })
    }

    fn face(&self, face: Face) -> &FaceMetrics {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
            Face::Symbols => &self.symbols,
        }
    }

    /// The face that draws `c` when `face` is asked for: `face` itself, or the symbol fallback when
    /// only it has the character.
    pub fn face_for(&self, c: char, face: Face) -> Face {
        if c.is_whitespace() || self.face(face).covers(c) || !self.symbols.covers(c) {
            face
        } else {
            Face::Symbols
        }
    }

    /// The width of `text` set in `face` at `size` points, in millimetres (with the fallback where
    /// it applies).
    pub fn width(&self, text: &str, face: Face, size: f32) -> Mm {
        let em: f32 = text
            .chars()
            .map(|c| self.face(self.face_for(c, face)).em(c))
            .sum();
        em * size * PT_TO_MM
    }

    /// Splits `text` into runs that each one face draws, with each run's offset from the start.
    pub fn runs(&self, text: &str, face: Face, size: f32) -> Vec<(Mm, String, Face)> {
        let mut runs: Vec<(Mm, String, Face)> = Vec::new();
        let mut x = 0.0;
        for c in text.chars() {
            let f = self.face_for(c, face);
            match runs.last_mut() {
                Some((_, run, run_face)) if *run_face == f => run.push(c),
                _ => runs.push((x, c.to_string(), f)),
            }
            x += self.face(f).em(c) * size * PT_TO_MM;
        }
        runs
    }

    /// Breaks `text` into lines no wider than `width`: at spaces where possible, inside a word only
    /// when the word alone is too wide. Explicit newlines are kept. Never returns an empty list.
    pub fn wrap(&self, text: &str, width: Mm, face: Face, size: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if self.width(&candidate, face, size) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                if self.width(word, face, size) <= width {
                    line = word.to_owned();
                } else {
                    // A word wider than the column (a long URL, a hash): break it by characters.
                    for c in word.chars() {
                        line.push(c);
                        if self.width(&line, face, size) > width && line.chars().count() > 1 {
                            line.pop();
                            lines.push(std::mem::replace(&mut line, c.to_string()));
                        }
                    }
                }
            }
            lines.push(line);
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_scale_with_size_and_differ_by_face() {
        let m = Metrics::new().unwrap();
        let w10 = m.width("Returning Officer", Face::Regular, 10.0);
        let w20 = m.width("Returning Officer", Face::Regular, 20.0);
        assert!((w20 - 2.0 * w10).abs() < 0.01);
        assert!(m.width("Returning Officer", Face::Bold, 10.0) > w10);
        assert!(m.width("iii", Face::Regular, 10.0) < m.width("WWW", Face::Regular, 10.0));
        assert!(m.width("ŵŷ£–“”", Face::Regular, 10.0) > 0.0);
        assert_eq!(m.width("", Face::Regular, 10.0), 0.0);
    }

    #[test]
    fn symbols_the_main_faces_lack_fall_back_to_the_symbol_face() {
        let m = Metrics::new().unwrap();
        assert_eq!(m.face_for('a', Face::Bold), Face::Bold);
        assert_eq!(m.face_for('ŵ', Face::Regular), Face::Regular);
        assert_eq!(m.face_for('→', Face::Regular), Face::Symbols);
        assert_eq!(m.face_for('✓', Face::Bold), Face::Symbols);
        let runs = m.runs("A → B ✓", Face::Regular, 10.0);
        let faces: Vec<(&str, Face)> = runs.iter().map(|(_, t, f)| (t.as_str(), *f)).collect();
        assert_eq!(
            faces,
            vec![
                ("A ", Face::Regular),
                ("→", Face::Symbols),
                (" B ", Face::Regular),
                ("✓", Face::Symbols)
            ]
        );
        assert!(runs.windows(2).all(|w| w[1].0 > w[0].0));
        assert!(
            (m.width("A → B ✓", Face::Regular, 10.0)
                - (runs[3].0 + m.width("✓", Face::Regular, 10.0)))
            .abs()
                < 0.01
        );
    }

    #[test]
    fn wrapping_keeps_every_word_and_respects_the_width() {
        let m = Metrics::new().unwrap();
        let text = "The count venue is searched before the first ballot box arrives, with \
                    colour-coded passes.";
        let lines = m.wrap(text, 40.0, Face::Regular, 9.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| m.width(l, Face::Regular, 9.0) <= 40.0));
        assert_eq!(lines.join(" "), text);
        assert_eq!(
            m.wrap("a\n\nb", 40.0, Face::Regular, 9.0),
            vec!["a", "", "b"]
        );
        assert_eq!(m.wrap("", 40.0, Face::Regular, 9.0), vec![""]);
        let hash = "612c4b671b24571756d8ddd88297419de0496a802911532b32504a9d34434b68";
        let broken = m.wrap(hash, 30.0, Face::Regular, 9.0);
        assert!(broken.len() > 1 && broken.concat() == hash);
    }
}
