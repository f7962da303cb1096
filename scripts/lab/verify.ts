/**
 * `npm run lab:verify -- --node <ip>`: runs every section's and experiment's client command
 * (lab/checks.ts derives them from the constructs: URL, --resolve to the node, --cacert with the
 * lab CA read from its Secret with kubectl, the expected reply or redirect) and prints a table:
 * section, command, expected, got, result.
 *
 *   npm run lab:verify -- --node <ip> [--flavour ingress-nginx|gateway] [--gateway-address <ip>] [--print]
 *                         [--curl-timeout 10] [--config overrides.json]
 *     --node             an address of a node, as the client reaches it; a loopback address (127.0.0.1, ::1) means
 *                        port mappings of a single node (kind with lab/kind-config.yaml): every row goes there
 *     --flavour          ingress-nginx (default) or gateway: the same checks, the Ingress hosts sent to the Gateway's address
 *     --gateway-address  gateway only: where the Gateway answers (default: its status.addresses[0], read with kubectl)
 *     --section          one section's checks only (9.1 ... 9.4, exp1, exp3 ... exp7; scripts/lab/section.ts)
 *     --print            print the commands only (every command of docs/lab-guide.md: look, ca.crt, curl), run nothing
 *     --curl-timeout     seconds each curl may take (default 10)
 * Exit: 0 every check passed, 1 any failed, 2 bad usage.
 */
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import { App } from 'cdk8s';
import { BACKEND_CA_SECRET, buildLabFlavour, LAB_GATEWAY_NAME, LabFlavour } from '../../lab';
import { caSource, describeExpected, displayCommand, LabCheck, labChecks } from '../../lab/checks';
import { EXIT_FAILED, firstLine, flavourOf, LabIo, loadConfig, main, quote, run, seconds, UsageError } from './common';
import { printLines, SECTION_OPTION, selectChecks } from './section';

interface Row {
  readonly section: string;
  readonly command: string;
  readonly expected: string;
  readonly got: string;
  readonly pass: boolean;
}

/** The lab CA as a file for --cacert, or why there is none. */
function fetchCa(io: LabIo, source: ReturnType<typeof caSource>, namespace: string, dir: string): { file?: string; error?: string; how: string } {
  if (source.file) {
    return fs.existsSync(source.file) ? { file: source.file, how: source.file } : { error: `${source.file} does not exist (npm run lab:certs)`, how: source.file };
  }
  const { name, key } = source.secret!;
  const jsonpath = `{.data.${key.replace(/\./g, '\\.')}}`;
  const how = `kubectl -n ${namespace} get secret ${name} -o jsonpath=${quote(jsonpath)} | base64 -d > ca.crt`;
  const r = run(io, 'kubectl', ['-n', namespace, 'get', 'secret', name, '-o', `jsonpath=${jsonpath}`], 30);
  if (r.code !== 0) return { error: `secret ${name} in namespace ${namespace} not readable: ${r.timedOut ? 'kubectl timed out' : firstLine(r)}`, how };
  const pem = Buffer.from(r.stdout.trim(), 'base64').toString('utf8');
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) return { error: `secret ${name} in namespace ${namespace} has no ${key} (not issued yet?)`, how };
  const file = path.join(dir, 'ca.crt');
  fs.writeFileSync(file, pem);
  return { file, how };
}

/** Whether `ip` is a loopback address (a port mapping of the node on the client's own host). */
export function isLoopback(ip: string): boolean {
  return net.isIPv4(ip) ? ip.startsWith('127.') : ip === '::1';
}

/** The node a pod runs on (hostPort, hostNetwork: only that node answers). */
function podNode(io: LabIo, pod: string, namespace: string): { ip?: string; error?: string } {
  const r = run(io, 'kubectl', ['-n', namespace, 'get', 'pod', pod, '-o', 'jsonpath={.status.hostIP}'], 30);
  const ip = r.stdout.trim();
  if (r.code !== 0 || ip === '') return { error: `pod ${pod} in namespace ${namespace} has no node: ${r.timedOut ? 'kubectl timed out' : firstLine(r) || 'not scheduled'}` };
  return { ip };
}

