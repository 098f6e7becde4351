//! Validation: the questions a police reviewer would ask of a plan, as structured findings.

mod directory;
mod integrity;
mod monitoring;
mod operations;
mod redaction;
mod rules;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

pub use rules::{Rule, Severity};

use crate::model::redact::withheld_texts;
use crate::model::{
    CandidateId, CommunicationLineId, ContestId, CustodyEventId, CustodyItemId, CustodyStage,
    DataTransferId, ElectoralEventId, EscalationLevelId, HotspotId, IndicatorId, MeasureId,
    PersonId, Plan, PlanReviewId, ReferralId, ResponsibilityId, RiskId, Section, SignOffRole,
    StakeholderMessageId, VenueId,
};
use crate::model::{Profile, redact};

/// The entity a finding concerns, so the editor can take the user to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum EntityRef {
    Contest(ContestId),
    /// A transfer in the candidate data transfer log.
    DataTransfer(DataTransferId),
    SignOff(SignOffRole),
    Person(PersonId),
    Responsibility(ResponsibilityId),
    CommunicationLine(CommunicationLineId),
    StakeholderMessage(StakeholderMessageId),
    Candidate(CandidateId),
    Indicator(IndicatorId),
    EscalationLevel(EscalationLevelId),
    Risk(RiskId),
    Hotspot(HotspotId),
    ElectoralEvent(ElectoralEventId),
    CustodyStage(CustodyStage),
    CustodyItem(CustodyItemId),
    CustodyEvent(CustodyEventId),
    Venue(VenueId),
    Measure(MeasureId),
    Referral(ReferralId),
    PlanReview(PlanReviewId),
}

/// One thing a reviewer would query.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// How serious it is.
    pub severity: Severity,
    /// Which rule found it.
    #[serde(serialize_with = "serialize_code")]
    pub code: Rule,
    /// Where in the plan.
    pub section: Section,
    /// What is wrong, naming the entity.
    pub message: String,
    /// The entity concerned, if one is.
    pub entity: Option<EntityRef>,
}

fn serialize_code<S: serde::Serializer>(rule: &Rule, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(rule.code())
}

impl Finding {
    /// A finding of `rule` in the rule's own section.
    pub fn new(rule: Rule, message: impl Into<String>, entity: Option<EntityRef>) -> Finding {
        Finding {
            severity: rule.severity(),
            code: rule,
            section: rule.section(),
            message: message.into(),
            entity,
        }
    }

    /// The same finding reported in another section (for rules that span sections).
    pub fn in_section(mut self, section: Section) -> Finding {
        self.section = section;
        self
    }
}

/// Custody log heads kept outside the plan (a signed PDF, a backup, the police's copy), which the
/// logs must still reach.
#[derive(Clone, Debug, Default)]
pub struct Reference {
    /// Where the heads came from, for messages.
    pub name: String,
    /// The heads.
    pub heads: Vec<crate::custody::anchors::Head>,
}

/// What validation needs besides the plan: the moment to judge "overdue" and "not yet received"
/// against, and any outside copy of the custody log heads to check against.
#[derive(Clone, Debug)]
pub struct Context {
    /// The date.
    pub today: NaiveDate,
    /// The time of day on `today`.
    pub now: NaiveDateTime,
    /// Heads taken from a copy kept outside the plan.
    pub reference: Option<Reference>,
}

impl Context {
    /// Validation as at the start of `date`.
    pub fn on(date: NaiveDate) -> Context {
        Context::at(date.and_time(chrono::NaiveTime::MIN))
    }

    /// Validation as at a moment.
    pub fn at(now: NaiveDateTime) -> Context {
        Context {
            today: now.date(),
            now,
            reference: None,
        }
    }

    /// The same context, also checking the custody logs against heads kept outside the plan.
    pub fn against(mut self, reference: Reference) -> Context {
        self.reference = Some(reference);
        self
    }
}

