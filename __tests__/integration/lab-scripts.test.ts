/**
 * `npm run lab:up`, `lab:down` and `lab:verify` without a cluster: stand-in `kubectl` and `curl`
 * (__tests__/fixtures/fake-tools/) are put first on PATH; they record every call and answer like
 * the real tools, including failures and time-outs. Checked: the order of the stages, the waits,
 * idempotence, the namespace flag on every call about the lab's objects, the verify table and the
 * exit codes.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { buildLab, LAB_CONFIG } from '../../lab';
import { displayCommand, labChecks } from '../../lab/checks';
import { CERT_MANAGER_MANIFEST_URL } from '../../lab/stages';
import { removeTempDir, tempDir } from '../helpers/tls';

const ROOT = path.join(__dirname, '..', '..');
const FAKE_TOOLS = path.join(ROOT, '__tests__', 'fixtures', 'fake-tools');
const NS = LAB_CONFIG.namespace;
const PEM = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';

interface Call { tool: string; args: string[] }
interface Result { code: number | null; stdout: string; stderr: string; calls: Call[] }

let dir: string;
beforeEach(() => { dir = tempDir('lab-scripts-'); });
afterEach(() => removeTempDir(dir));

/** Runs scripts/lab/<script>.ts with the stand-ins first on PATH; the state file persists across calls in one test. */
function lab(script: 'up' | 'down' | 'verify', args: string[] = [], env: { kubectl?: object; curl?: object } = {}): Result {
  const log = path.join(dir, 'calls.jsonl');
  fs.rmSync(log, { force: true });
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'lab', `${script}.ts`), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 110_000,
    env: {
      ...process.env,
      PATH: `${FAKE_TOOLS}${path.delimiter}${process.env.PATH ?? ''}`,
      FAKE_TOOLS_LOG: log,
      FAKE_TOOLS_STATE: path.join(dir, 'cluster.json'),
      FAKE_KUBECTL: JSON.stringify(env.kubectl ?? {}),
      FAKE_CURL: JSON.stringify(env.curl ?? {}),
    },
  });
  const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map(l => JSON.parse(l) as Call) : [];
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, calls };
}

