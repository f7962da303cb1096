/**
 * The construction-time mirrors of CEL rules (constructs/targets/gateway-api/rules.ts) give early
 * errors with construct paths; each is tied here to the CRD rule it mirrors: the same inputs,
 * evaluated by the mirror and by the CRD's rule (the validator's CEL evaluation), agree on pass
 * or fail, and the mirror's message quotes the rule's.
 */
import {
  backendRefPortProblems, backendTlsValidationProblems, httpRoutePathProblems, listenerCertificateRefsProblems, listenerNameUniqueProblems,
  listenerTlsAgreesProblems, tlsRouteHostnamesProblems,
} from '../../constructs/targets/gateway-api/rules';
import { FieldPath } from '../../constructs/core/field-path';
import { Problem, problemText } from '../../constructs/core/problem';
import { GatewaySpecListenersTlsMode } from '../../imports/gateway.networking.k8s.io';
import { celLines, object } from '../helpers/cel';

const text = (problems: Problem[]) => problems.map(problemText).join('\n');

/** The CEL messages (after `Invalid value: "<type>": `) the API server would give `obj`. */
function celMessages(obj: unknown): string[] {
  return celLines(obj).map(l => l.replace(/^[^:]*: Invalid value: "[a-z]*": /, ''));
}

/** Mirror and CRD agree: the mirror fails exactly for the inputs the rule fails, quoting each failing rule's message. */
function expectAgree(input: unknown, mirror: string, cel: string[], messages: readonly string[]): void {
  const relevant = cel.filter(m => messages.includes(m));
  expect({ input, mirrorFails: mirror !== '' }).toEqual({ input, mirrorFails: relevant.length > 0 });
  for (const m of relevant) expect({ input, mirror }).toEqual({ input, mirror: expect.stringContaining(m) });
}

const PATH_RULES = [
  'value must be an absolute path and start with \'/\' when type one of [\'Exact\', \'PathPrefix\']',
  ...['//', '/./', '/../', '%2f', '%2F', '#'].map(s => `must not contain '${s}' when type one of ['Exact', 'PathPrefix']`),
  ...['/..', '/.'].map(s => `must not end with '${s}' when type one of ['Exact', 'PathPrefix']`),
  'must only contain valid characters (matching ^(?:[-A-Za-z0-9/._~!$&\'()*+,;=:@]|[%][0-9a-fA-F]{2})+$) for types [\'Exact\', \'PathPrefix\']',
];

test.each([
  '/', '/app', '/app/', '/a//b', '/a/./b', '/a/../b', '/a%2fb', '/a%2Fb', '/a#b', '/a/..', '/a/.', '/..', 'app', '/a b', '/a%zz', '/a%20b',
  '/~user/(x)*;v=1:@', '/ünï', '/a?q', '/a\\b', '/.well-known/acme', '/a..b', '//',
])('httpRoutePathProblems agrees with the HTTPRoute CRD\'s path rules: %j', value => {
  for (const type of ['PathPrefix', 'Exact']) {
    const route = object('HTTPRoute', { parentRefs: [{ name: 'gw' }], rules: [{ matches: [{ path: { type, value } }], backendRefs: [{ name: 'web', port: 80 }] }] });
    expectAgree({ type, value }, text(httpRoutePathProblems('path', value)), celMessages(route), PATH_RULES);
  }
});

const HOSTNAME_RULES = ['Hostnames cannot contain an IP', 'Hostnames must be valid based on RFC-1123',
  'Wildcards on hostnames must be the first label, and the rest of hostname must be valid based on RFC-1123'];

test.each([
  'b.example.com', '*.example.com', '192.0.2.1', '2001:db8::1', '::1', '999.1.1.1', '1.2.3', 'b.*.example.com', '*', '*.', 'B.example.com', 'a_b.example.com',
  'xn--bcher-kva.example', 'example.com.', '01.2.3.4',
])('tlsRouteHostnamesProblems agrees with the TLSRoute CRD\'s hostname rules: %j', hostname => {
  const route = object('TLSRoute', { parentRefs: [{ name: 'gw' }], hostnames: [hostname], rules: [{ backendRefs: [{ name: 'web', port: 443 }] }] });
  expectAgree(hostname, text(tlsRouteHostnamesProblems(FieldPath.spec('hostnames'), [hostname])), celMessages(route), HOSTNAME_RULES);
});

