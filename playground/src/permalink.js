// The query lives in the URL's fragment: never sent to a server, and a copied link
// reproduces the page.
const PREFIX = "#q=";

export function readQuery(hash) {
  if (!hash.startsWith(PREFIX)) return null;
  try {
    return decodeURIComponent(hash.slice(PREFIX.length));
  } catch {
    return null; // a hand-edited link with a broken escape: start from the example
  }
}

// replaceState, not location.hash: a keystroke is not a history entry, and no
// hashchange event comes back to the editor.
export function writeQuery(text) {
  const hash = PREFIX + encodeURIComponent(text);
  if (location.hash !== hash) history.replaceState(null, "", hash);
}
