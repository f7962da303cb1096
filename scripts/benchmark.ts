/**
 * Measures the library's own work: building the lab's construct tree, running the app-wide
 * checks and rendering every object, in-process (no CLI, no disk). Prints the median and
 * spread of N runs. Performance is measured here, never by timed assertions in tests.
 *
 *   npm run bench            # 30 runs
 *   npm run bench -- 100     # 100 runs
 */
import { performance } from 'perf_hooks';
import { App } from 'cdk8s';
import { CrossObjectChecks } from '../constructs';
import { buildLab, LAB_CONFIG } from '../lab';
import { SchemaValidator } from '../validation-plugin/src/schema-validator';

const runs = Number(process.argv[2] ?? 30);

function once(): { build: number; checks: number; render: number; objects: number } {
  const t0 = performance.now();
  const app = new App({ outdir: '/nonexistent' });
  buildLab(app, LAB_CONFIG);
  const t1 = performance.now();
  CrossObjectChecks.of(app).run();
  const t2 = performance.now();
  let objects = 0;
  for (const chart of app.charts) objects += chart.toJson().length;
  const t3 = performance.now();
  return { build: t1 - t0, checks: t2 - t1, render: t3 - t2, objects };
}

function stats(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(2)} ms (p10 ${q(0.1).toFixed(2)}, p90 ${q(0.9).toFixed(2)})`;
}

once(); // warm-up: module loading and JIT
const results = Array.from({ length: runs }, once);

// strict schema validation (1.27 + 1.36 + CRDs): the first call compiles the schemas it needs
const app = new App({ outdir: '/nonexistent' });
buildLab(app, LAB_CONFIG);
const objects = app.charts.flatMap(c => c.toJson());
const t0 = performance.now();
const validator = new SchemaValidator();
validator.validate(objects);
const firstValidation = performance.now() - t0;
const validations = Array.from({ length: runs }, () => {
  const t = performance.now();
  validator.validate(objects);
  return performance.now() - t;
});

process.stdout.write([
  `lab: ${results[0].objects} objects, ${runs} runs`,
  `  build construct tree   ${stats(results.map(r => r.build))}`,
  `  cross-object checks    ${stats(results.map(r => r.checks))}`,
  `  render to JSON         ${stats(results.map(r => r.render))}`,
  `  schema validation      first (loads and compiles schemas) ${firstValidation.toFixed(0)} ms; then ${stats(validations)}`,
  '',
].join('\n'));
