//! The bench corpus `benches/corpus/queries.crql`: realistic CTAPI queries over the
//! tables and columns of `crql-reference.md`, generated deterministically here and
//! committed, so that benches and tests read the same bytes on every machine.
//!
//! Regenerate after changing the generator:
//! `CRQL_REGEN_CORPUS=1 cargo test --test parse corpus::`.

use crate::support;

use std::fmt::Write as _;

use support::arb::{ColType, JOINS, TABLES, col_type};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/corpus/queries.crql");
const QUERIES: usize = 1200;

/// splitmix64: tiny, deterministic, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// How a query's author writes keywords.
#[derive(Clone, Copy)]
enum Case {
    Upper,
    Lower,
    Title,
}

fn kw(case: Case, k: &str) -> String {
    match case {
        Case::Upper => k.to_uppercase(),
        Case::Lower => k.to_lowercase(),
        Case::Title => k
            .split(' ')
            .map(|w| {
                let mut c = w.chars();
                match c.next() {
                    Some(f) => f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase(),
                    None => String::new(),
                }
            })
            .collect::<Vec<_>>()
            .join(" "),
    }
}

const LAST_NAMES: &[&str] = &[
    "Smith",
    "Johnson",
    "O''Brien",
    "Garcia",
    "Nguyen",
    "Martinez",
    "Lee",
    "Brown",
    "Davis",
    "Wilson",
    "D''Angelo",
    "Thompson",
];
const CITIES: &[&str] = &[
    "Salt Lake City",
    "Ogden",
    "Provo",
    "Boise",
    "Reno",
    "Denver",
];

fn date(rng: &mut Rng) -> String {
    let (y, m, d) = (2019 + rng.below(7), 1 + rng.below(12), 1 + rng.below(28));
    if rng.chance(50) {
        format!("'{y:04}-{m:02}-{d:02}'")
    } else {
        format!(
            "'{y:04}-{m:02}-{d:02} {:02}:{:02}:00'",
            rng.below(24),
            rng.below(60)
        )
    }
}

fn value(rng: &mut Rng, table: &str, col: &str) -> String {
    match col_type(table, col) {
        ColType::Integer => {
            if col.ends_with("ID") || col.ends_with("Id") {
                (1 + rng.below(250_000)).to_string()
            } else {
                rng.below(100).to_string()
            }
        }
        ColType::Date => date(rng),
        ColType::Text => match col {
            "City" => format!("'{}'", rng.pick(CITIES)),
            "State" => format!("'{}'", rng.pick(&["UT", "ID", "NV", "CO"])),
            "dsiSerNo" => format!("'DSI-{:06}'", rng.below(1_000_000)),
            _ => format!("'{}'", rng.pick(LAST_NAMES)),
        },
    }
}

fn columns(table: &str) -> &'static [&'static str] {
    TABLES
        .iter()
        .find(|(t, _)| *t == table)
        .map(|(_, c)| *c)
        .unwrap_or(&[])
}

/// A column reference as people write it: bare, qualified, or bracketed.
fn col_ref(rng: &mut Rng, qualifier: Option<&str>, col: &str) -> String {
    let name = if rng.chance(5) {
        format!("[{col}]")
    } else {
        col.to_string()
    };
    match qualifier {
        Some(q) => format!("{q}.{name}"),
        None => name,
    }
}

fn predicate(rng: &mut Rng, case: Case, table: &str, qualifier: Option<&str>, col: &str) -> String {
    let c = col_ref(rng, qualifier, col);
    let ty = col_type(table, col);
    match rng.below(10) {
        0..=2 => {
            let op = rng.pick(&["=", "=", ">", ">=", "<", "<=", "<>", "!="]);
            format!("{c} {op} {}", value(rng, table, col))
        }
        3 | 4 => {
            let n = if rng.chance(20) {
                20 + rng.below(60)
            } else {
                1 + rng.below(8)
            };
            let quote = ty == ColType::Integer && rng.chance(25);
            let items: Vec<String> = (0..n)
                .map(|_| {
                    let v = value(rng, table, col);
                    if quote { format!("'{v}'") } else { v }
                })
                .collect();
            let not = if rng.chance(10) { "not in" } else { "in" };
            format!("{c} {} ({})", kw(case, not), items.join(", "))
        }
        5 if ty != ColType::Text => format!(
            "{c} {} {} {} {}",
            kw(case, "between"),
            value(rng, table, col),
            kw(case, "and"),
            value(rng, table, col)
        ),
        6 if ty == ColType::Text => {
            let pat = rng.pick(&["'Sm%'", "'%son'", "'O''B%'", "'%a%'", "'J_n%'"]);
            let like = if rng.chance(10) { "not like" } else { "like" };
            format!("{c} {} {pat}", kw(case, like))
        }
        7 => {
            let is = if rng.chance(50) {
                "is null"
            } else {
                "is not null"
            };
            format!("{c} {}", kw(case, is))
        }
        _ if ty == ColType::Text => format!("{c} = {}", value(rng, table, col)),
        _ => format!("{c} >= {}", value(rng, table, col)),
    }
}

