//! Layering: every top-level module of `src/` uses only modules below it, so the
//! module graph has no cycle. The layers, lowest first, are ARCHITECTURE.md's.
//!
//! The test reads the source text (as rust-analyzer's tidy tests do): in each file
//! it finds the paths that leave the file's top-level module — `crate::x`, the
//! items of a `crate::{x, y::z}` group, doc links `[..](crate::x)`, and `super::`
//! chains that climb past the module's root — and fails on any edge that goes up
//! or sideways. `cargo test --test tidy -- --nocapture` prints the graph.
//! `TIDY_SRC=/some/checkout/src` reads another tree (to see an older graph).
//!
//! Unit-test code (`tests.rs` files, `#[cfg(test)] mod` blocks) is compiled only
//! into the test binary, as a dev-dependency is: its edges are printed apart and
//! allowed, so a module's tests may build their trees with the parser. Everything
//! the library itself compiles, docs included, is held to the layers.
//!
//! A binary of its own rather than a module of an area: it checks the source text,
//! not the library's behaviour, and links nothing but std.
//!
//! It also checks that every file of a test folder is a module of its binary.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Layers, lowest first; a module may use only modules of a lower layer.
const LAYERS: &[&[&str]] = &[
    &["ast", "keyword"],
    &["diagnostic"],
    &["ctapi"],
    &["parser", "print"],
    &["schema"],
    &["lint"],
    &["config"],
    &["build"],
    &["exec"],
    &["sandbox"],
    &["lsp"],
    &["cli"],
];

/// Module → the modules it uses (itself excluded).
type Graph = BTreeMap<String, BTreeSet<String>>;

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// Every violation of the layering in `graph`: an edge to a module of the same or
/// a higher layer, a module outside [`LAYERS`], and the cycles [`cycles`] finds.
fn violations(graph: &Graph) -> Vec<String> {
    let mut out = Vec::new();
    for (from, tos) in graph {
        let Some(lf) = layer(from) else {
            out.push(format!("{from}: not in LAYERS; give it a layer"));
            continue;
        };
        for to in tos {
            match layer(to) {
                None => out.push(format!("{from} -> {to}: {to} is not in LAYERS")),
                Some(lt) if lt > lf => out.push(format!("{from} -> {to}: goes up a layer")),
                Some(lt) if lt == lf => {
                    out.push(format!("{from} -> {to}: sideways, within one layer"))
                }
                Some(_) => {}
            }
        }
    }
    out.extend(
        cycles(graph)
            .into_iter()
            .map(|c| format!("cycle: {}", c.join(" -> "))),
    );
    out
}

/// Cycles of `graph`, each as a path that ends where it starts: at least one
/// through every strongly connected component, which is all a failure needs.
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    fn visit(
        node: &str,
        graph: &Graph,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
        found: &mut Vec<Vec<String>>,
    ) {
        if let Some(i) = path.iter().position(|n| n == node) {
            let mut cycle = path[i..].to_vec();
            cycle.push(node.to_owned());
            found.push(cycle);
            return;
        }
        if done.contains(node) {
            return;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            visit(next, graph, path, done, found);
        }
        path.pop();
        done.insert(node.to_owned());
    }
    let mut found = Vec::new();
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        visit(node, graph, &mut Vec::new(), &mut done, &mut found);
    }
    found
}

/// A source file: its top-level module and how deep its own module sits
/// (`src/exec/mod.rs` and `src/ctapi.rs` are 1, `src/exec/url.rs` is 2).
struct File {
    path: PathBuf,
    module: String,
    depth: usize,
    /// A `tests.rs`: compiled only under `#[cfg(test)]`, by this crate's convention.
    test_only: bool,
    text: String,
}

