//! What an import knows of the entries it fills: their fields, and how a row finds the entry it
//! is — a polling station by its polling district and station number or its EMS reference, any
//! other venue by its name and address, a person by their email.

use super::Target;
use super::cells::Value;
use super::mapping::Field;
use crate::model::{Entity, Person, Phone, PhoneKind, Venue};

/// The values one row gives, by field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Values(pub Vec<(Field, Value)>);

impl Values {
    /// The value for `field`, if the row gives one.
    pub fn get(&self, field: Field) -> Option<&Value> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, v)| v)
    }

    /// The text for `field`, if the row gives text.
    pub fn text(&self, field: Field) -> Option<&str> {
        self.get(field).and_then(Value::as_text)
    }
}

/// How a row is matched to an entry of the plan.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    /// The EMS reference.
    Ems(String),
    /// The polling district and station number.
    Station(String, u32),
    /// The name, and the address where the row gives one; `unnumbered` only matches venues with
    /// no station number (a station numbered in the file is never another station in the plan).
    NameAddress {
        /// The name, compared loosely.
        name: String,
        /// The address, compared loosely, if the row gives one.
        address: Option<String>,
        /// Only venues without a station number.
        unnumbered: bool,
    },
    /// The email address, in any case.
    Email(String),
    /// The name; `without_email` only matches people with no email yet.
    Name {
        /// The name, compared loosely.
        name: String,
        /// Only people with no email.
        without_email: bool,
    },
}

impl Key {
    /// The key in words, as the row gives it: "polling district NA1 and station number 3".
    pub fn describe(&self, values: &Values) -> String {
        let text = |field| values.text(field).unwrap_or_default().trim().to_owned();
        match self {
            Key::Ems(_) => format!("EMS reference {}", text(Field::EmsReference)),
            Key::Station(_, n) => format!(
                "polling district {} and station number {n}",
                text(Field::PollingDistrict)
            ),
            Key::NameAddress {
                address: Some(_), ..
            } => "name and address".to_owned(),
            Key::NameAddress { address: None, .. } | Key::Name { .. } => "name".to_owned(),
            Key::Email(_) => format!("email {}", text(Field::Email)),
        }
    }

    /// The field the key is read from first, to name its column.
    pub fn field(&self) -> Field {
        match self {
            Key::Ems(_) => Field::EmsReference,
            Key::Station(..) => Field::StationNumber,
            Key::NameAddress { .. } | Key::Name { .. } => Field::Name,
            Key::Email(_) => Field::Email,
        }
    }
}

/// Text as compared when matching: letters and digits only, in lower case, so "1 High St," and
/// "1 high st" are one address.
pub fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// An entry an import can add to and update in the plan.
pub trait Importable: Entity + PartialEq + std::fmt::Debug {
    /// Which list.
    const TARGET: Target;
    /// The fields an import can fill.
    const FIELDS: &'static [Field];
    /// A new entry, before the row's values are set (its own default handling mark: people are
    /// personal data, shown in the full copy only).
    fn blank() -> Self;
    /// A field's value as a person reads it (empty when unset).
    fn get(&self, field: Field) -> String;
    /// Sets a field.
    fn set(&mut self, field: Field, value: &Value);
    /// The keys a row is matched by, the surest first.
    fn keys(values: &Values) -> Vec<Key>;
    /// Whether this entry has `key`.
    fn has(&self, key: &Key) -> bool;
    /// Why a row matched to this entry cannot be it, if it cannot.
    fn conflict(&self, _values: &Values) -> Option<String> {
        None
    }
    /// Whether a mapping that fills `fields` can tell entries apart at all.
    fn identified_by(fields: &[Field]) -> bool;
    /// What the fields an entry is known by are, in words, for a mapping that fills none.
    const KNOWN_BY: &'static str;
}

