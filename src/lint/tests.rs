//! Rules checked on hand-built trees (no parser involved). The text-based tests,
//! with rendered snapshots, are in `tests/lint_rules.rs`.

use crate::ast::test_kit::{select, table};
use crate::ast::*;
use crate::diagnostic::Code;
use crate::lint::{Linter, lint};
use crate::schema::Schema;

fn codes(q: &Query<'_>) -> Vec<Code> {
    lint(q, Schema::builtin()).iter().map(|d| d.code).collect()
}

/// `SELECT col, ... FROM table` built by hand, for tests that do not want to
/// depend on the parser.
pub(crate) fn test_query(name: &'static str, columns: &[&'static str]) -> Query<'static> {
    select(
        columns.iter().map(|c| Expr::column(*c)).collect(),
        table(name, None),
    )
}

fn top(mut q: Query<'static>) -> Query<'static> {
    q.select.top = Some(Top {
        quantity: Expr::integer(5),
        percent: false,
        with_ties: false,
        span: Span::empty(),
    });
    q
}

fn join(q: &mut Query<'static>, t: TableRef<'static>, on: Expr<'static>) {
    q.select.joins.push(Join {
        kind: JoinKind::Inner,
        table: t,
        on: Some(on),
        hint: None,
        span: Span::empty(),
    });
}

fn item(e: Expr<'static>) -> SelectItem<'static> {
    SelectItem::Expr {
        expr: e,
        alias: None,
        span: Span::empty(),
    }
}

fn where_(q: &mut Query<'static>, e: Expr<'static>) {
    q.select.selection = Some(e);
}

#[test]
fn the_production_queries_are_clean_of_errors() {
    // select VulnerabilityID, ClientID, CreatedBy, UpdatedDate from VulnerabilityIndex where UpdatedDate > '2024-01-01 00:00:00'
    let mut q = test_query(
        "VulnerabilityIndex",
        &["VulnerabilityID", "ClientID", "CreatedBy", "UpdatedDate"],
    );
    where_(
        &mut q,
        Expr::column("UpdatedDate").binary(BinaryOp::Gt, Expr::string("2024-01-01 00:00:00")),
    );
    assert_eq!(codes(&q), ["W0401"]);
    // SELECT TOP 200 ClientID, FirstName, LastName, ActiveStatus FROM cmClient
    let q = top(test_query(
        "cmClient",
        &["ClientID", "FirstName", "LastName", "ActiveStatus"],
    ));
    assert!(codes(&q).is_empty());
}

#[test]
fn unknown_table_and_column() {
    // Against a complete schema: errors.
    let complete = Schema::builtin().clone().all_complete();
    let q = top(test_query("cmClients", &["ClientID"]));
    let ds = lint(&q, &complete);
    assert_eq!(ds.len(), 1);
    assert_eq!(ds[0].code, "E0101");
    assert_eq!(ds[0].help.as_deref(), Some("did you mean `cmClient`?"));

    let q = top(test_query("CMCLIENT", &["clientid", "FristName"]));
    let ds = lint(&q, &complete);
    assert_eq!(ds.len(), 1, "{ds:?}");
    assert_eq!(ds[0].code, "E0102");
    assert_eq!(ds[0].message, "table `cmClient` has no column `FristName`");
    assert_eq!(ds[0].help.as_deref(), Some("did you mean `FirstName`?"));

    // Against the built-in (partial) schema: warnings that say how to know more.
    let q = top(test_query("cmClients", &["ClientID"]));
    let ds = lint(&q, Schema::builtin());
    assert_eq!(ds.len(), 1);
    assert_eq!(ds[0].code, "W0101");
    assert_eq!(
        ds[0].help.as_deref(),
        Some(
            "did you mean `cmClient`? If not, `crql schema pull cmClients` fetches its description from your server"
        )
    );
    let q = top(test_query(
        "CMCLIENT",
        &["clientid", "FristName", "BirthDate"],
    ));
    let ds = lint(&q, Schema::builtin());
    let got: Vec<_> = ds.iter().map(|d| (d.code, d.message.as_str())).collect();
    assert_eq!(
        got,
        [
            (
                Code::W0102,
                "column `FristName` is not in the schema of `cmClient`"
            ),
            (
                Code::W0102,
                "column `BirthDate` is not in the schema of `cmClient`"
            )
        ]
    );
    assert_eq!(
        ds[0].help.as_deref(),
        Some(
            "did you mean `FirstName`? Otherwise, the schema lists only some of cmClient's columns; `crql schema pull cmClient` checks it against your server"
        )
    );

    // One complete table decides a qualified column; an unqualified one is an
    // error only when every table it may belong to is complete.
    let mut mixed = Schema::builtin().clone();
    mixed.add_table(
        crate::schema::Table::new(
            "cmClient",
            [("ClientID", crate::schema::ColumnType::Integer)],
        )
        .complete(),
    );
    let q = crate::parse("SELECT TOP 5 c.FirstName, e.Nope, Nope2 FROM cmClient c JOIN Enrollment e ON e.ClientID = c.ClientID").unwrap();
    let got: Vec<Code> = lint(&q, &mixed).iter().map(|d| d.code).collect();
    assert_eq!(got, [Code::E0102, Code::W0102, Code::W0102]);
}

#[test]
fn joins_qualifiers_and_ambiguity() {
    let mut q = top(test_query("cmClient", &[]));
    q.select.from = table("cmClient", Some("c"));
    q.select.items = vec![
        item(Expr::column("ClientID")),                 // E0103
        item(Expr::qualified("e", "EnrollID")),         // ok
        item(Expr::qualified("x", "EnrollID")),         // E0104
        item(Expr::qualified("cmClient", "FirstName")), // E0104: aliased
        item(Expr::qualified("e", "FirstName")),        // E0102
        item(Expr::column("ExitDate")),                 // ok: only Enrollment has it
        item(Expr::column("Nope")),                     // E0102 naming both tables
    ];
    join(
        &mut q,
        table("Enrollment", Some("e")),
        Expr::qualified("e", "ClientID").binary(BinaryOp::Eq, Expr::qualified("c", "ClientID")),
    );
    let ds = lint(&q, &Schema::builtin().clone().all_complete());
    let got: Vec<_> = ds
        .iter()
        .map(|d| (d.code.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("E0102", "table `Enrollment` has no column `FirstName`"),
            ("E0102", "no column `Nope` in `cmClient` or `Enrollment`"),
            (
                "E0103",
                "column `ClientID` is ambiguous: both `cmClient` and `Enrollment` have it"
            ),
            ("E0104", "`x` is not a table or alias of this query"),
            ("E0104", "table `cmClient` is aliased as `c` in this query"),
        ]
    );
    let e0103 = ds.iter().find(|d| d.code == "E0103").unwrap();
    assert_eq!(
        e0103.help.as_deref(),
        Some("qualify it: `c.ClientID` or `e.ClientID`")
    );
}

#[test]
fn forbidden_constructs() {
    let mut q = top(test_query("cmClient", &["ClientID"]));
    q.select.items.push(SelectItem::Wildcard {
        span: Span::empty(),
    });
    q.select.items.push(item(Expr::Function {
        name: Ident::new("upper"),
        args: FunctionArgs::List(vec![Expr::column("LastName")]),
        distinct: false,
        span: Span::empty(),
    }));
    q.select.items.push(item(Expr::Function {
        name: Ident::new("count"),
        args: FunctionArgs::Star {
            span: Span::empty(),
        },
        distinct: false,
        span: Span::empty(),
    }));
    q.select.items.push(item(
        Expr::column("ClientID")
            .binary(BinaryOp::Plus, Expr::integer(1))
            .binary(BinaryOp::Multiply, Expr::integer(2)),
    ));
    q.select.group_by.push(Expr::column("ClientID"));
    where_(
        &mut q,
        Expr::InSubquery {
            expr: Box::new(Expr::column("ClientID")),
            subquery: Box::new(top(test_query("Enrollment", &["ClientID"]))),
            negated: false,
            span: Span::empty(),
        },
    );
    q.offset = Some(Offset {
        value: Expr::integer(10),
        span: Span::empty(),
    });
    let mut c = codes(&q);
    c.sort();
    assert_eq!(
        c,
        [
            "E0201", "E0202", "E0204", "E0204", "E0205", "E0206", "E0206"
        ]
    );
}

#[test]
fn literal_types() {
    let mut q = top(test_query("Enrollment", &["EnrollID"]));
    where_(
        &mut q,
        Expr::column("ClientID")
            .binary(BinaryOp::Eq, Expr::string("abc"))
            .binary(
                BinaryOp::And,
                Expr::column("EnrollDate").binary(BinaryOp::Gt, Expr::string("2024-02-30")),
            )
            .binary(
                BinaryOp::And,
                Expr::InList {
                    expr: Box::new(Expr::column("EnrollID")),
                    list: vec![Expr::string("101"), Expr::integer(102)],
                    negated: false,
                    span: Span::empty(),
                },
            )
            .binary(
                BinaryOp::And,
                Expr::Between {
                    expr: Box::new(Expr::column("BudgetAmount")),
                    negated: false,
                    low: Box::new(Expr::integer(10)),
                    high: Box::new(Expr::integer(-5)),
                    span: Span::empty(),
                },
            )
            .binary(
                BinaryOp::And,
                Expr::column("ExitDate").binary(BinaryOp::Eq, Expr::null()),
            )
            .binary(
                BinaryOp::And,
                Expr::column("UpdatedDate").binary(BinaryOp::Gt, Expr::param("since")),
            ),
    );
    let mut c = codes(&q);
    c.sort();
    assert_eq!(c, ["E0301", "E0302", "E0303", "W0403", "W0406", "W0407"]);
}

#[test]
fn select_and_ignore_pick_rules_by_code_or_prefix() {
    let q = test_query("cmClients", &["ClientID"]);
    let s = &Schema::builtin().clone().all_complete();
    let only = |sel: &[&str]| -> Vec<Code> {
        Linter::new(s)
            .select(sel)
            .lint(&q)
            .iter()
            .map(|d| d.code)
            .collect()
    };
    assert_eq!(only(&["W04"]), ["W0401"]);
    assert_eq!(only(&["e0101"]), ["E0101"]);
    let ignored: Vec<_> = Linter::new(s)
        .ignore(&["W"])
        .lint(&q)
        .iter()
        .map(|d| d.code)
        .collect();
    assert_eq!(ignored, ["E0101"]);
}

#[test]
fn deep_hand_built_trees_do_not_overflow() {
    let mut e = Expr::column("ClientID").binary(BinaryOp::Eq, Expr::integer(1));
    for _ in 0..2000 {
        e = e.nested();
    }
    let mut q = top(test_query("cmClient", &["ClientID"]));
    where_(&mut q, e);
    // 2000 parentheses are also far over the URL-length cap.
    assert_eq!(codes(&q), ["E0002", "E0207"]);
}

#[test]
fn every_rule_is_registered_once_in_code_order() {
    let rules = crate::lint::RULES;
    assert!(
        rules
            .iter()
            .all(|r| r.codes().is_sorted() && !r.codes().is_empty())
    );
    assert!(
        rules.is_sorted_by_key(|r| r.codes()[0]),
        "checks in the order of their first code"
    );
    let codes: Vec<Code> = rules
        .iter()
        .flat_map(|r| r.codes().iter().copied())
        .collect();
    let mut unique = codes.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(codes.len(), unique.len(), "no code reported by two checks");
    // The table says which codes are lint rules; the registry must agree.
    for &c in Code::ALL {
        assert_eq!(
            c.info().is_lint_rule(),
            codes.contains(&c),
            "{c}: the table's Linter flag disagrees with RULES"
        );
    }
    assert!(crate::lint::rule(Code::W0403).is_some());
    assert!(crate::lint::rule(Code::E0305).is_none());
}

#[test]
fn a_check_with_several_codes_reports_only_the_selected_ones() {
    // One comparison of each kind the literal check classifies.
    let text = "SELECT TOP 5 EnrollID FROM Enrollment \
                WHERE EnrollID = 'x' AND EnrollDate > '2024-13-01' AND EnrollID IN ('101')";
    let q = crate::parser::parse(text).unwrap();
    let s = Schema::builtin();
    let run = |l: Linter<'_>| -> Vec<Code> { l.lint(&q).iter().map(|d| d.code).collect() };
    assert_eq!(run(Linter::new(s)), [Code::E0301, Code::E0302, Code::W0407]);
    assert_eq!(run(Linter::new(s).select(&["W0407"])), [Code::W0407]);
    assert_eq!(
        run(Linter::new(s).select(&["E03"])),
        [Code::E0301, Code::E0302]
    );
    assert_eq!(run(Linter::new(s).ignore(&["E0301", "W"])), [Code::E0302]);
    assert!(run(Linter::new(s).ignore(&["E030", "W0407"])).is_empty());
    let l = Linter::new(s).select(&["W0407"]);
    assert!(l.is_active(Code::W0407) && l.is_active(Code::E0001));
    assert!(!l.is_active(Code::E0301));
}

/// A rule seen through every hook: forwards all of them, declares all of them.
struct AllHooks(&'static dyn crate::lint::Rule);

impl crate::lint::Rule for AllHooks {
    fn codes(&self) -> &'static [Code] {
        self.0.codes()
    }
    fn check_statement<'q>(&self, s: &'q Statement<'q>, cx: &mut crate::lint::Context<'_, 'q>) {
        self.0.check_statement(s, cx)
    }
    fn check_query<'q>(&self, q: &'q Query<'q>, cx: &mut crate::lint::Context<'_, 'q>) {
        self.0.check_query(q, cx)
    }
    fn check_select<'q>(&self, s: &'q Select<'q>, cx: &mut crate::lint::Context<'_, 'q>) {
        self.0.check_select(s, cx)
    }
    fn check_table<'q>(&self, t: &'q TableRef<'q>, cx: &mut crate::lint::Context<'_, 'q>) {
        self.0.check_table(t, cx)
    }
    fn check_expr<'q>(&self, e: &'q Expr<'q>, cx: &mut crate::lint::Context<'_, 'q>) {
        self.0.check_expr(e, cx)
    }
}

