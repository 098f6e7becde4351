//! Which columns of a file fill which field: `Polling Place=name,Address 1+Address 2+Postcode=address`
//! (several columns joined into one field), and value maps that say what a file's words mean for
//! a field with fixed choices: `kind:Polling Place=polling-station,Count=count-venue`.

use std::fmt;

use crate::model::labelled_enum;
use crate::model::{Handling, Role, VenueKind};

use super::table::Table;

labelled_enum! {
    /// A field an import can fill. Keys are the model's own field names.
    pub enum Field {
        /// A venue's or person's name.
        Name => "Name", "name",
        /// What a venue is used for.
        Kind => "Use", "kind",
        /// A venue's or person's address.
        Address => "Address", "address",
        /// A polling station's polling district.
        PollingDistrict => "Polling district", "polling_district",
        /// A polling station's number.
        StationNumber => "Station number", "station_number",
        /// The polling place's reference in the electoral management software.
        EmsReference => "EMS reference", "ems_reference",
        /// A person's part in the plan.
        Role => "Role", "role",
        /// A person's job title.
        JobTitle => "Job title", "job_title",
        /// A person's organisation.
        Organisation => "Organisation", "organisation",
        /// A person's email address.
        Email => "Email", "email",
        /// A person's office telephone.
        Phone => "Office phone", "phone",
        /// A person's mobile.
        Mobile => "Mobile", "mobile",
        /// A person's out-of-hours number.
        OutOfHoursPhone => "Out-of-hours phone", "out_of_hours_phone",
        /// Which copies show the entry.
        Handling => "Shown in", "handling",
    }
}

impl Field {
    /// What joins several columns into this field: a comma for an address, else a space.
    pub fn joiner(self) -> &'static str {
        match self {
            Field::Address => ", ",
            _ => " ",
        }
    }

    /// Whether several columns may be joined into it (not a number, a choice, an email or a
    /// telephone number).
    pub fn joins(self) -> bool {
        matches!(
            self,
            Field::Name
                | Field::Address
                | Field::PollingDistrict
                | Field::EmsReference
                | Field::JobTitle
                | Field::Organisation
        )
    }

    /// The choices of a field with fixed choices, as (key, label).
    pub fn choices(self) -> Option<Vec<(&'static str, &'static str)>> {
        match self {
            Field::Kind => Some(
                VenueKind::ALL
                    .iter()
                    .map(|k| (k.key(), k.label()))
                    .collect(),
            ),
            Field::Role => Some(Role::ALL.iter().map(|k| (k.key(), k.label())).collect()),
            Field::Handling => Some(Handling::ALL.iter().map(|k| (k.key(), k.label())).collect()),
            _ => None,
        }
    }

    /// The field named `text` (its key or label, in any case, with spaces, hyphens or
    /// underscores), among `fields`.
    pub fn named(text: &str, fields: &[Field]) -> Option<Field> {
        let wanted = loose(text);
        fields
            .iter()
            .copied()
            .find(|f| loose(f.key()) == wanted || loose(f.label()) == wanted)
    }
}

/// Text compared loosely: lower case, with spaces, hyphens and underscores as one space.
pub fn loose(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Columns whose cells fill one field (joined when there are several).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnMap {
    /// The columns' headings, as written in the mapping.
    pub columns: Vec<String>,
    /// The field.
    pub field: Field,
}

/// What a word in a file means for a field with fixed choices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueMap {
    /// The field.
    pub field: Field,
    /// The word as the file has it.
    pub from: String,
    /// The choice's key.
    pub to: String,
}

/// How a file's columns fill an entry's fields.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mapping {
    /// Columns to fields.
    pub columns: Vec<ColumnMap>,
    /// Words to choices.
    pub values: Vec<ValueMap>,
}

/// Why a mapping cannot be used. Nothing was imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MappingError {
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub hint: String,
}

impl fmt::Display for MappingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for MappingError {}

fn error(message: String, hint: impl Into<String>) -> MappingError {
    MappingError {
        message,
        hint: hint.into(),
    }
}

