//! Properties of the builder: whatever it is given, what it makes lints clean,
//! parses back to the same tree, and binding a string never changes the structure.

use crate::support::where_parts;

use crql::ast::Literal;
use crql::ast::visit::VisitMut;
use crql::build::dynamic::{self, col};
use crql::build::encoded_len;
use crql::build::prelude::*;
use crql::build::split_in_list_with_limit;
use crql::{Query, bind, params, parse};
use where_parts::{in_values, where_strings};

use crql::build::typed::{Contains, Joined, Single};
use crql::schema::Schema;
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Leaf {
    Int(usize, u8, i64),
    Text(usize, u8, String),
    Like(usize, bool, String),
    InInts(usize, Vec<i64>, bool),
    InTexts(usize, Vec<String>),
    Between(usize, i64, i64),
    Null(usize, bool),
    Date(u8, i64),
}

#[derive(Clone, Debug)]
enum Tree {
    Leaf(Leaf),
    And(Box<Tree>, Box<Tree>),
    Or(Box<Tree>, Box<Tree>),
    Not(Box<Tree>),
}

fn short_string() -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<char>(), 0..8).prop_map(String::from_iter)
}

fn leaf() -> impl Strategy<Value = Leaf> {
    prop_oneof![
        (0..3usize, 0..6u8, any::<i64>()).prop_map(|(c, o, v)| Leaf::Int(c, o, v)),
        (0..3usize, 0..6u8, short_string()).prop_map(|(c, o, v)| Leaf::Text(c, o, v)),
        (0..3usize, any::<bool>(), short_string()).prop_map(|(c, n, v)| Leaf::Like(c, n, v)),
        (
            0..3usize,
            proptest::collection::vec(any::<i64>(), 0..6),
            any::<bool>()
        )
            .prop_map(|(c, v, n)| Leaf::InInts(c, v, n)),
        (0..3usize, proptest::collection::vec(short_string(), 1..4))
            .prop_map(|(c, v)| Leaf::InTexts(c, v)),
        (0..3usize, any::<i64>(), any::<i64>()).prop_map(|(c, a, b)| Leaf::Between(
            c,
            a.min(b),
            a.max(b)
        )),
        (0..6usize, any::<bool>()).prop_map(|(c, n)| Leaf::Null(c, n)),
        // Seconds from 1900 to 2100: always a real datetime.
        (0..6u8, -2_208_988_800i64..4_102_444_800).prop_map(|(o, s)| Leaf::Date(o, s)),
    ]
}

fn tree() -> impl Strategy<Value = Tree> {
    leaf()
        .prop_map(Tree::Leaf)
        .prop_recursive(3, 8, 2, |inner| {
            prop_oneof![
                (inner.clone(), inner.clone()).prop_map(|(a, b)| Tree::And(a.into(), b.into())),
                (inner.clone(), inner.clone()).prop_map(|(a, b)| Tree::Or(a.into(), b.into())),
                inner.prop_map(|a| Tree::Not(a.into())),
            ]
        })
}

macro_rules! cmp {
    ($col:expr, $op:expr, $v:expr) => {
        match $op % 6 {
            0 => $col.eq($v),
            1 => $col.ne($v),
            2 => $col.lt($v),
            3 => $col.le($v),
            4 => $col.gt($v),
            _ => $col.ge($v),
        }
    };
}

/// The typed condition for `t`, over any query that reads `cmClient`.
fn typed<S: Contains<CmClient, I>, I>(t: &Tree) -> Cond<S> {
    let int = [
        cm_client::client_id,
        cm_client::active_status,
        cm_client::zip_code_id,
    ];
    let text = [cm_client::first_name, cm_client::last_name, cm_client::city];
    match t {
        Tree::And(a, b) => typed::<S, I>(a).and(typed(b)),
        Tree::Or(a, b) => typed::<S, I>(a).or(typed(b)),
        Tree::Not(a) => typed::<S, I>(a).not(),
        Tree::Leaf(l) => match l {
            Leaf::Int(c, o, v) => cmp!(int[*c], o, *v),
            Leaf::Text(c, o, v) => cmp!(text[*c], o, v.clone()),
            Leaf::Like(c, false, v) => text[*c].like(v.clone()),
            Leaf::Like(c, true, v) => text[*c].not_like(v.clone()),
            Leaf::InInts(c, v, false) => int[*c].in_list(v.clone()),
            Leaf::InInts(c, v, true) => int[*c].not_in_list(v.clone()),
            Leaf::InTexts(c, v) => text[*c].in_list(v.clone()),
            Leaf::Between(c, a, b) => int[*c].between(*a, *b),
            Leaf::Null(c, n) => {
                let (col_is_null, col_is_not_null) = if *c < 3 {
                    (int[*c].is_null(), int[*c].is_not_null())
                } else {
                    (text[*c - 3].is_null(), text[*c - 3].is_not_null())
                };
                if *n { col_is_not_null } else { col_is_null }
            }
            Leaf::Date(o, s) => {
                let dt = chrono::DateTime::from_timestamp(*s, 0)
                    .expect("in range")
                    .naive_utc();
                cmp!(cm_client::updated_date, o, dt)
            }
        },
    }
}