fn query(rng: &mut Rng) -> String {
    let case = *rng.pick(&[Case::Upper, Case::Upper, Case::Lower, Case::Title]);
    let k = |s: &str| kw(case, s);
    // (table, qualifier) pairs in scope.
    let join = rng.chance(25).then(|| *rng.pick(JOINS));
    let scope: Vec<(&str, Option<String>)> = match join {
        Some((l, r, _)) => {
            if rng.chance(70) {
                let a = l[..1].to_lowercase();
                let mut b = r[..1].to_lowercase();
                if b == a {
                    b.push('2');
                }
                vec![(l, Some(a)), (r, Some(b))]
            } else {
                vec![(l, Some(l.to_string())), (r, Some(r.to_string()))]
            }
        }
        None => vec![(rng.pick(TABLES).0, None)],
    };
    let mut sql = k("select");
    let distinct = rng.chance(5);
    if distinct {
        write!(sql, " {}", k("distinct")).ok();
    }
    if rng.chance(80) {
        let top = rng.pick(&[1, 5, 10, 25, 50, 100, 200, 200, 500, 500]);
        write!(sql, " {} {top}", k("top")).ok();
    }
    let n_items = 1 + rng.below(8);
    let mut items = Vec::new();
    for _ in 0..n_items {
        let (table, q) = &scope[rng.below(scope.len())];
        let col = *rng.pick(columns(table));
        let c = col_ref(rng, q.as_deref(), col);
        if !items.contains(&c) {
            items.push(c);
        }
    }
    write!(sql, " {}", items.join(", ")).ok();
    let table_sql = |t: &str, q: &Option<String>| match q {
        Some(q) if q != t => format!("{t} {q}"),
        _ => t.to_string(),
    };
    write!(sql, " {} {}", k("from"), table_sql(scope[0].0, &scope[0].1)).ok();
    if let Some((_, _, key)) = join {
        let kind = rng.pick(&["join", "join", "inner join", "left join", "left outer join"]);
        let (qa, qb) = (
            scope[0].1.as_deref().unwrap_or(""),
            scope[1].1.as_deref().unwrap_or(""),
        );
        write!(
            sql,
            " {} {} {} {qb}.{key} = {qa}.{key}",
            k(kind),
            table_sql(scope[1].0, &scope[1].1),
            k("on")
        )
        .ok();
    }
    let n_preds = rng.pick(&[0, 1, 1, 1, 2, 2, 3, 4]);
    let mut preds = Vec::new();
    for _ in 0..*n_preds {
        let (table, q) = &scope[rng.below(scope.len())];
        let col = *rng.pick(columns(table));
        preds.push(predicate(rng, case, table, q.as_deref(), col));
    }
    if preds.len() >= 2 && rng.chance(20) {
        let b = preds.pop().unwrap_or_default();
        let a = preds.pop().unwrap_or_default();
        preds.push(format!("({a} {} {b})", k("or")));
    }
    if !preds.is_empty() {
        write!(
            sql,
            " {} {}",
            k("where"),
            preds.join(&format!(" {} ", k("and")))
        )
        .ok();
    }
    if rng.chance(10) {
        let (table, q) = &scope[0];
        let col = *rng.pick(columns(table));
        let dir = rng.pick(&["", " asc", " desc"]);
        let by = col_ref(rng, q.as_deref(), col);
        // With DISTINCT, SQL Server sorts only by a returned field (E0213).
        let by = if distinct { items[0].clone() } else { by };
        write!(sql, " {} {by}{}", k("order by"), k(dir)).ok();
    }
    // Queries pasted from code are often spread over lines, sometimes with a note.
    if rng.chance(20) {
        for clause in [
            " FROM ", " from ", " From ", " WHERE ", " where ", " Where ",
        ] {
            sql = sql.replace(clause, &format!("\n{}", &clause[1..]));
        }
    }
    if rng.chance(5) {
        sql = format!(
            "-- {}\n{sql}",
            rng.pick(&["nightly pull", "HMIS export", "see ticket"])
        );
    }
    sql
}

/// The corpus text: `QUERIES` queries, `;`-separated, one blank line apart.
fn generate() -> String {
    let mut rng = Rng(0x00C0_FFEE);
    let mut out = String::new();
    for _ in 0..QUERIES {
        out.push_str(&query(&mut rng));
        out.push_str(";\n\n");
    }
    out
}

#[test]
fn corpus_file_matches_its_generator() {
    let fresh = generate();
    if std::env::var_os("CRQL_REGEN_CORPUS").is_some() {
        std::fs::write(CORPUS, &fresh).expect("write corpus");
    }
    let committed = std::fs::read_to_string(CORPUS).expect("read corpus");
    assert!(
        committed == fresh,
        "benches/corpus/queries.crql is stale: run CRQL_REGEN_CORPUS=1 cargo test --test parse corpus::"
    );
}

#[test]
fn whole_corpus_parses_and_round_trips() {
    let text = std::fs::read_to_string(CORPUS).expect("read corpus");
    let script = crql::parse_script(&text).unwrap_or_else(|e| {
        panic!(
            "{}",
            crql::diagnostic::render(
                &e.diagnostic()
                    .clone()
                    .with_source("queries.crql", text.clone()),
                100
            )
        )
    });
    assert!(
        script.statements.len() >= 1000,
        "{}",
        script.statements.len()
    );
    for st in &script.statements {
        let crql::ast::Statement::Query(q) = st else {
            panic!("not a query: {st:?}");
        };
        let canonical = q.to_string();
        let back = crql::parse(&canonical).expect("canonical text parses");
        assert_eq!(&back, q, "{canonical}");
        // Every corpus query is what CTAPI accepts in shape: one JOIN at most.
        assert!(q.select.joins.len() <= 1);
    }
}
