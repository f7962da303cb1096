/**
 * `npm run lab:up`, `lab:down` and `lab:verify` without a cluster: stand-in `kubectl` and `curl`
 * (__tests__/fixtures/fake-tools/, POSIX sh) are put first on PATH; they record every call and
 * answer like the real tools, or as a test's rules say (failures, time-outs, calls that never
 * return). Checked: the order of the stages, the waits, idempotence, the namespace flag on every
 * call about the lab's objects, the verify table and the exit codes.
 *
 * Most cases run the scripts' functions (labUp, labDown, labVerify) in this process, with a clock
 * that advances only when a script sleeps, so polls and retries take no time, and the stand-ins'
 * answers given in this process (helpers/stand-in-tools.ts: the same rules, state files and
 * answers as the sh scripts, without forking the jest worker for each of ~1,600 calls a run); the
 * last describe shows, call by call, that they answer like the sh stand-ins. The tool runner's own
 * cases use the real one (child processes found on PATH, killed after their time): a kubectl that
 * never returns; the real `npm run lab:up`, as a user does (npm, a process's exit code, the
 * TypeScript loader, the stand-ins found on PATH by a child of npm); lab-verify.spec.ts runs
 * package.json's lab:verify command as a process (without npm's own start).
 *
 * In this process the lab's synth is remembered per configuration (helpers/lab-synth-memo.ts, the
 * jest.mock of lab/stages in in-process.test.ts, which loads this spec): the scripts get the
 * same files and objects without synthesising the same lab a dozen times; a test checks that a
 * remembered synth equals a fresh one.
 */
import * as fs from 'fs';
import * as path from 'path';
import { LAB_CONFIG, LabFlavour } from '../../lab';
import { ENVOY_GATEWAY_CRD, TRUST_MANAGER_CHART, TRUST_MANAGER_CRD } from '../../lab/gateway';
import { CERT_MANAGER_CRD, synthLabCharts } from '../../lab/stages';
import { CERT_MANAGER_RELEASES, certManagerManifestUrl, ENVOY_GATEWAY_RELEASES, envoyGatewayInstallUrl } from '../../lab/versions';

import { Exec, toolRunner } from '../../scripts/lab/common';
import { Call, indexOf, isApply, kubectlCalls, lab, npmRun, NS, PEM, recordedCalls, Result, tools, useStandIns } from '../helpers/lab-scripts';
import { Difference, stateFiles, twinExec } from '../helpers/stand-in-tools';
import { removeTempDir, tempDir } from '../helpers/tls';

useStandIns();

