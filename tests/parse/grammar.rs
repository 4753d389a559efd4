//! `grammar/crql.ebnf` is normative: every production has an example that parses
//! with its entry point, and every rule agrees with the doc comment of the parser
//! function that implements it.

use std::collections::BTreeMap;

const GRAMMAR: &str = include_str!("../../grammar/crql.ebnf");

struct Production {
    rule: String,
    examples: Vec<(String, String)>,
}

fn normalise(rule: &str) -> String {
    rule.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `name ::= ...` at the start of a line begins a rule; indented lines continue it.
fn rule_start(line: &str) -> Option<&str> {
    let (name, _) = line.split_once("::=")?;
    let name = name.trim();
    (!line.starts_with(' ')
        && !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
    .then_some(name)
}

fn unescape(text: &str) -> String {
    text.replace("\\n", "\n")
        .replace("\\t", "\t")
        .replace("\\r", "\r")
        .replace("*\\/", "*/")
}

fn grammar() -> BTreeMap<String, Production> {
    let mut out: BTreeMap<String, Production> = BTreeMap::new();
    let mut current: Option<String> = None;
    let mut in_rule = false;
    for line in GRAMMAR.lines() {
        if let Some(name) = rule_start(line) {
            assert!(!out.contains_key(name), "production {name} defined twice");
            out.insert(
                name.to_owned(),
                Production {
                    rule: line.to_owned(),
                    examples: Vec::new(),
                },
            );
            current = Some(name.to_owned());
            in_rule = true;
        } else if let Some(rest) = line.strip_prefix("/* example(") {
            in_rule = false;
            let (entry, text) = rest.split_once("): ").expect("example(ENTRY): TEXT");
            let text = text.strip_suffix(" */").expect("example ends with */");
            let name = current.as_ref().expect("example after a production");
            let p = out.get_mut(name).expect("current production");
            p.examples.push((entry.to_owned(), unescape(text)));
        } else if in_rule && line.starts_with(' ') && !line.trim().is_empty() {
            let name = current.as_ref().expect("continuation of a production");
            let p = out.get_mut(name).expect("current production");
            p.rule.push(' ');
            p.rule.push_str(line);
        } else {
            in_rule = false;
        }
    }
    out
}

#[test]
fn every_production_has_an_example_that_parses() {
    let g = grammar();
    assert!(g.len() >= 40, "only {} productions read", g.len());
    let mut count = 0;
    for (name, p) in &g {
        assert!(!p.examples.is_empty(), "production {name} has no example");
        for (entry, text) in &p.examples {
            let result = match entry.as_str() {
                "query" => crql::parse(text).map(|q| {
                    let printed = q.to_string();
                    let again = crql::parse(&printed).expect("canonical text parses");
                    assert_eq!(again, q, "{name}: {printed}");
                }),
                "expr" => crql::parse_expr(text).map(|e| {
                    let printed = e.to_string();
                    assert_eq!(crql::parse_expr(&printed).expect("reparse"), e);
                }),
                "script" => crql::parse_script(text).map(|_| ()),
                other => panic!("{name}: unknown entry point {other}"),
            };
            if let Err(e) = result {
                panic!("{name}: {text:?}\n{}", crql::diagnostic::render(&e, 100));
            }
            count += 1;
        }
    }
    assert!(count >= g.len());
}

/// Rules written in ```ebnf blocks of the parser's doc comments.
fn doc_rules() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/parser");
    let parser = std::fs::read_dir(dir).expect("src/parser");
    // The keyword table (reserved_word) is shared with the printer, so it sits
    // beside the parser rather than in it.
    let keywords = concat!(env!("CARGO_MANIFEST_DIR"), "/src/keyword.rs");
    for path in parser
        .map(|e| e.expect("entry").path())
        .chain([keywords.into()])
    {
        let text = std::fs::read_to_string(&path).expect("read source");
        let mut in_block = false;
        let mut current: Option<String> = None;
        for line in text.lines() {
            let Some(doc) = line.trim_start().strip_prefix("///") else {
                in_block = false;
                continue;
            };
            let doc = doc.strip_prefix(' ').unwrap_or(doc);
            if doc.trim() == "```ebnf" {
                in_block = true;
                continue;
            }
            if doc.trim() == "```" {
                in_block = false;
                current = None;
                continue;
            }
            if !in_block {
                continue;
            }
            if let Some(name) = rule_start(doc) {
                out.insert(name.to_owned(), doc.to_owned());
                current = Some(name.to_owned());
            } else if let Some(name) = &current {
                let r: &mut String = out.get_mut(name).expect("rule");
                r.push(' ');
                r.push_str(doc);
            }
        }
    }
    out
}

#[test]
fn parser_doc_comments_repeat_the_grammar() {
    let g = grammar();
    let docs = doc_rules();
    for (name, p) in &g {
        let doc = docs
            .get(name)
            .unwrap_or_else(|| panic!("no parser doc comment states the rule {name}"));
        assert_eq!(normalise(doc), normalise(&p.rule), "rule {name} differs");
    }
    for name in docs.keys() {
        assert!(
            g.contains_key(name),
            "doc rule {name} is not in the grammar"
        );
    }
}
