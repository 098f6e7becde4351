//! What every listed entity of the plan has in common: an id, a title, the section and list it
//! lives in, how it is handled in redacted copies, and what its list allows. The editor's one
//! list-and-form screen is built on this trait; so is "used in 7 places" before a removal.

use uuid::Uuid;

use super::labelled::labelled_enum;

use super::{Candidate, CommunicationLine};
use super::{
    Contest, CustodyEvent, CustodyItem, DataTransfer, ElectoralEvent, EscalationLevel,
    FraudIndicator, Hotspot, IssuedCopy, Person, Plan, PlanReview, Referral, Responsibility, Risk,
    Section, SecurityMeasure, StakeholderMessage, Venue,
};

/// What a list allows its entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capabilities {
    /// Entries can be added from the editor.
    pub add: bool,
    /// An entry's fields can be changed after it is added.
    pub edit: bool,
    /// An entry can be removed (when nothing else refers to it).
    pub remove: bool,
    /// Entries can be moved up and down (the stored order is the plan's order).
    pub reorder: bool,
}

impl Capabilities {
    /// An ordered list the plan's author arranges: add, edit, remove, reorder.
    pub const ORDERED: Capabilities = Capabilities {
        add: true,
        edit: true,
        remove: true,
        reorder: true,
    };
    /// A log the author keeps: entries are added and completed, never removed or reordered (the
    /// candidate data transfer log).
    pub const LOG: Capabilities = Capabilities {
        add: true,
        edit: true,
        remove: false,
        reorder: false,
    };
    /// A record: entries are appended and fixed once recorded, never removed or reordered
    /// (sign-offs, revision history, referral evidence).
    pub const APPEND_ONLY: Capabilities = Capabilities {
        add: true,
        edit: false,
        remove: false,
        reorder: false,
    };
    /// Evidence recorded through its own procedure (custody events, recorded at a desk and
    /// chained): never added, edited, removed or reordered from a list.
    pub const RECORDED: Capabilities = Capabilities {
        add: false,
        ..Capabilities::APPEND_ONLY
    };
}

labelled_enum! {
    /// Which copies of the plan show an entity: its handling mark. Every entity that can be
    /// withheld stores one in a `handling` field whose default, when a file does not give it, is
    /// the type's [`Entity::DEFAULT_HANDLING`] (see [`default_handling`]). What "withheld" means
    /// for each kind of entity is decided in one place, `model::redact`. `Default` is `Both`, for
    /// types that derive `Default`; serde and the editor use the type's own default.
    #[derive(Default)]
    pub enum Handling {
        /// The full copy and the redacted copy.
        #[default]
        Both => "Both copies", "both",
        /// The full copy only (personal data, operational security detail).
        FullCopyOnly => "Full copy only", "full-copy-only",
    }
}

impl Handling {
    /// Full copy only: the default of marks whose type is not an [`Entity`].
    pub fn full_copy_only() -> Handling {
        Handling::FullCopyOnly
    }

    /// Whether the redacted copy withholds what carries this mark.
    pub fn withheld(self) -> bool {
        self == Handling::FullCopyOnly
    }
}

/// The handling mark a file gives `E` when it says none (serde's default for `handling` fields).
pub fn default_handling<E: Entity>() -> Handling {
    E::DEFAULT_HANDLING
}

