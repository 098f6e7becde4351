//! A quick reader for custody events laid out exactly as this program writes them.
//!
//! The custody log is four fifths of a large plan's text and every event has the same fifteen
//! fields, one per line, in the same order. RON's general parser reads each field name, each
//! space and each character of a string one at a time; this reader checks the fixed text between
//! values and copies each value out whole, so a log is read several times faster.
//!
//! It reads only what it can read exactly as RON would: any difference from the layout, a
//! string with an escape other than `\\ \" \' \n \r \t \0`, a number with anything but digits,
//! returns `None`, and the caller parses the piece with RON itself. Every value it does read goes
//! through the same conversion RON's deserialiser would use (`Uuid::try_parse`, `NaiveDateTime`'s
//! `FromStr`, the stage's own `Deserialize`), so the two readers give the same events (tested on
//! the large plan and on awkward text).
//!
//! [`write`] is its mirror: it writes events exactly as RON's pretty printer does with this
//! program's settings (same escapes, same indents), so a large log is written out on every core
//! and the file is the same, byte for byte, as RON alone would write (tested).

use chrono::NaiveDateTime;
use serde::Deserialize as _;
use serde::de::value::{Error as ValueError, StrDeserializer};
use uuid::Uuid;

use crate::model::{CustodyEvent, CustodyEventId, CustodyItemId, CustodyStage};

/// Where each event starts, as this program writes it.
const START: &str = "\n      CustodyEvent(";
/// Where each event ends.
const END: &str = "\n      ),";
/// Before each field name.
const FIELD: &str = "\n        ";
/// Before each seal number in a list of them.
const SEAL: &str = "\n          ";
/// Where a list of seal numbers closes.
const SEALS_END: &str = "\n        ]";

/// The events in `piece`: a run of whole events as this program writes them, each followed by a
/// comma (the text between `events: [` and the closing `]`, or part of it cut where an event
/// starts). `None` if anything in it is not laid out exactly so.
pub(super) fn read(piece: &str) -> Option<Vec<CustodyEvent>> {
    // An event takes about 560 bytes of text.
    let mut out = Vec::with_capacity(piece.len() / 500 + 1);
    let mut reader = Reader { rest: piece };
    while !reader.rest.is_empty() {
        out.push(reader.event()?);
    }
    Some(out)
}

/// Writes `events` as they sit in a plan file, each starting on a line of its own three levels in
/// and followed by a comma: the text [`read`] reads.
pub(super) fn write(events: &[CustodyEvent], out: &mut String) {
    for e in events {
        out.push_str(START);
        let mut uuid = [0u8; 36];
        field(out, "id");
        quoted(out, e.id.0.hyphenated().encode_lower(&mut uuid));
        field(out, "log");
        quoted(out, &e.log);
        field(out, "seq");
        out.push_str(&e.seq.to_string());
        out.push(',');
        field(out, "item");
        quoted(out, e.item.0.hyphenated().encode_lower(&mut uuid));
        field(out, "at");
        // chrono serialises a date-time through its `Debug` form.
        quoted(out, &format!("{:?}", e.at));
        field(out, "stage");
        out.push_str(stage_name(e.stage));
        out.push(',');
        field(out, "location");
        quoted(out, &e.location);
        field(out, "from");
        quoted(out, &e.from);
        field(out, "to");
        quoted(out, &e.to);
        field(out, "seals_seen");
        if e.seals_seen.is_empty() {
            out.push_str("[],");
        } else {
            out.push('[');
            for seal in &e.seals_seen {
                out.push_str(SEAL);
                quoted(out, seal);
            }
            out.push_str(SEALS_END);
            out.push(',');
        }
        field(out, "seals_intact");
        out.push_str(if e.seals_intact { "true," } else { "false," });
        field(out, "witness");
        quoted(out, &e.witness);
        field(out, "notes");
        quoted(out, &e.notes);
        field(out, "corrects");
        match e.corrects {
            None => out.push_str("None,"),
            Some(c) => {
                out.push_str("Some(");
                out.push('"');
                out.push_str(c.0.hyphenated().encode_lower(&mut uuid));
                out.push_str("\"),");
            }
        }
        field(out, "hash");
        quoted(out, &e.hash);
        out.push_str(END);
    }
}

/// The line break, indent and name before a field's value.
fn field(out: &mut String, name: &str) {
    out.push_str(FIELD);
    out.push_str(name);
    out.push_str(": ");
}

/// A string as RON writes it (every character through `char::escape_debug`), and the comma after
/// it.
fn quoted(out: &mut String, text: &str) {
    out.push('"');
    if text
        .bytes()
        .all(|b| (b' '..=b'~').contains(&b) && !matches!(b, b'"' | b'\\' | b'\''))
    {
        out.push_str(text);
    } else {
        out.extend(text.chars().flat_map(char::escape_debug));
    }
    out.push_str("\",");
}

