//! One sync of a laptop with the shared log: claim this laptop's logs, send the events and items
//! the database lacks, check that what is stored is what was sent, and take everything else.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use sqlx::Row as _;
use sqlx::postgres::PgConnection;

use super::error::{Claim, SharedLogError};
use super::{Target, wire};
use crate::custody::chain::{self, GENESIS};
use crate::model::{Custody, CustodyEvent, CustodyItem, LogWriter, PlanId};

/// How many events one insert sends.
const BATCH: usize = 1000;

/// What to sync: a snapshot of the plan's custody section (cheap: its lists are shared) and who
/// this laptop is.
#[derive(Clone, Debug)]
pub struct SyncRequest {
    /// The plan's stable id, registered in the database.
    pub plan: PlanId,
    /// The custody section as the laptop holds it.
    pub custody: Custody,
    /// This laptop's device name (`device::device_name`).
    pub device: String,
}

/// What a sync brought back, to add to the laptop's plan with [`apply`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pulled {
    /// Events of other logs (or of this laptop's, if the database was ahead), each log's in order,
    /// every chain verified on this laptop.
    pub events: Vec<CustodyEvent>,
    /// Items the laptop did not have, or held an older version of.
    pub items: Vec<CustodyItem>,
    /// The writers of the logs, as claimed in the database.
    pub writers: Vec<LogWriter>,
}

impl Pulled {
    /// Whether nothing came back.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty() && self.items.is_empty()
    }
}

/// What one sync did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SyncOutcome {
    /// The logs this laptop writes (all claimed by it now).
    pub logs: Vec<String>,
    /// Events sent that the database lacked.
    pub pushed_events: usize,
    /// Items (or item corrections) sent.
    pub pushed_items: usize,
    /// What came back.
    pub pulled: Pulled,
    /// What could not be taken, in words (a log that does not verify is left out whole).
    pub problems: Vec<String>,
}

/// The logs this device writes, as the plan records them (`Custody::writers`), sorted.
pub fn my_logs(custody: &Custody, device: &str) -> Vec<String> {
    let logs: BTreeSet<String> = custody
        .writers
        .iter()
        .filter(|w| w.device == device)
        .map(|w| w.log.clone())
        .collect();
    logs.into_iter().collect()
}

/// How many events of this device's logs lie beyond `sent` (each log's last event the database
/// is known to hold): what waits for the network.
pub fn waiting(custody: &Custody, device: &str, sent: &HashMap<String, u64>) -> usize {
    let mine: HashSet<String> = my_logs(custody, device).into_iter().collect();
    custody
        .events
        .iter()
        .filter(|e| mine.contains(&e.log) && e.seq > sent.get(&e.log).copied().unwrap_or(0))
        .count()
}

/// What repeated syncs over one connection need not ask again: that the plan is registered and
/// allowed, which logs this device has claimed, and whether the items changed on either side
/// since the last sync. Start a fresh one for each new connection.
#[derive(Clone, Debug, Default)]
pub struct SyncState {
    plan_checked: bool,
    claimed: BTreeSet<String>,
    items: Option<(crate::model::Shared<Vec<CustodyItem>>, i64)>,
}

/// Syncs a laptop with the shared log over `connection`. Claims this laptop's logs first (any
/// claimed by another device refuses the whole sync with nothing sent), then sends what the
/// database lacks and checks it, then reads what this laptop lacks and verifies it. Nothing is
/// changed locally: add [`SyncOutcome::pulled`] with [`apply`].
pub async fn sync(
    connection: &mut PgConnection,
    target: &Target,
    request: &SyncRequest,
) -> Result<SyncOutcome, SharedLogError> {
    sync_with(connection, target, request, &mut SyncState::default()).await
}

