//! Section 12: ballot security and custody — stages, items and the custody log.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::ids::{CustodyEventId, CustodyItemId, PersonId, VenueId};
use super::labelled::labelled_enum;

labelled_enum! {
    /// The custody stages of ballot papers and boxes, from printing to destruction, in order.
    pub enum CustodyStage {
        /// Printing: papers are live once the official mark is printed.
        Printing => "Printing", "printing",
        /// Proofing: first and last paper of every book, numbering, official mark.
        Proofing => "Proofing", "proofing",
        /// Delivery to and storage at the RO's secure store.
        SecureStorage => "Delivery and secure storage", "secure-storage",
        /// Issue to presiding officers.
        IssueToPresidingOfficer => "Issue to presiding officer", "issue-to-presiding-officer",
        /// Opening of the poll: empty box shown, then locked and sealed.
        OpeningOfPoll => "Opening of poll", "opening-of-poll",
        /// Close of poll: box and packets sealed with the presiding officer's and agents' seals.
        CloseOfPoll => "Close of poll", "close-of-poll",
        /// Transport to the count: never left unattended.
        TransportToCount => "Transport to count", "transport-to-count",
        /// Receipt at the count: arrival time checked off.
        ReceiptAtCount => "Receipt at count", "receipt-at-count",
        /// Verification.
        Verification => "Verification", "verification",
        /// The count.
        Count => "Count", "count",
        /// A break in the count: boxes resealed, locked room or guard.
        BreakInCount => "Break in count", "break-in-count",
        /// Declaration.
        Declaration => "Declaration", "declaration",
        /// Sealed retention for one year.
        SealedRetention => "Sealed retention (1 year)", "sealed-retention",
        /// Destruction, unless a court orders otherwise.
        Destruction => "Destruction", "destruction",
    }
}

impl CustodyStage {
    /// Position in the journey from printing to destruction; a break in the count may come at any
    /// point from verification to declaration, so it has no position of its own (`None`).
    pub fn order(self) -> Option<usize> {
        if self == CustodyStage::BreakInCount {
            return None;
        }
        CustodyStage::ALL.iter().position(|s| *s == self)
    }
}

labelled_enum! {
    /// What kind of thing is in custody.
    pub enum ItemKind {
        /// A batch of ballot papers, in books with serial-number ranges.
        BallotPaperBatch => "Ballot paper batch", "ballot-paper-batch",
        /// A ballot box.
        BallotBox => "Ballot box", "ballot-box",
        /// A pack of returned postal votes.
        PostalVotePack => "Postal vote pack", "postal-vote-pack",
        /// An evidence bag.
        EvidenceBag => "Evidence bag", "evidence-bag",
    }
}

/// The arrangements at one custody stage, and who is responsible.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageArrangement {
    /// The stage.
    pub stage: CustodyStage,
    /// Who is responsible.
    pub responsible: Option<PersonId>,
    /// How papers and boxes are secured at this stage.
    pub arrangements: String,
}

/// A range of ballot paper serial numbers, first to last inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookRange {
    /// The first serial number.
    pub first: u64,
    /// The last serial number.
    pub last: u64,
}

impl BookRange {
    /// Whether two ranges share any serial number.
    pub fn overlaps(&self, other: &BookRange) -> bool {
        self.first <= other.last && other.first <= self.last
    }

    /// How many papers the range holds (zero if it is back to front).
    pub fn len(&self) -> u64 {
        if self.last < self.first {
            0
        } else {
            self.last - self.first + 1
        }
    }

    /// Whether the range holds no papers.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A thing whose custody is tracked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustodyItem {
    /// Stable identifier.
    pub id: CustodyItemId,
    /// What kind of thing.
    pub kind: ItemKind,
    /// The label written or printed on it, e.g. "NA1/1" — what staff type or scan.
    pub label: String,
    /// The polling station it belongs to.
    pub polling_station: Option<VenueId>,
    /// Serial-number ranges of the books it holds (ballot paper batches).
    pub book_ranges: Vec<BookRange>,
    /// The seal numbers it is expected to carry.
    pub expected_seals: Vec<String>,
    /// Whether it must arrive at the count.
    pub expected_at_count: bool,
}

/// One recorded handover or check of an item. Recorded events are never rewritten: a correction is
/// a new event naming the one it corrects.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustodyEvent {
    /// Stable identifier.
    pub id: CustodyEventId,
    /// The log (a laptop or a count table) it was recorded in, e.g. "count-table-3".
    pub log: String,
    /// Its position in that log, from 1.
    pub seq: u64,
    /// The item.
    pub item: CustodyItemId,
    /// When it happened.
    pub at: NaiveDateTime,
    /// The custody stage.
    pub stage: CustodyStage,
    /// Where it happened.
    pub location: String,
    /// Who handed it over (empty for a check without a handover).
    pub from: String,
    /// Who received it.
    pub to: String,
    /// The seal numbers seen.
    pub seals_seen: Vec<String>,
    /// Whether every seal was intact.
    pub seals_intact: bool,
    /// The second witness.
    pub witness: String,
    /// Anything else recorded.
    pub notes: String,
    /// The event this one corrects, if it is a correction.
    pub corrects: Option<CustodyEventId>,
    /// SHA-256 (hex) over this event's canonical form and the previous hash in its log.
    pub hash: String,
}

