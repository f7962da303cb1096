/**
 * Parity with the API server for the CRDs' own CEL rules: for each `x-kubernetes-validations` rule
 * of Gateway API v1.6.1 (Gateway, HTTPRoute, TLSRoute, BackendTLSPolicy), cert-manager v1.21.1 and
 * trust-manager v0.24.0 that objects of this library (or a user's objects of those kinds) can
 * reach, a valid object that passes and a changed one that fails it, with the rule's message
 * expected verbatim at the field path the API server names (after `Invalid value: "<type>": `,
 * as `kubectl apply` prints it).
 */
import { CEL_NOT_CHECKED } from '../../validation-plugin/src/schema-validator';
import { celLines, changed, object } from '../helpers/cel';

const GATEWAY = object('Gateway', {
  gatewayClassName: 'eg',
  addresses: [{ type: 'IPAddress', value: '192.0.2.10' }],
  listeners: [
    { name: 'http', port: 80, protocol: 'HTTP', hostname: 'a.example.com' },
    { name: 'https', port: 443, protocol: 'HTTPS', hostname: 'a.example.com', tls: { mode: 'Terminate', certificateRefs: [{ name: 'a-tls' }] } },
    { name: 'tls', port: 443, protocol: 'TLS', hostname: 'b.example.com', tls: { mode: 'Passthrough' } },
  ],
});

const ROUTE = object('HTTPRoute', {
  parentRefs: [{ name: 'gw', sectionName: 'http' }],
  hostnames: ['a.example.com'],
  rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/app' } }], backendRefs: [{ name: 'web', port: 80 }] }],
});

const TLS_ROUTE = object('TLSRoute', {
  parentRefs: [{ name: 'gw', sectionName: 'tls' }],
  hostnames: ['b.example.com'],
  rules: [{ backendRefs: [{ name: 'web', port: 443 }] }],
});

const POLICY = object('BackendTLSPolicy', {
  targetRefs: [{ group: '', kind: 'Service', name: 'web' }],
  validation: { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'ca' }], hostname: 'web.ns.svc' },
});

const ISSUER = object('Issuer', { venafi: { zone: 'z', tpp: { url: 'https://tpp.example.com', credentialsRef: { name: 'c' } } } }, 'cert-manager.io/v1');

const BUNDLE = object('Bundle', { sources: [{ useDefaultCAs: true }], target: { configMap: { key: 'ca.crt' } } }, 'trust.cert-manager.io/v1alpha1');
delete BUNDLE.metadata.namespace; // cluster-scoped

interface Case {
  readonly rule: string;
  readonly base: Record<string, any>;
  readonly change: (o: any) => void;
  readonly at: string;
  readonly type: string;
}

const listener = (i: number) => (o: any) => o.spec.listeners[i];
const path = (value: string) => (o: any) => { o.spec.rules[0].matches[0].path.value = value; };