/// [`sync`], skipping what `state` says was settled by an earlier sync over the same connection
/// (for the background worker, which syncs on every change and notification).
pub async fn sync_with(
    connection: &mut PgConnection,
    target: &Target,
    request: &SyncRequest,
    state: &mut SyncState,
) -> Result<SyncOutcome, SharedLogError> {
    let plan = request.plan.to_string();
    if !state.plan_checked {
        check_plan(connection, target, &plan).await?;
        state.plan_checked = true;
    }
    let logs = my_logs(&request.custody, &request.device);
    refuse_broken(&request.custody, &logs)?;
    if logs.iter().any(|l| !state.claimed.contains(l)) {
        claim(connection, target, &plan, &request.device, &logs).await?;
        state.claimed.extend(logs.iter().cloned());
    }
    let mut outcome = SyncOutcome {
        logs: logs.clone(),
        ..SyncOutcome::default()
    };
    let by_log = events_by_log(&request.custody);
    for log in &logs {
        let events = by_log.get(log.as_str()).map_or(&[][..], Vec::as_slice);
        outcome.pushed_events += push_log(connection, target, &plan, log, events).await?;
    }
    let newest_item = newest_item_row(connection, target, &plan).await?;
    let items_settled = state.items.as_ref().is_some_and(|(items, row)| {
        items.shares_with(&request.custody.items) && *row == newest_item
    });
    if !items_settled {
        let (pushed_items, items) = sync_items(connection, target, &plan, &request.custody).await?;
        outcome.pushed_items = pushed_items;
        outcome.pulled.items = items.0;
        outcome.problems.extend(items.1);
        let newest = if pushed_items > 0 {
            newest_item_row(connection, target, &plan).await?
        } else {
            newest_item
        };
        state.items = Some((request.custody.items.clone(), newest));
    }
    let (events, problems) = pull_events(connection, target, &plan, &request.custody).await?;
    outcome.pulled.events = events;
    outcome.problems.extend(problems);
    outcome.pulled.writers = writers(connection, target, &plan).await?;
    Ok(outcome)
}

/// Refuses a plan the database does not know, or one this role was not added to.
async fn check_plan(
    connection: &mut PgConnection,
    target: &Target,
    plan: &str,
) -> Result<(), SharedLogError> {
    let registered: bool = sqlx::query_scalar("SELECT integrity.plan_registered($1::uuid)")
        .bind(plan)
        .fetch_one(&mut *connection)
        .await
        .map_err(|e| target.working_error(e))?;
    if !registered {
        return Err(SharedLogError::NotRegistered {
            plan: plan.to_owned(),
            target: target.shown().to_owned(),
        });
    }
    let visible: i64 =
        sqlx::query_scalar("SELECT count(*) FROM integrity.plans WHERE plan_id = $1::uuid")
            .bind(plan)
            .fetch_one(&mut *connection)
            .await
            .map_err(|e| target.working_error(e))?;
    if visible == 0 {
        return Err(SharedLogError::NotAllowed {
            plan: plan.to_owned(),
            role: target.role().to_owned(),
            target: target.shown().to_owned(),
        });
    }
    Ok(())
}

/// Refuses to send a log of this laptop's whose chain is broken.
fn refuse_broken(custody: &Custody, logs: &[String]) -> Result<(), SharedLogError> {
    // Only this laptop's logs: the others are verified as they arrive.
    match chain::verify_logs(custody, logs).into_iter().next() {
        Some(broken) => Err(SharedLogError::BrokenLocalLog(broken.to_string())),
        None => Ok(()),
    }
}