impl Importable for Venue {
    const TARGET: Target = Target::Venues;
    const FIELDS: &'static [Field] = &[
        Field::Name,
        Field::Kind,
        Field::Address,
        Field::PollingDistrict,
        Field::StationNumber,
        Field::EmsReference,
        Field::Handling,
    ];
    const KNOWN_BY: &'static str =
        "name (and address), polling_district and station_number, or ems_reference";

    fn blank() -> Venue {
        Venue {
            handling: Venue::DEFAULT_HANDLING,
            ..Venue::default()
        }
    }

    fn get(&self, field: Field) -> String {
        match field {
            Field::Name => self.name.clone(),
            Field::Kind => self.kind.label().to_owned(),
            Field::Address => self.address.clone(),
            Field::PollingDistrict => self.polling_district.clone(),
            Field::StationNumber => self.station_number.map_or(String::new(), |n| n.to_string()),
            Field::EmsReference => self.ems_reference.clone(),
            Field::Handling => self.handling.label().to_owned(),
            _ => String::new(),
        }
    }

    fn set(&mut self, field: Field, value: &Value) {
        match (field, value) {
            (Field::Name, Value::Text(t)) => self.name = t.clone(),
            (Field::Kind, Value::Kind(k)) => self.kind = *k,
            (Field::Address, Value::Text(t)) => self.address = t.clone(),
            (Field::PollingDistrict, Value::Text(t)) => self.polling_district = t.clone(),
            (Field::StationNumber, Value::Number(n)) => self.station_number = Some(*n),
            (Field::EmsReference, Value::Text(t)) => self.ems_reference = t.clone(),
            (Field::Handling, Value::Handling(h)) => self.handling = *h,
            _ => {}
        }
    }

    fn keys(values: &Values) -> Vec<Key> {
        let mut keys = Vec::new();
        if let Some(ems) = values.text(Field::EmsReference) {
            keys.push(Key::Ems(compact(ems)));
        }
        let station = match (
            values.text(Field::PollingDistrict),
            values.get(Field::StationNumber),
        ) {
            (Some(district), Some(Value::Number(n))) => Some((compact(district), *n)),
            _ => None,
        };
        if let Some((district, number)) = &station {
            keys.push(Key::Station(district.clone(), *number));
        }
        if let Some(name) = values.text(Field::Name) {
            keys.push(Key::NameAddress {
                name: compact(name),
                address: values.text(Field::Address).map(compact),
                unnumbered: station.is_some(),
            });
        }
        keys
    }

    fn has(&self, key: &Key) -> bool {
        match key {
            Key::Ems(r) => {
                !self.ems_reference.trim().is_empty() && compact(&self.ems_reference) == *r
            }
            Key::Station(district, number) => {
                self.station_number == Some(*number) && compact(&self.polling_district) == *district
            }
            Key::NameAddress {
                name,
                address,
                unnumbered,
            } => {
                compact(&self.name) == *name
                    && address
                        .as_ref()
                        .is_none_or(|a| compact(&self.address) == *a)
                    && (!unnumbered || self.station_number.is_none())
            }
            Key::Email(_) | Key::Name { .. } => false,
        }
    }

    fn conflict(&self, values: &Values) -> Option<String> {
        let theirs = values.text(Field::EmsReference)?;
        let ours = self.ems_reference.trim();
        (!ours.is_empty() && compact(ours) != compact(theirs)).then(|| {
            format!(
                "it matches {} in the plan, whose EMS reference is {ours}, not {theirs}",
                self.title()
            )
        })
    }

    fn identified_by(fields: &[Field]) -> bool {
        fields.contains(&Field::Name)
            || fields.contains(&Field::EmsReference)
            || (fields.contains(&Field::PollingDistrict) && fields.contains(&Field::StationNumber))
    }
}

impl Person {
    /// The first telephone number of `kind`, if any.
    fn number(&self, kind: PhoneKind) -> String {
        self.phones
            .iter()
            .find(|p| p.kind == kind)
            .map_or(String::new(), |p| p.number.clone())
    }

    /// Sets the first telephone number of `kind`, adding one if there is none.
    fn set_number(&mut self, kind: PhoneKind, number: &str) {
        match self.phones.iter_mut().find(|p| p.kind == kind) {
            Some(p) => p.number = number.to_owned(),
            None => self.phones.push(Phone {
                kind,
                number: number.to_owned(),
            }),
        }
    }
}

