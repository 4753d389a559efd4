//! A small Wadler-style document algebra and its renderer, the layout engine of the
//! pretty formatter.
//!
//! A [`Doc`] is text with break opportunities. A [`Doc::Group`] is printed on one
//! line when it fits the remaining width (together with what follows it up to the
//! next break), otherwise its own [`Doc::Line`]s become newlines while the groups
//! inside it decide again for themselves. [`Doc::Fill`] packs items onto lines like
//! words in a paragraph (long `IN` lists). A [`Doc::HardLine`] is always a newline
//! (after a `--` comment) and forces every group around it to break.

/// A document to lay out.
#[derive(Clone, Debug)]
pub enum Doc {
    /// Text without newlines (or with them, in which case the enclosing groups break).
    Text(String),
    /// A space when flat, a newline when broken.
    Line,
    /// Nothing when flat, a newline when broken.
    SoftLine,
    /// Always a newline.
    HardLine,
    /// A newline unless the line holds nothing but indentation yet (so a comment
    /// that had a line of its own keeps one).
    LineStart,
    /// The parts one after another.
    Concat(Vec<Doc>),
    /// The inner document, with newlines indented one more level.
    Nest(Box<Doc>),
    /// Flat if it fits, else broken. `hard` caches whether it contains a hard break.
    Group { doc: Box<Doc>, hard: bool },
    /// Items separated by a space, or a newline where the next item would not fit.
    Fill(Vec<Doc>),
}

impl Doc {
    /// Plain text.
    pub fn text(s: impl Into<String>) -> Doc {
        Doc::Text(s.into())
    }

    /// Groups `doc`: flat when it fits, else broken.
    pub fn group(doc: Doc) -> Doc {
        let hard = doc.has_hard_break();
        Doc::Group {
            doc: Box::new(doc),
            hard,
        }
    }

    /// Indents the newlines of `doc` by one level.
    pub fn nest(doc: Doc) -> Doc {
        Doc::Nest(Box::new(doc))
    }

