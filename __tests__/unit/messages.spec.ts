/**
 * Messages say which rule failed: a port that is not an integer says so, NaN is never compared,
 * DNS-1123 subdomains are checked as the API server checks them (no 63-character label limit for
 * object names), Ingress hosts add the DNS label limit and say it.
 */
import { Chart, Testing } from 'cdk8s';
import {
  AppDeployment, BackendCa, ClusterIpService, CrossObjectChecks, FindingSeverity, HostNetworkPod, HostPortPod, HttpIngress, NodePortService,
  TlsCertificate, TlsIngress, TlsMode,
} from '../../constructs';
import * as k8s from '../../imports/k8s';
import { expectFails } from '../helpers/expect-fails';

const chart = () => Testing.chart();
const nodePort = (v: unknown) => () => new NodePortService(chart(), 'Svc', { selector: { app: 'web' }, port: 80, nodePort: v as number });
const hostNetwork = (props: { containerPort?: unknown; hostPort?: unknown }) => () => new HostNetworkPod(chart(), 'Pod', {
  image: 'nginx:1.27', containerPort: (props.containerPort ?? 80) as number, hostPort: props.hostPort as number | undefined,
});
const ingress = (host: string) => () => new HttpIngress(chart(), 'Ing', { host, backend: { serviceName: 'web', port: 80 } });

describe('ports that are not integers', () => {
  test('fails for nodePort 30080.5: not an integer', () => {
    expectFails(nodePort(30080.5), '[test/Svc] spec.ports[0].nodePort: 30080.5 is not a valid nodePort: it is not an integer',
      'allowed: an integer from 30000 to 32767');
  });
  test('fails for nodePort "30080": a string, not a number', () => {
    expectFails(nodePort('30080'), 'spec.ports[0].nodePort: "30080" is not a valid nodePort: it is a string, not a number (write 30080 without quotes)');
  });
  test('fails for nodePort NaN: NaN, not out of range', () => {
    const e = expectFails(nodePort(NaN), 'spec.ports[0].nodePort: NaN is not a valid nodePort: it is NaN (not a number)');
    expect(e.message).not.toContain('outside');
  });
  test('fails for a Service port given as a string', () => {
    expectFails(() => new ClusterIpService(chart(), 'Svc', { selector: { app: 'web' }, port: '80' as unknown as number }),
      'spec.ports[0].port: "80" is not a valid port number: it is a string, not a number');
  });
  test('fails for hostPort NaN on the host network without comparing it', () => {
    const e = expectFails(hostNetwork({ hostPort: NaN }), 'spec.containers[0].ports[0].hostPort: NaN is not a valid port number: it is NaN');
    expect(e.message).not.toContain('differs');
  });
  test('fails for containerPort NaN with hostPort 80 on the containerPort, not as a difference', () => {
    const e = expectFails(hostNetwork({ containerPort: NaN, hostPort: 80 }), 'spec.containers[0].ports[0].containerPort: NaN is not a valid port number');
    expect(e.message).not.toContain('differs');
  });
  test('fails for hostPort 30890.5 on a hostPort pod', () => {
    expectFails(() => new HostPortPod(chart(), 'Pod', { image: 'nginx:1.27', containerPort: 80, hostPort: 30890.5 }),
      'hostPort: 30890.5 is not a valid port number: it is not an integer');
  });
  test('valid ports still pass', () => {
    expect(nodePort(30080)().nodePort).toBe(30080);
    expect(hostNetwork({ containerPort: 8080, hostPort: 8080 })).not.toThrow();
  });
});

describe('DNS-1123 subdomains as the API server checks them', () => {
  const pod = (name: string) => () => new HostPortPod(chart(), 'Pod', { image: 'nginx:1.27', containerPort: 80, hostPort: 30890, name, labels: { app: 'web' } });
  test('a 64-character Pod name is valid (IsDNS1123Subdomain has no label limit)', () => {
    expect(pod('a'.repeat(64))().name).toBe('a'.repeat(64));
    expect(pod(`${'a'.repeat(100)}.${'b'.repeat(100)}`)).not.toThrow();
  });
  test('fails for a 254-character name, saying it is too long', () => {
    expectFails(pod('a'.repeat(254)), 'metadata.name', 'is not a valid DNS-1123 subdomain: it has 254 characters (at most 253)');
  });
  test('fails for an upper-case name, saying which characters are allowed', () => {
    expectFails(pod('Web'), '"Web" is not a valid DNS-1123 subdomain: it must consist of lowercase letters');
  });
  test('fails for an Ingress host with a 64-character label, naming the DNS label limit', () => {
    const host = `${'a'.repeat(64)}.example.com`;
    expectFails(ingress(host), 'spec.rules[0].host', 'has a 64-character label', 'at most 63 characters (RFC 1035');
  });
  test('fails for a wildcard Ingress host with a 64-character label', () => {
    expectFails(ingress(`*.${'a'.repeat(64)}.com`), 'spec.rules[0].host', 'has a 64-character label');
  });
  test('an Ingress host with 63-character labels passes', () => {
    expect(ingress(`${'a'.repeat(63)}.example.com`)).not.toThrow();
  });
});

