// A fix as the package returns it: `{ message, edits: [{ from, to, text }] }`, offsets
// in UTF-16 code units like CodeMirror's positions.
export function fixEdits(fix) {
  return fix.edits;
}

export function fixLabel(fix) {
  return fix.message ?? "apply";
}
