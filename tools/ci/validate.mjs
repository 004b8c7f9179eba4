// Validates a GitHub Actions workflow with GitHub's own parser (@actions/workflow-parser): the schema check of
// parseWorkflow, then the conversion to a workflow template (needs: that name no job, cycles, bad expressions).
// With --action, the file is an action.yml, checked with the parser's action schema (parseAction, convertActionTemplate).
// Usage: node validate.mjs WORKFLOW.yml [--json] [--action]
// Exit 0 when valid (with --json, the workflow as the parser's YAML library reads it, on stdout); exit 1 with one
// line per error on stderr; exit 2 on bad usage.
import { readFileSync } from "node:fs";
import { register } from "node:module";
import { basename } from "node:path";
import { parse as parseYaml } from "yaml";

register("./json-loader.mjs", import.meta.url);
const { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } = await import("@actions/workflow-parser");
const { convertActionTemplate, parseAction } = await import("@actions/workflow-parser/actions/index");

const args = process.argv.slice(2);
const json = args.includes("--json");
const action = args.includes("--action");
const files = args.filter((a) => a !== "--json" && a !== "--action");
if (files.length !== 1 || files[0].startsWith("-")) {
  process.stderr.write("usage: node validate.mjs WORKFLOW.yml [--json] [--action]\n");
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
const result = (action ? parseAction : parseWorkflow)({ name, content }, new NoOperationTraceWriter());
const messages = new Set();
if (result.context.errors.getErrors().length === 0 && result.value !== undefined) {
  const template = action
    ? convertActionTemplate(result.context, result.value)
    : await convertWorkflowTemplate(result.context, result.value);
  for (const error of template.errors ?? []) {
    messages.add(error.Message);
  }
} else if (result.value === undefined && result.context.errors.getErrors().length === 0) {
  messages.add(`${name}: the parser returned no ${action ? "action" : "workflow"}`);
}
for (const error of result.context.errors.getErrors()) {
  messages.add(error.message);
}
const errors = [...messages];

if (errors.length > 0) {
  for (const error of errors) {
    process.stderr.write(`${error}\n`);
  }
  process.exit(1);
}

if (json) {
  process.stdout.write(JSON.stringify(parseYaml(content)) + "\n");
}