/// Claims `logs` for this device in one transaction; if any is held by another device (or this
/// device under another role), rolls back and refuses with the claims, so nothing is written.
async fn claim(
    connection: &mut PgConnection,
    target: &Target,
    plan: &str,
    device: &str,
    logs: &[String],
) -> Result<(), SharedLogError> {
    if logs.is_empty() {
        return Ok(());
    }
    let fail = |e| target.working_error(e);
    let mut transaction = sqlx::Connection::begin(&mut *connection)
        .await
        .map_err(fail)?;
    sqlx::query(
        "INSERT INTO integrity.log_claims (plan_id, log, device) \
         SELECT $1::uuid, log, $2 FROM unnest($3::text[]) AS l(log) \
         ON CONFLICT (plan_id, log) DO NOTHING",
    )
    .bind(plan)
    .bind(device)
    .bind(logs)
    .execute(&mut *transaction)
    .await
    .map_err(|e| refused(target, e, "the claim of this laptop's logs"))?;
    let rows = sqlx::query(
        "SELECT log, device, claimed_by::text AS role, \
         to_char(claimed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS \"UTC\"') AS at, \
         claimed_by = current_user AS same_role \
         FROM integrity.log_claims WHERE plan_id = $1::uuid AND log = ANY($2) ORDER BY log",
    )
    .bind(plan)
    .bind(logs)
    .fetch_all(&mut *transaction)
    .await
    .map_err(fail)?;
    let mut others = Vec::new();
    for row in rows {
        let claim = Claim {
            log: row.try_get("log").map_err(fail)?,
            device: row.try_get("device").map_err(fail)?,
            role: row.try_get("role").map_err(fail)?,
            at: row.try_get("at").map_err(fail)?,
        };
        let same_role: bool = row.try_get("same_role").map_err(fail)?;
        if claim.device != device || !same_role {
            others.push(claim);
        }
    }
    if !others.is_empty() {
        transaction.rollback().await.map_err(fail)?;
        return Err(SharedLogError::Claimed(others));
    }
    transaction.commit().await.map_err(fail)
}

/// The plan's events grouped by log, each log's in its recorded order.
fn events_by_log(custody: &Custody) -> HashMap<&str, Vec<&CustodyEvent>> {
    let mut by_log: HashMap<&str, Vec<&CustodyEvent>> = HashMap::new();
    for e in custody.events.iter() {
        by_log.entry(e.log.as_str()).or_default().push(e);
    }
    by_log
}

/// The last event the database holds of a log: its place and hash.
async fn server_head(
    connection: &mut PgConnection,
    target: &Target,
    plan: &str,
    log: &str,
) -> Result<Option<(u64, String)>, SharedLogError> {
    let row = sqlx::query(
        "SELECT seq, hash FROM integrity.events WHERE plan_id = $1::uuid AND log = $2 \
         ORDER BY seq DESC LIMIT 1",
    )
    .bind(plan)
    .bind(log)
    .fetch_optional(&mut *connection)
    .await
    .map_err(|e| target.working_error(e))?;
    let Some(row) = row else {
        return Ok(None);
    };
    let seq: i64 = row.try_get("seq").map_err(|e| target.working_error(e))?;
    let hash: String = row.try_get("hash").map_err(|e| target.working_error(e))?;
    Ok(Some((u64::try_from(seq).unwrap_or(0), hash)))
}

/// Sends the events of one of this laptop's logs that the database lacks, in batches, and checks
/// that what is stored under each id is what was sent. Returns how many were sent.
async fn push_log(
    connection: &mut PgConnection,
    target: &Target,
    plan: &str,
    log: &str,
    events: &[&CustodyEvent],
) -> Result<usize, SharedLogError> {
    let head = server_head(connection, target, plan, log).await?;
    let from = match &head {
        None => 0,
        Some((seq, hash)) => {
            // The hash chain means one matching hash vouches for every event before it.
            match events.iter().find(|e| e.seq == *seq) {
                Some(local) if local.hash == *hash => *seq,
                Some(local) => {
                    return Err(SharedLogError::Conflict {
                        log: log.to_owned(),
                        detail: format!(
                            "event #{seq} in the database ({}) is not this laptop's ({})",
                            crate::custody::anchors::short(hash),
                            crate::custody::anchors::short(&local.hash)
                        ),
                    });
                }
                // The database is ahead of this laptop (a plan restored from an older copy): the
                // pull brings the rest back after checking where the two meet.
                None => return Ok(0),
            }
        }
    };
    let pending: Vec<&CustodyEvent> = events.iter().copied().filter(|e| e.seq > from).collect();
    let mut previous = events
        .iter()
        .find(|e| e.seq == from)
        .map_or_else(|| GENESIS.to_owned(), |e| e.hash.clone());
    let mut sent = 0;
    for batch in pending.chunks(BATCH) {
        let mut ids = Vec::with_capacity(batch.len());
        let mut seqs = Vec::with_capacity(batch.len());
        let mut previous_hashes = Vec::with_capacity(batch.len());
        let mut canonicals = Vec::with_capacity(batch.len());
        let mut hashes = Vec::with_capacity(batch.len());
        for e in batch {
            ids.push(e.id.to_string());
            seqs.push(i64::try_from(e.seq).unwrap_or(i64::MAX));
            previous_hashes.push(std::mem::replace(&mut previous, e.hash.clone()));
            canonicals.push(chain::canonical(e));
            hashes.push(e.hash.clone());
        }
        sqlx::query(
            "INSERT INTO integrity.events \
             (event_id, plan_id, log, seq, previous_hash, canonical, hash) \
             SELECT id::uuid, $1::uuid, $2, seq, previous_hash, canonical, hash \
             FROM unnest($3::text[], $4::int8[], $5::text[], $6::text[], $7::text[]) \
             AS t(id, seq, previous_hash, canonical, hash) \
             ON CONFLICT (event_id) DO NOTHING",
        )
        .bind(plan)
        .bind(log)
        .bind(&ids)
        .bind(&seqs)
        .bind(&previous_hashes)
        .bind(&canonicals)
        .bind(&hashes)
        .execute(&mut *connection)
        .await
        .map_err(|e| refused(target, e, &format!("events of log \u{201c}{log}\u{201d}")))?;
        compare_stored(connection, target, plan, log, batch).await?;
        sent += batch.len();
    }
    Ok(sent)
}

