import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import {
  CertificateAuthority, LabCertificateAuthority, LabCertificateAuthorityProps, LabIngressCertificateOptions, LabServerCertificateProps,
  TlsCertificateSource, TlsIngress, TlsMode, Warnings,
} from '../../constructs';
import { expectValidCertManagerObject } from '../helpers/crd';
import { removeTempDir, tempDir, testPki } from '../helpers/tls';
import { expectFails } from '../helpers/expect-fails';

let dir: string;
let caFile: string;
let leafFile: string;
beforeAll(async () => {
  dir = tempDir();
  const pki = await testPki(dir);
  caFile = pki.caPath;
  leafFile = (await pki.issue('wildcard', { dnsNames: ['*.example.com'] })).cert;
});
afterAll(() => removeTempDir(dir));

describe('bootstrap in the cluster (default)', () => {
  const chart = Testing.chart();
  const ca = new CertificateAuthority(chart, 'LabCa');
  const svc3 = new TlsIngress(chart, 'Svc3Ingress', {
    host: 'svc3.example.com', mode: TlsMode.TERMINATION, certificate: ca.certificate(),
    backend: { serviceName: 'svc3-cluster-ip', port: 8888 },
  });
  ca.addServerCertificate('Svc4Backend', { dnsNames: ['svc4-cluster-ip', 'svc4-cluster-ip.default.svc', 'svc4-cluster-ip.default.svc.cluster.local'] });
  new TlsIngress(chart, 'Svc4Ingress', {
    host: 'svc4.example.com', mode: TlsMode.REENCRYPT, certificate: ca.certificate(),
    backendCaSecretName: ca.trustSecretName, backendServerName: 'svc4-cluster-ip.default.svc',
    backend: { serviceName: 'svc4-cluster-ip', port: 8888 },
  });
  const objs = chart.toJson();
  const byName = (kind: string, name: string): any => objs.find(o => o.kind === kind && o.metadata.name === name);

  test('self-signed Issuer -> CA Certificate -> CA Issuer', () => {
    expect(byName('Issuer', 'lab-ca-selfsigned')).toEqual({
      apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: 'lab-ca-selfsigned' }, spec: { selfSigned: {} },
    });
    expect(byName('Certificate', 'lab-ca-ca')).toEqual({
      apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'lab-ca-ca' },
      spec: {
        isCA: true, commonName: 'cdk8s-expose lab CA', secretName: 'lab-ca-ca', duration: '87600h',
        privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Never' },
        issuerRef: { name: 'lab-ca-selfsigned', kind: 'Issuer', group: 'cert-manager.io' },
      },
    });
    expect(byName('Issuer', 'lab-ca')).toEqual({
      apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: 'lab-ca' }, spec: { ca: { secretName: 'lab-ca-ca' } },
    });
    expect(ca.issuerName).toBe('lab-ca');
    expect(ca.caSecretName).toBe('lab-ca-ca');
    expect(ca.bootstrapsInCluster).toBe(true);
  });

  test('per-host certificates for the Ingresses and the backend, signed by the CA Issuer', () => {
    const ingressCert = byName('Certificate', 'svc3-ingress-tls');
    expect(ingressCert.spec.issuerRef).toEqual({ name: 'lab-ca', kind: 'Issuer', group: 'cert-manager.io' });
    expect(ingressCert.spec.dnsNames).toEqual(['svc3.example.com']);
    expect(svc3.certificate?.source).toBe(TlsCertificateSource.CERT_MANAGER);
    const backend = byName('Certificate', 'svc4-backend-tls');
    expect(backend.spec).toEqual({
      secretName: 'svc4-backend-tls',
      dnsNames: ['svc4-cluster-ip', 'svc4-cluster-ip.default.svc', 'svc4-cluster-ip.default.svc.cluster.local'],
      privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
      issuerRef: { name: 'lab-ca', kind: 'Issuer', group: 'cert-manager.io' },
    });
  });

  test('every cert-manager object matches the CRD schema', () => {
    const cm = objs.filter(o => String(o.apiVersion).startsWith('cert-manager.io/'));
    expect(cm).toHaveLength(7);
    cm.forEach(expectValidCertManagerObject);
  });

  test('the CRD check is not vacuous: an unknown field and a wrong type in a Certificate are reported', () => {
    const cert = objs.find(o => o.kind === 'Certificate');
    expect(() => expectValidCertManagerObject({ ...cert, spec: { ...cert.spec, dnsNames: 'one.example.com', colour: 'blue' } }))
      .toThrow(/spec\/dnsNames[\s\S]*must be array[\s\S]*colour|colour[\s\S]*spec\/dnsNames[\s\S]*must be array/);
  });

  test('re-encryption verifies against the trust Secret: a Certificate from the CA whose Secret\'s ca.crt is the CA, never the CA\'s own Secret', () => {
    const ing = objs.find(o => o.kind === 'Ingress' && o.metadata.name === 'svc4-ingress');
    expect(ing.metadata.annotations['nginx.ingress.kubernetes.io/proxy-ssl-secret']).toBe('default/lab-ca-trust');
    expect(ing.metadata.annotations['nginx.ingress.kubernetes.io/proxy-ssl-verify']).toBe('on');
    expect(objs.filter(o => o.kind === 'Secret')).toEqual([]);
    expect(byName('Certificate', 'lab-ca-trust').spec).toEqual({
      commonName: 'lab-ca trust', secretName: 'lab-ca-trust', usages: ['digital signature', 'client auth'],
      privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
      issuerRef: { name: 'lab-ca', kind: 'Issuer', group: 'cert-manager.io' },
    });
    expect(ca.trustSecretDefined).toBe(true);
    expect(ca.exportCaCommand).toBe('kubectl get secret lab-ca-trust -o jsonpath=\'{.data.ca\\.crt}\' | base64 -d > ca.crt');
    const warnings = Warnings.collect(chart.node.root).map(w => w.message);
    expect(warnings.some(w => w.includes('lab-ca-trust') && w.includes('kubectl create secret'))).toBe(false);
  });

  test('the printed commands name the chart\'s namespace', () => {
    const app = Testing.app();
    const ca = new CertificateAuthority(new Chart(app, 'ns', { namespace: 'lab' }), 'LabCa');
    expect(ca.exportCaCommand).toBe('kubectl -n lab get secret lab-ca-trust -o jsonpath=\'{.data.ca\\.crt}\' | base64 -d > ca.crt');
  });

  test('no private key in the output', () => {
    expect(JSON.stringify(objs)).not.toMatch(/PRIVATE KEY|tls\.key/);
  });
});

