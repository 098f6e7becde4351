//! Bounds on what a plan holds: text no longer than a person would write, log names short enough to
//! print, and dates within the years an election plan can concern.
//!
//! The plan is walked through its own `Serialize` implementation, so every field is covered,
//! including fields added later, and each breach names the field by its path in the file
//! (`risks[3].reviews[0].date`) and the entity's name where it has one.

use std::fmt;

use serde::Serialize;
use serde::ser;

use super::Plan;

/// The longest text a field may hold, in characters. A 1 MB field is a mistake or an attack, never
/// a plan.
pub const MAX_TEXT: usize = 100_000;
/// The longest custody log name, in characters: it is printed beside every event and head.
pub const MAX_LOG_NAME: usize = 64;
/// The earliest year a date in a plan may fall in.
pub const EARLIEST_YEAR: i32 = 1900;
/// The latest year a date in a plan may fall in.
pub const LATEST_YEAR: i32 = 2200;

/// What is out of bounds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BreachKind {
    /// Text longer than its limit.
    TooLong {
        /// Its length in characters.
        chars: usize,
        /// The limit.
        limit: usize,
    },
    /// A date outside [`EARLIEST_YEAR`]–[`LATEST_YEAR`].
    DateOutOfRange {
        /// The date as written in the file.
        value: String,
    },
}

/// One field out of bounds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Breach {
    /// The field's path in the plan file, e.g. `custody.events[12].log`.
    pub field: String,
    /// The name of the entity the field belongs to, when it has one.
    pub entity: Option<String>,
    /// What is wrong.
    pub kind: BreachKind,
}

impl Breach {
    /// Whether this breach makes the file unusable (absurd lengths), rather than a finding to fix.
    pub fn refuses_load(&self) -> bool {
        matches!(self.kind, BreachKind::TooLong { .. })
    }
}

impl fmt::Display for Breach {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.field)?;
        if let Some(entity) = &self.entity {
            write!(f, " (of \u{201c}{entity}\u{201d})")?;
        }
        match &self.kind {
            BreachKind::TooLong { chars, limit } => {
                write!(f, " is {chars} characters long; the limit is {limit}")
            }
            BreachKind::DateOutOfRange { value } => write!(
                f,
                " is {value}, outside the years {EARLIEST_YEAR}\u{2013}{LATEST_YEAR}"
            ),
        }
    }
}

/// Every field of `plan` out of bounds, in file order.
///
/// A large custody log is walked in pieces on every core beside the rest of the plan, and its
/// breaches put where the log comes in the file: the same list as one walk gives (tested).
pub fn check(plan: &Plan) -> Vec<Breach> {
    use rayon::prelude::*;
    /// Events per piece.
    const PIECE: usize = 4096;
    let events = &plan.custody.events;
    if events.len() <= PIECE {
        return walk(plan);
    }
    // The rest of the plan with an empty log (the copy shares everything large).
    let mut rest = plan.clone();
    rest.custody.events = Vec::new().into();
    let (rest, log) = rayon::join(
        || {
            let mut walker = Walker {
                find_log: true,
                ..Walker::default()
            };
            let _ = rest.serialize(&mut walker);
            walker
        },
        || {
            events
                .par_chunks(PIECE)
                .enumerate()
                .map(|(k, events)| {
                    let mut walker = Walker::in_custody_log(k * PIECE);
                    for event in events {
                        let _ = event.serialize(&mut walker);
                    }
                    walker.breaches
                })
                .collect::<Vec<_>>()
        },
    );
    let Some(at) = rest.log_at else {
        return walk(plan);
    };
    let mut out = rest.breaches;
    let after = out.split_off(at);
    out.extend(log.into_iter().flatten());
    out.extend(after);
    out
}

/// One walk of the whole plan.
fn walk(plan: &Plan) -> Vec<Breach> {
    let mut walker = Walker::default();
    // The walker never fails; an error here could only come from a type that refuses to serialize.
    let _ = plan.serialize(&mut walker);
    walker.breaches
}

/// The year of a string written as a date or date-time (`2027-05-06`, `+20227-04-29T10:00:00`), or
/// `None` for any other text.
fn date_year(text: &str) -> Option<i64> {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let digits = unsigned.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &unsigned[digits..];
    let bytes = rest.as_bytes();
    let shaped = digits >= 4
        && bytes.len() >= 6
        && bytes[0] == b'-'
        && bytes[1..3].iter().all(u8::is_ascii_digit)
        && bytes[3] == b'-'
        && bytes[4..6].iter().all(u8::is_ascii_digit)
        && (bytes.len() == 6 || bytes[6] == b'T');
    if !shaped {
        return None;
    }
    let year: i64 = unsigned[..digits].parse().ok()?;
    Some(if text.starts_with('-') { -year } else { year })
}

