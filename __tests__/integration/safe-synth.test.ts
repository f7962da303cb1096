/**
 * A failed synth loses nothing: the real cdk8s CLI (with the validation plugin declared in
 * cdk8s.yaml) and the safe synth script (in one process, or through the CLI with --cli), run on a
 * fixture app with bad input in a temp project, leave a pre-existing dist/ byte-for-byte intact
 * and exit non-zero; a good app replaces it, and a changed Deployment selector is refused against
 * the dist/ it would replace (issue 23).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { immutableFieldProblems } from '../../scripts/synth/immutable';
import {
  COMPILE_JS, REPO_ROOT, RunResult, SAFE_SYNTH, makeProject, runCdk8sSynthAsync, runSafeSynth, runSafeSynthAsync, seedDist, treeDigest,
} from '../fixtures/synth-helpers';

const projects: string[] = [];
function project(options?: Parameters<typeof makeProject>[0]): { dir: string; dist: string; before: ReturnType<typeof treeDigest> } {
  const dir = makeProject(options);
  projects.push(dir);
  const dist = path.join(dir, 'dist');
  seedDist(dist);
  return { dir, dist, before: treeDigest(dist) };
}
afterAll(() => {
  for (const p of projects) fs.rmSync(p, { recursive: true, force: true });
});

/** Files left next to dist/ by a run (temp dirs and backups must not leak; .dist-staging is the CLI's). */
function leftovers(dir: string): string[] {
  return fs.readdirSync(dir).filter(n => n.startsWith('.dist-') && n !== '.dist-staging').sort();
}

/** The environment of runSafeSynth (fixtures/synth-helpers.ts), for a command line of its own. */
function fixtureEnv(mode: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, FIXTURE_MODE: mode, CDK8S_CHECK_UPGRADE: 'false', NO_COLOR: '1' };
  delete env.CDK8S_OUTDIR;
  delete env.CDK8S_RECORD_CONSTRUCT_METADATA;
  return env;
}

type Project = ReturnType<typeof project>;
const SAFE_SYNTH_FAILURES: Array<[string, number, RegExp]> = [
  ['throw', 1, /bad input \(FIXTURE_MODE=throw\)/],
  ['throw-after-synth', 1, /failed after writing the manifests/],
  ['bad-schema', 2, /Service bad-svc \(construct fixture\/BadService\)[\s\S]*unknown field "bogusField"/],
  ['unknown-kind', 2, /unknown kind: no schema for example.test\/v1 Mystery/],
  ['empty', 1, /no manifest/],
];
/**
 * The run each failure is read from: the two validation faults in one app, one run (each test
 * checks its own part of the report), in a project without the plugin declared; the good app's
 * test runs the same in a project that declares it.
 */
const runOf = (mode: string) => (mode === 'bad-schema' || mode === 'unknown-kind' ? 'bad-schema+unknown-kind' : mode);

/**
 * The single-run scenarios below each have their own project, so their processes are started
 * together here (each one a whole cdk8s CLI or safe synth process) and each test awaits its own.
 * One goes first, alone: on a fresh clone it fills the loader's and the validator cache (about
 * 2 s of compiling), which the others then load instead of each compiling the same at once.
 */
const started: Record<string, { p: Project; run: Promise<RunResult[]> }> = {};
function start(name: string, p: Project, run: (p: Project) => Promise<RunResult[]>): void {
  const promise = run(p);
  promise.catch(() => undefined); // reported by the test that awaits it
  started[name] = { p, run: promise };
}
beforeAll(async () => {
  const one = (r: Promise<RunResult>) => r.then(x => [x]);
  // in a project without the plugin declared (the plugin project's run of both faults is in the
  // good app's test below): also the run of the no-plugin test
  start('safe bad-schema+unknown-kind', project({ plugin: false }), p => one(runSafeSynthAsync(p.dir, 'bad-schema+unknown-kind'))); // validates every object of the fixture
  await started['safe bad-schema+unknown-kind'].run.catch(() => undefined);
  start('cli throw-after-synth', project(), p => one(runCdk8sSynthAsync(p.dir, 'throw-after-synth')));
  // these two one after the other: same project
  start('cli --stdout, --output', project(), async p => [
    await runCdk8sSynthAsync(p.dir, 'good', ['--stdout']),
    await runCdk8sSynthAsync(p.dir, 'good', ['--output', 'elsewhere']),
  ]);
  for (const mode of new Set(SAFE_SYNTH_FAILURES.map(([m]) => runOf(m)))) if (!started[`safe ${mode}`]) start(`safe ${mode}`, project(), p => one(runSafeSynthAsync(p.dir, mode)));
});

