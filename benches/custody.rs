//! The custody log of the large plan at N = 1, 2 and 4 (30,000 to 120,000 events): verifying the
//! hash chains, every custody check, merging, and importing the whole log from CSV into an empty
//! one (target at N = 4: the `custody import` command < 3 s; the duplicate check is a hash lookup).

#![allow(clippy::expect_used)] // set-up failures should stop the benchmark loudly

use std::hint::black_box;

use chrono::{Duration, NaiveDate};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use integrity_planner::custody::csv::{ImportOptions, export, import};
use integrity_planner::custody::{anomalies, merge, verify};
use integrity_planner::scale::{Scale, bench_scales, large_plan};

fn bench(c: &mut Criterion) {
    let poll = NaiveDate::from_ymd_opt(2027, 5, 6).expect("date");
    let now = (poll + Duration::days(30))
        .and_hms_opt(12, 0, 0)
        .expect("time");
    for n in bench_scales() {
        let plan = large_plan(Scale::SPEC.times(n), poll).expect("large plan");
        assert_eq!(plan.custody.events.len(), 30_000 * n);
        let mut group = c.benchmark_group(format!("custody, N = {n}"));
        group.sample_size(10);
        group.bench_function("verify hash chains", |b| {
            b.iter(|| black_box(verify(black_box(&plan.custody))));
        });
        group.bench_function("verify + every check", |b| {
            b.iter(|| black_box(anomalies(black_box(&plan.custody), now)));
        });
        let (mut half, mut other) = (plan.custody.clone(), plan.custody.clone());
        half.events.retain(|e| e.log.as_str() < "laptop-6");
        other.events.retain(|e| e.log.as_str() >= "laptop-6");
        group.bench_function("merge two halves", |b| {
            b.iter(|| {
                let mut base = half.clone();
                black_box(merge(&mut base, black_box(&other)))
            });
        });
        let csv = export(&plan.custody, plan.id).expect("csv");
        let mut empty = plan.custody.clone();
        empty.events = Vec::new().into();
        empty.anchors.clear();
        empty.writers.clear();
        let options = ImportOptions {
            default_log: "import",
            device: "bench",
            plan: plan.id,
            poll_date: poll,
            allow_other_plan: false,
        };
        group.bench_function("import the whole log from CSV into an empty one", |b| {
            b.iter_batched(
                || empty.clone(),
                |mut custody| black_box(import(&mut custody, &csv, &options).expect("import")),
                BatchSize::LargeInput,
            );
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
