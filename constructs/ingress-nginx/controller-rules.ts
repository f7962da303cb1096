/**
 * Rules only the ingress-nginx controller has: one controller per app, which props go together,
 * its images and the ConfigMap keys it fixes. Each returns its problems (empty when the input is
 * fine); resolve.ts collects them and the construct throws once. The flags' rules are in flags.ts,
 * the tolerations' in toleration-rules.ts.
 */
import { IConstruct } from 'constructs';
import { FieldPath } from '../core/field-path';
import { duplicate, forbidden, Problem } from '../core/problem';
import { configMapKeyProblems } from '../validation/config-maps';
import { imageDigestProblems, imageRegistryProblems, imageRepositoryProblems, imageTagProblems } from '../validation/images';
import { dns1123SubdomainProblems } from '../validation/names';
import { integerRangeProblems, oneOfProblems } from '../validation/values';
import { CertgenJobLifecycle, CertManagerIssuerKind, CertManagerIssuerRef, WebhookCertificateSource } from './admission-webhook';
import { IngressNginxImage } from './images';
import { ControllerKind } from './props';

/** One controller per app: its namespace, ClusterRoles, IngressClass and webhook have upstream's fixed names. */
export function singleControllerProblems(others: readonly IConstruct[]): Problem[] {
  if (others.length === 0) return [];
  const existing = others[0].node.path;
  return [duplicate('IngressNginxController', existing, `${existing} already renders ingress-nginx in this app; allowed: one ` +
    'controller per app (its namespace, ClusterRoles, IngressClass and webhook have upstream\'s fixed names)')];
}

/** `replicas`: not with a DaemonSet, which runs one pod per selected node; 0-1000 (`spec.replicas`). */
export function replicasProblems(replicas: number | undefined, kind: ControllerKind): Problem[] {
  if (replicas === undefined) return [];
  const problems = kind !== ControllerKind.DAEMON_SET ? [] : [forbidden(FieldPath.prop('replicas'), replicas,
    `${replicas} is set, but a DaemonSet runs one pod per selected node; allowed: replicas with kind DEPLOYMENT only`)];
  return [...problems, ...integerRangeProblems(FieldPath.spec('replicas'), replicas, 0, 1000)];
}

/** `useHostPorts` not together with `hostNetwork`, where the pods already listen on the nodes' ports. */
export function useHostPortsProblems(field: FieldPath, useHostPorts: boolean, hostNetwork: boolean): Problem[] {
  if (!hostNetwork || !useHostPorts) return [];
  return [forbidden(field, useHostPorts, 'is true together with hostNetwork; on the host network the pods already listen on the nodes\' ' +
    'ports; allowed: one of hostNetwork or useHostPorts')];
}

/** `reportNodeInternalIp` only with `hostNetwork` (the chart ignores it otherwise). */
export function reportNodeInternalIpProblems(field: FieldPath, reportNodeInternalIp: boolean, hostNetwork: boolean): Problem[] {
  if (!reportNodeInternalIp || hostNetwork) return [];
  return [forbidden(field, reportNodeInternalIp, 'is true without hostNetwork; the chart ignores it then; allowed: with hostNetwork only')];
}

/** An image's parts as the chart's `image:` values take them: a registry, a repository, a tag and an optional digest. */
export function ingressNginxImageProblems(field: FieldPath, image: IngressNginxImage): Problem[] {
  return [
    ...imageRegistryProblems(field.child('registry'), image.registry),
    ...imageRepositoryProblems(field.child('image'), image.image),
    ...imageTagProblems(field.child('tag'), image.tag),
    ...imageDigestProblems(field.child('digest'), image.digest),
  ];
}

/** A default backend image only with the default backend on. */
export function defaultBackendImageProblems(field: FieldPath, image: IngressNginxImage | undefined, defaultBackend: boolean): Problem[] {
  if (image === undefined || defaultBackend) return [];
  return [forbidden(field, image.reference, 'is set without defaultBackend; allowed: set defaultBackend: true, or drop the image')];
}

