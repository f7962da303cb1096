/**
 * Gateway API rules: what the API server checks through the CRDs' CEL rules
 * (`x-kubernetes-validations` in schemas/crds/gateway-api-v1.6.1-standard.yaml, which our schema
 * validation does not evaluate), a few schema limits worth a clear message, and what the Gateway
 * API spec requires of implementations (route attachment, listener conflicts). Each message
 * quotes the CEL rule's own message, or says which part of the spec the rule comes from.
 *
 * Modes and kinds are passed as strings so that this layer does not depend on the ingress model.
 */
import { reject as fail, show } from '../../core/errors';
import { FieldPath } from '../../core/field-path';

/** The first Kubernetes minor version the Gateway API v1.6 CRDs install on. */
export const GATEWAY_API_MIN_KUBERNETES_MINOR = 31;

/** The listener name pattern (`SectionName` in the CRDs) and its length limit. */
const SECTION_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const RFC1123_HOSTNAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

type Field = FieldPath | string;

/**
 * The target Kubernetes version: `1.N`, `1.N.P` or with a leading `v`, and N >= 31. TLSRoute's
 * CEL rule "Hostnames cannot contain an IP" calls `isIP()`, which the API server has from 1.31.
 */
export function validateGatewayApiKubernetesVersion(path: string, field: Field, version: string): number {
  const m = /^v?1\.(\d+)(\.\d+)?$/.exec(version);
  if (!m) fail(path, String(field), `${show(version)} is not a Kubernetes version; allowed: "1.N" or "1.N.P", e.g. "1.36"`);
  const minor = Number(m[1]);
  if (minor < GATEWAY_API_MIN_KUBERNETES_MINOR) {
    fail(path, String(field), `${show(version)}: Gateway API v1.6 output needs Kubernetes >= 1.${GATEWAY_API_MIN_KUBERNETES_MINOR} ` +
      '(the TLSRoute CRD\'s CEL rule "Hostnames cannot contain an IP" uses isIP(), which older API servers lack, so the CRDs do not install); ' +
      `allowed: a target of 1.${GATEWAY_API_MIN_KUBERNETES_MINOR} or later, or the ingress-nginx target`);
  }
  return minor;
}

/** HTTPRoute `requestRedirect.statusCode`: the CRD's enum. */
export function validateRedirectStatusCode(path: string, field: Field, code: number): number {
  const allowed = [301, 302, 303, 307, 308];
  if (!allowed.includes(code)) fail(path, String(field), `${show(code)} is not a redirect status code of HTTPRoute; allowed: ${allowed.join(', ')}`);
  return code;
}

/** A listener name: the CRDs' `SectionName` (lower-case DNS labels joined by dots, 1-253 characters). */
export function validateListenerName(path: string, field: Field, name: string): string {
  if (name.length > 253 || !SECTION_NAME.test(name)) {
    fail(path, String(field), `${show(name)} is not a valid listener name (the CRD's SectionName: lower-case alphanumerics and '-', ` +
      'DNS labels joined by \'.\', at most 253 characters); allowed: a shorter host, or a host whose listener name fits');
  }
  return name;
}

/** CEL "Listener name must be unique within the Gateway": one name, one (port, protocol, hostname). */
export function validateListenerNameUnique(path: string, field: Field, name: string, wanted: string, existing: string | undefined): void {
  if (existing !== undefined && existing !== wanted) {
    fail(path, String(field), `${show(name)} would name two listeners (${existing} and ${wanted}); ` +
      'the Gateway CRD refuses it (CEL: "Listener name must be unique within the Gateway"); allowed: hosts whose listener names differ');
  }
}

/**
 * CEL "Combination of port, protocol and hostname must be unique for each listener": exposures of
 * the same host, port and protocol share one listener, so they must agree on its TLS settings.
 */
export function validateListenerTlsAgrees(path: string, field: Field, listener: string, wanted: string, existing: string): void {
  if (wanted !== existing) {
    fail(path, String(field), `listener ${show(listener)} already serves ${existing}, this exposure wants ${wanted}; ` +
      'a second listener with the same port, protocol and hostname is refused (CEL: "Combination of port, protocol and hostname ' +
      'must be unique for each listener"); allowed: the same certificate for every exposure of the host');
  }
}

/**
 * `tls.certificateRefs`: CEL "certificateRefs or options must be specified when mode is Terminate";
 * for Passthrough the field is ignored (its documentation), so it is not written.
 */
export function validateListenerCertificateRefs(path: string, field: Field, mode: string, refs: number): void {
  if (mode === 'Terminate' && refs === 0) {
    fail(path, String(field), 'mode Terminate without certificateRefs (CEL: "certificateRefs or options must be specified when mode is Terminate"); ' +
      'allowed: a certificate for the host');
  }
  if (mode === 'Passthrough' && refs > 0) {
    fail(path, String(field), `mode Passthrough with ${refs} certificateRefs, which the Gateway ignores in this mode (the field's documentation: ` +
      '"The certificateRefs field is ignored in this mode"); allowed: none, the backend holds the certificate');
  }
}

