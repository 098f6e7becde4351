//! The shared custody log against a real PostgreSQL server the tests start themselves (see
//! `pg_server`): many desks at once, claims, offline desks, a server killed mid-sync, what a
//! device's role may not do, forged events, and the command line's messages.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod pg_server;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use integrity_planner::custody::chain::{self, NewEvent};
use integrity_planner::model::{Custody, CustodyItem, CustodyItemId, CustodyStage, ItemKind, Plan};
use integrity_planner::shared_log::{
    self, SharedLogError, SyncOutcome, SyncRequest, Target, admin,
};
use integrity_planner::storage;
use integrity_planner::ui::{Command, PlannerApp};
use pg_server::PgServer;

/// One server for the whole test binary (each test has a database of its own).
fn server() -> &'static PgServer {
    static SERVER: OnceLock<PgServer> = OnceLock::new();
    SERVER.get_or_init(PgServer::start_for_process)
}

const DEVICE_PASSWORD: &str = "desk-password";

fn plan(items: usize) -> Plan {
    let template = integrity_planner::templates::find("english-local").unwrap();
    let poll = NaiveDate::from_ymd_opt(2027, 5, 6).unwrap();
    let mut plan = template
        .instantiate(poll, poll - chrono::Duration::days(90))
        .unwrap();
    plan.custody.events = Default::default();
    plan.custody.writers.clear();
    plan.custody.anchors.clear();
    let mut list = Vec::new();
    for i in 0..items {
        list.push(CustodyItem {
            id: CustodyItemId::new(),
            kind: ItemKind::BallotBox,
            label: format!("BOX{i:04}"),
            polling_station: None,
            book_ranges: Vec::new(),
            expected_seals: vec![format!("S{i}")],
            expected_at_count: true,
            contents: None,
        });
    }
    plan.custody.items = list.into();
    plan
}

/// Records `n` receipts in `log` on `device`.
fn record(custody: &mut Custody, log: &str, device: &str, n: usize) {
    let items: Vec<CustodyItemId> = custody.items.iter().map(|i| i.id).collect();
    let start = custody.events.iter().filter(|e| e.log == log).count();
    let mut head = chain::head(custody, log);
    for k in 0..n {
        let new = NewEvent {
            item: items[(start + k) % items.len()],
            at: NaiveDate::from_ymd_opt(2027, 5, 6)
                .unwrap()
                .and_hms_opt(22, 0, 0)
                .unwrap()
                + chrono::Duration::seconds((start + k) as i64),
            stage: CustodyStage::ReceiptAtCount,
            location: "Count hall".to_owned(),
            from: "Presiding officer".to_owned(),
            to: format!("Desk {log}"),
            seals_seen: vec!["S1".to_owned()],
            seals_intact: true,
            witness: String::new(),
            notes: format!("n\u{e9}{k}"),
            corrects: None,
        };
        let event = chain::append(
            custody,
            log,
            integrity_planner::model::CustodyEventId::new(),
            new,
            &head,
        );
        head = (event.seq, event.hash.clone());
    }
    custody.note_writer(log, device);
}

/// A database with the schema, `plan` registered and `desks` device roles `{name}_desk{i}`.
fn setup(name: &str, plan: &Plan, desks: usize) {
    let server = server();
    server.database(name);
    let owner = Target::parse(&server.url(&format!("{name}_owner"), "owner", name)).unwrap();
    shared_log::block_on(async {
        let mut c = shared_log::connect(&owner).await?;
        admin::init(&mut c, &owner).await?;
        admin::register_plan(&mut c, &owner, plan.id, "Test plan").await?;
        for i in 0..desks {
            admin::add_device(
                &mut c,
                &owner,
                &format!("{name}_desk{i}"),
                plan.id,
                DEVICE_PASSWORD,
            )
            .await?;
        }
        Ok::<_, SharedLogError>(())
    })
    .unwrap()
    .unwrap();
}

fn desk_target(server: &PgServer, name: &str, desk: usize) -> Target {
    Target::parse(&server.url(&format!("{name}_desk{desk}"), DEVICE_PASSWORD, name)).unwrap()
}

/// Syncs `custody` as desk `desk` and applies what came back.
fn sync(
    target: &Target,
    plan: &Plan,
    custody: &mut Custody,
    device: &str,
) -> Result<SyncOutcome, SharedLogError> {
    let request = SyncRequest {
        plan: plan.id,
        custody: custody.clone(),
        device: device.to_owned(),
    };
    let outcome = shared_log::block_on(async {
        let mut c = shared_log::connect(target).await?;
        shared_log::sync(&mut c, target, &request).await
    })
    .unwrap()?;
    shared_log::apply(custody, &outcome.pulled);
    Ok(outcome)
}

