/**
 * The client command of every section and experiment, derived from the lab's constructs (hosts,
 * ports, names, replies), for `npm run lab:verify` and the README's walk-through: the URL, the
 * `--resolve` that sends the Ingress host (and SNI) to a node, `--cacert` for the lab CA, and the
 * expected reply or redirect. Both flavours share them: with Gateway API the hosts, certificates
 * and replies are the same, only the address the hosts resolve to is the Gateway's.
 */
import { DemoBackend } from '../constructs';
import { LabSections } from './index';
import { LabBackends, LabCertificates, LabConfig } from './config';

/** What a check expects. */
export interface Expected {
  /** HTTP status. */
  readonly status: number;
  /** Text the body must contain. */
  readonly bodyContains?: string;
  /** The redirect target (`Location`). */
  readonly location?: string;
}

/** One client command. */
export interface LabCheck {
  /** `9.1 hostPort`, `exp 6 re-encrypt (svc4)`. */
  readonly section: string;
  readonly url: string;
  /** `host:port:address` for curl's --resolve (the Ingress host to a node, or to the Gateway's address), if any. */
  readonly resolve?: string;
  /** Whether the lab CA is passed with --cacert. */
  readonly cacert: boolean;
  /** Certificate not verified (`-k`): only the seed's own images over passthrough, whose certificate is their own. */
  readonly insecure: boolean;
  /** Where the address comes from when it is not the --node (hostPort and hostNetwork: the pod's node). */
  readonly nodeOfPod?: string;
  readonly expected: Expected;
}

/** The page stock nginx serves (every nginx image since long before 1.9.0). */
export const NGINX_WELCOME = 'Welcome to nginx!';
/** What ingress-nginx's default backend answers for a host no Ingress serves. */
export const DEFAULT_BACKEND_STATUS = 404;
/** A host of the lab's domain no Ingress serves. */
export const UNKNOWN_HOST_LABEL = 'no-such-host';

/** The seed's reply of svcN (DemoBackend's, or the Go images' own). */
function reply(lab: LabSections, svc: 'svc1' | 'svc2' | 'svc3' | 'svc4' | 'svc5'): string {
  const backend = lab[svc].backend;
  return backend instanceof DemoBackend ? backend.message : `Hello, I am ${svc} for ingress-controller demo!`;
}

/**
 * Every check, for a client that reaches the nodes at `node` and the Ingress hosts at `entry`:
 * a node for ingress-nginx (its hostNetwork DaemonSet answers on every node), the Gateway's
 * address for Gateway API. `portMapped`: `node` is a port mapping of the (single) node, as kind's
 * lab/kind-config.yaml maps every port the lab uses to 127.0.0.1: the hostPort and hostNetwork
 * rows stay on `node` (not the pod's node address, which the client cannot reach) and 9.4 goes to
 * `node` on the externalIP's port (kube-proxy's externalIP rule then matches only when
 * `externalIp` is the node's own address).
 */
