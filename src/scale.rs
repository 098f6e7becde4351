//! Plans at the scale of SPEC section 8 (400 venues, 3,000 custody items, 30,000 custody events,
//! 300 risks, 60 indicators with 2,000 observations in all), for benchmarks and the `large_plan`
//! example.

use chrono::{Duration, NaiveDate, NaiveTime};

use std::collections::HashMap;

use crate::custody::NewEvent;
use crate::custody::chain::{GENESIS, append};
use crate::model::*;
use crate::templates::{self, TemplateError};

/// Sizes of a generated plan.
#[derive(Clone, Copy, Debug)]
pub struct Scale {
    /// Polling stations (plus one count venue).
    pub venues: usize,
    /// Custody items: a ballot paper batch and a ballot box per station, then postal vote packs.
    pub items: usize,
    /// Custody events, spread evenly over the items.
    pub events: usize,
    /// Risks.
    pub risks: usize,
    /// Fraud indicators.
    pub indicators: usize,
    /// Observations across all indicators.
    pub observations: usize,
}

impl Scale {
    /// The sizes SPEC section 8 sets for the performance targets.
    pub const SPEC: Scale = Scale {
        venues: 400,
        items: 3_000,
        events: 30_000,
        risks: 300,
        indicators: 60,
        observations: 2_000,
    };

    /// `n` times these sizes: venues, items, events, risks and observations (an authority `n` times
    /// the size), but as many indicator kinds (an authority has about as many at any size). `n` of
    /// 1 is the plan as it is.
    pub fn times(self, n: usize) -> Scale {
        Scale {
            venues: self.venues * n,
            items: self.items * n,
            events: self.events * n,
            risks: self.risks * n,
            indicators: self.indicators,
            observations: self.observations * n,
        }
    }
}

/// The scales the benchmarks run at: N = 1, 2 and 4 (linear means t(4)/t(1) ≤ 4.4), or those
/// listed in `INTEGRITY_BENCH_SCALES` (e.g. `1` for a quick run).
pub fn bench_scales() -> Vec<usize> {
    let listed: Vec<usize> = std::env::var("INTEGRITY_BENCH_SCALES")
        .unwrap_or_default()
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .filter(|n| (1..=64).contains(n))
        .collect();
    if listed.is_empty() {
        vec![1, 2, 4]
    } else {
        listed
    }
}

/// When a stage's event typically happens, in the order a box or a batch goes through them, inside
/// the window `custody::window` expects (so a generated plan's findings are the plan's, not the
/// generator's).
fn typical_time(stage: CustodyStage, poll: NaiveDate) -> chrono::NaiveDateTime {
    use CustodyStage as S;
    let (day, hour, minute) = match stage {
        S::Printing => (-30, 9, 0),
        S::Proofing => (-28, 9, 0),
        S::SecureStorage => (-27, 9, 0),
        S::IssueToPresidingOfficer => (-2, 9, 0),
        S::OpeningOfPoll => (0, 6, 0),
        S::CloseOfPoll => (0, 21, 0),
        S::TransportToCount => (0, 21, 45),
        S::ReceiptAtCount => (0, 22, 45),
        S::Verification => (1, 0, 45),
        S::Count | S::BreakInCount => (1, 2, 45),
        S::Declaration => (1, 5, 45),
        S::SealedRetention => (2, 9, 0),
        S::Destruction => (370, 9, 0),
        S::PostalProduction => (-20, 9, 0),
        S::PostalDispatch => (-18, 9, 0),
        S::PostalReturn => (-10, 9, 0),
        S::PostalFinalSweep => (0, 20, 30),
        S::PostalOpening => (0, 21, 30),
        S::PacketSealed => (1, 6, 0),
        S::PacketOpened => (30, 10, 0),
    };
    (poll + Duration::days(day))
        .and_time(NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or(NaiveTime::MIN))
}