/// A reference that leaves a file's top-level module.
#[derive(Debug)]
struct Ref {
    module: String,
    line: usize,
    test_only: bool,
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The identifier at the start of `s`.
fn ident(s: &str) -> &str {
    let end = s.bytes().position(|b| !is_ident_byte(b)).unwrap_or(s.len());
    &s[..end]
}

/// The first segment of each path in the `{...}` group at the start of `s`
/// (`{a, b::c, d::{e}}` gives `a`, `b`, `d`).
fn group_heads(s: &str) -> Vec<&str> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut expect_head = true;
    for (i, b) in s.bytes().enumerate() {
        match b {
            b'{' => {
                depth += 1;
                expect_head = depth == 1;
            }
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            b',' if depth == 1 => expect_head = true,
            _ if expect_head && depth == 1 && is_ident_byte(b) => {
                heads.push(ident(&s[i..]));
                expect_head = false;
            }
            _ => {}
        }
    }
    heads
}

/// Byte ranges of the inline `mod name { ... }` blocks of `text`, found by
/// counting braces outside comments, strings and character literals.
/// Each block is `(start, end, is_test)`, `is_test` when it is `#[cfg(test)]`.
fn inline_mods(text: &str) -> Vec<(usize, usize, bool)> {
    let b = text.as_bytes();
    let mut ranges = Vec::new();
    let mut open: Vec<Option<(usize, bool)>> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(b.len(), |n| i + n);
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..].find("*/").map_or(b.len(), |n| i + 2 + n + 2);
                continue;
            }
            b'r' if matches!(b.get(i + 1), Some(b'"' | b'#'))
                && (i == 0
                    || !is_ident_byte(b[i - 1])
                    || (b[i - 1] == b'b' && (i < 2 || !is_ident_byte(b[i - 2])))) =>
            {
                let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
                if b.get(i + 1 + hashes) == Some(&b'"') {
                    let close = format!("\"{}", "#".repeat(hashes));
                    let from = i + 2 + hashes;
                    i = text[from..]
                        .find(&close)
                        .map_or(b.len(), |n| from + n + close.len());
                    continue;
                }
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'\'' => {
                // A char literal ('x', '\n', '\u{..}'), not a lifetime ('a).
                if b.get(i + 1) == Some(&b'\\') {
                    // Past the escaped character, which may itself be a quote.
                    i = text[i + 3..].find('\'').map_or(b.len(), |n| i + 3 + n);
                } else if let Some(c) = text[i + 1..].chars().next()
                    && text[i + 1 + c.len_utf8()..].starts_with('\'')
                {
                    i += 1 + c.len_utf8();
                }
            }
            b'{' => {
                let before = text[..i].trim_end();
                let name_start = before
                    .bytes()
                    .rposition(|c| !is_ident_byte(c))
                    .map_or(0, |p| p + 1);
                let head = before[..name_start].trim_end();
                let is_mod =
                    head.ends_with("mod") && name_start > 0 && !before[name_start..].is_empty();
                let is_test = head
                    .trim_end_matches("mod")
                    .trim_end()
                    .trim_end_matches("pub(crate)")
                    .trim_end_matches("pub")
                    .trim_end()
                    .ends_with("#[cfg(test)]");
                open.push(is_mod.then_some((i, is_test)));
            }
            b'}' => {
                if let Some(Some((start, is_test))) = open.pop() {
                    ranges.push((start, i, is_test));
                }
            }
            _ => {}
        }
        i += 1;
    }
    ranges
}