/** The address the lab's Gateway answers on: its first status address (an IP), read with kubectl. */
function gatewayAddress(io: LabIo, namespace: string): { ip?: string; error?: string } {
  const r = run(io, 'kubectl', ['-n', namespace, 'get', 'gateway', LAB_GATEWAY_NAME, '-o', 'jsonpath={.status.addresses[0].value}'], 30);
  const ip = r.stdout.trim();
  const hint = 'give --gateway-address <ip>';
  if (r.code !== 0) return { error: `gateway ${LAB_GATEWAY_NAME} in namespace ${namespace} not readable: ${r.timedOut ? 'kubectl timed out' : firstLine(r)}; ${hint}` };
  if (ip === '') return { error: `gateway ${LAB_GATEWAY_NAME} in namespace ${namespace} has no address yet (status.addresses is empty: no LoadBalancer?); ${hint}` };
  if (net.isIP(ip) === 0) return { error: `gateway ${LAB_GATEWAY_NAME} in namespace ${namespace} has the address ${JSON.stringify(ip)}, not an IP (curl --resolve needs one); ${hint}` };
  return { ip };
}

function curlCheck(io: LabIo, check: LabCheck, caFile: string | undefined, dir: string, timeout: number): { got: string; pass: boolean } {
  const body = path.join(dir, 'body');
  fs.rmSync(body, { force: true });
  const args = ['-sS', '--noproxy', '*', '--max-time', String(timeout), '-o', body, '-w', '%{http_code} %{redirect_url}'];
  if (check.resolve) args.push('--resolve', check.resolve);
  if (check.cacert) args.push('--cacert', caFile!);
  if (check.insecure) args.push('-k');
  args.push(check.url);
  // curl stops itself after --max-time; a curl that does not is killed a little later (as lab:up's waits)
  const killAfter = timeout + Math.min(5, timeout);
  const r = run(io, 'curl', args, killAfter, false);
  if (r.timedOut) return { got: `no answer within ${killAfter}s`, pass: false };
  if (r.code !== 0) return { got: firstLine(r) || `curl exited with ${r.code}`, pass: false };
  const [status, location = ''] = r.stdout.trim().split(' ');
  const text = fs.existsSync(body) ? fs.readFileSync(body, 'utf8') : '';
  const e = check.expected;
  const pass = Number(status) === e.status && (e.bodyContains === undefined || text.includes(e.bodyContains))
    && (e.location === undefined || location === e.location);
  const shown = text.replace(/\s+/g, ' ').trim();
  const got = location ? `${status} -> ${location}` : `${status} "${shown.length > 48 ? `${shown.slice(0, 45)}...` : shown}"`;
  return { got, pass };
}

function table(rows: Row[]): string {
  const head: Row = { section: 'section', command: 'command', expected: 'expected', got: 'got', pass: true };
  const cols: Array<keyof Omit<Row, 'pass'>> = ['section', 'command', 'expected', 'got'];
  const width = (c: keyof Omit<Row, 'pass'>) => Math.max(...[head, ...rows].map(r => r[c].length));
  const line = (r: Row, result: string) => [...cols.map(c => r[c].padEnd(width(c))), result].join(' | ');
  return [line(head, 'result'), cols.map(c => '-'.repeat(width(c))).concat('------').join('-|-'), ...rows.map(r => line(r, r.pass ? 'PASS' : 'FAIL'))].join('\n') + '\n';
}

