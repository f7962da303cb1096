/**
 * Real TLS with the certificates the project generates: openssl verifies the chain, curl verifies
 * a real HTTPS server on 127.0.0.1, and a real nginx runs the DemoBackend configuration taken from
 * the synthesised ConfigMap (and reloads a renewed certificate). Needs Debian's openssl, curl and
 * nginx on PATH: a block whose tool is missing is skipped with one line on stderr saying why, unless
 * CDK8S_EXPOSE_REQUIRE_TOOLS=1 (.ci/run installs the tools and sets it): then a missing tool fails.
 */
import { ChildProcess, execFile, spawn, spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as https from 'https';
import * as net from 'net';
import * as path from 'path';
import * as tls from 'tls';
import { Testing } from 'cdk8s';
import { DemoBackend } from '../../constructs/workloads/demo-backend';
import { TlsCertificate } from '../../constructs/tls/tls-certificate';
import { TlsIngress, TlsMode } from '../../constructs/ingress/tls-ingress';
import { createCertificateAuthority, generateLabCertificates, issueCertificate, LabCertsResult } from '../../lab/pki';
import { expectFails } from '../helpers/expect-fails';
import { removeTempDir, tempDir } from '../helpers/tls';
import { describeWithTools, tool } from '../helpers/tools';

const DOMAIN = 'example.com';
const TIMEOUT_MS = 10_000;

interface Run { code: number; stdout: string; stderr: string }

/** Runs a command without a shell, bounded by a timeout; never throws for a non-zero exit. */
function run(cmd: string, args: string[], timeoutMs = TIMEOUT_MS): Promise<Run> {
  return new Promise(resolve => {
    execFile(cmd, args, { timeout: timeoutMs, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' } }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as any).code === 'number' ? (err as any).code : -1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) + (err && code === -1 ? String(err) : '') });
    });
  });
}

/** curl with --resolve so the name (SNI and Host) is sent while connecting to 127.0.0.1. */
function curl(url: string, host: string, port: number, extra: string[] = []): Promise<Run> {
  return run(tool('curl'), ['-sS', '--noproxy', '*', '--max-time', '5', '--resolve', `${host}:${port}:127.0.0.1`, ...extra, url]);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Waits until 127.0.0.1:port accepts connections (bounded). */
async function waitForPort(port: number, proc: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (proc.exitCode !== null) throw new Error(`nginx exited with ${proc.exitCode} before listening:\n${log()}`);
    const ok = await new Promise<boolean>(resolve => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => { s.destroy(); resolve(true); });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`nginx did not listen on 127.0.0.1:${port} within 10 s:\n${log()}`);
}

async function stop(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.pid === undefined) return;
  const exited = new Promise<void>(resolve => proc.once('exit', () => resolve()));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** Replaces `from` with `to`, requiring exactly `count` occurrences (so the test adapts only what it means to). */
function replaceExactly(text: string, from: string, to: string, count = 1): string {
  const n = text.split(from).length - 1;
  if (n !== count) throw new Error(`expected ${count} occurrence(s) of ${JSON.stringify(from)} in the shipped config, found ${n}:\n${text}`);
  return text.split(from).join(to);
}

let dir: string;
let certs: LabCertsResult;
let ca: string;
const file = (name: string): string => path.join(certs.outDir, name);

beforeAll(async () => {
  dir = tempDir('cdk8s-expose-real-tls-');
  certs = await generateLabCertificates({ outDir: path.join(dir, 'lab-certs'), domain: DOMAIN, namespace: 'default', cwd: dir });
  ca = file('ca.crt');
});
afterAll(() => removeTempDir(dir));

describeWithTools(['openssl', 'curl', 'nginx'], 'the tools', () => {
  test('are installed (openssl, curl, nginx)', () => {
    for (const t of ['openssl', 'curl', 'nginx']) expect(tool(t)).toMatch(new RegExp(`/${t}$`));
  });
});

describeWithTools(['openssl'], 'openssl verify', () => {
  test('accepts the generated chains', async () => {
    const r = await run(tool('openssl'), ['verify', '-CAfile', ca, file('wildcard.crt'), file('backend.crt')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${file('wildcard.crt')}: OK\n${file('backend.crt')}: OK\n`);
    expect(r.code).toBe(0);
  });

  test('checks the names and the purpose too', async () => {
    const ok = await run(tool('openssl'), ['verify', '-CAfile', ca, '-purpose', 'sslserver', '-verify_hostname', `svc3.${DOMAIN}`, file('wildcard.crt')]);
    expect(ok.code).toBe(0);
    const bad = await run(tool('openssl'), ['verify', '-CAfile', ca, '-verify_hostname', DOMAIN, file('wildcard.crt')]);
    expect(bad.code).not.toBe(0);
    expect(bad.stdout + bad.stderr).toMatch(/hostname mismatch/);
  });

  test('rejects them against another CA', async () => {
    const other = await createCertificateAuthority({ commonName: 'other CA' });
    const otherPath = path.join(dir, 'other-ca.crt');
    fs.writeFileSync(otherPath, other.certPem);
    const r = await run(tool('openssl'), ['verify', '-CAfile', otherPath, file('wildcard.crt')]);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/unable to get local issuer certificate/);
  });
});

describeWithTools(['curl'], 'curl against a real HTTPS server on 127.0.0.1 with the generated certificates', () => {
  let server: https.Server;
  let port: number;
  beforeAll(async () => {
    server = https.createServer({ cert: fs.readFileSync(file('wildcard.crt')), key: fs.readFileSync(file('wildcard.key')) }, (req, res) => {
      res.end(`Hello, I am ${String(req.headers.host).split('.')[0]} for ingress-controller demo!`);
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  });

  test('curl --cacert ca.crt --resolve svc3.<domain> verifies and gets the reply', async () => {
    const r = await curl(`https://svc3.${DOMAIN}:${port}/`, `svc3.${DOMAIN}`, port, ['--cacert', ca]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('Hello, I am svc3 for ingress-controller demo!');
  });

  test('the wildcard serves svc4 too', async () => {
    const r = await curl(`https://svc4.${DOMAIN}:${port}/`, `svc4.${DOMAIN}`, port, ['--cacert', ca]);
    expect(r.stdout).toBe('Hello, I am svc4 for ingress-controller demo!');
  });

  test('curl rejects a host the certificate does not cover', async () => {
    for (const host of [DOMAIN, `a.svc3.${DOMAIN}`, 'svc3.example.org']) {
      const r = await curl(`https://${host}:${port}/`, host, port, ['--cacert', ca]);
      expect({ host, code: r.code }).not.toEqual({ host, code: 0 });
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/subject name|does not match/i);
    }
  });

  test('curl rejects it without the lab CA', async () => {
    const r = await curl(`https://svc3.${DOMAIN}:${port}/`, `svc3.${DOMAIN}`, port);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/certificate|CA/i);
  });
});

describeWithTools(['nginx', 'curl', 'sh'], 'a real nginx runs the DemoBackend configuration from the synthesised ConfigMap', () => {
  const procs: ChildProcess[] = [];
  afterAll(async () => {
    for (const p of procs) await stop(p);
  });

  /**
   * Starts nginx with the shipped nginx.conf + server.conf, adapting only paths and the port; with
   * `runScript`, through the shipped run.sh (sh as PID 1 of the container) and a copy of the
   * certificate in `<root>/tls`, as the Secret is mounted.
   */
  async function startBackend(
    backend: DemoBackend, configMap: any, runScript = false,
  ): Promise<{ port: number; proc: ChildProcess; tlsDir: string }> {
    const nginx = tool('nginx');
    const port = await freePort();
    const root = path.join(dir, `nginx-${backend.name}${runScript ? '-run' : ''}`);
    const tlsDir = path.join(root, 'tls');
    fs.mkdirSync(tlsDir, { recursive: true });
    fs.copyFileSync(file('backend.crt'), path.join(tlsDir, 'tls.crt'));
    fs.copyFileSync(file('backend.key'), path.join(tlsDir, 'tls.key'));
    const confDir = path.join(root, 'conf');
    const tmp = path.join(root, 'tmp');
    fs.mkdirSync(confDir, { recursive: true });
    fs.mkdirSync(tmp, { recursive: true });
    // the served content is untouched: only the listen address, certificate paths and writable dirs change
    let server: string = configMap.data['server.conf'];
    server = replaceExactly(server, `listen ${backend.containerPort}`, `listen 127.0.0.1:${port}`);
    if (backend.https) {
      server = replaceExactly(server, '/etc/nginx/tls/tls.crt', path.join(tlsDir, 'tls.crt'));
      server = replaceExactly(server, '/etc/nginx/tls/tls.key', path.join(tlsDir, 'tls.key'));
    }
    let main: string = configMap.data['nginx.conf'];
    main = replaceExactly(main, '/tmp/', `${tmp}/`, 6);
    main = replaceExactly(main, '/etc/nginx/demo/server.conf', path.join(confDir, 'server.conf'));
    fs.writeFileSync(path.join(confDir, 'server.conf'), server);
    fs.writeFileSync(path.join(confDir, 'nginx.conf'), main);
    const args = ['-p', root, '-c', path.join(confDir, 'nginx.conf'), '-e', 'stderr'];

    // stdout/stderr go to a file, as in a container (a pipe or file): nginx opens /dev/stdout, which
    // fails on the socketpairs Node uses for child stdio
    const logPath = path.join(root, 'nginx.log');
    const readLog = (): string => fs.readFileSync(logPath, 'utf8');
    const testLog = fs.openSync(logPath, 'w');
    const t = spawnSync(nginx, [...args, '-t'], { stdio: ['ignore', testLog, testLog], timeout: TIMEOUT_MS });
    fs.closeSync(testLog);
    if (t.status !== 0) throw new Error(`nginx -t rejected the shipped configuration:\n${readLog()}\n--- nginx.conf\n${main}\n--- server.conf\n${server}`);

    const out = fs.openSync(logPath, 'w');
    let proc: ChildProcess;
    if (runScript) {
      // the shipped script; only its two paths and the check interval (30 s) are adapted
      let script: string = configMap.data['run.sh'];
      script = replaceExactly(script, 'conf=/etc/nginx/demo/nginx.conf', `conf=${path.join(confDir, 'nginx.conf')}`);
      script = replaceExactly(script, 'tls=/etc/nginx/tls', `tls=${tlsDir}`);
      script = replaceExactly(script, 'sleep 30 &', 'sleep 1 &');
      fs.writeFileSync(path.join(confDir, 'run.sh'), script);
      const env = { PATH: `${path.dirname(nginx)}${path.delimiter}${process.env.PATH ?? ''}` };
      proc = spawn(tool('sh'), [path.join(confDir, 'run.sh')], { stdio: ['ignore', out, out], env });
    } else {
      proc = spawn(nginx, [...args, '-g', 'daemon off;'], { stdio: ['ignore', out, out] });
    }
    fs.closeSync(out);
    procs.push(proc);
    await waitForPort(port, proc, readLog);
    return { port, proc, tlsDir };
  }

  /** The SHA-256 fingerprint of the certificate served on 127.0.0.1:port. */
  function servedCertificate(port: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = tls.connect({ host: '127.0.0.1', port, servername: 'svc4-cluster-ip', rejectUnauthorized: false }, () => {
        const fingerprint = socket.getPeerCertificate().fingerprint256;
        socket.end();
        resolve(fingerprint);
      });
      socket.once('error', reject);
    });
  }

  let httpPort: number;
  let httpsPort: number;
  let svc4: DemoBackend;
  let svc4ConfigMap: any;
  beforeAll(async () => {
    const chart = Testing.chart();
    const svc3 = new DemoBackend(chart, 'Svc3Backend', { serviceName: 'svc3' });
    svc4 = new DemoBackend(chart, 'Svc4Backend', { serviceName: 'svc4', certificate: TlsCertificate.fromSecretName('svc4-backend-tls') });
    const objs = chart.toJson();
    const cm = (name: string): any => objs.find(o => o.kind === 'ConfigMap' && o.metadata.name === name);
    svc4ConfigMap = cm(svc4.configMapName);
    httpPort = (await startBackend(svc3, cm(svc3.configMapName))).port;
    httpsPort = (await startBackend(svc4, svc4ConfigMap)).port;
  });

  test('HTTPS: run.sh serves a renewed certificate without a restart, and stops cleanly on SIGTERM', async () => {
    const { port, proc, tlsDir } = await startBackend(svc4, svc4ConfigMap, true);
    const before = await servedCertificate(port);
    expect(before).toBe(new crypto.X509Certificate(fs.readFileSync(file('backend.crt'))).fingerprint256);
    // cert-manager renews: a new key and certificate from the same CA, swapped in as the kubelet does (rename)
    const ca = { certPem: fs.readFileSync(file('ca.crt'), 'utf8'), keyPem: fs.readFileSync(file('ca.key'), 'utf8') };
    const renewed = await issueCertificate(ca, { commonName: 'svc4-cluster-ip', dnsNames: ['svc4-cluster-ip'] });
    fs.writeFileSync(path.join(tlsDir, 'tls.key.new'), renewed.keyPem);
    fs.writeFileSync(path.join(tlsDir, 'tls.crt.new'), renewed.certPem);
    fs.renameSync(path.join(tlsDir, 'tls.key.new'), path.join(tlsDir, 'tls.key'));
    fs.renameSync(path.join(tlsDir, 'tls.crt.new'), path.join(tlsDir, 'tls.crt'));
    const want = new crypto.X509Certificate(renewed.certPem).fingerprint256;
    let served = before;
    for (let i = 0; i < 100 && served !== want; i++) {
      await new Promise(r => setTimeout(r, 100));
      served = await servedCertificate(port);
    }
    expect(served).toBe(want);
    const r = await curl(`https://svc4-cluster-ip:${port}/`, 'svc4-cluster-ip', port, ['--cacert', file('ca.crt')]);
    expect(r.stdout).toBe('Hello, I am svc4 for ingress-controller demo!');
    const exited = new Promise<number | null>(resolve => proc.once('exit', code => resolve(code)));
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  test('HTTP: curl gets the seed\'s reply', async () => {
    const r = await curl(`http://svc3-cluster-ip:${httpPort}/anything`, 'svc3-cluster-ip', httpPort, ['-D', '-']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(r.stdout).toMatch(/\r\nContent-Type: text\/plain; charset=utf-8\r\n/);
    expect(r.stdout.split('\r\n\r\n')[1]).toBe('Hello, I am svc3 for ingress-controller demo!');
  });

  test('HTTPS: curl --cacert verifies the backend certificate by its Service names and gets the reply', async () => {
    for (const host of ['svc4-cluster-ip', 'svc4-cluster-ip.default.svc', 'svc4-cluster-ip.default.svc.cluster.local', `svc4.${DOMAIN}`]) {
      const r = await curl(`https://${host}:${httpsPort}/`, host, httpsPort, ['--cacert', ca]);
      expect({ host, stderr: r.stderr, body: r.stdout }).toEqual({ host, stderr: '', body: 'Hello, I am svc4 for ingress-controller demo!' });
    }
  });

  test('HTTPS: curl rejects the backend for a name it does not carry, and without the CA', async () => {
    const wrong = await curl(`https://svc3-cluster-ip:${httpsPort}/`, 'svc3-cluster-ip', httpsPort, ['--cacert', ca]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/subject name|does not match/i);
    const noCa = await curl(`https://svc4-cluster-ip:${httpsPort}/`, 'svc4-cluster-ip', httpsPort);
    expect(noCa.code).not.toBe(0);
    expect(noCa.stdout).toBe('');
  });

  test('HTTP to the HTTPS port is refused by nginx (400), so the backend protocol matters', async () => {
    const r = await curl(`http://svc4-cluster-ip:${httpsPort}/`, 'svc4-cluster-ip', httpsPort, ['-o', '/dev/null', '-w', '%{http_code}']);
    expect(r.stdout).toBe('400');
  });
});

describeWithTools(['openssl'], 'the seed\'s own openssl commands fail the synth with the file and the host', () => {
  function ingressWith(cert: string, key: string, host = `svc3.${DOMAIN}`): () => void {
    return () => new TlsIngress(Testing.chart(), 'Svc3Ingress', {
      host, mode: TlsMode.TERMINATION, backend: { serviceName: 'svc3-cluster-ip', port: 8888 },
      certificate: TlsCertificate.fromFiles(cert, key, { allowPrivateKeyInManifest: true }),
    });
  }
  function expectFailsMatching(fn: () => void, pattern: RegExp): void {
    expect(expectFails(fn).message).toMatch(pattern);
  }

  test('`openssl req -x509 ... -subj "/CN=*.xxx.com/O=xxx.com"` (no subjectAltName) is refused', async () => {
    const cert = path.join(dir, 'ic.crt');
    const key = path.join(dir, 'ic.key');
    const r = await run(tool('openssl'), ['req', '-x509', '-nodes', '-days', '365', '-newkey', 'rsa:2048', '-keyout', key, '-out', cert, '-subj', `/CN=*.${DOMAIN}/O=${DOMAIN}`], 60_000);
    expect(r.code).toBe(0);
    expectFailsMatching(ingressWith(cert, key), /\[test\/Svc3Ingress\] props\.certificate: the certificate in ".*ic\.crt" \(subject .*\) has no DNS subjectAltName/);
  });

  test('with `-addext subjectAltName` it is accepted, and its names are checked against the host', async () => {
    const cert = path.join(dir, 'ic-san.crt');
    const key = path.join(dir, 'ic-san.key');
    const r = await run(tool('openssl'), ['req', '-x509', '-nodes', '-days', '365', '-newkey', 'rsa:2048', '-keyout', key, '-out', cert,
      '-subj', `/CN=*.${DOMAIN}/O=${DOMAIN}`, '-addext', `subjectAltName = DNS:*.${DOMAIN}`], 60_000);
    expect(r.code).toBe(0);
    expect(ingressWith(cert, key)).not.toThrow();
    expectFailsMatching(ingressWith(cert, key, `a.svc3.${DOMAIN}`), /".*ic-san\.crt" does not cover host "a\.svc3\.example\.com"/);
  });

  test('bootstrap_keys.sh\'s 1024-bit server key is refused', async () => {
    const key = path.join(dir, 'server-1024.key');
    const cert = path.join(dir, 'server-1024.crt');
    // OpenSSL 3 still creates 1024-bit keys on request; TLS would refuse them at its default security level
    const r = await run(tool('openssl'), ['req', '-x509', '-nodes', '-days', '365', '-newkey', 'rsa:1024', '-keyout', key, '-out', cert,
      '-subj', `/CN=svc3.${DOMAIN}`, '-addext', `subjectAltName = DNS:svc3.${DOMAIN}`], 60_000);
    expect(r.code).toBe(0);
    expectFailsMatching(ingressWith(cert, key), /".*server-1024\.crt" has a 1024-bit RSA key/);
  });
});