/// The top-level modules `file` refers to, each with the line it is on.
/// `modules` are the crate's top-level modules; `root` maps the crate root's own
/// names (re-exports, exported macros) to the module that defines them. A name
/// that is neither is reported as `?name`, which no layer holds.
fn references(
    file: &File,
    modules: &BTreeSet<String>,
    root: &BTreeMap<String, String>,
) -> Vec<Ref> {
    let text = &file.text;
    let mods = inline_mods(text);
    let resolve = |name: &str| -> Option<String> {
        match name {
            "" | "self" | "super" | "crate" => None,
            _ if modules.contains(name) => Some(name.to_owned()),
            _ => Some(
                root.get(name)
                    .cloned()
                    .unwrap_or_else(|| format!("?{name}")),
            ),
        }
    };
    let line_of = |at: usize| text[..at].matches('\n').count() + 1;
    let mut out = Vec::new();
    let in_test = |at: usize| mods.iter().any(|&(s, e, t)| t && s < at && at < e);
    let mut push = |names: Vec<&str>, at: usize| {
        for name in names {
            if let Some(module) = resolve(name) {
                out.push(Ref {
                    module,
                    line: line_of(at),
                    test_only: file.test_only || in_test(at),
                });
            }
        }
    };
    // The CLI is the binary's own module tree: it names the library `crql::`, a
    // prefix its help texts also give codes (`crql::E0305`), which are no module.
    let prefixes: &[&str] = if file.module == "cli" {
        &["crate::", "crql::"]
    } else {
        &["crate::"]
    };
    for prefix in prefixes {
        let known = |name: &&str| {
            *prefix == "crate::" || modules.contains(*name) || root.contains_key(*name)
        };
        for (at, _) in text.match_indices(prefix) {
            if at > 0 && is_ident_byte(text.as_bytes()[at - 1]) {
                continue;
            }
            let rest = &text[at + prefix.len()..];
            let names = if rest.starts_with('{') {
                group_heads(rest)
            } else {
                vec![ident(rest)]
            };
            push(names.into_iter().filter(known).collect(), at);
        }
    }
    for (at, _) in text.match_indices("super::") {
        if at > 0 && (is_ident_byte(text.as_bytes()[at - 1]) || text[..at].ends_with("::")) {
            continue;
        }
        let mut rest = &text[at..];
        let mut ups = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            ups += 1;
            rest = r;
        }
        let inline = mods.iter().filter(|&&(s, e, _)| s < at && at < e).count();
        // Climbing to the crate root leaves the module; anything shorter stays in.
        if ups >= file.depth + inline {
            if rest.starts_with('{') {
                push(group_heads(rest), at);
            } else {
                push(vec![ident(rest)], at);
            }
        }
    }
    out.retain(|r| r.module != file.module);
    out
}

/// Names the crate root defines for other modules: `pub use x::...` re-exports and
/// `#[macro_export]` macros, each mapped to its module.
fn root_names(lib: &str, files: &[File]) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    for stmt in lib.split(';') {
        let stmt = stmt.trim();
        let Some(path) = stmt
            .lines()
            .map(str::trim)
            .filter(|l| !l.starts_with("//") && !l.starts_with("#"))
            .collect::<Vec<_>>()
            .join(" ")
            .strip_prefix("pub use ")
            .map(str::to_owned)
        else {
            continue;
        };
        let module = ident(&path).to_owned();
        let tail = &path[module.len()..];
        let imported: Vec<String> = match tail.rfind('{') {
            Some(i) => tail[i + 1..]
                .trim_end_matches('}')
                .split(',')
                .map(|s| s.split(" as ").last().unwrap_or(s).trim().to_owned())
                .collect(),
            None => vec![tail.rsplit("::").next().unwrap_or("").trim().to_owned()],
        };
        for name in imported.into_iter().filter(|n| !n.is_empty()) {
            names.insert(name, module.clone());
        }
    }
    for f in files {
        for (at, _) in f.text.match_indices("#[macro_export]") {
            if let Some(i) = f.text[at..].find("macro_rules!") {
                let name = ident(f.text[at + i + "macro_rules!".len()..].trim_start());
                names.insert(name.to_owned(), f.module.clone());
            }
        }
    }
    names
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable source tree") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The graph of the library, the edges only unit tests add, and a line that makes
/// each edge (for the message when one is forbidden).
type Graphs = (Graph, Graph, BTreeMap<(String, String), String>);

