//! The plan's fingerprint: what the police agree, reduced to a SHA-256 digest so that an agreement
//! can say exactly which content it approved and `check`, the editor and the PDF can say what
//! changed since.
//!
//! # The canonical form `plan-fingerprint/1`
//!
//! The fingerprint covers the *arrangements* of each section and never its *records*:
//!
//! 1. Each section ([`Section`]) has a projection: the plan's value for that section (the
//!    overview, the people, the responsibilities, … the key dates) serialised with serde into a
//!    JSON value, with the record fields listed in [`RECORDS`] removed. Nothing else is listed:
//!    a field added to the model later is part of the fingerprint without further work, and a
//!    new record field must be added to [`RECORDS`].
//! 2. The projection is written as canonical JSON: no whitespace, object keys sorted by their
//!    UTF-8 bytes, strings escaped as `serde_json` escapes them, numbers as `serde_json` writes
//!    them (`1`, `2.5`), enums by their key (e.g. `"agreed"`). An object member whose value is
//!    empty — `null` (`None`), `false`, `""`, `[]` or `{}` — is left out, so that a field added to
//!    the model with an empty default leaves the digests of plans that do not use it unchanged.
//!    List elements are never left out (their positions count).
//! 3. A section's digest is SHA-256 (lower-case hex) of the UTF-8 text
//!    `plan-fingerprint/1\n<section key>\n<canonical JSON>`. A section whose projection is empty
//!    (it holds only records) has no digest: it is "not part of the agreement".
//! 4. The plan's fingerprint is SHA-256 of `plan-fingerprint/1\n` followed, for each section in
//!    the plan's order, by the line `<section key> <digest>\n` (`-` for no digest).
//!
//! It is computed from the model values, so it does not depend on the RON formatting of the file
//! or on its format version (a plan migrated from an older format has the fingerprint of the same
//! content written today).
//!
//! Excluded, as records or document control: status, version, revision history, distribution,
//! sign-offs and agreements, issued copies (overview); candidates' details and data transfers
//! (candidate data: the data itself, not the arrangement); indicator observations; risk review
//! entries and mitigations' done ticks; referrals and their evidence (the allegation log);
//! plan reviews' done ticks; custody events, anchors, imports and writers.
//!
//! **Changing the canonical form.** Any change that alters a digest for the same plan — a field
//! moved between arrangements and records, a different serialisation or hash — bumps the version:
//! `plan-fingerprint/2`, a new [`CANONICAL_FORM`], documented here and in the README. Agreements
//! keep the form they were computed with (in [`Fingerprint::form`]), so an agreement made under
//! `/1` is compared under `/1` or reported as needing a new agreement, never silently "changed".
//! Adding a new *arrangement* field to the model changes the digests of plans that fill it in (the
//! arrangement is new: that is intended) and, as empty members are left out, not of plans that
//! leave it empty; it does not bump the form. Renaming or restructuring an existing field changes
//! digests for unchanged arrangements, so it bumps the form, unless the projection maps the new
//! shape back to the old one before hashing.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::{Plan, Section};

/// The name and version of the canonical form the fingerprint is computed over.
pub const CANONICAL_FORM: &str = "plan-fingerprint/1";

/// The record fields left out of each section's projection: a path of object keys separated by
/// `/`, where `*` stands for every element of a list.
pub const RECORDS: &[(Section, &str)] = &[
    (Section::Overview, "version"),
    (Section::Overview, "status"),
    (Section::Overview, "revisions"),
    (Section::Overview, "distribution"),
    (Section::Overview, "sign_offs"),
    (Section::Overview, "issued_copies"),
    (Section::CandidateData, "candidates"),
    (Section::CandidateData, "transfers"),
    (Section::Fraud, "*/observations"),
    (Section::Risks, "*/reviews"),
    (Section::Risks, "*/mitigations/*/done"),
    (Section::Custody, "events"),
    (Section::Custody, "anchors"),
    (Section::Custody, "imports"),
    (Section::Custody, "writers"),
    (Section::Allegations, "referrals"),
    (Section::KeyDates, "reviews/*/done"),
];

/// One section's digest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionDigest {
    /// The section.
    pub section: Section,
    /// SHA-256 of its canonical form, in lower-case hex; none when it holds only records.
    pub digest: Option<String>,
}

/// The fingerprint of a plan's arrangements, with each section's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fingerprint {
    /// The canonical form it was computed over, e.g. `plan-fingerprint/1`.
    pub form: String,
    /// SHA-256 over the section digests, in lower-case hex.
    pub plan: String,
    /// Each section's digest, in the plan's order.
    pub sections: Vec<SectionDigest>,
}

impl Fingerprint {
    /// The fingerprint of `plan` as it is now.
    pub fn of(plan: &Plan) -> Fingerprint {
        // Sections are digested in parallel; the order of the result is the plan's either way.
        let sections: Vec<SectionDigest> = Section::ALL
            .par_iter()
            .map(|&section| SectionDigest {
                section,
                digest: section_digest(plan, section),
            })
            .collect();
        let mut text = format!("{CANONICAL_FORM}\n");
        for s in &sections {
            text.push_str(s.section.key());
            text.push(' ');
            text.push_str(s.digest.as_deref().unwrap_or("-"));
            text.push('\n');
        }
        Fingerprint {
            form: CANONICAL_FORM.to_owned(),
            plan: sha256_hex(&text),
            sections,
        }
    }

