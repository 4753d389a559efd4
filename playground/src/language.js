// CRQL highlighting: a line tokenizer, enough for colour. Correctness is the linter's
// job; this only has to agree with it on where strings and comments start and end.
import { StreamLanguage } from "@codemirror/language";

// The parser's keyword table (src/keyword.rs); a word outside it is a name.
const KEYWORDS = new Set(
  `select distinct top percent with ties from as join inner left right full outer cross on
   where group by having order asc desc union all except intersect limit offset row rows
   fetch first next only and or not in is null like between escape exists case when then
   else end update delete insert exec execute merge drop create alter truncate declare
   grant revoke into values`.split(/\s+/),
);

function tokenBlockComment(stream, state) {
  if (stream.skipTo("*/")) {
    stream.match("*/");
    state.inner = null;
  } else {
    stream.skipToEnd();
  }
  return "comment";
}

// `''` inside a string is an escaped quote, not its end (T-SQL).
function tokenString(stream, state) {
  while (!stream.eol()) {
    if (stream.next() === "'") {
      if (stream.peek() === "'") stream.next();
      else {
        state.inner = null;
        return "string";
      }
    }
  }
  return "string";
}

function tokenBracketName(stream, state) {
  // `]]` inside brackets is an escaped `]`.
  while (!stream.eol()) {
    if (stream.next() === "]") {
      if (stream.peek() === "]") stream.next();
      else {
        state.inner = null;
        return "atom";
      }
    }
  }
  return "atom";
}

export const crql = StreamLanguage.define({
  name: "crql",
  startState: () => ({ inner: null }),
  token(stream, state) {
    if (state.inner) return state.inner(stream, state);
    if (stream.eatSpace()) return null;
    if (stream.match("--")) {
      stream.skipToEnd();
      return "comment";
    }
    if (stream.match("/*")) {
      state.inner = tokenBlockComment;
      return tokenBlockComment(stream, state);
    }
    if (stream.match(/^[Nn]?'/)) {
      state.inner = tokenString;
      return tokenString(stream, state);
    }
    if (stream.eat("[")) {
      state.inner = tokenBracketName;
      return tokenBracketName(stream, state);
    }
    if (stream.match(/^:[A-Za-z_][A-Za-z0-9_]*/)) return "variable-2";
    if (stream.match(/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/)) return "number";
    if (stream.match(/^[A-Za-z_@#][A-Za-z0-9_@#$]*/)) {
      return KEYWORDS.has(stream.current().toLowerCase()) ? "keyword" : "variableName";
    }
    if (stream.match(/^(<>|!=|<=|>=|[=<>+\-*/%])/)) return "operator";
    stream.next();
    return "punctuation";
  },
  languageData: { commentTokens: { line: "--", block: { open: "/*", close: "*/" } } },
});