describe('with an existing CA (caCertificateFile)', () => {
  test('no bootstrap; the trust-only secret holds just the public ca.crt; the CA secret is declared external', () => {
    const chart = Testing.chart();
    const ca = new CertificateAuthority(chart, 'LabCa', { caCertificateFile: caFile });
    const objs = chart.toJson();
    expect(objs.map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['Secret/lab-ca-trust', 'Issuer/lab-ca']);
    const trust = objs[0];
    expect(trust.type).toBe('Opaque');
    expect(Object.keys(trust.data)).toEqual(['ca.crt']);
    expect(Buffer.from(trust.data['ca.crt'], 'base64').toString()).toBe(fs.readFileSync(caFile, 'utf8'));
    expect(ca.trustSecretDefined).toBe(true);
    expect(ca.bootstrapsInCluster).toBe(false);
    expect(ca.caSecretCommand).toBe(`kubectl create secret tls lab-ca-ca --cert ${caFile} --key ${caFile.replace(/\.crt$/, '.key')}`);
    expect(JSON.stringify(objs)).not.toMatch(/PRIVATE KEY/);
    const warnings = Warnings.collect(chart.node.root).map(w => w.message);
    expect(warnings.some(w => w.includes(ca.caSecretCommand!))).toBe(true);
  });

  test('fails for a certificate that is not a CA', () => {
    expectFails(() => new CertificateAuthority(Testing.chart(), 'LabCa', { caCertificateFile: leafFile }),
      '[test/LabCa] props.caCertificateFile: the certificate in', 'wildcard.crt" is not a CA');
  });

  test('fails for a missing file', () => {
    expectFails(() => new CertificateAuthority(Testing.chart(), 'LabCa', { caCertificateFile: path.join(dir, 'nope.crt') }), 'cannot read', 'nope.crt');
  });
});

