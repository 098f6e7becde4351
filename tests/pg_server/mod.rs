//! A real PostgreSQL server for tests and benchmarks, started in a temporary folder from the
//! distribution's binaries (`/usr/lib/postgresql/*/bin`, Debian's `postgresql` package): on a free
//! 127.0.0.1 port, its socket in the folder, as `nobody` when run as root (PostgreSQL refuses
//! root), stopped when dropped or when the process that started it ends.

#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stderr
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The superuser's password (TCP connections use SCRAM).
pub const SUPERUSER_PASSWORD: &str = "test-superuser";

/// A running server.
pub struct PgServer {
    dir: PathBuf,
    _keep: Option<tempfile::TempDir>,
    bin: PathBuf,
    /// Its TCP port on 127.0.0.1.
    pub port: u16,
    as_nobody: bool,
}

/// The newest PostgreSQL server binaries installed, or a clear failure.
fn binaries() -> PathBuf {
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let version = e.file_name().to_string_lossy().parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").is_file().then_some((version, bin))
        })
        .collect();
    found.sort();
    match found.pop() {
        Some((_, bin)) => bin,
        None => panic!(
            "PostgreSQL server binaries not found: no /usr/lib/postgresql/*/bin/initdb. These \
             tests need a real server; install Debian's `postgresql` package (`.ci/run` does: \
             apt-get install postgresql)"
        ),
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("its address").port()
}

impl PgServer {
    /// Starts a fresh server whose folder is removed when it is dropped.
    pub fn start() -> PgServer {
        let keep = tempfile::Builder::new()
            .prefix("pg-test-")
            .tempdir()
            .expect("a temporary folder");
        let dir = keep.path().to_owned();
        let mut server = PgServer::start_in(dir);
        server._keep = Some(keep);
        server
    }

    /// Starts a server that lives as long as this process: a watchdog stops it and removes its
    /// folder once the process has ended (statics are never dropped).
    pub fn start_for_process() -> PgServer {
        let dir = tempfile::Builder::new()
            .prefix("pg-test-")
            .tempdir()
            .expect("a temporary folder")
            .keep();
        let server = PgServer::start_in(dir);
        let script = format!(
            "while [ -d /proc/{pid} ]; do sleep 1; done; \
             '{bin}/pg_ctl' -D '{dir}/data' stop -m immediate >/dev/null 2>&1; rm -rf '{dir}'",
            pid = std::process::id(),
            bin = server.bin.display(),
            dir = server.dir.display()
        );
        // Deliberately never waited for: it outlives this process to stop the server.
        #[allow(clippy::zombie_processes)]
        let _watchdog = server
            .command(Path::new("/bin/sh"))
            .args(["-c", &script])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the watchdog starts");
        server
    }

    fn start_in(dir: PathBuf) -> PgServer {
        let bin = binaries();
        let as_nobody = is_root();
        let server = PgServer {
            dir,
            _keep: None,
            bin,
            port: free_port(),
            as_nobody,
        };
        if as_nobody {
            std::os::unix::fs::chown(&server.dir, Some(65534), Some(65534))
                .expect("the folder given to nobody");
        }
        let password_file = server.dir.join("superuser-password");
        std::fs::write(&password_file, SUPERUSER_PASSWORD).unwrap();
        if as_nobody {
            std::os::unix::fs::chown(&password_file, Some(65534), Some(65534)).unwrap();
        }
        let out = server
            .tool("initdb")
            .args(["-D"])
            .arg(server.dir.join("data"))
            .args([
                "-U",
                "postgres",
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "--no-locale",
                "-E",
                "UTF8",
                "--no-sync",
            ])
            .arg(format!("--pwfile={}", password_file.display()))
            .output()
            .expect("initdb runs");
        assert!(out.status.success(), "initdb failed: {}", text(&out));
        server.start_server();
        server.psql("postgres", "CREATE ROLE integrity_device NOLOGIN");
        server
    }

    /// A command run as the server's user.
    fn command(&self, program: &Path) -> Command {
        let mut command = if self.as_nobody {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=nobody", "--regid=nogroup", "--clear-groups"])
                .arg(program);
            c
        } else {
            Command::new(program)
        };
        command.current_dir(&self.dir).env_remove("PGPASSWORD");
        command
    }

    fn tool(&self, name: &str) -> Command {
        self.command(&self.bin.join(name))
    }

    /// Starts (or restarts) the server on its port.
    pub fn start_server(&self) {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=80 \
             -c full_page_writes=off",
            self.port,
            self.dir.display()
        );
        let out = self
            .tool("pg_ctl")
            .arg("-D")
            .arg(self.dir.join("data"))
            .arg("-l")
            .arg(self.dir.join("server.log"))
            .args(["-w", "-t", "60", "-o", &options, "start"])
            .stdin(Stdio::null())
            .output()
            .expect("pg_ctl runs");
        assert!(
            out.status.success(),
            "the server did not start: {}\n{}",
            text(&out),
            std::fs::read_to_string(self.dir.join("server.log")).unwrap_or_default()
        );
    }

    /// Stops the server at once, as a crash would (`pg_ctl stop -m immediate`).
    pub fn kill(&self) {
        let out = self
            .tool("pg_ctl")
            .arg("-D")
            .arg(self.dir.join("data"))
            .args(["-m", "immediate", "-w", "stop"])
            .output()
            .expect("pg_ctl runs");
        assert!(
            out.status.success(),
            "the server did not stop: {}",
            text(&out)
        );
    }

    /// Runs SQL as the superuser over the socket, failing the test if it fails.
    pub fn psql(&self, database: &str, sql: &str) -> String {
        let out = self.try_psql(database, sql);
        assert!(out.status.success(), "psql failed on {sql}: {}", text(&out));
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    /// Runs SQL as the superuser over the socket.
    pub fn try_psql(&self, database: &str, sql: &str) -> Output {
        self.tool("psql")
            .args([
                "-X",
                "-q",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-U",
                "postgres",
            ])
            .arg("-h")
            .arg(&self.dir)
            .arg("-p")
            .arg(self.port.to_string())
            .args(["-d", database, "-c", sql])
            .output()
            .expect("psql runs")
    }

    /// An address for `role` with `password` in it (tests only: people keep it in ~/.pgpass).
    pub fn url(&self, role: &str, password: &str, database: &str) -> String {
        format!(
            "postgres://{role}:{password}@127.0.0.1:{}/{database}?sslmode=disable",
            self.port
        )
    }

    /// An address for `role` without a password.
    pub fn url_without_password(&self, role: &str, database: &str) -> String {
        format!(
            "postgres://{role}@127.0.0.1:{}/{database}?sslmode=disable",
            self.port
        )
    }

    /// Creates a database owned by a new role `{name}_owner` (password `owner`), able to create
    /// device roles; the group role `integrity_device` is made once and the owner may grant it.
    pub fn database(&self, name: &str) {
        self.psql(
            "postgres",
            &format!(
                "CREATE ROLE {name}_owner LOGIN CREATEROLE PASSWORD 'owner'; \
                 GRANT integrity_device TO {name}_owner WITH ADMIN OPTION"
            ),
        );
        self.psql(
            "postgres",
            &format!("CREATE DATABASE {name} OWNER {name}_owner"),
        );
    }
}

impl Drop for PgServer {
    fn drop(&mut self) {
        if self._keep.is_some() {
            let _ = self
                .tool("pg_ctl")
                .arg("-D")
                .arg(self.dir.join("data"))
                .args(["-m", "immediate", "stop"])
                .output();
        }
    }
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}
