//! Reading a row's cells for one field, with the traps spreadsheets set handled rather than passed
//! on: a telephone number stored as a number (its leading 0 gone) is refused, a station number
//! stored as 12.0 is 12, a date stored as a serial number is a date.

use super::mapping::{Field, Mapping, loose};
use super::table::{Cell, Row, number_text};
use crate::model::limits::MAX_TEXT;
use crate::model::{Handling, Role, VenueKind};

/// A value read for a field, ready to set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// Text.
    Text(String),
    /// A whole number.
    Number(u32),
    /// What a venue is used for.
    Kind(VenueKind),
    /// A person's part in the plan.
    Role(Role),
    /// Which copies show the entry.
    Handling(Handling),
}

impl Value {
    /// The value as a person reads it.
    pub fn text(&self) -> String {
        match self {
            Value::Text(t) => t.clone(),
            Value::Number(n) => n.to_string(),
            Value::Kind(k) => k.label().to_owned(),
            Value::Role(r) => r.label().to_owned(),
            Value::Handling(h) => h.label().to_owned(),
        }
    }

    /// The value as text, if it is text.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(t) => Some(t),
            _ => None,
        }
    }
}

/// Why a cell cannot be read for its field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The column's index in the table.
    pub column: usize,
    /// What is wrong.
    pub reason: String,
    /// What to do about it.
    pub hint: Option<String>,
}

/// What to do about a telephone number that lost its leading 0.
pub const PHONE_HINT: &str = "Excel stored this phone number as a number, so its leading 0 was \
    lost: format the column as Text, type the numbers again with their 0, and import the workbook \
    (or save it as CSV UTF-8) again";

/// Reads `field` from the cells of `columns` in `row` (joined when there are several): `None` when
/// they are empty.
pub fn read_field(
    field: Field,
    columns: &[usize],
    row: &Row,
    mapping: &Mapping,
) -> Result<Option<Value>, Problem> {
    let cell = |i: usize| row.cells.get(i).unwrap_or(&Cell::Empty);
    let problem = |column: usize, (reason, hint): (String, Option<String>)| Problem {
        column,
        reason,
        hint,
    };
    if let [column] = columns {
        let column = *column;
        return match field {
            Field::Phone | Field::Mobile | Field::OutOfHoursPhone => {
                phone(cell(column)).map_err(|p| problem(column, p))
            }
            Field::StationNumber => station(cell(column)).map_err(|p| problem(column, p)),
            Field::Kind | Field::Role | Field::Handling => match text(cell(column)) {
                Ok(Some(t)) => choice(field, &t, mapping)
                    .map(Some)
                    .map_err(|p| problem(column, p)),
                Ok(None) => Ok(None),
                Err(p) => Err(problem(column, p)),
            },
            Field::Email => match text(cell(column)) {
                Ok(Some(t)) => email(&t).map(Some).map_err(|p| problem(column, p)),
                Ok(None) => Ok(None),
                Err(p) => Err(problem(column, p)),
            },
            _ => text(cell(column))
                .map(|t| t.map(Value::Text))
                .map_err(|p| problem(column, p)),
        };
    }
    let mut parts = Vec::new();
    for &column in columns {
        if let Some(t) = text(cell(column)).map_err(|p| problem(column, p))? {
            parts.push(t);
        }
    }
    if parts.is_empty() {
        return Ok(None);
    }
    let joined = parts.join(field.joiner());
    if joined.chars().count() > MAX_TEXT {
        return Err(Problem {
            column: columns[0],
            reason: format!("joined, the cells are longer than the limit of {MAX_TEXT} characters"),
            hint: None,
        });
    }
    Ok(Some(Value::Text(joined)))
}

type Refusal = (String, Option<String>);

/// A cell as text: trimmed, a number without a needless `.0`, a date as ISO; `None` when empty.
fn text(cell: &Cell) -> Result<Option<String>, Refusal> {
    let text = match cell {
        Cell::Empty => return Ok(None),
        Cell::Text(t) => {
            let t = t.trim();
            // A spreadsheet-safe export guards a formula character with a quote: drop it.
            let t = match t.strip_prefix('\'') {
                Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
                _ => t,
            };
            t.replace("\r\n", "\n")
        }
        Cell::Number(n) => number_text(*n),
        Cell::Date(at) if at.time() == chrono::NaiveTime::MIN => at.format("%Y-%m-%d").to_string(),
        Cell::Date(at) => at.format("%Y-%m-%d %H:%M").to_string(),
        Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Cell::Error(e) => {
            return Err((
                format!("the cell holds the spreadsheet error {e}"),
                Some("correct the formula, or copy the column and paste it as values".to_owned()),
            ));
        }
    };
    if text.is_empty() {
        return Ok(None);
    }
    if let Some(c) = text
        .chars()
        .find(|c| c.is_control() && !matches!(c, '\n' | '\t'))
    {
        return Err((
            format!("holds the control character U+{:04X}", u32::from(c)),
            Some("remove it in the spreadsheet; a plan holds plain text".to_owned()),
        ));
    }
    let length = text.chars().count();
    if length > MAX_TEXT {
        return Err((
            format!("is {length} characters long; the limit is {MAX_TEXT}"),
            None,
        ));
    }
    Ok(Some(text))
}

