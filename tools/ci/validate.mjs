// Validates a GitHub Actions workflow with GitHub's own parser (@actions/workflow-parser): the schema check of
// parseWorkflow, then the conversion to a workflow template (needs: that name no job, cycles, bad expressions).
// Usage: node validate.mjs WORKFLOW.yml [--json]
// Exit 0 when valid (with --json, the workflow as the parser's YAML library reads it, on stdout); exit 1 with one
// line per error on stderr; exit 2 on bad usage.
import { readFileSync } from "node:fs";
import { register } from "node:module";
import { basename } from "node:path";
import { parse as parseYaml } from "yaml";

register("./json-loader.mjs", import.meta.url);
const { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } = await import("@actions/workflow-parser");

const args = process.argv.slice(2);
const json = args.includes("--json");
const files = args.filter((a) => a !== "--json");
if (files.length !== 1) {
  process.stderr.write("usage: node validate.mjs WORKFLOW.yml [--json]\n");
  process.exit(2);
}

const file = files[0];
let content;
try {
  content = readFileSync(file, "utf8");
} catch (error) {
  process.stderr.write(`${file}: ${error.message}\n`);
  process.exit(1);
}

const name = basename(file);
const result = parseWorkflow({ name, content }, new NoOperationTraceWriter());
const errors = result.context.errors.getErrors().map((e) => e.message);
if (errors.length === 0 && result.value !== undefined) {
  const template = await convertWorkflowTemplate(result.context, result.value);
  for (const error of template.errors ?? []) {
    errors.push(error.Message);
  }
} else if (errors.length === 0) {
  errors.push(`${name}: the parser returned no workflow`);
}

if (errors.length > 0) {
  for (const error of errors) {
    process.stderr.write(`${error}\n`);
  }
  process.exit(1);
}

if (json) {
  process.stdout.write(JSON.stringify(parseYaml(content)) + "\n");
}