/// An entity that lives in one of the plan's lists.
pub trait Entity: Clone + 'static {
    /// The section the list belongs to.
    const SECTION: Section;
    /// One entry, in lower case ("person").
    const NOUN: &'static str;
    /// Several, in lower case ("people").
    const PLURAL: &'static str;
    /// What the list allows.
    const CAPS: Capabilities;
    /// The entity's id.
    fn uuid(&self) -> Uuid;
    /// How the entity is named in lists, pickers and messages.
    fn title(&self) -> String;
    /// The list it lives in.
    fn list(plan: &Plan) -> &Vec<Self>;
    /// The list it lives in, to change.
    fn list_mut(plan: &mut Plan) -> &mut Vec<Self>;
    /// The handling mark a new entry, or one read from a file that gives none, carries.
    const DEFAULT_HANDLING: Handling = Handling::Both;
    /// Which copies show it (its handling mark, where the type has one).
    fn handling(&self) -> Handling {
        Self::DEFAULT_HANDLING
    }
    /// The entry with `id`, to change.
    fn find_mut(plan: &mut Plan, id: Uuid) -> Option<&mut Self> {
        Self::list_mut(plan).iter_mut().find(|x| x.uuid() == id)
    }
    /// The entry with `id`.
    fn find(plan: &Plan, id: Uuid) -> Option<&Self> {
        Self::list(plan).iter().find(|x| x.uuid() == id)
    }
}

macro_rules! entity {
    ($t:ty, $section:ident, $noun:literal, $plural:literal, $caps:ident,
     |$p:ident| $list:expr, |$e:ident| $title:expr) => {
        impl Entity for $t {
            const SECTION: Section = Section::$section;
            const NOUN: &'static str = $noun;
            const PLURAL: &'static str = $plural;
            const CAPS: Capabilities = Capabilities::$caps;
            fn uuid(&self) -> Uuid {
                self.id.0
            }
            fn title(&self) -> String {
                let $e = self;
                $title
            }
            fn list($p: &Plan) -> &Vec<Self> {
                &$list
            }
            fn list_mut($p: &mut Plan) -> &mut Vec<Self> {
                &mut $list
            }
        }
    };
    // A type with a `handling` field, and the mark it defaults to.
    ($t:ty, $section:ident, $noun:literal, $plural:literal, $caps:ident,
     |$p:ident| $list:expr, |$e:ident| $title:expr, handling = $default:ident) => {
        impl Entity for $t {
            const SECTION: Section = Section::$section;
            const NOUN: &'static str = $noun;
            const PLURAL: &'static str = $plural;
            const CAPS: Capabilities = Capabilities::$caps;
            const DEFAULT_HANDLING: Handling = Handling::$default;
            fn uuid(&self) -> Uuid {
                self.id.0
            }
            fn title(&self) -> String {
                let $e = self;
                $title
            }
            fn list($p: &Plan) -> &Vec<Self> {
                &$list
            }
            fn list_mut($p: &mut Plan) -> &mut Vec<Self> {
                &mut $list
            }
            fn handling(&self) -> Handling {
                self.handling
            }
        }
    };
}

/// A name for a list entry, or a placeholder where it has none yet.
fn named(text: &str, none: &str) -> String {
    let text = text.lines().next().unwrap_or("").trim();
    if text.is_empty() {
        none.to_owned()
    } else {
        text.to_owned()
    }
}

