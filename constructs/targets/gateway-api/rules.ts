/**
 * Gateway API rules: what the API server checks through the CRDs' CEL rules
 * (`x-kubernetes-validations` in schemas/crds/gateway-api-v1.6.1-standard.yaml; the validator
 * evaluates them too, at synth: these mirrors say it at construction, with the exposure's path,
 * and __tests__/integration/cel-mirrors.spec.ts ties each to its rule), a few schema limits worth
 * a clear message, and what the Gateway API spec requires of implementations (route attachment,
 * listener conflicts). Each message quotes the CEL rule's own message, or says which part of the
 * spec the rule comes from.
 *
 * Each rule is a pure function that returns its problems; the target collects and throws them
 * for the exposure that asked.
 */
import { GatewaySpecListenersTlsMode } from '../../../imports/gateway.networking.k8s.io';
import { PathType } from '../../core/enums';
import { FieldPath } from '../../core/field-path';
import { forbidden, invalid, notSupported, Problem, required, show } from '../../core/problem';
import { BackendProtocol, Exposure, TlsMode } from '../../exposure/exposure';
import { ipFamily } from '../../validation/ip-addresses';
import { UnverifiedBackendTls } from './options';

/** The first Kubernetes minor version the Gateway API v1.6 CRDs install on. */
export const GATEWAY_API_MIN_KUBERNETES_MINOR = 31;

/** ingress-nginx's annotations, which a Gateway never reads. */
const NGINX_ANNOTATION_PREFIX = 'nginx.ingress.kubernetes.io/';

/** The listener name pattern (`SectionName` in the CRDs) and its length limit. */
const SECTION_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const RFC1123_HOSTNAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)$/;

type Field = FieldPath | string;

/** The minor version of a Kubernetes version `1.N`, `1.N.P` or `v1.N...`, if it is one. */
function kubernetesMinorOf(version: string): number | undefined {
  const m = /^v?1\.(\d+)(\.\d+)?$/.exec(version);
  return m ? Number(m[1]) : undefined;
}

/**
 * The target Kubernetes version: `1.N`, `1.N.P` or with a leading `v`, and N >= 31. TLSRoute's
 * CEL rule "Hostnames cannot contain an IP" calls `isIP()`, which the API server has from 1.31.
 */
export function kubernetesVersionProblems(field: Field, version: string): Problem[] {
  const minor = kubernetesMinorOf(version);
  if (minor === undefined) {
    return [invalid(field, version, `${show(version)} is not a Kubernetes version; allowed: "1.N" or "1.N.P", e.g. "1.36"`)];
  }
  if (minor >= GATEWAY_API_MIN_KUBERNETES_MINOR) return [];
  return [forbidden(field, version, `${show(version)}: Gateway API v1.6 output needs Kubernetes >= 1.${GATEWAY_API_MIN_KUBERNETES_MINOR} ` +
    '(the TLSRoute CRD\'s CEL rule "Hostnames cannot contain an IP" uses isIP(), which older API servers lack, so the CRDs do not install); ' +
    `allowed: a target of 1.${GATEWAY_API_MIN_KUBERNETES_MINOR} or later, or the ingress-nginx target`)];
}

/** HTTPRoute `requestRedirect.statusCode`: the CRD's enum. */
export function redirectStatusCodeProblems(field: Field, code: number): Problem[] {
  const allowed = [301, 302, 303, 307, 308];
  if (allowed.includes(code)) return [];
  return [notSupported(field, code, `${show(code)} is not a redirect status code of HTTPRoute; allowed: ${allowed.join(', ')}`)];
}

/** A listener name: the CRDs' `SectionName` (lower-case DNS labels joined by dots, 1-253 characters). */
export function listenerNameProblems(field: Field, name: string): Problem[] {
  if (name.length <= 253 && SECTION_NAME.test(name)) return [];
  return [invalid(field, name, `${show(name)} is not a valid listener name (the CRD's SectionName: lower-case alphanumerics and '-', ` +
    'DNS labels joined by \'.\', at most 253 characters); allowed: a shorter host, or a host whose listener name fits')];
}

/**
 * CEL "Listener name must be unique within the Gateway": one name, one (port, protocol, hostname),
 * given as `port/protocol/hostname` keys.
 */
export function listenerNameUniqueProblems(field: Field, name: string, wanted: string, existing: string | undefined): Problem[] {
  if (existing === undefined || existing === wanted) return [];
  return [forbidden(field, name, `${show(name)} would name two listeners (${existing} and ${wanted}); ` +
    'the Gateway CRD refuses it (CEL: "Listener name must be unique within the Gateway"); allowed: hosts whose listener names differ')];
}