const CASES: Case[] = [
  // Gateway
  { rule: 'tls must not be specified for protocols [\'HTTP\', \'TCP\', \'UDP\']', base: GATEWAY, at: '/spec/listeners', type: 'array',
    change: o => { listener(0)(o).tls = { mode: 'Terminate', certificateRefs: [{ name: 'a-tls' }] }; } },
  { rule: 'tls mode must be Terminate for protocol HTTPS', base: GATEWAY, at: '/spec/listeners', type: 'array', change: o => { listener(1)(o).tls.mode = 'Passthrough'; } },
  { rule: 'tls mode must be set for protocol TLS', base: GATEWAY, at: '/spec/listeners', type: 'array', change: o => { delete listener(2)(o).tls; } },
  { rule: 'hostname must not be specified for protocols [\'TCP\', \'UDP\']', base: GATEWAY, at: '/spec/listeners', type: 'array',
    change: o => { o.spec.listeners.push({ name: 'tcp', port: 5432, protocol: 'TCP', hostname: 'db.example.com' }); } },
  { rule: 'Listener name must be unique within the Gateway', base: GATEWAY, at: '/spec/listeners', type: 'array', change: o => { listener(2)(o).name = 'https'; } },
  { rule: 'Combination of port, protocol and hostname must be unique for each listener', base: GATEWAY, at: '/spec/listeners', type: 'array',
    change: o => { o.spec.listeners.push({ ...listener(0)(o), name: 'http2' }); } },
  { rule: 'certificateRefs or options must be specified when mode is Terminate', base: GATEWAY, at: '/spec/listeners/1/tls', type: 'object',
    change: o => { listener(1)(o).tls = { mode: 'Terminate', certificateRefs: [], options: {} }; } },
  { rule: 'IPAddress values must be unique', base: GATEWAY, at: '/spec/addresses', type: 'array', change: o => { o.spec.addresses.push({ type: 'IPAddress', value: '192.0.2.10' }); } },
  { rule: 'Hostname values must be unique', base: GATEWAY, at: '/spec/addresses', type: 'array',
    change: o => { o.spec.addresses = [{ type: 'Hostname', value: 'lb.example.com' }, { type: 'Hostname', value: 'lb.example.com' }]; } },
  { rule: 'Hostname value must be empty or contain only valid characters (matching ^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$)',
    base: GATEWAY, at: '/spec/addresses/0', type: 'object', change: o => { o.spec.addresses = [{ type: 'Hostname', value: 'LB.example.com' }]; } },
  // HTTPRoute: the path match (PathPrefix and Exact)
  { rule: 'value must be an absolute path and start with \'/\' when type one of [\'Exact\', \'PathPrefix\']', base: ROUTE, at: '/spec/rules/0/matches/0/path', type: 'object', change: path('app') },
  ...['//', '/./', '/../', '%2f', '%2F', '#'].map((s): Case => ({
    rule: `must not contain '${s}' when type one of ['Exact', 'PathPrefix']`, base: ROUTE, at: '/spec/rules/0/matches/0/path', type: 'object', change: path(`/a${s}b`),
  })),
  ...['/..', '/.'].map((s): Case => ({
    rule: `must not end with '${s}' when type one of ['Exact', 'PathPrefix']`, base: ROUTE, at: '/spec/rules/0/matches/0/path', type: 'object', change: path(`/a${s}`),
  })),
  { rule: 'must only contain valid characters (matching ^(?:[-A-Za-z0-9/._~!$&\'()*+,;=:@]|[%][0-9a-fA-F]{2})+$) for types [\'Exact\', \'PathPrefix\']',
    base: ROUTE, at: '/spec/rules/0/matches/0/path', type: 'object', change: o => { o.spec.rules[0].matches[0].path = { type: 'Exact', value: '/a b' }; } },
  // HTTPRoute: backends, filters, parents, timeouts
  { rule: 'Must have port for Service reference', base: ROUTE, at: '/spec/rules/0/backendRefs/0', type: 'object', change: o => { delete o.spec.rules[0].backendRefs[0].port; } },
  { rule: 'RequestRedirect filter must not be used together with backendRefs', base: ROUTE, at: '/spec/rules/0', type: 'object',
    change: o => { o.spec.rules[0].filters = [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }]; } },
  { rule: 'When using RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified', base: ROUTE, at: '/spec/rules/0', type: 'object',
    change: o => {
      o.spec.rules[0] = { matches: [{ path: { type: 'Exact', value: '/a' } }],
        filters: [{ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/b' } } }] };
    } },
  { rule: 'sectionName must be specified when parentRefs includes 2 or more references to the same parent', base: ROUTE, at: '/spec/parentRefs', type: 'array',
    change: o => { o.spec.parentRefs = [{ name: 'gw' }, { name: 'gw', sectionName: 'https' }]; } },
  { rule: 'sectionName must be unique when parentRefs includes 2 or more references to the same parent', base: ROUTE, at: '/spec/parentRefs', type: 'array',
    change: o => { o.spec.parentRefs = [{ name: 'gw', sectionName: 'http' }, { name: 'gw', sectionName: 'http' }]; } },
  { rule: 'backendRequest timeout cannot be longer than request timeout', base: ROUTE, at: '/spec/rules/0/timeouts', type: 'object',
    change: o => { o.spec.rules[0].timeouts = { request: '10s', backendRequest: '1m' }; } },
  // TLSRoute
  { rule: 'Hostnames cannot contain an IP', base: TLS_ROUTE, at: '/spec/hostnames', type: 'array', change: o => { o.spec.hostnames = ['192.0.2.1']; } },
  { rule: 'Hostnames must be valid based on RFC-1123', base: TLS_ROUTE, at: '/spec/hostnames', type: 'array', change: o => { o.spec.hostnames = ['b.example.com.']; } },
  { rule: 'Wildcards on hostnames must be the first label, and the rest of hostname must be valid based on RFC-1123', base: TLS_ROUTE, at: '/spec/hostnames',
    type: 'array', change: o => { o.spec.hostnames = ['b.*.example.com']; } },
  { rule: 'Must have port for Service reference', base: TLS_ROUTE, at: '/spec/rules/0/backendRefs/0', type: 'object', change: o => { delete o.spec.rules[0].backendRefs[0].port; } },
  // BackendTLSPolicy
  { rule: 'must specify either CACertificateRefs or WellKnownCACertificates', base: POLICY, at: '/spec/validation', type: 'object',
    change: o => { delete o.spec.validation.caCertificateRefs; } },
  { rule: 'must not contain both CACertificateRefs and WellKnownCACertificates', base: POLICY, at: '/spec/validation', type: 'object',
    change: o => { o.spec.validation.wellKnownCACertificates = 'System'; } },
  { rule: 'sectionName must be specified when targetRefs includes 2 or more references to the same target', base: POLICY, at: '/spec/targetRefs', type: 'array',
    change: o => { o.spec.targetRefs.push({ group: '', kind: 'Service', name: 'web', sectionName: 'https' }); } },
  { rule: 'sectionName must be unique when targetRefs includes 2 or more references to the same target', base: POLICY, at: '/spec/targetRefs', type: 'array',
    change: o => { o.spec.targetRefs = [1, 2].map(() => ({ group: '', kind: 'Service', name: 'web', sectionName: 'https' })); } },
  { rule: 'SubjectAltName element must contain Hostname, if Type is set to Hostname', base: POLICY, at: '/spec/validation/subjectAltNames/0', type: 'object',
    change: o => { o.spec.validation.subjectAltNames = [{ type: 'Hostname' }]; } },
  { rule: 'SubjectAltName element must not contain URI, if Type is not set to URI', base: POLICY, at: '/spec/validation/subjectAltNames/0', type: 'object',
    change: o => { o.spec.validation.subjectAltNames = [{ type: 'Hostname', hostname: 'web.ns.svc', uri: 'spiffe://x' }]; } },
  // cert-manager
  { rule: 'exactly one of tpp, cloud, or ngts must be configured', base: ISSUER, at: '/spec/venafi', type: 'object',
    change: o => { o.spec.venafi.cloud = { apiTokenSecretRef: { name: 't', key: 'k' } }; } },
  // trust-manager
  { rule: 'exactly one of the fields in [configMap secret inLine useDefaultCAs] must be set', base: BUNDLE, at: '/spec/sources/0', type: 'object',
    change: o => { o.spec.sources[0].inLine = 'PEM'; } },
  { rule: 'exactly one of the fields in [name selector] must be set', base: BUNDLE, at: '/spec/sources/0/configMap', type: 'object',
    change: o => { o.spec.sources[0] = { configMap: { key: 'ca.crt' } }; } },
  { rule: 'at least one of the fields in [configMap secret] must be set', base: BUNDLE, at: '/spec/target', type: 'object', change: o => { o.spec.target = {}; } },
];

describe('the CRDs\' CEL rules, evaluated as the API server does', () => {
  test.each([GATEWAY, ROUTE, TLS_ROUTE, POLICY, ISSUER, BUNDLE].map(o => [o.kind, o]))('a valid %s passes every rule', (_kind, obj) => {
    expect(celLines(obj)).toEqual([]);
  });

  test.each(CASES.map(c => [`${c.base.kind}: ${c.rule}`, c]))('fails %s', (_name, c) => {
    expect(celLines(changed(c.base, c.change))).toContain(`${c.at}: Invalid value: "${c.type}": ${c.rule}`);
  });

  test('a blocking schema error (here a wrong enum value) keeps every CEL rule from running, as the API server says', () => {
    const lines = celLines(changed(ROUTE, o => {
      o.spec.rules[0].matches[0].path = { type: 'Prefix', value: '//' };
    }));
    expect(lines).toContain(`/: ${CEL_NOT_CHECKED}`);
    expect(lines.some(l => l.includes('must not contain'))).toBe(false);
  });

  test('a non-blocking schema error (a pattern) does not: CEL rules still run', () => {
    const lines = celLines(changed(ROUTE, o => {
      o.spec.hostnames = ['Not_A_Host'];
      o.spec.rules[0].matches[0].path.value = '/a//b';
    }));
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^\/spec\/hostnames\/0: must match pattern/),
      '/spec/rules/0/matches/0/path: Invalid value: "object": must not contain \'//\' when type one of [\'Exact\', \'PathPrefix\']']));
    expect(lines).not.toContain(`/: ${CEL_NOT_CHECKED}`);
  });

  test('defaults are applied first: a path match without type is PathPrefix (the default) and checked as one', () => {
    expect(celLines(changed(ROUTE, o => { o.spec.rules[0].matches[0].path = { value: 'relative' }; })))
      .toContain('/spec/rules/0/matches/0/path: Invalid value: "object": value must be an absolute path and start with \'/\' when type one of [\'Exact\', \'PathPrefix\']');
    // RegularExpression is exempt from the path rules
    expect(celLines(changed(ROUTE, o => { o.spec.rules[0].matches[0].path = { type: 'RegularExpression', value: '^/a//b$' }; }))).toEqual([]);
  });

  test('a rule reading an absent field fails with cel-go\'s error, as the API server reports it (the rule is not written with has())', () => {
    expect(celLines(changed(GATEWAY, o => { o.spec.listeners[1].tls.certificateRefs = []; }))).toEqual([
      '/spec/listeners/1/tls: Invalid value: "object": no such key: options evaluating rule: certificateRefs or options must be specified when mode is Terminate',
    ]);
  });

  test('transition rules (oldSelf) are not evaluated on create: the GatewayClass controllerName rule', () => {
    expect(celLines(object('GatewayClass', { controllerName: 'example.com/gateway-controller' }))).toEqual([]);
  });
});
