/**
 * dist/ is committed for `kubectl apply -f dist` and GitOps; this fails when it is stale.
 * Fix: `npm run synth` and commit dist/.
 *
 * The lab's determinism is checked here too, sharing the first synth: `npm run synth`'s pipeline
 * (in one process, strictly validated, with the validator cache) into a temp directory, then the
 * real `cdk8s synth` with the validation plugin into another, which must give the same bytes.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CDK8S_CLI } from '../../scripts/synth-plugin';
import { COMPILE_JS, REPO_ROOT, SAFE_SYNTH, treeDigest } from '../fixtures/synth-helpers';

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-dist-'));
const fresh = path.join(temp, 'dist');
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

const env = (): NodeJS.ProcessEnv => {
  const e: NodeJS.ProcessEnv = { ...process.env, CDK8S_CHECK_UPGRADE: 'false', NO_COLOR: '1' };
  delete e.CDK8S_OUTDIR;
  delete e.CDK8S_RECORD_CONSTRUCT_METADATA;
  return e;
};

beforeAll(() => {
  const r = spawnSync(process.execPath, ['-r', COMPILE_JS, SAFE_SYNTH, '--out', fresh], { cwd: REPO_ROOT, env: env(), encoding: 'utf-8' });
  if (r.status !== 0) throw new Error(`npm run synth's script failed (${r.status}):\n${r.stderr}`);
});

function listYaml(dir: string): string[] {
  return fs.readdirSync(dir).filter(f => f.endsWith('.yaml')).sort();
}

test('committed dist/ equals a fresh synth of main.ts, byte for byte', () => {
  const committed = listYaml(path.join(REPO_ROOT, 'dist'));
  expect(committed).toEqual(listYaml(fresh));
  const stale = committed.filter(f => !fs.readFileSync(path.join(fresh, f)).equals(fs.readFileSync(path.join(REPO_ROOT, 'dist', f))));
  expect({ stale, fix: 'run `npm run synth` and commit dist/' }).toEqual({ stale: [], fix: 'run `npm run synth` and commit dist/' });
});

test('the lab synthesises to identical bytes again, through cdk8s synth and the validation plugin', () => {
  const again = path.join(temp, 'cli-output');
  const r = spawnSync(process.execPath, [CDK8S_CLI, 'synth', '--no-check-upgrade', '--output', again], { cwd: REPO_ROOT, env: env(), encoding: 'utf-8' });
  expect(r.stdout).toMatch(/Status\s+│ success/);
  expect(r.status).toBe(0);
  fs.rmSync(path.join(again, 'construct-metadata.json'), { force: true });
  expect(treeDigest(again)).toEqual(treeDigest(fresh));
});
