/**
 * Rules only the ingress-nginx controller has: which props go together, its ConfigMap, its
 * command-line flags and the ports its listeners take. They live next to the controller, their
 * subject (moved from constructs/validation/ingress-nginx-rules.ts).
 */
import { reject, show } from '../core/errors';
import { FieldPath } from '../core/field-path';
import { validatePortNumber } from '../validation/ports';

/** One controller per app: its namespace, ClusterRoles, IngressClass and webhook have upstream's fixed names. */
export function validateSingleController(path: string, existingPath: string | undefined): void {
  if (existingPath !== undefined) {
    reject(path, 'IngressNginxController', `${existingPath} already renders ingress-nginx in this app; allowed: one ` +
      'controller per app (its namespace, ClusterRoles, IngressClass and webhook have upstream\'s fixed names)');
  }
}

/** `replicas` only for a Deployment: a DaemonSet runs one pod per selected node. */
export function validateReplicasNeedDeployment(path: string, field: FieldPath, replicas: number | undefined, isDeployment: boolean): void {
  if (replicas !== undefined && !isDeployment) {
    reject(path, field.toString(), `${replicas} is set, but a DaemonSet runs one pod per selected node; allowed: replicas with kind DEPLOYMENT only`);
  }
}

/** `useHostPorts` not together with `hostNetwork`, where the pods already listen on the nodes' ports. */
export function validateHostPortsWithoutHostNetwork(path: string, field: FieldPath, useHostPorts: boolean, hostNetwork: boolean): void {
  if (hostNetwork && useHostPorts) {
    reject(path, field.toString(), 'is true together with hostNetwork; on the host network the pods already listen on the nodes\' ' +
      'ports; allowed: one of hostNetwork or useHostPorts');
  }
}

/** `reportNodeInternalIp` only with `hostNetwork` (the chart ignores it otherwise). */
export function validateReportNodeInternalIpNeedsHostNetwork(path: string, field: FieldPath, reportNodeInternalIp: boolean, hostNetwork: boolean): void {
  if (reportNodeInternalIp && !hostNetwork) {
    reject(path, field.toString(), 'is true without hostNetwork; the chart ignores it then; allowed: with hostNetwork only');
  }
}

/** A default backend image only with the default backend on. */
export function validateDefaultBackendImageNeedsDefaultBackend(path: string, field: FieldPath, imageSet: boolean, defaultBackend: boolean): void {
  if (imageSet && !defaultBackend) {
    reject(path, field.toString(), 'is set without defaultBackend; allowed: set defaultBackend: true, or drop the image');
  }
}

/** A webhook option only with the admission webhook on. */
export function validateWebhookOptionNeedsWebhook(path: string, field: FieldPath, optionSet: boolean, webhook: boolean): void {
  if (optionSet && !webhook) {
    reject(path, field.toString(), 'is set, but admissionWebhook is false; allowed: only with the admission webhook on');
  }
}

/** A cert-manager issuer only when cert-manager issues the webhook certificate. */
export function validateIssuerNeedsCertManager(path: string, field: FieldPath, issuerSet: boolean, certManager: boolean): void {
  if (issuerSet && !certManager) {
    reject(path, field.toString(), 'is set, but webhookCertificate is not CERT_MANAGER; allowed: only with WebhookCertificateSource.CERT_MANAGER');
  }
}

/** A certgen image only when the certgen Jobs issue the webhook certificate. */
export function validateCertgenImageNeedsCertgenJobs(path: string, field: FieldPath, imageSet: boolean, certgenJobs: boolean): void {
  if (imageSet && !certgenJobs) {
    reject(path, field.toString(), 'is set, but cert-manager issues the certificate (no certgen Jobs); allowed: only with CERTGEN_JOBS');
  }
}

/** ConfigMap key `allow-snippet-annotations` stays "false" (CVE-2021-25742): no config may set it. */
export function validateSnippetAnnotationsOff(path: string, field: FieldPath, key: string): void {
  if (key === 'allow-snippet-annotations') {
    reject(path, field.toString(), 'is fixed to "false": snippet annotations let anyone who can write an Ingress inject nginx configuration ' +
      '(CVE-2021-25742); allowed: other keys');
  }
}

/**
 * ConfigMap key `strict-validate-path-type` stays "true" (ingress-nginx v1.12's default, set on
 * v1.11.8 by the construct): the Ingress constructs refuse what it refuses, and turning it off
 * would let Prefix/Exact paths with regex characters reach nginx.conf.
 */
export function validateStrictPathTypeOn(path: string, field: FieldPath, key: string): void {
  if (key === 'strict-validate-path-type') {
    reject(path, field.toString(), 'is fixed to "true" (the default since ingress-nginx v1.12): Prefix and Exact paths may then hold only ' +
      'letters, digits, \'_\', \'-\' and \'/\'; allowed: other keys (use pathType ImplementationSpecific for other paths)');
  }
}

/**
 * extraArgs `annotations-prefix` other than `nginx.ingress.kubernetes.io`: HttpIngress and TlsIngress
 * write `nginx.ingress.kubernetes.io/*` annotations, which such a controller ignores, and its
 * admission webhook refuses every Ingress carrying them (`CheckIngress`).
 */
export function validateAnnotationsPrefixFlag(path: string, field: FieldPath, flag: string, value: string, defaultPrefix: string): void {
  if (flag === 'annotations-prefix' && value !== defaultPrefix) {
    reject(path, field.toString(), `${show(value)} would make the controller ignore, and its webhook refuse, the ${show(`${defaultPrefix}/`)} ` +
      `annotations every TLS mode and backend protocol of the Ingress constructs is written with; allowed: ${show(defaultPrefix)} or no annotations-prefix`);
  }
}

/** A controller flag name, without the leading `--`. */
export function validateControllerFlagName(path: string, field: FieldPath, flag: string): void {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(flag)) {
    reject(path, field.toString(), `${show(flag)} is not a flag name; allowed: lowercase letters, digits and '-', without the leading "--" (e.g. "watch-namespace")`);
  }
}

/** A flag the construct sets itself is not an extra arg; `managed` says what to use instead. */
export function validateFlagNotManaged(path: string, field: FieldPath, flag: string, managed: { readonly [flag: string]: string }): void {
  if (Object.prototype.hasOwnProperty.call(managed, flag)) {
    reject(path, field.toString(), `is managed by IngressNginxController: ${managed[flag]}`);
  }
}

/** A flag value is a single argument: no whitespace. */
export function validateFlagValue(path: string, field: FieldPath, value: string): void {
  if (/\s/.test(value)) reject(path, field.toString(), `${show(value)} contains whitespace; allowed: a single argument value`);
}

/** A listener flag's value is a port number (digits only; the controller parses it with Go's `flag.Int`). */
export function validateListenerPortFlag(path: string, field: FieldPath, value: string): number {
  if (!/^[0-9]+$/.test(value)) {
    reject(path, field.toString(), `${show(value)} is not a valid port number: it is not a decimal integer; allowed: digits, an integer from 1 to 65535`);
  }
  return validatePortNumber(path, field.toString(), Number(value));
}

/** No two listeners on one port; `listeners` sorted by port. */
export function validateDistinctListenerPorts(path: string, field: FieldPath, listeners: readonly { port: number; flag: string }[]): void {
  for (let i = 1; i < listeners.length; i++) {
    if (listeners[i].port === listeners[i - 1].port) {
      reject(path, field.toString(), `${listeners[i].flag} and ${listeners[i - 1].flag} both use port ${listeners[i].port}; allowed: distinct ports`);
    }
  }
}
