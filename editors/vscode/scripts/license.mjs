// vsce packs only files under this directory, and wants a LICENSE among them:
// this writes one from the repository's two licence files, so that the
// extension ships the texts the crate is licensed under without a second copy
// kept in git.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..");
const mit = readFileSync(join(root, "LICENSE-MIT"), "utf8");
const apache = readFileSync(join(root, "LICENSE-APACHE"), "utf8");
const text =
  "The CRQL extension, like the crql crate, is licensed under either of the\n" +
  "Apache License, Version 2.0 or the MIT license, at your option.\n\n" +
  "==== MIT license ====\n\n" + mit.trimEnd() + "\n\n" +
  "==== Apache License, Version 2.0 ====\n\n" + apache.trimEnd() + "\n";
writeFileSync(join(here, "..", "LICENSE"), text);
