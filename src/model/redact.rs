//! Redaction: the one function that decides what the copy for wider circulation shows.
//!
//! [`redact`] takes the plan and a [`Profile`] and returns the plan that copy may show, with what
//! is marked full copy only removed or replaced by [`WITHHELD`], and a tally of what each section
//! withholds. Everything downstream (validation for Annex A, the PDF's chapters, contents,
//! bookmarks and metadata, and later the workbook and calendar) works on that plan, so nothing
//! withheld can reach a redacted output by a branch someone forgot.
//!
//! What "full copy only" withholds, per kind of entity:
//! - a person: their telephone numbers, email and postal address (their name and role stay: the
//!   plan is about who does what);
//! - a venue: its name and address become placeholders and its security assessment goes (events
//!   and custody items still refer to it); a venue's security assessment on its own carries its
//!   own mark (full copy only by default: measures and search arrangements);
//! - a refuge (hotspot kind): always withheld, whatever its mark, and never counted;
//! - a referral: withheld and never counted ("Some entries are withheld");
//! - candidates: their personal details always masked (neither copy prints them; the numbers
//!   stay);
//! - the count's security detail (police officers and times, arrangements, the search and the
//!   pass system), the printer's security detail and the escalation routes' own desk numbers:
//!   always masked;
//! - any other entity with a `handling` field: the whole entry.
//!
//! To withhold a new field or entity: give the type a `handling` field (with
//! `#[serde(default = "super::entity::default_handling::<T>")]` and `handling = ...` in its
//! `entity!` line, see `entity.rs`), then add one `withhold_*` step to [`redact`] below, and, if
//! the text it withholds could be quoted elsewhere, its strings to [`withheld_texts`] (which
//! drives the `redaction.leak` check and the tests that read the redacted PDF back).

use uuid::Uuid;

use super::{Entity, HotspotKind, Plan, Section};

/// Which copy of the plan an output is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Profile {
    /// Everything, for the police and the RO's core team.
    #[default]
    Full,
    /// For wider circulation: personal data and sensitive operational detail withheld.
    Redacted,
}

impl Profile {
    /// The key used on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Profile::Full => "full",
            Profile::Redacted => "redacted",
        }
    }
}

/// What the redacted copy shows in place of a withheld detail.
pub const WITHHELD: &str = "[withheld — redacted copy]";

/// The name a withheld venue is shown under.
pub const WITHHELD_VENUE: &str = "Venue withheld from this copy";

/// The plan as one copy may show it.
#[derive(Clone, Debug, PartialEq)]
pub struct Redacted {
    /// The plan with what the profile withholds removed or replaced by placeholders.
    pub plan: Plan,
    /// The copy it is for.
    pub profile: Profile,
    /// What each section withholds.
    pub withheld: Withheld,
}

/// What one section withholds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Tally {
    /// Entries left out.
    pub removed: usize,
    /// Entries shown with placeholders in place of some details.
    pub masked: usize,
    /// Whether the section must not say how many (referrals, refuges).
    pub uncounted: bool,
}

/// Per section, what the redacted copy withholds.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Withheld {
    tallies: Vec<(Section, Tally)>,
    counts_shown: bool,
    /// The ids of the entries left out whole.
    removed: Vec<Uuid>,
}

impl Withheld {
    fn tally(&mut self, section: Section) -> &mut Tally {
        if let Some(i) = self.tallies.iter().position(|(s, _)| *s == section) {
            return &mut self.tallies[i].1;
        }
        self.tallies.push((section, Tally::default()));
        let last = self.tallies.len() - 1;
        &mut self.tallies[last].1
    }

    /// What `section` withholds (zero for the full copy).
    pub fn of(&self, section: Section) -> Tally {
        self.tallies
            .iter()
            .find(|(s, _)| *s == section)
            .map_or_else(Tally::default, |(_, t)| *t)
    }

    /// The ids of the entries left out whole (for leaving out what is said about them).
    pub fn removed(&self) -> &[Uuid] {
        &self.removed
    }

    /// Whether anything at all is withheld.
    pub fn any(&self) -> bool {
        self.tallies.iter().any(|(_, t)| t.removed + t.masked > 0)
    }

    /// The sentence a section of the redacted copy opens with when it withholds something:
    /// "2 entries are withheld from this copy." (when the plan shows counts and the section may),
    /// else "Some entries are withheld from this copy."; `None` when nothing is withheld.
    pub fn note(&self, section: Section) -> Option<String> {
        let t = self.of(section);
        if t.removed + t.masked == 0 {
            return None;
        }
        if t.uncounted || !self.counts_shown {
            return Some(
                "Some entries are withheld from this copy; the full copy holds them.".to_owned(),
            );
        }
        let mut parts = Vec::new();
        if t.removed > 0 {
            parts.push(format!(
                "{} {} withheld from this copy",
                t.removed,
                if t.removed == 1 {
                    "entry is"
                } else {
                    "entries are"
                }
            ));
        }
        if t.masked > 0 {
            parts.push(format!(
                "{} {} details withheld",
                t.masked,
                if t.masked == 1 {
                    "entry has"
                } else {
                    "entries have"
                }
            ));
        }
        Some(format!(
            "{}; the full copy holds them.",
            parts.join(" and ")
        ))
    }
}