/// Checks that the database holds each event of `batch` under its id, in its log and place, with
/// its hash (which the server recomputed from the text, so the same hash is the same content). An
/// id stored with other content is a conflict, not a success.
async fn compare_stored(
    connection: &mut PgConnection,
    target: &Target,
    plan: &str,
    log: &str,
    batch: &[&CustodyEvent],
) -> Result<(), SharedLogError> {
    let ids: Vec<String> = batch.iter().map(|e| e.id.to_string()).collect();
    let rows = sqlx::query(
        "SELECT event_id::text AS id, plan_id::text AS plan, log, seq, hash \
         FROM integrity.events WHERE event_id = ANY($1::uuid[])",
    )
    .bind(&ids)
    .fetch_all(&mut *connection)
    .await
    .map_err(|e| target.working_error(e))?;
    let fail = |e| target.working_error(e);
    let mut stored: HashMap<String, (String, String, i64, String)> = HashMap::new();
    for row in rows {
        stored.insert(
            row.try_get("id").map_err(fail)?,
            (
                row.try_get("plan").map_err(fail)?,
                row.try_get("log").map_err(fail)?,
                row.try_get("seq").map_err(fail)?,
                row.try_get("hash").map_err(fail)?,
            ),
        );
    }
    for e in batch {
        let id = e.id.to_string();
        let Some((stored_plan, stored_log, stored_seq, stored_hash)) = stored.get(&id) else {
            return Err(SharedLogError::Conflict {
                log: log.to_owned(),
                detail: format!(
                    "event #{} ({id}) was not stored: its id is already used in the database \
                     by a plan this role cannot see",
                    e.seq
                ),
            });
        };
        let same = stored_plan == plan
            && stored_log == log
            && u64::try_from(*stored_seq).ok() == Some(e.seq)
            && *stored_hash == e.hash;
        if !same {
            return Err(SharedLogError::Conflict {
                log: log.to_owned(),
                detail: format!(
                    "the database already holds event {id} with other content (log \
                     \u{201c}{stored_log}\u{201d} #{stored_seq}, hash {}), not this laptop's \
                     #{} (hash {})",
                    crate::custody::anchors::short(stored_hash),
                    e.seq,
                    crate::custody::anchors::short(&e.hash)
                ),
            });
        }
    }
    Ok(())
}

