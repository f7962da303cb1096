/**
 * dist/ is committed for `kubectl apply -f dist` and GitOps; this fails when it is stale.
 * Fix: `npm run synth` and commit dist/. So is dist-gateway/ (the lab as Gateway API): fix with
 * `npm run synth:gateway` and commit dist-gateway/. That synth validates every object strictly
 * against Kubernetes 1.36 and the CRDs, so a fresh run passing is part of the check.
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

const SYNTH_GATEWAY = path.join(REPO_ROOT, 'scripts', 'synth-gateway.js');
const freshGateway = path.join(temp, 'dist-gateway');
let gatewayStderr = '';
beforeAll(() => {
  const r = spawnSync(process.execPath, ['-r', COMPILE_JS, SYNTH_GATEWAY, '--out', freshGateway], { cwd: REPO_ROOT, env: env(), encoding: 'utf-8' });
  gatewayStderr = r.stderr;
  if (r.status !== 0) throw new Error(`npm run synth:gateway's script failed (${r.status}):\n${r.stderr}`);
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

describe('dist-gateway/', () => {
  test('committed dist-gateway/ equals a fresh, strictly validated synth of the Gateway API lab, byte for byte', () => {
    expect(gatewayStderr).toMatch(/validated \d+ objects in \d+ files against Kubernetes v1\.36\.0/);
    const committed = listYaml(path.join(REPO_ROOT, 'dist-gateway'));
    expect(committed).toEqual(listYaml(freshGateway));
    const stale = committed.filter(f => !fs.readFileSync(path.join(freshGateway, f)).equals(fs.readFileSync(path.join(REPO_ROOT, 'dist-gateway', f))));
    const fix = 'run `npm run synth:gateway` and commit dist-gateway/';
    expect({ stale, fix }).toEqual({ stale: [], fix });
  });

  test('the sections both flavours share are the same bytes in dist/ and dist-gateway/', () => {
    for (const f of ['00-namespace', '10-pod1-host-port', '12-pod2-host-network', '20-service1-node-port', '22-service2-external-ip', '35-lab-ca', '40-svc1-http']) {
      const nginx = fs.readFileSync(path.join(REPO_ROOT, 'dist', `${f}.k8s.yaml`), 'utf8');
      const gateway = fs.readFileSync(path.join(freshGateway, `${f}.k8s.yaml`), 'utf8');
      // 40-svc1-http: the same Deployment, ConfigMap and Service; only the route differs
      const upTo = (text: string) => (f === '40-svc1-http' ? text.split(/^---$/m).slice(0, 3).join('---') : text);
      expect({ f, same: upTo(gateway) === upTo(nginx) }).toEqual({ f, same: true });
    }
  });
});
