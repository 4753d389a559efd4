// The package's entry in Node.js: the .wasm is read and compiled synchronously at
// import, so `import { lint } from "crql"` is ready to use, with no init call.
import { readFileSync } from "node:fs";
import { initSync, __wbg_reset_state, version as rawVersion } from "./crql_wasm.js";
import { internals } from "./api.js";

const module = new WebAssembly.Module(readFileSync(new URL("./crql_wasm_bg.wasm", import.meta.url)));
initSync({ module });
internals.recover = __wbg_reset_state;

export { CrqlError, lint, format, parse, toUrl, encodedLength, bind, splitInList, rules } from "./api.js";
export const version = rawVersion();
