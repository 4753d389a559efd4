// The package's entry for browsers, through a bundler: the bundler turns the
// new URL(..., import.meta.url) below into an asset, and the top-level await
// instantiates it before the importing module runs, so there is no init call here
// either (it needs a bundle target with top-level await: ES2022, every current
// browser).
import init, { __wbg_reset_state, version as rawVersion } from "./crql_wasm.js";
import { internals } from "./api.js";

await init({ module_or_path: new URL("./crql_wasm_bg.wasm", import.meta.url) });
internals.recover = __wbg_reset_state;

export { CrqlError, lint, format, parse, toUrl, encodedLength, bind, splitInList, rules } from "./api.js";
export const version = rawVersion();