/// A large, valid plan built from the `english-local` template for a poll on `poll_date`.
pub fn large_plan(scale: Scale, poll_date: NaiveDate) -> Result<Plan, TemplateError> {
    let template = templates::find("english-local").map_or_else(|| templates::TEMPLATES[0], |t| *t);
    let mut plan = template.instantiate(poll_date, poll_date - Duration::days(90))?;
    plan.overview.authority = "Largeshire County Council".to_owned();
    // The count's security agreed: police attend; the venue was searched before the first box.
    let security = &mut plan.custody.count_security;
    security.police.decision = crate::model::PoliceAttendanceDecision::Attending;
    security.search.signed_off_by = plan.people.first().map(|p| p.id);
    security.search.signed_off_at =
        Some(typical_time(CustodyStage::ReceiptAtCount, poll_date) - Duration::hours(3));
    plan.custody.printer = BallotPrinter {
        name: "Largeshire Print Ltd".to_owned(),
        contact: "Account manager".to_owned(),
        security_controls: "Caged election area, swipe-card access, CCTV".to_owned(),
        insurance: "Public liability £10m".to_owned(),
        visits: vec![MonitoringVisit {
            date: poll_date - Duration::days(21),
            unannounced: true,
            by: None,
            findings: "Nothing to put right".to_owned(),
        }],
        proof_signed_off: Some(poll_date - Duration::days(24)),
        proof_signed_off_by: plan.people.first().map(|p| p.id),
        overs_and_spoilt: "Counted and destroyed under witness".to_owned(),
        live_papers: "Kept in the cage once the official mark is printed".to_owned(),
        secure_delivery: "Sealed van, two crew, receipt at the store".to_owned(),
        reviewed_with_police: Some(poll_date - Duration::days(60)),
    };
    for (i, p) in plan.people.iter_mut().enumerate() {
        p.name = format!("Officer {}", i + 1);
        p.email = format!("officer{}@largeshire.example", i + 1);
    }
    let checklist = plan.venues.checklist.clone();
    for n in 0..=scale.venues {
        let kind = if n == scale.venues {
            VenueKind::CountVenue
        } else {
            VenueKind::PollingStation
        };
        let checks = checklist
            .iter()
            .filter(|m| m.applies_to.contains(&kind))
            .map(|m| MeasureCheck {
                measure: m.id,
                status: MeasureStatus::InPlace,
                note: String::new(),
            })
            .collect();
        plan.venues.venues.push(Venue {
            handling: crate::model::Handling::Both,
            id: VenueId::new(),
            name: format!("Polling place {}", n + 1),
            kind,
            address: format!("{} High Street, Largeshire LG{} {}AA", n + 1, n % 20, n % 9),
            polling_district: format!("D{:03}", n),
            station_number: Some(n as u32 + 1),
            ems_reference: String::new(),
            contact: None,
            assessment: Some(SecurityAssessment {
                handling: crate::model::Handling::FullCopyOnly,
                assessed_on: poll_date - Duration::days(30),
                assessed_by: plan.people.first().map(|p| p.id),
                checks,
                summary: "Standard measures in place.".to_owned(),
            }),
        });
    }
    let stations: Vec<VenueId> = plan
        .venues
        .venues
        .iter()
        .filter(|v| v.kind == VenueKind::PollingStation)
        .map(|v| v.id)
        .collect();
    for n in 0..scale.items {
        let station = stations.get(n / 2 % stations.len().max(1)).copied();
        let kind = match n % 2 {
            0 => ItemKind::BallotPaperBatch,
            _ => ItemKind::BallotBox,
        };
        plan.custody.items.push(CustodyItem {
            id: CustodyItemId::new(),
            kind,
            label: format!(
                "{}/{}",
                n / 2 + 1,
                if kind == ItemKind::BallotBox {
                    "1"
                } else {
                    "BP"
                }
            ),
            polling_station: station,
            book_ranges: if kind == ItemKind::BallotPaperBatch {
                let first = 1_000_000 + n as u64 * 1_000;
                vec![BookRange {
                    first,
                    last: first + 499,
                }]
            } else {
                Vec::new()
            },
            expected_seals: if kind == ItemKind::BallotBox {
                vec![format!("S{n:06}A"), format!("S{n:06}B")]
            } else {
                Vec::new()
            },
            expected_at_count: kind == ItemKind::BallotBox,
            contents: None,
        });
    }
    let items: Vec<(CustodyItemId, ItemKind, Vec<String>)> = plan
        .custody
        .items
        .iter()
        .map(|i| (i.id, i.kind, i.expected_seals.clone()))
        .collect();
    let per_item = scale.events / items.len().max(1);
    let box_stages = [
        CustodyStage::IssueToPresidingOfficer,
        CustodyStage::OpeningOfPoll,
        CustodyStage::CloseOfPoll,
        CustodyStage::TransportToCount,
        CustodyStage::ReceiptAtCount,
        CustodyStage::Verification,
        CustodyStage::Count,
        CustodyStage::Declaration,
        CustodyStage::SealedRetention,
        CustodyStage::Destruction,
    ];
    let batch_stages = [
        CustodyStage::Printing,
        CustodyStage::Proofing,
        CustodyStage::SecureStorage,
        CustodyStage::IssueToPresidingOfficer,
        CustodyStage::OpeningOfPoll,
        CustodyStage::CloseOfPoll,
        CustodyStage::TransportToCount,
        CustodyStage::ReceiptAtCount,
        CustodyStage::Verification,
        CustodyStage::SealedRetention,
    ];
    let mut recorded = 0;
    // Each log's head, kept as events are appended: the generator never rescans a log (linear in
    // the number of events, whatever the scale).
    let mut heads: HashMap<String, (u64, String)> = HashMap::new();
    for (n, (item, kind, seals)) in items.iter().enumerate() {
        let stages: &[CustodyStage] = if *kind == ItemKind::BallotBox {
            &box_stages
        } else {
            &batch_stages
        };
        let log = format!("laptop-{}", n % 12 + 1);
        let mut holder = String::new();
        for (k, stage) in stages
            .iter()
            .cycle()
            .take(per_item.min(stages.len()))
            .enumerate()
        {
            if recorded == scale.events {
                break;
            }
            let to = format!("Holder {}-{}", n, k);
            let sealed = *kind == ItemKind::BallotBox && *stage >= CustodyStage::CloseOfPoll;
            let head = heads
                .entry(log.clone())
                .or_insert_with(|| (0, GENESIS.to_owned()));
            let event = append(
                &mut plan.custody,
                &log,
                CustodyEventId::new(),
                NewEvent {
                    item: *item,
                    at: typical_time(*stage, poll_date) + Duration::minutes((n % 40) as i64),
                    stage: *stage,
                    location: format!("Site {}", n % 50),
                    from: std::mem::take(&mut holder),
                    to: to.clone(),
                    seals_seen: if sealed { seals.clone() } else { Vec::new() },
                    seals_intact: true,
                    witness: "Witness".to_owned(),
                    notes: String::new(),
                    corrects: None,
                },
                head,
            );
            *head = (event.seq, event.hash.clone());
            holder = to;
            recorded += 1;
        }
    }
    // Risks: copies of the template's, so each reads like a real one.
    let base = plan.risks.clone();
    plan.risks.clear();
    for n in 0..scale.risks {
        let mut risk = base[n % base.len().max(1)].clone();
        risk.id = RiskId::new();
        risk.title = format!("{} (area {})", risk.title, n / base.len().max(1) + 1);
        for m in &mut risk.mitigations {
            m.id = MitigationId::new();
        }
        plan.risks.push(risk);
    }
    let base = plan.indicators.clone();
    plan.indicators.clear();
    for n in 0..scale.indicators {
        let mut indicator = base[n % base.len().max(1)].clone();
        indicator.id = IndicatorId::new();
        indicator.name = format!(
            "{} (district {})",
            indicator.name,
            n / base.len().max(1) + 1
        );
        let count = scale.observations / scale.indicators.max(1)
            + usize::from(n < scale.observations % scale.indicators.max(1));
        let warning = indicator.warning_level.unwrap_or(1.0);
        indicator.observations = (0..count)
            .map(|k| Observation {
                id: ObservationId::new(),
                date: poll_date - Duration::days((count - k) as i64),
                value: ((k * 7 + n) % 10) as f64 * warning / 12.0,
                note: String::new(),
                recorded_by: None,
            })
            .collect();
        plan.indicators.push(indicator);
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::validate::{Context, validate};

    /// The generated plan's custody is realistic: every event inside its stage's window and every
    /// chain whole, so its findings (and the PDF's readiness annex) measure the plan, not the
    /// generator.
    #[test]
    fn a_generated_plan_has_no_custody_findings() {
        let poll = NaiveDate::from_ymd_opt(2027, 5, 6).unwrap();
        let scale = Scale {
            venues: 20,
            items: 60,
            events: 600,
            risks: 10,
            indicators: 5,
            observations: 50,
        };
        let plan = large_plan(scale, poll).unwrap();
        assert_eq!(plan.custody.events.len(), 600);
        assert!(
            crate::custody::verify(&plan.custody).is_empty(),
            "every chain intact"
        );
        let findings = validate(&plan, &Context::on(poll + Duration::days(3)));
        let custody: Vec<_> = findings
            .iter()
            .filter(|f| f.section == Section::Custody)
            .collect();
        assert!(custody.is_empty(), "{custody:#?}");
    }

    #[test]
    fn the_scale_multiplies_everything_but_the_indicator_kinds() {
        let doubled = Scale::SPEC.times(2);
        assert_eq!(
            (doubled.venues, doubled.items, doubled.events, doubled.risks),
            (800, 6_000, 60_000, 600)
        );
        assert_eq!(doubled.indicators, Scale::SPEC.indicators);
        assert_eq!(doubled.observations, 4_000);
        let small = Scale {
            venues: 10,
            items: 30,
            events: 300,
            risks: 5,
            indicators: 4,
            observations: 40,
        };
        let poll = NaiveDate::from_ymd_opt(2027, 5, 6).unwrap();
        let plan = large_plan(small.times(3), poll).unwrap();
        let stations = plan
            .venues
            .venues
            .iter()
            .filter(|v| v.kind == VenueKind::PollingStation)
            .count();
        let observations: usize = plan.indicators.iter().map(|i| i.observations.len()).sum();
        assert_eq!(stations, 30);
        assert_eq!(plan.custody.items.len(), 90);
        assert_eq!(plan.custody.events.len(), 900);
        assert_eq!(plan.risks.len(), 15);
        assert_eq!(plan.indicators.len(), 4);
        assert_eq!(observations, 120);
        assert!(
            crate::custody::verify(&plan.custody).is_empty(),
            "every chain intact"
        );
    }
}