/** Whether a route hostname and a listener hostname match (Gateway API hostname matching; undefined: any). */
export function hostnamesIntersect(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined || a === b) return true;
  const covers = (wild: string, other: string) => wild.startsWith('*.') && (other.endsWith(wild.slice(1)) && other.length > wild.length - 1);
  return covers(a, b) || covers(b, a);
}

/**
 * A route attaches to a listener only where their hostnames intersect (the spec: a route whose
 * hostnames match none of the listener's is not accepted, `NoMatchingListenerHostname`).
 */
export function validateRouteHostnamesIntersect(path: string, field: Field, hostnames: string[], listener: string, listenerHostname?: string): void {
  if (!hostnames.some(h => hostnamesIntersect(h, listenerHostname))) {
    fail(path, String(field), `${show(hostnames.join(', '))} do not intersect the hostname ${show(listenerHostname)} of listener ${show(listener)}, ` +
      'so the route would not be accepted (condition Accepted=False, reason NoMatchingListenerHostname); allowed: a hostname the listener serves');
  }
}

/**
 * TLS passthrough and HTTPS termination on the same port for intersecting hostnames: both select
 * by SNI, so one of them never sees its connections. The CEL rule allows it (the protocols differ);
 * implementations resolve it differently. Kept on separate listeners and refused here.
 */
export function validatePassthroughApartFromTermination(path: string, field: Field, host: string, port: number, other: { name: string; hostname?: string }): void {
  fail(path, String(field), `${show(host)} on port ${port} is both passed through (protocol TLS) and terminated (protocol HTTPS, ` +
    `listener ${show(other.name)}${other.hostname ? ` for ${show(other.hostname)}` : ''}); both select connections by SNI, so one listener never ` +
    'receives them; allowed: different hosts, or one mode for the host');
}

/**
 * BackendTLSPolicy `spec.validation`: CEL "must specify either CACertificateRefs or
 * WellKnownCACertificates" and "must not contain both CACertificateRefs and WellKnownCACertificates".
 */
export function validateBackendTlsValidation(path: string, field: Field, caRefs: number, wellKnown: string | undefined): void {
  const hasWellKnown = wellKnown !== undefined && wellKnown !== '';
  if (caRefs === 0 && !hasWellKnown) {
    fail(path, String(field), 'neither caCertificateRefs nor wellKnownCACertificates (CEL: "must specify either CACertificateRefs or ' +
      'WellKnownCACertificates"); allowed: a ConfigMap with the CA (key ca.crt), or wellKnownCACertificates: System');
  }
  if (caRefs > 0 && hasWellKnown) {
    fail(path, String(field), `caCertificateRefs and wellKnownCACertificates ${show(wellKnown)} together (CEL: "must not contain both ` +
      'CACertificateRefs and WellKnownCACertificates"); allowed: one of them');
  }
}

/**
 * TLSRoute `spec.hostnames`: CEL "Hostnames cannot contain an IP", "Hostnames must be valid based
 * on RFC-1123" and "Wildcards on hostnames must be the first label, and the rest of hostname must
 * be valid based on RFC-1123".
 */
export function validateTlsRouteHostnames(path: string, field: FieldPath, hostnames: string[]): void {
  hostnames.forEach((h, i) => {
    const f = field.index(i).toString();
    if (IPV4.test(h) || h.includes(':')) fail(path, f, `${show(h)} is an IP address (CEL: "Hostnames cannot contain an IP"); allowed: a DNS name sent as SNI`);
    if (!h.includes('*') && !RFC1123_HOSTNAME.test(h)) fail(path, f, `${show(h)} (CEL: "Hostnames must be valid based on RFC-1123"); allowed: lower-case DNS labels`);
    if (h.includes('*') && !(h.startsWith('*.') && RFC1123_HOSTNAME.test(h.slice(2)))) {
      fail(path, f, `${show(h)} (CEL: "Wildcards on hostnames must be the first label, and the rest of hostname must be valid based on RFC-1123"); ` +
        'allowed: "*.example.com"-style wildcards');
    }
  });
}

/** A backendRef to a Service: CEL "Must have port for Service reference". */
export function validateBackendRefPort(path: string, field: Field, serviceName: string, port: number | undefined, why: string): number {
  if (port === undefined) {
    fail(path, String(field), `Service ${show(serviceName)} without a port number (CEL: "Must have port for Service reference"); ${why}; ` +
      'allowed: the backend by port number, or a Service of this app that names the port');
  }
  return port;
}

