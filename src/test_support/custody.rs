//! A count night: each station's ballot papers and box, from printing to verification at the count.

use chrono::{Duration, NaiveDateTime};

use super::{at, day, handover, plan, poll};
use crate::custody::{anchors, record};
use crate::model::{BookRange, Custody, CustodyItem, CustodyItemId, CustodyStage, ItemKind, Plan};

const PRINTER: &str = "Kit Doyle";
const PRINT_WORKS: &str = "Print works";
const MANAGER: &str = "Sam Patel";
const RECEIPT_DESK: &str = "Receipt desk";
const VERIFIER: &str = "Verification supervisor";
const STORE: &str = "Council strongroom";
const COUNT_HALL: &str = "Lowmoor Leisure Centre";

/// A plan whose custody log holds a clean count night at `n` polling stations (at most 26), AA to
/// AZ. Each station has a batch of ballot papers, AA/BP (500 papers from serial 1 000 000, the
/// next station's following on), and a ballot box, AA/1, sealed NB 104200 and NB 104201 (the
/// next station's NB 104202 and NB 104203, and so on).
///
/// Four logs, each written in its own order, every event chaining on and every handover from the
/// item's holder:
/// - `elections-office`: each batch printed, proofed and delivered to the strongroom (three events
///   a station), then each batch and box issued to its presiding officer the day before the poll;
/// - `polling-stations`: each box opened (lid seal), closed (both seals) and handed to its driver
///   on polling day (three a station);
/// - `count-receipt`: each box received from its driver at the count by 23:30, the receipt
///   deadline (one a station);
/// - `count-verification`: each box verified the next morning (one a station).
///
/// Every log is anchored at its head, as a save leaves it; no machine is noted as a log's writer.
pub fn count_night(n: usize) -> Plan {
    assert!(n <= 26, "stations AA to AZ");
    let mut plan = plan();
    let stations: Vec<Station> = (0..n).map(Station::new).collect();
    let c = &mut plan.custody;
    c.count_receipt_deadline = Some(at(poll(), 23, 30));
    for s in &stations {
        c.items.extend([s.batch.clone(), s.ballot_box.clone()]);
    }
    let steps: [fn(&Station, &mut Custody); 5] = [
        Station::print,
        Station::issue,
        Station::poll,
        Station::receive,
        Station::verify,
    ];
    for step in steps {
        for s in &stations {
            step(s, c);
        }
    }
    anchors::advance(c);
    plan
}

/// One polling station's papers and box, and who holds them on the night.
struct Station {
    k: i64,
    batch: CustodyItem,
    ballot_box: CustodyItem,
    presiding_officer: String,
    driver: String,
}

impl Station {
    fn new(k: usize) -> Station {
        let district = format!("A{}", char::from(b'A' + k as u8));
        let first = 1_000_000 + 500 * k as u64;
        let seal = 104_200 + 2 * k;
        Station {
            k: k as i64,
            batch: CustodyItem {
                id: CustodyItemId::new(),
                kind: ItemKind::BallotPaperBatch,
                label: format!("{district}/BP"),
                polling_station: None,
                book_ranges: vec![BookRange {
                    first,
                    last: first + 499,
                }],
                expected_seals: Vec::new(),
                expected_at_count: false,
                contents: None,
            },
            ballot_box: CustodyItem {
                expected_seals: vec![format!("NB {seal}"), format!("NB {}", seal + 1)],
                ..super::ballot_box(&format!("{district}/1"))
            },
            presiding_officer: format!("Presiding officer {district}"),
            driver: format!("Driver {}", k + 1),
        }
    }

    /// `first`, the time at the first station, and `spacing` minutes later at each station after.
    fn staggered(&self, first: NaiveDateTime, spacing: i64) -> NaiveDateTime {
        first + Duration::minutes(self.k * spacing)
    }

