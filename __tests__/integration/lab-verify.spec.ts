/**
 * `npm run lab:verify` without a cluster: every section's client command, derived from the
 * constructs, run against stand-in `kubectl` and `curl` (see lab-scripts.spec.ts for the harness);
 * the table, the failures and the exit codes; the README shows the same commands.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { buildLab, LAB_CONFIG } from '../../lab';
import { displayCommand, labChecks } from '../../lab/checks';
import { kubectlCalls, lab, NS, PEM, Reply, ROOT, scriptRun, tools, useStandIns } from '../helpers/lab-scripts';

useStandIns();

describe('lab:verify', () => {
  const NODE = '192.0.2.10';
  const POD_NODE = '192.0.2.21';
  const welcome = { status: 200, body: '<html><h1>Welcome to nginx!</h1></html>' };
  const hello = (svc: string) => ({ status: 200, body: `Hello, I am ${svc} for ingress-controller demo!` });
  const healthy: Record<string, Reply | 'hang' | undefined> = {
    [`http://${POD_NODE}:30890/`]: welcome,
    [`http://${POD_NODE}:8090/`]: welcome,
    [`http://${NODE}:30888/`]: welcome,
    'http://10.119.12.4:8088/': welcome,
    'http://no-such-host.xxx.com/': { status: 404, body: 'default backend - 404' },
    'http://svc1.xxx.com/': hello('svc1'),
    'http://svc2.xxx.com/': hello('svc2'),
    'http://svc3.xxx.com/': { status: 308, location: 'https://svc3.xxx.com/' },
    'https://svc3.xxx.com/': hello('svc3'),
    'http://svc4.xxx.com/': { status: 308, location: 'https://svc4.xxx.com/' },
    'https://svc4.xxx.com/': hello('svc4'),
    'https://svc5.xxx.com/': hello('svc5'),
  };
  /** The cluster: pods on POD_NODE, the lab CA's trust Secret (unless `ca` is false); curl's answers. */
  const cluster = (curl: Record<string, Reply | 'hang' | undefined>, ca = true) => {
    tools.kubectl(`-n ${NS} get pod * -o jsonpath={.status.hostIP}`, 0, POD_NODE);
    if (ca) tools.kubectl(`-n ${NS} get secret lab-ca-trust -o *`, 0, Buffer.from(PEM).toString('base64'));
    for (const [url, reply] of Object.entries(curl)) if (reply !== undefined) tools.curl(url, reply);
  };

  test('every check passes: a table of section, command, expected, got, result; exit 0', () => {
    cluster(healthy);
    const r = lab('verify', ['--node', NODE]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const header = lines.findIndex(l => l.startsWith('section'));
    expect(lines[header]).toMatch(/^section +\| command +\| expected +\| got +\| result$/);
    const rows = lines.slice(header + 2).filter(l => / \| (PASS|FAIL)$/.test(l));
    expect(rows).toHaveLength(12);
    expect(rows.every(l => l.endsWith('| PASS'))).toBe(true);
    expect(r.stdout).toContain(`curl --resolve svc4.xxx.com:443:${NODE} --cacert ca.crt https://svc4.xxx.com/`);
    expect(r.stdout).toContain(`curl http://${POD_NODE}:30890/`);
    expect(r.stdout).toContain(`ca.crt: kubectl -n ${NS} get secret lab-ca-trust -o jsonpath='{.data.ca\\.crt}' | base64 -d > ca.crt`);
    expect(r.stdout).toContain('lab:verify: 12/12 passed');
    // the CA from the trust Secret, by kubectl in the lab's namespace; curl got it as a file
    expect(kubectlCalls(r)).toContain(`-n ${NS} get secret lab-ca-trust -o jsonpath={.data.ca\\.crt}`);
    const curls = r.calls.filter(c => c.tool === 'curl').map(c => c.args);
    expect(curls).toHaveLength(12);
    const svc4 = curls.find(a => a.at(-1) === 'https://svc4.xxx.com/')!;
    expect(svc4[svc4.indexOf('--resolve') + 1]).toBe(`svc4.xxx.com:443:${NODE}`);
    expect(svc4[svc4.indexOf('--cacert') + 1]).toMatch(/ca\.crt$/);
    expect(svc4).not.toContain('-k');
  });

  test('lab:verify as a process (package.json\'s command): a wrong reply, a time-out and a refused connection fail their rows; exit 1', () => {
    cluster({
      ...healthy,
      'https://svc4.xxx.com/': { status: 503, body: '<html>503 Service Temporarily Unavailable</html>' },
      'http://10.119.12.4:8088/': 'hang',
      [`http://${NODE}:30888/`]: undefined,
    });
    const r = scriptRun('verify', ['--node', NODE, '--curl-timeout', '0.25']);
    expect(r.code).toBe(1);
    const row = (section: string) => r.stdout.split('\n').find(l => new RegExp(`^${section.replace(/[()]/g, '\\$&')} +\\|`).test(l))!;
    expect(row('exp 6 re-encrypt (svc4)')).toMatch(/503 "<html>503 Service Temporarily Unavailable<\/html>" +\| FAIL$/);
    expect(row('9.4 externalIPs')).toMatch(/no answer within 0\.5s +\| FAIL$/);
    expect(row('9.3 NodePort')).toMatch(/curl: \(7\) Failed to connect to 192\.0\.2\.10:30888.* \| FAIL$/);
    expect(row('exp 5 TLS termination (svc3)')).toMatch(/\| PASS$/);
    expect(r.stdout).toContain('lab:verify: 9/12 passed');
  });

  test('no lab CA Secret: the HTTPS rows fail saying so; exit 1', () => {
    cluster(healthy, false);
    const r = lab('verify', ['--node', NODE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/exp 7 passthrough \(svc5\) .*no lab CA: secret lab-ca-trust in namespace expose-lab not readable: Error from server \(NotFound\)/);
    expect(r.stdout).toContain('lab:verify: 9/12 passed');
    expect(r.calls.filter(c => c.tool === 'curl')).toHaveLength(9); // no curl without the CA
  });

  test('--flavour gateway: the same checks, the Ingress hosts sent to the Gateway\'s status address; exit 0', () => {
    const GATEWAY = '192.0.2.50';
    cluster(healthy);
    tools.kubectl(`-n ${NS} get gateway cdk8s-expose -o jsonpath=*`, 0, GATEWAY);
    const r = lab('verify', ['--flavour', 'gateway', '--node', NODE]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`lab:verify: 12 checks against node ${NODE}, Gateway cdk8s-expose at ${GATEWAY}, namespace ${NS}`);
    expect(r.stdout).toContain(`curl --resolve svc4.xxx.com:443:${GATEWAY} --cacert ca.crt https://svc4.xxx.com/`);
    expect(r.stdout).toContain(`curl http://${NODE}:30888/`);
    expect(r.stdout).toContain('lab:verify: 12/12 passed');
  });

  test('--flavour gateway without an address (no LoadBalancer): the 8 Gateway rows fail saying so, the sections still run; --gateway-address fixes it', () => {
    cluster(healthy);
    tools.kubectl(`-n ${NS} get gateway cdk8s-expose *`, 0);
    const r = lab('verify', ['--flavour', 'gateway', '--node', NODE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/exp 3 HTTP \(svc1\) .*no Gateway address: gateway cdk8s-expose in namespace expose-lab has no address yet \(status\.addresses is empty: no LoadBalancer\?\); give --gateway-address <ip>/);
    expect(r.stdout).toContain('lab:verify: 4/12 passed');
    const given = lab('verify', ['--flavour', 'gateway', '--node', NODE, '--gateway-address', NODE]);
    expect(given.code).toBe(0);
    expect(kubectlCalls(given).some(c => c.includes('get gateway'))).toBe(false);
    expect(lab('verify', ['--node', NODE, '--gateway-address', NODE]).stderr).toContain('--gateway-address needs --flavour gateway');
  });

  test('usage: --node is required (exit 2)', () => {
    const r = lab('verify');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--node <ip> is required');
  });
});

test('the README\'s walk-through shows the same derived commands', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const checks = labChecks(buildLab(new App({ outdir: tools.dir }), LAB_CONFIG), LAB_CONFIG, '$NODE');
  for (const c of checks) {
    expect({ section: c.section, inReadme: readme.includes(displayCommand(c)) }).toEqual({ section: c.section, inReadme: true });
  }
  expect(readme).toMatch(/npm run lab:up .*\n.*npm run lab:verify -- --node \$NODE/);
});
