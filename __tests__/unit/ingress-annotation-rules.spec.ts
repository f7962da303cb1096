/**
 * Ingress paths and annotations as ingress-nginx treats them: strict-validate-path-type, paths that
 * would break nginx.conf, annotation values its validators refuse, TLS modes through raw
 * annotations, snippet annotations, and ssl-passthrough parsed as a Go boolean.
 */
import { App, Chart, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import {
  CrossObjectChecks, FindingSeverity, HttpIngress, HttpIngressProps, IngressNginxController, PathType, TlsIngress, TlsMode,
} from '../../constructs';
import { expectFails } from '../helpers/expect-fails';

const BACKEND = { serviceName: 'web', port: 80 };
const NGINX = 'nginx.ingress.kubernetes.io/';
const F = 'spec.rules[0].http.paths[0].path';
const ingress = (props: Partial<HttpIngressProps>) => () => new HttpIngress(Testing.chart(), 'Ing', { host: 'a.example.com', backend: BACKEND, ...props });
const findings = (app: App) => CrossObjectChecks.of(app).run();
const errors = (app: App) => findings(app).filter(f => f.severity === FindingSeverity.ERROR);

describe('strictPathTypeProblems (Prefix and Exact)', () => {
  test.each(['/', '/api', '/api/v1/', '/A-b_c/9'])('accepts %p', path => {
    for (const pathType of [PathType.PREFIX, PathType.EXACT]) expect(ingress({ path, pathType })).not.toThrow();
  });
  test.each(['/a.b', '/~user', '/caf%C3%A9', '/api(/|$)(.*)', '/é'])('fails for %p with Prefix, passes as ImplementationSpecific', path => {
    expectFails(ingress({ path, pathType: PathType.PREFIX }), '[test/Ing]', F, 'strict-validate-path-type', 'pathType ImplementationSpecific');
    expect(ingress({ path, pathType: PathType.IMPLEMENTATION_SPECIFIC })).not.toThrow();
  });
});

describe('nginxSafePathProblems (every pathType)', () => {
  test.each([['/a b', '" "'], ['/a;b', '";"'], ['/a{b', '"{"'], ['/a}b', '"}"'], ['/a\nb', '"\\n"'], ['/a"b', '"\\""'], ['/a#b', '"#"'], ['/a\tb', '"\\t"']])(
    'fails for %p even as ImplementationSpecific', (path, shown) => {
      expectFails(ingress({ path, pathType: PathType.IMPLEMENTATION_SPECIFIC }), '[test/Ing]', F, `contains ${shown}`, 'CVE-2022-4886');
    });
  test.each(['/etc/nginx/x', '/x/var/run/secrets', '/a_by_lua'])('fails for %p (deep inspector)', path => {
    expectFails(ingress({ path, pathType: PathType.IMPLEMENTATION_SPECIFIC }), F, "ingress-nginx's deep inspector refuses");
  });
  test('regex paths without those characters pass as ImplementationSpecific', () => {
    expect(ingress({ path: '/api(/|$)(.*)', pathType: PathType.IMPLEMENTATION_SPECIFIC, annotations: { [`${NGINX}use-regex`]: 'true' } })).not.toThrow();
  });
});

describe('validateIngressNginxAnnotationValue', () => {
  const a = (name: string, value: string) => ingress({ annotations: { [NGINX + name]: value } });
  test.each([
    ['ssl-redirect', 'false'], ['ssl-redirect', 'True'], ['force-ssl-redirect', '1'], ['use-regex', 'F'],
    ['proxy-read-timeout', '3600'], ['proxy-body-size', '8m'], ['permanent-redirect', 'https://example.com/new?a=b'],
    ['rewrite-target', '/$1/$2'], ['app-root', '/app'], ['server-alias', 'b.example.com, *.c.example.com'],
    ['upstream-vhost', 'internal.example.com'], ['auth-url', 'http://auth.default.svc/check?rd=$host'],
    ['proxy-buffering', 'on'], ['proxy-http-version', '1.1'], ['default-backend', 'fallback'], ['custom-http-errors', '404,503'],
    ['ssl-redirect', ''], ['some-future-annotation', 'anything goes'],
  ])('accepts %s: %p', (name, value) => {
    expect(a(name, value)).not.toThrow();
  });
  test.each([
    ['ssl-redirect', 'yes', '"true" or "false"'], ['use-regex', 'on', 'strconv.ParseBool'], ['force-ssl-redirect', 'TRue', '"true" or "false"'],
    ['proxy-read-timeout', '60s', 'a decimal integer'], ['proxy-body-size', '8 mb', 'SizeRegex'],
    ['permanent-redirect', 'https://example.com/a b', 'URLIsValidRegex'], ['permanent-redirect', 'https://x/";return 200', 'URLIsValidRegex'],
    ['rewrite-target', '/$1;more_set_headers', 'RegexPathWithCapture'], ['server-alias', 'a.example.com;', 'IsValidRegex'],
    ['auth-url', 'http://x/{y}', 'URLWithNginxVariableRegex'], ['proxy-buffering', 'maybe', '"on", "off"'], ['proxy-buffering', 'ON', '"on", "off"'],
    ['default-backend', 'Fallback_1', 'not a valid DNS-1035 label'], ['proxy-ssl-verify-depth', '1.5', 'a decimal integer'],
    ['permanent-redirect', 'https://example.com/\nx', 'URLIsValidRegex'],
  ])('fails for %s: %p', (name, value, why) => {
    expectFails(a(name, value), '[test/Ing]', `metadata.annotations[${JSON.stringify(NGINX + name)}]`, why);
  });
  test('checks TlsIngress annotations too', () => {
    expectFails(() => new TlsIngress(Testing.chart(), 'T', {
      host: 'a.example.com', mode: TlsMode.TERMINATION, tlsSecretName: 'a-tls', backend: BACKEND, annotations: { [`${NGINX}ssl-redirect`]: 'no' },
    }), '[test/T]', 'ssl-redirect', '"true" or "false"');
  });
});

describe('validateNoTlsModeAnnotations (HttpIngress)', () => {
  test.each(['ssl-passthrough', 'proxy-ssl-secret', 'proxy-ssl-verify', 'proxy-ssl-name', 'proxy-ssl-server-name'])('fails for %s', name => {
    expectFails(ingress({ annotations: { [NGINX + name]: name === 'ssl-passthrough' ? 'true' : 'on' } }), '[test/Ing]',
      `metadata.annotations[${JSON.stringify(NGINX + name)}]: sets a TLS mode on HttpIngress through a raw annotation`, 'TlsIngress');
  });
  test('fails for ssl-passthrough "false" too (no TLS-mode annotation at all)', () => {
    expectFails(ingress({ annotations: { [`${NGINX}ssl-passthrough`]: 'false' } }), 'sets a TLS mode on HttpIngress');
  });
});

describe('ssl-passthrough parsed as ingress-nginx parses booleans', () => {
  const raw = (value: string, controller: boolean) => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    if (controller) new IngressNginxController(new Chart(app, 'ctl'), 'IngressNginx', {});
    new k8s.KubeIngress(chart, 'Raw', {
      metadata: { name: 'raw', annotations: { [`${NGINX}ssl-passthrough`]: value } },
      spec: { ingressClassName: 'nginx', rules: [{ host: 'a.example.com' }] },
    });
    return app;
  };
  test.each(['true', 'True', 'TRUE', '1', 't'])('fails for %p on a controller without --enable-ssl-passthrough', value => {
    expect(errors(raw(value, true))).toEqual([expect.objectContaining({ rule: 'ssl-passthrough' })]);
  });
  test.each(['false', 'False', '0', 'yes'])('%p is not passthrough', value => {
    expect(findings(raw(value, true)).filter(f => f.rule === 'ssl-passthrough')).toEqual([]);
  });
});