    /// The first eight hex digits: enough to tell copies apart by eye.
    pub fn short(&self) -> &str {
        self.plan.get(..8).unwrap_or(&self.plan)
    }

    /// The whole fingerprint in groups of eight hex digits separated by spaces.
    pub fn grouped(&self) -> String {
        grouped(&self.plan)
    }

    /// The digest of `section`, if it is part of the agreement.
    pub fn section(&self, section: Section) -> Option<&str> {
        self.sections
            .iter()
            .find(|s| s.section == section)
            .and_then(|s| s.digest.as_deref())
    }

    /// The sections whose digest differs between `earlier` and this fingerprint, in the plan's
    /// order. Fingerprints of different canonical forms cannot be compared: every section counts
    /// as changed.
    pub fn changed_since(&self, earlier: &Fingerprint) -> Vec<Section> {
        if self.form != earlier.form {
            return Section::ALL.to_vec();
        }
        Section::ALL
            .iter()
            .copied()
            .filter(|&s| self.section(s) != earlier.section(s))
            .collect()
    }
}

/// `hex` in groups of eight characters separated by spaces.
pub fn grouped(hex: &str) -> String {
    hex.as_bytes()
        .chunks(8)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The section's projection in canonical JSON (step 2 of the canonical form), or none when it
/// holds only records.
pub fn canonical_section(plan: &Plan, section: Section) -> Option<String> {
    let mut value = section_value(plan, section);
    for (s, path) in RECORDS {
        if *s == section {
            let segments: Vec<&str> = path.split('/').collect();
            remove(&mut value, &segments);
        }
    }
    let empty = match &value {
        Value::Object(map) => map.is_empty(),
        Value::Null => true,
        _ => false,
    };
    if empty {
        return None;
    }
    let mut out = String::new();
    write_canonical(&value, &mut out);
    Some(out)
}

fn section_digest(plan: &Plan, section: Section) -> Option<String> {
    let json = canonical_section(plan, section)?;
    Some(sha256_hex(&format!(
        "{CANONICAL_FORM}\n{}\n{json}",
        section.key()
    )))
}

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The plan's value for one section, as JSON.
fn section_value(plan: &Plan, section: Section) -> Value {
    let value = match section {
        Section::Overview => serde_json::to_value(&plan.overview),
        Section::People => serde_json::to_value(&plan.people),
        Section::Responsibilities => serde_json::to_value(&plan.responsibilities),
        Section::Communication => serde_json::to_value(&plan.communication),
        Section::Stakeholders => serde_json::to_value(&plan.stakeholder_messages),
        Section::CandidateData => serde_json::to_value(&plan.candidate_data),
        Section::Fraud => serde_json::to_value(&plan.indicators),
        Section::Escalation => serde_json::to_value(&plan.escalation),
        Section::Risks => serde_json::to_value(&plan.risks),
        Section::Hotspots => serde_json::to_value(&plan.hotspots),
        Section::Events => serde_json::to_value(&plan.events),
        Section::Custody => {
            // The log is a record (see RECORDS) and by far the largest part of the plan: it is left
            // out before serialising rather than after. The copy shares the items and events, so it
            // costs pointers; the canonical form is the same, as an empty member is left out anyway.
            let mut custody = plan.custody.clone();
            custody.events = super::Shared::default();
            custody.anchors.clear();
            custody.imports.clear();
            custody.writers.clear();
            serde_json::to_value(&custody)
        }
        Section::Venues => serde_json::to_value(&plan.venues),
        Section::Allegations => serde_json::to_value(&plan.allegations),
        Section::KeyDates => serde_json::to_value(&plan.key_dates),
    };
    // The model's types are plain data with string keys: serialising them cannot fail. Should
    // one ever fail, the error's text stands in, so the digest still changes with the content.
    value.unwrap_or_else(|e| Value::String(format!("unserialisable: {e}")))
}

/// Removes the field at `path` (see [`RECORDS`]); returns how many values were removed.
fn remove(value: &mut Value, path: &[&str]) -> usize {
    match (path, value) {
        ([], _) => 0,
        (["*", rest @ ..], Value::Array(items)) => {
            items.iter_mut().map(|item| remove(item, rest)).sum()
        }
        ([key], Value::Object(map)) => usize::from(map.remove(*key).is_some()),
        ([key, rest @ ..], Value::Object(map)) => {
            map.get_mut(*key).map_or(0, |inner| remove(inner, rest))
        }
        _ => 0,
    }
}

/// Whether an object member with this value is left out of the canonical form: a field added to
/// the model with an empty default then leaves every digest as it was.
fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null | Value::Bool(false) => true,
        Value::String(s) => s.is_empty(),
        Value::Array(items) => items.is_empty(),
        Value::Object(map) => map.is_empty(),
        _ => false,
    }
}