/// The same condition through the dynamic builder.
fn dynamic(t: &Tree, qualifier: Option<&str>) -> dynamic::Condition {
    let c = |name: &str| match qualifier {
        Some(q) => col((q, name)),
        None => col(name),
    };
    let int = ["ClientID", "ActiveStatus", "ZipCodeID"];
    let text = ["FirstName", "LastName", "City"];
    match t {
        Tree::And(a, b) => dynamic(a, qualifier).and(dynamic(b, qualifier)),
        Tree::Or(a, b) => dynamic(a, qualifier).or(dynamic(b, qualifier)),
        Tree::Not(a) => dynamic(a, qualifier).not(),
        Tree::Leaf(l) => match l {
            Leaf::Int(i, o, v) => cmp!(c(int[*i]), o, *v),
            Leaf::Text(i, o, v) => cmp!(c(text[*i]), o, v.clone()),
            Leaf::Like(i, false, v) => c(text[*i]).like(v.clone()),
            Leaf::Like(i, true, v) => c(text[*i]).not_like(v.clone()),
            Leaf::InInts(i, v, false) => c(int[*i]).in_list(v.clone()),
            Leaf::InInts(i, v, true) => c(int[*i]).not_in_list(v.clone()),
            Leaf::InTexts(i, v) => c(text[*i]).in_list(v.clone()),
            Leaf::Between(i, a, b) => c(int[*i]).between(*a, *b),
            Leaf::Null(i, n) => {
                let name = if *i < 3 { int[*i] } else { text[*i - 3] };
                if *n {
                    c(name).is_not_null()
                } else {
                    c(name).is_null()
                }
            }
            Leaf::Date(o, s) => {
                let dt = chrono::DateTime::from_timestamp(*s, 0)
                    .expect("in range")
                    .naive_utc();
                cmp!(c("UpdatedDate"), o, dt)
            }
        },
    }
}

