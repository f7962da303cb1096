import { App, Chart, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { expectFails } from '../helpers/expect-fails';
import {
  AppDeployment, BackendCa, CertificateAuthority, ClusterIpService, CrossObjectChecks, PathType, TlsIngress, TlsIngressProps, TlsMode, Warnings,
} from '../../constructs';

const BACKEND = { serviceName: 'svc3-cluster-ip', port: 8888 };
const TERMINATION: TlsIngressProps = { host: 'svc3.example.com', mode: TlsMode.TERMINATION, tlsSecretName: 'secret-tls-svc3', backend: BACKEND };
const REENCRYPT: TlsIngressProps = { host: 'svc4.example.com', mode: TlsMode.REENCRYPT, tlsSecretName: 'secret-tls-svc4', backend: BACKEND };
const REENCRYPT_CA: TlsIngressProps = {
  ...REENCRYPT, backendCaSecretName: 'svc4-backend-ca', backendServerName: 'svc3-cluster-ip.default.svc',
};
const PASSTHROUGH: TlsIngressProps = { host: 'svc5.example.com', mode: TlsMode.PASSTHROUGH, backend: { serviceName: 'svc3-tls', port: 443 } };

/** The backend the Ingresses route to, so that app-wide checks find it, and the CA Secret REENCRYPT verifies with. */
function addBackend(chart: Chart, namespace?: string): void {
  const web = new AppDeployment(chart, 'Web', { image: 'nginx:1.27', containerPort: 8443 });
  new ClusterIpService(chart, 'Svc3ClusterIp', { selector: web.labels, port: 8888, targetPort: 8443 });
  new ClusterIpService(chart, 'Svc3ClusterIpTls', { name: 'svc3-tls', selector: web.labels, port: 443, targetPort: 8443 });
  new k8s.KubeSecret(chart, 'BackendCa', { metadata: { name: 'svc4-backend-ca', namespace }, data: {} });
}

function synthIngress(props: TlsIngressProps, id = 'Ingress', chart: Chart = Testing.chart()): { app: App; ing: TlsIngress; manifest: any[]; obj: any } {
  addBackend(chart, chart.namespace ?? 'default');
  const ing = new TlsIngress(chart, id, props);
  const manifest = Testing.synth(chart);
  const obj = manifest.find(o => o.kind === 'Ingress');
  return { app: chart.node.root as App, ing, manifest, obj };
}

function build(props: TlsIngressProps, id = 'Ingress'): () => TlsIngress {
  return () => new TlsIngress(Testing.chart(), id, props);
}

const NGINX = 'nginx.ingress.kubernetes.io/';
const PATH0 = 'spec.rules[0].http.paths[0]';

describe('TERMINATION', () => {
  test('spec.tls with host and secret, no backend-protocol', () => {
    const { app, ing, obj } = synthIngress(TERMINATION, 'Svc3Ingress');
    expect(obj).toMatchSnapshot();
    expect(obj.metadata).toEqual({ name: 'svc3-ingress' });
    expect(obj.metadata.namespace).toBeUndefined();
    expect(obj.spec).toEqual({
      ingressClassName: 'nginx',
      tls: [{ hosts: ['svc3.example.com'], secretName: 'secret-tls-svc3' }],
      rules: [{
        host: 'svc3.example.com',
        http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'svc3-cluster-ip', port: { number: 8888 } } } }] },
      }],
    });
    expect(ing.mode).toBe(TlsMode.TERMINATION);
    expect(ing.verifiesBackend).toBe(false);
    expect(ing.tlsSecretName).toBe('secret-tls-svc3');
    expect(Warnings.collect(app)).toEqual([]);
  });

  test('wildcard host is allowed', () => {
    const { obj } = synthIngress({ ...TERMINATION, host: '*.example.com' });
    expect(obj.spec.tls).toEqual([{ hosts: ['*.example.com'], secretName: 'secret-tls-svc3' }]);
    expect(obj.spec.rules[0].host).toBe('*.example.com');
  });
});

