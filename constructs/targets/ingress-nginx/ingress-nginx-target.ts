/**
 * The ingress-nginx target: an exposure becomes one `networking.k8s.io/v1` Ingress whose mode is
 * expressed in `nginx.ingress.kubernetes.io/*` annotations.
 *
 * - plain HTTP: no annotation; `backend-protocol: HTTPS` for an HTTPS backend.
 * - TERMINATION: `spec.tls` with the host and the served Secret.
 * - REENCRYPT: termination plus `backend-protocol: HTTPS`; with verification `proxy-ssl-secret`
 *   (`namespace/name`), `proxy-ssl-verify: "on"`, `proxy-ssl-name`, `proxy-ssl-server-name: "on"`.
 * - PASSTHROUGH: `ssl-passthrough: "true"`, no `spec.tls`.
 */
import { Chart } from 'cdk8s';
import * as k8s from '../../../imports/k8s';
import { Construct } from 'constructs';
import { CrossObjectChecks } from '../../app-checks/cross-object-checks';
import { RuleFamily } from '../../app-checks/rule-families';
import { ProblemList } from '../../core/errors';
import { FieldPath } from '../../core/field-path';
import { sortKeys } from '../../core/records';
import { Warnings } from '../../core/warnings';
import { BackendProtocol, Exposure, INGRESS_CLASS_NAME_OPTION, TlsMode } from '../../exposure/exposure';
import { IRoutingTarget } from '../../exposure/routing-target';
import { dns1123SubdomainProblems } from '../../validation/names';
import { annotationValueProblems, tlsModeAnnotationProblems, userAnnotationProblems } from './annotation-rules';
import { NGINX_ANNOTATION_PREFIX } from './annotations';
import { INGRESS_NGINX_RULE_FAMILIES } from './checks';
import { nginxSafePathProblems, strictPathTypeProblems } from './path-rules';

/**
 * Options of `RoutingTarget.ingressNginx`.
 * @experimental
 */
export interface IngressNginxTargetOptions {
  /**
   * `spec.ingressClassName` of every Ingress (an exposure's own `ingressClassName` prop wins).
   * @default 'nginx'
   */
  readonly ingressClassName?: string;
}

/** What an HTTP exposure manages, and what a TLS one manages (in every mode, set or not). */
const MANAGED_HTTP = ['backend-protocol'];
const MANAGED_TLS = ['backend-protocol', 'ssl-passthrough', 'proxy-ssl-secret', 'proxy-ssl-verify', 'proxy-ssl-name', 'proxy-ssl-server-name'];

const RULE0 = FieldPath.spec('rules').index(0);
const PATH_FIELD = RULE0.child('http').child('paths').index(0).child('path');

/** The annotation keys (with the prefix) the target sets for an exposure, which users may therefore not set. */
export function managedAnnotations(exposure: Exposure): string[] {
  return (exposure.tls ? MANAGED_TLS : MANAGED_HTTP).map(a => NGINX_ANNOTATION_PREFIX + a);
}

/** The ingress-nginx annotations of the exposure's mode (keys without the prefix). */
function modeAnnotations(scope: Construct, exposure: Exposure): { [key: string]: string } {
  if (exposure.tls?.mode === TlsMode.PASSTHROUGH) return { 'ssl-passthrough': 'true' };
  const annotations: { [key: string]: string } = {};
  if (exposure.backendProtocol === BackendProtocol.HTTPS) annotations['backend-protocol'] = 'HTTPS';
  const verification = exposure.tls?.backendVerification;
  if (!verification) return annotations;
  // ingress-nginx reads proxy-ssl-secret as "namespace/name" (k8s.ParseNameNS; a bare name denies the location)
  // and v1.11 accepts another namespace unless cross-namespace resources are disabled. The Ingress is not
  // pinned anywhere: the annotation names the chart's namespace, where the Ingress and the CA Secret both are.
  const chartNamespace = Chart.of(scope).namespace;
  if (chartNamespace === undefined) {
    Warnings.of(scope).add(`proxy-ssl-secret names "default/${verification.caSecretName}" because the chart has no namespace; ` +
      'applied to another namespace, the Ingress would look for the CA Secret in "default": set the chart\'s namespace');
  }
  return {
    ...annotations,
    'proxy-ssl-secret': `${chartNamespace ?? 'default'}/${verification.caSecretName}`,
    'proxy-ssl-verify': 'on',
    'proxy-ssl-name': verification.serverName,
    'proxy-ssl-server-name': 'on',
  };
}