/**
 * TLSRoute `spec.rules`: exactly one rule (the CRD's minItems/maxItems 1) with 1-16 backendRefs,
 * each with a port (CEL "Must have port for Service reference").
 */
export function validateTlsRouteRules(path: string, field: FieldPath, rules: Array<{ backendRefs: Array<{ name: string; port?: number }> }>): void {
  if (rules.length !== 1) fail(path, field.toString(), `${rules.length} rules; a TLSRoute has exactly one (the CRD's minItems and maxItems: 1)`);
  const refs = rules[0].backendRefs;
  if (refs.length < 1 || refs.length > 16) fail(path, field.index(0).child('backendRefs').toString(), `${refs.length} backendRefs; allowed: 1 to 16`);
  refs.forEach((r, i) => validateBackendRefPort(path, field.index(0).child('backendRefs').index(i).child('port'), r.name, r.port, 'a TLSRoute forwards to one port'));
}

/**
 * An HTTPS backend that is not verified: Gateway API has no standard way to skip verification
 * (a BackendTLSPolicy always verifies; without one the Gateway speaks plain HTTP to the backend).
 */
export function validateVerifiedBackendTls(path: string, field: Field, serviceName: string, hatchOptedIn: boolean): void {
  if (hatchOptedIn) return;
  fail(path, String(field), `an HTTPS backend (Service ${show(serviceName)}) without verification: Gateway API has no standard way to skip ` +
    'verification of a backend\'s certificate (a BackendTLSPolicy always verifies it; without one the Gateway speaks plain HTTP), ' +
    'so this exposure cannot be rendered as asked; allowed: TlsIngress REENCRYPT with backendCaSecretName and backendServerName ' +
    '(a BackendTLSPolicy verifying against a ConfigMap of that name with key ca.crt), or an implementation-specific escape hatch ' +
    '(GatewayApiOptions.unverifiedBackendTls), or the ingress-nginx target');
}

/** Ingress pathType ImplementationSpecific has no HTTPRoute path match type. */
export function validateGatewayPathType(path: string, field: Field, pathType: string): void {
  if (pathType === 'ImplementationSpecific') {
    fail(path, String(field), `${show(pathType)} has no HTTPRoute equivalent; allowed: Prefix (PathPrefix) or Exact (Exact)`);
  }
}

/** ingress-nginx annotations do nothing on Gateway API objects: refused rather than silently dropped. */
export function validateNoControllerAnnotations(path: string, field: FieldPath, annotations: Record<string, string>, prefix: string): void {
  const keys = Object.keys(annotations).filter(k => k.startsWith(prefix));
  if (keys.length > 0) {
    fail(path, field.key(keys[0]).toString(), `${keys.map(k => show(k)).join(', ')}: ingress-nginx annotations have no effect on Gateway API ` +
      'objects (see docs/migration.md for each one\'s Gateway API form); allowed: other annotations, or the ingress-nginx target');
  }
}

/** An existing Gateway is attached to by listener name for the modes that need a specific listener. */
export function validateExistingGatewayListener(path: string, field: Field, gateway: string, what: string, option: string, listener: string | undefined): string {
  if (listener === undefined) {
    fail(path, String(field), `${what} on the existing Gateway ${show(gateway)} needs the listener to attach to; ` +
      `allowed: existingGateway.${option}, or a Gateway created by this app (no existingGateway)`);
  }
  return listener;
}

/**
 * cert-manager's Gateway support (gateway-shim) reads issuer annotations on the Gateway and
 * issues into Secrets the Gateway names in its own namespace; one Gateway has one set of them.
 */
export function validateGatewayShimCertificate(path: string, field: Field, problem: 'existing-gateway' | 'cross-namespace' | 'conflict', detail: string): never {
  const why = {
    'existing-gateway': 'the Gateway is managed outside this app, so its annotations cannot be set here',
    'cross-namespace': 'cert-manager issues Gateway certificates into the Gateway\'s own namespace only',
    'conflict': 'the Gateway already carries different cert-manager annotations, and one Gateway has one set',
  }[problem];
  fail(path, String(field), `cert-manager INGRESS_SHIM annotations go on the Gateway for Gateway API: ${why} (${detail}); ` +
    'allowed: CertManagerMode.CERTIFICATE (a Certificate object next to the route)');
}

/** One BackendTLSPolicy per Service: every exposure of the Service must verify it the same way. */
export function validateBackendTlsPolicyAgrees(path: string, field: Field, serviceName: string, wanted: string, existing: string): void {
  if (wanted !== existing) {
    fail(path, String(field), `Service ${show(serviceName)} is already verified with ${existing}, this exposure wants ${wanted}; ` +
      'two BackendTLSPolicies for one Service port conflict (the older one wins); allowed: the same CA and server name');
  }
}