    /// True when the document must contain a newline whatever the width.
    fn has_hard_break(&self) -> bool {
        match self {
            Doc::Text(s) => s.contains('\n'),
            Doc::HardLine | Doc::LineStart => true,
            Doc::Line | Doc::SoftLine => false,
            Doc::Concat(v) | Doc::Fill(v) => v.iter().any(Doc::has_hard_break),
            Doc::Nest(d) => d.has_hard_break(),
            Doc::Group { hard, .. } => *hard,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    Flat,
    Break,
}

#[derive(Clone, Copy)]
enum Cmd<'d> {
    Doc(&'d Doc),
    /// The items of a fill that are still to print, each preceded by a separator.
    FillRest(&'d [Doc]),
}

/// Lays `doc` out within `width` columns, indenting by `indent` spaces per level.
/// Lines carry no trailing spaces.
pub fn render(doc: &Doc, width: usize, indent: usize) -> String {
    let mut out = String::new();
    let mut col = 0usize;
    let mut stack: Vec<(usize, Mode, Cmd<'_>)> = vec![(0, Mode::Break, Cmd::Doc(doc))];
    while let Some((ind, mode, cmd)) = stack.pop() {
        let doc = match cmd {
            Cmd::Doc(d) => d,
            Cmd::FillRest(items) => {
                let Some((first, rest)) = items.split_first() else {
                    continue;
                };
                if !rest.is_empty() {
                    stack.push((ind, mode, Cmd::FillRest(rest)));
                }
                let item = (ind, Mode::Flat, Cmd::Doc(first));
                // An item ending in a `--` comment counts up to its line break. An
                // item with a group that must break starts a line of its own: beside
                // the previous item that group's breaks could move a comment to the
                // start of a line, which the next run would keep there and then lay
                // out differently.
                let flat = mode == Mode::Flat
                    || (!breaks_inside(first)
                        && fits_until_hard_break(width.saturating_sub(col + 1), item));
                if at_line_start(&out) {
                    // A comment in the previous item already ended the line.
                } else if flat {
                    out.push(' ');
                    col += 1;
                } else {
                    newline(&mut out, ind);
                    col = ind;
                }
                let item_fits =
                    !first.has_hard_break() && fits(width.saturating_sub(col), item, &[]);
                let item_mode = if mode == Mode::Flat || item_fits {
                    Mode::Flat
                } else {
                    Mode::Break
                };
                stack.push((ind, item_mode, Cmd::Doc(first)));
                continue;
            }
        };
        match doc {
            Doc::Text(s) => {
                // A comment glued to a `-` would read as `--`: keep them apart.
                if (s.starts_with("--") || s.starts_with("/*"))
                    && out.ends_with(|c: char| !c.is_whitespace())
                {
                    out.push(' ');
                    col += 1;
                }
                out.push_str(s);
                col = match s.rfind('\n') {
                    Some(i) => s[i + 1..].chars().count(),
                    None => col + s.chars().count(),
                };
            }
            Doc::Line if mode == Mode::Flat => {
                out.push(' ');
                col += 1;
            }
            Doc::SoftLine if mode == Mode::Flat => {}
            Doc::LineStart if out.is_empty() || at_line_start(&out) => {}
            Doc::Line | Doc::SoftLine | Doc::HardLine | Doc::LineStart => {
                newline(&mut out, ind);
                col = ind;
            }
            Doc::Concat(parts) => {
                for p in parts.iter().rev() {
                    stack.push((ind, mode, Cmd::Doc(p)));
                }
            }
            Doc::Nest(d) => stack.push((ind + indent, mode, Cmd::Doc(d))),
            Doc::Group { doc: d, hard } => {
                let flat = mode == Mode::Flat
                    || (!hard
                        && fits(
                            width.saturating_sub(col),
                            (ind, Mode::Flat, Cmd::Doc(d)),
                            &stack,
                        ));
                let m = if flat { Mode::Flat } else { Mode::Break };
                stack.push((ind, m, Cmd::Doc(d)));
            }
            Doc::Fill(items) => {
                let Some((first, rest)) = items.split_first() else {
                    continue;
                };
                if !rest.is_empty() {
                    stack.push((ind, mode, Cmd::FillRest(rest)));
                }
                let fits_flat = mode == Mode::Flat
                    || (!first.has_hard_break()
                        && fits(
                            width.saturating_sub(col),
                            (ind, Mode::Flat, Cmd::Doc(first)),
                            &[],
                        ));
                let m = if fits_flat { Mode::Flat } else { Mode::Break };
                stack.push((ind, m, Cmd::Doc(first)));
            }
        }
    }
    trim_trailing_spaces(&mut out);
    out
}

/// True when `doc` holds a group that must break (it contains a `--` comment or a
/// comment on a line of its own) and has line breaks of its own, which then all
/// become newlines: `( /* c */ x -- note` + `LIKE y)` breaks after its `(`.
fn breaks_inside(doc: &Doc) -> bool {
    fn soft(doc: &Doc) -> bool {
        match doc {
            Doc::Line | Doc::SoftLine => true,
            Doc::Text(_) | Doc::HardLine | Doc::LineStart => false,
            Doc::Concat(v) | Doc::Fill(v) => v.iter().any(soft),
            Doc::Nest(d) | Doc::Group { doc: d, .. } => soft(d),
        }
    }
    match doc {
        Doc::Group { doc, hard } => (*hard && soft(doc)) || breaks_inside(doc),
        Doc::Concat(v) | Doc::Fill(v) => v.iter().any(breaks_inside),
        Doc::Nest(d) => breaks_inside(d),
        Doc::Text(_) | Doc::Line | Doc::SoftLine | Doc::HardLine | Doc::LineStart => false,
    }
}

/// True when nothing but indentation follows the last newline.
fn at_line_start(out: &str) -> bool {
    match out.rfind('\n') {
        Some(i) => out[i + 1..].bytes().all(|b| b == b' '),
        None => false,
    }
}

fn newline(out: &mut String, indent: usize) {
    trim_trailing_spaces(out);
    out.push('\n');
    out.extend(std::iter::repeat_n(' ', indent));
}

fn trim_trailing_spaces(out: &mut String) {
    let kept = out.trim_end_matches(' ').len();
    out.truncate(kept);
}

fn fits_until_hard_break(room: usize, first: (usize, Mode, Cmd<'_>)) -> bool {
    fits_impl(room, first, &[], true)
}

/// True when `first` printed in its mode, followed by `rest` (the pending stack, top
/// last) up to its first newline, takes at most `room` columns.
fn fits(room: usize, first: (usize, Mode, Cmd<'_>), rest: &[(usize, Mode, Cmd<'_>)]) -> bool {
    fits_impl(room, first, rest, false)
}

fn fits_impl(
    room: usize,
    first: (usize, Mode, Cmd<'_>),
    rest: &[(usize, Mode, Cmd<'_>)],
    hard_ends: bool,
) -> bool {
    let mut left = room.min(isize::MAX as usize) as isize;
    let mut work: Vec<(Mode, Cmd<'_>)> = vec![(first.1, first.2)];
    let mut rest_iter = rest.iter().rev();
    loop {
        if left < 0 {
            return false;
        }
        let (mode, cmd) = match work.pop() {
            Some(c) => c,
            None => match rest_iter.next() {
                Some(&(_, m, c)) => (m, c),
                None => return true,
            },
        };
        let doc = match cmd {
            Cmd::Doc(d) => d,
            Cmd::FillRest(items) => {
                if mode == Mode::Break {
                    // The separator may break here: the rest no longer matters.
                    return true;
                }
                for it in items.iter().rev() {
                    work.push((mode, Cmd::Doc(it)));
                    work.push((mode, Cmd::Doc(&SPACE)));
                }
                continue;
            }
        };
        match doc {
            Doc::Text(s) => {
                if s.contains('\n') {
                    return hard_ends || mode == Mode::Break;
                }
                left -= s.chars().count() as isize;
            }
            Doc::Line if mode == Mode::Flat => left -= 1,
            Doc::SoftLine if mode == Mode::Flat => {}
            Doc::Line | Doc::SoftLine => return true,
            Doc::HardLine => return hard_ends || mode == Mode::Break,
            // A comment that had a line of its own: the item does not fit beside
            // the previous one (else a second run would see the comment joined to
            // a line and lay it out differently).
            Doc::LineStart => return !hard_ends && mode == Mode::Break,
            Doc::Concat(parts) => {
                for p in parts.iter().rev() {
                    work.push((mode, Cmd::Doc(p)));
                }
            }
            Doc::Nest(d) => work.push((mode, Cmd::Doc(d))),
            Doc::Group { doc: d, hard } => {
                let m = if *hard && !hard_ends {
                    Mode::Break
                } else {
                    mode
                };
                work.push((m, Cmd::Doc(d)));
            }
            Doc::Fill(items) => {
                if let Some((first, others)) = items.split_first() {
                    work.push((mode, Cmd::FillRest(others)));
                    work.push((mode, Cmd::Doc(first)));
                }
            }
        }
    }
}

static SPACE: Doc = Doc::Line;

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Doc {
        Doc::text(s)
    }

    fn list(items: &[&str]) -> Doc {
        let mut parts = vec![t("("), Doc::SoftLine];
        for (i, it) in items.iter().enumerate() {
            if i > 0 {
                parts.push(t(","));
                parts.push(Doc::Line);
            }
            parts.push(t(it));
        }
        Doc::group(Doc::Concat(vec![
            Doc::nest(Doc::Concat(parts)),
            Doc::SoftLine,
            t(")"),
        ]))
    }

    #[test]
    fn group_stays_flat_when_it_fits() {
        assert_eq!(render(&list(&["a", "b", "c"]), 80, 2), "(a, b, c)");
    }

    #[test]
    fn group_breaks_every_line_when_it_does_not_fit() {
        assert_eq!(
            render(&list(&["alpha", "beta", "gamma"]), 10, 2),
            "(\n  alpha,\n  beta,\n  gamma\n)"
        );
    }

    #[test]
    fn what_follows_a_group_counts_toward_its_fit() {
        // "(a, b)" fits in 8 columns, but not with the trailing " AND c".
        let d = Doc::Concat(vec![list(&["a", "b"]), t(" AND c")]);
        assert_eq!(render(&d, 8, 2), "(\n  a,\n  b\n) AND c");
        assert_eq!(render(&d, 12, 2), "(a, b) AND c");
    }

    #[test]
    fn hard_line_breaks_the_enclosing_groups() {
        let d = Doc::group(Doc::Concat(vec![
            t("a"),
            Doc::Line,
            t("-- note"),
            Doc::HardLine,
            t("b"),
        ]));
        assert_eq!(render(&d, 80, 2), "a\n-- note\nb");
    }

    #[test]
    fn fill_packs_items_per_line() {
        let items: Vec<Doc> = (1..=9).map(|i| t(&format!("{i}00,"))).collect();
        let d = Doc::nest(Doc::Concat(vec![t("IN"), Doc::HardLine, Doc::Fill(items)]));
        assert_eq!(
            render(&d, 14, 2),
            "IN\n  100, 200,\n  300, 400,\n  500, 600,\n  700, 800,\n  900,"
        );
    }

    #[test]
    fn no_trailing_spaces() {
        let d = Doc::Concat(vec![t("a "), Doc::HardLine, t("b")]);
        assert_eq!(render(&d, 80, 2), "a\nb");
    }
}