/// The module graphs of the crate whose sources are in `src`.
fn graph_of(src: &Path) -> Graphs {
    let mut paths = Vec::new();
    rust_files(src, &mut paths);
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        let rel = path.strip_prefix(src).expect("under src");
        let parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
            .collect();
        // lib.rs is the root that declares every module; main.rs the binary.
        if parts == ["lib"] || parts == ["main"] {
            continue;
        }
        let depth = parts.len() - usize::from(parts.last().is_some_and(|p| p == "mod"));
        files.push(File {
            path: path.clone(),
            module: parts[0].clone(),
            depth,
            test_only: parts.last().is_some_and(|p| p == "tests"),
            text: std::fs::read_to_string(&path).expect("readable source"),
        });
    }
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("src/lib.rs");
    let root = root_names(&lib, &files);
    let modules: BTreeSet<String> = files.iter().map(|f| f.module.clone()).collect();
    let mut graph = Graph::new();
    let mut tests = Graph::new();
    let mut witness = BTreeMap::new();
    for file in &files {
        graph.entry(file.module.clone()).or_default();
        for r in references(file, &modules, &root) {
            let at = file.path.strip_prefix(src).unwrap_or(&file.path);
            if !r.test_only {
                witness
                    .entry((file.module.clone(), r.module.clone()))
                    .or_insert_with(|| format!("src/{}:{}", at.display(), r.line));
            }
            let g = if r.test_only { &mut tests } else { &mut graph };
            g.entry(file.module.clone()).or_default().insert(r.module);
        }
    }
    for (from, tos) in &mut tests {
        tos.retain(|to| !graph.get(from).is_some_and(|g| g.contains(to)));
    }
    tests.retain(|_, tos| !tos.is_empty());
    (graph, tests, witness)
}

fn render(graph: &Graph) -> String {
    let mut order: Vec<&String> = graph.keys().collect();
    order.sort_by_key(|m| (layer(m).unwrap_or(usize::MAX), m.as_str()));
    order
        .into_iter()
        .map(|m| {
            let mut tos: Vec<&String> = graph[m].iter().collect();
            tos.sort_by_key(|t| (layer(t).unwrap_or(usize::MAX), t.as_str()));
            let tos: Vec<&str> = tos.into_iter().map(String::as_str).collect();
            format!(
                "{m} -> {}\n",
                if tos.is_empty() {
                    "(nothing)".to_owned()
                } else {
                    tos.join(", ")
                }
            )
        })
        .collect()
}

#[test]
fn modules_use_only_lower_layers() {
    let src = std::env::var_os("TIDY_SRC")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    let (graph, tests, witness) = graph_of(&src);
    println!(
        "module graph of {} (lowest layer first):\n{}\nadded by unit tests only (allowed):\n{}",
        src.display(),
        render(&graph),
        render(&tests)
    );
    assert!(graph.len() >= 10, "read the whole crate: {graph:?}");
    let bad: Vec<String> = violations(&graph)
        .into_iter()
        .map(|v| {
            let edge = v.split(':').next().unwrap_or("");
            let at = edge
                .split_once(" -> ")
                .and_then(|(a, b)| witness.get(&(a.to_owned(), b.to_owned())));
            match at {
                Some(at) => format!("{v} (e.g. {at})"),
                None => v,
            }
        })
        .collect();
    assert!(
        bad.is_empty(),
        "forbidden module edges:\n{}",
        bad.join("\n")
    );
}

fn graph(edges: &[(&str, &str)]) -> Graph {
    let mut g = Graph::new();
    for (a, b) in edges {
        g.entry(a.to_string()).or_default().insert(b.to_string());
        g.entry(b.to_string()).or_default();
    }
    g
}

#[test]
fn forbidden_edges_and_cycles_are_rejected() {
    assert!(
        violations(&graph(&[
            ("parser", "ast"),
            ("cli", "exec"),
            ("exec", "lint")
        ]))
        .is_empty()
    );
    let up = violations(&graph(&[("ast", "print")]));
    assert_eq!(up, ["ast -> print: goes up a layer"]);
    let sideways = violations(&graph(&[("parser", "print"), ("print", "parser")]));
    assert!(
        sideways
            .iter()
            .any(|v| v == "parser -> print: sideways, within one layer")
    );
    assert!(
        sideways
            .iter()
            .any(|v| v.starts_with("cycle: parser -> print -> parser")
                || v.starts_with("cycle: print -> parser -> print")),
        "{sideways:?}"
    );
    assert_eq!(
        violations(&graph(&[("lint", "exec")])),
        ["lint -> exec: goes up a layer"]
    );
    assert_eq!(
        violations(&graph(&[("lint", "wasm")])),
        [
            "lint -> wasm: wasm is not in LAYERS",
            "wasm: not in LAYERS; give it a layer"
        ]
    );
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| s.to_string()).collect()
}

