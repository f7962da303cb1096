/**
 * `npm run lab:up`, `lab:down` and `lab:verify` without a cluster: stand-in `kubectl` and `curl`
 * (__tests__/fixtures/fake-tools/, POSIX sh) are put first on PATH; they record every call and
 * answer like the real tools, or as a test's rules say (failures, time-outs, calls that never
 * return). Checked: the order of the stages, the waits, idempotence, the namespace flag on every
 * call about the lab's objects, the verify table and the exit codes.
 *
 * Most cases run the scripts' functions (labUp, labDown, labVerify) in this process, with the real
 * tool runner (child processes found on PATH, killed after their time) and a clock that advances
 * only when a script sleeps, so polls and retries take no time. Two cases run the real
 * `npm run lab:up` and `npm run lab:verify` entries, as a user does (a process's exit code, the
 * TypeScript loader, the stand-ins found on PATH by a child of npm).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { buildLab, LAB_CONFIG } from '../../lab';
import { displayCommand, labChecks } from '../../lab/checks';
import { ENVOY_GATEWAY_CRD, ENVOY_GATEWAY_INSTALL_URL, TRUST_MANAGER_CHART, TRUST_MANAGER_CRD } from '../../lab/gateway';
import { CERT_MANAGER_CRD, CERT_MANAGER_MANIFEST_URL } from '../../lab/stages';
import { LabIo, LabScript, runScript, toolRunner } from '../../scripts/lab/common';
import { labDown } from '../../scripts/lab/down';
import { labUp } from '../../scripts/lab/up';
import { labVerify } from '../../scripts/lab/verify';
import { removeTempDir, tempDir } from '../helpers/tls';

const ROOT = path.join(__dirname, '..', '..');
const FAKE_TOOLS = path.join(ROOT, '__tests__', 'fixtures', 'fake-tools');
const NS = LAB_CONFIG.namespace;
const PEM = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';

interface Call { tool: string; args: string[] }
interface Result { code: number | null; stdout: string; stderr: string; calls: Call[]; slept: number[] }
interface Reply { status: number; body?: string; location?: string }

/** The stand-ins' directory (FAKE_TOOLS_DIR): the calls they record, the rules and the state they answer from. */
class StandIns {
  readonly dir = tempDir('lab-scripts-');
  readonly env: NodeJS.ProcessEnv = { ...process.env, PATH: `${FAKE_TOOLS}${path.delimiter}${process.env.PATH ?? ''}`, FAKE_TOOLS_DIR: this.dir };
  private outputs = 0;

  /** kubectl calls whose arguments match `glob` (a sh pattern) exit with `exit` and print `output`; only the first `times` if given. */
  kubectl(glob: string, exit: number | 'hang', output = '', times?: number): this {
    const rule = [glob, String(exit), output === '' ? '-' : this.file(output), ...(times === undefined ? [] : [String(times)])];
    fs.appendFileSync(path.join(this.dir, 'kubectl.tsv'), `${rule.join('\t')}\n`);
    return this;
  }

  /** curl of `url` answers `reply`, or never answers; a URL not listed cannot be connected to. */
  curl(url: string, reply: Reply | 'hang'): this {
    const rule = reply === 'hang' ? [url, 'hang', '-', '-']
      : [url, String(reply.status), reply.body === undefined ? '-' : this.file(reply.body), reply.location ?? '-'];
    fs.appendFileSync(path.join(this.dir, 'curl.tsv'), `${rule.join('\t')}\n`);
    return this;
  }

  /** A CRD that exists from the start. */
  crd(name: string): this {
    fs.writeFileSync(path.join(this.dir, `crd.${name}`), '');
    return this;
  }

  /** The calls recorded since the last `clear()`. */
  calls(): Call[] {
    const log = path.join(this.dir, 'calls.log');
    if (!fs.existsSync(log)) return [];
    return fs.readFileSync(log, 'utf8').split('\n').filter(Boolean).map(l => {
      const [tool, ...args] = l.split('\t');
      return { tool, args };
    });
  }

  clear(): void {
    fs.rmSync(path.join(this.dir, 'calls.log'), { force: true });
  }

  private file(text: string): string {
    const file = path.join(this.dir, `output.${++this.outputs}`);
    fs.writeFileSync(file, text);
    return file;
  }
}