/// A telephone number, refused where a spreadsheet turned it into a number.
fn phone(cell: &Cell) -> Result<Option<Value>, Refusal> {
    match cell {
        Cell::Number(n) => {
            return Err((
                format!(
                    "{} is stored as a number, not text, so its leading 0 is lost",
                    number_text(*n)
                ),
                Some(PHONE_HINT.to_owned()),
            ));
        }
        Cell::Date(_) => {
            return Err((
                "the spreadsheet turned this telephone number into a date".to_owned(),
                Some(PHONE_HINT.to_owned()),
            ));
        }
        _ => {}
    }
    let Some(number) = text(cell)? else {
        return Ok(None);
    };
    if crate::custody::csv::is_e_notation(&number) {
        return Err((
            format!(
                "\u{201c}{number}\u{201d} is a number Excel rewrote in E-notation, so its digits are lost"
            ),
            Some(PHONE_HINT.to_owned()),
        ));
    }
    let digits: String = number.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() >= 9
        && digits.chars().all(|c| c.is_ascii_digit())
        && !digits.starts_with('0')
        && !digits.starts_with("44")
    {
        return Err((
            format!("\u{201c}{number}\u{201d} has lost its leading 0"),
            Some(PHONE_HINT.to_owned()),
        ));
    }
    if number.chars().filter(char::is_ascii_digit).count() < 3 {
        return Err((
            format!("\u{201c}{number}\u{201d} is not a telephone number"),
            Some("give the number as dialled, e.g. 01632 960 123".to_owned()),
        ));
    }
    Ok(Some(Value::Text(number)))
}

/// A station number: a whole number, whether stored as 12, 12.0 or the text "12".
fn station(cell: &Cell) -> Result<Option<Value>, Refusal> {
    let hint = || Some("give the number on the notice of situation, e.g. 12".to_owned());
    let whole = |n: f64| (n.fract() == 0.0 && (1.0..=100_000.0).contains(&n)).then_some(n as u32);
    match cell {
        Cell::Number(n) => whole(*n).map(|n| Some(Value::Number(n))).ok_or_else(|| {
            (
                format!("{} is not a station number", number_text(*n)),
                hint(),
            )
        }),
        Cell::Date(_) => Err((
            "the spreadsheet turned this station number into a date".to_owned(),
            Some("format the column as Number or Text and type the numbers again".to_owned()),
        )),
        other => {
            let Some(t) = text(other)? else {
                return Ok(None);
            };
            let (int, fraction) = t.split_once('.').unwrap_or((&t, ""));
            let number = (!int.is_empty()
                && int.chars().all(|c| c.is_ascii_digit())
                && fraction.chars().all(|c| c == '0'))
            .then(|| int.parse::<f64>().ok())
            .flatten()
            .and_then(whole);
            number.map(|n| Some(Value::Number(n))).ok_or_else(|| {
                (
                    format!("\u{201c}{t}\u{201d} is not a station number"),
                    hint(),
                )
            })
        }
    }
}

/// One of a field's fixed choices: through the mapping's value maps, or by its key or label.
fn choice(field: Field, text: &str, mapping: &Mapping) -> Result<Value, Refusal> {
    let wanted = loose(text);
    let key = mapping
        .value_for(field, text)
        .map(str::to_owned)
        .or_else(|| {
            field.choices().and_then(|choices| {
                choices
                    .iter()
                    .find(|(key, label)| loose(key) == wanted || loose(label) == wanted)
                    .map(|(key, _)| (*key).to_owned())
            })
        });
    let value = key.as_deref().and_then(|key| match field {
        Field::Kind => VenueKind::from_key(key).map(Value::Kind),
        Field::Role => Role::from_key(key).map(Value::Role),
        Field::Handling => Handling::from_key(key).map(Value::Handling),
        _ => None,
    });
    value.ok_or_else(|| {
        let keys: Vec<&str> = field
            .choices()
            .unwrap_or_default()
            .iter()
            .map(|(k, _)| *k)
            .collect();
        let example = keys.first().copied().unwrap_or("");
        (
            format!("\u{201c}{text}\u{201d} is not a choice of {}", field.key()),
            Some(format!(
                "add a value map such as \u{201c}{}:{text}={example}\u{201d} (--value on the \
                 command line); the choices are {}",
                field.key(),
                keys.join(", ")
            )),
        )
    })
}

