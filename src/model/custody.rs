//! Section 12: ballot security and custody — the printer, stages, journeys, items and the custody
//! log.
//!
//! Each kind of item travels its own journey (see [`Journey`]): polling-station papers and boxes
//! from printing to destruction, postal votes from production through dispatch, return and opening
//! to the count, and statutory packets from sealing to retention and destruction. A stage's key is
//! hashed into every custody event (see `custody::chain`), so keys and variants are never renamed:
//! new stages are added at the end and placed in their journeys here.

use chrono::{NaiveDate, NaiveDateTime};
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
        /// Postal ballot packs produced and filled (by the printer or in-house), and checked.
        PostalProduction => "Postal pack production", "postal-production",
        /// Postal ballot packs handed to Royal Mail or the delivery firm, with a receipt.
        PostalDispatch => "Postal pack dispatch", "postal-dispatch",
        /// Returned postal votes received: by post, handed in at the office or a polling station.
        PostalReturn => "Postal vote return", "postal-return",
        /// The final sweep of Royal Mail's mail centres and delivery offices on polling day, so
        /// that postal votes still in the network reach the RO before the close of poll.
        PostalFinalSweep => "Final sweep of Royal Mail delivery offices", "postal-final-sweep",
        /// A postal vote opening session: statements checked, ballot papers kept face down.
        PostalOpening => "Postal vote opening", "postal-opening",
        /// A statutory packet sealed and endorsed with its contents, the election and the area.
        PacketSealed => "Packet sealed", "packet-sealed",
        /// A sealed packet opened (for inspection, or under a court's order).
        PacketOpened => "Packet opened", "packet-opened",
    }
}

labelled_enum! {
    /// The journey an item travels: each has its own order of stages.
    pub enum Journey {
        /// Ballot papers and boxes for polling stations: printing to destruction.
        PollingStation => "Polling-station papers and boxes", "polling-station",
        /// Postal votes: production, dispatch, return (with the final sweep), opening and count.
        Postal => "Postal votes", "postal",
        /// Statutory packets after the count: sealed, retained for a year, destroyed.
        StatutoryPacket => "Statutory packets", "statutory-packet",
    }
}

impl Journey {
    /// The stages of this journey, in order. A break in the count and the opening of a packet
    /// belong to a journey but may come at any point of it (see [`CustodyStage::order`]).
    pub fn stages(self) -> &'static [CustodyStage] {
        use CustodyStage as S;
        match self {
            Journey::PollingStation => &[
                S::Printing,
                S::Proofing,
                S::SecureStorage,
                S::IssueToPresidingOfficer,
                S::OpeningOfPoll,
                S::CloseOfPoll,
                S::TransportToCount,
                S::ReceiptAtCount,
                S::Verification,
                S::Count,
                S::BreakInCount,
                S::Declaration,
                S::SealedRetention,
                S::Destruction,
            ],
            // Opened postal ballot papers are kept in sealed boxes in the secure store and taken
            // to the count with the polling-station boxes.
            Journey::Postal => &[
                S::Printing,
                S::Proofing,
                S::PostalProduction,
                S::PostalDispatch,
                S::PostalReturn,
                S::PostalFinalSweep,
                S::PostalOpening,
                S::SecureStorage,
                S::TransportToCount,
                S::ReceiptAtCount,
                S::Verification,
                S::Count,
                S::BreakInCount,
                S::Declaration,
                S::SealedRetention,
                S::Destruction,
            ],
            Journey::StatutoryPacket => &[
                S::PacketSealed,
                S::SealedRetention,
                S::PacketOpened,
                S::Destruction,
            ],
        }
    }

    /// Whether `stage` is part of this journey.
    pub fn includes(self, stage: CustodyStage) -> bool {
        self.stages().contains(&stage)
    }
}

impl CustodyStage {
    /// Whether an item at this stage has reached the count (received there, or any later stage
    /// of its journey).
    pub fn at_or_after_count(self) -> bool {
        use CustodyStage as S;
        matches!(
            self,
            S::ReceiptAtCount
                | S::Verification
                | S::Count
                | S::BreakInCount
                | S::Declaration
                | S::SealedRetention
                | S::Destruction
                | S::PacketSealed
                | S::PacketOpened
        )
    }

