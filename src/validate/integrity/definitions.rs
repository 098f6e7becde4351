//! Where each entity of a plan is defined, with how to name it in a message.

use uuid::Uuid;

use crate::model::{Plan, Section};
use crate::validate::{EntityRef, named};

/// How to name an entity in a message, worked out only when a message needs it (a large plan
/// defines tens of thousands of entities, and almost never two with one id).
pub(super) enum Name<'a> {
    /// A kind of thing and its title, e.g. risk “Personation at polling stations”.
    Titled(&'static str, &'a str),
    /// A custody event by its log and position.
    Event(&'a str, u64),
    /// A referral by its date.
    Referral(chrono::NaiveDate),
    /// A candidate data transfer by its date.
    Transfer(chrono::NaiveDate),
}

impl Name<'_> {
    pub(super) fn describe(&self) -> String {
        match self {
            Name::Titled(kind, title) => format!("{kind} {}", named(title)),
            Name::Event(log, seq) => format!("custody event {log} #{seq}"),
            Name::Referral(date) => format!("referral of {date}"),
            Name::Transfer(date) => format!("candidate data transfer of {date}"),
        }
    }
}

/// Where an entity is defined.
pub(super) struct Definition<'a> {
    pub id: Uuid,
    pub kind: &'static str,
    pub section: Section,
    pub entity: Option<EntityRef>,
    pub name: Name<'a>,
}

/// Every definition of an entity, with where it is and how to name it.
pub(super) fn definitions<'a>(plan: &'a Plan) -> Vec<Definition<'a>> {
    let mut defs = Vec::new();
    let mut add = |id: Uuid, kind, section, entity, name: Name<'a>| {
        defs.push(Definition {
            id,
            kind,
            section,
            entity,
            name,
        });
    };
    for c in &plan.overview.contests {
        add(
            c.id.0,
            "contest",
            Section::Overview,
            Some(EntityRef::Contest(c.id)),
            Name::Titled("contest", &c.name),
        );
    }
    for c in &plan.overview.issued_copies {
        add(
            c.id.0,
            "recorded copy",
            Section::Overview,
            None,
            Name::Titled("issued copy of version", &c.version),
        );
    }
    for p in &plan.people {
        add(
            p.id.0,
            "person",
            Section::People,
            Some(EntityRef::Person(p.id)),
            Name::Titled("person", &p.name),
        );
    }
    for r in &plan.responsibilities {
        add(
            r.id.0,
            "task",
            Section::Responsibilities,
            Some(EntityRef::Responsibility(r.id)),
            Name::Titled("task", &r.task),
        );
    }
    for l in &plan.communication {
        add(
            l.id.0,
            "line",
            Section::Communication,
            Some(EntityRef::CommunicationLine(l.id)),
            Name::Titled("line", &l.subject),
        );
    }
    for m in &plan.stakeholder_messages {
        add(
            m.id.0,
            "message",
            Section::Stakeholders,
            Some(EntityRef::StakeholderMessage(m.id)),
            Name::Titled("message", &m.message),
        );
    }
    for c in &plan.candidate_data.candidates {
        add(
            c.id.0,
            "candidate",
            Section::CandidateData,
            Some(EntityRef::Candidate(c.id)),
            Name::Titled("candidate", &c.name),
        );
    }
    for t in &plan.candidate_data.transfers {
        add(
            t.id.0,
            "transfer",
            Section::CandidateData,
            Some(EntityRef::DataTransfer(t.id)),
            Name::Transfer(t.date),
        );
    }
    for i in &plan.indicators {
        add(
            i.id.0,
            "indicator",
            Section::Fraud,
            Some(EntityRef::Indicator(i.id)),
            Name::Titled("indicator", &i.name),
        );
        for o in &i.observations {
            add(
                o.id.0,
                "observation",
                Section::Fraud,
                Some(EntityRef::Indicator(i.id)),
                Name::Titled("an observation of", &i.name),
            );
        }
    }
    for l in &plan.escalation {
        add(
            l.id.0,
            "escalation level",
            Section::Escalation,
            Some(EntityRef::EscalationLevel(l.id)),
            Name::Titled("level", &l.name),
        );
    }
    for r in &plan.risks {
        add(
            r.id.0,
            "risk",
            Section::Risks,
            Some(EntityRef::Risk(r.id)),
            Name::Titled("risk", &r.title),
        );
        for m in &r.mitigations {
            add(
                m.id.0,
                "mitigation",
                Section::Risks,
                Some(EntityRef::Risk(r.id)),
                Name::Titled("mitigation", &m.action),
            );
        }
    }
    for h in &plan.hotspots {
        add(
            h.id.0,
            "hotspot",
            Section::Hotspots,
            Some(EntityRef::Hotspot(h.id)),
            Name::Titled("hotspot", &h.name),
        );
    }
    for e in &plan.events {
        add(
            e.id.0,
            "event",
            Section::Events,
            Some(EntityRef::ElectoralEvent(e.id)),
            Name::Titled("event", &e.name),
        );
    }
    for i in &plan.custody.items {
        add(
            i.id.0,
            "custody item",
            Section::Custody,
            Some(EntityRef::CustodyItem(i.id)),
            Name::Titled("custody item", &i.label),
        );
    }
    for e in &plan.custody.events {
        add(
            e.id.0,
            "custody event",
            Section::Custody,
            Some(EntityRef::CustodyEvent(e.id)),
            Name::Event(&e.log, e.seq),
        );
    }
    for m in &plan.venues.checklist {
        add(
            m.id.0,
            "checklist measure",
            Section::Venues,
            Some(EntityRef::Measure(m.id)),
            Name::Titled("measure", &m.title),
        );
    }
    for v in &plan.venues.venues {
        add(
            v.id.0,
            "venue",
            Section::Venues,
            Some(EntityRef::Venue(v.id)),
            Name::Titled("venue", &v.name),
        );
    }
    for r in &plan.allegations.referrals {
        add(
            r.id.0,
            "referral",
            Section::Allegations,
            Some(EntityRef::Referral(r.id)),
            Name::Referral(r.date),
        );
    }
    for r in &plan.key_dates.reviews {
        add(
            r.id.0,
            "review",
            Section::KeyDates,
            Some(EntityRef::PlanReview(r.id)),
            Name::Titled("review", &r.purpose),
        );
    }
    defs
}
