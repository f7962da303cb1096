import { Testing } from 'cdk8s';
import { BackendProtocol, HttpIngress, HttpIngressProps, PathType } from '../../constructs';
import { expectFails } from '../helpers/expect-fails';

const BASE: HttpIngressProps = { host: 'svc1.example.com', backend: { serviceName: 'svc1-cluster-ip', port: 8888 } };

function synthIngress(props: Partial<HttpIngressProps> = {}, id = 'Svc1Ingress'): { ing: HttpIngress; manifest: any[] } {
  const chart = Testing.chart();
  const ing = new HttpIngress(chart, id, { ...BASE, ...props });
  return { ing, manifest: Testing.synth(chart) };
}

function build(props: Partial<HttpIngressProps>, id = 'Ingress'): () => HttpIngress {
  return () => new HttpIngress(Testing.chart(), id, { ...BASE, ...props });
}

const RULE = 'spec.rules[0]';
const PATH0 = 'spec.rules[0].http.paths[0]';

test('defaults', () => {
  const { ing, manifest } = synthIngress();
  expect(manifest).toMatchSnapshot();
  expect(manifest).toHaveLength(1);
  const [obj] = manifest;
  expect(obj.apiVersion).toBe('networking.k8s.io/v1');
  expect(obj.kind).toBe('Ingress');
  // no annotations at all: no kubernetes.io/ingress.class, no backend-protocol
  expect(obj.metadata).toEqual({ name: 'svc1-ingress' });
  expect(obj.spec).toEqual({
    ingressClassName: 'nginx',
    rules: [{
      host: 'svc1.example.com',
      http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'svc1-cluster-ip', port: { number: 8888 } } } }] },
    }],
  });
  expect(obj.spec.tls).toBeUndefined();
  expect(ing.name).toBe('svc1-ingress');
  expect(ing.host).toBe('svc1.example.com');
  expect(ing.path).toBe('/');
  expect(ing.pathType).toBe(PathType.PREFIX);
  expect(ing.ingressClassName).toBe('nginx');
  expect(ing.backendProtocol).toBe(BackendProtocol.HTTP);
  expect(ing.annotations).toEqual({});
  expect(ing.tlsSecretName).toBeUndefined();
});

test('HTTPS backend sets backend-protocol: HTTPS', () => {
  const { ing, manifest } = synthIngress({ backendProtocol: BackendProtocol.HTTPS }, 'Svc2Ingress');
  expect(manifest).toMatchSnapshot();
  expect(manifest[0].metadata.annotations).toEqual({ 'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS' });
  expect(manifest[0].spec.tls).toBeUndefined();
  expect(ing.backendProtocol).toBe(BackendProtocol.HTTPS);
});

test('explicit HTTP backend sets no annotation', () => {
  expect(synthIngress({ backendProtocol: BackendProtocol.HTTP }).manifest[0].metadata.annotations).toBeUndefined();
});

test('all options: port name, path, pathType, class, name, labels, extra annotations sorted', () => {
  const { ing, manifest } = synthIngress({
    host: '*.apps.example.com', backend: { serviceName: 'web', portName: 'http' }, path: '/api', pathType: PathType.EXACT,
    ingressClassName: 'nginx-internal', name: 'api', labels: { team: 'web' },
    annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/', 'a.example.com/owner': 'me' },
    backendProtocol: BackendProtocol.HTTPS,
  });
  expect(manifest).toMatchSnapshot();
  const [obj] = manifest;
  expect(obj.metadata).toEqual({
    name: 'api',
    labels: { team: 'web' },
    annotations: {
      'a.example.com/owner': 'me',
      'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS',
      'nginx.ingress.kubernetes.io/rewrite-target': '/',
    },
  });
  expect(Object.keys(obj.metadata.annotations)).toEqual(Object.keys(obj.metadata.annotations).sort());
  expect(obj.spec.ingressClassName).toBe('nginx-internal');
  expect(obj.spec.rules).toEqual([{
    host: '*.apps.example.com',
    http: { paths: [{ path: '/api', pathType: 'Exact', backend: { service: { name: 'web', port: { name: 'http' } } } }] },
  }]);
  expect(ing.annotations).toEqual(obj.metadata.annotations);
});

test('the ingress-nginx renderer is the default, also when selected explicitly', () => {
  const chart = Testing.chart();
  chart.node.setContext('cdk8s-expose:ingress-renderer', 'ingress-nginx');
  new HttpIngress(chart, 'Svc1Ingress', { ...BASE, backendProtocol: BackendProtocol.HTTPS });
  expect(Testing.synth(chart)).toEqual(synthIngress({ backendProtocol: BackendProtocol.HTTPS }).manifest);
});

test('ImplementationSpecific allows paths Prefix refuses', () => {
  const { manifest } = synthIngress({ path: '/a//b', pathType: PathType.IMPLEMENTATION_SPECIFIC });
  expect(manifest[0].spec.rules[0].http.paths[0]).toMatchObject({ path: '/a//b', pathType: 'ImplementationSpecific' });
});