    /// Position in `journey`. `None` when the stage is not part of the journey, and for stages
    /// that may come at any point of it: a break in the count (anywhere from verification to
    /// declaration) and the opening of a sealed packet (at any time while it is retained).
    pub fn order(self, journey: Journey) -> Option<usize> {
        if matches!(
            self,
            CustodyStage::BreakInCount | CustodyStage::PacketOpened
        ) {
            return None;
        }
        journey.stages().iter().position(|s| *s == self)
    }

    /// The journeys this stage is part of.
    pub fn journeys(self) -> impl Iterator<Item = Journey> {
        Journey::ALL
            .iter()
            .copied()
            .filter(move |j| j.includes(self))
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
        /// An issue of postal ballot packs, produced, checked and handed to the carrier together.
        PostalBallotBatch => "Postal ballot batch", "postal-ballot-batch",
        /// A statutory packet sealed after the count (see [`PacketContents`]).
        StatutoryPacket => "Statutory packet", "statutory-packet",
    }
}

impl ItemKind {
    /// The journey items of this kind travel. Evidence bags keep the polling-station journey they
    /// were checked against before journeys existed.
    pub fn journey(self) -> Journey {
        match self {
            ItemKind::BallotPaperBatch | ItemKind::BallotBox | ItemKind::EvidenceBag => {
                Journey::PollingStation
            }
            ItemKind::PostalVotePack | ItemKind::PostalBallotBatch => Journey::Postal,
            ItemKind::StatutoryPacket => Journey::StatutoryPacket,
        }
    }
}

labelled_enum! {
    /// What a statutory packet holds. The rules on the disposal of documents decide who may open
    /// it: see [`PacketContents::court_only`].
    pub enum PacketContents {
        /// Counted ballot papers.
        CountedBallotPapers => "Counted ballot papers", "counted-ballot-papers",
        /// Rejected ballot papers.
        RejectedBallotPapers => "Rejected ballot papers", "rejected-ballot-papers",
        /// Tendered ballot papers.
        TenderedBallotPapers => "Tendered ballot papers", "tendered-ballot-papers",
        /// The completed corresponding number lists.
        CorrespondingNumberLists => "Completed corresponding number lists",
            "corresponding-number-lists",
        /// Certificates as to employment on duty on the day of the poll.
        EmploymentCertificates => "Certificates as to employment on duty",
            "employment-certificates",
        /// Marked copies of the register, the postal voters list and the lists of proxies.
        MarkedRegisters => "Marked registers and lists", "marked-registers",
        /// Ballot paper accounts, statements, tendered votes lists and the other documents the
        /// rules open to public inspection.
        OtherDocuments => "Ballot paper accounts and other documents", "other-documents",
    }
}

/// Where the law says who may open which packet, for messages and the PDF.
pub const COURT_ONLY_SOURCE: &str = "Parliamentary Elections Rules (Representation of the People \
    Act 1983, Sch. 1) r. 54(2), r. 56 and r. 57; for local polls the equivalent rules, e.g. Local \
    Elections (Principal Areas) (England and Wales) Rules 2006 (SI 2006/3304) Sch. 3 r. 51(2), \
    Local Authorities (Mayoral Elections) (England and Wales) Regulations 2007 (SI 2007/1024) \
    Sch. 1 r. 56 and r. 58, Police and Crime Commissioner Elections Order 2012 Sch. 3 r. 65(2), \
    r. 67 and r. 68(3)";

