//! The shared custody log against a real PostgreSQL server started for the run (see
//! `tests/pg_server`): syncing the large plan's 30,000 events into an empty database (target < 5 s,
//! batched), and ten desks each recording one event a second, timing each event from the moment it
//! is recorded on one desk to its arrival in every other desk's model through their background
//! workers (target < 2 s; this includes the sending desk's own push, so it bounds commit-to-model).
//!
//! `cargo bench --bench shared_log` generates the large plan with the generator the `large_plan`
//! example uses; `LARGE_PLAN=OUT.plan.ron` reads one written by
//! `cargo run --release --example large_plan -- OUT.plan.ron --scale 1` instead.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

#[path = "../tests/pg_server/mod.rs"]
mod pg_server;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use integrity_planner::custody::chain::{self, NewEvent};
use integrity_planner::model::{CustodyEventId, CustodyStage, Plan};
use integrity_planner::scale::{Scale, large_plan};
use integrity_planner::shared_log::worker::{SyncWorker, WorkerReport};
use integrity_planner::shared_log::{self, SharedLogError, SyncRequest, Target, admin};
use pg_server::PgServer;

const DESKS: usize = 10;
const SECONDS: u64 = 30;

fn main() {
    let server = PgServer::start();
    let plan = match std::env::var_os("LARGE_PLAN") {
        Some(path) => integrity_planner::storage::load(std::path::Path::new(&path)).unwrap(),
        None => large_plan(Scale::SPEC, NaiveDate::from_ymd_opt(2027, 5, 6).unwrap()).unwrap(),
    };
    println!(
        "large plan: {} events in {} logs, {} items; PostgreSQL at 127.0.0.1:{} (fsync off)",
        plan.custody.events.len(),
        shared_log::my_logs(&with_writers(&plan, "bench").custody, "bench").len(),
        plan.custody.items.len(),
        server.port
    );
    large_sync(&server, &plan);
    latency(&server, &plan);
}

/// The plan with every log written by `device`.
fn with_writers(plan: &Plan, device: &str) -> Plan {
    let mut plan = plan.clone();
    let logs: std::collections::BTreeSet<String> =
        plan.custody.events.iter().map(|e| e.log.clone()).collect();
    for log in logs {
        plan.custody.note_writer(&log, device);
    }
    plan
}

fn prepare(server: &PgServer, name: &str, plan: &Plan, desks: usize) {
    server.database(name);
    let owner = Target::parse(&server.url(&format!("{name}_owner"), "owner", name)).unwrap();
    shared_log::block_on(async {
        let mut c = shared_log::connect(&owner).await?;
        admin::init(&mut c, &owner).await?;
        admin::register_plan(&mut c, &owner, plan.id, "Large plan").await?;
        for i in 0..desks {
            admin::add_device(&mut c, &owner, &format!("{name}_desk{i}"), plan.id, "pw").await?;
        }
        Ok::<_, SharedLogError>(())
    })
    .unwrap()
    .unwrap();
}

fn large_sync(server: &PgServer, plan: &Plan) {
    let plan = with_writers(plan, "bench");
    let mut times = Vec::new();
    for run in 0..3 {
        let name = format!("large_{run}");
        prepare(server, &name, &plan, 1);
        let target = Target::parse(&server.url(&format!("{name}_desk0"), "pw", &name)).unwrap();
        let request = SyncRequest {
            plan: plan.id,
            custody: plan.custody.clone(),
            device: "bench".to_owned(),
        };
        let started = Instant::now();
        let outcome = shared_log::block_on(async {
            let mut c = shared_log::connect(&target).await?;
            shared_log::sync(&mut c, &target, &request).await
        })
        .unwrap()
        .unwrap();
        let took = started.elapsed();
        assert_eq!(outcome.pushed_events, plan.custody.events.len());
        println!(
            "  run {}: sent {} events and {} items in {:.2} s",
            run + 1,
            outcome.pushed_events,
            outcome.pushed_items,
            took.as_secs_f64()
        );
        times.push(took);
    }
    times.sort();
    println!(
        "sync the large plan into an empty database: median {:.2} s (target < 5 s)",
        times[times.len() / 2].as_secs_f64()
    );
}