/// An email address: one `@` with something either side, and no spaces.
fn email(text: &str) -> Result<Value, Refusal> {
    let ok = match text.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && domain.contains('.')
                && !domain.contains('@')
                && !text.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if ok {
        Ok(Value::Text(text.to_owned()))
    } else {
        Err((
            format!("\u{201c}{text}\u{201d} is not an email address"),
            Some("give one address per person, e.g. name@council.gov.uk".to_owned()),
        ))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn row(cells: Vec<Cell>) -> Row {
        Row { number: 2, cells }
    }

    fn read(field: Field, cell: Cell) -> Result<Option<Value>, Problem> {
        read_field(field, &[0], &row(vec![cell]), &Mapping::default())
    }

    #[test]
    fn a_phone_number_a_spreadsheet_made_a_number_is_refused_with_a_hint() {
        let e = read(Field::Mobile, Cell::Number(7_700_900_123.0)).unwrap_err();
        assert!(
            e.reason.contains("7700900123 is stored as a number"),
            "{e:?}"
        );
        assert_eq!(e.hint.as_deref(), Some(PHONE_HINT));
        let e = read(Field::Phone, Cell::Text("1632960123".into())).unwrap_err();
        assert!(e.reason.contains("lost its leading 0"), "{e:?}");
        let e = read(Field::Phone, Cell::Text("1.63296E+09".into())).unwrap_err();
        assert!(e.reason.contains("E-notation"), "{e:?}");
        for fine in ["01632 960123", "+44 1632 960123", "101", "441632960123"] {
            assert_eq!(
                read(Field::Phone, Cell::Text(fine.into())).unwrap(),
                Some(Value::Text(fine.into())),
                "{fine}"
            );
        }
    }

    #[test]
    fn station_numbers_read_as_whole_numbers_however_stored() {
        for cell in [
            Cell::Number(12.0),
            Cell::Text("12".into()),
            Cell::Text(" 12.0 ".into()),
        ] {
            assert_eq!(
                read(Field::StationNumber, cell).unwrap(),
                Some(Value::Number(12))
            );
        }
        for bad in [
            Cell::Number(12.5),
            Cell::Number(0.0),
            Cell::Text("12a".into()),
            Cell::Text("-3".into()),
        ] {
            assert!(read(Field::StationNumber, bad).is_err());
        }
        let date = chrono::NaiveDate::from_ymd_opt(2027, 5, 6)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        assert!(read(Field::StationNumber, Cell::Date(date)).is_err());
        assert_eq!(
            read(Field::Name, Cell::Date(date)).unwrap(),
            Some(Value::Text("2027-05-06".into())),
            "a date in a text field reads as ISO, never as a serial number"
        );
    }

    #[test]
    fn joined_columns_skip_empty_cells() {
        let r = row(vec![
            Cell::Text("1 High St".into()),
            Cell::Empty,
            Cell::Text("NM1 1AA".into()),
        ]);
        let v = read_field(Field::Address, &[0, 1, 2], &r, &Mapping::default()).unwrap();
        assert_eq!(v, Some(Value::Text("1 High St, NM1 1AA".into())));
        let empty = row(vec![Cell::Empty, Cell::Text("  ".into())]);
        assert_eq!(
            read_field(Field::Name, &[0, 1], &empty, &Mapping::default()).unwrap(),
            None
        );
    }

    #[test]
    fn choices_read_by_key_label_or_value_map() {
        assert_eq!(
            read(Field::Kind, Cell::Text("Count venue".into())).unwrap(),
            Some(Value::Kind(VenueKind::CountVenue))
        );
        assert_eq!(
            read(Field::Role, Cell::Text("presiding_officer".into())).unwrap(),
            Some(Value::Role(Role::PresidingOfficer))
        );
        let e = read(Field::Kind, Cell::Text("Polling Place".into())).unwrap_err();
        assert!(
            e.hint
                .unwrap()
                .contains("kind:Polling Place=polling-station")
        );
        let m = Mapping::parse(
            &[],
            &["kind:Polling Place=polling-station".into()],
            &[Field::Kind],
        )
        .unwrap();
        let r = row(vec![Cell::Text("polling place".into())]);
        assert_eq!(
            read_field(Field::Kind, &[0], &r, &m).unwrap(),
            Some(Value::Kind(VenueKind::PollingStation))
        );
    }

    #[test]
    fn bad_text_is_refused() {
        assert!(read(Field::Email, Cell::Text("not an email".into())).is_err());
        assert!(read(Field::Name, Cell::Text("a\u{1b}b".into())).is_err());
        assert!(read(Field::Name, Cell::Error("#N/A".into())).is_err());
        assert_eq!(
            read(Field::Name, Cell::Text("'=Hall".into())).unwrap(),
            Some(Value::Text("=Hall".into()))
        );
    }
}
