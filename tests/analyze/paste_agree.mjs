// Runs the paste box's matcher (docs/assets/javascripts/paste.js) in Node, as the browser runs it.
// stdin: {table, texts, passes, calls}. stdout: {results: [{causes: [{id, confidence, evidence: [{line, lineNo, tool,
// versions}]}], ms}], calls: [...]}: ms is the mean time of one diagnosis over `passes` runs (none: no timing);
// `calls` are [name, ...args] of the file's other functions (round2, cut), answered in order.
import { readFileSync } from "node:fs";
import vm from "node:vm";

const source = readFileSync(new URL("../../docs/assets/javascripts/paste.js", import.meta.url), "utf8");
const context = vm.createContext({});
vm.runInContext(source, context, { filename: "paste.js" });
const paste = context.rbkbPaste;

const { table, texts = [], passes = 0, calls = [] } = JSON.parse(readFileSync(0, "utf8"));
const matcher = paste.compile(table);
const results = texts.map((text) => {
  const found = paste.diagnose(matcher, text);
  let ms = null;
  if (passes > 0) {
    const start = performance.now();
    for (let i = 0; i < passes; i++) paste.diagnose(matcher, text);
    ms = (performance.now() - start) / passes;
  }
  const causes = found.map((c) => ({
    id: c.id, confidence: c.confidence,
    evidence: c.evidence.map((e) => ({ line: e.line, lineNo: e.lineNo, tool: e.tool, versions: e.versions })),
  }));
  return { causes, ms };
});
process.stdout.write(JSON.stringify({ results, calls: calls.map(([name, ...args]) => paste[name](...args)) }));
