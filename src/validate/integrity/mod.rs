//! Plan-wide integrity: every id unique, every reference resolving, every date within bounds.

mod definitions;
mod references;

use rustc_hash::FxHashMap as HashMap;

use uuid::Uuid;

use super::{Findings, Rule};
use crate::model::{Plan, Section};
use definitions::{Definition, Name, definitions};
use references::dangling_references;

pub(super) fn check(plan: &Plan, findings: &mut Findings) {
    let definitions = definitions(plan);
    duplicate_ids(&definitions, findings);
    dangling_references(plan, &definitions, findings);
    dates_in_range(plan, findings);
}

/// The section a field of the plan file belongs to, from the first step of its path.
fn section_of_field(path: &str) -> Section {
    match path.split(['.', '[']).next().unwrap_or("") {
        "people" => Section::People,
        "responsibilities" => Section::Responsibilities,
        "communication" => Section::Communication,
        "stakeholder_messages" => Section::Stakeholders,
        "candidate_data" => Section::CandidateData,
        "indicators" => Section::Fraud,
        "escalation" => Section::Escalation,
        "risks" => Section::Risks,
        "hotspots" => Section::Hotspots,
        "events" => Section::Events,
        "custody" => Section::Custody,
        "venues" => Section::Venues,
        "allegations" => Section::Allegations,
        "key_dates" => Section::KeyDates,
        _ => Section::Overview,
    }
}

/// Dates outside the years a plan can concern (a typing slip such as +20227), named by their field.
fn dates_in_range(plan: &Plan, findings: &mut Findings) {
    use crate::model::limits::{self, BreachKind};
    for breach in limits::check(plan) {
        if let BreachKind::DateOutOfRange { .. } = breach.kind {
            findings.push_in(
                section_of_field(&breach.field),
                Rule::DateOutOfRange,
                format!("The date in {breach}"),
                None,
            );
        }
    }
}

/// Ids defined more than once, each named with the first entity that has it.
fn duplicate_ids(definitions: &[Definition<'_>], findings: &mut Findings) {
    let mut first_seen: HashMap<Uuid, &Name<'_>> =
        HashMap::with_capacity_and_hasher(definitions.len(), Default::default());
    for d in definitions {
        if let Some(first) = first_seen.get(&d.id) {
            findings.push_in(
                d.section,
                Rule::DuplicateId,
                format!(
                    "{} has the same id as {} ({}); give one of them a new id",
                    d.name.describe(),
                    first.describe(),
                    d.id
                ),
                d.entity,
            );
        } else {
            first_seen.insert(d.id, &d.name);
        }
    }
}