describe('REENCRYPT', () => {
  test('without CA: backend-protocol HTTPS, spec.tls, and a warning', () => {
    const { app, ing, obj } = synthIngress(REENCRYPT, 'Svc4Ingress');
    expect(obj).toMatchSnapshot();
    expect(obj.metadata.annotations).toEqual({ [`${NGINX}backend-protocol`]: 'HTTPS' });
    expect(obj.metadata.namespace).toBeUndefined();
    expect(obj.spec.tls).toEqual([{ hosts: ['svc4.example.com'], secretName: 'secret-tls-svc4' }]);
    expect(ing.verifiesBackend).toBe(false);
    const warnings = Warnings.collect(app);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].path).toBe('test/Svc4Ingress');
    expect(warnings[0].message).toMatch(/does not verify the backend's certificate/);
    expect(warnings[0].message).toMatch(/backendCaSecretName/);
  });

  test('with CA in a chart without a namespace: proxy-ssl-* annotations naming default/, nothing pinned, a warning', () => {
    const { app, ing, obj } = synthIngress(REENCRYPT_CA, 'Svc4Ingress');
    expect(obj).toMatchSnapshot();
    expect(obj.metadata.namespace).toBeUndefined();
    expect(obj.metadata.annotations).toEqual({
      [`${NGINX}backend-protocol`]: 'HTTPS',
      [`${NGINX}proxy-ssl-secret`]: 'default/svc4-backend-ca',
      [`${NGINX}proxy-ssl-verify`]: 'on',
      [`${NGINX}proxy-ssl-name`]: 'svc3-cluster-ip.default.svc',
      [`${NGINX}proxy-ssl-server-name`]: 'on',
    });
    // the string "on", never "true" or a boolean
    expect(obj.metadata.annotations[`${NGINX}proxy-ssl-verify`]).toStrictEqual('on');
    expect(obj.metadata.annotations[`${NGINX}proxy-ssl-server-name`]).toStrictEqual('on');
    expect(obj.spec.tls).toEqual([{ hosts: ['svc4.example.com'], secretName: 'secret-tls-svc4' }]);
    expect(ing.verifiesBackend).toBe(true);
    expect(Warnings.collect(app).map(w => w.message)).toEqual([expect.stringContaining('proxy-ssl-secret names "default/svc4-backend-ca" because the chart has no namespace')]);
  });

  test('with CA in a chart with a namespace: proxy-ssl-secret uses it, no warning', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'lab' });
    const { app, obj } = synthIngress(REENCRYPT_CA, 'Svc4Ingress', chart);
    expect(Warnings.collect(app)).toEqual([]);
    expect(obj.metadata.namespace).toBe('lab');
    expect(obj.metadata.annotations[`${NGINX}proxy-ssl-secret`]).toBe('lab/svc4-backend-ca');
  });
});

describe('PASSTHROUGH', () => {
  test('ssl-passthrough "true", no spec.tls', () => {
    const { ing, obj } = synthIngress(PASSTHROUGH, 'Svc5Ingress');
    expect(obj).toMatchSnapshot();
    expect(obj.metadata.annotations).toEqual({ [`${NGINX}ssl-passthrough`]: 'true' });
    expect(obj.metadata.namespace).toBeUndefined();
    expect(obj.spec.tls).toBeUndefined();
    expect(obj.spec.ingressClassName).toBe('nginx');
    expect(obj.spec.rules).toEqual([{
      host: 'svc5.example.com',
      http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'svc3-tls', port: { number: 443 } } } }] },
    }]);
    expect(ing.tlsSecretName).toBeUndefined();
    expect(ing.verifiesBackend).toBe(false);
  });

  test('explicit path "/" Prefix is fine', () => {
    const { obj } = synthIngress({ ...PASSTHROUGH, path: '/', pathType: PathType.PREFIX });
    expect(obj.spec.rules[0].http.paths[0]).toMatchObject({ path: '/', pathType: 'Prefix' });
  });
});

