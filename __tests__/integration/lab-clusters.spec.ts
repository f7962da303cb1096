/**
 * The lab on the clusters of 2026 (issue 20), with the stand-in kubectl/helm/curl of
 * lab-scripts.spec.ts: releases chosen by the server's Kubernetes version, the `--print` plan
 * without a cluster, the pre-flight checks (another controller on the host ports or owning the
 * IngressClass, the webhook port, Gateway API CRDs of someone else, the external IP), a Gateway
 * without an address, up/down/up for both flavours (trust-manager included), lab:verify through
 * kind's port mappings, and the kind configuration mapping every port the lab uses.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { parse } from 'yaml';
import { buildGatewayLab, buildLab, KIND_GATEWAY_NODE_PORTS, LAB_CONFIG } from '../../lab';
import { labChecks } from '../../lab/checks';
import { CERT_MANAGER_CRD } from '../../lab/stages';
import { CERT_MANAGER_RELEASES, certManagerManifestUrl, ENVOY_GATEWAY_RELEASES, envoyGatewayInstallUrl, parseKubernetesVersion } from '../../lab/versions';
import { labHostPorts } from '../../scripts/lab/plan';
import { heldKubernetesSchemas, schemaVersionsFor } from '../../scripts/lab/validate';
import { indexOf, isApply, kubectlCalls, lab, NS, PEM, ROOT, tools, useStandIns } from '../helpers/lab-scripts';

useStandIns();

const version = (v: string) => tools.kubectl('version -o json', 0, JSON.stringify({ serverVersion: { gitVersion: v } }));
const helmCalls = (r: ReturnType<typeof lab>) => r.calls.filter(c => c.tool === 'helm').map(c => c.args.join(' '));
const pods = (items: unknown[]) => tools.kubectl('get pods -A -o json', 0, JSON.stringify({ items }));
const hostPortPod = (namespace: string, name: string, ports: number[], owner?: { kind: string; name: string }) => ({
  metadata: { namespace, name, ...(owner ? { ownerReferences: [owner] } : {}) },
  spec: { containers: [{ ports: ports.map(p => ({ containerPort: p, hostPort: p })) }] },
});

describe('lab:up --print: the plan without a cluster', () => {
  test('1.35, ingress-nginx, kind: releases with their sources, pre-flight checks, stages, kind\'s notes; exit 0; no tool runs', () => {
    const r = lab('up', ['--print', '--kubernetes-version', '1.35', '--cluster', 'kind']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.calls).toEqual([]);
    const out = r.stdout;
    expect(out).toContain('lab:up plan for Kubernetes 1.35, flavour ingress-nginx, cluster kind');
    expect(out).toContain('  ingress-nginx v1.15.1 (Kubernetes 1.31-1.35; kubernetes/ingress-nginx README.md support table, read at tag controller-v1.15.1)');
    expect(out).toContain('  cert-manager v1.21.1 (Kubernetes 1.33-1.36;');
    expect(out).toContain('ingress-nginx v1.15.1: the final release');
    for (const check of ['host ports', 'IngressClass nginx', 'webhook port', 'external IP', 'Pod Security']) expect(out).toContain(`  - ${check}: `);
    expect(out).toContain('node ports the lab takes: 80, 442, 443, 8090, 8181, 8444, 10245, 10246, 10247, 10254, 30890');
    expect(out).toContain(`  1. cert-manager v1.21.1: kubectl apply -f ${certManagerManifestUrl(CERT_MANAGER_RELEASES[1])} (skipped when crd ${CERT_MANAGER_CRD} exists)`);
    expect(out).toContain('  2. ingress-nginx controller v1.15.1: kubectl apply -f 30-ingress-nginx.k8s.yaml');
    expect(out).toContain('       wait: daemonset/ingress-nginx-controller -n ingress-nginx rolled out');
    expect(out).toContain('kind create cluster --config lab/kind-config.yaml');
  });

  test('the seed\'s 1.27: ingress-nginx v1.11.8 and cert-manager v1.16.5, its end of life warned', () => {
    const r = lab('up', ['--print', '--kubernetes-version', 'v1.27.16']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  2. ingress-nginx controller v1.11.8: ');
    expect(r.stdout).toContain(`  1. cert-manager v1.16.5: kubectl apply -f ${certManagerManifestUrl(CERT_MANAGER_RELEASES[0])}`);
    expect(r.stdout).toMatch(/warnings:\n {2}- cert-manager v1\.16\.5: end of life/);
  });

  test('the gateway flavour below 1.33 is refused: exit 1 saying why; the plan still shows what was chosen', () => {
    const r = lab('up', ['--print', '--kubernetes-version', '1.32', '--flavour', 'gateway']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('lab:up: REFUSED for Kubernetes 1.32:\n  - Envoy Gateway has no pinned release for Kubernetes 1.32: v1.9.0 supports 1.33-1.36; use a cluster of 1.33 or newer');
    expect(r.stdout).toContain('cert-manager v1.16.5');
    expect(r.stdout).not.toContain('stages:');
  });

  test('the gateway flavour on 1.36: Envoy Gateway, trust-manager with Helm, the GatewayClass, the Gateway last', () => {
    const r = lab('up', ['--print', '--kubernetes-version', '1.36', '--flavour', 'gateway', '--cluster', 'minikube']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`  2. Envoy Gateway v1.9.0: kubectl apply -f ${envoyGatewayInstallUrl(ENVOY_GATEWAY_RELEASES[0])} --server-side`);
    expect(r.stdout).toMatch(/\. trust-manager v0\.24\.0: helm upgrade --install trust-manager oci:\/\/quay\.io\/jetstack\/charts\/trust-manager --version v0\.24\.0/);
    expect(r.stdout).toContain('  Envoy Gateway v1.9.0 (Kubernetes 1.33-1.36; envoyproxy/gateway site/content/en/news/releases/matrix.md, v1.9 row, read at tag v1.9.0)');
    expect(r.stdout).toContain('  - Gateway API CRDs: ');
    expect(r.stdout).toContain('minikube tunnel');
  });

  test('usage: --print needs --kubernetes-version; bad versions and cluster kinds are refused (exit 2)', () => {
    expect(lab('up', ['--print']).stderr).toContain('--print needs --kubernetes-version <1.x>');
    expect(lab('up', ['--print', '--kubernetes-version', 'latest']).stderr).toContain('--kubernetes-version "latest": allowed: a Kubernetes version such as 1.35');
    const r = lab('up', ['--print', '--kubernetes-version', '1.35', '--cluster', 'eks']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--cluster "eks": allowed: kind, k3s, minikube, generic');
  });
});

describe('lab:up: releases by the server\'s version', () => {
  test('a 1.27 cluster (the seed\'s era): cert-manager v1.16.5 and ingress-nginx v1.11.8 are installed; exit 0', () => {
    version('v1.27.16');
    const r = lab('up');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('cluster: Kubernetes v1.27.16: ingress-nginx v1.11.8, cert-manager v1.16.5');
    expect(r.stdout).toContain('WARNING: cert-manager v1.16.5: end of life');
    expect(r.stdout).toContain('== stage 2/13: ingress-nginx controller v1.11.8');
    expect(kubectlCalls(r)).toContain(`apply -f ${certManagerManifestUrl(CERT_MANAGER_RELEASES[0])}`);
  });

  test('a 1.36 cluster: ingress-nginx v1.15.1 with a warning (no release supports 1.36); exit 0', () => {
    version('v1.36.1');
    const r = lab('up');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('WARNING: ingress-nginx v1.15.1 supports Kubernetes 1.31-1.35, not 1.36');
  });

  test('refused: a 1.24 cluster, the gateway flavour on 1.32; nothing applied, exit 1 saying why', () => {
    version('v1.24.17');
    const old = lab('up');
    expect(old.code).toBe(1);
    expect(old.stderr).toContain('lab:up: FAILED: refused for Kubernetes v1.24.17: ingress-nginx has no pinned release for Kubernetes 1.24');
    expect(kubectlCalls(old)).toEqual(['version -o json']);
    tools.reset();
    version('v1.32.4');
    const gateway = lab('up', ['--flavour', 'gateway']);
    expect(gateway.code).toBe(1);
    expect(gateway.stderr).toContain('Envoy Gateway has no pinned release for Kubernetes 1.32');
    expect(kubectlCalls(gateway).filter(isApply)).toEqual([]);
  });

  test('--dir dist (v1.15.1) on a 1.27 cluster: applied as it is, with a warning naming the cluster\'s release', () => {
    version('v1.27.16');
    const r = lab('up', ['--dir', path.join(ROOT, 'dist')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('WARNING: the manifests of --dir');
    expect(r.stdout).toContain('render ingress-nginx v1.15.1; this cluster\'s is v1.11.8 (leave out --dir to synthesise for it)');
  });

  test('--kubernetes-version must match the cluster\'s', () => {
    const r = lab('up', ['--kubernetes-version', '1.33']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--kubernetes-version 1.33, but the cluster runs v1.35.0');
  });

  test('lab:down --cert-manager removes the release of the cluster\'s version', () => {
    version('v1.27.16');
    const r = lab('down', ['--cert-manager']);
    expect(r.code).toBe(0);
    expect(kubectlCalls(r).at(-1)).toBe(`delete -f ${certManagerManifestUrl(CERT_MANAGER_RELEASES[0])} --ignore-not-found --wait=true --timeout=300s`);
  });
});

describe('lab:up validates what it applies for the cluster: its Kubernetes schemas, the CRDs of the cert-manager release it installs', () => {
  /** dist/ copied, one Certificate given `spec.signatureAlgorithm` (a field of cert-manager v1.21's Certificate, not of v1.16's). */
  const distWithSignatureAlgorithm = () => {
    const dir = path.join(tools.dir, 'dist');
    fs.cpSync(path.join(ROOT, 'dist'), dir, { recursive: true });
    const file = path.join(dir, '35-lab-ca.k8s.yaml');
    const text = fs.readFileSync(file, 'utf8');
    const edited = text.replace(/^kind: Certificate\n((?:.*\n)*?)spec:\n/m, (all: string) => `${all}  signatureAlgorithm: SHA256WithRSA\n`);
    expect(edited).not.toBe(text);
    fs.writeFileSync(file, edited);
    return dir;
  };

  test('a 1.27 cluster: validated against Kubernetes v1.27.0 and cert-manager v1.16.5\'s CRDs before the pre-flight checks; exit 0', () => {
    version('v1.27.16');
    const r = lab('up');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/== validation\n {2}ok: 55 objects of 12 files, strictly, against Kubernetes v1\.27\.0 and the CRDs cert-manager-v1\.16\.5\.yaml, .*trust-manager-v0\.24\.0-bundles\.yaml \(the releases installed: cert-manager v1\.16\.5\)\n/);
    expect(r.stdout.indexOf('== validation')).toBeLessThan(r.stdout.indexOf('== pre-flight checks'));
  });

  test('fails on a 1.27 cluster: a Certificate field cert-manager v1.16.5 does not know is refused with the violation; nothing applied, no pre-flight', () => {
    const dir = distWithSignatureAlgorithm();
    version('v1.27.16');
    const r = lab('up', ['--dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`lab:up: FAILED: the manifests of --dir ${dir} would be refused: 55 objects of 12 files, strictly, against Kubernetes v1.27.0`);
    expect(r.stderr).toContain('(the releases installed: cert-manager v1.16.5):\n35-lab-ca.k8s.yaml #1: Certificate expose-lab/lab-ca-ca\n' +
      '  [v1.27.0] /spec/signatureAlgorithm: unknown field "signatureAlgorithm"\n');
    expect(r.stderr).toContain('nothing was applied (leave out --dir to synthesise for this cluster)');
    expect(kubectlCalls(r)).toEqual(['version -o json']);
  });

  test('the same manifests on a 1.35 cluster (cert-manager v1.21.1, which has the field): validated against v1.27.0 and v1.36.0, applied; exit 0', () => {
    const dir = distWithSignatureAlgorithm();
    const r = lab('up', ['--dir', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ok: 55 objects of 12 files, strictly, against Kubernetes v1.27.0 and v1.36.0 and the CRDs cert-manager-v1.21.1.yaml');
  });

  test('--print validates too: the plan says against what; the gateway flavour against the Bundle CRD, an EnvoyProxy listed as not validated', () => {
    expect(lab('up', ['--print', '--kubernetes-version', '1.30']).stdout)
      .toMatch(/validation \(before anything is applied\): 55 objects of 12 files, strictly, against Kubernetes v1\.27\.0 and v1\.36\.0 and the CRDs cert-manager-v1\.16\.5\.yaml, .*: no violation\n/);
    const config = path.join(tools.dir, 'config.json');
    fs.writeFileSync(config, JSON.stringify({ gatewayNodePorts: KIND_GATEWAY_NODE_PORTS }));
    const gateway = lab('up', ['--print', '--kubernetes-version', '1.36', '--flavour', 'gateway', '--config', config]);
    expect(gateway.code).toBe(0);
    expect(gateway.stdout).toContain('against Kubernetes v1.36.0 and the CRDs cert-manager-v1.21.1.yaml');
    expect(gateway.stdout).toContain('  not validated: EnvoyProxy envoy-gateway-system/lab-node-ports (Envoy Gateway\'s own CRDs come with its install manifest');
  });

  test.each([
    ['1.27', ['v1.27.0']], ['v1.30.4', ['v1.27.0', 'v1.36.0']], ['1.36', ['v1.36.0']], ['1.37', ['v1.36.0']], ['1.25', ['v1.27.0']],
  ])('Kubernetes %s is validated against the held schemas %j', (text, expected) => {
    expect(schemaVersionsFor(parseKubernetesVersion(text)!, heldKubernetesSchemas())).toEqual(expected);
  });
});

describe('pre-flight checks: before anything is applied, each saying what to do', () => {
  const failsBeforeApplying = (r: ReturnType<typeof lab>, message: string) => {
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('lab:up: FAILED: pre-flight: ');
    expect(r.stderr).toContain(message);
    expect(kubectlCalls(r).filter(isApply)).toEqual([]);
  };

  test('k3s\'s traefik (ServiceLB) holding 80/443', () => {
    pods([hostPortPod('kube-system', 'svclb-traefik-4f2a1-xk2lp', [80, 443], { kind: 'DaemonSet', name: 'svclb-traefik-4f2a1' })]);
    failsBeforeApplying(lab('up', ['--cluster', 'k3s']),
      'pod svclb-traefik-4f2a1-xk2lp in namespace kube-system holds node ports 80 (the lab\'s ingress-nginx controller HTTP), 443');
    expect(lab('up').stderr).toContain('install k3s with `--disable=traefik`');
  });

  test('minikube\'s ingress addon (another ingress-nginx, a Deployment\'s pod) holding 80/443', () => {
    pods([hostPortPod('ingress-nginx', 'ingress-nginx-controller-7d9f8-abcde', [80, 443], { kind: 'ReplicaSet', name: 'ingress-nginx-controller-7d9f8' })]);
    failsBeforeApplying(lab('up'), '`minikube addons disable ingress`');
  });

  test('RKE2\'s bundled ingress-nginx', () => {
    pods([{ metadata: { namespace: 'kube-system', name: 'rke2-ingress-nginx-controller-x1' }, spec: { hostNetwork: true, containers: [{ ports: [{ containerPort: 80 }, { containerPort: 443 }] }] } }]);
    failsBeforeApplying(lab('up'), 'disable: [rke2-ingress-nginx]');
  });

  test('the lab\'s own pods of a previous run (its namespace, the controller DaemonSet) are no conflict', () => {
    pods([
      hostPortPod('ingress-nginx', 'ingress-nginx-controller-abcde', [80, 443], { kind: 'DaemonSet', name: 'ingress-nginx-controller' }),
      hostPortPod(NS, 'pod1-host-port', [30890]),
    ]);
    const r = lab('up');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ok: host ports: ');
  });

  test('the IngressClass nginx of another controller', () => {
    tools.kubectl('get ingressclass nginx *', 0, 'traefik.io/ingress-controller');
    failsBeforeApplying(lab('up'), 'IngressClass nginx belongs to controller "traefik.io/ingress-controller", not k8s.io/ingress-nginx');
  });

  test('the webhook port on the API server\'s port (minikube: 8443)', () => {
    const config = path.join(tools.dir, 'config.json');
    fs.writeFileSync(config, JSON.stringify({ controllerWebhookPort: 8443 }));
    tools.kubectl('-n default get endpointslices *', 0, '8443');
    failsBeforeApplying(lab('up', ['--config', config]), 'webhook port 8443 is the API server\'s port on the nodes');
    failsBeforeApplying(lab('up', ['--config', config, '--cluster', 'minikube']), 'webhook port 8443 is minikube\'s API server port on its node');
  });

  test('an external IP that is no node\'s address: a warning naming the nodes; lab:up goes on', () => {
    tools.kubectl('get nodes *', 0, '172.18.0.2 172.18.0.3');
    const r = lab('up');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('WARN: external IP: externalIp 10.119.12.4 is no node\'s address (nodes: 172.18.0.2, 172.18.0.3)');
    expect(r.stdout).toContain('set externalIp (e.g. 172.18.0.2) and nodeAddresses');
  });

  test('the lab in namespace default (not labelled by lab:up): a Pod Security warning; lab:up goes on', () => {
    const config = path.join(tools.dir, 'config.json');
    fs.writeFileSync(config, JSON.stringify({ namespace: 'default' }));
    tools.crd(CERT_MANAGER_CRD);
    const r = lab('up', ['--config', config]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('WARN: Pod Security: the lab\'s namespace is default, which lab:up does not label');
    expect(lab('up').stdout).not.toContain('Pod Security');
  });

  test('Gateway API CRDs of another bundle, not Envoy Gateway\'s: refused, saying which version it needs', () => {
    tools.kubectl(`get crd gateways.gateway.networking.k8s.io -o jsonpath=*`, 0, 'v1.4.0');
    failsBeforeApplying(lab('up', ['--flavour', 'gateway']), 'Gateway API CRDs of bundle v1.4.0 are installed, not by Envoy Gateway; Envoy Gateway v1.9.0 needs v1.6.1');
  });

  test('Gateway API CRDs of the same minor, installed by someone else: reused, Envoy Gateway\'s apply takes them over', () => {
    tools.kubectl(`get crd gateways.gateway.networking.k8s.io -o jsonpath=*`, 0, 'v1.6.0');
    const r = lab('up', ['--flavour', 'gateway']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('WARN: Gateway API CRDs: Gateway API v1.6.0 CRDs installed by someone else: reused');
    expect(kubectlCalls(r)).toContain(`apply -f ${envoyGatewayInstallUrl(ENVOY_GATEWAY_RELEASES[0])} --server-side --force-conflicts`);
  });
});

describe('the gateway flavour without a LoadBalancer', () => {
  test('a Gateway Accepted without an address fails after the grace period, saying why and what to do (not after the whole timeout)', () => {
    tools.kubectl(`-n ${NS} wait --for=condition=Programmed gateway/cdk8s-expose *`, 1, 'error: timed out waiting for the condition on gateways/cdk8s-expose');
    tools.kubectl(`-n ${NS} get gateway/cdk8s-expose -o *`, 0, 'True AddressNotAssigned');
    const r = lab('up', ['--flavour', 'gateway']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('gateway/cdk8s-expose in namespace expose-lab is Accepted but has no address after 60s (Programmed=False, AddressNotAssigned)');
    expect(r.stderr).toContain('minikube tunnel');
    expect(kubectlCalls(r).filter(c => c.includes('wait --for=condition=Programmed'))).toEqual([`-n ${NS} wait --for=condition=Programmed gateway/cdk8s-expose --timeout=60s`]);
  });

  test('not Programmed for another reason: it waits out the rest of the timeout', () => {
    tools.kubectl(`-n ${NS} wait --for=condition=Programmed gateway/cdk8s-expose --timeout=60s`, 1, 'error: timed out');
    tools.kubectl(`-n ${NS} get gateway/cdk8s-expose -o *`, 0, 'True Pending');
    const r = lab('up', ['--flavour', 'gateway']);
    expect(r.code).toBe(0);
    expect(kubectlCalls(r)).toContain(`-n ${NS} wait --for=condition=Programmed gateway/cdk8s-expose --timeout=240s`);
  });
});

describe('up, down, up', () => {
  test.each([['ingress-nginx'], ['gateway']])('%s: the second up after a down succeeds, re-applying the lab (trust-manager re-installed: its Role went with the namespace)', flavour => {
    const first = lab('up', ['--flavour', flavour]);
    expect(first.code).toBe(0);
    expect(lab('down', ['--flavour', flavour]).code).toBe(0);
    const second = lab('up', ['--flavour', flavour]);
    expect(second.code).toBe(0);
    // installed software stays (its CRDs exist): only the lab's own files are applied again
    expect(kubectlCalls(second).filter(isApply)).toEqual(kubectlCalls(first).filter(c => isApply(c) && !c.includes('https://')));
    if (flavour === 'gateway') {
      expect(helmCalls(second)).toEqual(helmCalls(first));
      const all = second.calls.map(c => `${c.tool} ${c.args.join(' ')}`);
      expect(indexOf(all, 'helm upgrade')).toBeLessThan(indexOf(all, '36-lab-ca-trust'));
    }
  });
});

describe('kind: lab/kind-config.yaml and lab:verify --node 127.0.0.1', () => {
  const kindConfig = parse(fs.readFileSync(path.join(ROOT, 'lab', 'kind-config.yaml'), 'utf8'));
  const mapped = new Map<number, number>(kindConfig.nodes[0].extraPortMappings.map((m: any) => [m.containerPort, m.hostPort]));

  test('one control-plane node mapping every port the lab\'s checks use to the same port on 127.0.0.1', () => {
    expect(kindConfig).toMatchObject({ kind: 'Cluster', apiVersion: 'kind.x-k8s.io/v1alpha4' });
    expect(kindConfig.nodes).toHaveLength(1);
    const lab = buildLab(new App({ outdir: '/nonexistent-never-written' }), LAB_CONFIG);
    const ports = new Set<number>([80, 443]);
    for (const c of labChecks(lab, LAB_CONFIG, '127.0.0.1', '127.0.0.1', true)) {
      const port = new URL(c.url).port;
      if (port) ports.add(Number(port));
    }
    expect([...ports].sort((a, b) => a - b)).toEqual([80, 443, 8088, 8090, 30888, 30890]);
    expect(mappedPorts()).toEqual([80, 443, 30890, 8090, 30888, 8088, 30080, 30443]);
    for (const port of ports) expect([port, mapped.get(port)]).toEqual([port, port]);
    for (const m of kindConfig.nodes[0].extraPortMappings) expect(m).toMatchObject({ listenAddress: '127.0.0.1', protocol: 'TCP' });
  });

  test('the node ports the lab takes (controller listeners aside) are mapped, or internal to the node', () => {
    const lab = buildLab(new App({ outdir: '/nonexistent-never-written' }), LAB_CONFIG);
    const internal = new Set([442, 8181, 8444, 10245, 10246, 10247, 10254]);
    for (const u of labHostPorts(lab)) if (!internal.has(u.port)) expect([u.port, mapped.has(u.port)]).toEqual([u.port, true]);
  });

  test('every row goes to 127.0.0.1: hostPort/hostNetwork not redirected to the pod\'s node, 9.4 on its mapped port', () => {
    const welcome = { status: 200, body: 'Welcome to nginx!' };
    for (const port of [30890, 8090, 30888, 8088]) tools.curl(`http://127.0.0.1:${port}/`, welcome);
    tools.curl('http://no-such-host.xxx.com/', { status: 404 });
    for (const svc of ['svc1', 'svc2']) tools.curl(`http://${svc}.xxx.com/`, { status: 200, body: `Hello, I am ${svc} for ingress-controller demo!` });
    for (const svc of ['svc3', 'svc4']) {
      tools.curl(`http://${svc}.xxx.com/`, { status: 308, location: `https://${svc}.xxx.com/` });
      tools.curl(`https://${svc}.xxx.com/`, { status: 200, body: `Hello, I am ${svc} for ingress-controller demo!` });
    }
    tools.curl('https://svc5.xxx.com/', { status: 200, body: 'Hello, I am svc5 for ingress-controller demo!' });
    tools.kubectl(`-n ${NS} get secret lab-ca-trust -o *`, 0, Buffer.from(PEM).toString('base64'));
    const r = lab('verify', ['--node', '127.0.0.1']);
    expect(r.stdout).toContain('every row through the node\'s port mappings');
    expect(r.stdout).toContain('lab:verify: 12/12 passed');
    expect(r.code).toBe(0);
    expect(kubectlCalls(r).some(c => c.includes('status.hostIP'))).toBe(false);
    const resolves = r.calls.filter(c => c.tool === 'curl').map(c => c.args[c.args.indexOf('--resolve') + 1]).filter(a => a && a.includes(':'));
    for (const to of resolves) expect(to).toMatch(/:127\.0\.0\.1$/);
    // --print with the same --node prints exactly the commands this run ran, row by row
    const printed = lab('verify', ['--node', '127.0.0.1', '--print']);
    expect(printed.code).toBe(0);
    expect(printed.calls).toEqual([]);
    const rows = r.stdout.split('\n').filter(l => / \| (PASS|FAIL)$/.test(l)).map(l => l.split(' | ').map(c => c.trim()));
    expect(rows).toHaveLength(12);
    for (const [section, command] of rows) expect(printed.stdout).toContain(`${section}: ${command}  # expect`);
    expect(printed.stdout).not.toContain('(NODE: the node running');
  });
});

describe('the gateway flavour on fixed node ports (gatewayNodePorts)', () => {
  const nodePorts = { ...LAB_CONFIG, gatewayNodePorts: KIND_GATEWAY_NODE_PORTS };

  test('an EnvoyProxy with a NodePort Service (every node answering) named by the GatewayClass\'s parametersRef', () => {
    const gw = buildGatewayLab(new App({ outdir: '/nonexistent-never-written' }), nodePorts);
    const [proxy, gatewayClass] = gw.gatewayClass.toJson();
    expect(proxy).toEqual({
      apiVersion: 'gateway.envoyproxy.io/v1alpha1', kind: 'EnvoyProxy',
      metadata: { name: 'lab-node-ports', namespace: 'envoy-gateway-system' },
      spec: {
        provider: {
          type: 'Kubernetes',
          kubernetes: {
            envoyService: {
              type: 'NodePort', externalTrafficPolicy: 'Cluster',
              patch: { type: 'StrategicMerge', value: { spec: { ports: [{ port: 80, nodePort: 30080 }, { port: 443, nodePort: 30443 }] } } },
            },
          },
        },
      },
    });
    expect(gatewayClass.spec).toEqual({
      controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
      parametersRef: { group: 'gateway.envoyproxy.io', kind: 'EnvoyProxy', name: 'lab-node-ports', namespace: 'envoy-gateway-system' },
    });
    // the default (a LoadBalancer Service): the GatewayClass alone, as in dist-gateway/
    const plain = buildGatewayLab(new App({ outdir: '/nonexistent-never-written' }), LAB_CONFIG);
    expect(plain.gatewayClass.toJson()).toEqual([expect.objectContaining({ kind: 'GatewayClass', spec: { controllerName: 'gateway.envoyproxy.io/gatewayclass-controller' } })]);
  });

  test.each([
    [{ http: 80, https: 30443 }, 'gatewayNodePorts {"http":80,"https":30443}: 80 not in 30000-32767'],
    [{ http: 30080, https: 30080 }, 'http and https need distinct ports'],
    [{ http: 30888, https: 30443 }, '30888 already used by the lab\'s sections'],
  ])('fails with %j', (ports, message) => {
    expect(() => buildGatewayLab(new App({ outdir: '/nonexistent-never-written' }), { ...LAB_CONFIG, gatewayNodePorts: ports })).toThrow(message);
  });

  test('lab:verify sends the Ingress hosts to the node ports; kind maps them', () => {
    const gw = buildGatewayLab(new App({ outdir: '/nonexistent-never-written' }), nodePorts);
    const checks = labChecks(gw, nodePorts, '127.0.0.1', '127.0.0.1', true);
    const svc3 = checks.filter(c => c.section.startsWith('exp 5'));
    expect(svc3.map(c => [c.url, c.resolve, c.expected.location])).toEqual([
      ['http://svc3.xxx.com:30080/', 'svc3.xxx.com:30080:127.0.0.1', 'https://svc3.xxx.com/'],
      ['https://svc3.xxx.com:30443/', 'svc3.xxx.com:30443:127.0.0.1', undefined],
    ]);
    expect(mappedPorts()).toEqual(expect.arrayContaining([30080, 30443]));
  });

  test('lab:up applies the EnvoyProxy with the GatewayClass, after Envoy Gateway; exit 0', () => {
    const config = path.join(tools.dir, 'config.json');
    fs.writeFileSync(config, JSON.stringify({ gatewayNodePorts: KIND_GATEWAY_NODE_PORTS }));
    const r = lab('up', ['--flavour', 'gateway', '--config', config]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const calls = kubectlCalls(r);
    expect(indexOf(calls, 'apply -f <dir>/30-gateway-class.k8s.yaml')).toBeGreaterThan(indexOf(calls, 'rollout status deployment/envoy-gateway'));
  });
});

function mappedPorts(): number[] {
  const kindConfig = parse(fs.readFileSync(path.join(ROOT, 'lab', 'kind-config.yaml'), 'utf8'));
  return kindConfig.nodes[0].extraPortMappings.map((m: { containerPort: number }) => m.containerPort);
}
