/**
 * The ingress-nginx renderer: an intent becomes one `networking.k8s.io/v1` Ingress whose
 * mode is expressed in `nginx.ingress.kubernetes.io/*` annotations.
 *
 * - plain HTTP: no annotation; `backend-protocol: HTTPS` for an HTTPS backend.
 * - TERMINATION: `spec.tls` with the host and the served Secret.
 * - REENCRYPT: termination plus `backend-protocol: HTTPS`; with verification `proxy-ssl-secret`
 *   (`namespace/name`), `proxy-ssl-verify: "on"`, `proxy-ssl-name`, `proxy-ssl-server-name: "on"`.
 * - PASSTHROUGH: `ssl-passthrough: "true"`, no `spec.tls`.
 */
import { Chart } from 'cdk8s';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import { sortKeys } from '../../core/records';
import { Warnings } from '../../core/warnings';
import { BackendProtocol, IngressIntent, IngressModeIntent, TlsMode } from '../model/ingress-intent';
import { IngressRenderer, RenderedIngress } from '../model/renderer';
import { NGINX_ANNOTATION_PREFIX } from './ingress-nginx-annotations';
import { INGRESS_NGINX_RULE_FAMILIES } from './ingress-nginx-checks';

/** What an HTTP exposure manages, and what a TLS one manages (in every mode, set or not). */
const MANAGED_HTTP = ['backend-protocol'];
const MANAGED_TLS = ['backend-protocol', 'ssl-passthrough', 'proxy-ssl-secret', 'proxy-ssl-verify', 'proxy-ssl-name', 'proxy-ssl-server-name'];

/** The ingress-nginx annotations of a mode (keys without the prefix); no namespace is pinned. */
function modeAnnotations(scope: Construct, intent: IngressIntent): { annotations: { [key: string]: string }; namespace?: string } {
  if (intent.tls?.mode === TlsMode.PASSTHROUGH) return { annotations: { 'ssl-passthrough': 'true' } };
  const annotations: { [key: string]: string } = {};
  if (intent.backendProtocol === BackendProtocol.HTTPS) annotations['backend-protocol'] = 'HTTPS';
  const verification = intent.tls?.backendVerification;
  if (!verification) return { annotations };
  // ingress-nginx reads proxy-ssl-secret as "namespace/name" (k8s.ParseNameNS; a bare name denies the location)
  // and v1.11 accepts another namespace unless cross-namespace resources are disabled. The Ingress is not
  // pinned anywhere: the annotation names the chart's namespace, where the Ingress and the CA Secret both are.
  const chartNamespace = Chart.of(scope).namespace;
  if (chartNamespace === undefined) {
    Warnings.of(scope).add(`proxy-ssl-secret names "default/${verification.caSecretName}" because the chart has no namespace; ` +
      'applied to another namespace, the Ingress would look for the CA Secret in "default": set the chart\'s namespace');
  }
  Object.assign(annotations, {
    'proxy-ssl-secret': `${chartNamespace ?? 'default'}/${verification.caSecretName}`,
    'proxy-ssl-verify': 'on',
    'proxy-ssl-name': verification.serverName,
    'proxy-ssl-server-name': 'on',
  });
  return { annotations };
}

function render(scope: Construct, intent: IngressIntent): RenderedIngress {
  const mode = modeAnnotations(scope, intent);
  const merged: { [key: string]: string } = { ...intent.annotations, ...intent.tls?.certificate?.ingressAnnotations };
  for (const [key, value] of Object.entries(mode.annotations)) merged[NGINX_ANNOTATION_PREFIX + key] = value;
  const annotations = sortKeys(merged);
  const hasAnnotations = Object.keys(annotations).length > 0;
  const apiObject = new k8s.KubeIngress(scope, 'Resource', {
    metadata: {
      name: intent.name,
      namespace: mode.namespace,
      labels: intent.labels,
      annotations: hasAnnotations ? { ...annotations } : undefined,
    },
    spec: {
      ingressClassName: intent.className,
      tls: intent.servedSecretName !== undefined ? [{ hosts: [intent.host], secretName: intent.servedSecretName }] : undefined,
      rules: [{
        host: intent.host,
        http: {
          paths: [{
            path: intent.path,
            pathType: intent.pathType,
            backend: {
              service: {
                name: intent.backend.serviceName,
                port: intent.backend.port !== undefined ? { number: intent.backend.port } : { name: intent.backend.portName },
              },
            },
          }],
        },
      }],
    },
  });
  if (intent.tls?.mode === TlsMode.REENCRYPT && !intent.tls.backendVerification) {
    Warnings.of(scope).add(`REENCRYPT to ${intent.backend.serviceName} does not verify the backend's certificate ` +
      '(ingress-nginx\'s default proxy-ssl-verify is off): set backendCaSecretName and backendServerName to verify it');
  }
  return { apiObject, annotations, namespace: mode.namespace };
}

/** ingress-nginx: one Ingress, IngressClass `nginx` by default. */
export const INGRESS_NGINX_RENDERER: IngressRenderer = {
  name: 'ingress-nginx',
  defaultClassName: 'nginx',
  ruleFamilies: INGRESS_NGINX_RULE_FAMILIES,
  managedAnnotations: (mode: IngressModeIntent) => (mode.tls ? MANAGED_TLS : MANAGED_HTTP).map(a => NGINX_ANNOTATION_PREFIX + a),
  render,
};
