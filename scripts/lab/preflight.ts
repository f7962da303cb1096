/**
 * lab:up's pre-flight checks: what would make a stage fail later with a message that does not say
 * why, checked before anything is applied, each with a message that says what to do. Read with
 * kubectl only (nothing changes):
 *
 * - host ports: no other pod holds a port the lab's pods take on the nodes (the controller's 80,
 *   443 and internal listeners in the host network, 9.1's hostPort, 9.2's port): k3s's traefik
 *   (ServiceLB's svclb pods hold 80/443), minikube's ingress addon, RKE2's bundled ingress-nginx;
 * - the IngressClass `nginx` absent or ingress-nginx's (`k8s.io/ingress-nginx`);
 * - the webhook port: not the API server's port on the nodes (minikube's 8443);
 * - Gateway API CRDs (gateway flavour): absent, Envoy Gateway's, or of the Gateway API minor its
 *   release bundles (then reused: its apply takes them over); others refused;
 * - the external IP of 9.4: an address of a node (else a warning: 9.4's row cannot pass);
 * - Pod Security: a warning when the lab's namespace is `default`, which lab:up does not label.
 */
import { LabConfig, LabFlavour } from '../../lab/config';
import { ENVOY_GATEWAY_CRD } from '../../lab/gateway';
import { LabReleases } from '../../lab/versions';
import { firstLine, LabIo, run } from './common';

/** The cluster kinds lab:up knows the traps of. */
export enum ClusterKind {
  KIND = 'kind',
  K3S = 'k3s',
  MINIKUBE = 'minikube',
  GENERIC = 'generic',
}

/** Where the lab's pods take ports of the nodes. */
export interface HostPortUse {
  readonly port: number;
  /** `ingress-nginx controller (admission webhook)`. */
  readonly by: string;
}

/** What the checks need to know. */
export interface PreflightInput {
  readonly config: LabConfig;
  readonly flavour: LabFlavour;
  readonly cluster: ClusterKind;
  readonly releases: LabReleases;
  /** Every node port the lab's pods take (hostNetwork listeners and hostPorts). */
  readonly hostPorts: HostPortUse[];
  /** The controller's webhook port in the host network (ingress-nginx flavour). */
  readonly webhookPort?: number;
}

/** A finding: `fail` stops lab:up before anything is applied, `warn` is printed. */
export interface Finding {
  readonly check: string;
  readonly level: 'ok' | 'warn' | 'fail';
  readonly message: string;
  /** Gateway API CRDs of someone else reused: Envoy Gateway's server-side apply takes them over (`--force-conflicts`). */
  readonly takeOver?: boolean;
}

/** One check: what it looks at (for `--print`), and how. */
export interface PreflightCheck {
  readonly name: string;
  readonly describe: string;
  readonly run: (io: LabIo, input: PreflightInput) => Finding[];
}

/** The Gateway API CRD that tells which bundle is installed (its `gateway.networking.k8s.io/bundle-version` annotation). */
export const GATEWAY_CRD = 'gateways.gateway.networking.k8s.io';
const INGRESS_NGINX_CONTROLLER = 'k8s.io/ingress-nginx';

const kubectl = (io: LabIo, args: string[]) => run(io, 'kubectl', args, 30);

/** The fields of a pod (kubectl get pods -o json) the checks read. */
export interface ClusterPod {
  readonly metadata?: {
    readonly name?: string;
    readonly namespace?: string;
    readonly ownerReferences?: Array<{ readonly kind?: string; readonly name?: string }>;
  };
  readonly spec?: {
    readonly hostNetwork?: boolean;
    readonly containers?: Array<{ readonly ports?: Array<{ readonly containerPort?: number; readonly hostPort?: number }> }>;
    readonly initContainers?: Array<{ readonly ports?: Array<{ readonly containerPort?: number; readonly hostPort?: number }> }>;
  };
}

/** A pod's ports on its node: hostPort values, or every container port in the host network. */
export function podHostPorts(pod: ClusterPod): number[] {
  const ports: number[] = [];
  const hostNetwork = pod?.spec?.hostNetwork === true;
  for (const c of [...(pod?.spec?.initContainers ?? []), ...(pod?.spec?.containers ?? [])]) {
    for (const p of c.ports ?? []) {
      if (p.hostPort) ports.push(Number(p.hostPort));
      else if (hostNetwork && p.containerPort) ports.push(Number(p.containerPort));
    }
  }
  return [...new Set(ports)].sort((a, b) => a - b);
}

/** Whether a pod is the lab's own (a previous run's): in the lab's namespace, or the controller DaemonSet's. */
function isLabPod(pod: ClusterPod, config: LabConfig): boolean {
  const ns = pod?.metadata?.namespace;
  if (ns === config.namespace) return true;
  const owner = (pod?.metadata?.ownerReferences ?? [])[0];
  return ns === 'ingress-nginx' && owner?.kind === 'DaemonSet' && owner?.name === 'ingress-nginx-controller';
}

