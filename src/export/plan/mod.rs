//! The plan document: cover, document control, contents, a chapter per section, and the readiness
//! annex.

mod front;
mod monitoring;
pub use monitoring::{level_fill, state_fill};
mod operations;
pub(crate) mod organisation;
mod quick;

use chrono::NaiveDate;
use rayon::prelude::*;

use super::Profile;
use super::document::{Document, Face, Item, OutlineEntry, Page};
use super::flow::{CONTENT_W, Flow, MARGIN, PAGE_H, PAGE_W, Running, colour, decorate};
use super::metrics::Metrics;
use crate::model::{Fingerprint, IssuedCopy, PersonId, Plan, Section, Withheld, redact};
use crate::when::display_date;

/// What every chapter needs: the plan as this copy shows it, the profile, what it withholds and
/// the document's date.
pub(crate) struct Ctx<'a> {
    /// The plan after [`redact`]: the chapters print what it holds, nothing else.
    pub plan: &'a Plan,
    pub profile: Profile,
    /// What each section withholds (nothing in the full copy).
    pub withheld: &'a Withheld,
    /// The date the document is dated (the latest revision; the poll date if there is none).
    pub date: NaiveDate,
    /// "Copy 3 of 7" for a numbered full copy.
    pub copy: Option<String>,
    /// Who a numbered copy is issued to.
    pub copy_to: Option<String>,
    /// The plan's fingerprint as laid out.
    pub fingerprint: Fingerprint,
}

/// What redacted copies print in place of withheld details.
pub use crate::model::redact::WITHHELD;

impl Ctx<'_> {
    pub fn redacted(&self) -> bool {
        self.profile == Profile::Redacted
    }

    /// A person's name, or a marker.
    pub fn name(&self, id: Option<PersonId>) -> String {
        match id {
            None => "Not assigned".to_owned(),
            Some(_) => self.plan.person_name(id).to_owned(),
        }
    }

    /// Names of several people.
    pub fn names(&self, ids: &[PersonId]) -> String {
        if ids.is_empty() {
            return "—".to_owned();
        }
        ids.iter()
            .map(|id| self.plan.person_name(Some(*id)).to_owned())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Who may see a copy and how to handle it, on the cover and at the foot of every page.
///
/// The markings follow the Government Security Classifications Policy (Cabinet Office, June 2023,
/// updated 5 August 2024): OFFICIAL is the classification tier; OFFICIAL-SENSITIVE is OFFICIAL
/// with a handling marking that enforces need to know. So the full copy is OFFICIAL-SENSITIVE by
/// default and the redacted copy, with that detail withheld, OFFICIAL unless the officer marks it
/// otherwise (`Overview::marking` and `Overview::redacted_marking`).
pub fn handling_line(profile: Profile) -> &'static str {
    match profile {
        Profile::Full => {
            "Handling: for the recipients on the distribution list only. Do not forward, copy or \
             share it beyond the list; keep it secure and destroy it securely when superseded."
        }
        Profile::Redacted => {
            "Handling: for the recipients on the distribution list. Do not forward it beyond the \
             list without the Returning Officer's agreement."
        }
    }
}

/// The handling line as the foot of every page gives it (one line).
pub fn handling_short(profile: Profile) -> &'static str {
    match profile {
        Profile::Full => "Full copy · distribution list only · do not forward, copy or share",
        Profile::Redacted => {
            "Redacted copy · distribution list · not to be forwarded beyond it without the RO's \
             agreement"
        }
    }
}

/// The date a plan's document carries: its latest revision, else polling day.
pub fn document_date(plan: &Plan) -> NaiveDate {
    plan.overview
        .revisions
        .iter()
        .map(|r| r.date)
        .max()
        .unwrap_or(plan.overview.poll_date)
}

