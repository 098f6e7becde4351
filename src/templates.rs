//! Starting plans per election type, compiled into the binary from `templates/`.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use thiserror::Error;
use uuid::Uuid;

use crate::model::{ElectionType, Plan, Revision};
use crate::storage::{self, LoadError, SaveError};

/// A starting plan for one kind of election.
#[derive(Clone, Copy, Debug)]
pub struct Template {
    /// The name used on the command line, e.g. `uk-parliamentary`.
    pub name: &'static str,
    /// The election it is for.
    pub election_type: ElectionType,
    /// One line on what it holds.
    pub description: &'static str,
    source: &'static str,
}

/// Every template shipped with the program.
pub const TEMPLATES: &[Template] = &[
    Template {
        name: "uk-parliamentary",
        election_type: ElectionType::UkParliamentary,
        description: "UK Parliamentary general election: constituency count, dissolution-led timetable",
        source: include_str!("../templates/uk-parliamentary.plan.ron"),
    },
    Template {
        name: "english-local",
        election_type: ElectionType::EnglishLocal,
        description: "English local elections: ward contests, combined district and parish polls",
        source: include_str!("../templates/english-local.plan.ron"),
    },
];

/// The template with this name.
pub fn find(name: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.name == name)
}

/// The names of every template, for messages.
pub fn names() -> Vec<&'static str> {
    TEMPLATES.iter().map(|t| t.name).collect()
}

/// Why a template could not be turned into a plan (a defect in the shipped template, caught by tests).
#[derive(Debug, Error)]
pub enum TemplateError {
    /// The template text does not load.
    #[error("the built-in template {name} is damaged: {source}")]
    Damaged {
        /// The template.
        name: &'static str,
        /// Why it does not load.
        #[source]
        source: LoadError,
    },
    /// The plan could not be written out to renumber its ids.
    #[error(transparent)]
    Save(#[from] SaveError),
}

impl Template {
    /// The template as shipped, with its own ids and dates.
    pub fn plan(&self) -> Result<Plan, TemplateError> {
        storage::parse(self.source, Path::new(self.name)).map_err(|source| TemplateError::Damaged {
            name: self.name,
            source,
        })
    }