/*
 * Plain `cdk8s synth` with the plugin reporting schema violations (with construct path and
 * resource name, a native schema's and a CRD's in one report, exit 2, dist/ intact) and promoting a
 * good app's staging output atomically (no construct-metadata.json, nothing left beside dist/):
 * package-consumer.test.ts asserts these on its `cdk8s synth` runs of the installed tarball's
 * plugin, the same plugin as users declare it.
 */
describe('plain `cdk8s synth` with the validation plugin', () => {
  test('an app that throws after writing its manifests: non-zero, dist/ intact', async () => {
    const { p, run } = started['cli throw-after-synth'];
    const [r] = await run;
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('failed after writing the manifests');
    expect(treeDigest(p.dist)).toEqual(p.before);
  });

  test('--stdout and a different --output never touch dist/', async () => {
    const { p, run } = started['cli --stdout, --output'];
    const [stdout, output] = await run;
    expect(stdout.code).toBe(0);
    expect(output.code).toBe(0);
    expect(treeDigest(p.dist)).toEqual(p.before);
    expect(fs.existsSync(path.join(p.dir, 'elsewhere', 'fixture.k8s.yaml'))).toBe(true);
  });
});

describe('safe synth (npm run synth)', () => {
  test.each(SAFE_SYNTH_FAILURES)('%s: exits %d, dist/ byte-for-byte intact', async (mode, code, message) => {
    const { p, run } = started[`safe ${runOf(mode)}`];
    const [r] = await run;
    expect(`${r.stderr}`).toMatch(message);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(/FAILED: .*dist\/ untouched/);
    expect(treeDigest(p.dist)).toEqual(p.before);
    expect(leftovers(p.dir)).toEqual([]);
  });

  test('--cli: through the real cdk8s synth and its plugin report, dist/ intact on failure, replaced on success', () => {
    const p = project();
    const cli = (mode: string) => spawnSync(process.execPath, ['-r', COMPILE_JS, SAFE_SYNTH, '--project', p.dir, '--cli'], {
      cwd: REPO_ROOT, env: { ...process.env, FIXTURE_MODE: mode, CDK8S_CHECK_UPGRADE: 'false', NO_COLOR: '1' }, encoding: 'utf-8',
    });
    const bad = cli('bad-schema');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Construct Path: fixture\/BadService[\s\S]*unknown field "bogusField"/);
    expect(treeDigest(p.dist)).toEqual(p.before);
    const good = cli('good');
    expect(good.stderr).toMatch(/validated 4 objects in 1 files \(by the cdk8s validation plugin\)/);
    expect(good.status).toBe(0);
    expect(treeDigest(p.dist).map(f => f.file)).toEqual(['fixture.k8s.yaml']);
    expect(leftovers(p.dir)).toEqual([]);
  });

  test('validates by itself when no plugin is declared (bad schema caught, construct path shown)', async () => {
    const { p, run } = started['safe bad-schema+unknown-kind']; // a project without the plugin
    const [r] = await run;
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Service bad-svc (construct fixture/BadService)');
    expect(r.stderr).toContain('[v1.27.0, v1.36.0] /spec/bogusField: unknown field "bogusField"');
    expect(treeDigest(p.dist)).toEqual(p.before);
  });

  test('a good app replaces dist/ (and only dist/), app warnings on stderr pass through', () => {
    const p = project();
    const r = runSafeSynth(p.dir, 'good');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('fixture warning: printed on stderr by Warnings.print');
    expect(r.stderr).toMatch(/validated 4 objects in 1 files/);
    expect(r.stderr).toMatch(/dist\/ replaced atomically/);
    const after = treeDigest(p.dist);
    expect(after.map(f => f.file)).toEqual(['fixture.k8s.yaml']);
    expect(fs.existsSync(path.join(p.dir, '.dist-staging'))).toBe(false);
    expect(leftovers(p.dir)).toEqual([]);

    // a changed app replaces it again; a failing one afterwards keeps the last good output
    expect(runSafeSynth(p.dir, 'variant').code).toBe(0);
    const variant = treeDigest(p.dist);
    expect(variant).not.toEqual(after);
    // (in this project, which declares the plugin, both validation faults of SAFE_SYNTH_FAILURES)
    const failed = runSafeSynth(p.dir, 'bad-schema+unknown-kind');
    expect(failed.code).toBe(2);
    for (const [mode, , message] of SAFE_SYNTH_FAILURES) if (runOf(mode) === 'bad-schema+unknown-kind') expect(failed.stderr).toMatch(message);
    expect(failed.stderr).toMatch(/FAILED: .*dist\/ untouched/);
    expect(treeDigest(p.dist)).toEqual(variant);
    expect(leftovers(p.dir)).toEqual([]);

    // issue 23: a changed Deployment selector against the dist/ it replaces is refused (exit 2, dist/
    // untouched, the object and field named, no stack trace); --allow-selector-change accepts it
    const refused = runSafeSynth(p.dir, 'selector');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Deployment web: spec.selector: changed from {"matchLabels":{"app":"web"}} to {"matchLabels":{"app":"web","team":"a"}}');
    expect(refused.stderr).not.toMatch(/^\s+at /m);
    expect(treeDigest(p.dist)).toEqual(variant);
    const accepted = spawnSync(process.execPath, ['-r', COMPILE_JS, SAFE_SYNTH, '--project', p.dir, '--allow-selector-change'], {
      cwd: REPO_ROOT, env: fixtureEnv('selector'), encoding: 'utf-8',
    });
    expect([accepted.status, accepted.stderr]).toEqual([0, expect.stringContaining('replaced atomically')]);
  });
});