impl PacketContents {
    /// Whether only a court (or the House of Commons) may have the packet opened. The returning
    /// officer must not open the sealed packets of tendered ballot papers, completed corresponding
    /// number lists and certificates as to employment (PER r. 54(2)); an order for the inspection of
    /// rejected or counted ballot papers, or for opening a packet of completed corresponding number
    /// lists or certificates, is made by the House of Commons, the High Court, a county court or an
    /// election court (PER r. 56); and ballot papers, completed corresponding number lists and
    /// certificates are not open to public inspection while retained (PER r. 57; PCC Elections
    /// Order 2012 Sch. 3 r. 68(3)). Marked registers and lists, ballot paper accounts and the
    /// other documents are open to public inspection while retained, so their packets may be
    /// opened for it.
    pub fn court_only(self) -> bool {
        !matches!(
            self,
            PacketContents::MarkedRegisters | PacketContents::OtherDocuments
        )
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
    /// What it holds, for a statutory packet.
    #[serde(default)]
    pub contents: Option<PacketContents>,
}

impl CustodyItem {
    /// Why an event at `stage` may not be recorded for this item, if it may not: a packet only a
    /// court may have opened refuses an "opened" event. Quick entry, CSV import and `check` all ask
    /// this.
    pub fn refuses(&self, stage: CustodyStage) -> Option<String> {
        let contents = self.contents?;
        (stage == CustodyStage::PacketOpened && contents.court_only()).then(|| {
            format!(
                "{} is a sealed packet of {}: only a court (or the House of Commons) may order it \
                 opened, and the order is carried out by the registration officer under the \
                 court's conditions, not recorded here as an opening ({COURT_ONLY_SOURCE})",
                self.label,
                contents.label().to_lowercase()
            )
        })
    }
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

/// A visit to the printer's works to check security and quality while papers are produced.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonitoringVisit {
    /// The day of the visit.
    pub date: NaiveDate,
    /// Whether it was made without notice (the printer's contract should allow these).
    pub unannounced: bool,
    /// Who visited.
    pub by: Option<PersonId>,
    /// What was seen and anything to put right.
    pub findings: String,
}

/// The ballot paper printer as a supplier, and the assurance the RO holds on it. The Electoral
/// Commission asks that the project plan include "a review of security arrangements with the
/// local police to ensure the security of ballot papers throughout the process", preventing
/// "unauthorised access to or use of the ballot papers during all stages of the production process
/// and storage between printing and the poll" (Guidance for (Acting) Returning Officers
/// administering a UK Parliamentary election in Great Britain, "Planning your approach to
/// maintaining the integrity of the election: making plans to ensure the security of papers");
/// its checklist for working with printers asks for appropriate insurance and security controls
/// and for unannounced monitoring visits (Electoral Commission, election print checklist for ROs,
/// 2009, as reported by PrintWeek).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BallotPrinter {
    /// The supplier, e.g. "Civica Election Services, Bristol".
    pub name: String,
    /// The printer's account manager and how to reach them.
    pub contact: String,
    /// Security controls at the works: access, CCTV, vetting, secure areas, data handling.
    pub security_controls: String,
    /// Insurance held (cover and amounts).
    pub insurance: String,
    /// Monitoring visits to the works, announced or not.
    pub visits: Vec<MonitoringVisit>,
    /// When the RO's office signed off the final proofs.
    pub proof_signed_off: Option<NaiveDate>,
    /// Who signed them off.
    pub proof_signed_off_by: Option<PersonId>,
    /// How overs (surplus papers) and spoilt papers are counted, held and destroyed.
    pub overs_and_spoilt: String,
    /// How papers are controlled once the official mark is printed, when they are live.
    pub live_papers: String,
    /// How papers are delivered to the RO's secure store: vehicle, escort, receipt, times.
    pub secure_delivery: String,
    /// When these arrangements were reviewed with the police.
    pub reviewed_with_police: Option<NaiveDate>,
}

impl BallotPrinter {
    /// Whether nothing about the printer is recorded.
    pub fn is_empty(&self) -> bool {
        *self == BallotPrinter::default()
    }
}

/// Section 12 of the plan.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Custody {
    /// The ballot paper printer and the assurance held on it.
    #[serde(default)]
    pub printer: BallotPrinter,
    /// Arrangements and responsibility at each stage.
    pub stages: Vec<StageArrangement>,
    /// The time by which every item expected at the count should have been received.
    pub count_receipt_deadline: Option<NaiveDateTime>,
    /// The items tracked (shared between copies of the plan until changed).
    pub items: super::Shared<Vec<CustodyItem>>,
    /// The custody log, each log's events in recorded order (shared between copies of the plan
    /// until one records more: a snapshot to save costs a pointer).
    pub events: super::Shared<Vec<CustodyEvent>>,
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