// the stand-in kubectl is a Kubernetes 1.35 cluster: cert-manager v1.21.1, ingress-nginx v1.15.1, Envoy Gateway v1.9.0
const CERT_MANAGER_MANIFEST_URL = certManagerManifestUrl(CERT_MANAGER_RELEASES[1]);
const ENVOY_GATEWAY_INSTALL_URL = envoyGatewayInstallUrl(ENVOY_GATEWAY_RELEASES[0]);

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
    expect(r.stdout).toContain('== stage 1/13: cert-manager v1.21.1');
    expect(r.stdout).toContain('== stage 2/13: ingress-nginx controller v1.15.1');
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
    expect(r.stderr).toContain('stage "ingress-nginx controller v1.15.1": validatingwebhookconfiguration/ingress-nginx-admission did not reach a non-empty caBundle within 2s');
    // every 0.4 s (a fifth of the timeout) from 0 s to 2 s
    expect(kubectlCalls(r).filter(c => c.includes('validatingwebhookconfiguration/ingress-nginx-admission'))).toHaveLength(6);
    expect(r.slept).toEqual([400, 400, 400, 400, 400]);
  });

  test('a kubectl that never returns is killed: exit 1 naming the object', () => {
    // the first wait hangs: the calls before it may take 10 s or more, so only the hanging one has the short limit
    tools.crd(CERT_MANAGER_CRD).kubectl('*rollout status deployment/cert-manager *', 'hang');
    const r = lab('up', ['--timeout', '0.1'], { realTools: true });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('lab:up: FAILED: stage "cert-manager v1.21.1": deployment/cert-manager in namespace cert-manager did not reach rolled out within 0.1s ' +
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
      '-n cert-manager rollout status deployment/trust-manager --timeout=300s',
      `-n ${NS} apply -f <dir>/35-lab-ca.k8s.yaml`,
      `-n ${NS} apply -f <dir>/36-lab-ca-trust.k8s.yaml`,
      'wait --for=condition=Synced bundle/lab-ca-trust --timeout=300s',
      `-n ${NS} apply -f <dir>/44-svc5-tls-passthrough.k8s.yaml`,
      `-n ${NS} apply -f <dir>/gateway-api.k8s.yaml`,
      // a grace period first: a Gateway without an address fails then, saying why (see below)
      `-n ${NS} wait --for=condition=Programmed gateway/cdk8s-expose --timeout=60s`,
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

  test('idempotent: Envoy Gateway present is skipped, trust-manager always upgraded in place (its Role lives in the lab\'s namespace); a failing helm fails its stage naming it', () => {
    tools.crd(CERT_MANAGER_CRD).crd(ENVOY_GATEWAY_CRD).crd(TRUST_MANAGER_CRD);
    const again = lab('up', ['--flavour', 'gateway']);
    expect(again.code).toBe(0);
    expect(kubectlCalls(again).some(c => c.includes('https://'))).toBe(false);
    expect(kubectlCalls(again)).not.toContain(`get crd ${TRUST_MANAGER_CRD} -o name`);
    expect(helmCalls(again)).toEqual([expect.stringMatching(/^upgrade --install trust-manager /)]);

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

test('a remembered synth writes the bytes and returns the objects of a fresh one', () => {
  const fresh = (jest.requireActual('../../lab/stages') as typeof import('../../lab/stages')).synthLabCharts;
  const dirs = [tempDir('lab-synth-'), tempDir('lab-synth-')];
  try {
    synthLabCharts(LAB_CONFIG, tools.dir, LabFlavour.INGRESS_NGINX); // remembered by now, if no test before did it
    const remembered = synthLabCharts(LAB_CONFIG, dirs[0], LabFlavour.INGRESS_NGINX);
    const actual = fresh(LAB_CONFIG, dirs[1], LabFlavour.INGRESS_NGINX);
    expect(remembered.charts).toEqual(actual.charts);
    expect(Object.keys(remembered.lab)).toEqual(Object.keys(actual.lab));
    const bytes = (dir: string) => Object.fromEntries(fs.readdirSync(dir).sort().map(f => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
    expect(Object.keys(bytes(dirs[1])).length).toBeGreaterThan(5);
    expect(bytes(dirs[0])).toEqual(bytes(dirs[1]));
  } finally {
    dirs.forEach(removeTempDir);
  }
});

describe('the in-process stand-ins (helpers/stand-in-tools.ts) answer like the sh ones', () => {
  let shDir = '';
  let differences: Difference[] = [];
  const seen: Call[] = [];
  afterEach(() => {
    if (shDir !== '') removeTempDir(shDir);
    shDir = '';
  });

  /** From here on, every call runs through the sh stand-ins (the real tool runner, in a copy of the state made now) and in this process. */
  const twin = (): Exec => {
    shDir = tempDir('lab-scripts-sh-');
    fs.cpSync(tools.dir, shDir, { recursive: true });
    differences = [];
    seen.length = 0;
    return twinExec(tools.env, shDir, differences);
  };
  const run = (exec: Exec, script: 'up' | 'down' | 'verify', args: string[] = []) => {
    const r = lab(script, args, { exec });
    seen.push(...r.calls);
    return r;
  };
  /** The same answers, the same state files, the same calls recorded. */
  const expectSame = () => {
    expect(differences).toEqual([]);
    expect(stateFiles(tools.dir)).toEqual(stateFiles(shDir));
    expect(recordedCalls(shDir)).toEqual(seen);
    expect(seen.length).toBeGreaterThan(0);
  };

  test('lab:up, again, lab:down of both flavours', () => {
    const exec = twin();
    expect(run(exec, 'up').code).toBe(0);
    expect(run(exec, 'up').code).toBe(0); // cert-manager's CRD there
    expect(run(exec, 'down', ['--cert-manager']).code).toBe(0);
    expect(run(exec, 'up', ['--flavour', 'gateway']).code).toBe(0);
    expect(run(exec, 'down', ['--flavour', 'gateway', '--cert-manager', '--envoy-gateway']).code).toBe(0);
    expectSame();
  });

  test('rules: output on stdout and stderr, a rule for its first N calls; an apply refused without cert-manager\'s CRD', () => {
    tools.kubectl(`apply -f ${CERT_MANAGER_MANIFEST_URL}`, 0)
      .kubectl('get validatingwebhookconfiguration/ingress-nginx-admission *', 0, '', 2)
      .kubectl('get nodes *', 0, '172.18.0.2 172.18.0.3')
      .kubectl('get ingressclass nginx *', 3, 'forbidden');
    const exec = twin();
    const r = run(exec, 'up', ['--timeout', '5']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no matches for kind "Issuer"');
    expectSame();
  });

  test('lab:verify of both flavours: the CA from its Secret, curl\'s replies, redirects, a 404, a URL nobody answers', () => {
    const hello = (svc: string) => ({ status: 200, body: `Hello, I am ${svc} for ingress-controller demo!` });
    tools.kubectl(`-n ${NS} get pod * -o jsonpath={.status.hostIP}`, 0, '192.0.2.21')
      .kubectl(`-n ${NS} get secret lab-ca-trust -o *`, 0, Buffer.from(PEM).toString('base64'))
      .kubectl(`-n ${NS} get gateway cdk8s-expose -o jsonpath=*`, 0, '192.0.2.50');
    tools.curl('http://192.0.2.21:30890/', { status: 200, body: 'Welcome to nginx!' }).curl('http://no-such-host.xxx.com/', { status: 404 })
      .curl('http://svc1.xxx.com/', hello('svc1')).curl('http://svc3.xxx.com/', { status: 308, location: 'https://svc3.xxx.com/' })
      .curl('https://svc3.xxx.com/', hello('svc3')).curl('https://svc5.xxx.com/', hello('svc5'));
    const exec = twin();
    expect(run(exec, 'verify', ['--node', '192.0.2.10']).stdout).toContain('lab:verify: 6/12 passed');
    expect(run(exec, 'verify', ['--flavour', 'gateway', '--node', '192.0.2.10']).code).toBe(1);
    expectSame();
  });

  test('a mirror: the release manifests downloaded (curl -o), applied as files creating their CRDs; a download nobody answers', () => {
    const config = path.join(tools.dir, 'config.json');
    const urlBase = 'https://files.example.com/lab';
    fs.writeFileSync(config, JSON.stringify({ mirror: { registry: 'mirror.example.com/lab', urlBase } }));
    const manifest = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: certificates.cert-manager.io\n---\n' +
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: cert-manager\n  namespace: cert-manager\nspec:\n  template:\n    spec:\n' +
      '      containers:\n        - name: c\n          image: "quay.io/jetstack/cert-manager-controller:v1.21.1"\n';
    tools.curl(`${urlBase}/${CERT_MANAGER_MANIFEST_URL.replace('https://', '')}`, { status: 200, body: manifest });
    const exec = twin();
    const r = run(exec, 'up', ['--flavour', 'gateway', '--config', config]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('curl: (7) Failed to connect to files.example.com');
    expect(fs.existsSync(path.join(tools.dir, 'crd.certificates.cert-manager.io'))).toBe(true);
    expectSame();
  });

  test('single calls: every other answer of the three stand-ins; helm failing; a call that hangs goes to the real runner', () => {
    const file = path.join(tools.dir, 'objects.yaml');
    fs.writeFileSync(file, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n  namespace: ${NS}\n---\napiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata:\n  name: two\n`);
    const notPem = path.join(tools.dir, 'not-a-certificate');
    fs.writeFileSync(notPem, 'nothing');
    tools.kubectl('get secret once *', 0, 'first', 1).kubectl('get never', 'hang');
    tools.curl('http://svc3.xxx.com/', { status: 308, location: 'https://svc3.xxx.com/' }).curl('http://body/', { status: 200, body: 'hello' })
      .curl('http://empty/', { status: 204 });
    const exec = twin();
    const calls: Array<[string, string[]]> = [
      ['kubectl', ['get']], ['kubectl', ['get', 'widgets', 'w1']], ['kubectl', ['get', 'crd', 'x.example.com', '-o', 'name']],
      ['kubectl', ['get', 'secret', 'once', '-o', 'name']], ['kubectl', ['get', 'secret', 'once', '-o', 'name']],
      ['kubectl', ['apply']], ['kubectl', ['apply', '-k', 'dir']], ['kubectl', ['apply', '-f', path.join(tools.dir, 'missing.yaml')]],
      ['kubectl', ['apply', '-f', file]], ['kubectl', ['-n', 'other', 'apply', '-f', file]], ['kubectl', ['apply', '-f', 'https://example.com/other.yaml']],
      ['kubectl', ['apply', '-f', `https://github.com/cert-manager/cert-manager/releases/download/v1.21.1/cert-manager.yaml`]],
      ['kubectl', ['-n', 'other', 'apply', '-f', file]], ['kubectl', ['apply', '-f', file]],
      ['kubectl', ['delete', 'secret', 'a', 'b', '--ignore-not-found']], ['kubectl', ['delete', '-f', 'x.yaml']], ['kubectl', ['rollout', 'status', 'plain']],
      ['kubectl', ['wait', '--for=condition=Ready', 'pod/x']], ['kubectl', ['frobnicate']], ['kubectl', ['get', 'crd', 'certificates.cert-manager.io', '-o', 'name']],
      ['helm', ['version']], ['helm', ['upgrade', '--install', 'other', 'chart']], ['helm', ['uninstall', 'trust-manager']],
      ['curl', ['--cacert', notPem, 'https://svc3.xxx.com/']], ['curl', ['-s', '-w', '%{http_code} %{redirect_url}', 'http://svc3.xxx.com/']],
      ['curl', ['http://body/']], ['curl', ['-w', '%{http_code}', 'http://empty/']],
      ['curl', ['--max-time', '5', 'http://nowhere.example/path']], ['curl', ['--noproxy', '*', 'nohost']],
    ];
    const call = (cmd: string, args: string[], timeout = 30) => {
      seen.push({ tool: cmd, args });
      return exec(cmd, args, timeout);
    };
    for (const [cmd, args] of calls) call(cmd, args);
    for (const d of [tools.dir, shDir]) fs.writeFileSync(path.join(d, 'helm.exit'), '3\n');
    expect(call('helm', ['uninstall', 'x']).code).toBe(3);
    for (const d of [tools.dir, shDir]) fs.writeFileSync(path.join(d, 'helm.err'), 'Error: no\n');
    expect(call('helm', ['uninstall', 'x']).stderr).toBe('Error: no\n');
    expect(call('kubectl', ['get', 'never'], 0.2)).toMatchObject({ timedOut: true, code: 1 });
    expectSame();
    // curl -o: the same bytes written (each to its own file)
    const sh = toolRunner(tools.env);
    for (const url of ['http://body/', 'http://empty/']) {
      const [a, b] = [path.join(tools.dir, 'sh.out'), path.join(tools.dir, 'in-process.out')];
      expect(tools.exec('curl', ['-o', b, url], 30)).toEqual(sh('curl', ['-o', a, url], 30));
      expect(fs.readFileSync(b, 'utf8')).toBe(fs.readFileSync(a, 'utf8'));
    }
  });
});
