//! CPU cost of one editor frame on each screen with the large plan at N = 1, 2 and 4 (target: < 8 ms
//! at N = 4), run headless: the whole window is laid out and tessellated, nothing is drawn to a GPU.

#![allow(clippy::expect_used)] // set-up failures should stop the benchmark loudly

use std::hint::black_box;
use std::path::PathBuf;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use integrity_planner::model::Section;
use integrity_planner::scale::{Scale, bench_scales, large_plan};
use integrity_planner::storage;
use integrity_planner::ui::{Command, Dialogs, PlannerApp};

struct Open(PathBuf);

impl Dialogs for Open {
    fn open_plan(&mut self) -> Option<PathBuf> {
        Some(self.0.clone())
    }
    fn save_plan(&mut self, _: &str) -> Option<PathBuf> {
        None
    }
    fn save_pdf(&mut self, _: &str) -> Option<PathBuf> {
        None
    }
}

fn bench(c: &mut Criterion) {
    for n in bench_scales() {
        frames(c, n);
    }
}

fn frames(c: &mut Criterion, n: usize) {
    let poll = NaiveDate::from_ymd_opt(2027, 5, 6).expect("date");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("large.plan.ron");
    storage::save(
        &mut large_plan(Scale::SPEC.times(n), poll).expect("large plan"),
        &path,
    )
    .expect("save");
    let now = poll.and_hms_opt(23, 0, 0).expect("time");
    let mut app = PlannerApp::with(dir.path().join("data"), Box::new(Open(path)), Some(now));
    app.command(Command::Open);
    let ctx = egui::Context::default();
    integrity_planner::ui::install_fonts(&ctx);
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1600.0, 1000.0),
        )),
        ..Default::default()
    };
    let mut group = c.benchmark_group(format!("frame, large plan, N = {n}"));
    for section in Section::ALL {
        app.select(*section);
        // The first frames build and cache the screen's rows; the benchmark measures the frames after.
        for _ in 0..3 {
            let output = ctx.run_ui(input(), |ui| app.show(ui));
            black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
        }
        group.bench_function(section.key(), |b| {
            b.iter(|| {
                let output = ctx.run_ui(input(), |ui| app.show(ui));
                black_box(ctx.tessellate(output.shapes, output.pixels_per_point))
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