fn field_list(fields: &[Field]) -> String {
    fields
        .iter()
        .map(|f| f.key())
        .collect::<Vec<_>>()
        .join(", ")
}

impl Mapping {
    /// Reads `--map` entries (`COLUMN[+COLUMN...]=FIELD`, separated by commas; each argument may
    /// hold several) and `--value` entries (`FIELD:WORD=CHOICE[,WORD=CHOICE...]`), for an entry
    /// with `fields`.
    pub fn parse(
        maps: &[String],
        values: &[String],
        fields: &[Field],
    ) -> Result<Mapping, MappingError> {
        let mut mapping = Mapping::default();
        for text in maps {
            for entry in text.split(',').map(str::trim).filter(|e| !e.is_empty()) {
                let Some((columns, field)) = entry.rsplit_once('=') else {
                    return Err(error(
                        format!(
                            "\u{201c}{entry}\u{201d} does not say which field the column fills"
                        ),
                        "write COLUMN=FIELD, e.g. \u{201c}Polling Place=name\u{201d}",
                    ));
                };
                let Some(field) = Field::named(field, fields) else {
                    return Err(error(
                        format!("\u{201c}{}\u{201d} is not a field here", field.trim()),
                        format!("the fields are {}", field_list(fields)),
                    ));
                };
                let columns: Vec<String> = columns
                    .split('+')
                    .map(|c| c.trim().to_owned())
                    .filter(|c| !c.is_empty())
                    .collect();
                if columns.is_empty() {
                    return Err(error(
                        format!("\u{201c}{entry}\u{201d} names no column"),
                        "write COLUMN=FIELD, e.g. \u{201c}Polling Place=name\u{201d}",
                    ));
                }
                if columns.len() > 1 && !field.joins() {
                    return Err(error(
                        format!(
                            "{} takes one column, not {}",
                            field.key(),
                            columns.join(" + ")
                        ),
                        "join columns only into text fields: name, address, polling_district, \
                         ems_reference, job_title, organisation",
                    ));
                }
                if mapping.columns.iter().any(|m| m.field == field) {
                    return Err(error(
                        format!("{} is filled twice in the mapping", field.key()),
                        "join its columns with + in one entry, e.g. \u{201c}Address 1+Postcode=address\u{201d}",
                    ));
                }
                mapping.columns.push(ColumnMap { columns, field });
            }
        }
        for text in values {
            mapping.values.extend(parse_values(text, fields)?);
        }
        Ok(mapping)
    }

    /// The mapping that takes each column headed with a field's name (`name`, `Polling district`,
    /// `station_number`...) for that field.
    pub fn by_field_names(headers: &[String], fields: &[Field]) -> Mapping {
        let mut mapping = Mapping::default();
        for header in headers {
            if let Some(field) = Field::named(header, fields)
                && !mapping.columns.iter().any(|m| m.field == field)
            {
                mapping.columns.push(ColumnMap {
                    columns: vec![header.trim().to_owned()],
                    field,
                });
            }
        }
        mapping
    }

    /// The columns as `--map` takes them.
    pub fn map_text(&self) -> String {
        self.columns
            .iter()
            .map(|m| format!("{}={}", m.columns.join("+"), m.field.key()))
            .collect::<Vec<_>>()
            .join(",")
    }

    /// The value maps as `--value` takes them, one argument per field.
    pub fn value_texts(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut fields: Vec<Field> = self.values.iter().map(|v| v.field).collect();
        fields.dedup();
        for field in fields {
            let pairs: Vec<String> = self
                .values
                .iter()
                .filter(|v| v.field == field)
                .map(|v| format!("{}={}", v.from, v.to))
                .collect();
            if !out
                .iter()
                .any(|o| o.starts_with(&format!("{}:", field.key())))
            {
                out.push(format!("{}:{}", field.key(), pairs.join(",")));
            }
        }
        out
    }