test.each([[0, undefined], [1, undefined], [0, 'System'], [1, 'System'], [0, ''], [2, undefined]] as const)(
  'backendTlsValidationProblems agrees with the BackendTLSPolicy CRD: %d caCertificateRefs, wellKnownCACertificates %j', (refs, wellKnown) => {
    const policy = object('BackendTLSPolicy', {
      targetRefs: [{ group: '', kind: 'Service', name: 'web' }],
      validation: {
        hostname: 'web.ns.svc',
        ...(refs > 0 ? { caCertificateRefs: Array.from({ length: refs }, (_, i) => ({ group: '', kind: 'ConfigMap', name: `ca${i}` })) } : {}),
        ...(wellKnown !== undefined ? { wellKnownCACertificates: wellKnown } : {}),
      },
    });
    expectAgree({ refs, wellKnown }, text(backendTlsValidationProblems('spec.validation', refs, wellKnown)), celMessages(policy),
      ['must specify either CACertificateRefs or WellKnownCACertificates', 'must not contain both CACertificateRefs and WellKnownCACertificates']);
  });

const listener = (name: string, port: number, protocol: string, hostname: string, secret?: string) => ({
  name, port, protocol, hostname,
  ...(protocol === 'HTTPS' ? { tls: { mode: 'Terminate', certificateRefs: secret ? [{ name: secret }] : [], options: {} } } : {}),
});
const gateway = (...listeners: unknown[]) => object('Gateway', { gatewayClassName: 'eg', listeners });

test.each([0, 1, 2])('listenerCertificateRefsProblems agrees with the Gateway CRD for Terminate with %d certificateRefs', refs => {
  const l = { ...listener('https', 443, 'HTTPS', 'a.example.com'), tls: { mode: 'Terminate', options: {},
    certificateRefs: Array.from({ length: refs }, (_, i) => ({ name: `s${i}` })) } };
  expectAgree(refs, text(listenerCertificateRefsProblems('tls.certificateRefs', GatewaySpecListenersTlsMode.TERMINATE, refs)), celMessages(gateway(l)),
    ['certificateRefs or options must be specified when mode is Terminate']);
});

/** Two exposures ask for listeners `a` and `b`; the renderer shares one listener when their name and key agree. */
test.each([
  ['same host twice: one shared listener', ['https-a.example.com', 443, 'HTTPS', 'a.example.com', 's'], ['https-a.example.com', 443, 'HTTPS', 'a.example.com', 's']],
  ['two hosts, one name', ['http-a', 80, 'HTTP', 'a.example.com'], ['http-a', 80, 'HTTP', 'b.example.com']],
  ['two hosts, two names', ['http-a', 80, 'HTTP', 'a.example.com'], ['http-b', 80, 'HTTP', 'b.example.com']],
] as const)('listenerNameUniqueProblems agrees with the Gateway CRD: %s', (_case, a, b) => {
  const key = (l: readonly unknown[]) => `${l[1]}/${l[2]}/${l[3]}`;
  // the renderer looks up the listener by name: `existing` is the key of the listener already named b's name, if any
  const mirror = text(listenerNameUniqueProblems('name', b[0], key(b), a[0] === b[0] ? key(a) : undefined));
  const shared = a[0] === b[0] && key(a) === key(b);
  const one = (l: readonly unknown[]) => listener(...(l as [string, number, string, string, string?]));
  const rendered = shared ? gateway(one(a)) : gateway(one(a), one(b));
  expectAgree(_case, mirror, celMessages(rendered), ['Listener name must be unique within the Gateway']);
});

test.each([
  ['one certificate', 's', 's'],
  ['two certificates', 's', 't'],
])('listenerTlsAgreesProblems agrees with the Gateway CRD: one host, port and protocol with %s', (_case, first, second) => {
  const mirror = text(listenerTlsAgreesProblems('tls', 'https-a.example.com', `Secret "ns/${second}"`, `Secret "ns/${first}"`));
  // agreeing exposures share the listener; disagreeing ones would need a second listener for the same port, protocol and hostname
  const rendered = first === second ? gateway(listener('https-a', 443, 'HTTPS', 'a.example.com', first))
    : gateway(listener('https-a', 443, 'HTTPS', 'a.example.com', first), listener('https-a-2', 443, 'HTTPS', 'a.example.com', second));
  expectAgree(_case, mirror, celMessages(rendered), ['Combination of port, protocol and hostname must be unique for each listener']);
});

test.each([80, undefined])('backendRefPortProblems agrees with the HTTPRoute and TLSRoute CRDs: port %j', port => {
  const ref = { name: 'web', ...(port !== undefined ? { port } : {}) };
  const mirror = text(backendRefPortProblems('port', 'web', port, 'the port is named "http"'));
  for (const kind of ['HTTPRoute', 'TLSRoute']) {
    const route = object(kind, { parentRefs: [{ name: 'gw' }], hostnames: ['a.example.com'], rules: [{ backendRefs: [ref] }] });
    expectAgree({ kind, port }, mirror, celMessages(route), ['Must have port for Service reference']);
  }
});
