//! Progress across the hall: items received at the count against those expected, per log (each
//! desk's) and in all, as the database holds them.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;
use sqlx::Row as _;
use sqlx::postgres::PgConnection;

use super::{SharedLogError, Target};
use crate::model::{CustodyItem, CustodyStage, PlanId};

/// One log's progress.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LogProgress {
    /// The log (a desk).
    pub log: String,
    /// The device that writes it.
    pub device: String,
    /// Events in the database.
    pub events: u64,
    /// Expected items this log recorded as received at the count.
    pub received: u64,
    /// When the server received the log's newest event (UTC), if any.
    pub last_received_at: Option<String>,
}

/// The hall's progress.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// The plan.
    pub plan: String,
    /// Items expected at the count.
    pub expected: u64,
    /// Expected items received at the count, on any desk.
    pub received: u64,
    /// Items received at the count that were not expected there.
    pub unexpected: u64,
    /// Events in the database, all logs.
    pub events: u64,
    /// Each log, by name.
    pub logs: Vec<LogProgress>,
}

/// Reads the hall's progress for `plan`.
pub async fn progress(
    connection: &mut PgConnection,
    target: &Target,
    plan: PlanId,
) -> Result<Progress, SharedLogError> {
    let plan_text = plan.to_string();
    let fail = |e| target.working_error(e);
    let registered: bool = sqlx::query_scalar("SELECT integrity.plan_registered($1::uuid)")
        .bind(&plan_text)
        .fetch_one(&mut *connection)
        .await
        .map_err(fail)?;
    if !registered {
        return Err(SharedLogError::NotRegistered {
            plan: plan_text,
            target: target.shown().to_owned(),
        });
    }
    let items = sqlx::query(
        "SELECT DISTINCT ON (item_id) item_id::text AS id, content FROM integrity.items \
         WHERE plan_id = $1::uuid ORDER BY item_id, version DESC",
    )
    .bind(&plan_text)
    .fetch_all(&mut *connection)
    .await
    .map_err(fail)?;
    let mut expected: HashSet<String> = HashSet::new();
    for row in items {
        let id: String = row.try_get("id").map_err(fail)?;
        let content: String = row.try_get("content").map_err(fail)?;
        if serde_json::from_str::<CustodyItem>(&content).is_ok_and(|i| i.expected_at_count) {
            expected.insert(id);
        }
    }
    let logs = sqlx::query(
        "SELECT e.log, coalesce(c.device, '') AS device, count(*) AS events, \
         to_char(max(e.received_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS last \
         FROM integrity.events e LEFT JOIN integrity.log_claims c \
         ON c.plan_id = e.plan_id AND c.log = e.log \
         WHERE e.plan_id = $1::uuid GROUP BY e.log, c.device ORDER BY e.log",
    )
    .bind(&plan_text)
    .fetch_all(&mut *connection)
    .await
    .map_err(fail)?;
    let mut by_log: BTreeMap<String, LogProgress> = BTreeMap::new();
    for row in logs {
        let log: String = row.try_get("log").map_err(fail)?;
        let events: i64 = row.try_get("events").map_err(fail)?;
        by_log.insert(
            log.clone(),
            LogProgress {
                log,
                device: row.try_get("device").map_err(fail)?,
                events: u64::try_from(events).unwrap_or(0),
                received: 0,
                last_received_at: row.try_get("last").map_err(fail)?,
            },
        );
    }
    let receipts = sqlx::query(
        "SELECT log, canonical::json ->> 4 AS item FROM integrity.events \
         WHERE plan_id = $1::uuid AND canonical::json ->> 6 = $2",
    )
    .bind(&plan_text)
    .bind(CustodyStage::ReceiptAtCount.key())
    .fetch_all(&mut *connection)
    .await
    .map_err(fail)?;
    let mut received: HashSet<String> = HashSet::new();
    let mut unexpected: HashSet<String> = HashSet::new();
    let mut per_log: HashSet<(String, String)> = HashSet::new();
    for row in receipts {
        let log: String = row.try_get("log").map_err(fail)?;
        let item: String = row.try_get("item").map_err(fail)?;
        if expected.contains(&item) {
            if per_log.insert((log.clone(), item.clone()))
                && let Some(p) = by_log.get_mut(&log)
            {
                p.received += 1;
            }
            received.insert(item);
        } else {
            unexpected.insert(item);
        }
    }
    let logs: Vec<LogProgress> = by_log.into_values().collect();
    Ok(Progress {
        plan: plan_text,
        expected: expected.len() as u64,
        received: received.len() as u64,
        unexpected: unexpected.len() as u64,
        events: logs.iter().map(|l| l.events).sum(),
        logs,
    })
}