test('no mode sets kubernetes.io/ingress.class', () => {
  for (const props of [TERMINATION, REENCRYPT, REENCRYPT_CA, PASSTHROUGH]) {
    const { obj } = synthIngress(props);
    expect(obj.spec.ingressClassName).toBe('nginx');
    expect(obj.metadata.annotations?.['kubernetes.io/ingress.class']).toBeUndefined();
  }
});

describe('fails', () => {
  test('fails for a bad mode', () => {
    expectFails(build({ ...TERMINATION, mode: 'EDGE' as TlsMode }), '[test/Ingress]', 'props.mode', '"EDGE" is not allowed',
      '"TERMINATION", "REENCRYPT", "PASSTHROUGH"');
  });
  test('fails for TERMINATION without tlsSecretName', () => {
    expectFails(build({ ...TERMINATION, tlsSecretName: undefined }), '[test/Ingress]', 'props.tlsSecretName', 'is missing', 'TERMINATION');
  });
  test('fails for REENCRYPT without tlsSecretName', () => {
    expectFails(build({ ...REENCRYPT, tlsSecretName: undefined }), '[test/Ingress]', 'props.tlsSecretName', 'is missing', 'REENCRYPT');
  });
  test('fails for a tlsSecretName that is not a DNS-1123 subdomain', () => {
    expectFails(build({ ...TERMINATION, tlsSecretName: 'Secret_TLS' }), '[test/Ingress]', 'spec.tls[0].secretName', '"Secret_TLS"');
  });
  test('fails for TERMINATION with backendCaSecretName', () => {
    expectFails(build({ ...TERMINATION, backendCaSecretName: 'ca' }), '[test/Ingress]', 'props.backendCaSecretName', '"ca" is set',
      'TERMINATION speaks plain HTTP', 'allowed: use mode REENCRYPT');
  });
  test('fails for TERMINATION with backendServerName', () => {
    expectFails(build({ ...TERMINATION, backendServerName: 'svc.default.svc' }), '[test/Ingress]', 'props.backendServerName', '"svc.default.svc" is set');
  });
  test('fails for REENCRYPT backendCaSecretName without backendServerName', () => {
    expectFails(build({ ...REENCRYPT, backendCaSecretName: 'ca' }), '[test/Ingress]', 'props.backendServerName', 'is missing', 'proxy-ssl-name');
  });
  test('fails for REENCRYPT backendServerName without CA', () => {
    expectFails(build({ ...REENCRYPT, backendServerName: 'svc.default.svc' }), '[test/Ingress]', 'props.backendServerName',
      '"svc.default.svc" is set without backendCaSecretName');
  });
  test('fails for a bad backendCaSecretName or backendServerName', () => {
    expectFails(build({ ...REENCRYPT_CA, backendCaSecretName: 'CA' }), '[test/Ingress]', 'props.backendCaSecretName', '"CA" is not a valid DNS-1123 subdomain');
    expectFails(build({ ...REENCRYPT_CA, backendServerName: 'Svc_1' }), '[test/Ingress]', 'props.backendServerName', '"Svc_1" is not a valid DNS-1123 subdomain');
  });
  test('fails for PASSTHROUGH with tlsSecretName', () => {
    expectFails(build({ ...PASSTHROUGH, tlsSecretName: 'secret-tls' }), '[test/Ingress]', 'props.tlsSecretName', '"secret-tls" is set',
      'allowed: no tlsSecretName in PASSTHROUGH mode');
  });
  test('fails for PASSTHROUGH with backendCaSecretName', () => {
    expectFails(build({ ...PASSTHROUGH, backendCaSecretName: 'ca' }), '[test/Ingress]', 'props.backendCaSecretName', '"ca" is set',
      'allowed: no backendCaSecretName in PASSTHROUGH mode');
  });
  test('fails for PASSTHROUGH with backendServerName', () => {
    expectFails(build({ ...PASSTHROUGH, backendServerName: 'x.svc' }), '[test/Ingress]', 'props.backendServerName', '"x.svc" is set');
  });
  test('fails for PASSTHROUGH with a wildcard host', () => {
    expectFails(build({ ...PASSTHROUGH, host: '*.example.com' }), '[test/Ingress]', 'spec.rules[0].host', '"*.example.com" is a wildcard host',
      'allowed here: an exact DNS name');
  });
  test('fails for PASSTHROUGH with another path', () => {
    expectFails(build({ ...PASSTHROUGH, path: '/api' }), '[test/Ingress]', `${PATH0}.path`, '"/api" (Prefix) cannot be routed',
      'allowed: path "/" with pathType Prefix');
  });
  test('fails for PASSTHROUGH with pathType Exact', () => {
    expectFails(build({ ...PASSTHROUGH, path: '/', pathType: PathType.EXACT }), '[test/Ingress]', `${PATH0}.path`, '"/" (Exact) cannot be routed');
  });
  test('fails for PASSTHROUGH with pathType Exact and the default path, showing the path', () => {
    expectFails(build({ ...PASSTHROUGH, pathType: PathType.EXACT }), '[test/Ingress]', `${PATH0}.path`, '(Exact) cannot be routed');
  });
  test.each(['backend-protocol', 'ssl-passthrough', 'proxy-ssl-secret', 'proxy-ssl-verify', 'proxy-ssl-name', 'proxy-ssl-server-name'])(
    'fails for overriding the managed annotation %p', a => {
      for (const props of [TERMINATION, REENCRYPT, PASSTHROUGH]) {
        expectFails(build({ ...props, annotations: { [NGINX + a]: 'x' } }), '[test/Ingress]',
          `metadata.annotations[${JSON.stringify(NGINX + a)}]`, 'is managed by TlsIngress');
      }
    });
  test('fails for the kubernetes.io/ingress.class annotation', () => {
    expectFails(build({ ...TERMINATION, annotations: { 'kubernetes.io/ingress.class': 'nginx' } }), '[test/Ingress]',
      'metadata.annotations["kubernetes.io/ingress.class"]', 'set props.ingressClassName');
  });
  test('fails for a bad mode before looking at the mode\'s props', () => {
    expectFails(build({ ...PASSTHROUGH, mode: 'EDGE' as TlsMode, tlsSecretName: 'x', host: '10.0.0.1' }), '[test/Ingress]', 'props.mode');
  });
  test('fails for the mode\'s props before the shared fields', () => {
    expectFails(build({ ...TERMINATION, tlsSecretName: undefined, host: '10.0.0.1' }), '[test/Ingress]', 'props.tlsSecretName', 'is missing');
  });
  test('fails for a cert-manager annotation next to tlsSecretName', () => {
    expectFails(build({ ...TERMINATION, annotations: { 'cert-manager.io/cluster-issuer': 'ca' } }), '[test/Ingress]',
      'metadata.annotations["cert-manager.io/cluster-issuer"]', 'is a cert-manager annotation');
  });
  test('fails for an IP host', () => {
    expectFails(build({ ...TERMINATION, host: '10.0.0.1' }), '[test/Ingress]', 'spec.rules[0].host', '"10.0.0.1" is an IP address');
  });
  test('fails for a path not starting with /', () => {
    expectFails(build({ ...TERMINATION, path: 'x' }), '[test/Ingress]', `${PATH0}.path`, '"x" is not an absolute path');
  });
  test('fails for a backend with both port and portName', () => {
    expectFails(build({ ...TERMINATION, backend: { serviceName: 'svc', port: 1, portName: 'https' } }), '[test/Ingress]',
      `${PATH0}.backend.service.port`, 'has both port and portName');
  });
});

