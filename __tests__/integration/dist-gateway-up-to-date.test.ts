/**
 * dist-gateway/ (the lab as Gateway API) is committed like dist/; this fails when it is stale.
 * Fix: `npm run synth:gateway` and commit dist-gateway/. The synth validates every object strictly
 * against Kubernetes 1.36 and the CRDs, so a fresh run passing is part of the check.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { COMPILE_JS, REPO_ROOT } from '../fixtures/synth-helpers';

const SYNTH_GATEWAY = path.join(REPO_ROOT, 'scripts', 'synth-gateway.js');
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-dist-gateway-'));
const fresh = path.join(temp, 'dist-gateway');
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

let stderr = '';
beforeAll(() => {
  const env: NodeJS.ProcessEnv = { ...process.env, CDK8S_CHECK_UPGRADE: 'false', NO_COLOR: '1' };
  delete env.CDK8S_OUTDIR;
  delete env.CDK8S_RECORD_CONSTRUCT_METADATA;
  const r = spawnSync(process.execPath, ['-r', COMPILE_JS, SYNTH_GATEWAY, '--out', fresh], { cwd: REPO_ROOT, env, encoding: 'utf-8' });
  stderr = r.stderr;
  if (r.status !== 0) throw new Error(`npm run synth:gateway's script failed (${r.status}):\n${r.stderr}`);
});

const listYaml = (dir: string) => fs.readdirSync(dir).filter(f => f.endsWith('.yaml')).sort();

test('committed dist-gateway/ equals a fresh, strictly validated synth of the Gateway API lab, byte for byte', () => {
  expect(stderr).toMatch(/validated \d+ objects in \d+ files against Kubernetes v1\.36\.0/);
  const committed = listYaml(path.join(REPO_ROOT, 'dist-gateway'));
  expect(committed).toEqual(listYaml(fresh));
  const stale = committed.filter(f => !fs.readFileSync(path.join(fresh, f)).equals(fs.readFileSync(path.join(REPO_ROOT, 'dist-gateway', f))));
  const fix = 'run `npm run synth:gateway` and commit dist-gateway/';
  expect({ stale, fix }).toEqual({ stale: [], fix });
});

test('the sections both flavours share are the same bytes in dist/ and dist-gateway/', () => {
  for (const f of ['00-namespace', '10-pod1-host-port', '12-pod2-host-network', '20-service1-node-port', '22-service2-external-ip', '35-lab-ca', '40-svc1-http']) {
    const nginx = fs.readFileSync(path.join(REPO_ROOT, 'dist', `${f}.k8s.yaml`), 'utf8');
    const gateway = fs.readFileSync(path.join(fresh, `${f}.k8s.yaml`), 'utf8');
    // 40-svc1-http: the same Deployment, ConfigMap and Service; only the route differs
    const upTo = (text: string) => (f === '40-svc1-http' ? text.split(/^---$/m).slice(0, 3).join('---') : text);
    expect({ f, same: upTo(gateway) === upTo(nginx) }).toEqual({ f, same: true });
  }
});