/// Names what the server refused and why, in words, for a failed insert.
fn refused(target: &Target, error: sqlx::Error, what: &str) -> SharedLogError {
    let Some(db) = error.as_database_error() else {
        return target.working_error(error);
    };
    let code = db.code().map(|c| c.into_owned()).unwrap_or_default();
    let constraint = db.constraint().unwrap_or("").to_owned();
    let detail = match (code.as_str(), constraint.as_str()) {
        (_, "hash_recomputed") => "the server recomputed a hash from the event's text and it \
             does not match the hash sent: the event was changed after it was recorded, or forged"
            .to_owned(),
        (_, "genesis") => "the first event of a log must follow the genesis hash".to_owned(),
        (_, "canonical_names_the_row") => {
            "an event's text names another id, log or place than the row".to_owned()
        }
        ("23503", c) if c.contains("previous") => {
            "an event does not follow its predecessor's hash in the database's copy of \
             the log (the log forked, or events were renumbered)"
                .to_owned()
        }
        ("23503", _) => "the log is not claimed by this role in the database".to_owned(),
        ("23505", _) => {
            "another event already holds that place in the log (two writers?)".to_owned()
        }
        ("42501", _) => format!(
            "role {} may not write this: {}",
            target.role(),
            db.message()
        ),
        _ => return target.working_error(error),
    };
    SharedLogError::Refused {
        what: what.to_owned(),
        detail,
    }
}

/// The number of the plan's newest item row (0 for none): a change means items changed.
async fn newest_item_row(
    connection: &mut PgConnection,
    target: &Target,
    plan: &str,
) -> Result<i64, SharedLogError> {
    sqlx::query_scalar(
        "SELECT coalesce(max(row_no), 0)::int8 FROM integrity.items WHERE plan_id = $1::uuid",
    )
    .bind(plan)
    .fetch_one(&mut *connection)
    .await
    .map_err(|e| target.working_error(e))
}

/// The item versions the database holds, oldest first, by item id.
type ItemVersions = BTreeMap<String, Vec<(i32, String)>>;

async fn item_versions(
    connection: &mut PgConnection,
    target: &Target,
    plan: &str,
) -> Result<ItemVersions, SharedLogError> {
    let rows = sqlx::query(
        "SELECT item_id::text AS id, version, content FROM integrity.items \
         WHERE plan_id = $1::uuid ORDER BY item_id, version",
    )
    .bind(plan)
    .fetch_all(&mut *connection)
    .await
    .map_err(|e| target.working_error(e))?;
    let fail = |e| target.working_error(e);
    let mut versions = ItemVersions::new();
    for row in rows {
        versions
            .entry(row.try_get("id").map_err(fail)?)
            .or_default()
            .push((
                row.try_get("version").map_err(fail)?,
                row.try_get("content").map_err(fail)?,
            ));
    }
    Ok(versions)
}

/// Sends items the database lacks and this laptop's corrections (an item whose content is no
/// version the database holds), then returns the items to take: new ones, and newer versions of
/// ones this laptop holds an older version of. Returns (sent, (items, problems)).
async fn sync_items(
    connection: &mut PgConnection,
    target: &Target,
    plan: &str,
    custody: &Custody,
) -> Result<(usize, (Vec<CustodyItem>, Vec<String>)), SharedLogError> {
    let before = item_versions(connection, target, plan).await?;
    let mut local: HashMap<String, String> = HashMap::new();
    let (mut ids, mut versions, mut contents) = (Vec::new(), Vec::new(), Vec::new());
    for item in custody.items.iter() {
        let id = item.id.to_string();
        let Ok(content) = serde_json::to_string(item) else {
            continue;
        };
        let next = match before.get(&id) {
            None => Some(1),
            Some(stored) if stored.iter().any(|(_, c)| *c == content) => None,
            Some(stored) => Some(stored.last().map_or(1, |(v, _)| v + 1)),
        };
        if let Some(version) = next {
            ids.push(id.clone());
            versions.push(version);
            contents.push(content.clone());
        }
        local.insert(id, content);
    }
    let sent = ids.len();
    if sent > 0 {
        sqlx::query(
            "INSERT INTO integrity.items (plan_id, item_id, version, content) \
             SELECT $1::uuid, id::uuid, version, content \
             FROM unnest($2::text[], $3::int4[], $4::text[]) AS t(id, version, content) \
             ON CONFLICT (plan_id, item_id, version) DO NOTHING",
        )
        .bind(plan)
        .bind(&ids)
        .bind(&versions)
        .bind(&contents)
        .execute(&mut *connection)
        .await
        .map_err(|e| refused(target, e, "custody items"))?;
    }
    let after = if sent > 0 {
        item_versions(connection, target, plan).await?
    } else {
        before
    };
    let mut take = Vec::new();
    let mut problems = Vec::new();
    for (id, stored) in &after {
        let Some((_, latest)) = stored.last() else {
            continue;
        };
        match local.get(id) {
            Some(mine) if mine == latest => continue,
            // This laptop's version is one the database superseded: take the newest.
            Some(mine) if stored.iter().any(|(_, c)| c == mine) => {}
            Some(_) => {
                problems.push(format!(
                    "item {id} was corrected on another desk at the same time as here; this \
                     laptop's version was kept (sync again to send it as a further correction)"
                ));
                continue;
            }
            None => {}
        }
        match serde_json::from_str::<CustodyItem>(latest) {
            Ok(item) if item.id.to_string() == *id => take.push(item),
            Ok(_) | Err(_) => problems.push(format!(
                "item {id} in the database is not one this version can read; it was left out"
            )),
        }
    }
    Ok((sent, (take, problems)))
}