let tools: StandIns;
beforeEach(() => { tools = new StandIns(); });
afterEach(() => removeTempDir(tools.dir));

const SCRIPTS: Record<'up' | 'down' | 'verify', LabScript> = { up: labUp, down: labDown, verify: labVerify };

/** Runs lab:<script> in this process: the real tool runner with the stand-ins first on PATH, a clock that moves only when the script sleeps. */
function lab(script: 'up' | 'down' | 'verify', args: string[] = []): Result {
  tools.clear();
  let stdout = '';
  let stderr = '';
  let clock = 1_000_000;
  const slept: number[] = [];
  const io: LabIo = {
    exec: toolRunner(tools.env),
    out: text => { stdout += text; },
    err: text => { stderr += text; },
    sleep: ms => { slept.push(ms); clock += ms; },
    now: () => clock,
  };
  const code = runScript(`lab:${script}`, SCRIPTS[script], args, io);
  return { code, stdout, stderr, calls: tools.calls(), slept };
}

/** Runs `npm run lab:<script> -- <args>` as a user does, with the stand-ins first on PATH. */
function npmRun(script: 'up' | 'down' | 'verify', args: string[] = []): Result {
  tools.clear();
  const r = spawnSync('npm', ['run', '--silent', `lab:${script}`, '--', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: tools.env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, calls: tools.calls(), slept: [] };
}

const kubectlCalls = (r: Result) => r.calls.filter(c => c.tool === 'kubectl').map(c => c.args.join(' ').replace(/\S*\/cdk8s-expose-lab-[^/ ]*\//g, '<dir>/'));
const indexOf = (calls: string[], part: string) => {
  const i = calls.findIndex(c => c.includes(part));
  if (i < 0) throw new Error(`no call with ${JSON.stringify(part)} in:\n${calls.join('\n')}`);
  return i;
};
const isApply = (c: string) => c.startsWith('apply -f ') || c.includes(' apply -f ');

describe('lab:up', () => {
  test('npm run lab:up on a fresh cluster: cert-manager, its waits, the controller, its waits, the namespace, then each chart with its waits, in order; exit 0', () => {
    const r = npmRun('up');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const calls = kubectlCalls(r);
    const order = [
      'version -o json',
      `get crd ${CERT_MANAGER_CRD} -o name`,
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
    expect(kubectlCalls(first)).toContain(`apply -f ${CERT_MANAGER_MANIFEST_URL}`);
    const second = lab('up');
    expect(second.code).toBe(0);
    const calls = kubectlCalls(second);
    expect(calls.some(c => c.startsWith('apply -f https://'))).toBe(false);
    expect(second.stdout).toContain('already installed (crd certificates.cert-manager.io exists): not applying');
    expect(calls.filter(isApply)).toEqual(kubectlCalls(first).filter(c => isApply(c) && !c.includes('https://')));
    expect(calls.filter(c => / wait | rollout /.test(c))).toEqual(kubectlCalls(first).filter(c => / wait | rollout /.test(c)));
  });

  test('the lab\'s namespace (--config) on every call about the lab\'s objects, and no other', () => {
    const config = path.join(tools.dir, 'config.json');
    fs.writeFileSync(config, JSON.stringify({ namespace: 'team-a' }));
    tools.crd(CERT_MANAGER_CRD);
    const r = lab('up', ['--config', config]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const calls = kubectlCalls(r);
    const labCalls = calls.filter(c => /k8s\.yaml|certificate\/|pod\/|deployment\/(service1|svc)/.test(c) && !c.includes('30-ingress-nginx') && !c.includes('00-namespace'));
    expect(labCalls.length).toBeGreaterThan(25);
    for (const c of labCalls) expect(c).toMatch(/^-n team-a /);
    expect(calls.join('\n')).not.toContain(NS);
  });

  test('a wait that times out: exit 1, the message names the stage, the object and its namespace; nothing after it runs', () => {
    tools.kubectl('* wait --for=condition=Ready certificate/lab-ca-trust *', 1, 'error: timed out waiting for the condition on certificates/lab-ca-trust');
    const r = lab('up');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`lab:up: FAILED: stage "35-lab-ca": certificate/lab-ca-trust in namespace ${NS} did not reach Ready within 300s ` +
      '(error: timed out waiting for the condition on certificates/lab-ca-trust)');
    expect(kubectlCalls(r).at(-1)).toBe(`-n ${NS} wait --for=condition=Ready certificate/lab-ca-trust --timeout=300s`);
    expect(kubectlCalls(r).some(c => c.includes('40-svc1-http'))).toBe(false);
  });

  test('a webhook whose caBundle stays empty: polled until the timeout, then exit 1 naming it', () => {
    tools.crd(CERT_MANAGER_CRD).kubectl('get validatingwebhookconfiguration/ingress-nginx-admission *', 0);
    const r = lab('up', ['--timeout', '2']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('stage "ingress-nginx controller": validatingwebhookconfiguration/ingress-nginx-admission did not reach a non-empty caBundle within 2s');
    // every 0.4 s (a fifth of the timeout) from 0 s to 2 s
    expect(kubectlCalls(r).filter(c => c.includes('validatingwebhookconfiguration/ingress-nginx-admission'))).toHaveLength(6);
    expect(r.slept).toEqual([400, 400, 400, 400, 400]);
  });

  test('a kubectl that never returns is killed: exit 1 naming the object', () => {
    // the first wait hangs: the calls before it may take 10 s or more, so only the hanging one has the short limit
    tools.crd(CERT_MANAGER_CRD).kubectl('*rollout status deployment/cert-manager *', 'hang');
    const r = lab('up', ['--timeout', '0.1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('lab:up: FAILED: stage "cert-manager v1.16.5": deployment/cert-manager in namespace cert-manager did not reach rolled out within 0.1s ' +
      '(kubectl did not return within 0.2s)');
    expect(kubectlCalls(r).at(-1)).toBe('-n cert-manager rollout status deployment/cert-manager --timeout=0.1s');
  });

  test('cert-manager\'s webhook not answering yet: the apply is retried until it is', () => {
    tools.crd(CERT_MANAGER_CRD).kubectl(`-n ${NS} apply -f */35-lab-ca.k8s.yaml`, 1,
      'Error from server (InternalError): error when creating "35-lab-ca.k8s.yaml": Internal error occurred: failed calling webhook "webhook.cert-manager.io": ' +
      'failed to call webhook: Post "https://cert-manager-webhook.cert-manager.svc:443/validate?timeout=30s": dial tcp 10.96.0.10:443: connect: connection refused', 1);
    const r = lab('up', ['--timeout', '5']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(kubectlCalls(r).filter(c => c === `-n ${NS} apply -f <dir>/35-lab-ca.k8s.yaml`)).toHaveLength(2);
    expect(r.stdout).toContain('not accepted yet (Error from server (InternalError)');
    expect(r.stdout).toContain('retrying in 1s');
    expect(r.slept).toEqual([1000]);
  });

  test('cert-manager objects before its CRD exists are refused and retried until the timeout: exit 1 with kubectl\'s reason', () => {
    tools.kubectl(`apply -f ${CERT_MANAGER_MANIFEST_URL}`, 0); // "applied", but no CRD appears
    const r = lab('up', ['--timeout', '5']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/stage "35-lab-ca": kubectl apply -f \S*35-lab-ca\.k8s\.yaml failed: resource mapping not found .*no matches for kind "Issuer"/);
    // every second (a fifth of the timeout) from 0 s to 5 s
    expect(kubectlCalls(r).filter(c => c === `-n ${NS} apply -f <dir>/35-lab-ca.k8s.yaml`)).toHaveLength(6);
    expect(r.slept).toEqual([1000, 1000, 1000, 1000, 1000]);
  });

  test('no cluster: exit 1 with kubectl\'s reason', () => {
    tools.kubectl('*', 1, 'The connection to the server localhost:8080 was refused - did you specify the right host or port?');
    const r = lab('up');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('lab:up: FAILED: no cluster: kubectl version failed: The connection to the server localhost:8080 was refused');
    expect(kubectlCalls(r)).toEqual(['version -o json']);
  });

  test('bad usage: exit 2', () => {
    expect(lab('up', ['--timeout', '-3']).code).toBe(2);
    const negative = lab('up', ['--timeout=-3']);
    expect(negative.code).toBe(2);
    expect(negative.stderr).toBe('lab:up: --timeout "-3": allowed: a positive number of seconds\n');
    const missing = lab('up', ['--config', path.join(tools.dir, 'missing.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--config');
    expect([...negative.calls, ...missing.calls]).toEqual([]);
  });
});

describe('lab:up --flavour gateway', () => {
  const helmCalls = (r: Result) => r.calls.filter(c => c.tool === 'helm').map(c => c.args.join(' '));

  test('cert-manager, Envoy Gateway (server-side) and its controller, the GatewayClass Accepted, the namespace, trust-manager (Helm, the lab\'s namespace as trust namespace), the charts, the Bundle Synced, the Gateway Programmed last; exit 0', () => {
    const r = lab('up', ['--flavour', 'gateway']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const calls = kubectlCalls(r);
    const order = [
      `apply -f ${CERT_MANAGER_MANIFEST_URL}`,
      `get crd ${ENVOY_GATEWAY_CRD} -o name`,
      `apply -f ${ENVOY_GATEWAY_INSTALL_URL} --server-side`,
      '-n envoy-gateway-system rollout status deployment/envoy-gateway --timeout=300s',
      'apply -f <dir>/30-gateway-class.k8s.yaml',
      'wait --for=condition=Accepted gatewayclass/eg --timeout=300s',
      'apply -f <dir>/00-namespace.k8s.yaml',
      `get crd ${TRUST_MANAGER_CRD} -o name`,
      '-n cert-manager rollout status deployment/trust-manager --timeout=300s',
      `-n ${NS} apply -f <dir>/35-lab-ca.k8s.yaml`,
      `-n ${NS} apply -f <dir>/36-lab-ca-trust.k8s.yaml`,
      'wait --for=condition=Synced bundle/lab-ca-trust --timeout=300s',
      `-n ${NS} apply -f <dir>/44-svc5-tls-passthrough.k8s.yaml`,
      `-n ${NS} apply -f <dir>/gateway-api.k8s.yaml`,
      `-n ${NS} wait --for=condition=Programmed gateway/cdk8s-expose --timeout=300s`,
    ].map(part => indexOf(calls, part));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(calls.some(c => c.includes('ingress-nginx'))).toBe(false);
    expect(helmCalls(r)).toEqual([`upgrade --install trust-manager ${TRUST_MANAGER_CHART} --version v0.24.0 --namespace cert-manager ` +
      `--set app.trust.namespace=${NS} --wait --timeout 300s`]);
    // trust-manager after the namespace it reads from, before the Bundle
    const all = r.calls.map(c => `${c.tool} ${c.args.join(' ')}`);
    expect(indexOf(all, 'helm upgrade')).toBeGreaterThan(indexOf(all, '00-namespace'));
    expect(indexOf(all, 'helm upgrade')).toBeLessThan(indexOf(all, '36-lab-ca-trust'));
    expect(r.stdout).toContain('lab:up: done. Check it from a client: npm run lab:verify -- --flavour gateway --node');
  });

  test('idempotent: Envoy Gateway and trust-manager present are skipped; a failing helm fails its stage naming it', () => {
    tools.crd(CERT_MANAGER_CRD).crd(ENVOY_GATEWAY_CRD).crd(TRUST_MANAGER_CRD);
    const again = lab('up', ['--flavour', 'gateway']);
    expect(again.code).toBe(0);
    expect(kubectlCalls(again).some(c => c.includes('https://'))).toBe(false);
    expect(helmCalls(again)).toEqual([]);
    expect(again.stdout).toContain(`already installed (crd ${TRUST_MANAGER_CRD} exists): not installing ${TRUST_MANAGER_CHART}`);

    fs.rmSync(path.join(tools.dir, `crd.${TRUST_MANAGER_CRD}`));
    fs.writeFileSync(path.join(tools.dir, 'helm.exit'), '1');
    fs.writeFileSync(path.join(tools.dir, 'helm.err'), 'Error: INSTALLATION FAILED: failed to authorize: quay.io: 503\n');
    const failed = lab('up', ['--flavour', 'gateway']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('lab:up: FAILED: stage "trust-manager v0.24.0": helm upgrade --install trust-manager failed: Error: INSTALLATION FAILED');
    expect(kubectlCalls(failed).some(c => c.includes('35-lab-ca'))).toBe(false);
  });

  test('bad --flavour: exit 2 naming the allowed ones', () => {
    const r = lab('up', ['--flavour', 'traefik']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--flavour "traefik": allowed: ingress-nginx (dist/), gateway (Gateway API on Envoy Gateway, dist-gateway/)');
    expect(r.calls).toEqual([]);
  });
});

describe('lab:down', () => {
  test('charts in reverse, the Secrets cert-manager wrote, the namespace, the controller; cert-manager kept; exit 0', () => {
    const r = lab('down');
    expect(r.stderr).toBe('');
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
    tools.kubectl('*00-namespace*', 1, 'error: timed out waiting for the condition on namespaces/expose-lab');
    const r = lab('down', ['--cert-manager']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('lab:down: FAILED to remove 1 of ');
    expect(r.stderr).toContain('namespace expose-lab: error: timed out waiting for the condition on namespaces/expose-lab');
    const calls = kubectlCalls(r);
    expect(indexOf(calls, '30-ingress-nginx')).toBeGreaterThan(indexOf(calls, '00-namespace'));
    expect(calls.at(-1)).toBe(`delete -f ${CERT_MANAGER_MANIFEST_URL} --ignore-not-found --wait=true --timeout=300s`);
  });
});

test('lab:down --flavour gateway: the charts, the namespace, the GatewayClass; with --cert-manager --envoy-gateway also trust-manager (Helm), Envoy Gateway and cert-manager', () => {
  const r = lab('down', ['--flavour', 'gateway', '--cert-manager', '--envoy-gateway']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const all = r.calls.map(c => `${c.tool} ${c.args.join(' ')}`.replace(/\S*\/cdk8s-expose-lab-[^/ ]*\//g, '<dir>/'));
  const order = [
    `kubectl -n ${NS} delete -f <dir>/gateway-api.k8s.yaml`,
    `kubectl -n ${NS} delete -f <dir>/36-lab-ca-trust.k8s.yaml`,
    'kubectl delete -f <dir>/00-namespace.k8s.yaml',
    'kubectl delete -f <dir>/30-gateway-class.k8s.yaml',
    `kubectl delete -f ${ENVOY_GATEWAY_INSTALL_URL} --ignore-not-found --wait=true --timeout=300s`,
    'helm uninstall trust-manager --namespace cert-manager --wait --timeout 300s',
    `kubectl delete -f ${CERT_MANAGER_MANIFEST_URL}`,
  ].map(part => indexOf(all, part));
  expect(order).toEqual([...order].sort((a, b) => a - b));
});

describe('lab:verify', () => {
  const NODE = '192.0.2.10';
  const POD_NODE = '192.0.2.21';
  const welcome = { status: 200, body: '<html><h1>Welcome to nginx!</h1></html>' };
  const hello = (svc: string) => ({ status: 200, body: `Hello, I am ${svc} for ingress-controller demo!` });
  const healthy: Record<string, Reply | 'hang' | undefined> = {
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
  /** The cluster: pods on POD_NODE, the lab CA's trust Secret (unless `ca` is false); curl's answers. */
  const cluster = (curl: Record<string, Reply | 'hang' | undefined>, ca = true) => {
    tools.kubectl(`-n ${NS} get pod * -o jsonpath={.status.hostIP}`, 0, POD_NODE);
    if (ca) tools.kubectl(`-n ${NS} get secret lab-ca-trust -o *`, 0, Buffer.from(PEM).toString('base64'));
    for (const [url, reply] of Object.entries(curl)) if (reply !== undefined) tools.curl(url, reply);
  };

  test('every check passes: a table of section, command, expected, got, result; exit 0', () => {
    cluster(healthy);
    const r = lab('verify', ['--node', NODE]);
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
    expect(curls).toHaveLength(12);
    const svc4 = curls.find(a => a.at(-1) === 'https://svc4.xxx.com/')!;
    expect(svc4[svc4.indexOf('--resolve') + 1]).toBe(`svc4.xxx.com:443:${NODE}`);
    expect(svc4[svc4.indexOf('--cacert') + 1]).toMatch(/ca\.crt$/);
    expect(svc4).not.toContain('-k');
  });

  test('npm run lab:verify: a wrong reply, a time-out and a refused connection fail their rows; exit 1', () => {
    cluster({
      ...healthy,
      'https://svc4.xxx.com/': { status: 503, body: '<html>503 Service Temporarily Unavailable</html>' },
      'http://10.119.12.4:8088/': 'hang',
      [`http://${NODE}:30888/`]: undefined,
    });
    const r = npmRun('verify', ['--node', NODE, '--curl-timeout', '0.25']);
    expect(r.code).toBe(1);
    const row = (section: string) => r.stdout.split('\n').find(l => new RegExp(`^${section.replace(/[()]/g, '\\$&')} +\\|`).test(l))!;
    expect(row('exp 6 re-encrypt (svc4)')).toMatch(/503 "<html>503 Service Temporarily Unavailable<\/html>" +\| FAIL$/);
    expect(row('9.4 externalIPs')).toMatch(/no answer within 0\.5s +\| FAIL$/);
    expect(row('9.3 NodePort')).toMatch(/curl: \(7\) Failed to connect to 192\.0\.2\.10:30888.* \| FAIL$/);
    expect(row('exp 5 TLS termination (svc3)')).toMatch(/\| PASS$/);
    expect(r.stdout).toContain('lab:verify: 9/12 passed');
  });

  test('no lab CA Secret: the HTTPS rows fail saying so; exit 1', () => {
    cluster(healthy, false);
    const r = lab('verify', ['--node', NODE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/exp 7 passthrough \(svc5\) .*no lab CA: secret lab-ca-trust in namespace expose-lab not readable: Error from server \(NotFound\)/);
    expect(r.stdout).toContain('lab:verify: 9/12 passed');
    expect(r.calls.filter(c => c.tool === 'curl')).toHaveLength(9); // no curl without the CA
  });

  test('--flavour gateway: the same checks, the Ingress hosts sent to the Gateway\'s status address; exit 0', () => {
    const GATEWAY = '192.0.2.50';
    cluster(healthy);
    tools.kubectl(`-n ${NS} get gateway cdk8s-expose -o jsonpath=*`, 0, GATEWAY);
    const r = lab('verify', ['--flavour', 'gateway', '--node', NODE]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`lab:verify: 12 checks against node ${NODE}, Gateway cdk8s-expose at ${GATEWAY}, namespace ${NS}`);
    expect(r.stdout).toContain(`curl --resolve svc4.xxx.com:443:${GATEWAY} --cacert ca.crt https://svc4.xxx.com/`);
    expect(r.stdout).toContain(`curl http://${NODE}:30888/`);
    expect(r.stdout).toContain('lab:verify: 12/12 passed');
  });

  test('--flavour gateway without an address (no LoadBalancer): the 8 Gateway rows fail saying so, the sections still run; --gateway-address fixes it', () => {
    cluster(healthy);
    tools.kubectl(`-n ${NS} get gateway cdk8s-expose *`, 0);
    const r = lab('verify', ['--flavour', 'gateway', '--node', NODE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/exp 3 HTTP \(svc1\) .*no Gateway address: gateway cdk8s-expose in namespace expose-lab has no address yet \(status\.addresses is empty: no LoadBalancer\?\); give --gateway-address <ip>/);
    expect(r.stdout).toContain('lab:verify: 4/12 passed');
    const given = lab('verify', ['--flavour', 'gateway', '--node', NODE, '--gateway-address', NODE]);
    expect(given.code).toBe(0);
    expect(kubectlCalls(given).some(c => c.includes('get gateway'))).toBe(false);
    expect(lab('verify', ['--node', NODE, '--gateway-address', NODE]).stderr).toContain('--gateway-address needs --flavour gateway');
  });

  test('usage: --node is required (exit 2)', () => {
    const r = lab('verify');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--node <ip> is required');
  });
});

test('the README\'s walk-through shows the same derived commands', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const checks = labChecks(buildLab(new App({ outdir: tools.dir }), LAB_CONFIG), LAB_CONFIG, '$NODE');
  for (const c of checks) expect({ section: c.section, inReadme: readme.includes(displayCommand(c)) }).toEqual({ section: c.section, inReadme: true });
  expect(readme).toMatch(/npm run lab:up .*\n.*npm run lab:verify -- --node \$NODE/);
});
