//! What the benches share: running the built binary as a person would, and
//! reading the figures (medians, milliseconds, this process's CPU).

#![allow(dead_code)] // each bench uses some of these

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// `teichaku --db DB --today DAY`, with no database from the environment.
pub(crate) fn teichaku(db: &Path, today: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_teichaku"));
    c.arg("--db")
        .arg(db)
        .args(["--today", today])
        .env_remove("TEICHAKU_DB");
    c
}

/// Run to completion with stdout discarded; its wall time. Stops the
/// bench (with what it said) if it failed.
pub(crate) fn timed(mut cmd: Command) -> Duration {
    let t = Instant::now();
    let out = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .expect("run");
    let took = t.elapsed();
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    took
}

pub(crate) fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

pub(crate) fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// CPU time of this whole process (every thread), user + system.
pub(crate) fn cpu() -> Duration {
    let u = nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_SELF)
        .expect("getrusage");
    let tv = |t: nix::sys::time::TimeVal| {
        Duration::from_secs(t.tv_sec() as u64) + Duration::from_micros(t.tv_usec() as u64)
    };
    tv(u.user_time()) + tv(u.system_time())
}