/// Reads every event beyond this laptop's head of each log, with the head itself to check where
/// the two copies meet, and verifies each log's chain on from there. A log that does not verify
/// is left out whole and reported.
async fn pull_events(
    connection: &mut PgConnection,
    target: &Target,
    plan: &str,
    custody: &Custody,
) -> Result<(Vec<CustodyEvent>, Vec<String>), SharedLogError> {
    let heads = local_heads(custody);
    let logs: Vec<String> = heads.keys().cloned().collect();
    let seqs: Vec<i64> = heads
        .values()
        .map(|(seq, _)| i64::try_from(*seq).unwrap_or(i64::MAX))
        .collect();
    let rows = sqlx::query(
        "SELECT e.log, e.seq, e.canonical, e.hash FROM integrity.events e \
         LEFT JOIN unnest($2::text[], $3::int8[]) AS h(log, seq) ON h.log = e.log \
         WHERE e.plan_id = $1::uuid AND e.seq >= coalesce(h.seq, 1) \
         ORDER BY e.log, e.seq",
    )
    .bind(plan)
    .bind(&logs)
    .bind(&seqs)
    .fetch_all(&mut *connection)
    .await
    .map_err(|e| target.working_error(e))?;
    let fail = |e| target.working_error(e);
    let mut pulled = Vec::new();
    let mut problems = Vec::new();
    let mut current: Option<(String, u64, String)> = None;
    let mut bad: HashSet<String> = HashSet::new();
    let mut log_start = 0;
    for row in rows {
        let log: String = row.try_get("log").map_err(fail)?;
        let seq: i64 = row.try_get("seq").map_err(fail)?;
        let seq = u64::try_from(seq).unwrap_or(0);
        let canonical: String = row.try_get("canonical").map_err(fail)?;
        let hash: String = row.try_get("hash").map_err(fail)?;
        if current.as_ref().is_none_or(|(l, _, _)| *l != log) {
            let (head_seq, head_hash) = heads
                .get(&log)
                .cloned()
                .unwrap_or_else(|| (0, GENESIS.to_owned()));
            current = Some((log.clone(), head_seq, head_hash));
            log_start = pulled.len();
        }
        if bad.contains(&log) {
            continue;
        }
        let Some((_, head_seq, previous)) = current.as_mut() else {
            continue;
        };
        let problem = if seq == *head_seq {
            (hash != *previous).then(|| {
                format!(
                    "log \u{201c}{log}\u{201d} #{seq} in the database is not this laptop's: the \
                     log forked; none of its new events were taken"
                )
            })
        } else if seq != *head_seq + 1 {
            Some(format!(
                "log \u{201c}{log}\u{201d} in the database jumps from #{head_seq} to #{seq}; none \
                 of its new events were taken"
            ))
        } else {
            match wire::parse_canonical(&canonical, &hash) {
                Ok(event)
                    if event.log == log
                        && event.seq == seq
                        && chain::compute_hash(previous, &event) == hash =>
                {
                    *head_seq = seq;
                    *previous = hash;
                    pulled.push(event);
                    None
                }
                Ok(_) => Some(format!(
                    "log \u{201c}{log}\u{201d} #{seq} in the database does not verify against \
                     its chain; none of its new events were taken"
                )),
                Err(why) => Some(format!(
                    "log \u{201c}{log}\u{201d} #{seq} in the database cannot be read: {why}; none \
                     of its new events were taken"
                )),
            }
        };
        if let Some(problem) = problem {
            problems.push(problem);
            bad.insert(log);
            pulled.truncate(log_start);
        }
    }
    Ok((pulled, problems))
}

