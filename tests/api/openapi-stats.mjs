// Sums the OpenAPI validation counts that the test processes of one run appended to FILE
// (tests/api/run.sh): responses validated, operations (method + path) and statuses covered.
//   node tests/api/openapi-stats.mjs FILE BACKEND
import { readFileSync } from 'node:fs';

const [file, backend = ''] = process.argv.slice(2);
const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const operations = new Set();
const statuses = new Set();
const documented = new Set();
let validated = 0;
let violations = 0;
let unrouted = 0;
for (const l of lines) {
  validated += l.validated;
  violations += l.violations;
  unrouted += l.unrouted;
  l.operations.forEach((o) => operations.add(o));
  l.statuses.forEach((s) => statuses.add(s));
  (l.documented || []).forEach((o) => documented.add(o));
}
console.log(
  `=== OpenAPI (${backend}): ${validated} responses validated against the document, ${violations} did not conform; ` +
    `${operations.size} of ${documented.size} documented operations covered, ${statuses.size} operation × status pairs; ${unrouted} answers to unrouted requests ===`,
);
const uncovered = [...documented].filter((o) => !operations.has(o)).sort();
if (uncovered.length) console.log(`    not called by the suite: ${uncovered.join(', ')}`);