/// How far a log had reached when the plan was last saved: its number of events and the hash of the
/// last.
///
/// Anchors only move forward: a save extends an anchor along the same chain and never shortens or
/// replaces it, so a log that loses its newest events no longer reaches its anchor
/// (`custody.truncated`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogAnchor {
    /// The log.
    pub log: String,
    /// The sequence number of the anchored event (the log's length when anchored).
    pub seq: u64,
    /// That event's hash.
    pub hash: String,
}

/// A CSV file imported into the custody log, so the same file is not imported twice by mistake.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportRecord {
    /// SHA-256 of the file's bytes (hex).
    pub sha256: String,
    /// The file's name when it was imported.
    pub file: String,
    /// When it was imported (local time of the machine that imported it).
    pub at: NaiveDateTime,
    /// The log its new events were recorded in, unless rows named their own.
    pub log: String,
    /// How many events it added.
    pub added: usize,
}

/// A machine that has recorded events in a log. One log has one writer; a second machine on the
/// same log would fork its chain, so two writers of one log are reported.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogWriter {
    /// The log.
    pub log: String,
    /// The machine (host name and a per-installation suffix).
    pub device: String,
}

/// Section 12 of the plan.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Custody {
    /// Arrangements and responsibility at each stage.
    pub stages: Vec<StageArrangement>,
    /// The time by which every item expected at the count should have been received.
    pub count_receipt_deadline: Option<NaiveDateTime>,
    /// The items tracked.
    pub items: Vec<CustodyItem>,
    /// The custody log, each log's events in recorded order.
    pub events: Vec<CustodyEvent>,
    /// Each log's anchor, as far as it had reached when last saved.
    pub anchors: Vec<LogAnchor>,
    /// CSV files imported into the log.
    pub imports: Vec<ImportRecord>,
    /// Which machines have recorded in which logs.
    pub writers: Vec<LogWriter>,
    /// The security of the count venue: police, search, passes and declaration.
    #[serde(default)]
    pub count_security: CountSecurity,
}

labelled_enum! {
    /// Whether the police attend the count; not attending is a valid choice, stated as such.
    #[derive(Default)]
    pub enum PoliceAttendanceDecision {
        /// Not yet agreed with the police.
        #[default]
        Undecided => "Not yet agreed", "undecided",
        /// Officers attend the count.
        Attending => "Police attend the count", "attending",
        /// The police do not attend; they are called if needed.
        NotAttending => "Police do not attend (called if needed)", "not-attending",
    }
}

/// Police attendance at the count.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PoliceAttendance {
    /// Whether officers attend.
    pub decision: PoliceAttendanceDecision,
    /// Who attends, e.g. "Two officers from the Northmere neighbourhood team".
    pub officers: String,
    /// The police contact at the count, from the directory.
    pub contact: Option<PersonId>,
    /// From when officers are present.
    pub from: Option<NaiveDateTime>,
    /// Until when officers are present.
    pub to: Option<NaiveDateTime>,
    /// Anything else agreed (briefing, where officers stand, how they are called if not present).
    pub notes: String,
}

/// The search of the count venue before the first ballot box arrives, and its sign-off.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct VenueSearch {
    /// How the venue is searched, by whom, and how it is kept sterile afterwards.
    pub arrangements: String,
    /// Who signed off the search as complete.
    pub signed_off_by: Option<PersonId>,
    /// When the search was signed off: before the first box is received at the count.
    pub signed_off_at: Option<NaiveDateTime>,
}

/// The count's security in one place: police attendance, the venue search, passes and the
/// declaration.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CountSecurity {
    /// Police attendance at the count (optional: not attending is a stated choice).
    pub police: PoliceAttendance,
    /// The search of the count venue and its sign-off.
    pub search: VenueSearch,
    /// The pass or accreditation system: who issues passes, to whom, how they are checked.
    pub passes: String,
    /// The declaration arrangements: where, who is present, how the stage is kept secure.
    pub declaration: String,
}

/// The first moment a ballot box is at the count, which the venue search must come before.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FirstArrival {
    /// When.
    pub at: NaiveDateTime,
    /// What sets it, in words, e.g. "the first receipt at the count recorded in the custody log
    /// (Box AA1)" or "the start of the count event “Count” (2027-05-06 22:00)".
    pub what: String,
}

impl Custody {
    /// The first receipt at the count recorded in the custody log, if any: the moment a box was
    /// actually received.
    pub fn first_receipt_recorded(&self) -> Option<&CustodyEvent> {
        self.events
            .iter()
            .filter(|e| e.stage == CustodyStage::ReceiptAtCount)
            .min_by_key(|e| (e.at, e.log.clone(), e.seq))
    }
}

impl CountSecurity {
    /// Whether anything about the count's security has been written down.
    pub fn is_empty(&self) -> bool {
        *self == CountSecurity::default()
    }
}

impl Custody {
    /// Notes that `device` records in `log` (once per pair).
    pub fn note_writer(&mut self, log: &str, device: &str) {
        if !self
            .writers
            .iter()
            .any(|w| w.log == log && w.device == device)
        {
            self.writers.push(LogWriter {
                log: log.to_owned(),
                device: device.to_owned(),
            });
            self.writers.sort();
        }
    }

    /// The machines that have recorded in `log`.
    pub fn writers_of<'a>(&'a self, log: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.writers
            .iter()
            .filter(move |w| w.log == log)
            .map(|w| w.device.as_str())
    }
}
