/**
 * A failed synth loses nothing: the real cdk8s CLI (with the validation plugin declared in
 * cdk8s.yaml) and the safe synth script (in one process, or through the CLI with --cli), run on a
 * fixture app with bad input in a temp project, leave a pre-existing dist/ byte-for-byte intact
 * and exit non-zero; a good app replaces it.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
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

type Project = ReturnType<typeof project>;
const SAFE_SYNTH_FAILURES: Array<[string, number, RegExp]> = [
  ['throw', 1, /bad input \(FIXTURE_MODE=throw\)/],
  ['throw-after-synth', 1, /failed after writing the manifests/],
  ['bad-schema', 2, /Service bad-svc \(construct fixture\/BadService\)[\s\S]*unknown field "bogusField"/],
  ['unknown-kind', 2, /unknown kind: no schema for example.test\/v1 Mystery/],
  ['empty', 1, /no manifest/],
];

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
  start('safe bad-schema', project(), p => one(runSafeSynthAsync(p.dir, 'bad-schema'))); // validates every object of the fixture
  await started['safe bad-schema'].run.catch(() => undefined);
  // one app with both faults: each test below checks its own object's report (one CLI run, not two)
  for (const mode of ['bad-schema+bad-crd', 'throw-after-synth', 'good']) start(`cli ${mode}`, project(), p => one(runCdk8sSynthAsync(p.dir, mode)));
  // these two one after the other: same project
  start('cli --stdout, --output', project(), async p => [
    await runCdk8sSynthAsync(p.dir, 'good', ['--stdout']),
    await runCdk8sSynthAsync(p.dir, 'good', ['--output', 'elsewhere']),
  ]);
  for (const [mode] of SAFE_SYNTH_FAILURES) if (!started[`safe ${mode}`]) start(`safe ${mode}`, project(), p => one(runSafeSynthAsync(p.dir, mode)));
  start('safe no plugin', project({ plugin: false }), p => one(runSafeSynthAsync(p.dir, 'bad-schema')));
});

/** The CLI report's violation of one object (`Schema: <kind> <name> ...` up to the next one), or ''. */
function violationOf(stdout: string, object: string): string {
  return stdout.split(/^(?=\S*Schema: )/m).find(block => block.includes(`Schema: ${object} `)) ?? '';
}

describe('plain `cdk8s synth` with the validation plugin', () => {
  test('reports a schema violation with its construct path, exits non-zero, dist/ intact', async () => {
    const { p, run } = started['cli bad-schema+bad-crd'];
    const [r] = await run;
    expect(r.code).toBe(2);
    const violation = violationOf(r.stdout, 'Service bad-svc');
    expect(violation).toContain('Construct Path: fixture/BadService');
    expect(violation).toContain('Resource Name: bad-svc');
    expect(violation).toContain('/spec/bogusField: unknown field "bogusField"');
    expect(violation).toContain('/spec/ports/0/port: must be integer, got string "80"');
    expect(r.stdout).toMatch(/Status\s+│ failure/);
    expect(treeDigest(p.dist)).toEqual(p.before);
  });

  test('invalid enum in a custom resource: reported against the CRD, dist/ intact', async () => {
    const { p, run } = started['cli bad-schema+bad-crd'];
    const [r] = await run;
    expect(r.code).toBe(2);
    const violation = violationOf(r.stdout, 'Certificate web-cert');
    expect(violation).toContain('Construct Path: fixture/Cert');
    expect(violation).toMatch(/\/spec\/privateKey\/algorithm: must be one of "RSA", "ECDSA", "Ed25519"/);
    expect(treeDigest(p.dist)).toEqual(p.before);
  });

  test('an app that throws after writing its manifests: non-zero, dist/ intact', async () => {
    const { p, run } = started['cli throw-after-synth'];
    const [r] = await run;
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('failed after writing the manifests');
    expect(treeDigest(p.dist)).toEqual(p.before);
  });

  test('a good app replaces dist/ atomically, without construct-metadata.json', async () => {
    const { p, run } = started['cli good'];
    const [r] = await run;
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('dist/ replaced atomically');
    expect(treeDigest(p.dist).map(f => f.file)).toEqual(['fixture.k8s.yaml']);
    // what was promoted is what was validated: the staging directory's bytes
    expect(treeDigest(p.dist)).toEqual(treeDigest(path.join(p.dir, '.dist-staging')).filter(f => f.file !== 'construct-metadata.json'));
    expect(leftovers(p.dir)).toEqual([]);
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
    const { p, run } = started[`safe ${mode}`];
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
    const { p, run } = started['safe no plugin'];
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
    expect(runSafeSynth(p.dir, 'bad-schema').code).toBe(2);
    expect(treeDigest(p.dist)).toEqual(variant);
  });
});