/// Collects findings as the rules run.
#[derive(Default)]
pub(crate) struct Findings(Vec<Finding>);

impl Findings {
    pub(crate) fn push(
        &mut self,
        rule: Rule,
        message: impl Into<String>,
        entity: Option<EntityRef>,
    ) {
        self.0.push(Finding::new(rule, message, entity));
    }

    /// A finding of a rule that is an error once the plan is agreed, reported as a warning.
    pub(crate) fn push_warning(
        &mut self,
        rule: Rule,
        message: impl Into<String>,
        entity: Option<EntityRef>,
    ) {
        let mut finding = Finding::new(rule, message, entity);
        finding.severity = Severity::Warning;
        self.0.push(finding);
    }

    pub(crate) fn push_in(
        &mut self,
        section: Section,
        rule: Rule,
        message: impl Into<String>,
        entity: Option<EntityRef>,
    ) {
        self.0
            .push(Finding::new(rule, message, entity).in_section(section));
    }
}

/// Runs every rule over the plan. Findings come in section order, errors before warnings within a
/// section, then in the order the rules found them.
pub fn validate(plan: &Plan, context: &Context) -> Vec<Finding> {
    // Groups of rules in parallel: the custody checks (which verify every hash chain) with the
    // rest of operations, the redaction check (which searches every text), and everything else. The findings are then in the same order
    // as one thread gives: each group's in turn, then a stable sort.
    let (mut findings, (operations, redaction)) = rayon::join(
        || {
            let mut f = Findings::default();
            integrity::check(plan, &mut f);
            directory::check(plan, context, &mut f);
            monitoring::check(plan, context, &mut f);
            f
        },
        || {
            rayon::join(
                || {
                    let mut f = Findings::default();
                    operations::check(plan, context, &mut f);
                    f
                },
                || {
                    let mut f = Findings::default();
                    redaction::check(plan, &mut f);
                    f
                },
            )
        },
    );
    findings.0.extend(operations.0);
    findings.0.extend(redaction.0);
    let mut findings = findings.0;
    findings.sort_by_key(|f| (f.section, f.severity));
    findings
}

/// The findings one copy of the plan may print (Annex A).
#[derive(Clone, Debug, PartialEq)]
pub struct CopyFindings {
    /// The findings the copy prints.
    pub shown: Vec<Finding>,
    /// How many findings are left out because they concern what the copy withholds.
    pub withheld: usize,
}

/// The findings the copy for `profile` may print. The checks run on the whole plan (a redacted
/// plan would find gaps where its placeholders stand); the redacted copy then leaves out every
/// finding about an entry it withholds or quoting a text it withholds (see `model::redact`).
pub fn validate_copy(plan: &Plan, profile: Profile, context: &Context) -> CopyFindings {
    let all = validate(plan, context);
    if profile == Profile::Full {
        return CopyFindings {
            shown: all,
            withheld: 0,
        };
    }
    let redacted = redact(plan, profile);
    let removed: Vec<String> = redacted
        .withheld
        .removed()
        .iter()
        .map(|id| id.to_string())
        .collect();
    let texts = withheld_texts(plan);
    let (shown, withheld): (Vec<Finding>, Vec<Finding>) = all.into_iter().partition(|f| {
        let about = f
            .entity
            .map(|e| serde_json::to_string(&e).unwrap_or_default())
            .unwrap_or_default();
        !removed.iter().any(|id| about.contains(id.as_str()))
            && !texts.iter().any(|t| f.message.contains(t.text.as_str()))
    });
    CopyFindings {
        shown,
        withheld: withheld.len(),
    }
}

/// Counts of errors and warnings.
pub fn tally(findings: &[Finding]) -> (usize, usize) {
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    (errors, findings.len() - errors)
}

/// A name for an entity in messages: its text, or a marker when the text is blank.
pub(crate) fn named(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        "(untitled)".to_owned()
    } else {
        format!("\u{201c}{text}\u{201d}")
    }
}

#[cfg(test)]
mod tests;