#[test]
fn the_extractor_sees_every_kind_of_reference() {
    let root: BTreeMap<String, String> = [("parse", "parser"), ("table", "build")]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .into();
    let modules = set(&["ast", "exec", "lint", "parser", "print", "build"]);
    let file = |depth, text: &str| File {
        path: PathBuf::from("src/lint/x.rs"),
        module: "lint".into(),
        depth,
        test_only: false,
        text: text.into(),
    };
    let found = |f: File| -> BTreeSet<String> {
        references(&f, &modules, &root)
            .into_iter()
            .filter(|r| !r.test_only)
            .map(|r| r.module)
            .collect()
    };
    assert_eq!(
        found(file(
            2,
            "use crate::{exec::url::encoded_len, ast, print::{a, b}};\n"
        )),
        set(&["exec", "ast", "print"])
    );
    assert_eq!(
        found(file(
            1,
            "/// See [the client](crate::exec::Client) and [`crate::parse`].\n"
        )),
        set(&["exec", "parser"])
    );
    assert_eq!(
        found(file(1, "crate::table! { x }\nuse crate::lint::Rule;")),
        set(&["build"])
    );
    // `super::` stays inside the module unless it climbs past the module's root:
    // in src/lint/rules/x.rs one step is lint::rules, two are lint, three the root.
    assert!(found(file(3, "use super::super::walk;")).is_empty());
    assert_eq!(
        found(file(3, "use super::super::super::exec::Client;")),
        set(&["exec"])
    );
    // Inside an inline module the file is one step deeper.
    let nested = "mod tests {\n    fn f<'a>() { let c = ('}', '\\'', r#\"}\"#); }\n    use super::super::exec;\n}\nuse super::super::print;";
    assert_eq!(found(file(2, nested)), set(&["print"]));
    assert_eq!(
        found(file(1, "let x = crate::nowhere::f();")),
        set(&["?nowhere"])
    );
    // Unit tests may reach up (they are not part of the library); docs may not.
    let with_tests = "/// Made by [`crate::table`].\nstruct A;\n#[cfg(test)]\nmod tests {\n    use crate::parser::parse;\n}\n";
    assert_eq!(found(file(1, with_tests)), set(&["build"]));
    let refs = references(&file(1, with_tests), &modules, &root);
    assert!(
        refs.iter().any(|r| r.module == "parser" && r.test_only),
        "{refs:?}"
    );
}

/// Every `.rs` file directly in a test folder (an area's `tests/<area>/`, or
/// `tests/support/`) is a module its `main.rs` or `mod.rs` declares: cargo compiles
/// only what that root reaches, so a file left out would silently never run.
#[test]
fn every_test_file_is_a_module_of_its_binary() {
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut roots = 0;
    let mut orphans = Vec::new();
    for entry in std::fs::read_dir(&tests).expect("tests/") {
        let dir = entry.expect("an entry of tests/").path();
        let Some(root) = ["main.rs", "mod.rs"]
            .iter()
            .map(|name| dir.join(name))
            .find(|p| p.is_file())
        else {
            continue;
        };
        roots += 1;
        let text = std::fs::read_to_string(&root).expect("readable root");
        let declared: BTreeSet<&str> = text
            .lines()
            .filter_map(|line| {
                let line = line.trim();
                let line = line.strip_prefix("pub ").unwrap_or(line);
                line.strip_prefix("mod ")?.strip_suffix(';')
            })
            .collect();
        for file in std::fs::read_dir(&dir).expect("an area folder") {
            let path = file.expect("an entry of an area folder").path();
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            let is_module = path.extension().is_some_and(|e| e == "rs")
                && path != root
                && !declared.contains(stem);
            if is_module {
                orphans.push(path.display().to_string());
            }
        }
    }
    // parse, print, lint, build, exec, sandbox, cli and support at least.
    assert!(
        roots >= 8,
        "only {roots} test folders with a main.rs or mod.rs"
    );
    assert!(orphans.is_empty(), "declared by no mod line: {orphans:?}");
}
