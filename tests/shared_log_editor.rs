//! Custody ▸ Connect to shared log in the editor window, against a real PostgreSQL server (see
//! `pg_server`): the window takes another desk's events, sends its own, and says when it is
//! offline and how many events wait.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod pg_server;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use integrity_planner::custody::chain::{self, NewEvent};
use integrity_planner::model::{
    Custody, CustodyEventId, CustodyItem, CustodyItemId, CustodyStage, ItemKind, Plan,
};
use integrity_planner::shared_log::{self, SharedLogError, SyncRequest, Target, admin};
use integrity_planner::storage;
use integrity_planner::ui::{Command, Dialogs, PlannerApp};
use pg_server::PgServer;

const PASSWORD: &str = "desk-password";

/// Answers "open" with the plan; the test needs no other dialog.
struct OpenThis(PathBuf);

impl Dialogs for OpenThis {
    fn open_plan(&mut self) -> Option<PathBuf> {
        Some(self.0.clone())
    }
    fn save_plan(&mut self, _: &str) -> Option<PathBuf> {
        None
    }
    fn save_pdf(&mut self, _: &str) -> Option<PathBuf> {
        None
    }
    fn open_table(&mut self, _: &str) -> Option<PathBuf> {
        None
    }
    fn save_workbook(&mut self, _: &str) -> Option<PathBuf> {
        None
    }
    fn available(&self) -> bool {
        true
    }
}

/// A plan with `items` ballot boxes and no custody events.
fn plan(items: usize) -> Plan {
    let template = integrity_planner::templates::find("english-local").unwrap();
    let poll = NaiveDate::from_ymd_opt(2027, 5, 6).unwrap();
    let mut plan = template
        .instantiate(poll, poll - chrono::Duration::days(90))
        .unwrap();
    plan.custody.events = Default::default();
    plan.custody.writers.clear();
    plan.custody.anchors.clear();
    plan.custody.items = (0..items)
        .map(|i| CustodyItem {
            id: CustodyItemId::new(),
            kind: ItemKind::BallotBox,
            label: format!("BOX{i:04}"),
            polling_station: None,
            book_ranges: Vec::new(),
            expected_seals: vec![format!("S{i}")],
            expected_at_count: true,
            contents: None,
        })
        .collect::<Vec<_>>()
        .into();
    plan
}

/// Records `n` receipts at the count in `log` on `device`.
fn record(custody: &mut Custody, log: &str, device: &str, n: usize) {
    let items: Vec<CustodyItemId> = custody.items.iter().map(|i| i.id).collect();
    for k in 0..n {
        let head = chain::head(custody, log);
        let new = NewEvent {
            item: items[k % items.len()],
            at: NaiveDate::from_ymd_opt(2027, 5, 6)
                .unwrap()
                .and_hms_opt(22, 0, 0)
                .unwrap()
                + chrono::Duration::minutes(k as i64),
            stage: CustodyStage::ReceiptAtCount,
            location: "Count hall".to_owned(),
            from: "Presiding officer".to_owned(),
            to: format!("Desk {log}"),
            seals_seen: vec![format!("S{}", k % items.len())],
            seals_intact: true,
            witness: String::new(),
            notes: String::new(),
            corrects: None,
        };
        chain::append(custody, log, CustodyEventId::new(), new, &head);
    }
    custody.note_writer(log, device);
}

fn count_in(server: &PgServer, database: &str, log: &str) -> usize {
    server
        .psql(
            database,
            &format!("SELECT count(*) FROM integrity.events WHERE log = '{log}'"),
        )
        .parse()
        .unwrap()
}

/// Runs frames until `done` holds, for at most a minute (the worker is on its own thread).
fn run_until(
    harness: &mut Harness<'static, PlannerApp>,
    mut done: impl FnMut(&PlannerApp) -> bool,
) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !done(harness.state()) && Instant::now() < deadline {
        harness.run();
        std::thread::sleep(Duration::from_millis(50));
    }
    harness.run();
}

fn connect(harness: &mut Harness<'static, PlannerApp>, address: &str) {
    harness.get_by_label("Custody").click();
    harness.run();
    harness.get_by_label("Connect to shared log…").click();
    harness.run();
    harness.get_by_label("Database address").focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("Database address").type_text(address);
    harness.run();
    harness.get_by_label("Connect").click();
    harness.run();
}