/** What ingress-nginx refuses in an exposure that the neutral rules accept. */
function exposureProblems(scope: Construct, exposure: Exposure, className: string): ProblemList {
  const annotations = exposure.annotations ?? {};
  const owner = scope.constructor.name;
  const problems = new ProblemList()
    .add(strictPathTypeProblems(PATH_FIELD, exposure.path, exposure.pathType))
    .add(nginxSafePathProblems(PATH_FIELD, exposure.path))
    .add(dns1123SubdomainProblems(FieldPath.spec('ingressClassName'), className))
    .add(userAnnotationProblems(annotations, managedAnnotations(exposure), owner));
  for (const [key, value] of Object.entries(annotations)) {
    problems.add(annotationValueProblems(FieldPath.metadata('annotations').key(key), key, value));
  }
  if (!exposure.tls) problems.add(tlsModeAnnotationProblems(annotations, owner));
  return problems;
}

/**
 * ingress-nginx (retired upstream in March 2026): one Ingress per exposure, IngressClass `nginx` by default.
 * @experimental
 */
export class IngressNginxTarget implements IRoutingTarget {
  /** The IngressClass of exposures that do not name their own. */
  public readonly ingressClassName: string;
  /** @internal */
  public readonly _ruleFamilies: RuleFamily[] = INGRESS_NGINX_RULE_FAMILIES;

  public constructor(options: IngressNginxTargetOptions = {}) {
    this.ingressClassName = options.ingressClassName ?? 'nginx';
    new ProblemList().add(dns1123SubdomainProblems(FieldPath.root('options').child('ingressClassName'), this.ingressClassName))
      .throwIfAny('RoutingTarget.ingressNginx');
  }

  /** One Ingress under `scope` (id `Resource`). */
  public render(scope: Construct, exposure: Exposure): void {
    const className = exposure.targetOptions?.[INGRESS_CLASS_NAME_OPTION] ?? this.ingressClassName;
    exposureProblems(scope, exposure, className).throwIfAny(scope);
    CrossObjectChecks.of(scope)._addRuleFamilies(this._ruleFamilies);

    const merged: { [key: string]: string } = { ...exposure.annotations, ...exposure.tls?.issuerAnnotations };
    for (const [key, value] of Object.entries(modeAnnotations(scope, exposure))) merged[NGINX_ANNOTATION_PREFIX + key] = value;
    const annotations = sortKeys(merged);
    const backend = exposure.backend;
    const secretName = exposure.tls?.secretName;
    new k8s.KubeIngress(scope, 'Resource', {
      metadata: {
        name: exposure.name,
        labels: exposure.labels,
        annotations: Object.keys(annotations).length > 0 ? { ...annotations } : undefined,
      },
      spec: {
        ingressClassName: className,
        tls: secretName !== undefined ? [{ hosts: [exposure.host], secretName }] : undefined,
        rules: [{
          host: exposure.host,
          http: {
            paths: [{
              path: exposure.path,
              pathType: exposure.pathType,
              backend: {
                service: { name: backend.serviceName, port: backend.port !== undefined ? { number: backend.port } : { name: backend.portName } },
              },
            }],
          },
        }],
      },
    });
    if (exposure.tls?.mode === TlsMode.REENCRYPT && !exposure.tls.backendVerification) {
      Warnings.of(scope).add(`REENCRYPT to ${backend.serviceName} does not verify the backend's certificate ` +
        '(ingress-nginx\'s default proxy-ssl-verify is off): set backendCaSecretName and backendServerName to verify it');
    }
  }
}