describe('backendCa: the backend CA as a source object', () => {
  test('fromSecretName verifies with that Secret and declares it external (no app-wide error)', () => {
    const chart = Testing.chart();
    const ing = new TlsIngress(chart, 'Ing', { ...REENCRYPT, backendCa: BackendCa.fromSecretName('outside-ca'), backendServerName: 'svc3-cluster-ip.default.svc' });
    const obj = Testing.synth(chart).find(o => o.kind === 'Ingress');
    expect(obj.metadata.annotations['nginx.ingress.kubernetes.io/proxy-ssl-secret']).toBe('default/outside-ca');
    expect(obj.metadata.annotations['nginx.ingress.kubernetes.io/proxy-ssl-verify']).toBe('on');
    expect(ing.verifiesBackend).toBe(true);
    const secretFindings = CrossObjectChecks.of(chart).run().filter(f => f.rule === 'tls-secret' && f.message.includes('outside-ca'));
    expect(secretFindings).toEqual([]);
  });

  test('fromCertificateAuthority verifies with the CA\'s trust Secret, defined in the app', () => {
    const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
    const ca = new CertificateAuthority(chart, 'Ca');
    new TlsIngress(chart, 'Ing', { ...REENCRYPT, backendCa: BackendCa.fromCertificateAuthority(ca), backendServerName: 'svc3-cluster-ip.shop.svc' });
    const obj = Testing.synth(chart).find(o => o.kind === 'Ingress');
    expect(obj.metadata.annotations['nginx.ingress.kubernetes.io/proxy-ssl-secret']).toBe(`shop/${ca.trustSecretName}`);
  });

  describe('fails', () => {
    test('fails for backendCa together with backendCaSecretName', () => {
      expectFails(() => new TlsIngress(Testing.chart(), 'Ing', { ...REENCRYPT_CA, backendCa: BackendCa.fromSecretName('other-ca') }),
        '[test/Ing]', 'props.backendCaSecretName', 'is set together with backendCa ("other-ca")', 'allowed: one of them');
    });
    test('fails for backendCa without backendServerName', () => {
      expectFails(() => new TlsIngress(Testing.chart(), 'Ing', { ...REENCRYPT, backendCa: BackendCa.fromSecretName('ca') }),
        'props.backendServerName', 'is missing');
    });
    test('fails for backendCa in TERMINATION and PASSTHROUGH', () => {
      expectFails(() => new TlsIngress(Testing.chart(), 'T', { ...TERMINATION, backendCa: BackendCa.fromSecretName('ca') }),
        'props.backendCa', 'TERMINATION speaks plain HTTP');
      expectFails(() => new TlsIngress(Testing.chart(), 'P', { ...PASSTHROUGH, backendCa: BackendCa.fromSecretName('ca') }),
        'props.backendCa', 'PASSTHROUGH forwards TLS untouched');
    });
    test('fails for a CertificateAuthority of another namespace', () => {
      const app = Testing.app();
      const ca = new CertificateAuthority(new Chart(app, 'pki', { namespace: 'pki' }), 'Ca');
      expectFails(() => new TlsIngress(new Chart(app, 'shop', { namespace: 'shop' }), 'Ing',
        { ...REENCRYPT, backendCa: BackendCa.fromCertificateAuthority(ca), backendServerName: 'svc3-cluster-ip.shop.svc' }), 'props.backendCa');
    });
  });
});

test('one error lists every problem of a TlsIngress', () => {
  let error: any;
  try {
    new TlsIngress(Testing.chart(), 'Ing', { ...REENCRYPT, host: '10.1.1.1', backendServerName: 'Bad_Name', backend: { serviceName: 'svc', port: 0 } });
  } catch (e) {
    error = e;
  }
  expect(error.problems.map((p: any) => p.field)).toEqual(['props.backendServerName', 'spec.rules[0].host', 'spec.rules[0].http.paths[0].backend.service.port.number']);
  expect(error.message.split('\n').map((l: string) => l.slice(0, 11))).toEqual(['[test/Ing] ', '[test/Ing] ', '[test/Ing] ']);
});
