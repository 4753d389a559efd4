//! A unified diff of a file before and after its fixes, for `crql check --diff`.
//!
//! Query files are small and fixes change few lines, so a line-level longest
//! common subsequence over what lies between the common head and tail is enough.
//! Its table is bounded: past [`MAX_CELLS`], the middle is shown as one replaced
//! block (still a correct diff, only a coarser one).

/// The largest LCS table (lines before × lines after, between the common head and
/// tail) computed: 16 M cells of 4 bytes.
const MAX_CELLS: usize = 1 << 24;

/// Lines of context around each change, as `diff -u`.
const CONTEXT: usize = 3;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    Same,
    Removed,
    Added,
}

/// The unified diff turning `old` into `new`, both named `name`; empty when they
/// are equal.
pub(super) fn unified(name: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let ops = line_ops(&a, &b);
    let mut out = format!("--- {name}\n+++ {name}\n");
    // Walk the script once, cutting it into hunks: runs of changes with at most
    // 2 × CONTEXT unchanged lines between them.
    let changed: Vec<usize> = (0..ops.len()).filter(|&i| ops[i] != Op::Same).collect();
    let mut k = 0;
    while k < changed.len() {
        let first = changed[k];
        let mut last = first;
        while k + 1 < changed.len() && changed[k + 1] - last <= 2 * CONTEXT + 1 {
            k += 1;
            last = changed[k];
        }
        k += 1;
        let from = first.saturating_sub(CONTEXT);
        let to = (last + CONTEXT + 1).min(ops.len());
        // Line numbers where the hunk starts: count the script up to `from`.
        let (mut ia, mut ib) = (0, 0);
        for op in &ops[..from] {
            match op {
                Op::Same => (ia, ib) = (ia + 1, ib + 1),
                Op::Removed => ia += 1,
                Op::Added => ib += 1,
            }
        }
        let (na, nb) = ops[from..to].iter().fold((0, 0), |(x, y), op| match op {
            Op::Same => (x + 1, y + 1),
            Op::Removed => (x + 1, y),
            Op::Added => (x, y + 1),
        });
        let start = |i: usize, n: usize| if n == 0 { i } else { i + 1 };
        out.push_str(&format!(
            "@@ -{},{na} +{},{nb} @@\n",
            start(ia, na),
            start(ib, nb)
        ));
        let (mut ja, mut jb) = (ia, ib);
        for op in &ops[from..to] {
            let (mark, line) = match op {
                Op::Same => {
                    ja += 1;
                    jb += 1;
                    (' ', a[ja - 1])
                }
                Op::Removed => {
                    ja += 1;
                    ('-', a[ja - 1])
                }
                Op::Added => {
                    jb += 1;
                    ('+', b[jb - 1])
                }
            };
            out.push(mark);
            out.push_str(line);
            if !line.ends_with('\n') {
                out.push_str("\n\\ No newline at end of file\n");
            }
        }
    }
    out
}

/// The edit script of lines `a` -> `b`.
fn line_ops(a: &[&str], b: &[&str]) -> Vec<Op> {
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let mut ops = vec![Op::Same; head];
    if ma.len().saturating_mul(mb.len()) > MAX_CELLS {
        ops.extend(std::iter::repeat_n(Op::Removed, ma.len()));
        ops.extend(std::iter::repeat_n(Op::Added, mb.len()));
    } else {
        // lcs[i][j]: the longest common subsequence of ma[i..] and mb[j..].
        let w = mb.len() + 1;
        let mut lcs = vec![0u32; (ma.len() + 1) * w];
        for i in (0..ma.len()).rev() {
            for j in (0..mb.len()).rev() {
                lcs[i * w + j] = if ma[i] == mb[j] {
                    lcs[(i + 1) * w + j + 1] + 1
                } else {
                    lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < ma.len() || j < mb.len() {
            if i < ma.len() && j < mb.len() && ma[i] == mb[j] {
                ops.push(Op::Same);
                i += 1;
                j += 1;
            } else if i < ma.len() && (j == mb.len() || lcs[(i + 1) * w + j] >= lcs[i * w + j + 1])
            {
                // Removals first, as `diff -u` shows a replaced line.
                ops.push(Op::Removed);
                i += 1;
            } else {
                ops.push(Op::Added);
                j += 1;
            }
        }
    }
    ops.extend(std::iter::repeat_n(Op::Same, tail));
    ops
}

#[cfg(test)]
mod tests {
    use super::unified;

    #[test]
    fn equal_texts_have_no_diff() {
        assert_eq!(unified("f", "a\nb\n", "a\nb\n"), "");
    }

    #[test]
    fn changes_far_apart_are_separate_hunks_with_context() {
        let old: String = (1..=20).map(|i| format!("l{i}\n")).collect();
        let new = old.replace("l2\n", "L2\n").replace("l18\n", "L18\n");
        assert_eq!(
            unified("q.crql", &old, &new),
            "--- q.crql\n+++ q.crql\n\
             @@ -1,5 +1,5 @@\n l1\n-l2\n+L2\n l3\n l4\n l5\n\
             @@ -15,6 +15,6 @@\n l15\n l16\n l17\n-l18\n+L18\n l19\n l20\n"
        );
    }

    #[test]
    fn a_last_line_without_newline_is_marked() {
        assert_eq!(
            unified("-", "x = NULL", "x IS NULL"),
            "--- -\n+++ -\n@@ -1,1 +1,1 @@\n-x = NULL\n\\ No newline at end of file\n+x IS NULL\n\\ No newline at end of file\n"
        );
    }

    #[test]
    fn an_inserted_line_in_an_empty_text_starts_at_zero() {
        assert_eq!(
            unified("f", "", "a\n"),
            "--- f\n+++ f\n@@ -0,0 +1,1 @@\n+a\n"
        );
    }
}
