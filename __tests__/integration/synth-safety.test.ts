/**
 * Every synth path is safe: two `cdk8s synth` runs at once (one failing, or both valid with
 * different output) leave dist/ exactly one valid run's output or the previous one, never a mix;
 * `cdk8s synth --output dist` is refused; leftovers of dead runs are cleaned, and a backup is
 * restored only when a dead run's journal says its swap was interrupted; dist as a symlink stays
 * a link; two safe synths of the same app write identical bytes (deterministic). Temp projects
 * only, never the repo's dist/. (The lab's determinism: dist-up-to-date.spec.ts.)
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CDK8S_CLI } from '../../scripts/synth-plugin';
import {
  RunResult, makeProject, runCdk8sSynth, runCdk8sSynthAsync, runSafeSynth, runSafeSynthAsync, seedDist, treeDigest,
} from '../fixtures/synth-helpers';

const projects: string[] = [];
afterAll(() => {
  for (const p of projects) fs.rmSync(p, { recursive: true, force: true });
});

/** A temp project whose cdk8s.yaml runs the fixture app through scripts/cdk8s-app.ts, as the repo's does. */
function wrappedProject(): { dir: string; dist: string } {
  const dir = makeProject({ wrapped: true });
  projects.push(dir);
  const dist = path.join(dir, 'dist');
  seedDist(dist);
  return { dir, dist };
}

/** A `cdk8s synth` of the fixture app in `mode`: its exit code and the CLI's pid (its run directory is `.dist-run-<pid>`). */
function cdk8sSynthAsync(project: string, mode: string): Promise<{ code: number; pid: number }> {
  return new Promise(resolve => {
    const child = spawn(process.execPath, [CDK8S_CLI, 'synth', '--no-check-upgrade'], {
      cwd: project, env: { ...process.env, FIXTURE_MODE: mode, CDK8S_CHECK_UPGRADE: 'false', NO_COLOR: '1' }, stdio: 'ignore',
    });
    child.once('close', code => resolve({ code: code ?? 1, pid: child.pid ?? -1 }));
  });
}

/** Per-run names left next to dist/ (the shared .dist-staging is the CLI's own). */
function leftovers(dir: string): string[] {
  return fs.readdirSync(dir).filter(n => n.startsWith('.dist-') && n !== '.dist-staging').sort();
}

/** A pid that certainly belonged to a process that has exited (one per file: its process is gone for good). */
let dead: number | undefined;
function deadPid(): number {
  dead ??= Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf-8' }).stdout);
  return dead;
}

const key = (digest: ReturnType<typeof treeDigest>) => JSON.stringify(digest);

/**
 * The two single-run `--output dist` scenarios (each its own project) start with the file, beside
 * the valid runs' expected outputs. Those come from the safe synth (one process, ~0.3 CPU-s instead
 * of ~1 for a `cdk8s synth`): the CLI is not their subject, and the symlink test below checks that
 * a `cdk8s synth` writes the same bytes. The 'good' one is the symlink test's own first run (its
 * dist/ a link to out-real/): that test checks the run; the leftovers test checks that another
 * safe synth of the same app writes the same bytes.
 */
let outputDist: { p: ReturnType<typeof wrappedProject>; run: Promise<RunResult> };
let outputDistUnwrapped: { run: Promise<RunResult> };
let symlinked: { p: ReturnType<typeof wrappedProject>; real: string; good: Promise<RunResult> };
let expectedOutputs: Promise<Record<string, string>>;
beforeAll(() => {
  const p = wrappedProject();
  outputDist = { p, run: runCdk8sSynthAsync(p.dir, 'bad-schema', ['--output', 'dist']) };
  const dir = makeProject();
  projects.push(dir);
  outputDistUnwrapped = { run: runCdk8sSynthAsync(dir, 'good', ['--output', 'dist']) };
  const s = wrappedProject();
  const real = path.join(s.dir, 'out-real');
  fs.renameSync(s.dist, real);
  fs.symlinkSync('out-real', s.dist);
  symlinked = { p: s, real, good: runSafeSynthAsync(s.dir, 'good') };
  expectedOutputs = (async () => {
    const outputs: Record<string, string> = {};
    // one after the other: on a fresh clone the first fills the caches
    const good = await symlinked.good;
    if (good.code !== 0) throw new Error(`safe synth of 'good' failed (${good.code}):\n${good.stderr}`);
    outputs.good = key(treeDigest(real));
    const q = wrappedProject();
    const r = await runSafeSynthAsync(q.dir, 'variant');
    if (r.code !== 0) throw new Error(`safe synth of 'variant' failed (${r.code}):\n${r.stderr}`);
    outputs.variant = key(treeDigest(q.dist));
    return outputs;
  })();
  [outputDist.run, outputDistUnwrapped.run, symlinked.good, expectedOutputs].forEach(r => r.catch(() => undefined)); // reported by their tests
});

