// Writes docs/lifecycles.md from the transition tables (see lib/lifecycle/document.ts).
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { lifecyclesDocument } from "../lib/lifecycle/document";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
writeFileSync(path.join(root, "docs", "lifecycles.md"), lifecyclesDocument());
console.log("docs/lifecycles.md written");