const CORPUS: &str = include_str!("../../benches/corpus/queries.crql");

#[test]
fn declared_hooks_cover_every_hook_a_rule_overrides() {
    // The walk calls only the hooks a rule declares; a hook overridden but not
    // declared would silently never run. Calling every hook of every rule must
    // find exactly what the declared hooks find, on the bench corpus and on every
    // rule's own examples.
    let all: Vec<&'static dyn crate::lint::Rule> = crate::lint::RULES
        .iter()
        .map(|r| &*Box::leak(Box::new(AllHooks(*r))) as &'static dyn crate::lint::Rule)
        .collect();
    let schema = Schema::builtin();
    let declared = Linter::new(schema);
    let every = Linter {
        schema,
        rules: std::borrow::Cow::Owned(all),
        active: super::CodeSet::ALL,
    };
    let mut texts = vec![CORPUS.to_string()];
    for c in Code::ALL.iter().map(|c| c.info()) {
        if c.has_query_examples() {
            texts.push(c.bad.to_string());
            texts.push(c.good.to_string());
        }
    }
    for text in &texts {
        let found = declared.lint_text(text);
        assert_eq!(found, every.lint_text(text), "{text}");
    }
    assert!(
        declared.lint_text(CORPUS).len() > 1000,
        "the corpus has findings"
    );
}

#[test]
fn counting_the_encoded_length_equals_encoding_the_text() {
    use std::fmt::Write;
    // E0207 counts what the printer writes instead of building the text; the
    // count must be what the executor sends.
    let script = crate::parser::parse_script(CORPUS).expect("the corpus parses");
    let mut long = 0;
    for stmt in &script.statements {
        let Statement::Query(q) = stmt else { continue };
        let mut counted = crate::ctapi::EncodedLen::default();
        write!(counted, "{q}").unwrap();
        let sent = crate::ctapi::encode_component(&q.to_string());
        assert_eq!(counted.0, sent.len(), "{q}");
        assert_eq!(crate::ctapi::encoded_len(&q.to_string()), sent.len());
        let flagged = lint(q, Schema::builtin()).iter().any(|d| d.code == "E0207");
        assert_eq!(
            flagged,
            sent.len() > crate::ctapi::MAX_ENCODED_QUERY_LEN,
            "{q}"
        );
        long += usize::from(flagged);
    }
    assert!(long >= 1, "the corpus has a query over the cap");
}

proptest::proptest! {
    #[test]
    fn encoded_len_is_the_length_of_the_encoding(text in "\\PC{0,40}", cut in 0usize..41) {
        use std::fmt::Write;
        let sent = crate::ctapi::encode_component(&text);
        proptest::prop_assert_eq!(crate::ctapi::encoded_len(&text), sent.len());
        // Written in two pieces, as the printer does, the count is the same.
        let cut = (0..=cut.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        let mut counted = crate::ctapi::EncodedLen::default();
        write!(counted, "{}{}", &text[..cut], &text[cut..]).unwrap();
        proptest::prop_assert_eq!(counted.0, sent.len());
    }
}