describe('snippet annotations', () => {
  const withSnippet = (controller: boolean, cls = 'nginx') => {
    const app = Testing.app();
    if (controller) new IngressNginxController(new Chart(app, 'ctl'), 'IngressNginx', {});
    new HttpIngress(new Chart(app, 'c'), 'Ing', {
      host: 'a.example.com', backend: BACKEND, ingressClassName: cls, annotations: { [`${NGINX}configuration-snippet`]: 'more_set_headers "X: y";' },
    });
    return app;
  };
  test('fails when the app\'s controller serves the class (allow-snippet-annotations is "false")', () => {
    expect(errors(withSnippet(true))).toEqual([expect.objectContaining({
      path: 'c/Ing', rule: 'snippet-annotations', message: expect.stringContaining('allow-snippet-annotations "false"'),
    })]);
  });
  test('any key ending in -snippet counts, as in ingress-nginx\'s CheckIngress', () => {
    const app = Testing.app();
    new IngressNginxController(new Chart(app, 'ctl'), 'IngressNginx', {});
    new HttpIngress(new Chart(app, 'c'), 'Ing', { host: 'a.example.com', backend: BACKEND, annotations: { 'example.com/server-snippet': 'x' } });
    expect(errors(app).map(f => f.rule)).toEqual(['snippet-annotations']);
  });
  test('passes without an in-app controller for the class', () => {
    expect(errors(withSnippet(false))).toEqual([]);
  });
});
