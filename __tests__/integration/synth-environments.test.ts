/**
 * Issue 23, run as a CI would: `npm run synth -- --env <name>` renders one environment of the lab
 * (lab/environments.ts) into its own folder through the same strict validation and atomic swap;
 * a refused input is printed without a stack trace and, with `--report`, written in the JSON form
 * of cdk8s's validation reports.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readManifest } from '../../lab/stages';
import { COMPILE_JS, REPO_ROOT, SAFE_SYNTH } from '../fixtures/synth-helpers';

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
