/**
 * BackendCa: the CA a re-encrypting Ingress verifies its backend against, as a source object (a
 * CertificateAuthority's trust Secret, or a Secret declared external) instead of a bare name.
 * TlsIngress binds it as below: `_useProblems` with its other problems, `_bind` once it is built.
 */
import { App, Chart, Testing } from 'cdk8s';
import { BackendCa, CertificateAuthority, CrossObjectChecks, FindingSeverity, ProblemKind, TlsIngress, TlsMode } from '../../constructs';
import { expectFails } from '../helpers/expect-fails';

const FIELD = 'props.backendCa';

/** A REENCRYPT Ingress verifying its backend with the Secret `caSecretName`, in chart `chart`. */
function reencrypt(chart: Chart, caSecretName: string): TlsIngress {
  return new TlsIngress(chart, 'Svc4Ingress', {
    host: 'svc4.example.com', mode: TlsMode.REENCRYPT, tlsSecretName: 'svc4-tls',
    backend: { serviceName: 'svc4-cluster-ip', port: 8888 },
    backendCaSecretName: caSecretName, backendServerName: 'svc4-cluster-ip.web.svc',
  });
}

/** The app-wide errors about Secrets that are neither defined nor declared. */
function secretErrors(app: App): string[] {
  return CrossObjectChecks.of(app).run()
    .filter(f => f.severity === FindingSeverity.ERROR && f.message.includes('is neither defined in this app nor declared external'))
    .map(f => f.message);
}

describe('fromSecretName', () => {
  test('a Secret outside the app: not defined in it, no CertificateAuthority, no problem', () => {
    const ca = BackendCa.fromSecretName('backend-ca');
    expect(ca.secretName).toBe('backend-ca');
    expect(ca.definedInApp).toBe(false);
    expect(ca.certificateAuthority).toBeUndefined();
    expect(ca._useProblems(FIELD, 'web')).toEqual([]);
  });

  test('_bind declares it external in the consumer\'s namespace, so the app-wide checks accept the reference', () => {
    const unbound = Testing.app();
    reencrypt(new Chart(unbound, 'web', { namespace: 'web' }), 'backend-ca');
    expect(secretErrors(unbound)).toEqual([expect.stringContaining('Secret "backend-ca" (namespace web)')]);

    const bound = Testing.app();
    const ingress = reencrypt(new Chart(bound, 'web', { namespace: 'web' }), 'backend-ca');
    BackendCa.fromSecretName('backend-ca')._bind(ingress, 'web');
    expect(secretErrors(bound)).toEqual([]);
  });

  test('fails for an invalid secret name, naming the call', () => {
    const e = expectFails(() => BackendCa.fromSecretName('Backend_CA'),
      '[BackendCa.fromSecretName()] secretName: "Backend_CA" is not a valid DNS-1123 subdomain');
    expect(e.constructPath).toBe('BackendCa.fromSecretName()');
    expect(e.problems.map(p => [p.kind, p.field, p.value])).toEqual([[ProblemKind.INVALID, 'secretName', 'Backend_CA']]);
  });
});

describe('fromCertificateAuthority', () => {
  test('the CA\'s trust Secret, defined in the app: _bind declares nothing and the app-wide checks find it', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'web', { namespace: 'web' });
    const authority = new CertificateAuthority(chart, 'LabCa');
    const ca = BackendCa.fromCertificateAuthority(authority);
    expect(ca.secretName).toBe('lab-ca-trust');
    expect(ca.secretName).toBe(authority.trustSecretName);
    expect(ca.definedInApp).toBe(true);
    expect(ca.certificateAuthority).toBe(authority);
    expect(ca._useProblems(FIELD, 'web')).toEqual([]);
    const ingress = reencrypt(chart, ca.secretName);
    const metadata = ingress.node.metadata.length;
    ca._bind(ingress, 'web');
    expect(ingress.node.metadata).toHaveLength(metadata);
    expect(secretErrors(app)).toEqual([]);
  });

  test('a CA and a consumer both without namespace: no problem', () => {
    const ca = BackendCa.fromCertificateAuthority(new CertificateAuthority(Testing.chart(), 'Ca'));
    expect(ca._useProblems(FIELD, undefined)).toEqual([]);
  });

  test('fails for a consumer in another namespace than the CA', () => {
    const app = Testing.app();
    const ca = BackendCa.fromCertificateAuthority(new CertificateAuthority(new Chart(app, 'pki', { namespace: 'pki' }), 'LabCa'));
    expect(ca._useProblems(FIELD, 'web')).toEqual([{
      kind: ProblemKind.FORBIDDEN, field: FIELD, value: 'lab-ca-trust',
      detail: 'the trust Secret "lab-ca-trust" of CertificateAuthority pki/LabCa is in namespace "pki", but this object is in "web"; ' +
        'allowed: a CertificateAuthority in a chart with the same namespace (the CA Secret is looked up in the namespace of the object that uses it)',
    }]);
    expect(ca._useProblems(FIELD, undefined)[0].detail).toContain('but this object is in "(chart default)"');
  });
});
