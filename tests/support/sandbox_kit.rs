//! A sandbox server on loopback with known keys, and raw requests to it over real HTTP.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use crql::exec::{HttpTransport, Method, Request, Response, Transport};
use crql::sandbox::{Access, Database, Dataset, DatasetSpec, Emulator, Key, Server, UserKey};

pub const SUB: &str = "sub-key-for-tests";
pub const ADMIN: &str = "admin-key-for-tests";
/// A user of organisations 2 and 3.
pub const USER: &str = "user-key-for-tests";
pub const USER_ORGS: [i64; 2] = [2, 3];

pub struct Sandbox {
    pub server: Server,
    pub data: Dataset,
    transport: HttpTransport,
}

pub fn access() -> Access {
    Access {
        subscription_keys: vec![Key::new(SUB)],
        admin_keys: vec![Key::new(ADMIN)],
        user_keys: vec![UserKey {
            key: Key::new(USER),
            orgs: USER_ORGS.to_vec(),
        }],
        open: false,
    }
}

pub fn start(clients: usize) -> Sandbox {
    let data = Dataset::generate(DatasetSpec {
        seed: 11,
        clients,
        orgs: 4,
    });
    let db = Database::temporary(&data).expect("database");
    let server = Server::start_loopback(Arc::new(Emulator::new(db, access()))).expect("server");
    let transport = HttpTransport::new(&server.url()).expect("transport");
    Sandbox {
        server,
        data,
        transport,
    }
}

/// Who is calling: which keys to send, and how.
#[derive(Clone, Copy, Debug)]
pub enum As {
    Admin,
    User,
    UserOrg(i64),
    AdminOrg(i64),
    NoSubscription,
    WrongSubscription,
    SubscriptionInQuery,
    NoApiKey,
    Bearer,
    WrongApiKey,
}

impl Sandbox {
    pub fn send(
        &self,
        who: As,
        method: Method,
        path: &str,
        query: &[(&str, &str)],
        body: Option<&str>,
    ) -> Response {
        let mut headers: Vec<(String, String)> = Vec::new();
        let mut q: Vec<(String, String)> = query
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let sub = |h: &mut Vec<(String, String)>| {
            h.push(("Ocp-Apim-Subscription-Key".into(), SUB.into()))
        };
        let api = |h: &mut Vec<(String, String)>, k: &str| {
            h.push(("Authorization".into(), format!("ApiKey {k}")))
        };
        match who {
            As::Admin => {
                sub(&mut headers);
                api(&mut headers, ADMIN);
            }
            As::User => {
                sub(&mut headers);
                api(&mut headers, USER);
            }
            As::UserOrg(o) => {
                sub(&mut headers);
                api(&mut headers, USER);
                headers.push(("OrgId".into(), o.to_string()));
            }
            As::AdminOrg(o) => {
                sub(&mut headers);
                api(&mut headers, ADMIN);
                headers.push(("OrgId".into(), o.to_string()));
            }
            As::NoSubscription => api(&mut headers, ADMIN),
            As::WrongSubscription => {
                headers.push(("Ocp-Apim-Subscription-Key".into(), "not-the-key".into()));
                api(&mut headers, ADMIN);
            }
            As::SubscriptionInQuery => {
                q.push(("subscription-key".into(), SUB.into()));
                api(&mut headers, ADMIN);
            }
            As::NoApiKey => sub(&mut headers),
            As::Bearer => {
                sub(&mut headers);
                headers.push(("Authorization".into(), format!("Bearer {ADMIN}")));
            }
            As::WrongApiKey => {
                sub(&mut headers);
                api(&mut headers, "not-an-api-key");
            }
        }
        let req = Request {
            method,
            path: path.to_owned(),
            query: q,
            headers,
            body: body.map(|b| b.as_bytes().to_vec()),
            timeout: Duration::from_secs(30),
        };
        self.transport.send(&req).expect("HTTP exchange")
    }

    pub fn get(&self, who: As, path: &str, query: &[(&str, &str)]) -> Response {
        self.send(who, Method::Get, path, query, None)
    }

    pub fn crql(
        &self,
        who: As,
        q: &str,
        page_no: usize,
        page_size: usize,
        cache: bool,
    ) -> Response {
        let (n, s) = (page_no.to_string(), page_size.to_string());
        self.get(
            who,
            "/crql",
            &[
                ("q", q),
                ("pageNo", &n),
                ("pageSize", &s),
                ("shouldCache", if cache { "true" } else { "false" }),
            ],
        )
    }
}

pub fn json(r: &Response) -> serde_json::Value {
    serde_json::from_slice(&r.body)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&r.body)))
}