/// Each log's last place and hash on this laptop.
fn local_heads(custody: &Custody) -> BTreeMap<String, (u64, String)> {
    // Borrowed while walking the log (no string copied per event), owned once per log at the end.
    let mut heads: BTreeMap<&str, (u64, &str)> = BTreeMap::new();
    for e in custody.events.iter() {
        let entry = heads.entry(e.log.as_str()).or_insert((0, GENESIS));
        if e.seq > entry.0 {
            *entry = (e.seq, e.hash.as_str());
        }
    }
    heads
        .into_iter()
        .map(|(log, (seq, hash))| (log.to_owned(), (seq, hash.to_owned())))
        .collect()
}

/// The devices that claimed the plan's logs.
async fn writers(
    connection: &mut PgConnection,
    target: &Target,
    plan: &str,
) -> Result<Vec<LogWriter>, SharedLogError> {
    let rows = sqlx::query(
        "SELECT log, device FROM integrity.log_claims WHERE plan_id = $1::uuid ORDER BY log",
    )
    .bind(plan)
    .fetch_all(&mut *connection)
    .await
    .map_err(|e| target.working_error(e))?;
    let fail = |e| target.working_error(e);
    rows.into_iter()
        .map(|row| {
            Ok(LogWriter {
                log: row.try_get("log").map_err(fail)?,
                device: row.try_get("device").map_err(fail)?,
            })
        })
        .collect()
}

/// Adds what a sync brought back to `custody`. Safe to call twice with the same outcome, or with
/// an outcome older than what the plan now holds: an event is added only where it extends its
/// log's chain, and an item only where it is new or newer. Returns how many events were added.
pub fn apply(custody: &mut Custody, pulled: &Pulled) -> usize {
    let mut heads = local_heads(custody);
    // Which of the arrivals the plan already holds (a set of the arrivals, not of the whole log).
    let incoming: HashSet<crate::model::CustodyEventId> =
        pulled.events.iter().map(|e| e.id).collect();
    let known: HashSet<crate::model::CustodyEventId> = custody
        .events
        .iter()
        .map(|e| e.id)
        .filter(|id| incoming.contains(id))
        .collect();
    let mut added = Vec::new();
    for event in &pulled.events {
        let head = heads
            .entry(event.log.clone())
            .or_insert_with(|| (0, GENESIS.to_owned()));
        if event.seq == head.0 + 1
            && !known.contains(&event.id)
            && chain::compute_hash(&head.1, event) == event.hash
        {
            *head = (event.seq, event.hash.clone());
            added.push(event.clone());
        }
    }
    let count = added.len();
    if count > 0 {
        custody.events.extend(added);
    }
    if !pulled.items.is_empty() {
        let index: HashMap<crate::model::CustodyItemId, usize> = custody
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| (item.id, i))
            .collect();
        let items = &mut *custody.items;
        for item in &pulled.items {
            match index.get(&item.id) {
                Some(&i) => items[i] = item.clone(),
                None => items.push(item.clone()),
            }
        }
    }
    let logs_with_events: HashSet<&str> = custody.events.iter().map(|e| e.log.as_str()).collect();
    let writers: Vec<&LogWriter> = pulled
        .writers
        .iter()
        .filter(|w| logs_with_events.contains(w.log.as_str()))
        .collect();
    let mut new_writers = Vec::new();
    for w in writers {
        if !custody.writers.contains(w) {
            new_writers.push(w.clone());
        }
    }
    for w in new_writers {
        custody.note_writer(&w.log, &w.device);
    }
    // Events are only appended, each log's in order, so a screen's caches extend rather than
    // rebuild; `custody sync` puts the file in canonical order before it saves.
    count
}
