//! PDF and workbook export of the large plan at N = 1, 2 and 4 (target at N = 4: the whole
//! `export` command < 1.2 s), on all cores and on one (the bytes are the same either way).

#![allow(clippy::expect_used, clippy::print_stderr)] // set-up failures stop the benchmark loudly

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use integrity_planner::export::{self, Profile};
use integrity_planner::scale::{Scale, bench_scales, large_plan};

fn bench(c: &mut Criterion) {
    let poll = NaiveDate::from_ymd_opt(2027, 5, 6).expect("date");
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool");
    for n in bench_scales() {
        let plan = large_plan(Scale::SPEC.times(n), poll).expect("large plan");
        let bytes = export::plan_pdf(&plan, Profile::Full).expect("export");
        eprintln!("large plan N = {n}: PDF of {} bytes", bytes.len());
        let mut group = c.benchmark_group(format!("export, N = {n}"));
        group.sample_size(10);
        group.bench_function("PDF, full", |b| {
            b.iter(|| black_box(export::plan_pdf(black_box(&plan), Profile::Full).expect("pdf")))
        });
        group.bench_function("PDF, full, one thread", |b| {
            b.iter(|| {
                one.install(|| black_box(export::plan_pdf(&plan, Profile::Full).expect("pdf")))
            })
        });
        group.bench_function("custody sheets", |b| {
            b.iter(|| {
                black_box(
                    export::custody_sheets_pdf(black_box(&plan), Profile::Full).expect("sheets"),
                )
            })
        });
        group.bench_function("workbook, full", |b| {
            b.iter(|| {
                black_box(
                    export::workbook::workbook(black_box(&plan), Profile::Full).expect("workbook"),
                )
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