entity!(
    Contest,
    Overview,
    "contest",
    "contests",
    ORDERED,
    |p| p.overview.contests,
    |e| named(&e.name, "(unnamed contest)")
);
entity!(
    Responsibility,
    Responsibilities,
    "task",
    "tasks",
    ORDERED,
    |p| p.responsibilities,
    |e| named(&e.task, "(no task)"),
    handling = Both
);
entity!(
    CommunicationLine,
    Communication,
    "line",
    "lines",
    ORDERED,
    |p| p.communication,
    |e| named(&e.subject, "(no subject)"),
    handling = Both
);
entity!(
    StakeholderMessage,
    Stakeholders,
    "message",
    "messages",
    ORDERED,
    |p| p.stakeholder_messages,
    |e| named(&e.message, e.audience.label()),
    handling = Both
);
entity!(
    Candidate,
    CandidateData,
    "candidate",
    "candidates",
    ORDERED,
    |p| p.candidate_data.candidates,
    |e| named(&e.name, "(no name)")
);
entity!(
    DataTransfer,
    CandidateData,
    "transfer",
    "transfers",
    LOG,
    |p| p.candidate_data.transfers,
    |e| format!("Transfer of {}", e.date)
);
entity!(
    FraudIndicator,
    Fraud,
    "indicator",
    "indicators",
    ORDERED,
    |p| p.indicators,
    |e| named(&e.name, "(unnamed indicator)"),
    handling = Both
);
entity!(
    EscalationLevel,
    Escalation,
    "level",
    "levels",
    ORDERED,
    |p| p.escalation,
    |e| named(&e.name, "(unnamed level)"),
    handling = Both
);
entity!(
    Risk,
    Risks,
    "risk",
    "risks",
    ORDERED,
    |p| p.risks,
    |e| named(&e.title, "(untitled risk)"),
    handling = Both
);
entity!(
    Hotspot,
    Hotspots,
    "hotspot",
    "hotspots",
    ORDERED,
    |p| p.hotspots,
    |e| named(&e.name, "(unnamed hotspot)"),
    handling = FullCopyOnly
);
entity!(
    ElectoralEvent,
    Events,
    "event",
    "events",
    ORDERED,
    |p| p.events,
    |e| named(&e.name, "(unnamed event)"),
    handling = Both
);
entity!(
    CustodyItem,
    Custody,
    "item",
    "items",
    ORDERED,
    |p| p.custody.items,
    |e| named(&e.label, "(no label)")
);
entity!(
    CustodyEvent,
    Custody,
    "custody event",
    "custody events",
    RECORDED,
    |p| p.custody.events,
    |e| format!("{} #{}: {}", e.log, e.seq, e.stage.label())
);
entity!(
    Venue,
    Venues,
    "venue",
    "venues",
    ORDERED,
    |p| p.venues.venues,
    |e| format!(
        "{} ({})",
        named(&e.name, "(unnamed venue)"),
        e.kind.label().to_lowercase()
    ),
    handling = Both
);
entity!(
    SecurityMeasure,
    Venues,
    "measure",
    "measures",
    ORDERED,
    |p| p.venues.checklist,
    |e| named(&e.title, "(untitled measure)")
);
entity!(
    Referral,
    Allegations,
    "referral",
    "referrals",
    ORDERED,
    |p| p.allegations.referrals,
    |e| named(&e.summary, "(no summary)"),
    handling = FullCopyOnly
);
entity!(
    IssuedCopy,
    Overview,
    "issued copy",
    "issued copies",
    APPEND_ONLY,
    |p| p.overview.issued_copies,
    |e| e.describe()
);
entity!(
    PlanReview,
    KeyDates,
    "review",
    "reviews",
    ORDERED,
    |p| p.key_dates.reviews,
    |e| named(&e.purpose, "(no purpose)")
);

impl Entity for Person {
    const SECTION: Section = Section::People;
    const NOUN: &'static str = "person";
    const PLURAL: &'static str = "people";
    const CAPS: Capabilities = Capabilities::ORDERED;
    fn uuid(&self) -> Uuid {
        self.id.0
    }
    fn title(&self) -> String {
        named(&self.name, "(no name)")
    }
    fn list(plan: &Plan) -> &Vec<Self> {
        &plan.people
    }
    fn list_mut(plan: &mut Plan) -> &mut Vec<Self> {
        &mut plan.people
    }
    const DEFAULT_HANDLING: Handling = Handling::FullCopyOnly;
    fn handling(&self) -> Handling {
        self.handling
    }
}

// Evidence is never removed or reordered, and a recorded custody event is never edited.
const _: () = assert!(!CustodyEvent::CAPS.remove && !CustodyEvent::CAPS.reorder);
const _: () = assert!(!CustodyEvent::CAPS.edit && !CustodyEvent::CAPS.add);
const _: () = assert!(!DataTransfer::CAPS.remove && !DataTransfer::CAPS.reorder);

/// Where an entity is referred to from: a section and how many times.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Uses {
    /// Per section, in section order, the number of references.
    pub by_section: Vec<(Section, usize)>,
}

impl Uses {
    /// All references.
    pub fn total(&self) -> usize {
        self.by_section.iter().map(|(_, n)| n).sum()
    }

