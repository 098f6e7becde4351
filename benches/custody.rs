//! Verifying the hash chains and running every custody check on the large plan (30,000 events).

#![allow(clippy::expect_used)] // set-up failures should stop the benchmark loudly

use std::hint::black_box;

use chrono::{Duration, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use integrity_planner::custody::{anomalies, merge, verify};
use integrity_planner::scale::{Scale, large_plan};

fn bench(c: &mut Criterion) {
    let poll = NaiveDate::from_ymd_opt(2027, 5, 6).expect("date");
    let plan = large_plan(Scale::SPEC, poll).expect("large plan");
    assert_eq!(plan.custody.events.len(), 30_000);
    let now = (poll + Duration::days(30))
        .and_hms_opt(12, 0, 0)
        .expect("time");

    let mut group = c.benchmark_group("custody, 30,000 events");
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
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
