//! The redaction check: text that both copies show must not quote what the redacted copy
//! withholds (a hotspot's name or address, a withheld venue's address, a withheld person's
//! telephone number or email, a withheld referral's police reference…).

use crate::model::redact::{WithheldText, withheld_texts};
use crate::model::{Plan, Profile, Section, redact};

use super::{EntityRef, Findings, Rule};

/// One place in the copy both audiences see, as text to search.
struct Place {
    section: Section,
    entity: Option<EntityRef>,
    /// "Risk "Postal vote harvesting"", "the custody arrangements".
    name: String,
    text: String,
}

pub(super) fn check(plan: &Plan, f: &mut Findings) {
    let texts = withheld_texts(plan);
    if texts.is_empty() {
        return;
    }
    // What the redacted copy still shows: anything found there is printed for wider circulation.
    let shown = redact(plan, Profile::Redacted).plan;
    // Every withheld text looked for at once, in one pass over each place: as it appears inside
    // JSON (quotes and line breaks escaped), and as it is in a plain string.
    let in_json = Search::new(texts.iter().map(|t| escaped(&t.text)).collect());
    let in_text = Search::new(texts.iter().map(|t| t.text.clone()).collect());
    let mut found = vec![false; texts.len()];
    let mut report = |place: &Place, found: &mut [bool]| {
        // One finding per withheld thing quoted (an address, not also its first line).
        let mut said: Vec<&str> = Vec::new();
        for (t, _) in texts.iter().zip(found.iter()).filter(|(_, f)| **f) {
            if !said.contains(&t.what.as_str()) {
                said.push(&t.what);
                f.push_in(
                    place.section,
                    Rule::RedactionLeak,
                    message(place, t),
                    place.entity,
                );
            }
        }
        found.fill(false);
    };
    for place in places(&shown) {
        in_json.mark(&place.text, &mut found);
        if place.section == Section::Custody && place.entity.is_none() {
            // The custody log, event by event (never the whole log as one text).
            for e in shown.custody.events.iter() {
                for text in [&e.log, &e.location, &e.from, &e.to, &e.witness, &e.notes]
                    .into_iter()
                    .chain(&e.seals_seen)
                {
                    in_text.mark(text, &mut found);
                }
            }
        }
        report(&place, &mut found);
    }
}

/// Looks for many texts at once.
struct Search {
    patterns: Vec<String>,
    automaton: Option<aho_corasick::AhoCorasick>,
}

impl Search {
    fn new(patterns: Vec<String>) -> Search {
        // Should the automaton not build (it is bounded in size), each text is looked for in turn.
        let automaton = aho_corasick::AhoCorasick::new(&patterns).ok();
        Search {
            patterns,
            automaton,
        }
    }

    /// Marks in `found` each pattern that occurs in `haystack`.
    fn mark(&self, haystack: &str, found: &mut [bool]) {
        match &self.automaton {
            Some(automaton) => {
                for m in automaton.find_overlapping_iter(haystack) {
                    found[m.pattern().as_usize()] = true;
                }
            }
            None => {
                for (pattern, found) in self.patterns.iter().zip(found.iter_mut()) {
                    *found |= haystack.contains(pattern.as_str());
                }
            }
        }
    }
}

fn message(place: &Place, t: &WithheldText) -> String {
    format!(
        "{} quotes \u{201c}{}\u{201d}, {}, which the redacted copy withholds: reword it, or mark \
         it full copy only.",
        place.name, t.text, t.what
    )
}

/// A text as it appears inside the JSON of a value (quotes and line breaks escaped).
fn escaped(text: &str) -> String {
    let json = serde_json::to_string(text).unwrap_or_default();
    json.trim_matches('"').to_owned()
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn places(plan: &Plan) -> Vec<Place> {
    let mut out = Vec::new();
    let mut whole = |section: Section, name: &str, text: String| {
        out.push(Place {
            section,
            entity: None,
            name: name.to_owned(),
            text,
        });
    };
    whole(Section::Overview, "The overview", json(&plan.overview));
    whole(
        Section::CandidateData,
        "The candidate data arrangements",
        json(&plan.candidate_data),
    );
    // The log is searched event by event (see `check`).
    let custody = crate::model::Custody {
        items: Vec::new().into(),
        events: Vec::new().into(),
        ..plan.custody.clone()
    };
    whole(
        Section::Custody,
        "The custody arrangements or log",
        json(&custody),
    );
    let mut checklist = plan.venues.clone();
    checklist.venues.clear();
    whole(
        Section::Venues,
        "The venue security checklist",
        json(&checklist),
    );
    let mut allegations = plan.allegations.clone();
    allegations.referrals.clear();
    whole(
        Section::Allegations,
        "The referral route or evidence procedure",
        json(&allegations),
    );
    whole(Section::KeyDates, "The key dates", json(&plan.key_dates));
    macro_rules! each {
        ($list:expr, $section:ident, $noun:literal, $variant:ident, |$e:ident| $title:expr) => {
            for $e in &$list {
                out.push(Place {
                    section: Section::$section,
                    entity: Some(EntityRef::$variant($e.id)),
                    name: format!("{} \u{201c}{}\u{201d}", $noun, $title),
                    text: json($e),
                });
            }
        };
    }
    each!(plan.people, People, "Person", Person, |e| e.name.trim());
    each!(
        plan.responsibilities,
        Responsibilities,
        "Task",
        Responsibility,
        |e| e.task.trim()
    );
    each!(
        plan.communication,
        Communication,
        "Line",
        CommunicationLine,
        |e| e.subject.trim()
    );
    each!(
        plan.stakeholder_messages,
        Stakeholders,
        "Message",
        StakeholderMessage,
        |e| { e.audience.label() }
    );
    each!(plan.indicators, Fraud, "Indicator", Indicator, |e| e
        .name
        .trim());
    each!(
        plan.escalation,
        Escalation,
        "Escalation level",
        EscalationLevel,
        |e| e.name.trim()
    );
    each!(plan.risks, Risks, "Risk", Risk, |e| e.title.trim());
    each!(plan.hotspots, Hotspots, "Hotspot", Hotspot, |e| e
        .name
        .trim());
    each!(plan.events, Events, "Event", ElectoralEvent, |e| e
        .name
        .trim());
    each!(
        plan.custody.items,
        Custody,
        "Custody item",
        CustodyItem,
        |e| e.label.trim()
    );
    each!(plan.venues.venues, Venues, "Venue", Venue, |e| e
        .name
        .trim());
    each!(
        plan.allegations.referrals,
        Allegations,
        "Referral",
        Referral,
        |e| e.summary.trim()
    );
    out
}