/// One step of the path to a field.
enum Step {
    Field(&'static str),
    Index(usize),
}

/// The struct or list being walked.
struct Frame {
    step: Option<Step>,
    /// The entity's name, once a `name`, `title` or `label` field has been seen.
    title: Option<String>,
    /// The next index, for lists.
    next: usize,
}

#[derive(Default)]
struct Walker {
    frames: Vec<Frame>,
    field: Option<&'static str>,
    breaches: Vec<Breach>,
    /// Whether to note where the custody log starts.
    find_log: bool,
    /// How many breaches came before the custody log, once it is reached.
    log_at: Option<usize>,
}

impl Walker {
    /// A walker standing inside `custody.events`, the next event being number `first`.
    fn in_custody_log(first: usize) -> Walker {
        let frame = |step, next| Frame {
            step,
            title: None,
            next,
        };
        Walker {
            frames: vec![
                frame(None, 0),
                frame(Some(Step::Field("custody")), 0),
                frame(Some(Step::Field("events")), first),
            ],
            ..Walker::default()
        }
    }

    fn path(&self) -> String {
        let mut out = String::new();
        for step in self.frames.iter().filter_map(|f| f.step.as_ref()) {
            match step {
                Step::Field(name) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(name);
                }
                Step::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        if let Some(field) = self.field {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(field);
        }
        out
    }

    fn entity(&self) -> Option<String> {
        self.frames.iter().rev().find_map(|f| f.title.clone())
    }

    fn text(&mut self, value: &str) {
        let limit = if self.field == Some("log") {
            MAX_LOG_NAME
        } else {
            MAX_TEXT
        };
        // Counting characters only when the bytes could exceed the limit keeps the walk cheap.
        if value.len() > limit {
            let chars = value.chars().count();
            if chars > limit {
                self.breaches.push(Breach {
                    field: self.path(),
                    entity: self.entity(),
                    kind: BreachKind::TooLong { chars, limit },
                });
            }
        }
        if let Some(year) = date_year(value)
            && !(i64::from(EARLIEST_YEAR)..=i64::from(LATEST_YEAR)).contains(&year)
        {
            self.breaches.push(Breach {
                field: self.path(),
                entity: self.entity(),
                kind: BreachKind::DateOutOfRange {
                    value: value.to_owned(),
                },
            });
        }
        // Entries of lists are named by their name, title or label; the plan's own title names
        // nothing.
        if matches!(self.field, Some("name" | "title" | "label"))
            && let Some(frame) = self.frames.last_mut()
            && matches!(frame.step, Some(Step::Index(_)))
            && frame.title.is_none()
            && !value.trim().is_empty()
        {
            frame.title = Some(value.chars().take(60).collect());
        }
    }

    fn open(&mut self) {
        if self.find_log
            && self.field == Some("events")
            && self.frames.len() == 2
            && matches!(self.frames[1].step, Some(Step::Field("custody")))
        {
            self.log_at = Some(self.breaches.len());
        }
        let step = match self.field.take() {
            Some(name) => Some(Step::Field(name)),
            None => self.frames.last_mut().and_then(|parent| {
                // An element of a list: its index.
                let index = parent.next;
                parent.next += 1;
                parent.step.as_ref().map(|_| Step::Index(index))
            }),
        };
        self.frames.push(Frame {
            step,
            title: None,
            next: 0,
        });
    }

    fn close(&mut self) {
        self.frames.pop();
        self.field = None;
    }
}

/// The walker never fails.
#[derive(Debug)]
struct Never;

impl fmt::Display for Never {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("never")
    }
}

impl std::error::Error for Never {}

impl ser::Error for Never {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Never
    }
}

macro_rules! ignore_scalars {
    ($($method:ident: $ty:ty),*) => {
        $(fn $method(self, _: $ty) -> Result<(), Never> {
            self.field_done();
            Ok(())
        })*
    };
}

impl Walker {
    /// A scalar in a list takes an index even though nothing is recorded for it.
    fn field_done(&mut self) {
        if self.field.take().is_none()
            && let Some(parent) = self.frames.last_mut()
        {
            parent.next += 1;
        }
    }
}

impl<'a> ser::Serializer for &'a mut Walker {
    type Ok = ();
    type Error = Never;
    type SerializeSeq = &'a mut Walker;
    type SerializeTuple = &'a mut Walker;
    type SerializeTupleStruct = &'a mut Walker;
    type SerializeTupleVariant = &'a mut Walker;
    type SerializeMap = &'a mut Walker;
    type SerializeStruct = &'a mut Walker;
    type SerializeStructVariant = &'a mut Walker;