/** `certgenJobLifecycle`: one of CertgenJobLifecycle, and only for the certgen Jobs (CERT_MANAGER has none). */
export function certgenJobLifecycleProblems(
  field: FieldPath, lifecycle: CertgenJobLifecycle | undefined, source: WebhookCertificateSource,
): Problem[] {
  if (lifecycle === undefined) return [];
  const problems = oneOfProblems(field, lifecycle, Object.values(CertgenJobLifecycle));
  if (source !== WebhookCertificateSource.CERTGEN_JOBS) {
    problems.push(forbidden(field, lifecycle, 'is set, but webhookCertificate is not CERTGEN_JOBS; allowed: only with WebhookCertificateSource.CERTGEN_JOBS (cert-manager needs no Jobs)'));
  }
  return problems;
}

/** A webhook option (`webhookCertificate`, `certManagerIssuer`, ...) only with the admission webhook on. */
export function webhookOptionProblems(field: FieldPath, option: unknown, admissionWebhook: boolean): Problem[] {
  if (option === undefined || admissionWebhook) return [];
  return [forbidden(field, option, 'is set, but admissionWebhook is false; allowed: only with the admission webhook on')];
}

/** A cert-manager issuer only when cert-manager issues the webhook certificate; a valid name and kind. */
export function certManagerIssuerProblems(field: FieldPath, issuer: CertManagerIssuerRef | undefined, source: WebhookCertificateSource): Problem[] {
  if (issuer === undefined) return [];
  const problems = source === WebhookCertificateSource.CERT_MANAGER ? [] : [forbidden(field, issuer,
    'is set, but webhookCertificate is not CERT_MANAGER; allowed: only with WebhookCertificateSource.CERT_MANAGER')];
  return [
    ...problems,
    ...dns1123SubdomainProblems(field.child('name'), issuer.name),
    ...oneOfProblems(field.child('kind'), issuer.kind ?? CertManagerIssuerKind.ISSUER, Object.values(CertManagerIssuerKind)),
  ];
}

/** A certgen image only when the certgen Jobs issue the webhook certificate. */
export function certgenImageProblems(field: FieldPath, image: IngressNginxImage | undefined, source: WebhookCertificateSource): Problem[] {
  if (image === undefined || source !== WebhookCertificateSource.CERT_MANAGER) return [];
  return [forbidden(field, image.reference, 'is set, but cert-manager issues the certificate (no certgen Jobs); allowed: only with CERTGEN_JOBS')];
}

/**
 * ConfigMap keys the construct fixes, with why: `allow-snippet-annotations` stays "false"
 * (CVE-2021-25742); `strict-validate-path-type` stays "true" (ingress-nginx v1.12's default, set on
 * v1.11.8 by the construct): the Ingress constructs refuse what it refuses, and turning it off would
 * let Prefix/Exact paths with regex characters reach nginx.conf.
 */
const FIXED_CONFIG_KEYS: { readonly [key: string]: string } = {
  'allow-snippet-annotations': 'is fixed to "false": snippet annotations let anyone who can write an Ingress inject nginx configuration ' +
    '(CVE-2021-25742); allowed: other keys',
  'strict-validate-path-type': 'is fixed to "true" (the default since ingress-nginx v1.12): Prefix and Exact paths may then hold only ' +
    'letters, digits, \'_\', \'-\' and \'/\'; allowed: other keys (use pathType ImplementationSpecific for other paths)',
};

/** A ConfigMap key the construct fixes is not in `config`. */
export function fixedConfigKeyProblems(field: FieldPath, key: string, value: string): Problem[] {
  if (!Object.prototype.hasOwnProperty.call(FIXED_CONFIG_KEYS, key)) return [];
  return [forbidden(field, value, FIXED_CONFIG_KEYS[key])];
}

/** `config`, the controller ConfigMap's extra data (`field` is its `data`): valid keys, none the construct fixes. */
export function configProblems(field: FieldPath, config: { readonly [key: string]: string }): Problem[] {
  return Object.entries(config).flatMap(([key, value]) =>
    [...configMapKeyProblems(field.key(key), key), ...fixedConfigKeyProblems(field.key(key), key, value)]);
}
