/**
 * Issue 23, run as a CI would: `npm run synth -- --env <name>` renders one environment of the lab
 * (lab/environments.ts) into its own folder through the same strict validation and atomic swap;
 * a refused input is printed without a stack trace and, with `--report`, written in the JSON form
 * of cdk8s's validation reports. `npm run synth` collects every construct's bad input: one run
 * names both bad constructs of an app, in stderr and in the report, and leaves dist/ as it was.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { COMPILE_JS, makeProject, REPO_ROOT, SAFE_SYNTH, seedDist } from '../fixtures/synth-helpers';

/**
 * The objects of a manifest file, read as lab/stages.ts's readManifest reads them (its one line,
 * here: importing it would load the whole lab and library into this file for it).
 */
function readManifest(file: string): any[] {
  return fs.readFileSync(file, 'utf8').split(/^---$/m).map(d => d.trim()).filter(d => d.length > 0).map(d => parse(d));
}

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-envs-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

function synth(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, CDK8S_CHECK_UPGRADE: 'false', NO_COLOR: '1' };
  delete env.CDK8S_OUTDIR;
  delete env.CDK8S_RECORD_CONSTRUCT_METADATA;
  delete env.CDK8S_EXPOSE_ENV;
  return spawnSync(process.execPath, ['-r', COMPILE_JS, SAFE_SYNTH, ...args], { cwd: REPO_ROOT, env, encoding: 'utf-8' });
}

test('--env staging: its own folder, its namespace and hosts, validated, and a report without violations', () => {
  const out = path.join(temp, 'dist-staging');
  const report = path.join(temp, 'staging.json');
  const r = synth('--env', 'staging', '--out', out, '--report', report);
  const objects = fs.readdirSync(out).flatMap(f => readManifest(path.join(out, f)));
  expect([r.status, r.stderr]).toEqual([0, expect.stringContaining(`validated ${objects.length} objects`)]);
  expect(new Set(objects.filter(o => o.metadata.namespace !== 'ingress-nginx').map(o => o.metadata.namespace))).toEqual(new Set(['expose-staging', undefined]));
  expect(objects.filter(o => o.kind === 'Ingress').map(o => o.spec.rules[0].host).sort()).toEqual(
    ['svc1', 'svc2', 'svc3', 'svc4', 'svc5'].map(s => `${s}.staging.xxx.com`));
  const json = JSON.parse(fs.readFileSync(report, 'utf8'));
  expect(json.reports.map((x: any) => [x.summary.plugin, x.summary.status, x.violations.length])).toEqual([
    ['cdk8s-expose', 'success', 0], ['cdk8s-expose-schema-validation', 'success', 0],
  ]);
});

test('fails with an unknown environment: no stack trace, the folder untouched, the problem in the report with its construct path', () => {
  const out = path.join(temp, 'dist-nope');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'keep.k8s.yaml'), 'kept: true\n');
  const report = path.join(temp, 'nope.json');
  const r = synth('--env', 'nope', '--out', out, '--report', report);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('[lab/environments] CDK8S_EXPOSE_ENV: "nope" is not an environment of the lab; allowed: staging, prod');
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(fs.readdirSync(out)).toEqual(['keep.k8s.yaml']);
  const [app, schema] = JSON.parse(fs.readFileSync(report, 'utf8')).reports;
  expect(app.summary.status).toBe('failure');
  expect(app.violations).toEqual([expect.objectContaining({
    ruleName: 'INVALID: CDK8S_EXPOSE_ENV',
    violatingConstructs: [{ constructPath: 'lab/environments', locations: ['CDK8S_EXPOSE_ENV'], manifestPath: '' }],
  })]);
  expect(schema.summary.metadata.Ran).toMatch(/^no/);
});

test('fails with an --env that cannot be a folder name (exit 1 before building anything)', () => {
  const r = synth('--env', '../x');
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('--env "../x": allowed: lower-case letters, digits and \'-\'');
});

const COLLECT_APP = path.join(REPO_ROOT, '__tests__', 'fixtures', 'app', 'collect-app.js');

test('two bad constructs: both in one run, in stderr and in the report, dist/ untouched', () => {
  const project = makeProject({ plugin: false }, COLLECT_APP);
  try {
    const out = path.join(project, 'dist');
    seedDist(out);
    const before = fs.readdirSync(out).sort();
    const report = path.join(project, 'report.json');
    const env: NodeJS.ProcessEnv = { ...process.env, CDK8S_CHECK_UPGRADE: 'false', NO_COLOR: '1' };
    delete env.CDK8S_OUTDIR;
    const r = spawnSync(process.execPath, ['-r', COMPILE_JS, SAFE_SYNTH, '--project', project, '--report', report], { cwd: REPO_ROOT, env, encoding: 'utf-8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/\[fixture\/Web\] .*replicas/);
    expect(r.stderr).toMatch(/\[fixture\/WebNodePort\] .*nodePort.*99999/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(fs.readdirSync(out).sort()).toEqual(before);
    const [app] = JSON.parse(fs.readFileSync(report, 'utf8')).reports;
    expect(app.summary.status).toBe('failure');
    // (the app-wide node-port check reports the out-of-range nodePort too, under cdk8s-expose-checks)
    expect(app.violations.flatMap((v: any) => v.violatingConstructs.map((c: any) => c.constructPath)))
      .toEqual(expect.arrayContaining(['fixture/Web', 'fixture/WebNodePort']));
  } finally {
    fs.rmSync(project, { recursive: true, force: true });
  }
});