export function labChecks(lab: LabSections, config: LabConfig, node: string, entry = node, portMapped = false): LabCheck[] {
  const checks: LabCheck[] = [];
  const plain = { cacert: false, insecure: false };
  const hostPort = lab.hostPort.pod;
  const podNode = (name: string) => (portMapped ? {} : { nodeOfPod: name });
  checks.push({
    section: '9.1 hostPort', url: `http://${node}:${hostPort.hostPort}/`, ...plain, ...podNode(hostPort.name),
    expected: { status: 200, bodyContains: NGINX_WELCOME },
  });
  const hostNetwork = lab.hostNetwork.pod;
  checks.push({
    section: '9.2 hostNetwork', url: `http://${node}:${hostNetwork.containerPort}/`, ...plain, ...podNode(hostNetwork.name),
    expected: { status: 200, bodyContains: NGINX_WELCOME },
  });
  checks.push({
    section: '9.3 NodePort', url: `http://${node}:${lab.nodePort.service.nodePort}/`, ...plain,
    expected: { status: 200, bodyContains: NGINX_WELCOME },
  });
  const external = lab.externalIp.service;
  checks.push({
    section: '9.4 externalIPs', url: `http://${portMapped ? node : external.externalIPs[0]}:${external.port}/`, ...plain,
    expected: { status: 200, bodyContains: NGINX_WELCOME },
  });
  // the Gateway API flavour with gatewayNodePorts: the Gateway's ports 80/443 on fixed node ports
  const nodePorts = 'gatewayClass' in lab ? config.gatewayNodePorts : undefined;
  const httpPort = nodePorts?.http ?? 80;
  const httpsPort = nodePorts?.https ?? 443;
  const at = (port: number, standard: number) => (port === standard ? '' : `:${port}`);
  const unknown = `${UNKNOWN_HOST_LABEL}.${config.domain}`;
  checks.push({
    section: 'exp 1 default backend', url: `http://${unknown}${at(httpPort, 80)}/`, resolve: `${unknown}:${httpPort}:${entry}`, ...plain,
    expected: { status: DEFAULT_BACKEND_STATUS },
  });
  const http = (section: string, svc: 'svc1' | 'svc2') => checks.push({
    section, url: `http://${lab[svc].host}${at(httpPort, 80)}/`, resolve: `${lab[svc].host}:${httpPort}:${entry}`, ...plain,
    expected: { status: 200, bodyContains: reply(lab, svc) },
  });
  http('exp 3 HTTP (svc1)', 'svc1');
  http('exp 4 HTTPS backend (svc2)', 'svc2');
  const tls = (section: string, svc: 'svc3' | 'svc4' | 'svc5', redirect: boolean, insecure: boolean) => {
    const host = lab[svc].host;
    if (redirect) {
      // spec.tls: ingress-nginx's ssl-redirect answers HTTP with 308 to https (Gateway API: the redirect route, 308 too)
      checks.push({
        section: `${section} redirect`, url: `http://${host}${at(httpPort, 80)}/`, resolve: `${host}:${httpPort}:${entry}`, ...plain,
        expected: { status: 308, location: `https://${host}/` },
      });
    }
    checks.push({
      section, url: `https://${host}${at(httpsPort, 443)}/`, resolve: `${host}:${httpsPort}:${entry}`, cacert: !insecure, insecure,
      expected: { status: 200, bodyContains: reply(lab, svc) },
    });
  };
  const seedImages = config.backends === LabBackends.SEED_IMAGES;
  tls('exp 5 TLS termination (svc3)', 'svc3', true, false);
  tls('exp 6 re-encrypt (svc4)', 'svc4', true, false);
  tls('exp 7 passthrough (svc5)', 'svc5', false, seedImages);
  return checks;
}

/** Where the lab CA certificate comes from for `--cacert`. */
export interface CaSource {
  /** A Secret in the lab's namespace and its key, read with kubectl. */
  readonly secret?: { readonly name: string; readonly key: string };
  /** A local file (LabCertificates.FILES). */
  readonly file?: string;
}

/** The lab CA for `--cacert`: the trust Secret the lab CA issues, the kubectl-created `lab-backend-ca`, or `.lab-certs/ca.crt`. */
export function caSource(lab: LabSections, config: LabConfig, backendCaSecret: string): CaSource {
  if (config.certificates === LabCertificates.LAB_CA) return { secret: { name: lab.labCa!.ca.trustSecretName, key: 'ca.crt' } };
  if (config.certificates === LabCertificates.EXISTING_SECRETS) return { secret: { name: backendCaSecret, key: 'ca.crt' } };
  return { file: `${config.certsDir}/ca.crt` };
}

/** The command a person types (what the README shows): curl with --resolve and --cacert as needed. */
export function displayCommand(check: LabCheck, caFile = 'ca.crt'): string {
  const parts = ['curl'];
  if (check.resolve) parts.push('--resolve', check.resolve);
  if (check.cacert) parts.push('--cacert', caFile);
  if (check.insecure) parts.push('-k');
  parts.push(check.url);
  return parts.join(' ');
}

/** What the check expects, in words for the table. */
export function describeExpected(e: Expected): string {
  if (e.location !== undefined) return `${e.status} -> ${e.location}`;
  return e.bodyContains !== undefined ? `${e.status} "${e.bodyContains}"` : String(e.status);
}
