/**
 * The controller's command line: the flags the construct manages, the listeners whose ports
 * can be moved with extraArgs, the ports it occupies on its nodes, and the args in chart order.
 */
import { FieldPath } from '../core/field-path';
import { sortKeys } from '../core/records';
import { INGRESS_NGINX_ANNOTATIONS_PREFIX } from '../targets/ingress-nginx/annotation-rules';
import {
  validateAnnotationsPrefixFlag, validateControllerFlagName, validateDistinctListenerPorts, validateFlagNotManaged, validateFlagValue, validateListenerPortFlag,
} from './controller-rules';
import {
  CONTROLLER_CLASS, CONTROLLER_NAME, DEFAULT_BACKEND_NAME, ELECTION_ID, HEALTHZ_PORT, INGRESS_CLASS, WEBHOOK_PORT,
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

const EXTRA_ARGS = FieldPath.prop('extraArgs');

/** The validated extra flags plus `enable-ssl-passthrough` when asked for, sorted by name. */
export function resolveExtraArgs(path: string, given: { [flag: string]: string }, passthrough: boolean): { [flag: string]: string } {
  const extraArgs: { [flag: string]: string } = {};
  for (const [flag, value] of Object.entries(given)) {
    const field = EXTRA_ARGS.key(flag);
    validateControllerFlagName(path, field, flag);
    validateFlagNotManaged(path, field, flag, MANAGED_FLAGS);
    validateFlagValue(path, field, value);
    validateAnnotationsPrefixFlag(path, field, flag, value, INGRESS_NGINX_ANNOTATIONS_PREFIX);
    extraArgs[flag] = value;
  }
  if (passthrough) extraArgs['enable-ssl-passthrough'] = '';
  return sortKeys(extraArgs);
}

/** What decides the listeners on the nodes. */
export interface ListenerInputs {
  readonly hostNetwork: boolean;
  readonly useHostPorts: boolean;
  readonly webhook: boolean;
  readonly passthrough: boolean;
  readonly extraArgs: { readonly [flag: string]: string };
}

/** The ports the controller opens on each node it runs on, sorted; none without hostNetwork or hostPorts. */
export function resolveHostListeners(path: string, o: ListenerInputs): HostListener[] {
  const listeners: HostListener[] = [];
  if (o.hostNetwork) {
    listeners.push({ port: 80, purpose: 'HTTP', flag: '--http-port' });
    listeners.push({ port: 443, purpose: o.passthrough ? 'HTTPS (the SSL-passthrough proxy, choosing by SNI)' : 'HTTPS', flag: '--https-port' });
    if (o.webhook) listeners.push({ port: WEBHOOK_PORT, purpose: 'admission webhook', flag: '--validating-webhook' });
    listeners.push({ port: HEALTHZ_PORT, purpose: 'healthz (and metrics when enabled)', flag: '--healthz-port' });
    for (const l of INTERNAL_LISTENERS) {
      if (l.when === 'passthrough' && !o.passthrough) continue;
      const given = o.extraArgs[l.flag];
      const port = given === undefined ? l.port : validateListenerPortFlag(path, EXTRA_ARGS.key(l.flag), given);
      listeners.push({ port, purpose: l.purpose, flag: `--${l.flag}` });
    }
    listeners.sort((a, b) => a.port - b.port);
    validateDistinctListenerPorts(path, EXTRA_ARGS, listeners);
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
    args.push(`--validating-webhook=:${WEBHOOK_PORT}`, '--validating-webhook-certificate=/usr/local/certificates/cert',
      '--validating-webhook-key=/usr/local/certificates/key');
  }
  args.push('--enable-metrics=false');
  for (const [flag, value] of Object.entries(o.extraArgs)) args.push(value === '' ? `--${flag}` : `--${flag}=${value}`);
  return args;
}