impl Importable for Person {
    const TARGET: Target = Target::People;
    const FIELDS: &'static [Field] = &[
        Field::Name,
        Field::Role,
        Field::JobTitle,
        Field::Organisation,
        Field::Email,
        Field::Phone,
        Field::Mobile,
        Field::OutOfHoursPhone,
        Field::Address,
        Field::Handling,
    ];
    const KNOWN_BY: &'static str = "email or name";

    fn blank() -> Person {
        Person {
            handling: Person::DEFAULT_HANDLING,
            ..Person::named("")
        }
    }

    fn get(&self, field: Field) -> String {
        match field {
            Field::Name => self.name.clone(),
            Field::Role => self.role.label().to_owned(),
            Field::JobTitle => self.job_title.clone(),
            Field::Organisation => self.organisation.clone(),
            Field::Email => self.email.clone(),
            Field::Phone => self.number(PhoneKind::Office),
            Field::Mobile => self.number(PhoneKind::Mobile),
            Field::OutOfHoursPhone => self.number(PhoneKind::OutOfHours),
            Field::Address => self.address.clone(),
            Field::Handling => self.handling.label().to_owned(),
            _ => String::new(),
        }
    }

    fn set(&mut self, field: Field, value: &Value) {
        match (field, value) {
            (Field::Name, Value::Text(t)) => self.name = t.clone(),
            (Field::Role, Value::Role(r)) => self.role = *r,
            (Field::JobTitle, Value::Text(t)) => self.job_title = t.clone(),
            (Field::Organisation, Value::Text(t)) => self.organisation = t.clone(),
            (Field::Email, Value::Text(t)) => self.email = t.clone(),
            (Field::Phone, Value::Text(t)) => self.set_number(PhoneKind::Office, t),
            (Field::Mobile, Value::Text(t)) => self.set_number(PhoneKind::Mobile, t),
            (Field::OutOfHoursPhone, Value::Text(t)) => self.set_number(PhoneKind::OutOfHours, t),
            (Field::Address, Value::Text(t)) => self.address = t.clone(),
            (Field::Handling, Value::Handling(h)) => self.handling = *h,
            _ => {}
        }
    }

    fn keys(values: &Values) -> Vec<Key> {
        let mut keys = Vec::new();
        let email = values.text(Field::Email);
        if let Some(email) = email {
            keys.push(Key::Email(email.trim().to_lowercase()));
        }
        if let Some(name) = values.text(Field::Name) {
            keys.push(Key::Name {
                name: compact(name),
                without_email: email.is_some(),
            });
        }
        keys
    }

    fn has(&self, key: &Key) -> bool {
        match key {
            Key::Email(e) => self.email.trim().to_lowercase() == *e,
            Key::Name {
                name,
                without_email,
            } => compact(&self.name) == *name && (!without_email || self.email.trim().is_empty()),
            _ => false,
        }
    }

    fn identified_by(fields: &[Field]) -> bool {
        fields.contains(&Field::Name) || fields.contains(&Field::Email)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Handling, VenueKind};

    fn values(pairs: &[(Field, Value)]) -> Values {
        Values(pairs.to_vec())
    }

    #[test]
    fn a_numbered_station_never_matches_another_station_in_the_same_building() {
        let hall = |n: Option<u32>| Venue {
            name: "Village Hall".into(),
            address: "1 High St".into(),
            polling_district: "NA1".into(),
            station_number: n,
            kind: VenueKind::PollingStation,
            ..Venue::default()
        };
        let row = values(&[
            (Field::Name, Value::Text("Village hall".into())),
            (Field::Address, Value::Text("1 High St.".into())),
            (Field::PollingDistrict, Value::Text("NA1".into())),
            (Field::StationNumber, Value::Number(2)),
        ]);
        let keys = Venue::keys(&row);
        assert_eq!(keys.len(), 2);
        assert!(!hall(Some(1)).has(&keys[0]) && !hall(Some(1)).has(&keys[1]));
        assert!(hall(Some(2)).has(&keys[0]));
        assert!(
            hall(None).has(&keys[1]),
            "a hall entered by hand without its number"
        );
    }

    #[test]
    fn people_are_known_by_email_in_any_case_and_new_ones_are_personal_data() {
        let mut p = Person::blank();
        assert_eq!(p.handling, Handling::FullCopyOnly);
        p.email = "A.Khan@Northmere.gov.uk".into();
        let keys = Person::keys(&values(&[(
            Field::Email,
            Value::Text("a.khan@northmere.gov.uk".into()),
        )]));
        assert!(p.has(&keys[0]));
        p.set(Field::Mobile, &Value::Text("07700 900123".into()));
        p.set(Field::Mobile, &Value::Text("07700 900124".into()));
        assert_eq!(p.phones.len(), 1);
        assert_eq!(p.get(Field::Mobile), "07700 900124");
    }
}