/// The plan as the copy for `profile` may show it. The full copy is the plan itself; the redacted
/// copy withholds everything marked full copy only (see the module documentation).
pub fn redact(plan: &Plan, profile: Profile) -> Redacted {
    let mut out = plan.clone();
    let mut withheld = Withheld {
        tallies: Vec::new(),
        counts_shown: plan.overview.count_withheld,
        removed: Vec::new(),
    };
    if profile == Profile::Redacted {
        out.overview.marking = plan.overview.redacted_marking;
        withhold_people(&mut out, &mut withheld);
        withhold_venues(&mut out, &mut withheld);
        withhold_hotspots(&mut out, &mut withheld);
        withhold_referrals(&mut out, &mut withheld);
        withhold_candidates(&mut out, &mut withheld);
        withhold_count_security(&mut out, &mut withheld);
        withhold_printer(&mut out, &mut withheld);
        withhold_route_numbers(&mut out, &mut withheld);
        // Entries withheld whole, by their handling mark.
        withhold_entries(
            &mut out.responsibilities,
            Section::Responsibilities,
            &mut withheld,
        );
        withhold_entries(
            &mut out.communication,
            Section::Communication,
            &mut withheld,
        );
        withhold_entries(
            &mut out.stakeholder_messages,
            Section::Stakeholders,
            &mut withheld,
        );
        withhold_entries(&mut out.indicators, Section::Fraud, &mut withheld);
        withhold_entries(&mut out.escalation, Section::Escalation, &mut withheld);
        withhold_entries(&mut out.risks, Section::Risks, &mut withheld);
        withhold_entries(&mut out.events, Section::Events, &mut withheld);
    }
    Redacted {
        plan: out,
        profile,
        withheld,
    }
}

/// Removes the entries of a list marked full copy only.
fn withhold_entries<E: Entity>(list: &mut Vec<E>, section: Section, w: &mut Withheld) {
    let before = list.len();
    w.removed.extend(
        list.iter()
            .filter(|e| e.handling().withheld())
            .map(|e| e.uuid()),
    );
    list.retain(|e| !e.handling().withheld());
    let removed = before - list.len();
    if removed > 0 {
        w.tally(section).removed += removed;
    }
}

/// A text replaced by the placeholder, unless it is empty.
fn mask(text: &mut String) {
    if !text.trim().is_empty() {
        *text = WITHHELD.to_owned();
    }
}

/// Applies `withhold` to one entry and counts it as masked in `section` if that changed it.
fn masking<T: Clone + PartialEq>(
    entry: &mut T,
    section: Section,
    w: &mut Withheld,
    withhold: impl FnOnce(&mut T),
) {
    let before = entry.clone();
    withhold(entry);
    if *entry != before {
        w.tally(section).masked += 1;
    }
}

fn withhold_people(plan: &mut Plan, w: &mut Withheld) {
    for p in plan.people.iter_mut().filter(|p| p.handling.withheld()) {
        masking(p, Section::People, w, |p| {
            for phone in &mut p.phones {
                mask(&mut phone.number);
            }
            mask(&mut p.email);
            mask(&mut p.address);
        });
    }
}

/// The count's operational security detail: who the police send and when, their arrangements,
/// the search and the pass system (the attendance decision, who signed the search off and when,
/// and the declaration stay).
fn withhold_count_security(plan: &mut Plan, w: &mut Withheld) {
    masking(&mut plan.custody.count_security, Section::Custody, w, |s| {
        mask(&mut s.police.officers);
        mask(&mut s.police.notes);
        s.police.from = None;
        s.police.to = None;
        mask(&mut s.search.arrangements);
        mask(&mut s.passes);
    });
}

/// The ballot paper printer's security detail: its controls, insurance, contact, what happens to
/// overs, spoilt and live papers, delivery, and what monitoring visits found (the supplier, the
/// dates and the proof sign-off stay).
fn withhold_printer(plan: &mut Plan, w: &mut Withheld) {
    masking(&mut plan.custody.printer, Section::Custody, w, |p| {
        for text in [
            &mut p.contact,
            &mut p.security_controls,
            &mut p.insurance,
            &mut p.overs_and_spoilt,
            &mut p.live_papers,
            &mut p.secure_delivery,
        ] {
            mask(text);
        }
        for v in &mut p.visits {
            mask(&mut v.findings);
        }
    });
}

/// The numbers of the escalation routes' own desks and rooms (a polling-day control room's line):
/// operational, not for wider circulation. People's numbers follow their own handling mark.
fn withhold_route_numbers(plan: &mut Plan, w: &mut Withheld) {
    for level in &mut plan.escalation {
        masking(level, Section::Escalation, w, |l| {
            for route in [&mut l.out_of_hours, &mut l.polling_day, &mut l.count_night] {
                mask(&mut route.number);
            }
        });
    }
}