const kubectlCalls = (r: Result) => r.calls.filter(c => c.tool === 'kubectl').map(c => c.args.join(' ').replace(/\/tmp\/[^ ]*\//g, '<dir>/'));
const indexOf = (calls: string[], part: string) => {
  const i = calls.findIndex(c => c.includes(part));
  if (i < 0) throw new Error(`no call with ${JSON.stringify(part)} in:\n${calls.join('\n')}`);
  return i;
};

describe('lab:up', () => {
  test('a fresh cluster: cert-manager, its waits, the controller, its waits, the namespace, then each chart with its waits, in order; exit 0', () => {
    const r = lab('up');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const calls = kubectlCalls(r);
    const order = [
      'version -o json',
      'get crd certificates.cert-manager.io -o name',
      `apply -f ${CERT_MANAGER_MANIFEST_URL}`,
      '-n cert-manager rollout status deployment/cert-manager --timeout=300s',
      '-n cert-manager rollout status deployment/cert-manager-cainjector --timeout=300s',
      '-n cert-manager rollout status deployment/cert-manager-webhook --timeout=300s',
      'get validatingwebhookconfiguration/cert-manager-webhook -o jsonpath={.webhooks[*].clientConfig.caBundle}',
      'apply -f <dir>/30-ingress-nginx.k8s.yaml',
      '-n ingress-nginx rollout status daemonset/ingress-nginx-controller --timeout=300s',
      'get validatingwebhookconfiguration/ingress-nginx-admission -o jsonpath={.webhooks[*].clientConfig.caBundle}',
      'apply -f <dir>/00-namespace.k8s.yaml',
      `-n ${NS} apply -f <dir>/10-pod1-host-port.k8s.yaml`,
      `-n ${NS} wait --for=condition=Ready pod/pod1-host-port --timeout=300s`,
      `-n ${NS} apply -f <dir>/22-service2-external-ip.k8s.yaml`,
      `-n ${NS} rollout status deployment/service1-dep-external-ip --timeout=300s`,
      `-n ${NS} apply -f <dir>/35-lab-ca.k8s.yaml`,
      `-n ${NS} wait --for=condition=Ready certificate/lab-ca-ca --timeout=300s`,
      `-n ${NS} wait --for=condition=Ready certificate/lab-ca-trust --timeout=300s`,
      `-n ${NS} apply -f <dir>/43-svc4-tls-reencrypt.k8s.yaml`,
      `-n ${NS} wait --for=condition=Ready certificate/secret-tls-svc4 --timeout=300s`,
      `-n ${NS} rollout status deployment/svc4-deployment --timeout=300s`,
      `-n ${NS} apply -f <dir>/44-svc5-tls-passthrough.k8s.yaml`,
      `-n ${NS} rollout status deployment/svc5-deployment --timeout=300s`,
    ].map(part => indexOf(calls, part));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(calls).toHaveLength(new Set(calls).size); // nothing twice
    expect(r.stdout).toContain('== stage 1/13: cert-manager v1.16.5');
    expect(r.stdout).toContain('waiting up to 300s for deployment/cert-manager-webhook in namespace cert-manager to have condition rolled out');
    expect(r.stdout).toContain('waiting up to 300s for validatingwebhookconfiguration/ingress-nginx-admission to have a non-empty caBundle');
    expect(r.stdout).toContain(`waiting up to 300s for certificate/lab-ca-trust in namespace ${NS} to have condition Ready`);
    expect(r.stdout).toContain('lab:up: done');
  });

  test('idempotent: a second run skips cert-manager (present), re-applies unchanged objects and waits again; exit 0', () => {
    const first = lab('up');
    expect(first.code).toBe(0);
    const second = lab('up');
    expect(second.code).toBe(0);
    const calls = kubectlCalls(second);
    expect(calls.some(c => c.startsWith('apply -f https://'))).toBe(false);
    expect(second.stdout).toContain('already installed (crd certificates.cert-manager.io exists): not applying');
    expect(calls.filter(c => c.includes(' apply -f ') || c.startsWith('apply -f '))).toEqual(
      kubectlCalls(first).filter(c => (c.includes(' apply -f ') || c.startsWith('apply -f ')) && !c.includes('https://')));
    expect(calls.filter(c => / wait | rollout /.test(c))).toEqual(kubectlCalls(first).filter(c => / wait | rollout /.test(c)));
  });

  test('the lab\'s namespace (--config) on every call about the lab\'s objects, and no other', () => {
    const config = path.join(dir, 'config.json');
    fs.writeFileSync(config, JSON.stringify({ namespace: 'team-a' }));
    const r = lab('up', ['--config', config], { kubectl: { certManagerInstalled: true } });
    expect(r.code).toBe(0);
    const calls = kubectlCalls(r);
    const labCalls = calls.filter(c => /k8s\.yaml|certificate\/|pod\/|deployment\/(service1|svc)/.test(c) && !c.includes('30-ingress-nginx') && !c.includes('00-namespace'));
    expect(labCalls.length).toBeGreaterThan(25);
    for (const c of labCalls) expect(c).toMatch(/^-n team-a /);
    expect(calls.join('\n')).not.toContain(NS);
  });

  test('a wait that times out: exit 1, the message names the stage, the object and its namespace; nothing after it runs', () => {
    const r = lab('up', [], { kubectl: { timeout: ['certificate/lab-ca-trust'] } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`lab:up: FAILED: stage "35-lab-ca": certificate/lab-ca-trust in namespace ${NS} did not reach Ready within 300s ` +
      '(error: timed out waiting for the condition on certificates/lab-ca-trust)');
    expect(kubectlCalls(r).some(c => c.includes('40-svc1-http'))).toBe(false);
  });

  test('a webhook whose caBundle stays empty: polled until the timeout, then exit 1 naming it', () => {
    const r = lab('up', ['--timeout', '2'], { kubectl: { certManagerInstalled: true, emptyCaBundle: ['ingress-nginx-admission'] } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('stage "ingress-nginx controller": validatingwebhookconfiguration/ingress-nginx-admission did not reach a non-empty caBundle within 2s');
    expect(kubectlCalls(r).filter(c => c.includes('validatingwebhookconfiguration/ingress-nginx-admission')).length).toBeGreaterThan(1);
  });

  test('a kubectl that never returns is killed: exit 1 naming the object', () => {
    const r = lab('up', ['--timeout', '1'], { kubectl: { certManagerInstalled: true, hang: ['daemonset/ingress-nginx-controller'] } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('daemonset/ingress-nginx-controller in namespace ingress-nginx did not reach rolled out within 1s (kubectl did not return within 2s)');
  });

  test('cert-manager\'s webhook not answering yet: the apply is retried until it is', () => {
    const r = lab('up', ['--timeout', '5'], { kubectl: { certManagerInstalled: true, webhookNotReadyApplies: 1 } });
    expect(r.code).toBe(0);
    expect(kubectlCalls(r).filter(c => c === `-n ${NS} apply -f <dir>/35-lab-ca.k8s.yaml`)).toHaveLength(2);
    expect(r.stdout).toContain('not accepted yet (Error from server (InternalError)');
  });

  test('no cluster: exit 1 with kubectl\'s reason', () => {
    const r = lab('up', [], { kubectl: { noCluster: true } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('lab:up: FAILED: no cluster: kubectl version failed: The connection to the server localhost:8080 was refused');
  });

  test('bad usage: exit 2', () => {
    expect(lab('up', ['--timeout', '-3']).code).toBe(2);
    expect(lab('up', ['--config', path.join(dir, 'missing.json')]).stderr).toContain('--config');
  });
});

describe('lab:down', () => {
  test('charts in reverse, the Secrets cert-manager wrote, the namespace, the controller; cert-manager kept; exit 0', () => {
    const r = lab('down');
    expect(r.code).toBe(0);
    const calls = kubectlCalls(r);
    const order = [
      `-n ${NS} delete -f <dir>/44-svc5-tls-passthrough.k8s.yaml --ignore-not-found --wait=true --timeout=300s`,
      `-n ${NS} delete -f <dir>/43-svc4-tls-reencrypt.k8s.yaml`,
      `-n ${NS} delete secret secret-tls-svc4 --ignore-not-found`,
      `-n ${NS} delete -f <dir>/40-svc1-http.k8s.yaml`,
      `-n ${NS} delete -f <dir>/35-lab-ca.k8s.yaml`,
      `-n ${NS} delete secret lab-ca-ca lab-ca-trust svc2-backend-tls svc4-backend-tls secret-tls-svc5 --ignore-not-found`,
      `-n ${NS} delete -f <dir>/10-pod1-host-port.k8s.yaml`,
      'delete -f <dir>/00-namespace.k8s.yaml --ignore-not-found',
      'delete -f <dir>/30-ingress-nginx.k8s.yaml --ignore-not-found',
    ].map(part => indexOf(calls, part));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(calls.join('\n')).not.toContain('cert-manager.yaml');
    expect(r.stdout).toContain('cert-manager left installed');
  });

  test('--cert-manager removes it too; a deletion that times out: the others still run, exit 1 naming it', () => {
    const r = lab('down', ['--cert-manager'], { kubectl: { fail: [{ match: '00-namespace', stderr: 'error: timed out waiting for the condition on namespaces/expose-lab' }] } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('namespace expose-lab: error: timed out waiting for the condition on namespaces/expose-lab');
    expect(kubectlCalls(r).at(-1)).toBe(`delete -f ${CERT_MANAGER_MANIFEST_URL} --ignore-not-found --wait=true --timeout=300s`);
  });
});

describe('lab:verify', () => {
  const NODE = '192.0.2.10';
  const POD_NODE = '192.0.2.21';
  const welcome = { status: 200, body: '<html><h1>Welcome to nginx!</h1></html>' };
  const hello = (svc: string) => ({ status: 200, body: `Hello, I am ${svc} for ingress-controller demo!` });
  const healthy: Record<string, object> = {
    [`http://${POD_NODE}:30890/`]: welcome,
    [`http://${POD_NODE}:8090/`]: welcome,
    [`http://${NODE}:30888/`]: welcome,
    'http://10.119.12.4:8088/': welcome,
    'http://no-such-host.xxx.com/': { status: 404, body: 'default backend - 404' },
    'http://svc1.xxx.com/': hello('svc1'),
    'http://svc2.xxx.com/': hello('svc2'),
    'http://svc3.xxx.com/': { status: 308, location: 'https://svc3.xxx.com/' },
    'https://svc3.xxx.com/': hello('svc3'),
    'http://svc4.xxx.com/': { status: 308, location: 'https://svc4.xxx.com/' },
    'https://svc4.xxx.com/': hello('svc4'),
    'https://svc5.xxx.com/': hello('svc5'),
  };

  test('every check passes: a table of section, command, expected, got, result; exit 0', () => {
    const r = lab('verify', ['--node', NODE], { kubectl: { caCrt: PEM, hostIP: POD_NODE }, curl: healthy });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const header = lines.findIndex(l => l.startsWith('section'));
    expect(lines[header]).toMatch(/^section +\| command +\| expected +\| got +\| result$/);
    const rows = lines.slice(header + 2).filter(l => / \| (PASS|FAIL)$/.test(l));
    expect(rows).toHaveLength(12);
    expect(rows.every(l => l.endsWith('| PASS'))).toBe(true);
    expect(r.stdout).toContain(`curl --resolve svc4.xxx.com:443:${NODE} --cacert ca.crt https://svc4.xxx.com/`);
    expect(r.stdout).toContain(`curl http://${POD_NODE}:30890/`);
    expect(r.stdout).toContain(`ca.crt: kubectl -n ${NS} get secret lab-ca-trust -o jsonpath='{.data.ca\\.crt}' | base64 -d > ca.crt`);
    expect(r.stdout).toContain('lab:verify: 12/12 passed');
    // the CA from the trust Secret, by kubectl in the lab's namespace; curl got it as a file
    expect(kubectlCalls(r)).toContain(`-n ${NS} get secret lab-ca-trust -o jsonpath={.data.ca\\.crt}`);
    const curls = r.calls.filter(c => c.tool === 'curl').map(c => c.args);
    const svc4 = curls.find(a => a.at(-1) === 'https://svc4.xxx.com/')!;
    expect(svc4[svc4.indexOf('--resolve') + 1]).toBe(`svc4.xxx.com:443:${NODE}`);
    expect(svc4[svc4.indexOf('--cacert') + 1]).toMatch(/ca\.crt$/);
    expect(svc4).not.toContain('-k');
  });

  test('a wrong reply, a time-out and a refused connection fail their rows; exit 1', () => {
    const curl = {
      ...healthy,
      'https://svc4.xxx.com/': { status: 503, body: '<html>503 Service Temporarily Unavailable</html>' },
      'http://10.119.12.4:8088/': { hang: true },
      [`http://${NODE}:30888/`]: undefined,
    };
    const r = lab('verify', ['--node', NODE, '--curl-timeout', '1'], { kubectl: { caCrt: PEM, hostIP: POD_NODE }, curl });
    expect(r.code).toBe(1);
    const row = (section: string) => r.stdout.split('\n').find(l => new RegExp(`^${section.replace(/[()]/g, '\\$&')} +\\|`).test(l))!;
    expect(row('exp 6 re-encrypt (svc4)')).toMatch(/503 "<html>503 Service Temporarily Unavailable<\/html>" +\| FAIL$/);
    expect(row('9.4 externalIPs')).toMatch(/no answer within 6s +\| FAIL$/);
    expect(row('9.3 NodePort')).toMatch(/curl: \(7\) Failed to connect to 192\.0\.2\.10:30888.* \| FAIL$/);
    expect(r.stdout).toContain('lab:verify: 9/12 passed');
  });

  test('no lab CA Secret: the HTTPS rows fail saying so; exit 1', () => {
    const r = lab('verify', ['--node', NODE], { kubectl: { hostIP: POD_NODE }, curl: healthy });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/exp 7 passthrough \(svc5\) .*no lab CA: secret lab-ca-trust in namespace expose-lab not readable: Error from server \(NotFound\)/);
    expect(r.stdout).toContain('lab:verify: 9/12 passed');
  });

  test('usage: --node is required (exit 2)', () => {
    const r = lab('verify');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--node <ip> is required');
  });
});

test('the README\'s walk-through shows the same derived commands', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const checks = labChecks(buildLab(new App({ outdir: dir }), LAB_CONFIG), LAB_CONFIG, '$NODE');
  for (const c of checks) expect({ section: c.section, inReadme: readme.includes(displayCommand(c)) }).toEqual({ section: c.section, inReadme: true });
  expect(readme).toMatch(/npm run lab:up .*\n.*npm run lab:verify -- --node \$NODE/);
});