/**
 * CEL "Combination of port, protocol and hostname must be unique for each listener": exposures of
 * the same host, port and protocol share one listener, so they must agree on its TLS settings
 * (given as descriptions: `plain HTTP`, `TLS passthrough`, `Secret "ns/name"`).
 */
export function listenerTlsAgreesProblems(field: Field, listener: string, wanted: string, existing: string): Problem[] {
  if (wanted === existing) return [];
  return [forbidden(field, wanted, `listener ${show(listener)} already serves ${existing}, this exposure wants ${wanted}; ` +
    'a second listener with the same port, protocol and hostname is refused (CEL: "Combination of port, protocol and hostname ' +
    'must be unique for each listener"); allowed: the same certificate for every exposure of the host')];
}

/**
 * `tls.certificateRefs`: CEL "certificateRefs or options must be specified when mode is Terminate";
 * for Passthrough the field is ignored (its documentation), so it is not written.
 */
export function listenerCertificateRefsProblems(field: Field, mode: GatewaySpecListenersTlsMode, refs: number): Problem[] {
  if (mode === GatewaySpecListenersTlsMode.TERMINATE && refs === 0) {
    return [required(field, 'mode Terminate without certificateRefs (CEL: "certificateRefs or options must be specified when mode is ' +
      'Terminate"); allowed: a certificate for the host')];
  }
  if (mode === GatewaySpecListenersTlsMode.PASSTHROUGH && refs > 0) {
    return [forbidden(field, refs, `mode Passthrough with ${refs} certificateRefs, which the Gateway ignores in this mode (the field's ` +
      'documentation: "The certificateRefs field is ignored in this mode"); allowed: none, the backend holds the certificate')];
  }
  return [];
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
export function routeHostnamesIntersectProblems(field: Field, hostnames: string[], listener: string, listenerHostname?: string): Problem[] {
  if (hostnames.some(h => hostnamesIntersect(h, listenerHostname))) return [];
  return [forbidden(field, hostnames, `${show(hostnames.join(', '))} do not intersect the hostname ${show(listenerHostname)} of listener ` +
    `${show(listener)}, so the route would not be accepted (condition Accepted=False, reason NoMatchingListenerHostname); allowed: a ` +
    'hostname the listener serves')];
}

/** A listener as the SNI rule sees it. */
export interface SniListener {
  readonly name: string;
  readonly port: number;
  /** `TLS` (passthrough) or `HTTPS` (termination); other protocols do not select by SNI. */
  readonly protocol: string;
  readonly hostname?: string;
}

/**
 * TLS passthrough and HTTPS termination on the same port for intersecting hostnames: both select
 * by SNI, so one of them never sees its connections. The CEL rule allows it (the protocols differ);
 * implementations resolve it differently. Kept on separate listeners and refused here.
 */
export function sniListenerClashProblems(field: Field, wanted: SniListener, listeners: readonly SniListener[]): Problem[] {
  const opposite = { TLS: 'HTTPS', HTTPS: 'TLS' }[wanted.protocol];
  const other = listeners.find(l => l.protocol === opposite && l.port === wanted.port && hostnamesIntersect(l.hostname, wanted.hostname));
  if (!other) return [];
  return [forbidden(field, wanted.hostname, `${show(wanted.hostname)} on port ${wanted.port} is both passed through (protocol TLS) and ` +
    `terminated (protocol HTTPS, listener ${show(other.name)}${other.hostname ? ` for ${show(other.hostname)}` : ''}); both select ` +
    'connections by SNI, so one listener never receives them; allowed: different hosts, or one mode for the host')];
}

/**
 * BackendTLSPolicy `spec.validation`: CEL "must specify either CACertificateRefs or
 * WellKnownCACertificates" and "must not contain both CACertificateRefs and WellKnownCACertificates".
 */
export function backendTlsValidationProblems(field: Field, caRefs: number, wellKnown: string | undefined): Problem[] {
  const hasWellKnown = wellKnown !== undefined && wellKnown !== '';
  if (caRefs === 0 && !hasWellKnown) {
    return [required(field, 'neither caCertificateRefs nor wellKnownCACertificates (CEL: "must specify either CACertificateRefs or ' +
      'WellKnownCACertificates"); allowed: a ConfigMap with the CA (key ca.crt), or wellKnownCACertificates: System')];
  }
  if (caRefs > 0 && hasWellKnown) {
    return [forbidden(field, wellKnown, `caCertificateRefs and wellKnownCACertificates ${show(wellKnown)} together (CEL: "must not contain ` +
      'both CACertificateRefs and WellKnownCACertificates"); allowed: one of them')];
  }
  return [];
}

/** Whether CEL's `isIP` accepts the string: an IPv4 or IPv6 address, no zone, not IPv4-mapped (Go's netip.ParseAddr). */
export function isCelIp(s: string): boolean {
  return ipFamily(s) !== 0 && !s.includes('%') && !/^[0:]*:ffff:/i.test(s);
}

/**
 * One TLSRoute hostname: CEL "Hostnames cannot contain an IP", "Hostnames must be valid based on
 * RFC-1123" (names without '*') and the wildcard rule (names with '*'), each independent as in the CRD.
 */
function tlsRouteHostnameProblems(field: string, h: string): Problem[] {
  const problems: Problem[] = [];
  if (isCelIp(h)) problems.push(invalid(field, h, `${show(h)} is an IP address (CEL: "Hostnames cannot contain an IP"); allowed: a DNS name sent as SNI`));
  if (!h.includes('*') && !RFC1123_HOSTNAME.test(h)) {
    problems.push(invalid(field, h, `${show(h)} (CEL: "Hostnames must be valid based on RFC-1123"); allowed: lower-case DNS labels`));
  }
  if (h.includes('*') && !(h.startsWith('*.') && RFC1123_HOSTNAME.test(h.slice(2)))) {
    problems.push(invalid(field, h, `${show(h)} (CEL: "Wildcards on hostnames must be the first label, and the rest of hostname must be valid based on ` +
      'RFC-1123"); allowed: "*.example.com"-style wildcards'));
  }
  return problems;
}

/**
 * TLSRoute `spec.hostnames`: CEL "Hostnames cannot contain an IP", "Hostnames must be valid based
 * on RFC-1123" and "Wildcards on hostnames must be the first label, and the rest of hostname must
 * be valid based on RFC-1123".
 */
export function tlsRouteHostnamesProblems(field: FieldPath, hostnames: string[]): Problem[] {
  return hostnames.flatMap((h, i) => tlsRouteHostnameProblems(field.index(i).toString(), h));
}

/** A backendRef to a Service: CEL "Must have port for Service reference" (`why`: why the port is not known). */
export function backendRefPortProblems(field: Field, serviceName: string, port: number | undefined, why: string): Problem[] {
  if (port !== undefined) return [];
  return [required(field, `Service ${show(serviceName)} without a port number (CEL: "Must have port for Service reference"); ${why}; ` +
    'allowed: the backend by port number, or a Service of this app that names the port')];
}

/**
 * TLSRoute `spec.rules`: exactly one rule (the CRD's minItems/maxItems 1) with 1-16 backendRefs,
 * each with a port (CEL "Must have port for Service reference").
 */
export function tlsRouteRulesProblems(field: FieldPath, rules: Array<{ backendRefs: Array<{ name: string; port?: number }> }>): Problem[] {
  if (rules.length !== 1) return [invalid(field, rules.length, `${rules.length} rules; a TLSRoute has exactly one (the CRD's minItems and maxItems: 1)`)];
  const refsField = field.index(0).child('backendRefs');
  const refs = rules[0].backendRefs;
  if (refs.length < 1 || refs.length > 16) return [invalid(refsField, refs.length, `${refs.length} backendRefs; allowed: 1 to 16`)];
  return refs.flatMap((r, i) => backendRefPortProblems(refsField.index(i).child('port'), r.name, r.port, 'a TLSRoute forwards to one port'));
}

/** Whether the exposure speaks HTTPS to a backend it does not verify (and does not pass TLS through). */
export function hasUnverifiedHttpsBackend(exposure: Exposure): boolean {
  return exposure.backendProtocol === BackendProtocol.HTTPS && exposure.tls?.mode !== TlsMode.PASSTHROUGH && !exposure.tls?.backendVerification;
}

/**
 * An HTTPS backend that is not verified: Gateway API has no standard way to skip verification
 * (a BackendTLSPolicy always verifies; without one the Gateway speaks plain HTTP to the backend).
 * Only the implementation-specific escape hatch, when opted into, renders it.
 */
export function unverifiedBackendTlsProblems(exposure: Exposure, setting: UnverifiedBackendTls): Problem[] {
  if (!hasUnverifiedHttpsBackend(exposure) || setting === UnverifiedBackendTls.ENVOY_GATEWAY_INSECURE_BACKEND) return [];
  const field = FieldPath.prop(exposure.tls ? 'backendCaSecretName' : 'backendProtocol');
  return [forbidden(field, exposure.backend.serviceName, `an HTTPS backend (Service ${show(exposure.backend.serviceName)}) without ` +
    'verification: Gateway API has no standard way to skip verification of a backend\'s certificate (a BackendTLSPolicy always ' +
    'verifies it; without one the Gateway speaks plain HTTP), so this exposure cannot be rendered as asked; allowed: TlsIngress ' +
    'REENCRYPT with backendCa (or backendCaSecretName) and backendServerName (a BackendTLSPolicy verifying against a ConfigMap of the ' +
    'CA Secret\'s name with key ca.crt), or an implementation-specific escape hatch (GatewayApiOptions.unverifiedBackendTls), or the ' +
    'ingress-nginx target')];
}

/** Ingress pathType ImplementationSpecific has no HTTPRoute path match type. */
export function gatewayPathTypeProblems(field: Field, pathType: PathType): Problem[] {
  if (pathType !== PathType.IMPLEMENTATION_SPECIFIC) return [];
  return [notSupported(field, pathType, `${show(pathType)} has no HTTPRoute equivalent; allowed: Prefix (PathPrefix) or Exact (Exact)`)];
}

/** ingress-nginx annotations do nothing on Gateway API objects: refused rather than silently dropped. */
export function controllerAnnotationProblems(field: FieldPath, annotations: Record<string, string>): Problem[] {
  const keys = Object.keys(annotations).filter(k => k.startsWith(NGINX_ANNOTATION_PREFIX));
  if (keys.length === 0) return [];
  return [forbidden(field.key(keys[0]), keys, `${keys.map(k => show(k)).join(', ')}: ingress-nginx annotations have no effect on Gateway API ` +
    'objects (see docs/migration.md for each one\'s Gateway API form); allowed: other annotations, or the ingress-nginx target')];
}

/** An existing Gateway is attached to by listener name for the modes that need a specific listener (`what` the mode, `option` its option). */
export function existingGatewayListenerProblems(field: Field, gateway: string, what: string, option: string,
  listener: string | undefined): Problem[] {
  if (listener !== undefined) return [];
  return [required(field, `${what} on the existing Gateway ${show(gateway)} needs the listener to attach to; ` +
    `allowed: existingGateway.${option}, or a Gateway created by this app (no existingGateway)`)];
}

/** Where cert-manager's issuer annotations for a served Secret would go, as the gateway-shim rule sees it. */
export interface GatewayShimRequest {
  /** The existing Gateway the route attaches to (its annotations cannot be set here), if any. */
  readonly existingGateway?: string;
  /** The namespace of the app's own Gateway. */
  readonly gatewayNamespace?: string;
  /** The namespace of the route and its served Secret. */
  readonly routeNamespace: string;
  /** The served Secret. */
  readonly secretName?: string;
  /** The annotations asked for (sorted). */
  readonly wanted: { [key: string]: string };
  /** The annotations the Gateway already carries, if any. */
  readonly current?: { [key: string]: string };
}

/**
 * cert-manager's Gateway support (gateway-shim) reads issuer annotations on the Gateway and
 * issues into Secrets the Gateway names in its own namespace; one Gateway has one set of them.
 */
export function gatewayShimProblems(field: Field, request: GatewayShimRequest): Problem[] {
  let why: string | undefined;
  if (request.existingGateway !== undefined) {
    why = `the Gateway is managed outside this app, so its annotations cannot be set here (Gateway ${JSON.stringify(request.existingGateway)})`;
  } else if (request.gatewayNamespace !== request.routeNamespace) {
    why = 'cert-manager issues Gateway certificates into the Gateway\'s own namespace only ' +
      `(Gateway in ${JSON.stringify(request.gatewayNamespace)}, Secret ${JSON.stringify(request.secretName)} in ${JSON.stringify(request.routeNamespace)})`;
  } else if (request.current && JSON.stringify(request.current) !== JSON.stringify(request.wanted)) {
    why = 'the Gateway already carries different cert-manager annotations, and one Gateway has one set ' +
      `(${JSON.stringify(request.current)} vs ${JSON.stringify(request.wanted)})`;
  }
  if (why === undefined) return [];
  return [forbidden(field, request.wanted, `cert-manager INGRESS_SHIM annotations go on the Gateway for Gateway API: ${why}; ` +
    'allowed: CertManagerMode.CERTIFICATE (a Certificate object next to the route)')];
}

/** One BackendTLSPolicy per Service: every exposure of the Service must verify it the same way (descriptions of CA and name). */
export function backendTlsPolicyAgreesProblems(field: Field, serviceName: string, wanted: string, existing: string): Problem[] {
  if (wanted === existing) return [];
  return [forbidden(field, wanted, `Service ${show(serviceName)} is already verified with ${existing}, this exposure wants ${wanted}; ` +
    'two BackendTLSPolicies for one Service port conflict (the older one wins); allowed: the same CA and server name')];
}

/** The Gateway CRD's `spec.listeners` maxItems. */
export const MAX_GATEWAY_LISTENERS = 64;

/**
 * A Gateway holds at most 64 listeners (the CRD's maxItems; every terminated host takes two, HTTPS
 * and its HTTP redirect). Refused when the listener `count` (with the new one) is over it, naming
 * the exposures that asked for listeners so far.
 */
export function listenerCountProblems(field: Field, gateway: string, count: number, exposures: readonly string[]): Problem[] {
  if (count <= MAX_GATEWAY_LISTENERS) return [];
  return [invalid(field, count, `Gateway ${show(gateway)} would get listener number ${count}, over the Gateway CRD's limit of ` +
    `${MAX_GATEWAY_LISTENERS} (spec.listeners maxItems; every TLS host takes two, HTTPS and its HTTP redirect); the listeners come from ` +
    `${exposures.length} exposures: ${exposures.join(', ')}; allowed: at most ${MAX_GATEWAY_LISTENERS} listeners per Gateway: a second ` +
    'Gateway for some of the exposures (RoutingTarget.gatewayApi with another gatewayName, chosen with Routing.of(scope).use on their ' +
    'chart), httpsRedirect: false, or listeners spread over ListenerSets (Gateway API v1.6 standard channel, attached to the Gateway; ' +
    'not rendered by this target)')];
}

/** The path characters the HTTPRoute CRD accepts for Exact and PathPrefix matches (its CEL rule, as RE2). */
const HTTP_ROUTE_PATH_CHARS = /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$/;

/**
 * HTTPRoute `matches[].path.value` for Exact and PathPrefix: the HTTPPathMatch CEL rules of the
 * CRD (each message quoted as the CRD words it) and its maxLength 1024.
 */
export function httpRoutePathProblems(field: Field, value: string): Problem[] {
  const cel = (message: string) => invalid(field, value, `${show(value)}: ${message} (CEL rule of the HTTPRoute CRD); ` +
    'allowed: an absolute path of RFC 3986 path characters without empty, "." or ".." segments and without an encoded "/"');
  const types = 'when type one of [\'Exact\', \'PathPrefix\']';
  const problems: Problem[] = [];
  if (value.length > 1024) problems.push(invalid(field, value, `${value.length} characters; allowed: at most 1024 (the CRD's maxLength)`));
  if (!value.startsWith('/')) problems.push(cel(`value must be an absolute path and start with '/' ${types}`));
  for (const s of ['//', '/./', '/../', '%2f', '%2F', '#']) if (value.includes(s)) problems.push(cel(`must not contain '${s}' ${types}`));
  for (const s of ['/..', '/.']) if (value.endsWith(s)) problems.push(cel(`must not end with '${s}' ${types}`));
  if (!HTTP_ROUTE_PATH_CHARS.test(value)) {
    problems.push(cel(`must only contain valid characters (matching ${HTTP_ROUTE_PATH_CHARS.source}) for types ['Exact', 'PathPrefix']`));
  }
  return problems;
}

/**
 * BackendTLSPolicy `validation.hostname` is sent as SNI (its documentation: "Hostname MUST be used
 * as the SNI to connect to the backend (RFC 6066)"), and RFC 6066 does not permit IP addresses
 * there. The CRD's pattern accepts an IPv4 address, so this is checked here.
 */
export function backendServerNameProblems(field: Field, serverName: string): Problem[] {
  if (!isCelIp(serverName)) return [];
  return [invalid(field, serverName, `${show(serverName)} is an IP address; the BackendTLSPolicy sends validation.hostname as SNI ` +
    '("Hostname MUST be used as the SNI to connect to the backend (RFC 6066)"), and SNI carries no IP address; allowed: a DNS name in the ' +
    'backend certificate\'s subjectAltName, e.g. the Service\'s cluster DNS name <service>.<namespace>.svc')];
}