/*
 * The safe synth's immutable-field check (scripts/synth/immutable.ts) by itself: against the
 * previous output folder, only files whose bytes changed are parsed; a changed Deployment selector
 * is reported. (`npm run synth` refusing it is the last part of the test above.)
 */
describe('the immutable-field check', () => {
  const deployment = (selector: Record<string, string>, pod: Record<string, string> = selector) => ({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'app', labels: pod },
    spec: { selector: { matchLabels: selector }, template: { metadata: { labels: pod }, spec: { containers: [] } } },
  });

  let root: string;
  beforeEach(() => { root = fs.mkdtempSync(path.join(os.tmpdir(), 'selector-change-')); });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  function write(dir: string, obj: any): { out: string; objects: any[] } {
    const d = path.join(root, dir);
    fs.mkdirSync(d, { recursive: true });
    const file = path.join(d, 'web.k8s.yaml');
    fs.writeFileSync(file, Yaml.stringify(obj));
    return { out: d, objects: [{ object: obj, file, index: 0 }] };
  }

  test('fails when the selector of a Deployment in the previous output changed', () => {
    const out = write('dist', deployment({ app: 'web' })).out;
    const next = write('tmp', deployment({ app: 'web', team: 'a' }));
    expect(immutableFieldProblems(out, next.out, next.objects).map(p => p.field)).toEqual(['Deployment app/web: spec.selector']);
  });

  test('pod labels that changed, an unchanged file, or no previous output: no problem', () => {
    const out = write('dist', deployment({ app: 'web' }, { app: 'web', team: 'a' })).out;
    const next = write('tmp', deployment({ app: 'web' }, { app: 'web', team: 'b' }));
    expect(immutableFieldProblems(out, next.out, next.objects)).toEqual([]);
    const same = write('same', deployment({ app: 'web' }, { app: 'web', team: 'a' }));
    expect(immutableFieldProblems(out, same.out, [{ object: deployment({ app: 'other' }), file: path.join(same.out, 'web.k8s.yaml'), index: 0 }])).toEqual([]);
    expect(immutableFieldProblems(path.join(root, 'none'), next.out, next.objects)).toEqual([]);
  });
});
