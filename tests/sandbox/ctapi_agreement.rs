//! The linter, the builder's splitter, the executor and the sandbox agree on
//! CTAPI's facts at their boundaries, because they all call `crql::ctapi`: a query
//! of exactly 2,048 encoded characters is accepted by every one of them and one of
//! 2,049 by none (spaces cost 3, `%20`), and each date form is a date for the
//! linter exactly when it is one for the sandbox.

#![cfg(feature = "sandbox")]

use std::sync::Arc;
use std::time::Duration;

use crql::ctapi::{MAX_ENCODED_QUERY_LEN, encoded_len};
use crql::exec::{Client, Error, Method, QueryOptions, Request, Response, Transport};
use crql::sandbox::{Access, Database, Dataset, DatasetSpec, Emulator, Scope, translate};
use crql::{Schema, lint};

fn emulator() -> Emulator {
    let data = Dataset::generate(DatasetSpec {
        seed: 7,
        clients: 50,
        orgs: 2,
    });
    Emulator::new(Database::in_memory(&data).unwrap(), Access::open())
}

/// A valid canonical query whose encoding is exactly `n` characters, padded with a
/// string of spaces (3 each once encoded) and letters (1 each).
fn query_of_len(n: usize) -> String {
    let text = |pad: &str| {
        format!(
            "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID IN (1, 2) AND LastName <> '{pad}'"
        )
    };
    let base = encoded_len(&text(""));
    let spaces = (n - base) / 3 - 5;
    let letters = n - base - 3 * spaces;
    let q = text(&format!("{}{}", " ".repeat(spaces), "x".repeat(letters)));
    assert_eq!(encoded_len(&q), n);
    assert!(
        q.matches(' ').count() > 600,
        "the spaces are what is measured"
    );
    let parsed = crql::parse(&q).unwrap();
    assert_eq!(parsed.to_string(), q, "the text is canonical: what is sent");
    q
}

fn get(emulator: &Emulator, text: &str) -> Response {
    let req = Request {
        method: Method::Get,
        path: "/crql".into(),
        query: vec![("q".into(), text.into())],
        headers: vec![],
        body: None,
        timeout: Duration::from_secs(5),
    };
    emulator.send(&req).unwrap()
}

fn codes(text: &str) -> Vec<String> {
    let q = crql::parse(text).unwrap();
    lint(&q, Schema::builtin())
        .into_iter()
        .map(|d| d.code.to_string())
        .collect()
}

#[test]
fn every_layer_accepts_2048_and_refuses_2049() {
    let emu = Arc::new(emulator());
    let client = Client::builder()
        .shared_transport(emu.clone())
        .build()
        .unwrap();
    for (n, fits) in [
        (MAX_ENCODED_QUERY_LEN, true),
        (MAX_ENCODED_QUERY_LEN + 1, false),
    ] {
        let text = query_of_len(n);
        let q = crql::parse(&text).unwrap().into_owned();

        // The linter.
        let found = codes(&text);
        assert_eq!(
            !found.contains(&"E0207".to_string()),
            fits,
            "{n}: {found:?}"
        );
        assert!(found.iter().all(|c| c.starts_with('W') || c == "E0207"));

        // The builder's splitter: one piece when it fits, else pieces that do.
        let pieces = crql::build::split_in_list(&q).unwrap();
        assert_eq!(pieces.len() == 1, fits, "{n}");
        for p in &pieces {
            assert!(encoded_len(&p.to_string()) <= MAX_ENCODED_QUERY_LEN);
        }

        // The executor: the `q` it puts in the URL is the measured length, and it
        // refuses locally what does not fit.
        match client.url(&q, QueryOptions::default()) {
            Ok(url) => {
                assert!(fits, "{n}: sent {url}");
                let sent = url
                    .split(['?', '&'])
                    .find_map(|kv| kv.strip_prefix("q="))
                    .unwrap();
                assert_eq!(sent.len(), n);
                assert_eq!(sent, crql::ctapi::encode_component(&text));
                // Sent for real, the sandbox serves it (clients 1 and 2 at most).
                let rows = client.fetch_all(&q).unwrap();
                assert!(rows.len() <= 2, "{rows:?}");
            }
            Err(Error::Lint { diagnostics }) => {
                assert!(!fits, "{n}");
                assert_eq!(diagnostics[0].code.to_string(), "E0207");
            }
            Err(e) => panic!("{n}: {e}"),
        }

        // The sandbox, sent the text directly (not through the executor's check).
        let r = get(&emu, &text);
        let body = String::from_utf8_lossy(&r.body);
        assert_eq!(r.status == 200, fits, "{n}: {} {body}", r.status);
        if !fits {
            // Refused by the sandbox's own length check, which runs before its
            // linter pass and once counted a space as 1.
            let own = format!("The query is {n} characters long once URL-encoded");
            assert!(body.contains(&own), "{body}");
        }
    }
}

/// Each form: whether it is a date, for the linter (E0302) and for the sandbox
/// (its translation to SQLite, and a whole request).
#[test]
fn the_linter_and_the_sandbox_read_the_same_dates() {
    let emu = emulator();
    let forms = [
        ("2024-01-05", true),
        ("2024-01-05 07:05", true),
        ("2024-01-05 07:05:09", true),
        ("2024-01-05 07:05:09.1234567", true),
        ("2024-01-05T07:05:09", true),
        ("20240105", true),
        ("20240105 07:05", true),
        (" 2024-01-05 ", true),
        ("2024-02-29", true),
        ("2024-1-5 7:05", false),
        ("2024-1-5", false),
        ("2024/01/05", false),
        ("01/05/2024", false),
        ("2024-01-05 7:05", false),
        ("2024-01-05  07:05", false),
        ("2024-01-05 07:05.5", false),
        ("2024-01-05 07:05:09.12345678", false),
        ("2024-01-05 24:00", false),
        ("2023-02-29", false),
        ("2024-13-01", false),
        ("1752-12-31", false),
        ("yesterday", false),
        ("", false),
    ];
    for (form, is_date) in forms {
        let text = format!("SELECT TOP 5 ClientID FROM cmClient WHERE UpdatedDate > '{form}'");
        let linter = !codes(&text).contains(&"E0302".to_string());
        let q = crql::parse(&text).unwrap();
        let translated = translate(&q, &Scope::All);
        if let Err(e) = &translated {
            assert!(
                e.message.contains("Conversion failed"),
                "{form}: {}",
                e.message
            );
        }
        let sandbox = translated.is_ok();
        let served = get(&emu, &text).status == 200;
        assert_eq!(
            (linter, sandbox, served),
            (is_date, is_date, is_date),
            "{form:?}: linter, sandbox translation, sandbox request"
        );
        assert_eq!(crql::ctapi::parse_date(form).is_some(), is_date, "{form:?}");
    }
}
