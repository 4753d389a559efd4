// A finding's `fixes` are the edits of its one fix, `{ from, to, replacement, safe }`,
// in UTF-16 offsets of the linted text: CodeMirror's positions are UTF-16 too.
export function fixChanges(fixes) {
  return fixes.map((e) => ({ from: e.from, to: e.to, insert: e.replacement }));
}

// An unsafe fix changes what the query means (most likely to what was meant): it is
// offered as `crql check --unsafe-fixes` would, with a word of warning.
export function fixLabel(fixes) {
  return fixes.every((e) => e.safe) ? "Fix" : "Fix (changes the meaning)";
}
