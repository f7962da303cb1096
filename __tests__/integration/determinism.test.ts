/**
 * Deterministic: two synths of the same app produce identical files (names, order of objects and
 * keys, bytes). Runs the safe synth twice into temp directories for the fixture app, never touching
 * the repo's dist/. The lab's determinism is checked by dist-up-to-date.test.ts, which shares its
 * synth: the committed dist/, a fresh `npm run synth` and a fresh `cdk8s synth` must be equal.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { makeProject, runSafeSynth, treeDigest } from '../fixtures/synth-helpers';

const temps: string[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-determinism-'));
  temps.push(d);
  return d;
}
afterAll(() => {
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
});

function synthTwice(project: string, mode: string): [ReturnType<typeof treeDigest>, ReturnType<typeof treeDigest>, string, string] {
  const a = path.join(tempDir(), 'dist');
  const b = path.join(tempDir(), 'dist');
  const ra = runSafeSynth(project, mode, a);
  expect(ra.stderr).toMatch(/replaced atomically/);
  expect(ra.code).toBe(0);
  const rb = runSafeSynth(project, mode, b);
  expect(rb.code).toBe(0);
  return [treeDigest(a), treeDigest(b), a, b];
}

test('the fixture app synthesises to identical bytes twice', () => {
  const project = makeProject();
  temps.push(project);
  const [a, b, dirA] = synthTwice(project, 'good');
  expect(a.length).toBeGreaterThan(0);
  expect(b).toEqual(a);
  // keys are sorted within each object (cdk8s sorts them unless CDK8S_DISABLE_SORT, which the safe synth clears)
  const text = fs.readFileSync(path.join(dirA, 'fixture.k8s.yaml'), 'utf-8');
  expect(text.indexOf('apiVersion:')).toBe(0);
});