    /// Printed and proofed at the printer's, then delivered to the strongroom.
    fn print(&self, c: &mut Custody) {
        use CustodyStage::{Printing, Proofing, SecureStorage};
        let steps = [
            (13, Printing, ("", PRINTER), "Official mark printed"),
            (14, Proofing, ("", PRINTER), "First and last paper checked"),
            (20, SecureStorage, (PRINTER, MANAGER), "Delivered sealed"),
        ];
        for (april, stage, who, notes) in steps {
            let when = self.staggered(at(day(4, april), 9, 0), 6);
            let place = if stage == SecureStorage {
                STORE
            } else {
                PRINT_WORKS
            };
            let mut e = handover(self.batch.id, when, stage, who);
            e.location = place.to_owned();
            e.notes = notes.to_owned();
            record(c, "elections-office", e);
        }
    }

    /// Papers and the empty box issued to the presiding officer the day before the poll.
    fn issue(&self, c: &mut Custody) {
        let when = self.staggered(at(poll() - Duration::days(1), 14, 0), 5);
        let stage = CustodyStage::IssueToPresidingOfficer;
        let po = self.presiding_officer.as_str();
        for item in [self.batch.id, self.ballot_box.id] {
            let mut e = handover(item, when, stage, (MANAGER, po));
            e.location = STORE.to_owned();
            record(c, "elections-office", e);
        }
    }

    /// Opened under the lid seal, closed under both seals, handed to the driver.
    fn poll(&self, c: &mut Custody) {
        use CustodyStage::{CloseOfPoll, OpeningOfPoll, TransportToCount};
        let (po, driver) = (self.presiding_officer.as_str(), self.driver.as_str());
        let seals = &self.ballot_box.expected_seals;
        let steps = [
            ((6, 50), OpeningOfPoll, ("", po), &seals[..1]),
            ((22, 10), CloseOfPoll, ("", po), &seals[..]),
            ((22, 20), TransportToCount, (po, driver), &seals[..]),
        ];
        for ((hour, minute), stage, who, seen) in steps {
            let when = self.staggered(at(poll(), hour, minute), 1);
            let mut e = handover(self.ballot_box.id, when, stage, who);
            e.location = format!("Polling station {}", self.ballot_box.label);
            e.seals_seen = seen.to_vec();
            record(c, "polling-stations", e);
        }
    }

    /// Received from the driver at the count, seals checked.
    fn receive(&self, c: &mut Custody) {
        let when = self.staggered(at(poll(), 22, 40), 2);
        let who = (self.driver.as_str(), RECEIPT_DESK);
        let mut e = handover(self.ballot_box.id, when, CustodyStage::ReceiptAtCount, who);
        e.location = COUNT_HALL.to_owned();
        e.seals_seen.clone_from(&self.ballot_box.expected_seals);
        e.notes = "Arrival time recorded".to_owned();
        record(c, "count-receipt", e);
    }

    /// Verified the next morning, seals intact before opening.
    fn verify(&self, c: &mut Custody) {
        let when = self.staggered(at(poll() + Duration::days(1), 9, 0), 3);
        let who = (RECEIPT_DESK, VERIFIER);
        let mut e = handover(self.ballot_box.id, when, CustodyStage::Verification, who);
        e.location = COUNT_HALL.to_owned();
        e.seals_seen.clone_from(&self.ballot_box.expected_seals);
        e.witness = "Candidate's agent".to_owned();
        record(c, "count-verification", e);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_night_has_the_logs_it_promises_each_anchored_at_its_head() {
        let plan = count_night(3);
        let c = &plan.custody;
        assert_eq!(c.items.len(), 6);
        let heads: Vec<(String, u64)> = anchors::heads(c)
            .into_iter()
            .map(|h| (h.log, h.seq))
            .collect();
        let expected = [
            ("count-receipt", 3),
            ("count-verification", 3),
            ("elections-office", 15),
            ("polling-stations", 9),
        ];
        let expected: Vec<(String, u64)> = expected
            .iter()
            .map(|(l, n)| ((*l).to_owned(), *n))
            .collect();
        assert_eq!(heads, expected);
        let anchored: Vec<(String, u64)> =
            c.anchors.iter().map(|a| (a.log.clone(), a.seq)).collect();
        assert_eq!(anchored, expected);
        assert!(c.writers.is_empty());
        let labels: Vec<&str> = c.items.iter().map(|i| i.label.as_str()).collect();
        assert_eq!(labels, ["AA/BP", "AA/1", "AB/BP", "AB/1", "AC/BP", "AC/1"]);
    }
}