    /// "used in 7 places (2. People and roles: 1, 9. Risk register: 6)".
    pub fn describe(&self) -> String {
        let parts: Vec<String> = self
            .by_section
            .iter()
            .map(|(s, n)| format!("{}. {}: {n}", s.number(), s.label()))
            .collect();
        let total = self.total();
        let places = if total == 1 { "place" } else { "places" };
        format!("used in {total} {places} ({})", parts.join(", "))
    }
}

/// Counts how often `id` is referred to from anywhere in the plan other than `own` (the entity's
/// own record). Generic over every list: ids are written as their UUID text, so the serialised plan
/// names every reference. Runs only when a removal is asked for.
pub fn uses<E: Entity + serde::Serialize>(plan: &Plan, own: &E) -> Uses {
    let needle = own.uuid().to_string();
    let count = |value: &dyn erased::Json| value.json().matches(needle.as_str()).count();
    let in_self = count(&own);
    let sections: [(Section, &dyn erased::Json); 15] = [
        (Section::Overview, &plan.overview),
        (Section::People, &plan.people),
        (Section::Responsibilities, &plan.responsibilities),
        (Section::Communication, &plan.communication),
        (Section::Stakeholders, &plan.stakeholder_messages),
        (Section::CandidateData, &plan.candidate_data),
        (Section::Fraud, &plan.indicators),
        (Section::Escalation, &plan.escalation),
        (Section::Risks, &plan.risks),
        (Section::Hotspots, &plan.hotspots),
        (Section::Events, &plan.events),
        (Section::Custody, &plan.custody),
        (Section::Venues, &plan.venues),
        (Section::Allegations, &plan.allegations),
        (Section::KeyDates, &plan.key_dates),
    ];
    let by_section = sections
        .iter()
        .filter_map(|(section, value)| {
            let mut n = count(*value);
            if *section == E::SECTION {
                n = n.saturating_sub(in_self);
            }
            (n > 0).then_some((*section, n))
        })
        .collect();
    Uses { by_section }
}

mod erased {
    /// A value written as JSON text, for counting references.
    pub trait Json {
        fn json(&self) -> String;
    }

    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> String {
            serde_json::to_string(self).unwrap_or_default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{person, plan};

    #[test]
    fn uses_counts_references_from_other_entries_and_sections_not_the_entry_itself() {
        let mut plan = plan();
        let a = person("A");
        let mut b = person("B");
        b.out_of_hours_cover = Some(a.id);
        plan.people = vec![a.clone(), b];
        plan.overview.deputies = vec![a.id];
        let uses = uses(&plan, &a);
        assert_eq!(uses.total(), 2);
        assert_eq!(
            uses.by_section,
            vec![(Section::Overview, 1), (Section::People, 1)]
        );
        assert!(uses.describe().starts_with("used in 2 places (1. "));
        let unused = person("C");
        assert_eq!(super::uses(&plan, &unused).total(), 0);
    }

    #[test]
    fn a_new_person_is_for_the_full_copy_only_until_marked_otherwise() {
        let mut p = person("x");
        assert_eq!(p.handling(), Handling::FullCopyOnly);
        p.handling = Handling::Both;
        assert_eq!(p.handling(), Handling::Both);
    }

    #[test]
    fn a_file_without_a_mark_reads_with_the_types_default() {
        let h: Hotspot = ron::from_str(
            "(id: \"6f1c4b9e-1d2a-4c3b-8e5f-0a1b2c3d4e5f\", name: \"x\", kind: CareHome, \
             address: \"\", electors: 0, concern: \"\", mitigation: \"\", site_contact: \"\", \
             briefed_on: None, owner: None)",
        )
        .expect("a hotspot without a handling mark reads");
        assert_eq!(h.handling, Handling::FullCopyOnly);
        let mut r = h;
        r.handling = Handling::Both;
        let text = ron::to_string(&r).expect("writes");
        let back: Hotspot = ron::from_str(&text).expect("reads back");
        assert_eq!(back.handling, Handling::Both);
    }
}