describe('TlsCertificate factories name the call and the field', () => {
  test('fromSecretName', () => {
    const e = expectFails(() => TlsCertificate.fromSecretName('Bad_Name'), '[TlsCertificate.fromSecretName()] secretName: "Bad_Name"');
    expect(e.constructPath).toBe('TlsCertificate.fromSecretName()');
  });
  test('certManager', () => {
    expectFails(() => TlsCertificate.certManager({ issuerName: 'Bad_Issuer' }), '[TlsCertificate.certManager()] options.issuerName: "Bad_Issuer"');
  });
  test('fromFiles', () => {
    expectFails(() => TlsCertificate.fromFiles('a.crt', 'a.key'), '[TlsCertificate.fromFiles()] options.allowPrivateKeyInManifest:');
    expectFails(() => TlsCertificate.fromFiles('a.crt', 'a.key', { allowPrivateKeyInManifest: true, secretName: 'Bad' }),
      '[TlsCertificate.fromFiles()] options.secretName: "Bad"');
  });
});

describe('a Secret neither defined nor declared: the message names the declaration that fits its field', () => {
  const secretErrors = (build: (c: Chart) => void) => {
    const app = Testing.app();
    build(new Chart(app, 'c', { namespace: 'web' }));
    return CrossObjectChecks.of(app).run().filter(f => f.severity === FindingSeverity.ERROR && f.rule === 'tls-secret').map(f => f.message);
  };
  const reencrypt = (c: Chart, ca: { backendCa?: BackendCa; backendCaSecretName?: string }) => new TlsIngress(c, 'T', {
    host: 'a.example.com', mode: TlsMode.REENCRYPT, tlsSecretName: 'a-tls', backend: { serviceName: 'x', port: 443 },
    backendServerName: 'x.web.svc', ...ca,
  });

  test('a served certificate (spec.tls): TlsCertificate.fromSecretName or tlsSecretName, not BackendCa', () => {
    const [m] = secretErrors(c => new k8s.KubeIngress(c, 'Raw', {
      metadata: { name: 'raw' }, spec: { ingressClassName: 'nginx', tls: [{ hosts: ['a.example.com'], secretName: 'nowhere' }] },
    }));
    expect(m).toBe('spec.tls[0].secretName: Secret "nowhere" (namespace web) is neither defined in this app nor declared external; allowed: ' +
      'define it (TlsCertificate.certManager, TlsCertificate.fromFiles, CertificateAuthority.certificate()) or declare it external: ' +
      'certificate: TlsCertificate.fromSecretName("nowhere") (or tlsSecretName) on the exposure, ' +
      'CrossObjectChecks.declareExternalSecret(scope, "nowhere", "web") for any other object');
    expect(m).not.toContain('BackendCa');
  });

  test('a backend CA given as backendCaSecretName: BackendCa.fromSecretName, which declares it; following it passes', () => {
    const [m] = secretErrors(c => reencrypt(c, { backendCaSecretName: 'backend-ca' }));
    expect(m).toMatch(/^metadata\.annotations\["nginx\.ingress\.kubernetes\.io\/proxy-ssl-secret"\]: Secret "backend-ca" \(namespace web\) is neither/);
    expect(m).toContain('backendCa: BackendCa.fromSecretName("backend-ca") on the exposure (instead of the deprecated backendCaSecretName, which declares nothing)');
    expect(m).toContain('BackendCa.fromCertificateAuthority(ca)');
    expect(m).not.toContain('TlsCertificate.fromSecretName');
    expect(secretErrors(c => reencrypt(c, { backendCa: BackendCa.fromSecretName('backend-ca') }))).toEqual([]);
  });

  test('a mounted Secret (pod volume): CrossObjectChecks.declareExternalSecret with its name and namespace', () => {
    const [m] = secretErrors(c => new AppDeployment(c, 'Https', {
      image: 'nginx', containerPort: 8443, files: [{ sourceName: 'server-tls', key: 'tls.crt', mountPath: '/etc/tls/tls.crt', fromSecret: true }],
    }));
    expect(m).toMatch(/^spec\.template\.spec\.volumes\[0\]\.secret\.secretName: Secret "server-tls" \(namespace web\)|^spec\.volumes/);
    expect(m).toContain('declare it external: CrossObjectChecks.declareExternalSecret(scope, "server-tls", "web")');
    expect(m).not.toMatch(/TlsCertificate\.fromSecretName|BackendCa/);
  });
});
