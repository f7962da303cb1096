/**
 * `cdk8s synth` through scripts/cdk8s-app.ts: the app validates its objects in memory and hands
 * the plugin a report for exactly the bytes it wrote (validation-plugin/src/app-report.ts). The
 * plugin's result is the same as when it parses and validates the files itself, and it takes the
 * report only for those very bytes and its own schema set.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { APP_REPORT, acceptAppReport, writeAppReport } from '../../validation-plugin/src/app-report';
import { cliRunDir, readRunRecord } from '../../validation-plugin/src/cli-run';
import { SchemaViolation, getSchemaValidator, parseManifests } from '../../validation-plugin/src/schema-validator';
import { CDK8S_APP, COMPILE_JS, makeProject, REPO_ROOT, runCdk8sSynth, seedDist, treeDigest } from '../fixtures/synth-helpers';

let dir: string;
const projects: string[] = [];
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-app-report-')); });
afterAll(() => [dir, ...projects].forEach(d => fs.rmSync(d, { recursive: true, force: true })));

test('the report is taken only for the same files, the same bytes and the same schema set', () => {
  const run = path.join(dir, 'run');
  const from = path.join(dir, 'staging');
  fs.mkdirSync(run);
  const files = ['a.k8s.yaml', 'b.k8s.yaml'].map(f => path.join(run, f));
  fs.writeFileSync(files[0], 'kind: A\n');
  fs.writeFileSync(files[1], 'kind: B\n');
  const violation = { file: files[1], index: 0, apiVersion: 'v1', kind: 'B', name: 'b', schema: 'v1.27.0', source: 'x', instancePath: '/x', message: 'm' };
  writeAppReport(run, 'set', files, 2, [violation]);
  expect(fs.existsSync(path.join(run, APP_REPORT))).toBe(true);
  const texts = [{ file: path.join(from, 'a.k8s.yaml'), text: 'kind: A\n' }, { file: path.join(from, 'b.k8s.yaml'), text: 'kind: B\n' }];

  expect(acceptAppReport(run, from, texts, 'set')).toEqual({ objects: 2, violations: [{ ...violation, file: texts[1].file }], warnings: [] });
  expect(acceptAppReport(run, from, [texts[0], { ...texts[1], text: 'kind: C\n' }], 'set')).toBeUndefined(); // other bytes
  expect(acceptAppReport(run, from, [texts[0]], 'set')).toBeUndefined(); // a file missing
  expect(acceptAppReport(run, from, [...texts, { file: path.join(from, 'c.k8s.yaml'), text: '' }], 'set')).toBeUndefined(); // one more
  expect(acceptAppReport(run, from, texts, 'other')).toBeUndefined(); // other schemas
  expect(acceptAppReport(run, from, texts, '')).toBeUndefined(); // no schema set key (no cache)
  fs.writeFileSync(path.join(run, APP_REPORT), '{"format":1,');
  expect(acceptAppReport(run, from, texts, 'set')).toBeUndefined();
});

test('cdk8s synth: the same report from the app\'s validation as from the plugin\'s own', () => {
  // an app exporting buildApp (validated in memory), with one bad object among good ones; in
  // JavaScript, as the scripts run apps (the library's compiled modules: scripts/compile.js)
  const project = makeProject({ wrapped: true }, 'app.js');
  projects.push(project);
  const app = path.join(project, 'app.js');
  fs.writeFileSync(app, [
    "const { ApiObject, App, Chart } = require('cdk8s');",
    `const { AppDeployment, ClusterIpService } = require(${JSON.stringify(path.join(REPO_ROOT, 'constructs'))});`,
    'exports.buildApp = function buildApp(props = {}) {',
    '  const app = new App(props);',
    "  const chart = new Chart(app, 'reported', { disableResourceNameHashes: true });",
    "  const web = new AppDeployment(chart, 'Web', { image: 'nginx:1.27', containerPort: 80 });",
    "  new ClusterIpService(chart, 'Svc', { selector: web.labels, port: 80 });",
    "  new ApiObject(chart, 'Bad', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'bad' }, spec: { ports: [{ port: '80' }], bogus: 1 } });",
    '  return app;',
    '};',
    '',
  ].join('\n'));
  const dist = path.join(project, 'dist');
  seedDist(dist);
  const before = treeDigest(dist);
  const withoutDuration = (s: string) => s.split('\n').filter(l => !l.includes('Duration')).join('\n');

  const reported = runCdk8sSynth(project, 'good');
  const ownValidation = (() => {
    process.env.CDK8S_EXPOSE_APP_REPORT = 'off';
    try {
      return runCdk8sSynth(project, 'good');
    } finally {
      delete process.env.CDK8S_EXPOSE_APP_REPORT;
    }
  })();
  expect(reported.code).toBe(2);
  expect(reported.stdout).toContain('/spec/bogus: unknown field "bogus"');
  expect(reported.stdout).toContain('/spec/ports/0/port: must be integer, got string "80"');
  expect(withoutDuration(reported.stdout)).toBe(withoutDuration(ownValidation.stdout));
  expect(ownValidation.code).toBe(2);
  expect(treeDigest(dist)).toEqual(before);
  expect(fs.readdirSync(project).filter(n => n.startsWith('.dist-run-'))).toEqual([]);

  // the app alone, as the CLI starts it (this process standing for the CLI): its report is what
  // the plugin would accept, and says what validating the written files says
  const staging = path.join(project, '.dist-staging');
  const r = spawnSync(process.execPath, ['-r', COMPILE_JS, CDK8S_APP, app], {
    cwd: project, encoding: 'utf-8', env: { ...process.env, CDK8S_OUTDIR: staging, CDK8S_RECORD_CONSTRUCT_METADATA: 'true' },
  });
  expect(r.status).toBe(0);
  const runDir = cliRunDir(staging, process.pid);
  try {
    const record = readRunRecord(runDir)!;
    const texts = record.files.map(f => ({ file: path.join(staging, f), text: fs.readFileSync(path.join(runDir, f), 'utf-8') }));
    const validator = getSchemaValidator();
    const accepted = acceptAppReport(runDir, staging, texts, validator.schemaSetKey);
    const parsed = parseManifests(texts);
    // the plugin reports all but the construct path, which the CLI adds from the object's name
    const reported = (v: SchemaViolation[]) => JSON.parse(JSON.stringify(v.map(x => ({ ...x, constructPath: undefined })))) as unknown;
    expect(accepted!.objects).toBe(parsed.objects.length);
    expect(reported(accepted!.violations)).toEqual(reported(validator.validate(parsed.objects)));
    expect(accepted!.violations.length).toBeGreaterThan(0);
  } finally {
    fs.rmSync(runDir, { recursive: true, force: true });
  }
});