fn latency(server: &PgServer, plan: &Plan) {
    let name = "latency";
    let mut base = plan.clone();
    base.custody.events = Default::default();
    base.custody.writers.clear();
    base.custody.anchors.clear();
    prepare(server, name, &base, DESKS);
    let recorded: Arc<Mutex<HashMap<CustodyEventId, Instant>>> = Arc::default();
    let samples: Arc<Mutex<Vec<Duration>>> = Arc::default();
    std::thread::scope(|scope| {
        for desk in 0..DESKS {
            let (base, recorded, samples) = (&base, recorded.clone(), samples.clone());
            scope.spawn(move || {
                let device = format!("desk-laptop-{desk}");
                let log = format!("desk-{desk}");
                let target =
                    Target::parse(&server.url(&format!("{name}_desk{desk}"), "pw", name)).unwrap();
                let mut model = base.custody.clone();
                let worker = SyncWorker::start(
                    target,
                    base.id,
                    device.clone(),
                    model.clone(),
                    Box::new(|| {}),
                )
                .unwrap();
                let start = Instant::now() + Duration::from_millis(100 * desk as u64);
                let mut next = start;
                let end = start + Duration::from_secs(SECONDS);
                let items: Vec<_> = model.items.iter().map(|i| i.id).collect();
                let mut n = 0;
                // The first arrival of each event counts: a worker handed an older snapshot may
                // bring an event again, which `apply` ignores.
                let mut seen = std::collections::HashSet::new();
                while Instant::now() < end + Duration::from_secs(3) {
                    if Instant::now() >= next && Instant::now() < end {
                        let new = NewEvent {
                            item: items[(desk * 97 + n) % items.len()],
                            at: NaiveDate::from_ymd_opt(2027, 5, 6)
                                .unwrap()
                                .and_hms_opt(23, 0, 0)
                                .unwrap(),
                            stage: CustodyStage::ReceiptAtCount,
                            location: "Count hall".to_owned(),
                            from: "Presiding officer".to_owned(),
                            to: device.clone(),
                            seals_seen: vec!["S1".to_owned()],
                            seals_intact: true,
                            witness: String::new(),
                            notes: String::new(),
                            corrects: None,
                        };
                        let id = chain::record(&mut model, &log, new).id;
                        model.note_writer(&log, &device);
                        recorded.lock().unwrap().insert(id, Instant::now());
                        worker.update(model.clone());
                        n += 1;
                        next += Duration::from_secs(1);
                    }
                    if let Some(WorkerReport::Synced(outcome)) =
                        worker.report_within(Duration::from_millis(20))
                    {
                        let now = Instant::now();
                        let times = recorded.lock().unwrap();
                        let mut mine = samples.lock().unwrap();
                        for e in &outcome.pulled.events {
                            if let Some(at) = times.get(&e.id)
                                && seen.insert(e.id)
                            {
                                mine.push(now.duration_since(*at));
                            }
                        }
                        drop((times, mine));
                        shared_log::apply(&mut model, &outcome.pulled);
                    }
                }
            });
        }
    });
    let mut samples = samples.lock().unwrap().clone();
    samples.sort();
    let expected = recorded.lock().unwrap().len() * (DESKS - 1);
    let at = |q: f64| {
        samples
            .get(((samples.len() as f64 - 1.0) * q) as usize)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    println!(
        "{DESKS} desks at 1 event/s for {SECONDS} s: {} of {expected} arrivals timed; record on \
         one desk to another desk's model: median {:.0} ms, p95 {:.0} ms, max {:.0} ms (target < \
         2 s)",
        samples.len(),
        at(0.5),
        at(0.95),
        at(1.0)
    );
}