/// What a copy says about itself in its document properties (the PDF's metadata, the workbook's
/// properties).
pub(crate) struct Properties {
    /// The plan's title, with "(redacted copy)" on the redacted one.
    pub title: String,
    /// "Returning Officer, Northmere District Council".
    pub author: String,
    /// The election, poll date, version and status.
    pub subject: String,
    /// What the document is, its protective marking and which copy.
    pub keywords: Vec<String>,
}

/// The document properties of the copy `plan` (as [`redact`] gave it for `profile`).
pub(crate) fn properties(plan: &Plan, profile: Profile) -> Properties {
    let o = &plan.overview;
    let redacted = profile == Profile::Redacted;
    let mut title = o.title.clone();
    if redacted {
        title.push_str(" (redacted copy)");
    }
    Properties {
        title,
        author: if o.authority.trim().is_empty() {
            "Returning Officer".to_owned()
        } else {
            format!("Returning Officer, {}", o.authority)
        },
        subject: format!(
            "{} — poll on {}; version {}, {}",
            o.election_type.label(),
            display_date(o.poll_date),
            o.version,
            o.status.label()
        ),
        keywords: vec![
            "election integrity".to_owned(),
            "security plan".to_owned(),
            o.marking.label().to_owned(),
            profile.key().to_owned(),
        ],
    }
}

/// The chapter title for a section, e.g. "9. Risk register".
pub fn chapter_title(section: Section) -> String {
    format!("{}. {}", section.number(), section.label())
}

/// Lays the whole plan out: the copy for `profile` of it, as [`redact`] gives it. Everything
/// printed, checks of Annex A, contents, bookmarks and metadata included, comes from that copy.
pub fn layout(plan: &Plan, profile: Profile, m: &Metrics) -> Document {
    layout_issued(plan, profile, None, m)
}

/// Lays the plan out as the copy `issued`: a numbered full copy says "Copy 3 of 7" on its cover
/// and at the foot of every page.
pub fn layout_issued(
    plan: &Plan,
    profile: Profile,
    issued: Option<&IssuedCopy>,
    m: &Metrics,
) -> Document {
    let copy = issued
        .filter(|_| profile == Profile::Full)
        .and_then(|c| Some(format!("Copy {} of {}", c.copy_number?, c.copies?)));
    // The fingerprint is the whole plan's: the copy says which arrangements it was cut from.
    // (An issued copy carries it already, taken from this plan as it logged the copy.)
    let fingerprint = issued.map_or_else(|| Fingerprint::of(plan), |c| c.fingerprint.clone());
    // Annex A: the checks run on the whole plan as at the date the plan holds for the annex, and
    // the copy keeps what it may show of them.
    let findings = || {
        plan.overview.readiness_as_at.map(|as_at| {
            crate::validate::validate_copy(plan, profile, &crate::validate::Context::on(as_at))
        })
    };
    let redacted = redact(plan, profile);
    let plan = &redacted.plan;
    let ctx = Ctx {
        plan,
        profile,
        withheld: &redacted.withheld,
        date: document_date(plan),
        copy_to: copy.as_ref().and(issued).and_then(|c| c.recipient.clone()),
        copy,
        fingerprint,
    };
    let mut flow = Flow::new(m);
    front::cover(&ctx, &mut flow);
    quick::quick_reference(&ctx, &mut flow);
    front::document_control(&ctx, &mut flow);
    flow.page_break();
    let contents_page = flow.page_index();
    flow.bookmark("Contents");
    // The chapters each start a page, so each is laid out in a flow of its own, in parallel, while
    // the checks for Annex A run; they are then put in order and numbered. The pages are the same
    // whatever the number of threads (tested).
    let (findings, chapters) = rayon::join(findings, || {
        Section::ALL
            .par_iter()
            .map(|section| {
                let mut part = Flow::new(m);
                chapter(&ctx, *section, &mut part);
                part
            })
            .collect::<Vec<Flow<'_>>>()
    });
    for part in chapters {
        flow.append(part);
    }
    flow.chapter("Annex A. Readiness");
    operations::readiness(&ctx, findings.as_ref(), &mut flow);
    let (mut pages, outline) = flow.finish();
    contents(&mut pages[contents_page], &outline, m);
    let o = &plan.overview;
    let mut right = format!("Version {} · {}", o.version, o.status.label());
    if ctx.redacted() {
        right.push_str(" · REDACTED COPY");
    }
    let footer = if o.authority.trim().is_empty() {
        o.election_type.label().to_owned()
    } else {
        o.authority.clone()
    };
    decorate(
        &mut pages,
        m,
        &Running {
            marking: o.marking.label(),
            title: &o.title,
            right: &right,
            footer: &footer,
            copy: ctx.copy.as_deref(),
            handling: handling_short(profile),
        },
    );
    super::flow::split_fallback(&mut pages, m);
    let Properties {
        title,
        author,
        subject,
        keywords,
    } = properties(plan, profile);
    Document {
        title,
        author,
        subject,
        keywords,
        date: ctx.date,
        width: PAGE_W,
        height: PAGE_H,
        pages,
        outline,
    }
}