#[test]
fn the_window_takes_another_desks_events_sends_its_own_and_says_when_offline() {
    let server = PgServer::start_for_process();
    let name = "count_hall";
    server.database(name);
    let mut base = plan(4);
    let owner = Target::parse(&server.url("count_hall_owner", "owner", name)).unwrap();
    shared_log::block_on(async {
        let mut c = shared_log::connect(&owner).await?;
        admin::init(&mut c, &owner).await?;
        admin::register_plan(&mut c, &owner, base.id, "Count night").await?;
        for desk in ["count_hall_desk0", "count_hall_desk1"] {
            admin::add_device(&mut c, &owner, desk, base.id, PASSWORD).await?;
        }
        Ok::<_, SharedLogError>(())
    })
    .unwrap()
    .unwrap();

    // Another desk receives five boxes and sends them.
    let mut other = base.custody.clone();
    record(&mut other, "desk-1", "laptop-b", 5);
    let desk1 = Target::parse(&server.url("count_hall_desk1", PASSWORD, name)).unwrap();
    let request = SyncRequest {
        plan: base.id,
        custody: other,
        device: "laptop-b".to_owned(),
    };
    shared_log::block_on(async {
        let mut c = shared_log::connect(&desk1).await?;
        shared_log::sync(&mut c, &desk1, &request).await
    })
    .unwrap()
    .unwrap();

    // This laptop has received three in its own log.
    let data = tempfile::tempdir().unwrap();
    let device = integrity_planner::device::device_name(data.path());
    record(&mut base.custody, "desk-0", &device, 3);
    let path = data.path().join("count.plan.ron");
    storage::save(&mut base.clone(), &path).unwrap();
    let mut app = PlannerApp::with(
        data.path().to_owned(),
        Box::new(OpenThis(path)),
        None,
    );
    app.command(Command::Open);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_context_setup(|ctx| {
            integrity_planner::ui::install_fonts(ctx);
            ctx.all_styles_mut(|style| style.animation_time = 0.0);
        })
        .build_ui_state(|ui, app: &mut PlannerApp| app.show(ui), app);
    harness.run();
    assert_eq!(harness.state().plan().unwrap().custody.events.len(), 3);

    // Custody ▸ Connect to shared log…, as desk 0.
    connect(
        &mut harness,
        &server.url("count_hall_desk0", PASSWORD, name),
    );
    assert!(harness.state().is_linked());
    run_until(&mut harness, |app| {
        app.plan().is_some_and(|p| p.custody.events.len() == 8)
    });
    let plan = harness.state().plan().unwrap();
    assert_eq!(
        plan.custody.events.len(),
        8,
        "the other desk's five arrived"
    );
    assert!(
        chain::verify(&plan.custody).is_empty(),
        "every chain intact"
    );
    assert!(harness.state().is_dirty(), "the arrivals are to be saved");
    run_until(&mut harness, |_| count_in(&server, name, "desk-0") == 3);
    assert_eq!(
        count_in(&server, name, "desk-0"),
        3,
        "this laptop's three sent"
    );
    let state = harness.state().shared_log_state().unwrap().to_owned();
    assert_eq!(state, "in step \u{2014} 3 events sent and 5 taken since connecting");
    // The status bar says where it is connected, never the password.
    harness.get_by_label_contains("Shared log (count_hall_desk0@127.0.0.1");
    assert!(harness.query_by_label_contains(PASSWORD).is_none());

    // Disconnect, and connect to a server that is not there: offline, with what waits (a new
    // link starts afresh, so this laptop's three events count as waiting until it reaches one).
    harness.get_by_label("Custody").click();
    harness.run();
    harness.get_by_label("Disconnect from shared log").click();
    harness.run();
    assert!(!harness.state().is_linked());
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    connect(
        &mut harness,
        &format!(
            "postgres://count_hall_desk0:{PASSWORD}@127.0.0.1:{closed}/{name}?sslmode=disable"
        ),
    );
    run_until(&mut harness, |app| {
        app.shared_log_state()
            .is_some_and(|s| s.starts_with("offline"))
    });
    assert_eq!(
        harness.state().shared_log_state(),
        Some("offline \u{2014} 3 events waiting")
    );
    harness.get_by_label_contains("offline \u{2014} 3 events waiting");
}