/// Lints clean (no error) against the built-in schema, and parses back equal.
fn check(q: &Query<'static>) -> Result<(), TestCaseError> {
    let text = q.to_string();
    // Over CTAPI's length limit the linter rightly says E0207; that is the
    // splitter's job, not a builder defect.
    prop_assume!(encoded_len(&text) <= crql::build::MAX_ENCODED_LEN);
    let back = parse(&text).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
    prop_assert_eq!(&back, q, "{}", text);
    let errors: Vec<_> = crql::lint(&back, Schema::builtin())
        .into_iter()
        .filter(|d| d.severity == crql::Severity::Error)
        .collect();
    prop_assert!(errors.is_empty(), "{}: {:?}", text, errors);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn typed_queries_lint_clean_and_round_trip(t in tree(), top in 1..500u64, join in any::<bool>()) {
        let q = if join {
            select((cm_client::client_id, enrollment::enroll_id))
                .top(top)
                .from(CmClient)
                .join(Enrollment)
                .on(enrollment::client_id.eq(cm_client::client_id))
                .filter(typed::<Joined<CmClient, Enrollment>, _>(&t))
                .build()
        } else {
            select((cm_client::client_id, cm_client::last_name))
                .top(top)
                .from(CmClient)
                .filter(typed::<Single<CmClient>, _>(&t))
                .build()
        };
        check(&q)?;
        // The dynamic builder makes the very same tree from names.
        let d = if join {
            dynamic::select([("cmClient", "ClientID"), ("Enrollment", "EnrollID")])
                .top(top)
                .from("cmClient")
                .join("Enrollment")
                .on(col(("Enrollment", "ClientID")).eq(col(("cmClient", "ClientID"))))
                .filter(dynamic(&t, Some("cmClient")))
                .build()
        } else {
            dynamic::select(["ClientID", "LastName"])
                .top(top)
                .from("cmClient")
                .filter(dynamic(&t, None))
                .build()
        };
        prop_assert_eq!(d.as_ref(), Ok(&q));
    }

    #[test]
    fn dynamic_queries_over_any_builtin_table_lint_clean(
        table in 0..6usize,
        picks in proptest::collection::vec(any::<prop::sample::Index>(), 1..5),
        value in any::<i64>(),
        text in short_string(),
    ) {
        let tables = [
            (CmClient::NAME, CmClient::COLUMNS),
            (Enrollment::NAME, Enrollment::COLUMNS),
            (CmCaseAssign::NAME, CmCaseAssign::COLUMNS),
            (OsUsers::NAME, OsUsers::COLUMNS),
            (VulnerabilityIndex::NAME, VulnerabilityIndex::COLUMNS),
            (Vispdat::NAME, Vispdat::COLUMNS),
        ];
        let (name, columns) = tables[table];
        let chosen: Vec<_> = picks.iter().map(|i| *i.get(columns)).collect();
        let mut cond: Option<dynamic::Condition> = None;
        for c in &chosen {
            use crql::schema::ColumnType as K;
            let leaf = match c.kind {
                K::Integer | K::Decimal => col(c.name).eq(value),
                K::Text => col(c.name).eq(text.clone()),
                K::Boolean => col(c.name).eq(value % 2 == 0),
                K::Date | K::DateTime | K::Unknown => col(c.name).is_null(),
            };
            cond = Some(match cond { None => leaf, Some(p) => p.and(leaf) });
        }
        let mut q = dynamic::select(chosen.iter().map(|c| c.name)).top(25).from(name);
        if let Some(c) = cond {
            q = q.filter(c);
        }
        let q = q.build().map_err(|e| TestCaseError::fail(e.to_string()))?;
        check(&q)?;
        let checked = dynamic::select(chosen.iter().map(|c| c.name)).from(name)
            .build_checked(Schema::builtin());
        prop_assert!(checked.is_ok(), "{:?}", checked);
    }

    #[test]
    fn binding_any_string_never_changes_the_structure(
        a in any::<String>(),
        b in any::<String>(),
        ids in proptest::collection::vec(any::<String>(), 1..4),
    ) {
        let template = "SELECT TOP 10 ClientID FROM cmClient WHERE LastName = :a AND (FirstName LIKE :b OR City IN (:ids, 'x')) AND ClientID > 0";
        let q = bind(template, params! { "a" => a.as_str(), "b" => b.as_str(), "ids" => ids.clone() })
            .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let mut expected = vec![a.as_str(), b.as_str()];
        expected.extend(ids.iter().map(String::as_str));
        expected.push("x");
        prop_assert_eq!(where_strings(&q), expected);
        // Same structure as the template with its placeholders filled in by hand.
        let filled = template
            .replace(":ids", &vec!["'_'"; ids.len()].join(", "))
            .replace(":a", "'_'")
            .replace(":b", "'_'");
        let mut shape = q.clone();
        blank(&mut shape);
        let mut filled = parse(&filled).unwrap().into_owned();
        blank(&mut filled);
        prop_assert_eq!(shape, filled);
        // And the printed text reads back as the very same tree.
        let text = q.to_string();
        prop_assert_eq!(parse(&text).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?, q);
    }

    #[test]
    fn split_pieces_fit_keep_order_and_are_fewest_in_order(
        values in proptest::collection::vec("[a-z'%é ]{0,30}", 1..60),
        limit in 150..400usize,
    ) {
        let q = select(cm_client::client_id)
            .from(CmClient)
            .filter(cm_client::active_status.eq(1).and(cm_client::last_name.in_list(values.clone())))
            .build();
        let Ok(parts) = split_in_list_with_limit(&q, limit) else {
            // Refused: then some value alone must be too long.
            let fits_alone = values.iter().all(|v| {
                let one = select(cm_client::client_id).from(CmClient)
                    .filter(cm_client::active_status.eq(1).and(cm_client::last_name.in_list([v.as_str()])))
                    .build();
                encoded_len(&one.to_string()) <= limit
            });
            prop_assert!(!fits_alone);
            return Ok(());
        };
        let mut all = Vec::new();
        for p in &parts {
            prop_assert!(encoded_len(&p.to_string()) <= limit);
            all.extend(in_values(p));
        }
        prop_assert_eq!(all, in_values(&q));
        // Dynamic programming over in-order splits: greedy must match the minimum.
        let fits = |i: usize, j: usize| {
            let piece = select(cm_client::client_id).from(CmClient)
                .filter(cm_client::active_status.eq(1).and(cm_client::last_name.in_list(values[i..j].iter().map(String::as_str))))
                .build();
            encoded_len(&piece.to_string()) <= limit
        };
        let n = values.len();
        let mut best = vec![usize::MAX; n + 1];
        best[0] = 0;
        for j in 1..=n {
            for i in (0..j).rev() {
                if !fits(i, j) { break; }
                if best[i] != usize::MAX {
                    best[j] = best[j].min(best[i] + 1);
                }
            }
        }
        if parts.len() > 1 {
            prop_assert_eq!(parts.len(), best[n]);
        }
    }
}

/// Replaces every string literal's value in the WHERE clause by `_`, keeping the
/// tree's shape.
fn blank(q: &mut Query<'_>) {
    struct Blank;
    impl<'a> VisitMut<'a> for Blank {
        fn visit_literal(&mut self, l: &mut Literal<'a>) -> std::ops::ControlFlow<()> {
            if let Literal::String { value, .. } = l {
                *value = "_".into();
            }
            std::ops::ControlFlow::Continue(())
        }
    }
    if let Some(w) = &mut q.select.selection {
        let _ = Blank.visit_expr(w);
    }
}