    /// The choice key a value map gives `word` for `field`, if one does.
    pub fn value_for(&self, field: Field, word: &str) -> Option<&str> {
        let word = loose(word);
        self.values
            .iter()
            .find(|v| v.field == field && loose(&v.from) == word)
            .map(|v| v.to.as_str())
    }

    /// Finds the mapping's columns among the table's headings: each field with the indexes of its
    /// columns, and the columns no field reads. A column the mapping names that the file lacks,
    /// or whose heading two columns share, is an error naming it.
    pub fn resolve(&self, table: &Table) -> Result<Resolved, MappingError> {
        let mut fields = Vec::new();
        let mut used = vec![false; table.headers.len()];
        for map in &self.columns {
            let mut indexes = Vec::new();
            for column in &map.columns {
                let wanted = loose(column);
                let found: Vec<usize> = table
                    .headers
                    .iter()
                    .enumerate()
                    .filter(|(_, h)| loose(h) == wanted)
                    .map(|(i, _)| i)
                    .collect();
                match found.as_slice() {
                    [i] => {
                        indexes.push(*i);
                        used[*i] = true;
                    }
                    [] => {
                        let headings: Vec<&str> = table
                            .headers
                            .iter()
                            .map(|h| h.trim())
                            .filter(|h| !h.is_empty())
                            .collect();
                        return Err(error(
                            format!(
                                "{} has no column \u{201c}{column}\u{201d} (mapped to {})",
                                table.source(),
                                map.field.key()
                            ),
                            format!(
                                "its columns are {}; correct the mapping",
                                headings
                                    .iter()
                                    .map(|h| format!("\u{201c}{h}\u{201d}"))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        ));
                    }
                    several => {
                        let named: Vec<String> = several.iter().map(|i| table.column(*i)).collect();
                        return Err(error(
                            format!(
                                "{} has {} columns headed \u{201c}{column}\u{201d} ({})",
                                table.source(),
                                several.len(),
                                named.join(", ")
                            ),
                            "give each column its own heading in the file",
                        ));
                    }
                }
            }
            fields.push((map.field, indexes));
        }
        let ignored = used
            .iter()
            .enumerate()
            .filter(|(i, used)| {
                !**used && table.headers.get(*i).is_some_and(|h| !h.trim().is_empty())
            })
            .map(|(i, _)| i)
            .collect();
        Ok(Resolved { fields, ignored })
    }
}

/// A mapping found in a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// Each mapped field and the indexes of its columns.
    pub fields: Vec<(Field, Vec<usize>)>,
    /// The indexes of the headed columns no field reads.
    pub ignored: Vec<usize>,
}

