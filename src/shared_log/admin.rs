//! The administrator's side: setting up the schema, registering a plan, adding a device's role.
//! Each returns the SQL it ran, for the administrator's records (passwords never shown).

use sqlx::Row as _;
use sqlx::postgres::PgConnection;

use super::{MIGRATOR, SharedLogError, Target};
use crate::model::PlanId;

/// What an administrator command did: the statements it ran, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ran {
    /// Each statement as run (a password replaced by `'…'`).
    pub statements: Vec<String>,
    /// A line for the administrator, if any (e.g. nothing was needed).
    pub note: Option<String>,
}

/// Runs the migrations not yet applied. Returns their SQL.
pub async fn init(connection: &mut PgConnection, target: &Target) -> Result<Ran, SharedLogError> {
    let applied: Vec<i64> = match sqlx::query_scalar::<_, i64>(
        "SELECT version FROM _sqlx_migrations WHERE success ORDER BY version",
    )
    .fetch_all(&mut *connection)
    .await
    {
        Ok(versions) => versions,
        Err(e) if is_undefined_table(&e) => Vec::new(),
        Err(e) => return Err(target.working_error(e)),
    };
    MIGRATOR.run(&mut *connection).await.map_err(|e| match e {
        sqlx::migrate::MigrateError::Execute(e) => target.working_error(e),
        other => SharedLogError::Database {
            target: target.shown().to_owned(),
            detail: format!("the schema could not be brought up to date: {other}"),
        },
    })?;
    let mut ran = Ran::default();
    for migration in MIGRATOR.iter() {
        if !applied.contains(&migration.version) {
            ran.statements.push(format!(
                "-- migration {} {}\n{}",
                migration.version,
                migration.description,
                migration.sql.as_str().trim_end()
            ));
        }
    }
    if ran.statements.is_empty() {
        ran.note = Some("the schema was already up to date; nothing was run".to_owned());
    }
    Ok(ran)
}

fn is_undefined_table(error: &sqlx::Error) -> bool {
    error
        .as_database_error()
        .and_then(|d| d.code())
        .is_some_and(|c| c == "42P01")
}

/// `text` as an SQL string literal.
pub fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// `name` as an SQL identifier.
fn identifier(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Registers a plan so that devices may sync it. Registering it again changes nothing.
pub async fn register_plan(
    connection: &mut PgConnection,
    target: &Target,
    plan: PlanId,
    name: &str,
) -> Result<Ran, SharedLogError> {
    let sql = format!(
        "INSERT INTO integrity.plans (plan_id, name) VALUES ({}, {}) \
         ON CONFLICT (plan_id) DO NOTHING",
        literal(&plan.to_string()),
        literal(name)
    );
    let done = sqlx::raw_sql(sqlx::AssertSqlSafe(sql.clone()))
        .execute(&mut *connection)
        .await
        .map_err(|e| target.working_error(e))?;
    Ok(Ran {
        statements: vec![sql],
        note: (done.rows_affected() == 0)
            .then(|| format!("plan {plan} was already registered; nothing changed")),
    })
}

/// Whether `name` may be a device's role: lower-case letters, digits and underscores, starting
/// with a letter, at most 63 characters, and not a name PostgreSQL reserves.
pub fn valid_role_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && name.len() <= 63
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !name.starts_with("pg_")
        && name != "integrity_device"
}

/// A fresh random password for a device role (two UUIDs' worth of randomness, 64 hex digits).
pub fn new_password() -> String {
    format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}

/// Adds a device's role to a plan: creates the role (able to log in with `password`) if it does
/// not exist, makes it a member of `integrity_device`, and allows it the plan. An existing role
/// keeps its password; `password` is then not used.
pub async fn add_device(
    connection: &mut PgConnection,
    target: &Target,
    role: &str,
    plan: PlanId,
    password: &str,
) -> Result<(Ran, bool), SharedLogError> {
    let fail = |e| target.working_error(e);
    let registered: bool = sqlx::query_scalar("SELECT integrity.plan_registered($1::uuid)")
        .bind(plan.to_string())
        .fetch_one(&mut *connection)
        .await
        .map_err(fail)?;
    if !registered {
        return Err(SharedLogError::NotRegistered {
            plan: plan.to_string(),
            target: target.shown().to_owned(),
        });
    }
    let exists = sqlx::query("SELECT 1 AS one FROM pg_catalog.pg_roles WHERE rolname = $1")
        .bind(role)
        .fetch_optional(&mut *connection)
        .await
        .map_err(fail)?
        .map(|row| row.try_get::<i32, _>("one").is_ok())
        .unwrap_or(false);
    let mut ran = Ran::default();
    let mut transaction = sqlx::Connection::begin(&mut *connection)
        .await
        .map_err(fail)?;
    if !exists {
        let create = format!("CREATE ROLE {} LOGIN PASSWORD ", identifier(role));
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            "{create}{}",
            literal(password)
        )))
        .execute(&mut *transaction)
        .await
        .map_err(fail)?;
        ran.statements.push(format!("{create}'\u{2026}'"));
    }
    let statements = [
        format!("GRANT integrity_device TO {}", identifier(role)),
        format!(
            "INSERT INTO integrity.device_roles (plan_id, role_name) VALUES ({}, {}) \
             ON CONFLICT (plan_id, role_name) DO NOTHING",
            literal(&plan.to_string()),
            literal(role)
        ),
    ];
    for sql in statements {
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql.clone()))
            .execute(&mut *transaction)
            .await
            .map_err(fail)?;
        ran.statements.push(sql);
    }
    transaction.commit().await.map_err(fail)?;
    if exists {
        ran.note = Some(format!(
            "role {role} already existed and keeps its password"
        ));
    }
    Ok((ran, !exists))
}