/** What to do about a pod holding the lab's ports, when it is a known one. */
export function holderAdvice(pod: ClusterPod): string {
  const ns = String(pod?.metadata?.namespace ?? '');
  const name = String(pod?.metadata?.name ?? '');
  if (/traefik/.test(name)) {
    return 'k3s\'s bundled traefik (ServiceLB\'s svclb pods hold 80/443): install k3s with `--disable=traefik`, or remove it ' +
      '(`kubectl -n kube-system delete helmchart traefik traefik-crd`)';
  }
  if (/rke2-ingress-nginx/.test(name)) return 'RKE2\'s bundled ingress-nginx: set `disable: [rke2-ingress-nginx]` in /etc/rancher/rke2/config.yaml and restart rke2-server';
  if (ns === 'ingress-nginx' || /ingress-nginx/.test(name)) return 'another ingress-nginx (minikube\'s ingress addon?): `minikube addons disable ingress`, or remove it';
  return 'remove it, or run the lab on nodes without it';
}

const hostPortsCheck: PreflightCheck = {
  name: 'host ports',
  describe: 'no other pod holds a port the lab\'s pods take on the nodes (kubectl get pods -A -o json)',
  run: (io, input) => {
    const r = kubectl(io, ['get', 'pods', '-A', '-o', 'json']);
    if (r.code !== 0) return [{ check: 'host ports', level: 'warn', message: `not checked: kubectl get pods -A failed: ${firstLine(r)}` }];
    let pods: ClusterPod[];
    try {
      pods = JSON.parse(r.stdout).items ?? [];
    } catch {
      return [{ check: 'host ports', level: 'warn', message: 'not checked: kubectl get pods -A -o json printed no JSON' }];
    }
    const wanted = new Map(input.hostPorts.map(u => [u.port, u.by]));
    const findings: Finding[] = [];
    for (const pod of pods.filter(p => !isLabPod(p, input.config))) {
      const clash = podHostPorts(pod).filter(p => wanted.has(p));
      if (clash.length === 0) continue;
      findings.push({
        check: 'host ports',
        level: 'fail',
        message: `pod ${pod.metadata?.name} in namespace ${pod.metadata?.namespace} holds node port${clash.length > 1 ? 's' : ''} ` +
          `${clash.map(p => `${p} (the lab's ${wanted.get(p)})`).join(', ')}: ${holderAdvice(pod)}`,
      });
    }
    return findings.length > 0 ? findings : [{ check: 'host ports', level: 'ok', message: `${wanted.size} node ports free of other pods` }];
  },
};

const ingressClassCheck: PreflightCheck = {
  name: 'IngressClass nginx',
  describe: `the IngressClass nginx is absent or ${INGRESS_NGINX_CONTROLLER}'s (kubectl get ingressclass nginx)`,
  run: io => {
    const r = kubectl(io, ['get', 'ingressclass', 'nginx', '-o', 'jsonpath={.spec.controller}']);
    if (r.code !== 0) {
      return /NotFound|not found/.test(r.stderr) ? [{ check: 'IngressClass nginx', level: 'ok', message: 'absent' }]
        : [{ check: 'IngressClass nginx', level: 'warn', message: `not checked: ${firstLine(r)}` }];
    }
    const controller = r.stdout.trim();
    if (controller === INGRESS_NGINX_CONTROLLER) return [{ check: 'IngressClass nginx', level: 'ok', message: `${controller}'s` }];
    return [{
      check: 'IngressClass nginx', level: 'fail',
      message: `IngressClass nginx belongs to controller ${JSON.stringify(controller)}, not ${INGRESS_NGINX_CONTROLLER}: the lab's Ingresses ` +
        'would be served by it (or by nobody); remove that controller and its IngressClass, or use a cluster without it',
    }];
  },
};

const webhookPortCheck: PreflightCheck = {
  name: 'webhook port',
  describe: 'the controller\'s webhook port is not the API server\'s port on the nodes (kubectl get endpointslices -l kubernetes.io/service-name=kubernetes)',
  run: (io, input) => {
    const port = input.webhookPort;
    if (port === undefined) return [];
    const advice = `the controller runs in the host network, where ingress-nginx only logs the failed bind and every Ingress is then ` +
      'refused (x509): set controllerWebhookPort in lab/config.ts (or --config) to a free port, e.g. 8444';
    if (input.cluster === ClusterKind.MINIKUBE && port === 8443) {
      return [{ check: 'webhook port', level: 'fail', message: `webhook port 8443 is minikube's API server port on its node: ${advice}` }];
    }
    const r = kubectl(io, ['-n', 'default', 'get', 'endpointslices', '-l', 'kubernetes.io/service-name=kubernetes', '-o', 'jsonpath={.items[*].ports[*].port}']);
    if (r.code !== 0) return [{ check: 'webhook port', level: 'warn', message: `not checked: ${firstLine(r)}` }];
    const apiPorts = r.stdout.trim().split(/\s+/).filter(Boolean).map(Number);
    if (apiPorts.includes(port)) {
      return [{ check: 'webhook port', level: 'fail', message: `webhook port ${port} is the API server's port on the nodes (endpoints of Service kubernetes): ${advice}` }];
    }
    return [{ check: 'webhook port', level: 'ok', message: `${port} (the API server listens on ${apiPorts.join(', ') || 'no port listed'})` }];
  },
};

/** Gateway API bundle versions Envoy Gateway's release can reuse: the same minor as the one it bundles. */
export function compatibleBundle(installed: string, bundled: string): boolean {
  const minor = (v: string) => /^v?(\d+)\.(\d+)\./.exec(v)?.slice(1, 3).join('.');
  return minor(installed) !== undefined && minor(installed) === minor(bundled);
}

const gatewayCrdsCheck: PreflightCheck = {
  name: 'Gateway API CRDs',
  describe: `Gateway API CRDs absent, Envoy Gateway's, or of the minor its release bundles (kubectl get crd ${GATEWAY_CRD})`,
  run: (io, input) => {
    const eg = input.releases.envoyGateway;
    if (!eg) return [];
    const r = kubectl(io, ['get', 'crd', GATEWAY_CRD, '-o', 'jsonpath={.metadata.annotations.gateway\\.networking\\.k8s\\.io/bundle-version}']);
    if (r.code !== 0) return [{ check: 'Gateway API CRDs', level: 'ok', message: `absent: Envoy Gateway ${eg.version} installs them` }];
    const installed = r.stdout.trim();
    const ours = kubectl(io, ['get', 'crd', ENVOY_GATEWAY_CRD, '-o', 'name']);
    if (ours.code === 0) return [{ check: 'Gateway API CRDs', level: 'ok', message: `${installed || 'present'}, with Envoy Gateway (reused)` }];
    const bundled = eg.bundles ?? '';
    if (compatibleBundle(installed, bundled)) {
      return [{
        check: 'Gateway API CRDs', level: 'warn',
        takeOver: true,
        message: `Gateway API ${installed} CRDs installed by someone else: reused (Envoy Gateway ${eg.version} bundles ${bundled}); its server-side apply takes them over (--force-conflicts)`,
      }];
    }
    return [{
      check: 'Gateway API CRDs', level: 'fail',
      message: `Gateway API CRDs ${installed ? `of bundle ${installed}` : 'of an unknown bundle'} are installed, not by Envoy Gateway; ` +
        `Envoy Gateway ${eg.version} needs ${bundled}: its server-side apply would conflict with their field manager. Upgrade them ` +
        `(kubectl apply --server-side -f https://github.com/kubernetes-sigs/gateway-api/releases/download/${bundled}/standard-install.yaml) ` +
        'if nothing else depends on their version, or use a cluster without them',
    }];
  },
};

const externalIpCheck: PreflightCheck = {
  name: 'external IP',
  describe: 'section 9.4\'s externalIp is an address of a node (kubectl get nodes)',
  run: (io, input) => {
    const r = kubectl(io, ['get', 'nodes', '-o', 'jsonpath={.items[*].status.addresses[?(@.type!="Hostname")].address}']);
    if (r.code !== 0) return [{ check: 'external IP', level: 'warn', message: `not checked: ${firstLine(r)}` }];
    const addresses = r.stdout.trim().split(/\s+/).filter(Boolean);
    const ip = input.config.externalIp;
    if (addresses.includes(ip)) return [{ check: 'external IP', level: 'ok', message: `${ip} is a node's address` }];
    return [{
      check: 'external IP', level: 'warn',
      message: `externalIp ${ip} is no node's address (nodes: ${addresses.join(', ') || 'none listed'}): section 9.4 answers only where ${ip} ` +
        `reaches a node; set externalIp${addresses.length > 0 ? ` (e.g. ${addresses[0]})` : ''} and nodeAddresses in lab/config.ts or --config`,
    }];
  },
};

const podSecurityCheck: PreflightCheck = {
  name: 'Pod Security',
  describe: 'the lab\'s namespace is its own (labelled enforce: privileged by 00-namespace), not default (which lab:up does not label)',
  run: (_io, input) => {
    if (input.config.namespace !== 'default') return [];
    return [{
      check: 'Pod Security', level: 'warn',
      message: 'the lab\'s namespace is default, which lab:up does not label: on a cluster that enforces the baseline Pod Security ' +
        'standard the hostPort and hostNetwork pods are refused; label it (kubectl label namespace default ' +
        'pod-security.kubernetes.io/enforce=privileged) or use a namespace of the lab\'s own',
    }];
  },
};

/** The checks for a flavour, in the order they run. */
export function preflightChecks(flavour: LabFlavour): PreflightCheck[] {
  return flavour === LabFlavour.GATEWAY_API
    ? [hostPortsCheck, gatewayCrdsCheck, externalIpCheck, podSecurityCheck]
    : [hostPortsCheck, ingressClassCheck, webhookPortCheck, externalIpCheck, podSecurityCheck];
}

/** Runs every check: the findings, in order. */
export function runPreflight(io: LabIo, input: PreflightInput): Finding[] {
  return preflightChecks(input.flavour).flatMap(c => c.run(io, input));
}