/// Reads one `--value` argument: `FIELD:WORD=CHOICE[,WORD=CHOICE...]`.
fn parse_values(text: &str, fields: &[Field]) -> Result<Vec<ValueMap>, MappingError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let with_choices: Vec<Field> = fields
        .iter()
        .copied()
        .filter(|f| f.choices().is_some())
        .collect();
    let Some((field, pairs)) = text.split_once(':') else {
        return Err(error(
            format!("\u{201c}{text}\u{201d} does not say which field its words are for"),
            "write FIELD:WORD=CHOICE, e.g. \u{201c}kind:Polling Place=polling-station\u{201d}",
        ));
    };
    let Some(field) = Field::named(field, &with_choices) else {
        return Err(error(
            format!(
                "\u{201c}{}\u{201d} is not a field with fixed choices here",
                field.trim()
            ),
            format!("value maps are for {}", field_list(&with_choices)),
        ));
    };
    let choices = field.choices().unwrap_or_default();
    let mut out = Vec::new();
    for pair in pairs.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((from, to)) = pair.rsplit_once('=') else {
            return Err(error(
                format!("\u{201c}{pair}\u{201d} does not say which choice the word means"),
                "write WORD=CHOICE, e.g. \u{201c}Polling Place=polling-station\u{201d}",
            ));
        };
        let wanted = loose(to);
        let Some((key, _)) = choices
            .iter()
            .find(|(key, label)| loose(key) == wanted || loose(label) == wanted)
        else {
            let keys: Vec<&str> = choices.iter().map(|(k, _)| *k).collect();
            return Err(error(
                format!(
                    "\u{201c}{}\u{201d} is not a choice of {}",
                    to.trim(),
                    field.key()
                ),
                format!("the choices are {}", keys.join(", ")),
            ));
        };
        out.push(ValueMap {
            field,
            from: from.trim().to_owned(),
            to: (*key).to_owned(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::import::table::read_csv;

    const VENUE: &[Field] = &[
        Field::Name,
        Field::Kind,
        Field::Address,
        Field::StationNumber,
    ];

    #[test]
    fn a_mapping_joins_columns_and_reads_value_maps() {
        let m = Mapping::parse(
            &["Polling Place=name, Address 1+Address 2+Postcode=address".into()],
            &["kind:Polling Place=polling_station,Count=Count venue".into()],
            VENUE,
        )
        .unwrap();
        assert_eq!(m.columns[1].columns, ["Address 1", "Address 2", "Postcode"]);
        assert_eq!(m.columns[1].field, Field::Address);
        assert_eq!(
            m.value_for(Field::Kind, "polling place"),
            Some("polling-station")
        );
        assert_eq!(m.value_for(Field::Kind, "COUNT"), Some("count-venue"));
        assert_eq!(
            m.map_text(),
            "Polling Place=name,Address 1+Address 2+Postcode=address"
        );
        assert_eq!(
            m.value_texts(),
            ["kind:Polling Place=polling-station,Count=count-venue"]
        );
        let again = Mapping::parse(&[m.map_text()], &m.value_texts(), VENUE).unwrap();
        assert_eq!(again, m);
    }

    #[test]
    fn a_bad_mapping_says_what_is_wrong() {
        let e = |maps: &[&str], values: &[&str]| {
            let maps: Vec<String> = maps.iter().map(|s| (*s).to_owned()).collect();
            let values: Vec<String> = values.iter().map(|s| (*s).to_owned()).collect();
            Mapping::parse(&maps, &values, VENUE).unwrap_err()
        };
        assert!(
            e(&["Place"], &[])
                .message
                .contains("does not say which field")
        );
        assert!(e(&["Place=colour"], &[]).hint.contains("name, kind"));
        assert!(
            e(&["A+B=station_number"], &[])
                .message
                .contains("takes one column")
        );
        assert!(e(&["A=name,B=name"], &[]).message.contains("filled twice"));
        assert!(e(&[], &["kind:PP=church"]).hint.contains("polling-station"));
        assert!(e(&[], &["name:PP=x"]).message.contains("fixed choices"));
    }

    #[test]
    fn a_missing_or_doubled_column_is_named_and_unmapped_columns_are_listed() {
        let t = read_csv(b"Place,Notes,Place 2,,Dup,dup\nHall,x,y,,1,2\n", "v.csv").unwrap();
        let m = Mapping::parse(&["Place=name".into()], &[], VENUE).unwrap();
        let r = m.resolve(&t).unwrap();
        assert_eq!(r.fields, [(Field::Name, vec![0])]);
        assert_eq!(
            r.ignored,
            [1, 2, 4, 5],
            "a column with no heading is not listed"
        );
        let m = Mapping::parse(&["Building=name".into()], &[], VENUE).unwrap();
        let err = m.resolve(&t).unwrap_err();
        assert!(
            err.message.contains("no column \u{201c}Building\u{201d}"),
            "{err}"
        );
        let m = Mapping::parse(&["dup=name".into()], &[], VENUE).unwrap();
        let err = m.resolve(&t).unwrap_err();
        assert!(
            err.message
                .contains("E \u{201c}Dup\u{201d}, F \u{201c}dup\u{201d}"),
            "{err}"
        );
    }

    #[test]
    fn without_a_mapping_columns_named_as_fields_are_read() {
        let headers: Vec<String> = ["Name", "station number", "Polling-District", "Notes"]
            .map(String::from)
            .to_vec();
        let m = Mapping::by_field_names(&headers, VENUE);
        assert_eq!(m.map_text(), "Name=name,station number=station_number");
    }
}