fn withhold_venues(plan: &mut Plan, w: &mut Withheld) {
    for v in &mut plan.venues.venues {
        if v.handling.withheld() {
            v.name = WITHHELD_VENUE.to_owned();
            mask(&mut v.address);
            v.polling_district.clear();
            v.station_number = None;
            v.ems_reference.clear();
            v.assessment = None;
            w.tally(Section::Venues).masked += 1;
        } else if let Some(a) = &mut v.assessment
            && a.handling.withheld()
        {
            a.checks.clear();
            a.summary = WITHHELD.to_owned();
            w.tally(Section::Venues).masked += 1;
        }
    }
}

fn withhold_hotspots(plan: &mut Plan, w: &mut Withheld) {
    let refuges = plan
        .hotspots
        .iter()
        .filter(|h| h.kind == HotspotKind::Refuge)
        .count();
    w.removed.extend(
        plan.hotspots
            .iter()
            .filter(|h| h.kind == HotspotKind::Refuge)
            .map(|h| h.id.0),
    );
    plan.hotspots.retain(|h| h.kind != HotspotKind::Refuge);
    withhold_entries(&mut plan.hotspots, Section::Hotspots, w);
    if refuges > 0 {
        let t = w.tally(Section::Hotspots);
        t.removed += refuges;
        t.uncounted = true;
    }
}

fn withhold_referrals(plan: &mut Plan, w: &mut Withheld) {
    withhold_entries(&mut plan.allegations.referrals, Section::Allegations, w);
    w.tally(Section::Allegations).uncounted = true;
}

/// Candidates' personal details (name, address, telephone, email): masked, so the copy keeps
/// the numbers the candidate data chapter gives (per contest, consents, home-address requests).
fn withhold_candidates(plan: &mut Plan, w: &mut Withheld) {
    for c in &mut plan.candidate_data.candidates {
        masking(c, Section::CandidateData, w, |c| {
            for text in [&mut c.name, &mut c.address, &mut c.phone, &mut c.email] {
                mask(text);
            }
        });
    }
}

/// One text the full copy shows and the redacted copy withholds, for finding it quoted elsewhere.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WithheldText {
    /// The text itself, e.g. "22 Lowther Street".
    pub text: String,
    /// What it is, e.g. "the address of hotspot Lowther Street HMO".
    pub what: String,
}

/// Texts shorter than this are too common to be a leak when quoted ("Flat 2").
const DISTINCTIVE: usize = 8;

/// The distinctive texts that the redacted copy withholds: the names and addresses of withheld
/// hotspots and refuges, the names and addresses of withheld venues, withheld people's telephone
/// numbers, emails and addresses, and withheld referrals' police references. An
/// address also gives its first line ("22 Lowther Street"), which is how text usually quotes it.
pub fn withheld_texts(plan: &Plan) -> Vec<WithheldText> {
    let mut out = Vec::new();
    let mut add = |text: &str, what: String| {
        let text = text.trim();
        if text.chars().count() >= DISTINCTIVE
            && text != WITHHELD
            && text != WITHHELD_VENUE
            && !out.iter().any(|t: &WithheldText| t.text == text)
        {
            out.push(WithheldText {
                text: text.to_owned(),
                what,
            });
        }
    };
    let address = |add: &mut dyn FnMut(&str, String), text: &str, whose: &str| {
        add(text, format!("the address of {whose}"));
        // The first line when it has a house number ("22 Lowther Street"): a building's name
        // alone ("Greenacres") is often the name of a public place too.
        if let Some(first) = text.split([',', '\n']).next()
            && first.chars().any(|c| c.is_ascii_digit())
        {
            add(first, format!("the address of {whose}"));
        }
    };
    for h in &plan.hotspots {
        if h.handling.withheld() || h.kind == HotspotKind::Refuge {
            let whose = format!("hotspot {}", h.name.trim());
            add(&h.name, format!("the name of {whose}"));
            address(&mut add, &h.address, &whose);
        }
    }
    for v in &plan.venues.venues {
        if v.handling.withheld() {
            let whose = format!("venue {}", v.name.trim());
            add(&v.name, format!("the name of {whose}"));
            address(&mut add, &v.address, &whose);
        }
    }
    for p in plan.people.iter().filter(|p| p.handling.withheld()) {
        let whose = p.name.trim();
        for phone in &p.phones {
            add(&phone.number, format!("a telephone number of {whose}"));
        }
        add(&p.email, format!("the email of {whose}"));
        address(&mut add, &p.address, whose);
    }
    for r in plan
        .allegations
        .referrals
        .iter()
        .filter(|r| r.handling.withheld())
    {
        add(
            &r.police_reference,
            format!("the police reference of referral of {}", r.date),
        );
    }
    out
}

#[cfg(test)]
mod tests;
