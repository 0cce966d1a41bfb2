// Parse Mermaid diagrams with the pinned mermaid package (package-lock.json), the same parser the site runs.
// stdin: a JSON array of diagram sources. stdout: a JSON array, per diagram null (parsed) or the error message.
// mermaid.parse needs a DOM only for DOMPurify's label sanitising; jsdom provides it, nothing is rendered.
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });

let input = "";
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const source of JSON.parse(input)) {
  try {
    await mermaid.parse(source);
    results.push(null);
  } catch (err) {
    results.push(String(err && err.message ? err.message : err));
  }
}
process.stdout.write(JSON.stringify(results));
