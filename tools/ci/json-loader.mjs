// @actions/workflow-parser imports its schema as `import schema from "./workflow-v1.0.min.json"`, which bundlers
// accept and Node refuses without `with { type: "json" }`. This hook loads .json modules as JSON.
import { readFile } from "node:fs/promises";

export async function load(url, context, nextLoad) {
  if (url.startsWith("file:") && url.endsWith(".json")) {
    return { format: "json", source: await readFile(new URL(url), "utf8"), shortCircuit: true };
  }
  return nextLoad(url, context);
}
