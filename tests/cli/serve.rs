//! `crql serve` as a process: keys from a config file, demo keys when none are given,
//! a clean stop on Ctrl-C (SIGINT) with exit status 0.
#![cfg(all(feature = "cli", unix))]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crql::exec::{HttpTransport, Method, Request, Transport};

/// Starts `crql serve` and reads stderr up to the "listening on" line.
// The child is handed to the caller, which waits for it in `interrupt_and_wait`.
#[allow(clippy::zombie_processes)]
fn serve(extra: &[&str]) -> (Child, String, Vec<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crql"))
        .args(["serve", "--addr", "127.0.0.1:0", "--clients", "60"])
        .args(extra)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("spawn crql serve");
    let mut lines = Vec::new();
    let mut reader = BufReader::new(child.stderr.take().unwrap());
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            let status = child.wait();
            panic!("crql serve ended early ({status:?}): {lines:?}");
        }
        let line = line.trim_end().to_owned();
        if let Some(rest) = line.split("listening on ").nth(1) {
            let url = rest.split_whitespace().next().unwrap().to_owned();
            lines.push(line);
            // Keep draining stderr so the server never blocks on a full pipe.
            std::thread::spawn(move || for _ in reader.lines() {});
            return (child, url, lines);
        }
        lines.push(line);
    }
}

fn auth_test(url: &str, sub: &str, key: &str) -> u16 {
    let t = HttpTransport::new(url).unwrap();
    let req = Request {
        method: Method::Get,
        path: "/auth/test".into(),
        query: vec![("subscription-key".into(), sub.into())],
        headers: vec![("Authorization".into(), format!("ApiKey {key}"))],
        body: None,
        timeout: Duration::from_secs(10),
    };
    t.send(&req).unwrap().status
}

fn interrupt_and_wait(mut child: Child) -> i32 {
    let ok = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
    for _ in 0..100 {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code().unwrap_or(-1);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    panic!("crql serve did not stop within 10 s of Ctrl-C");
}

#[test]
fn keys_from_a_config_file_and_a_clean_stop() {
    let dir = std::env::temp_dir().join(format!("crql-serve-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("keys.json");
    std::fs::write(
        &config,
        r#"{"subscriptionKeys": ["cfg-sub"], "adminKeys": ["cfg-admin"], "userKeys": [{"key": "cfg-user", "orgs": [1]}]}"#,
    )
    .unwrap();
    let (child, url, lines) = serve(&[
        "--config",
        config.to_str().unwrap(),
        "--user-key",
        "flag-user=2,3",
    ]);
    assert!(!lines.iter().any(|l| l.contains("demo keys")), "{lines:?}");
    // Configured keys never appear on stderr.
    assert!(
        !lines
            .iter()
            .any(|l| l.contains("cfg-admin") || l.contains("cfg-sub")),
        "{lines:?}"
    );
    assert_eq!(auth_test(&url, "cfg-sub", "cfg-admin"), 200);
    assert_eq!(auth_test(&url, "cfg-sub", "cfg-user"), 200);
    assert_eq!(auth_test(&url, "cfg-sub", "flag-user"), 200);
    assert_eq!(auth_test(&url, "cfg-sub", "nobody"), 401);
    assert_eq!(auth_test(&url, "other", "cfg-admin"), 401);
    assert_eq!(interrupt_and_wait(child), 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn without_keys_demo_keys_are_made_and_shown() {
    let (child, url, lines) = serve(&[]);
    let key = |label: &str| {
        lines
            .iter()
            .find_map(|l| l.split(label).nth(1))
            .map(|rest| rest.split_whitespace().next().unwrap().to_owned())
            .unwrap_or_else(|| panic!("no {label} in {lines:?}"))
    };
    let (sub, admin, user) = (
        key("subscription key:"),
        key("admin ApiKey:"),
        key("user ApiKey:"),
    );
    assert_eq!(auth_test(&url, &sub, &admin), 200);
    assert_eq!(auth_test(&url, &sub, &user), 200);
    assert_eq!(auth_test(&url, &sub, "guess"), 401);
    assert_eq!(interrupt_and_wait(child), 0);
}

#[test]
fn bad_flags_are_usage_errors() {
    for args in [
        &["--user-key", "nokey"][..],
        &["--user-key", "k=abc"],
        &["--admin-key", "a"],
        &["--config", "/nonexistent/keys.json"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_crql"))
            .args(["serve", "--addr", "127.0.0.1:0", "--clients", "5"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).starts_with("crql serve: "),
            "{args:?}"
        );
    }
}

#[test]
fn run_without_an_endpoint_uses_the_embedded_sandbox_and_says_so_once() {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_crql"));
    for v in [
        "CRQL_ENDPOINT",
        "CRQL_SUBSCRIPTION_KEY",
        "CRQL_API_KEY",
        "CRQL_ORG_ID",
    ] {
        cmd.env_remove(v);
    }
    let out = cmd
        .args([
            "run",
            "--format",
            "json",
            "SELECT TOP 5 ClientID, FirstName, LastName FROM cmClient",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("embedded sandbox"), "{err}");
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 5);
    // The ClientID 0 template row comes first, then generated clients.
    assert_eq!(rows[0]["ClientID"], 0);
    assert!(
        rows.iter()
            .all(|r| r["FirstName"].is_string() && r["LastName"].is_string())
    );
}
