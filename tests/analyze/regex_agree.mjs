// Reads [{pattern, ignoreCase, lines}] as JSON on stdin; prints [{error, results}] (results: does each line match).
// The paste box compiles signature patterns the same way: new RegExp(for_javascript(pattern), "u" + ("i" if ignore_case)).
import { readFileSync } from "node:fs";

const cases = JSON.parse(readFileSync(0, "utf8"));
const out = cases.map(({ pattern, ignoreCase, lines }) => {
  let re;
  try {
    re = new RegExp(pattern, ignoreCase ? "iu" : "u");
  } catch (e) {
    return { error: String(e.message), results: [] };
  }
  return { error: null, results: lines.map((line) => re.test(line)) };
});
process.stdout.write(JSON.stringify(out));
