import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import wasm from "vite-plugin-wasm";

// The npm package is built from this repository (bindings/wasm/build.sh), not fetched:
// the playground always shows the linter of the same commit.
const pkg = fileURLToPath(new URL("../bindings/wasm/pkg", import.meta.url));

export default defineConfig({
  // Relative asset URLs, so dist/ works under any path (a static host, `crql serve`).
  base: "./",
  plugins: [wasm()],
  resolve: { alias: { crql: pkg } },
  build: { target: "es2022", outDir: "dist", emptyOutDir: true },
});