test('two cdk8s synth at once: dist/ is exactly a valid run\'s output or the previous one', async () => {
  const outputs = await expectedOutputs;
  // the pairs start after this file's other CLI runs (fewer processes at once; wall time only)
  await Promise.allSettled([outputDist.run, outputDistUnwrapped.run]);
  const p = wrappedProject();
  const failedRuns: string[] = [];
  // a valid run against one that fails validation (both faults, a native schema's and a CRD's, in
  // one app), then two valid runs with different output
  for (const [a, b] of [['variant', 'bad-schema+bad-crd'], ['good', 'variant']]) {
    const before = key(treeDigest(p.dist));
    const [runA, runB] = await Promise.all([cdk8sSynthAsync(p.dir, a), cdk8sSynthAsync(p.dir, b)]);
    const after = key(treeDigest(p.dist));
    const allowed = [before, outputs[a], ...(outputs[b] ? [outputs[b]] : [])];
    expect({ pair: [a, b], ok: allowed.includes(after) }).toEqual({ pair: [a, b], ok: true });
    if (!outputs[b]) expect(runB.code).not.toBe(0);
    if (runA.code === 0 && !outputs[b]) expect(after).toBe(outputs[a]);
    // A CLI empties the shared .dist-staging at its start. When that falls between the other run's
    // app and that CLI's check of its output, the other CLI exits 1 ("app expected to create")
    // before any plugin runs (a valid run may fail this way, dist/ is untouched), and its run
    // directory stays until the next synth removes it (a dead pid's: the leftovers test below).
    // Nothing else may be left.
    failedRuns.push(...[runA, runB].filter(r => r.code !== 0).map(r => `.dist-run-${r.pid}`));
    expect(leftovers(p.dir).filter(n => !failedRuns.includes(n))).toEqual([]);
  }
});

test('cdk8s synth --output dist is refused before the app writes anything; no unvalidated output in dist/', async () => {
  const { p, run } = outputDist;
  const r = await run;
  expect(r.code).not.toBe(0);
  expect(r.stderr).toContain('refusing to synthesise straight into dist/');
  const files = fs.existsSync(p.dist) ? treeDigest(p.dist) : [];
  expect(files.filter(f => f.file.endsWith('.yaml'))).toEqual([]);
});

test('without the app wrapper, the plugin refuses output written into the promotion target', async () => {
  const r = await outputDistUnwrapped.run;
  expect(r.code).toBe(2);
  expect(r.stdout).toContain('Output written into the promotion target');
});

test('leftovers of dead runs are removed, a live run\'s are not; the same app gives the same bytes again', async () => {
  const p = wrappedProject();
  const dead = deadPid();
  const mk = (name: string) => {
    fs.mkdirSync(path.join(p.dir, name));
    fs.writeFileSync(path.join(p.dir, name, 'x.k8s.yaml'), 'x: 1\n');
  };
  for (const n of [`.dist-tmp-${dead}-abcd`, `.dist-old-${dead}`, `.dist-run-${dead}`, `.dist-tmp-${process.pid}-live`]) mk(n);
  const r = runSafeSynth(p.dir, 'good');
  expect(r.stderr).toMatch(/replaced atomically/);
  expect(r.code).toBe(0);
  expect(leftovers(p.dir)).toEqual([`.dist-tmp-${process.pid}-live`]);
  expect(treeDigest(p.dist).map(f => f.file)).toEqual(['fixture.k8s.yaml']);
  // deterministic: the symlink test's synth of the same app (another project) wrote identical files
  // (names, order of objects and keys, bytes)
  expect(key(treeDigest(p.dist))).toBe((await expectedOutputs).good);
  // keys are sorted within each object (cdk8s sorts them unless CDK8S_DISABLE_SORT, which the safe synth clears)
  expect(fs.readFileSync(path.join(p.dist, 'fixture.k8s.yaml'), 'utf-8').indexOf('apiVersion:')).toBe(0);
});

test('a stale backup is not restored after dist/ was deleted on purpose; an interrupted swap is', () => {
  const p = wrappedProject();
  const dead = deadPid();
  const backup = path.join(p.dir, `.dist-old-${dead}`);
  fs.renameSync(p.dist, backup); // dist/ deleted by the user, an old backup lying around
  expect(runSafeSynth(p.dir, 'bad-schema').code).toBe(2);
  expect(fs.existsSync(p.dist)).toBe(false);
  expect(fs.existsSync(backup)).toBe(false);

  // a swap interrupted between its renames: journal + backup, dist/ missing
  seedDist(backup);
  const before = treeDigest(backup);
  fs.writeFileSync(path.join(p.dir, `.dist-swap-${dead}.json`), JSON.stringify({ pid: dead, target: p.dist, backup, staged: path.join(p.dir, `.dist-tmp-${dead}-x`), hadTarget: true }));
  const r = runSafeSynth(p.dir, 'bad-schema');
  expect(r.stderr).toMatch(/restored .*dist\/ from .*\.dist-old-/);
  expect(r.code).toBe(2);
  expect(treeDigest(p.dist)).toEqual(before);
  expect(leftovers(p.dir)).toEqual([]);
});

test('dist as a symlink stays a link; its target directory gets the output', async () => {
  const { p, real } = symlinked;
  const good = await symlinked.good; // started with the file (above)
  expect(good.stderr).toMatch(/replaced atomically/);
  expect(good.code).toBe(0);
  expect(fs.lstatSync(p.dist).isSymbolicLink()).toBe(true);
  expect(treeDigest(real).map(f => f.file)).toEqual(['fixture.k8s.yaml']);
  expect(key(treeDigest(real))).toBe((await expectedOutputs).good);
  expect(runCdk8sSynth(p.dir, 'variant').code).toBe(0);
  expect(fs.lstatSync(p.dist).isSymbolicLink()).toBe(true);
  expect(fs.readFileSync(path.join(real, 'fixture.k8s.yaml'), 'utf-8')).toContain('replicas: 3');
  // the bytes the safe synth writes for the same app, which the concurrent runs above are compared with
  expect(key(treeDigest(real))).toBe((await expectedOutputs).variant);
  expect(leftovers(p.dir)).toEqual([]);
});
