import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// The npm package `crql` is a file: dependency on bindings/wasm/pkg (build.sh makes
// it), not fetched: the playground always shows the linter of the same commit.
const pkg = fileURLToPath(new URL("../bindings/wasm/pkg", import.meta.url));

export default defineConfig({
  // Relative asset URLs, so dist/ works under any path (a static host, `crql serve`).
  base: "./",
  // `npm run dev` may serve the package, which is outside this folder.
  server: { fs: { allow: [".", pkg] } },
  // The package instantiates its .wasm with a top-level await (ES2022); Vite emits the
  // .wasm as an asset from the package's new URL(..., import.meta.url).
  build: { target: "es2022", outDir: "dist", emptyOutDir: true },
});