    ignore_scalars!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_f32: f32, serialize_f64: f64, serialize_char: char,
        serialize_bytes: &[u8]);

    fn serialize_str(self, v: &str) -> Result<(), Never> {
        self.text(v);
        self.field_done();
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Never> {
        self.field_done();
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Never> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Never> {
        self.field_done();
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Never> {
        self.field_done();
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), Never> {
        self.field_done();
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Never> {
        self.open();
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, Never> {
        self.open();
        Ok(self)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Never> {
        self.open();
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        self.open();
        Ok(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Never> {
        self.open();
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Never> {
        self.open();
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        self.open();
        Ok(self)
    }
    fn collect_str<T: ?Sized + fmt::Display>(self, value: &T) -> Result<(), Never> {
        self.serialize_str(&value.to_string())
    }
}

macro_rules! compound {
    ($($trait:ident { $($method:ident($($arg:ident: $ty:ty),*)),* })*) => {
        $(impl ser::$trait for &mut Walker {
            type Ok = ();
            type Error = Never;
            $(fn $method<T: ?Sized + Serialize>(
                &mut self,
                $($arg: $ty,)*
                value: &T,
            ) -> Result<(), Never> {
                $(let _ = $arg;)*
                value.serialize(&mut **self)
            })*
            fn end(self) -> Result<(), Never> {
                self.close();
                Ok(())
            }
        })*
    };
}

compound! {
    SerializeSeq { serialize_element() }
    SerializeTuple { serialize_element() }
    SerializeTupleStruct { serialize_field() }
    SerializeTupleVariant { serialize_field() }
}

impl ser::SerializeMap for &mut Walker {
    type Ok = ();
    type Error = Never;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, _: &T) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Never> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Never> {
        self.close();
        Ok(())
    }
}

impl ser::SerializeStruct for &mut Walker {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        self.field = Some(key);
        value.serialize(&mut **self)?;
        self.field = None;
        Ok(())
    }
    fn end(self) -> Result<(), Never> {
        self.close();
        Ok(())
    }
}

impl ser::SerializeStructVariant for &mut Walker {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Result<(), Never> {
        self.close();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use chrono::NaiveDate;

    use super::*;
    use crate::model::{ElectionType, Person, Role};

    fn plan() -> Plan {
        Plan::empty(
            ElectionType::EnglishLocal,
            NaiveDate::from_ymd_opt(2027, 5, 6).unwrap(),
        )
    }

    #[test]
    fn dates_are_recognised_by_shape_only() {
        assert_eq!(date_year("2027-05-06"), Some(2027));
        assert_eq!(date_year("+20227-04-29"), Some(20227));
        assert_eq!(date_year("-0044-03-15T12:00:00"), Some(-44));
        assert_eq!(date_year("2027-05-06T22:45:00"), Some(2027));
        for not_a_date in [
            "2027",
            "27-05-06",
            "2027-05-06 notes",
            "NA1/1",
            "",
            "2027-5-6",
        ] {
            assert_eq!(date_year(not_a_date), None, "{not_a_date}");
        }
    }

    #[test]
    fn a_large_log_walked_in_pieces_gives_the_breaches_of_one_walk_in_file_order() {
        let poll = NaiveDate::from_ymd_opt(2027, 5, 6).unwrap();
        let mut plan = crate::scale::large_plan(crate::scale::Scale::SPEC, poll).unwrap();
        let long = "x".repeat(MAX_TEXT + 1);
        // Before the log, in it (in several pieces) and after it.
        plan.overview.title = long.clone();
        plan.custody.items[0].label = long.clone();
        let events = plan.custody.events.len();
        for i in [0, 4095, 4096, 17_000, events - 1] {
            plan.custody.events[i].notes = long.clone();
        }
        plan.custody.events[9000].at = NaiveDate::from_ymd_opt(20227, 4, 29)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        plan.custody.count_security.passes = long.clone();
        plan.allegations.evidence_procedure = vec![long];
        let pieces = check(&plan);
        assert_eq!(pieces, walk(&plan));
        let fields: Vec<&str> = pieces.iter().map(|b| b.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "overview.title",
                "custody.items[0].label",
                "custody.events[0].notes",
                "custody.events[4095].notes",
                "custody.events[4096].notes",
                "custody.events[9000].at",
                "custody.events[17000].notes",
                &format!("custody.events[{}].notes", events - 1),
                "custody.count_security.passes",
                "allegations.evidence_procedure",
            ]
        );
    }

    #[test]
    fn a_clean_plan_has_no_breaches() {
        assert_eq!(check(&plan()), vec![]);
    }

    #[test]
    fn breaches_name_the_field_and_the_entity() {
        let mut p = plan();
        p.overview.poll_date = NaiveDate::from_ymd_opt(20227, 4, 29).unwrap();
        p.people.push(Person {
            role: Role::ElectionsManager,
            job_title: "x".repeat(MAX_TEXT + 1),
            ..Person::named("Jane Smith")
        });
        let breaches = check(&p);
        assert_eq!(breaches.len(), 2, "{breaches:?}");
        assert_eq!(breaches[0].field, "overview.poll_date");
        assert!(!breaches[0].refuses_load());
        assert_eq!(
            breaches[0].to_string(),
            "overview.poll_date is +20227-04-29, outside the years 1900\u{2013}2200"
        );
        assert_eq!(breaches[1].field, "people[0].job_title");
        assert_eq!(breaches[1].entity.as_deref(), Some("Jane Smith"));
        assert!(breaches[1].refuses_load());
    }
}