describe('fails', () => {
  test.each(['10.0.0.1', '2001:db8::1'])('fails for host IP %p', host => {
    expectFails(build({ host }), '[test/Ingress]', `${RULE}.host`, `${JSON.stringify(host)} is an IP address`);
  });
  test.each(['*a.com', 'a.*.com', '*.'])('fails for bad wildcard host %p', host => {
    expectFails(build({ host }), '[test/Ingress]', `${RULE}.host`, `${JSON.stringify(host)} is not a valid wildcard host`);
  });
  test('fails for an uppercase host', () => {
    expectFails(build({ host: 'Svc1.example.com' }), '[test/Ingress]', `${RULE}.host`, '"Svc1.example.com" is not a valid DNS-1123 subdomain');
  });
  test('fails for a path not starting with /', () => {
    expectFails(build({ path: 'api' }), '[test/Ingress]', `${PATH0}.path`, '"api" is not an absolute path');
  });
  test.each(['/a//b', '/a/../b', '/a/.', '/a%2Fb'])('fails for Prefix path %p', p => {
    expectFails(build({ path: p }), '[test/Ingress]', `${PATH0}.path`, JSON.stringify(p), 'when pathType is Prefix');
  });
  test('fails for a bad pathType', () => {
    expectFails(build({ pathType: 'Regex' as PathType }), '[test/Ingress]', `${PATH0}.pathType`, '"Regex" is not allowed');
  });
  test('fails for a backend with both port and portName', () => {
    expectFails(build({ backend: { serviceName: 'web', port: 80, portName: 'http' } }),
      '[test/Ingress]', `${PATH0}.backend.service.port`, 'has both port and portName', 'allowed: exactly one of them');
  });
  test('fails for a backend with neither port nor portName', () => {
    expectFails(build({ backend: { serviceName: 'web' } }), '[test/Ingress]', `${PATH0}.backend.service.port`, 'has neither port and portName');
  });
  test('fails for a backend port out of range', () => {
    expectFails(build({ backend: { serviceName: 'web', port: 0 } }), '[test/Ingress]', `${PATH0}.backend.service.port.number`, '0 is not a valid port number');
  });
  test('fails for a backend port name longer than 15 characters', () => {
    expectFails(build({ backend: { serviceName: 'web', portName: 'https-backend-01' } }),
      '[test/Ingress]', `${PATH0}.backend.service.port.name`, '"https-backend-01"', '1-15 characters');
  });
  test('fails for a backend service name that is not a DNS-1035 label', () => {
    expectFails(build({ backend: { serviceName: '1web', port: 80 } }), '[test/Ingress]', `${PATH0}.backend.service.name`, '"1web" is not a valid DNS-1035 label');
  });
  test('fails for the kubernetes.io/ingress.class annotation', () => {
    expectFails(build({ annotations: { 'kubernetes.io/ingress.class': 'nginx' } }),
      '[test/Ingress]', 'metadata.annotations["kubernetes.io/ingress.class"]', 'is deprecated', 'set props.ingressClassName');
  });
  test('fails for overriding the managed backend-protocol annotation', () => {
    expectFails(build({ annotations: { 'nginx.ingress.kubernetes.io/backend-protocol': 'GRPC' } }),
      '[test/Ingress]', 'metadata.annotations["nginx.ingress.kubernetes.io/backend-protocol"]', 'is managed by HttpIngress');
  });
  test('fails for a bad backendProtocol', () => {
    expectFails(build({ backendProtocol: 'GRPC' as BackendProtocol }), '[test/Ingress]', 'props.backendProtocol', '"GRPC" is not allowed', '"HTTP", "HTTPS"');
  });
  test('fails for a bad ingressClassName', () => {
    expectFails(build({ ingressClassName: 'Nginx' }), '[test/Ingress]', 'spec.ingressClassName', '"Nginx" is not a valid DNS-1123 subdomain');
  });
  test('fails for bad labels', () => {
    expectFails(build({ labels: { team: 'a b' } }), '[test/Ingress]', 'metadata.labels["team"]', '"a b" is not a valid label value');
  });
  test('fails for a name derived from a bad id, in the same error as the other problems, and leaves nothing behind', () => {
    const chart = Testing.chart();
    let error: any;
    try {
      new HttpIngress(chart, 'X'.repeat(254), { ...BASE, host: '10.0.0.1' });
    } catch (e) {
      error = e;
    }
    expect(error.problems.map((p: any) => p.field)).toEqual(['spec.rules[0].host', 'metadata.name']);
    expect(error.message).toContain('has 254 characters (at most 253)');
    expect(error.message).toContain('set props.name)');
    expect(chart.node.tryFindChild('X'.repeat(254))).toBeUndefined();
  });
  test('fails for a bad name', () => {
    expectFails(build({ name: 'My-Ingress' }), '[test/Ingress]', 'metadata.name', '"My-Ingress" is not a valid DNS-1123 subdomain');
  });
});