/** `lab:verify` with these arguments: 0 every check passed, 1 any failed; throws a UsageError on bad usage. */
export function labVerify(argv: string[], io: LabIo): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      'node': { type: 'string' }, 'print': { type: 'boolean' }, 'curl-timeout': { type: 'string' }, 'config': { type: 'string' },
      'flavour': { type: 'string' }, 'gateway-address': { type: 'string' }, ...SECTION_OPTION,
    },
  });
  const node = values.node;
  if (node === undefined) throw new UsageError('--node <ip> is required: an address of a node, as this client reaches it');
  if (!values.print && net.isIP(node) === 0) throw new UsageError(`--node ${JSON.stringify(node)}: allowed: an IPv4 or IPv6 address`);
  const flavour = flavourOf(values.flavour);
  const given = values['gateway-address'];
  if (given !== undefined && flavour !== LabFlavour.GATEWAY_API) throw new UsageError('--gateway-address needs --flavour gateway');
  if (given !== undefined && !values.print && net.isIP(given) === 0) throw new UsageError(`--gateway-address ${JSON.stringify(given)}: allowed: an IPv4 or IPv6 address`);
  const timeout = seconds('--curl-timeout', values['curl-timeout'], 10);
  const config = loadConfig(values.config);
  let lab: ReturnType<typeof buildLabFlavour>;
  try {
    lab = buildLabFlavour(new App({ outdir: os.tmpdir() }), config, flavour);
  } catch (e) {
    throw new UsageError(`the lab configuration does not build:\n${(e as Error).message}`);
  }
  const source = caSource(lab, config, BACKEND_CA_SECRET);
  if (values.print) {
    const entry = flavour === LabFlavour.GATEWAY_API ? given ?? '$GATEWAY_ADDRESS' : node;
    for (const line of printLines(lab, config, { node, entry, portMapped: isLoopback(node) }, source, values.section)) io.out(line);
    return 0;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-verify-'));
  try {
    // the Ingress hosts: a node (ingress-nginx on every node's network), or the Gateway's address
    const gateway = flavour !== LabFlavour.GATEWAY_API ? { ip: node } : given !== undefined ? { ip: given } : gatewayAddress(io, config.namespace);
    const portMapped = isLoopback(node);
    const checks = selectChecks(values.section, labChecks(lab, config, node, gateway.ip ?? node, portMapped));
    if (portMapped) io.out(`lab:verify: --node ${node} is a loopback address: every row through the node's port mappings (kind: lab/kind-config.yaml)\n`);
    const at = flavour === LabFlavour.GATEWAY_API ? `, Gateway ${LAB_GATEWAY_NAME} at ${gateway.ip ?? '(no address)'}` : '';
    io.out(`lab:verify: ${checks.length} checks against node ${node}${at}, namespace ${config.namespace}\n`);
    const ca = checks.some(c => c.cacert) ? fetchCa(io, source, config.namespace, dir) : undefined;
    const rows: Row[] = [];
    for (const check of checks) {
      let target = check;
      let problem: string | undefined;
      if (check.nodeOfPod) {
        const where = podNode(io, check.nodeOfPod, config.namespace);
        if (where.ip) target = { ...check, url: check.url.replace(`//${node}:`, `//${where.ip.includes(':') ? `[${where.ip}]` : where.ip}:`) };
        else problem = where.error;
      }
      if (check.resolve && gateway.error) problem = `no Gateway address: ${gateway.error}`;
      else if (check.cacert && ca?.error) problem = `no lab CA: ${ca.error}`;
      const result = problem !== undefined ? { got: problem, pass: false } : curlCheck(io, target, ca?.file, dir, timeout);
      rows.push({ section: check.section, command: displayCommand(target), expected: describeExpected(check.expected), ...result });
    }
    io.out(table(rows));
    if (ca) io.out(`ca.crt: ${ca.how}\n`);
    const failed = rows.filter(r => !r.pass).length;
    io.out(`lab:verify: ${rows.length - failed}/${rows.length} passed\n`);
    return failed > 0 ? EXIT_FAILED : 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) main('lab:verify', labVerify);
