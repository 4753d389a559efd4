// A finding's `fixes` are the edits of its one fix, `{ from, to, replacement }`, in
// UTF-16 offsets of the linted text: CodeMirror's positions are UTF-16 too.
export function fixChanges(fixes) {
  return fixes.map((e) => ({ from: e.from, to: e.to, insert: e.replacement }));
}