/// Writes `value` as canonical JSON: no whitespace, object keys sorted, empty members left out.
fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map
                .iter()
                .filter(|(_, v)| !is_empty(v))
                .map(|(k, _)| k)
                .collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String((*key).clone()).to_string());
                out.push(':');
                if let Some(v) = map.get(*key) {
                    write_canonical(v, out);
                }
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_json_sorts_keys_at_every_depth_and_has_no_whitespace() {
        let value = serde_json::json!({"b": [{"z": 1, "a": "x y"}], "a": 0, "c": 2.5});
        let mut out = String::new();
        write_canonical(&value, &mut out);
        assert_eq!(out, r#"{"a":0,"b":[{"a":"x y","z":1}],"c":2.5}"#);
    }

    #[test]
    fn empty_members_are_left_out_but_list_elements_are_kept() {
        let value = serde_json::json!({
            "a": null, "b": false, "c": "", "d": [], "e": {}, "f": [null, ""], "g": true
        });
        let mut out = String::new();
        write_canonical(&value, &mut out);
        assert_eq!(out, r#"{"f":[null,""],"g":true}"#);
    }

    #[test]
    fn record_paths_reach_into_every_element_of_a_list() {
        let mut value = serde_json::json!([
            {"name": "a", "observations": [1]},
            {"name": "b", "observations": []}
        ]);
        assert_eq!(remove(&mut value, &["*", "observations"]), 2);
        assert_eq!(value, serde_json::json!([{"name": "a"}, {"name": "b"}]));
    }

    #[test]
    fn the_fingerprint_is_grouped_in_eights_with_a_short_form() {
        let print = Fingerprint::of(&crate::test_support::valid_plan());
        assert_eq!(print.plan.len(), 64);
        assert_eq!(print.short(), &print.plan[..8]);
        let grouped = print.grouped();
        let groups: Vec<&str> = grouped.split(' ').collect();
        assert_eq!(groups.len(), 8);
        assert!(groups.iter().all(|g| g.len() == 8));
        assert_eq!(groups.concat(), print.plan);
    }

    use crate::custody::chain::{append, head};
    use crate::model::{PhoneKind, PlanStatus, Revision};
    use crate::test_support::{at, day, handover, valid_plan};

    #[test]
    fn every_record_path_names_a_field_the_model_has() {
        let plan = valid_plan();
        for (section, path) in RECORDS {
            let mut value = section_value(&plan, *section);
            let segments: Vec<&str> = path.split('/').collect();
            assert!(
                remove(&mut value, &segments) > 0,
                "{path} removes nothing from {}: was the field renamed?",
                section.key()
            );
        }
    }

    #[test]
    fn records_status_version_revisions_and_issued_copies_leave_the_fingerprint_alone() {
        let mut plan = valid_plan();
        let before = Fingerprint::of(&plan);
        let item = plan.custody.items[0].id;
        let log = plan.custody.events[0].log.clone();
        let last = head(&plan.custody, &log);
        let new = handover(
            item,
            at(day(5, 7), 1, 30),
            crate::model::CustodyStage::ReceiptAtCount,
            ("Driver", "Count reception"),
        );
        append(
            &mut plan.custody,
            &log,
            crate::model::CustodyEventId::new(),
            new,
            &last,
        );
        plan.overview.status = PlanStatus::Final;
        plan.overview.version = "2.0".to_owned();
        plan.overview.revisions.push(Revision {
            version: "2.0".to_owned(),
            date: day(5, 1),
            author: "Test".to_owned(),
            summary: "Final".to_owned(),
        });
        plan.issue_copy(crate::model::CopyKind::Redacted, None, day(5, 1));
        plan.indicators[0].observations.clear();
        plan.risks[0].reviews.clear();
        plan.allegations.referrals.clear();
        plan.candidate_data.transfers.clear();
        assert_eq!(Fingerprint::of(&plan), before);
    }

    #[test]
    fn a_material_edit_changes_only_its_sections_digest() {
        let plan = valid_plan();
        let before = Fingerprint::of(&plan);
        let mut phone = plan.clone();
        phone.people[0].phones.push(crate::model::Phone {
            kind: PhoneKind::OutOfHours,
            number: "07700 900999".to_owned(),
        });
        let after = Fingerprint::of(&phone);
        assert_ne!(after.plan, before.plan);
        assert_eq!(after.changed_since(&before), [Section::People]);
        let mut trigger = plan;
        trigger.escalation[0]
            .trigger
            .push_str(" or a threat made in person");
        let after = Fingerprint::of(&trigger);
        assert_eq!(after.changed_since(&before), [Section::Escalation]);
    }

    #[test]
    fn fingerprints_of_another_canonical_form_count_every_section_as_changed() {
        let now = Fingerprint::of(&valid_plan());
        let mut older = now.clone();
        older.form = "plan-fingerprint/0".to_owned();
        assert_eq!(now.changed_since(&older).len(), Section::ALL.len());
        assert!(now.changed_since(&now).is_empty());
    }
}