describe('rules', () => {
  test('custom name, common name and duration', () => {
    const chart = Testing.chart();
    new CertificateAuthority(chart, 'X', { name: 'my-ca', commonName: 'My CA', caDuration: '43800h' });
    const cert = chart.toJson().find(o => o.kind === 'Certificate');
    expect(cert.metadata.name).toBe('my-ca-ca');
    expect(cert.spec.commonName).toBe('My CA');
    expect(cert.spec.duration).toBe('43800h');
  });
  test('fails for an invalid name', () => {
    expectFails(() => new CertificateAuthority(Testing.chart(), 'X', { name: 'My CA' }), '[test/X] metadata.name: "My CA"');
  });
  test('fails for a name too long for its derived names', () => {
    expectFails(() => new CertificateAuthority(Testing.chart(), 'X', { name: 'a.'.repeat(124) + 'a' }), '[test/X] props.name: ');
  });
  test('fails for a CA duration that is not a Go duration', () => {
    expectFails(() => new CertificateAuthority(Testing.chart(), 'X', { caDuration: '10y' }), 'props.caDuration: "10y" is not a Go duration');
  });
  test('fails for a common name longer than 64 characters', () => {
    expectFails(() => new CertificateAuthority(Testing.chart(), 'X', { commonName: 'c'.repeat(65) }), 'props.commonName', 'allowed: 1-64');
  });
  test('a construct with two bad props: one error lists both, and nothing is left in the tree', () => {
    const chart = Testing.chart();
    const e = expectFails(() => new CertificateAuthority(chart, 'X', { caDuration: '10y', commonName: 'c'.repeat(65) }));
    expect(e.message.split('\n')).toEqual([
      '[test/X] props.caDuration: "10y" is not a Go duration; allowed: a number and unit, repeated (ns, us, ms, s, m, h), e.g. "2160h" or "90m"',
      `[test/X] props.commonName: "${'c'.repeat(65)}" has 65 characters; allowed: 1-64 (X.509 upper bound)`,
    ]);
    expect(chart.node.tryFindChild('X')).toBeUndefined();
    expect(() => new CertificateAuthority(chart, 'X')).not.toThrow();
  });
  test('a server certificate with two bad props: one error lists both', () => {
    const ca = new CertificateAuthority(Testing.chart(), 'X');
    const e = expectFails(() => ca.addServerCertificate('A', { dnsNames: ['ok.example.com', '10.0.0.1'], duration: '1d' }));
    expect(e.problems.map(p => p.field)).toEqual(['spec.dnsNames[1]', 'spec.duration']);
    expect(e.message).toMatch(/^\[test\/X\/A\] spec\.dnsNames\[1\]: "10\.0\.0\.1" is an IP address.*\n\[test\/X\/A\] spec\.duration: "1d" is not a Go duration/);
  });
  test('fails for a server certificate without names, with a bad name, or a bad duration', () => {
    const ca = new CertificateAuthority(Testing.chart(), 'X');
    expectFails(() => ca.addServerCertificate('A', { dnsNames: [] }), '[test/X/A] spec.dnsNames: is empty');
    expectFails(() => ca.addServerCertificate('B', { dnsNames: ['ok.example.com', '10.0.0.1'] }), 'spec.dnsNames[1]: "10.0.0.1" is an IP address');
    expectFails(() => ca.addServerCertificate('C', { dnsNames: ['a'], duration: '1d' }), 'spec.duration: "1d"');
    expectFails(() => ca.addServerCertificate('D', { dnsNames: ['a'], secretName: 'Bad' }), 'spec.secretName: "Bad"');
  });
});

describe('deprecated names (issue 19)', () => {
  /** The lab's CA chain, an Ingress certificate and a backend certificate, built with the given class and props types. */
  function build(Ca: typeof CertificateAuthority, props: LabCertificateAuthorityProps, ingress: LabIngressCertificateOptions,
    server: LabServerCertificateProps): { ca: CertificateAuthority; objs: any[] } {
    const chart = Testing.chart();
    const ca = new Ca(chart, 'LabCa', props);
    new TlsIngress(chart, 'Svc3Ingress', {
      host: 'svc3.example.com', mode: TlsMode.TERMINATION, certificate: ca.certificate(ingress),
      backend: { serviceName: 'svc3-cluster-ip', port: 8888 },
    });
    ca.addServerCertificate('Svc4Backend', server);
    return { ca, objs: chart.toJson() };
  }

  test('LabCertificateAuthority and the Lab* props still work and give the same objects as CertificateAuthority', () => {
    const args: [LabCertificateAuthorityProps, LabIngressCertificateOptions, LabServerCertificateProps] = [
      { name: 'lab-ca' }, { secretName: 'secret-tls-svc3', duration: '2160h' }, { dnsNames: ['svc4-cluster-ip'], secretName: 'svc4-backend-tls' },
    ];
    const old = build(LabCertificateAuthority, ...args);
    const renamed = build(CertificateAuthority, ...args);
    expect(old.ca).toBeInstanceOf(CertificateAuthority);
    expect(old.objs).toHaveLength(7);
    expect(JSON.stringify(old.objs)).toBe(JSON.stringify(renamed.objs));
    expect([old.ca.issuerName, old.ca.caSecretName, old.ca.trustSecretName, old.ca.exportCaCommand])
      .toEqual([renamed.ca.issuerName, renamed.ca.caSecretName, renamed.ca.trustSecretName, renamed.ca.exportCaCommand]);
  });

  test('LabCertificateAuthority validates the same way', () => {
    expectFails(() => new LabCertificateAuthority(Testing.chart(), 'X', { caDuration: '10y' }), 'props.caDuration: "10y" is not a Go duration');
  });
});