fn count(name: &str, sql_where: &str) -> usize {
    server()
        .psql(
            name,
            &format!("SELECT count(*) FROM integrity.events WHERE {sql_where}"),
        )
        .parse()
        .unwrap()
}

fn assert_whole(custody: &Custody, events: usize) {
    assert_eq!(custody.events.len(), events);
    let ids: HashSet<_> = custody.events.iter().map(|e| e.id).collect();
    assert_eq!(ids.len(), events, "every event once");
    assert_eq!(chain::verify(custody), Vec::new(), "every chain intact");
}

#[test]
fn ten_desks_on_ten_logs_see_every_event_once_with_every_chain_intact() {
    let name = "ten_desks";
    let base = plan(100);
    setup(name, &base, 10);
    let server = server();
    let desks: Vec<Custody> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..10)
            .map(|i| {
                let base = &base;
                scope.spawn(move || {
                    let mut custody = base.custody.clone();
                    let device = format!("laptop-{i}");
                    record(&mut custody, &format!("desk-{i}"), &device, 1000);
                    let target = desk_target(server, name, i);
                    sync(&target, base, &mut custody, &device).unwrap();
                    custody
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(count(name, "true"), 10_000);
    for (i, mut custody) in desks.into_iter().enumerate() {
        let target = desk_target(server, name, i);
        let outcome = sync(&target, &base, &mut custody, &format!("laptop-{i}")).unwrap();
        assert_eq!(outcome.pushed_events, 0, "nothing sent twice");
        assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
        assert_whole(&custody, 10_000);
        assert_eq!(custody.items.len(), 100);
        // A second sync brings nothing more.
        let again = sync(&target, &base, &mut custody, &format!("laptop-{i}")).unwrap();
        assert!(again.pulled.is_empty() && again.pushed_events == 0);
    }
    assert_eq!(count(name, "true"), 10_000);
}

#[test]
fn a_second_device_is_refused_a_claimed_log_with_nothing_written() {
    let name = "claimed";
    let base = plan(5);
    setup(name, &base, 2);
    let server = server();
    let mut first = base.custody.clone();
    record(&mut first, "desk-a", "laptop-a", 3);
    sync(&desk_target(server, name, 0), &base, &mut first, "laptop-a").unwrap();
    // Another laptop records in a log of its own and in the claimed one.
    let mut second = base.custody.clone();
    record(&mut second, "desk-b", "laptop-b", 2);
    record(&mut second, "desk-a", "laptop-b", 4);
    let before = second.clone();
    let error = sync(
        &desk_target(server, name, 1),
        &base,
        &mut second,
        "laptop-b",
    )
    .unwrap_err();
    match &error {
        SharedLogError::Claimed(claims) => {
            assert_eq!(claims.len(), 1);
            assert_eq!(claims[0].log, "desk-a");
            assert_eq!(claims[0].device, "laptop-a");
        }
        other => panic!("expected a claim refusal, got {other}"),
    }
    assert!(error.to_string().contains("nothing was sent"), "{error}");
    assert_eq!(second, before);
    assert_eq!(count(name, "log = 'desk-a'"), 3);
    assert_eq!(count(name, "log = 'desk-b'"), 0, "nothing written");
    assert_eq!(
        server.psql(
            name,
            "SELECT count(*) FROM integrity.log_claims WHERE log = 'desk-b'"
        ),
        "0",
        "not even the other log's claim"
    );
}

#[test]
fn a_desk_offline_for_500_events_catches_up_and_everyone_converges() {
    let name = "offline";
    let base = plan(20);
    setup(name, &base, 2);
    let server = server();
    let (a, b) = (desk_target(server, name, 0), desk_target(server, name, 1));
    let mut desk_a = base.custody.clone();
    let mut desk_b = base.custody.clone();
    record(&mut desk_a, "desk-a", "laptop-a", 10);
    sync(&a, &base, &mut desk_a, "laptop-a").unwrap();
    // Desk A loses the network: recording carries on, and a sync says it is offline.
    record(&mut desk_a, "desk-a", "laptop-a", 500);
    let closed = Target::parse(&format!(
        "postgres://{name}_desk0:{DEVICE_PASSWORD}@127.0.0.1:{}/{name}?sslmode=disable",
        closed_port()
    ))
    .unwrap();
    let error = sync(&closed, &base, &mut desk_a, "laptop-a").unwrap_err();
    assert!(error.is_offline(), "{error}");
    assert!(error.to_string().contains("cannot reach"), "{error}");
    let sent = std::collections::HashMap::from([("desk-a".to_owned(), 10)]);
    assert_eq!(shared_log::waiting(&desk_a, "laptop-a", &sent), 500);
    // Meanwhile desk B records and syncs.
    record(&mut desk_b, "desk-b", "laptop-b", 30);
    sync(&b, &base, &mut desk_b, "laptop-b").unwrap();
    // Desk A is back.
    let outcome = sync(&a, &base, &mut desk_a, "laptop-a").unwrap();
    assert_eq!(outcome.pushed_events, 500);
    assert_eq!(outcome.pulled.events.len(), 30);
    sync(&b, &base, &mut desk_b, "laptop-b").unwrap();
    assert_whole(&desk_a, 540);
    assert_whole(&desk_b, 540);
    assert_eq!(count(name, "true"), 540);
}

/// A port nothing listens on.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

#[test]
fn the_server_killed_mid_sync_and_restarted_then_a_retry_converges() {
    // A server of its own: the others' must not die.
    let own = PgServer::start();
    let name = "killed";
    own.database(name);
    let base = plan(10);
    let owner = Target::parse(&own.url(&format!("{name}_owner"), "owner", name)).unwrap();
    shared_log::block_on(async {
        let mut c = shared_log::connect(&owner).await?;
        admin::init(&mut c, &owner).await?;
        admin::register_plan(&mut c, &owner, base.id, "Killed").await?;
        admin::add_device(&mut c, &owner, "killed_desk0", base.id, DEVICE_PASSWORD).await?;
        Ok::<_, SharedLogError>(())
    })
    .unwrap()
    .unwrap();
    let target = Target::parse(&own.url("killed_desk0", DEVICE_PASSWORD, name)).unwrap();
    let mut custody = base.custody.clone();
    record(&mut custody, "desk-k", "laptop-k", 30_000);
    let before = custody.clone();
    let first = std::thread::scope(|scope| {
        let syncing = scope.spawn(|| {
            let mut copy = custody.clone();
            sync(&target, &base, &mut copy, "laptop-k")
        });
        // Kill the server once the first batch is in.
        let started = std::time::Instant::now();
        loop {
            let out = own.try_psql(name, "SELECT count(*) FROM integrity.events");
            let n: usize = String::from_utf8_lossy(&out.stdout)
                .trim()
                .parse()
                .unwrap_or(0);
            if n > 0 || syncing.is_finished() {
                break;
            }
            assert!(started.elapsed().as_secs() < 120, "the sync never started");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        own.kill();
        syncing.join().unwrap()
    });
    let error = first.expect_err("the sync should fail when the server dies under it");
    assert!(error.is_offline(), "{error}");
    assert_eq!(custody, before, "nothing lost or changed on the laptop");
    own.start_server();
    let stored: usize = own
        .psql(name, "SELECT count(*) FROM integrity.events")
        .parse()
        .unwrap();
    assert!(stored < 30_000, "the kill came mid-sync ({stored} stored)");
    let outcome = sync(&target, &base, &mut custody, "laptop-k").unwrap();
    assert_eq!(outcome.pushed_events, 30_000 - stored);
    assert_eq!(
        own.psql(
            name,
            "SELECT count(*), count(DISTINCT seq), max(seq) FROM integrity.events"
        ),
        "30000|30000|30000"
    );
    assert_whole(&custody, 30_000);
}

/// Runs one statement as a device and returns the SQLSTATE it failed with.
fn refused_code(target: &Target, sql: &str) -> String {
    shared_log::block_on(async {
        let mut c = shared_log::connect(target).await.unwrap();
        match sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
            .execute(&mut c)
            .await
        {
            Ok(_) => "accepted".to_owned(),
            Err(e) => e
                .as_database_error()
                .and_then(|d| d.code())
                .map(|c| c.into_owned())
                .unwrap_or_else(|| e.to_string()),
        }
    })
    .unwrap()
}

#[test]
fn the_device_role_may_only_read_and_add_and_only_its_own_plan() {
    let name = "device_role";
    let base = plan(3);
    setup(name, &base, 1);
    let server = server();
    let target = desk_target(server, name, 0);
    let mut custody = base.custody.clone();
    record(&mut custody, "desk-r", "laptop-r", 2);
    sync(&target, &base, &mut custody, "laptop-r").unwrap();
    for sql in [
        "UPDATE integrity.events SET canonical = canonical",
        "DELETE FROM integrity.events",
        "TRUNCATE integrity.events",
        "UPDATE integrity.items SET version = version + 1",
        "DELETE FROM integrity.log_claims",
        "TRUNCATE integrity.log_claims",
        "DELETE FROM integrity.plans",
        "INSERT INTO integrity.plans (plan_id, name) VALUES (gen_random_uuid(), 'mine')",
    ] {
        assert_eq!(refused_code(&target, sql), "42501", "{sql}");
    }
    // The server-stamped columns: a copy of a stored row with received_at or inserted_by set.
    let third = &custody.events[1];
    let e3 = {
        let mut next = custody.clone();
        record(&mut next, "desk-r", "laptop-r", 1);
        next.events.last().unwrap().clone()
    };
    for (column, value) in [
        ("received_at", "'2020-01-01'"),
        ("inserted_by", "'postgres'"),
    ] {
        let sql = format!(
            "INSERT INTO integrity.events (event_id, plan_id, log, seq, previous_hash, canonical, \
             hash, {column}) VALUES ('{}', '{}', 'desk-r', 3, '{}', {}, '{}', {value})",
            e3.id,
            base.id,
            third.hash,
            admin::literal(&chain::canonical(&e3)),
            e3.hash
        );
        assert_eq!(refused_code(&target, &sql), "42501", "{column}");
    }
    // Without them, the same row is accepted: the refusals were for the stamped columns.
    let sql = format!(
        "INSERT INTO integrity.events (event_id, plan_id, log, seq, previous_hash, canonical, \
         hash) VALUES ('{}', '{}', 'desk-r', 3, '{}', {}, '{}')",
        e3.id,
        base.id,
        third.hash,
        admin::literal(&chain::canonical(&e3)),
        e3.hash
    );
    assert_eq!(refused_code(&target, &sql), "accepted");
    assert_eq!(
        server.psql(
            name,
            "SELECT inserted_by FROM integrity.events WHERE seq = 3"
        ),
        "device_role_desk0"
    );
    // Row-level security: another plan's device sees none of this plan's rows.
    let other = plan(1);
    let owner = Target::parse(&server.url(&format!("{name}_owner"), "owner", name)).unwrap();
    shared_log::block_on(async {
        let mut c = shared_log::connect(&owner).await?;
        admin::register_plan(&mut c, &owner, other.id, "Other").await?;
        admin::add_device(&mut c, &owner, "device_role_other", other.id, "x").await?;
        Ok::<_, SharedLogError>(())
    })
    .unwrap()
    .unwrap();
    let stranger = Target::parse(&server.url("device_role_other", "x", name)).unwrap();
    let seen: i64 = shared_log::block_on(async {
        let mut c = shared_log::connect(&stranger).await.unwrap();
        sqlx::query_scalar("SELECT count(*) FROM integrity.events")
            .fetch_one(&mut c)
            .await
            .unwrap()
    })
    .unwrap();
    assert_eq!(seen, 0);
    let mut custody = base.custody.clone();
    record(&mut custody, "desk-x", "laptop-x", 1);
    let error = sync(&stranger, &base, &mut custody, "laptop-x").unwrap_err();
    assert!(
        matches!(error, SharedLogError::NotAllowed { .. }),
        "{error}"
    );
}

#[test]
fn a_forged_or_rehashed_event_is_refused_by_the_server() {
    let name = "forged";
    let base = plan(3);
    setup(name, &base, 1);
    let server = server();
    let target = desk_target(server, name, 0);
    let mut custody = base.custody.clone();
    record(&mut custody, "desk-f", "laptop-f", 3);
    sync(&target, &base, &mut custody, "laptop-f").unwrap();
    let mut next = custody.clone();
    record(&mut next, "desk-f", "laptop-f", 1);
    let good = next.events.last().unwrap().clone();
    let insert = |canonical: &str, previous: &str, hash: &str, seq: u64| {
        format!(
            "INSERT INTO integrity.events (event_id, plan_id, log, seq, previous_hash, canonical, \
             hash) VALUES ('{}', '{}', 'desk-f', {seq}, '{previous}', {}, '{hash}')",
            good.id,
            base.id,
            admin::literal(canonical)
        )
    };
    let previous = custody.events[2].hash.clone();
    // The text changed after hashing: the server's own hash differs.
    let forged = chain::canonical(&good).replace("Count hall", "Car park");
    let sql = insert(&forged, &previous, &good.hash, 4);
    let error = server_error(&target, &sql);
    assert!(error.contains("hash_recomputed"), "{error}");
    // Re-hashed consistently but chained on something else: no predecessor has that hash.
    let mut rehashed = good.clone();
    rehashed.location = "Car park".to_owned();
    let fake_previous = "1".repeat(64);
    rehashed.hash = chain::compute_hash(&fake_previous, &rehashed);
    let sql = insert(
        &chain::canonical(&rehashed),
        &fake_previous,
        &rehashed.hash,
        4,
    );
    let error = server_error(&target, &sql);
    assert!(error.contains("previous"), "{error}");
    // A rewritten event #2, re-hashed on #1: that place is taken.
    let mut second = custody.events[1].clone();
    second.id = good.id;
    second.location = "Car park".to_owned();
    second.hash = chain::compute_hash(&custody.events[0].hash, &second);
    let sql = insert(
        &chain::canonical(&second),
        &custody.events[0].hash,
        &second.hash,
        2,
    );
    let error = server_error(&target, &sql);
    assert!(error.contains("23505"), "{error}");
    // The text names another place than the row.
    let sql = insert(&chain::canonical(&good), &previous, &good.hash, 5);
    let error = server_error(&target, &sql);
    assert!(error.contains("canonical_names_the_row"), "{error}");
    assert_eq!(count(name, "true"), 3);
    // And a laptop whose own file was edited by hand does not send it.
    let mut edited = next.clone();
    if let Some(e) = edited.events.last_mut() {
        e.notes.push('!');
    }
    let error = sync(&target, &base, &mut edited, "laptop-f").unwrap_err();
    assert!(
        matches!(error, SharedLogError::BrokenLocalLog(_)),
        "{error}"
    );
}

fn server_error(target: &Target, sql: &str) -> String {
    shared_log::block_on(async {
        let mut c = shared_log::connect(target).await.unwrap();
        match sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
            .execute(&mut c)
            .await
        {
            Ok(_) => "accepted".to_owned(),
            Err(e) => {
                let db = e.as_database_error().unwrap();
                format!(
                    "{} {} {}",
                    db.code().unwrap_or_default(),
                    db.constraint().unwrap_or(""),
                    db.message()
                )
            }
        }
    })
    .unwrap()
}

/// The program run as a laptop whose data folder (and so device name) is `data`, with `PGPASSFILE`
/// set and no password in the environment.
/// Writes a password file only its owner may read (else it is ignored, as libpq ignores it).
fn pgpass(path: &Path, text: impl AsRef<[u8]>) {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::write(path, text).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
}

fn laptop(data: &Path, passfile: &Path) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_integrity-planner"));
    command
        .env("INTEGRITY_PLANNER_DATA", data)
        .env("PGPASSFILE", passfile)
        .env_remove("PGPASSWORD")
        .env_remove("INTEGRITY_PLANNER_DB");
    command
}

#[test]
fn the_command_line_administers_syncs_and_explains_each_failure() {
    let name = "cli";
    let server = server();
    server.database(name);
    let dir = tempfile::tempdir().unwrap();
    let owner_pass = dir.path().join("owner.pgpass");
    pgpass(
        &owner_pass,
        format!("127.0.0.1:{}:{name}:{name}_owner:owner\n", server.port),
    );
    let owner_url = server.url_without_password(&format!("{name}_owner"), name);
    let data_a = dir.path().join("laptop-a");
    let data_b = dir.path().join("laptop-b");
    // The plan, with a log recorded on laptop A.
    let mut base = plan(4);
    let device_a = integrity_planner::device::device_name(&data_a);
    let device_b = integrity_planner::device::device_name(&data_b);
    record(&mut base.custody, "desk-a", &device_a, 5);
    let plan_a = dir.path().join("a.plan.ron");
    integrity_planner::storage::save(&mut base.clone(), &plan_a).unwrap();

    // An unregistered plan is refused, before db init and after.
    let out = laptop(&data_a, &owner_pass)
        .args(["custody", "sync"])
        .arg(&plan_a)
        .args(["--db", &owner_url])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        common::stderr(&out).contains("has not been set up"),
        "{}",
        common::stderr(&out)
    );
    assert!(
        common::stderr(&out).contains("hint: the administrator runs `integrity-planner db init")
    );

    let out = laptop(&data_a, &owner_pass)
        .args(["db", "init", "--db", &owner_url])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(common::stdout(&out).contains("CREATE TABLE integrity.events"));
    let again = laptop(&data_a, &owner_pass)
        .args(["db", "init", "--db", &owner_url])
        .output()
        .unwrap();
    assert!(common::stdout(&again).contains("already up to date"));

    let out = laptop(&data_a, &owner_pass)
        .args(["custody", "sync"])
        .arg(&plan_a)
        .args(["--db", &owner_url])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = common::stderr(&out);
    assert!(
        err.contains(&format!("plan {} is not registered", base.id)),
        "{err}"
    );
    assert!(err.contains("db register-plan"), "{err}");

    let out = laptop(&data_a, &owner_pass)
        .args(["db", "register-plan"])
        .arg(&plan_a)
        .args(["--db", &owner_url])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(common::stdout(&out).contains("INSERT INTO integrity.plans"));

    // Adding a device prints its ~/.pgpass line; the laptop uses it and nothing else.
    let out = laptop(&data_a, &owner_pass)
        .args(["db", "add-device", "cli_desk_a", "--plan"])
        .arg(&plan_a)
        .args(["--db", &owner_url])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let printed = common::stdout(&out);
    assert!(
        printed.contains("CREATE ROLE \"cli_desk_a\" LOGIN PASSWORD '\u{2026}'"),
        "{printed}"
    );
    assert!(
        printed.contains("GRANT integrity_device TO \"cli_desk_a\""),
        "{printed}"
    );
    let pgpass_line = printed
        .lines()
        .find(|l| l.starts_with("127.0.0.1:"))
        .unwrap()
        .to_owned();
    let pass_a = dir.path().join("a.pgpass");
    pgpass(&pass_a, format!("{pgpass_line}\n"));
    let desk_a_url = server.url_without_password("cli_desk_a", name);

    let out = laptop(&data_a, &pass_a)
        .args(["custody", "sync"])
        .arg(&plan_a)
        .args(["--db", &desk_a_url])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(
        common::stdout(&out).contains("sent 5 events and 4 items"),
        "{}",
        common::stdout(&out)
    );

    let out = laptop(&data_a, &pass_a)
        .args(["custody", "status"])
        .arg(&plan_a)
        .args(["--db", &desk_a_url, "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["expected"], 4);
    assert_eq!(json["received"], 4);
    assert_eq!(json["events"], 5);
    assert_eq!(json["logs"][0]["log"], "desk-a");
    assert_eq!(json["waiting_on_this_laptop"], 0);

    // A wrong password.
    let wrong = dir.path().join("wrong.pgpass");
    pgpass(&wrong, "*:*:*:cli_desk_a:not-the-password\n");
    let out = laptop(&data_a, &wrong)
        .args(["custody", "sync"])
        .arg(&plan_a)
        .args(["--db", &desk_a_url])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = common::stderr(&out);
    assert!(
        err.contains("refused the password of role \u{201c}cli_desk_a\u{201d}"),
        "{err}"
    );
    assert!(
        err.contains("hint: check the password for role cli_desk_a in ~/.pgpass"),
        "{err}"
    );

    // An unreachable server.
    let out = laptop(&data_a, &pass_a)
        .args(["custody", "sync"])
        .arg(&plan_a)
        .args([
            "--db",
            &format!(
                "postgres://cli_desk_a@127.0.0.1:{}/{name}?sslmode=disable",
                closed_port()
            ),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(common::stderr(&out).contains("cannot reach the database server"));

    // Laptop B, with its own role, recording in A's log as well as its own: refused up front.
    let out = laptop(&data_a, &owner_pass)
        .args(["db", "add-device", "cli_desk_b", "--plan"])
        .arg(&plan_a)
        .args(["--db", &owner_url, "--password-stdin"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write as _;
            child.stdin.take().unwrap().write_all(b"b-secret\n")?;
            child.wait_with_output()
        })
        .unwrap();
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(!common::stdout(&out).contains("b-secret"));
    let pass_b = dir.path().join("b.pgpass");
    pgpass(&pass_b, "*:*:*:cli_desk_b:b-secret\n");
    let mut copy = base.clone();
    record(&mut copy.custody, "desk-b", &device_b, 2);
    record(&mut copy.custody, "desk-a", &device_b, 1);
    let plan_b = dir.path().join("b.plan.ron");
    integrity_planner::storage::save(&mut copy, &plan_b).unwrap();
    let bytes_before = std::fs::read(&plan_b).unwrap();
    let out = laptop(&data_b, &pass_b)
        .args(["custody", "sync"])
        .arg(&plan_b)
        .args(["--db", &server.url_without_password("cli_desk_b", name)])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = common::stderr(&out);
    assert!(err.contains("another device already writes"), "{err}");
    assert!(err.contains(&device_a), "{err}");
    assert!(err.contains("hint: one log has one writer"), "{err}");
    assert_eq!(
        std::fs::read(&plan_b).unwrap(),
        bytes_before,
        "the plan is unchanged"
    );
    assert_eq!(count(name, "true"), 5);

    // A password on the command line works but is warned about.
    let out = laptop(&data_a, &wrong)
        .args(["custody", "status"])
        .arg(&plan_a)
        .args(["--db", &server.url(&format!("{name}_owner"), "owner", name)])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(common::stderr(&out).contains("warning: the database address holds a password"));
    assert!(common::stdout(&out).contains("received at the count: 4 of 4 expected (100%)"));
}

#[test]
fn the_background_worker_sends_at_once_receives_and_says_when_offline() {
    use integrity_planner::shared_log::worker::{SyncWorker, WorkerReport};

    let name = "worker";
    let base = plan(5);
    setup(name, &base, 2);
    let server = server();
    let mut desk_a = base.custody.clone();
    let desk_b = base.custody.clone();
    let a = SyncWorker::start(
        desk_target(server, name, 0),
        base.id,
        "laptop-a".to_owned(),
        desk_a.clone(),
        Box::new(|| {}),
    )
    .unwrap();
    let b = SyncWorker::start(
        desk_target(server, name, 1),
        base.id,
        "laptop-b".to_owned(),
        desk_b.clone(),
        Box::new(|| {}),
    )
    .unwrap();
    // Both report in step first.
    for worker in [&a, &b] {
        let report = worker.report_within(Duration::from_secs(30)).unwrap();
        assert!(matches!(report, WorkerReport::Synced(_)), "{report:?}");
    }
    // A records: B's model receives it. (How soon is measured in `benches/shared_log.rs`, not
    // asserted here: a test does not assert a timing.)
    record(&mut desk_a, "desk-a", "laptop-a", 3);
    a.update(desk_a.clone());
    let mut model_b = desk_b;
    let deadline = Instant::now() + Duration::from_secs(30);
    while model_b.events.len() < 3 && Instant::now() < deadline {
        if let Some(WorkerReport::Synced(outcome)) = b.report_within(Duration::from_millis(200)) {
            shared_log::apply(&mut model_b, &outcome.pulled);
        }
    }
    assert_eq!(model_b.events.len(), 3);
    assert_whole(&model_b, 3);
    drop(a);
    drop(b);

    // A worker that cannot reach the server says so, with what waits.
    let closed = Target::parse(&format!(
        "postgres://{name}_desk0:{DEVICE_PASSWORD}@127.0.0.1:{}/{name}?sslmode=disable",
        closed_port()
    ))
    .unwrap();
    let mut offline = desk_a.clone();
    record(&mut offline, "desk-a", "laptop-a", 12);
    let c = SyncWorker::start(
        closed,
        base.id,
        "laptop-a".to_owned(),
        offline,
        Box::new(|| {}),
    )
    .unwrap();
    let report = c.report_within(Duration::from_secs(30)).unwrap();
    assert_eq!(report.summary(), "offline \u{2014} 15 events waiting");
}

#[test]
fn a_laptop_restored_from_an_older_copy_takes_its_log_back_and_the_owner_can_delete_a_plan() {
    let name = "restored";
    let base = plan(4);
    setup(name, &base, 1);
    let server = server();
    let target = desk_target(server, name, 0);
    let mut custody = base.custody.clone();
    record(&mut custody, "desk-r", "laptop-r", 5);
    let older = custody.clone();
    record(&mut custody, "desk-r", "laptop-r", 7);
    sync(&target, &base, &mut custody, "laptop-r").unwrap();
    // The laptop's file is restored from the copy with 5 events: the database gives back 7.
    let mut restored = older;
    let outcome = sync(&target, &base, &mut restored, "laptop-r").unwrap();
    assert_eq!(outcome.pushed_events, 0);
    assert_eq!(outcome.pulled.events.len(), 7);
    assert_eq!(restored.events, custody.events);
    // A laptop whose log forked from the database's (its own #6 differs) is told so, and sends
    // nothing.
    let mut forked = custody.clone();
    forked.events.truncate(5);
    record(&mut forked, "desk-r", "laptop-r", 9);
    let error = sync(&target, &base, &mut forked, "laptop-r").unwrap_err();
    assert!(matches!(error, SharedLogError::Conflict { .. }), "{error}");
    assert_eq!(count(name, "true"), 12);
    // The README's deletion procedure, run as the owner.
    let id = base.id;
    let owner = Target::parse(&server.url(&format!("{name}_owner"), "owner", name)).unwrap();
    shared_log::block_on(async {
        let mut c = shared_log::connect(&owner).await.unwrap();
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            "BEGIN; \
             DELETE FROM integrity.events WHERE plan_id = '{id}'; \
             DELETE FROM integrity.items WHERE plan_id = '{id}'; \
             DELETE FROM integrity.log_claims WHERE plan_id = '{id}'; \
             DELETE FROM integrity.device_roles WHERE plan_id = '{id}'; \
             DELETE FROM integrity.plans WHERE plan_id = '{id}'; \
             COMMIT;"
        )))
        .execute(&mut c)
        .await
        .unwrap();
    })
    .unwrap();
    assert_eq!(count(name, "true"), 0);
    let error = sync(&target, &base, &mut custody, "laptop-r").unwrap_err();
    assert!(
        matches!(error, SharedLogError::NotRegistered { .. }),
        "{error}"
    );
}

// The editor window: Custody ▸ Connect to shared log.

/// Answers "open" with the plan; the test needs no other dialog.
struct OpenThis(PathBuf);

impl integrity_planner::ui::Dialogs for OpenThis {
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
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("Database address").type_text(address);
    harness.run();
    harness.get_by_label("Connect").click();
    harness.run();
}

#[test]
fn the_window_takes_another_desks_events_sends_its_own_and_says_when_offline() {
    let server = server();
    let name = "count_hall";
    let mut base = plan(4);
    setup(name, &base, 2);

    // Another desk receives five boxes and sends them.
    let mut other = base.custody.clone();
    record(&mut other, "desk-1", "laptop-b", 5);
    sync(&desk_target(server, name, 1), &base, &mut other, "laptop-b").unwrap();

    // This laptop has received three in its own log.
    let data = tempfile::tempdir().unwrap();
    let device = integrity_planner::device::device_name(data.path());
    record(&mut base.custody, "desk-0", &device, 3);
    let path = data.path().join("count.plan.ron");
    storage::save(&mut base.clone(), &path).unwrap();
    let mut app = PlannerApp::with(data.path().to_owned(), Box::new(OpenThis(path)), None);
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

    // An address that is not PostgreSQL's is refused in the dialog, which stays open to put it
    // right.
    connect(&mut harness, "mysql://desk@count-db/custody");
    assert!(!harness.state().is_linked());
    harness.get_by_label_contains("is not a PostgreSQL address");
    harness.get_by_label_contains("Write it as postgres://ROLE@HOST:5432/DATABASE");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.query_by_label("Database address").is_none());

    // Custody ▸ Connect to shared log…, as desk 0.
    connect(
        &mut harness,
        &server.url("count_hall_desk0", DEVICE_PASSWORD, name),
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
    run_until(&mut harness, |_| count(name, "log = 'desk-0'") == 3);
    assert_eq!(count(name, "log = 'desk-0'"), 3, "this laptop's three sent");
    let state = harness.state().shared_log_state().unwrap().to_owned();
    assert_eq!(
        state,
        "in step \u{2014} 3 events sent and 5 taken since connecting"
    );
    // The status bar says where it is connected, never the password.
    harness.get_by_label_contains("Shared log (count_hall_desk0@127.0.0.1");
    assert!(harness.query_by_label_contains(DEVICE_PASSWORD).is_none());

    // Disconnect, and connect to a server that is not there: offline, with what waits (a new
    // link starts afresh, so this laptop's three events count as waiting until it reaches one).
    harness.get_by_label("Custody").click();
    harness.run();
    harness.get_by_label("Disconnect from shared log").click();
    harness.run();
    assert!(!harness.state().is_linked());
    let closed = closed_port();
    connect(
        &mut harness,
        &format!(
            "postgres://count_hall_desk0:{DEVICE_PASSWORD}@127.0.0.1:{closed}/{name}?sslmode=disable"
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