    /// A new plan from this template for a poll on `poll_date`: every entity gets a fresh id, every date
    /// moves with the poll date, and the revision history starts today.
    pub fn instantiate(
        &self,
        poll_date: NaiveDate,
        today: NaiveDate,
    ) -> Result<Plan, TemplateError> {
        let mut plan = self.plan()?;
        plan.shift_dates((poll_date - plan.overview.poll_date).num_days());
        plan = fresh_ids(&plan).map_err(|e| match e {
            TemplateError::Damaged { source, .. } => TemplateError::Damaged {
                name: self.name,
                source,
            },
            other => other,
        })?;
        // Reviews placed against milestones follow the timetable; if the poll is beyond the years whose
        // bank holidays are known, they keep the dates moved with the poll (check then says so).
        let _ = crate::timetable::place_anchored_reviews(&mut plan);
        plan.overview.revisions = vec![Revision {
            version: plan.overview.version.clone(),
            date: today,
            author: String::new(),
            summary: format!("Created from the {} template", self.name),
        }];
        Ok(plan)
    }
}

/// The same plan with every UUID replaced by a fresh one, consistently, so references still resolve.
///
/// This works on the file text: every id is a quoted UUID, and a UUID names exactly one entity.
pub fn fresh_ids(plan: &Plan) -> Result<Plan, TemplateError> {
    let text = storage::to_ron(plan)?;
    let mut map: HashMap<&str, String> = HashMap::new();
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(start) = rest.find('"') {
        out.push_str(&rest[..=start]);
        rest = &rest[start + 1..];
        let candidate = rest
            .get(..37)
            .filter(|c| c.ends_with('"'))
            .map(|c| &c[..36]);
        match candidate.filter(|c| Uuid::parse_str(c).is_ok()) {
            Some(old) => {
                let new = map.entry(old).or_insert_with(|| Uuid::new_v4().to_string());
                out.push_str(new);
                out.push('"');
                rest = &rest[37..];
            }
            None => {
                // Copy the rest of this string literal, honouring escapes, so text is never altered.
                let mut escaped = false;
                let mut end = rest.len();
                for (i, c) in rest.char_indices() {
                    match (escaped, c) {
                        (true, _) => escaped = false,
                        (false, '\\') => escaped = true,
                        (false, '"') => {
                            end = i;
                            break;
                        }
                        _ => {}
                    }
                }
                let close = (end + 1).min(rest.len());
                out.push_str(&rest[..close]);
                rest = &rest[close..];
            }
        }
    }
    out.push_str(rest);
    storage::parse(&out, Path::new("(renumbered plan)")).map_err(|source| TemplateError::Damaged {
        name: "(renumbered)",
        source,
    })
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::model::{CustodyStage, IndicatorKind};
    use crate::validate::{Context, Rule, validate};

    fn ids_in(plan: &Plan) -> HashSet<String> {
        let text = storage::to_ron(plan).unwrap();
        text.split('"')
            .filter(|s| s.len() == 36 && Uuid::parse_str(s).is_ok())
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn every_template_round_trips() {
        for t in TEMPLATES {
            let plan = t.plan().unwrap();
            assert_eq!(plan.overview.election_type, t.election_type, "{}", t.name);
            let again =
                storage::parse(&storage::to_ron(&plan).unwrap(), Path::new(t.name)).unwrap();
            assert_eq!(again, plan, "{}", t.name);
        }
    }

    #[test]
    fn templates_are_real_starting_plans() {
        for t in TEMPLATES {
            let plan = t.plan().unwrap();
            let name = t.name;
            assert!(plan.people.len() >= 12, "{name}: standard roles");
            assert!(
                plan.responsibilities.len() >= 15,
                "{name}: responsibilities"
            );
            assert!(
                plan.communication.len() >= 5,
                "{name}: lines of communication"
            );
            assert!(plan.escalation.len() >= 3, "{name}: escalation ladder");
            assert!(plan.indicators.len() >= 12, "{name}: indicators");
            for statutory in [
                IndicatorKind::PostalVotesHandedInByOnePerson,
                IndicatorKind::ProxiesHeldByOnePerson,
            ] {
                assert!(
                    plan.indicators.iter().any(|i| i.kind == statutory),
                    "{name}: {statutory:?}"
                );
            }
            let stages: Vec<CustodyStage> = plan.custody.stages.iter().map(|s| s.stage).collect();
            assert_eq!(stages, CustodyStage::ALL, "{name}: custody stages in order");
            assert!(plan.venues.checklist.len() >= 20, "{name}: venue checklist");
            assert!(plan.risks.len() >= 15, "{name}: risks");
            assert!(
                plan.risks.iter().all(|r| !r.mitigations.is_empty()),
                "{name}: every risk mitigated"
            );
            // Cadences tighten towards the poll: some line is hourly on polling day.
            assert!(
                plan.communication
                    .iter()
                    .any(|l| l.cadence_at(0) == Some(crate::model::Cadence::Hourly))
            );
            let today = plan.overview.poll_date - chrono::Duration::days(120);
            let findings = validate(&plan, &Context::on(today));
            for rule in [
                Rule::DuplicateId,
                Rule::DanglingReference,
                Rule::CadenceLoosens,
                Rule::WarningBeyondAction,
                Rule::ReviewOffTimetable,
                Rule::ResidualAboveInherent,
                Rule::StageMissing,
                Rule::StageUnassigned,
                Rule::ResponsibilityNoLead,
                Rule::OpeningNoticeShort,
                Rule::ReviewOffTimetable,
                Rule::NoActionLevel,
                Rule::NoActionText,
            ] {
                assert!(
                    !findings.iter().any(|f| f.code == rule),
                    "{name}: {} {findings:#?}",
                    rule.code()
                );
            }
        }
    }

    #[test]
    fn instantiating_gives_fresh_ids_and_moves_dates_with_the_poll() {
        let t = find("english-local").unwrap();
        let original = t.plan().unwrap();
        let poll = NaiveDate::from_ymd_opt(2031, 5, 1).unwrap();
        let today = NaiveDate::from_ymd_opt(2031, 1, 5).unwrap();
        let plan = t.instantiate(poll, today).unwrap();
        assert_eq!(plan.overview.poll_date, poll);
        let shift = poll - original.overview.poll_date;
        assert_eq!(plan.events[0].date, original.events[0].date + shift);
        assert_eq!(
            plan.risks[0].next_review,
            original.risks[0].next_review.map(|d| d + shift)
        );
        assert_eq!(plan.overview.revisions.len(), 1);
        assert_eq!(plan.overview.revisions[0].date, today);
        // Every id is new, and no reference dangles.
        let old = ids_in(&original);
        let new = ids_in(&plan);
        assert_eq!(old.len(), new.len());
        assert!(old.is_disjoint(&new));
        let findings = validate(&plan, &Context::on(today));
        assert!(!findings.iter().any(|f| matches!(
            f.code,
            Rule::DanglingReference | Rule::DuplicateId | Rule::ReviewOffTimetable
        )));
        // References keep pointing at the same roles.
        let ro = plan
            .person(plan.overview.returning_officer.unwrap())
            .unwrap();
        assert_eq!(ro.role, crate::model::Role::ReturningOfficer);
        // Two plans from one template share no ids.
        assert!(ids_in(&t.instantiate(poll, today).unwrap()).is_disjoint(&new));
    }

    #[test]
    fn renumbering_never_touches_text() {
        let mut plan = find("uk-parliamentary").unwrap().plan().unwrap();
        let tricky =
            "Quote \" and backslash \\ and an id-like 0b6f1c2e-8a4d-4f0e-9c55-2d7f6a1b3e90 in text";
        plan.overview.authority = tricky.to_owned();
        plan.people[0].name = "\"\\".to_owned();
        let renumbered = fresh_ids(&plan).unwrap();
        assert_eq!(renumbered.overview.authority, tricky);
        assert_eq!(renumbered.people[0].name, "\"\\");
        assert_ne!(renumbered.people[0].id, plan.people[0].id);
    }
}
