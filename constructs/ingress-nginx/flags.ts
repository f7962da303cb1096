/**
 * The controller's command line: the flags the construct manages, the listeners whose ports
 * can be moved with extraArgs, the ports it occupies on its nodes, and the args in chart order;
 * with the rules of extraArgs and of the listeners, each returning its problems.
 */
import { FieldPath } from '../core/field-path';
import { duplicate, forbidden, invalid, Problem, show } from '../core/problem';
import { sortKeys } from '../core/records';
import { INGRESS_NGINX_ANNOTATIONS_PREFIX } from '../targets/ingress-nginx/annotation-rules';
import { portNumberProblems } from '../validation/ports';
import {
  CONTROLLER_CLASS, CONTROLLER_NAME, DEFAULT_BACKEND_NAME, ELECTION_ID, HEALTHZ_PORT, INGRESS_CLASS,
} from './names';
import { HostListener } from './props';

/** Flags the construct sets itself, and the prop to use instead. */
const MANAGED_FLAGS: { readonly [flag: string]: string } = {
  'election-id': 'fixed to ingress-nginx-leader (the Role grants that Lease)',
  'controller-class': 'fixed to k8s.io/ingress-nginx (IngressClass nginx)',
  'ingress-class': 'fixed to nginx',
  'configmap': 'fixed to the construct\'s ConfigMap; use props.config',
  'validating-webhook': 'use props.admissionWebhook',
  'validating-webhook-certificate': 'use props.admissionWebhook',
  'validating-webhook-key': 'use props.admissionWebhook',
  'default-backend-service': 'use props.defaultBackend',
  'publish-service': 'not supported: status is reported from the controller pods\' nodes',
  'enable-ssl-passthrough': 'use props.enableSslPassthrough',
  'report-node-internal-ip-address': 'use props.reportNodeInternalIp',
  'enable-metrics': 'fixed to false as upstream (no metrics port or Service)',
  'http-port': 'fixed to 80 (the container port, probes and host ports follow it)',
  'https-port': 'fixed to 443 (the container port, probes and host ports follow it)',
  'healthz-port': 'fixed to 10254 (the probes use it)',
};

/** Internal listener flags that may be moved with extraArgs (the listeners follow them). */
const INTERNAL_LISTENERS: { flag: string; port: number; purpose: string; when: 'always' | 'passthrough' }[] = [
  { flag: 'ssl-passthrough-proxy-port', port: 442, purpose: 'nginx HTTPS behind the SSL-passthrough proxy on 443', when: 'passthrough' },
  { flag: 'default-server-port', port: 8181, purpose: 'default (catch-all) server', when: 'always' },
  { flag: 'profiler-port', port: 10245, purpose: 'Go profiler (127.0.0.1; checked free at start-up)', when: 'always' },
  { flag: 'status-port', port: 10246, purpose: 'nginx Lua configuration endpoint (127.0.0.1)', when: 'always' },
  { flag: 'stream-port', port: 10247, purpose: 'nginx Lua TCP/UDP configuration endpoint (127.0.0.1)', when: 'always' },
];

/** `props.extraArgs`, the field of every extraArgs problem. */
export const EXTRA_ARGS = FieldPath.prop('extraArgs');

/** A controller flag name, without the leading `--`. */
export function flagNameProblems(field: FieldPath, flag: string): Problem[] {
  if (/^[a-z0-9][a-z0-9-]*$/.test(flag)) return [];
  return [invalid(field, flag, `${show(flag)} is not a flag name; allowed: lowercase letters, digits and '-', without the leading "--" (e.g. "watch-namespace")`)];
}

/** A flag the construct sets itself is not an extra arg; the message says what to use instead. */
export function managedFlagProblems(field: FieldPath, flag: string): Problem[] {
  if (!Object.prototype.hasOwnProperty.call(MANAGED_FLAGS, flag)) return [];
  return [forbidden(field, flag, `is managed by IngressNginxController: ${MANAGED_FLAGS[flag]}`)];
}

/** A flag value is a single argument: no whitespace. */
export function flagValueProblems(field: FieldPath, value: string): Problem[] {
  if (!/\s/.test(value)) return [];
  return [invalid(field, value, `${show(value)} contains whitespace; allowed: a single argument value`)];
}

/**
 * `annotations-prefix` other than `nginx.ingress.kubernetes.io`: HttpIngress and TlsIngress write
 * `nginx.ingress.kubernetes.io/*` annotations, which such a controller ignores, and its admission
 * webhook refuses every Ingress carrying them (`CheckIngress`).
 */
export function annotationsPrefixProblems(field: FieldPath, flag: string, value: string): Problem[] {
  const prefix = INGRESS_NGINX_ANNOTATIONS_PREFIX;
  if (flag !== 'annotations-prefix' || value === prefix) return [];
  return [forbidden(field, value, `${show(value)} would make the controller ignore, and its webhook refuse, the ${show(`${prefix}/`)} ` +
    `annotations every TLS mode and backend protocol of the Ingress constructs is written with; allowed: ${show(prefix)} or no annotations-prefix`)];
}

/** A listener flag's value is a port number (digits only; the controller parses it with Go's `flag.Int`, and fails to start otherwise). */
export function listenerPortFlagProblems(field: FieldPath, flag: string, value: string): Problem[] {
  if (!INTERNAL_LISTENERS.some(l => l.flag === flag)) return [];
  if (!/^[0-9]+$/.test(value)) {
    return [invalid(field, value, `${show(value)} is not a valid port number: it is not a decimal integer; allowed: digits, an integer from 1 to 65535`)];
  }
  return portNumberProblems(field, Number(value));
}