/// The name RON writes for a stage (its variant's name), asked of RON once per stage.
fn stage_name(stage: CustodyStage) -> &'static str {
    static NAMES: std::sync::OnceLock<Vec<(CustodyStage, String)>> = std::sync::OnceLock::new();
    NAMES
        .get_or_init(|| {
            CustodyStage::ALL
                .iter()
                .map(|&s| (s, ron::to_string(&s).unwrap_or_default()))
                .collect()
        })
        .iter()
        .find(|(s, _)| *s == stage)
        .map_or("", |(_, name)| name.as_str())
}

/// What is left of the text.
struct Reader<'a> {
    rest: &'a str,
}

impl Reader<'_> {
    fn event(&mut self) -> Option<CustodyEvent> {
        self.tag(START)?;
        let id = CustodyEventId(self.field("id")?.uuid()?);
        let log = self.field("log")?.string()?;
        let seq = self.field("seq")?.number()?;
        let item = CustodyItemId(self.field("item")?.uuid()?);
        let at = self.field("at")?.date_time()?;
        let stage = self.field("stage")?.stage()?;
        let location = self.field("location")?.string()?;
        let from = self.field("from")?.string()?;
        let to = self.field("to")?.string()?;
        let seals_seen = self.field("seals_seen")?.seals()?;
        let seals_intact = self.field("seals_intact")?.boolean()?;
        let witness = self.field("witness")?.string()?;
        let notes = self.field("notes")?.string()?;
        let corrects = self.field("corrects")?.corrects()?;
        let hash = self.field("hash")?.string()?;
        self.tag(END)?;
        Some(CustodyEvent {
            id,
            log,
            seq,
            item,
            at,
            stage,
            location,
            from,
            to,
            seals_seen,
            seals_intact,
            witness,
            notes,
            corrects,
            hash,
        })
    }

    /// Moves past `tag`, which must come next.
    fn tag(&mut self, tag: &str) -> Option<()> {
        self.rest = self.rest.strip_prefix(tag)?;
        Some(())
    }

    /// Moves past the line break, indent and name of the field `name`, to its value.
    fn field(&mut self, name: &str) -> Option<&mut Self> {
        self.tag(FIELD)?;
        self.tag(name)?;
        self.tag(": ")?;
        Some(self)
    }

    /// The bare value up to the comma that ends the field (a number, a name or `None`), and past
    /// the comma.
    fn bare(&mut self) -> Option<&str> {
        let end = self.rest.find(',')?;
        let (value, rest) = self.rest.split_at(end);
        self.rest = &rest[1..];
        Some(value)
    }

    fn number(&mut self) -> Option<u64> {
        let digits = self.bare()?;
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok()
    }

    fn boolean(&mut self) -> Option<bool> {
        match self.bare()? {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    fn stage(&mut self) -> Option<CustodyStage> {
        let name = self.bare()?;
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return None;
        }
        CustodyStage::deserialize(StrDeserializer::<ValueError>::new(name)).ok()
    }

    fn uuid(&mut self) -> Option<Uuid> {
        let text = self.quoted()?;
        self.tag(",")?;
        Uuid::try_parse(&text).ok()
    }

    fn date_time(&mut self) -> Option<NaiveDateTime> {
        let text = self.quoted()?;
        self.tag(",")?;
        text.parse().ok()
    }

    /// A string field's value, and past the comma after it.
    fn string(&mut self) -> Option<String> {
        let text = self.quoted()?;
        self.tag(",")?;
        Some(text)
    }

    fn corrects(&mut self) -> Option<Option<CustodyEventId>> {
        if self.rest.starts_with("None,") {
            self.rest = &self.rest["None,".len()..];
            return Some(None);
        }
        self.tag("Some(")?;
        let text = self.quoted()?;
        self.tag("),")?;
        Some(Some(CustodyEventId(Uuid::try_parse(&text).ok()?)))
    }

    fn seals(&mut self) -> Option<Vec<String>> {
        if self.rest.starts_with("[],") {
            self.rest = &self.rest["[],".len()..];
            return Some(Vec::new());
        }
        self.tag("[")?;
        let mut seals = Vec::new();
        while self.rest.starts_with(SEAL) {
            self.tag(SEAL)?;
            seals.push(self.quoted()?);
            self.tag(",")?;
        }
        self.tag(SEALS_END)?;
        self.tag(",")?;
        // RON reads an empty list written across lines as empty too, but this program never
        // writes one so: leave anything unusual to RON.
        (!seals.is_empty()).then_some(seals)
    }

    /// A double-quoted string, unescaped as RON unescapes it.
    fn quoted(&mut self) -> Option<String> {
        self.tag("\"")?;
        let bytes = self.rest.as_bytes();
        let mut out = String::new();
        let mut from = 0;
        loop {
            let at = from
                + bytes[from..]
                    .iter()
                    .position(|&b| b == b'"' || b == b'\\')?;
            out.push_str(&self.rest[from..at]);
            if bytes[at] == b'"' {
                self.rest = &self.rest[at + 1..];
                return Some(out);
            }
            out.push(match bytes.get(at + 1)? {
                b'\\' => '\\',
                b'"' => '"',
                b'\'' => '\'',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'0' => '\0',
                // `\x` and `\u{…}` escapes are left to RON.
                _ => return None,
            });
            from = at + 2;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::custody::chain::{NewEvent, record};
    use crate::model::Custody;

    fn log_text(custody: &Custody) -> String {
        let config = ron::ser::PrettyConfig::new()
            .struct_names(true)
            .indentor("  ");
        // The log as it sits in a plan file: inside `Plan(custody: Custody(events: [`, two levels
        // in.
        let text =
            ron::ser::to_string_pretty(&*custody.events, config).unwrap_or_else(|e| panic!("{e}"));
        // `[\n  CustodyEvent(\n    id…` at depth 0, re-indented to depth 2 (four spaces more).
        let inner = text
            .strip_prefix('[')
            .and_then(|t| t.strip_suffix("\n]"))
            .unwrap_or_else(|| panic!("a list: {text}"));
        inner.replace('\n', "\n    ")
    }

    fn awkward_custody() -> Custody {
        let mut custody = Custody::default();
        let at = chrono::NaiveDate::from_ymd_opt(2027, 5, 6)
            .and_then(|d| d.and_hms_opt(22, 15, 0))
            .unwrap_or_default();
        let texts = [
            "",
            "Plain",
            "O'Brien said \"sealed\"",
            "back\\slash, comma, and ) paren",
            "two\nlines\tand a tab\r",
            "Ysgol Gymraeg — café ✓ 🗳️",
            "zero\u{200b}width and \u{7f} delete and \u{0} nul",
            "\u{301}combining first",
            "        ),\n      CustodyEvent(",
        ];
        for (i, text) in texts.iter().enumerate() {
            let previous = custody.events.last().map(|e| e.id);
            record(
                &mut custody,
                if i % 2 == 0 { "desk-1" } else { "desk \"2\"" },
                NewEvent {
                    item: CustodyItemId::new(),
                    at: at + chrono::Duration::seconds(i as i64),
                    stage: CustodyStage::ReceiptAtCount,
                    location: (*text).to_owned(),
                    from: text.repeat(2),
                    to: format!("to {text}"),
                    seals_seen: if i % 3 == 0 {
                        Vec::new()
                    } else {
                        vec![(*text).to_owned(), "S1".to_owned()]
                    },
                    seals_intact: i % 2 == 0,
                    witness: (*text).to_owned(),
                    notes: (*text).to_owned(),
                    corrects: if i % 2 == 1 { previous } else { None },
                },
            );
        }
        custody
    }

    #[test]
    fn what_it_reads_is_what_ron_reads() {
        let custody = awkward_custody();
        let text = log_text(&custody);
        let ron_read: Vec<CustodyEvent> =
            ron::from_str(&format!("[{text}\n]")).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(ron_read, *custody.events);
        // Each event alone: equal to RON's reading, and read quickly unless RON wrote a `\u{…}`
        // escape in it (a zero-width space, a combining mark, an emoji's variation selector).
        let mut quick_only = Vec::new();
        for event in custody.events.iter() {
            let one = Custody {
                events: vec![event.clone()].into(),
                ..Custody::default()
            };
            let piece = log_text(&one);
            let by_ron: Vec<CustodyEvent> =
                ron::from_str(&format!("[{piece}\n]")).unwrap_or_else(|e| panic!("{e}"));
            match read(&piece) {
                Some(quick) => {
                    assert_eq!(quick, by_ron, "{piece}");
                    quick_only.push(event.clone());
                }
                None => assert!(piece.contains("\\u{"), "not read quickly: {piece}"),
            }
        }
        assert!(quick_only.len() >= 6, "{}", quick_only.len());
        // The whole run of events that are each read quickly.
        let quick_only = Custody {
            events: quick_only.into(),
            ..Custody::default()
        };
        let text = log_text(&quick_only);
        assert_eq!(read(&text).as_deref(), Some(&quick_only.events[..]));
    }

    #[test]
    fn anything_laid_out_otherwise_is_left_to_ron() {
        let custody = awkward_custody();
        let text = log_text(&Custody {
            events: vec![custody.events[1].clone()].into(),
            ..Custody::default()
        });
        assert!(read(&text).is_some());
        for (from, to) in [
            ("seq: 1,", "seq: 0x1,"),
            ("seq: 1,", "seq: 1_0,"),
            ("seals_intact: false,", "seals_intact: False,"),
            ("stage: ReceiptAtCount,", "stage: Nowhere,"),
            ("        hash:", "         hash:"),
            ("        notes:", "        extra: 1,\n        notes:"),
            ("\"Plain\"", "r\"Plain\""),
            ("\"Plain\"", "\"Pl\\u{61}in\""),
            ("      ),", "      )"),
        ] {
            let changed = text.replacen(from, to, 1);
            assert_ne!(changed, text, "{from}");
            assert_eq!(read(&changed), None, "{to}");
        }
    }
}