/// One section's chapter: its title, what it withholds, and its content.
fn chapter(ctx: &Ctx<'_>, section: Section, flow: &mut Flow<'_>) {
    flow.chapter(&chapter_title(section));
    // What the section withholds (candidate data says it in its own words).
    if let Some(note) = ctx.withheld.note(section)
        && section != Section::CandidateData
    {
        flow.paragraph(&note);
    }
    match section {
        Section::Overview => organisation::overview(ctx, flow),
        Section::People => organisation::people(ctx, flow),
        Section::Responsibilities => organisation::responsibilities(ctx, flow),
        Section::Communication => organisation::communication(ctx, flow),
        Section::Stakeholders => organisation::stakeholders(ctx, flow),
        Section::CandidateData => organisation::candidate_data(ctx, flow),
        Section::Fraud => monitoring::fraud(ctx, flow),
        Section::Escalation => monitoring::escalation(ctx, flow),
        Section::Risks => monitoring::risks(ctx, flow),
        Section::Hotspots => monitoring::hotspots(ctx, flow),
        Section::Events => monitoring::events(ctx, flow),
        Section::Custody => operations::custody(ctx, flow),
        Section::Venues => operations::venues(ctx, flow),
        Section::Allegations => operations::allegations(ctx, flow),
        Section::KeyDates => operations::key_dates(ctx, flow),
    }
}

/// The contents page: every bookmark after it, with the page it starts on.
fn contents(page: &mut Page, outline: &[OutlineEntry], m: &Metrics) {
    let mut y = 27.0;
    page.items.push(Item::Text {
        x: MARGIN,
        y: y + 6.0,
        text: "Contents".to_owned(),
        face: Face::Bold,
        size: 17.0,
        colour: colour::NAVY,
    });
    y += 14.0;
    for entry in outline
        .iter()
        .filter(|e| e.title != "Contents" && e.title != "Cover")
    {
        let number = (entry.page + 1).to_string();
        let size = 10.0;
        let title_w = m.width(&entry.title, Face::Regular, size);
        let number_w = m.width(&number, Face::Regular, size);
        let dot_w = m.width(".", Face::Regular, size).max(0.1);
        let gap = CONTENT_W - title_w - number_w - 4.0;
        let dots = ".".repeat((gap / dot_w).max(0.0) as usize);
        page.items.push(Item::Text {
            x: MARGIN,
            y,
            text: entry.title.clone(),
            face: Face::Regular,
            size,
            colour: colour::TEXT,
        });
        page.items.push(Item::Text {
            x: MARGIN + title_w + 2.0,
            y,
            text: dots,
            face: Face::Regular,
            size,
            colour: colour::RULE,
        });
        page.items.push(Item::Text {
            x: MARGIN + CONTENT_W - number_w,
            y,
            text: number,
            face: Face::Regular,
            size,
            colour: colour::TEXT,
        });
        y += 6.2;
    }
}

#[cfg(test)]
mod tests;