/** One extra flag: its name, not one the construct manages, a single value, and what its value must be. */
export function extraArgProblems(field: FieldPath, flag: string, value: string): Problem[] {
  return [
    ...flagNameProblems(field, flag),
    ...managedFlagProblems(field, flag),
    ...flagValueProblems(field, value),
    ...annotationsPrefixProblems(field, flag, value),
    ...listenerPortFlagProblems(field, flag, value),
  ];
}

/** Every extra flag (`field` is `props.extraArgs`). */
export function extraArgsProblems(field: FieldPath, extraArgs: { readonly [flag: string]: string }): Problem[] {
  return Object.entries(extraArgs).flatMap(([flag, value]) => extraArgProblems(field.key(flag), flag, value));
}

/**
 * No two listeners on one port. A port that is not a valid port number is left to
 * {@link listenerPortFlagProblems}.
 */
export function distinctListenerPortProblems(field: FieldPath, listeners: readonly HostListener[]): Problem[] {
  const first = new Map<number, HostListener>();
  const problems: Problem[] = [];
  for (const l of listeners) {
    if (portNumberProblems(field, l.port).length > 0) continue;
    const other = first.get(l.port);
    if (other === undefined) first.set(l.port, l);
    else problems.push(duplicate(field, l.port, `${l.flag} and ${other.flag} both use port ${l.port}; allowed: distinct ports`));
  }
  return problems;
}

/** The extra flags plus `enable-ssl-passthrough` when asked for, sorted by name. */
export function resolveExtraArgs(given: { readonly [flag: string]: string }, passthrough: boolean): { [flag: string]: string } {
  const extraArgs: { [flag: string]: string } = { ...given };
  if (passthrough) extraArgs['enable-ssl-passthrough'] = '';
  return sortKeys(extraArgs);
}

/** What decides the listeners on the nodes. */
export interface ListenerInputs {
  readonly hostNetwork: boolean;
  readonly useHostPorts: boolean;
  readonly webhook: boolean;
  /** The webhook's port. */
  readonly webhookPort: number;
  readonly passthrough: boolean;
  readonly extraArgs: { readonly [flag: string]: string };
}

/**
 * The ports the controller opens on each node it runs on, sorted; none without hostNetwork or
 * hostPorts. A moved listener takes the port its flag gives ({@link listenerPortFlagProblems}
 * checks it).
 */
export function resolveHostListeners(o: ListenerInputs): HostListener[] {
  const listeners: HostListener[] = [];
  if (o.hostNetwork) {
    listeners.push({ port: 80, purpose: 'HTTP', flag: '--http-port' });
    listeners.push({ port: 443, purpose: o.passthrough ? 'HTTPS (the SSL-passthrough proxy, choosing by SNI)' : 'HTTPS', flag: '--https-port' });
    if (o.webhook) listeners.push({ port: o.webhookPort, purpose: 'admission webhook', flag: '--validating-webhook' });
    listeners.push({ port: HEALTHZ_PORT, purpose: 'healthz (and metrics when enabled)', flag: '--healthz-port' });
    for (const l of INTERNAL_LISTENERS) {
      if (l.when === 'passthrough' && !o.passthrough) continue;
      const given = o.extraArgs[l.flag];
      listeners.push({ port: given === undefined ? l.port : Number(given), purpose: l.purpose, flag: `--${l.flag}` });
    }
    listeners.sort((a, b) => a.port - b.port);
  } else if (o.useHostPorts) {
    listeners.push({ port: 80, purpose: 'HTTP (hostPort)', flag: '--http-port' });
    listeners.push({ port: 443, purpose: 'HTTPS (hostPort)', flag: '--https-port' });
  }
  return listeners;
}

/** What decides the args. */
export interface ArgInputs {
  readonly defaultBackend: boolean;
  readonly hostNetwork: boolean;
  readonly reportNodeInternalIp: boolean;
  readonly webhook: boolean;
  /** The webhook's port. */
  readonly webhookPort: number;
  /** Whether the release's manifest passes `--enable-metrics=false` (v1.11.8) or leaves the flag out (v1.15.1). */
  readonly metricsFlag: boolean;
  /** Sorted. */
  readonly extraArgs: { readonly [flag: string]: string };
}

/** The controller container's args, in the chart's order: managed flags, then extraArgs sorted by name. */
export function controllerArgs(o: ArgInputs): string[] {
  const args = ['/nginx-ingress-controller'];
  if (o.defaultBackend) args.push(`--default-backend-service=$(POD_NAMESPACE)/${DEFAULT_BACKEND_NAME}`);
  args.push(`--election-id=${ELECTION_ID}`, `--controller-class=${CONTROLLER_CLASS}`, `--ingress-class=${INGRESS_CLASS}`,
    `--configmap=$(POD_NAMESPACE)/${CONTROLLER_NAME}`);
  if (o.hostNetwork && o.reportNodeInternalIp) args.push('--report-node-internal-ip-address=true');
  if (o.webhook) {
    args.push(`--validating-webhook=:${o.webhookPort}`, '--validating-webhook-certificate=/usr/local/certificates/cert',
      '--validating-webhook-key=/usr/local/certificates/key');
  }
  if (o.metricsFlag) args.push('--enable-metrics=false');
  for (const [flag, value] of Object.entries(o.extraArgs)) args.push(value === '' ? `--${flag}` : `--${flag}=${value}`);
  return args;
}
