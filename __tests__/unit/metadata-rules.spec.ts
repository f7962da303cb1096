/**
 * Object metadata: annotation keys (qualified names), the 256 KiB annotation total, namespaces
 * (DNS-1123 labels) and object identities (kind + namespace + name once per app).
 */
import { App, Chart, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import {
  AppDeployment, CrossObjectChecks, FindingSeverity, HttpIngress, HttpIngressProps, TlsIngress, TlsMode,
} from '../../constructs';
import { expectFails } from '../helpers/expect-fails';

const errors = (app: App) => CrossObjectChecks.of(app).run().filter(f => f.severity === FindingSeverity.ERROR);
const BACKEND = { serviceName: 'web', port: 80 };
const ingress = (props: Partial<HttpIngressProps>, chart: Chart = Testing.chart()) => () =>
  new HttpIngress(chart, 'Ing', { host: 'a.example.com', backend: BACKEND, ...props });
const annotated = (annotations: Record<string, string>) => ingress({ annotations });

describe('validateAnnotationKey', () => {
  test.each([
    'example.com/my-key', 'Example.COM/MyKey', 'my.key_1', 'a'.repeat(63), `${'a'.repeat(253)}/x`, `${'a'.repeat(100)}.b/${'c'.repeat(63)}`,
  ])('accepts %p', key => {
    expect(annotated({ [key]: 'v' })).not.toThrow();
  });
  test.each([
    ['bad key', 'its name part "bad key" must consist of alphanumerics'],
    ['a/b/c', "it has 2 '/'"],
    [`${'a'.repeat(254)}/x`, 'its prefix has 254 characters (at most 253)'],
    [`example.com/${'n'.repeat(64)}`, 'its name part has 64 characters (at most 63)'],
    ['/x', "its prefix (before '/') is empty"],
    ['example.com/', 'its name part is empty'],
    ['bad_prefix/x', 'its prefix "bad_prefix" is not a DNS-1123 subdomain'],
    ['-x', 'alphanumeric at both ends'],
  ])('fails for %p', (key, why) => {
    expectFails(annotated({ [key]: 'v' }), '[test/Ing]', `metadata.annotations[${JSON.stringify(key)}]`,
      `${JSON.stringify(key)} is not a valid annotation key`, why);
  });
  test('fails for a raw object with a bad annotation key at synth (object-metadata)', () => {
    const app = Testing.app();
    new k8s.KubeConfigMap(new Chart(app, 'c'), 'Cm', { metadata: { name: 'cm', annotations: { 'a/b/c': 'x' } } });
    expect(errors(app)).toEqual([expect.objectContaining({ path: 'c/Cm', rule: 'object-metadata', message: expect.stringContaining('metadata.annotations["a/b/c"]: not a valid annotation key') })]);
  });
});

describe('validateAnnotationsSize (256 KiB, keys and values in bytes)', () => {
  const key = 'example.com/big';
  test('accepts exactly 262144 bytes', () => {
    expect(annotated({ [key]: 'x'.repeat(262144 - key.length) })).not.toThrow();
  });
  test('fails for 262145 bytes', () => {
    expectFails(annotated({ [key]: 'x'.repeat(262145 - key.length) }), '[test/Ing] metadata.annotations: total 262145 bytes', 'at most 262144 bytes');
  });
  test('counts UTF-8 bytes, not characters', () => {
    expectFails(annotated({ [key]: 'é'.repeat(131072) }), `total ${key.length + 262144} bytes`);
  });
  test('fails for a raw object over the limit at synth', () => {
    const app = Testing.app();
    new k8s.KubeConfigMap(new Chart(app, 'c'), 'Cm', { metadata: { name: 'cm', annotations: { a: 'x'.repeat(262144) } } });
    expect(errors(app)).toEqual([expect.objectContaining({ rule: 'object-metadata', message: expect.stringContaining('total 262145 bytes is too long') })]);
  });
});

describe('validateNamespaceName (chart namespaces)', () => {
  test('fails for a TlsIngress in a chart with namespace Bad_NS, before it reaches proxy-ssl-secret', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'Bad_NS' });
    expectFails(() => new TlsIngress(chart, 'Ing', {
      host: 'a.example.com', mode: TlsMode.REENCRYPT, tlsSecretName: 'a-tls', backend: BACKEND,
      backendCaSecretName: 'ca', backendServerName: 'web.bad.svc',
    }), '[c/Ing] metadata.namespace: "Bad_NS" is not a valid DNS-1123 label');
  });
  test.each(['Bad_NS', 'a.b', 'n'.repeat(64)])('fails for raw objects in namespace %p at synth', ns => {
    const app = Testing.app();
    new AppDeployment(new Chart(app, 'c', { namespace: ns }), 'Web', { image: 'nginx:1.27', containerPort: 80 });
    expect(errors(app)).toEqual([expect.objectContaining({ path: 'c/Web', rule: 'object-metadata', message: expect.stringContaining('is not a valid namespace name') })]);
  });
  test('a valid chart namespace passes', () => {
    const app = Testing.app();
    ingress({}, new Chart(app, 'c', { namespace: 'team-a' }))();
    expect(errors(app)).toEqual([]);
  });
});

describe('object identities', () => {
  const web = (chart: Chart, id = 'Web', name?: string) => new AppDeployment(chart, id, { image: 'nginx:1.27', containerPort: 80, name });
  test('fails for one Deployment name in two charts without namespace, naming the first', () => {
    const app = Testing.app();
    web(new Chart(app, 'a'));
    web(new Chart(app, 'b'));
    expect(errors(app)).toEqual([expect.objectContaining({
      path: 'b/Web', rule: 'object-identity',
      message: expect.stringMatching(/^metadata\.name: Deployment "web" in namespace "default" \(no namespace set.*\) is also defined by a\/Web/),
    })]);
    expect(() => app.synth()).toThrow(/\[b\/Web\] metadata\.name: Deployment "web"/);
  });
  test('fails for ids that derive one name (Café and Cafè)', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    web(chart, 'Café');
    web(chart, 'Cafè');
    expect(errors(app)).toEqual([expect.objectContaining({ path: 'c/Cafè', message: expect.stringContaining('Deployment "caf"') })]);
  });
  test('fails for an explicit "default" namespace and a chart without one', () => {
    const app = Testing.app();
    web(new Chart(app, 'a', { namespace: 'default' }));
    web(new Chart(app, 'b'));
    expect(errors(app)).toHaveLength(1);
  });
  test('fails for a cluster-scoped kind whatever the charts\' namespaces', () => {
    const app = Testing.app();
    new k8s.KubeNamespace(new Chart(app, 'a', { namespace: 'x' }), 'Ns', { metadata: { name: 'team' } });
    new k8s.KubeNamespace(new Chart(app, 'b', { namespace: 'y' }), 'Ns', { metadata: { name: 'team' } });
    expect(errors(app)).toEqual([expect.objectContaining({ path: 'b/Ns', message: expect.stringContaining('Namespace "team" (cluster-scoped)') })]);
  });
  test('passes for one name in two namespaces, for two kinds, and for two API groups', () => {
    const app = Testing.app();
    web(new Chart(app, 'a', { namespace: 'x' }));
    web(new Chart(app, 'b', { namespace: 'y' }));
    const c = new Chart(app, 'c');
    new k8s.KubeConfigMap(c, 'Cm', { metadata: { name: 'same' } });
    new k8s.KubeSecret(c, 'S', { metadata: { name: 'same' } });
    expect(errors(app)).toEqual([]);
  });
});
