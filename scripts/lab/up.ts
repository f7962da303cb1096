/**
 * `npm run lab:up`: brings the whole lab up on the cluster of kubectl's current context, in
 * stages with real waits (lab/stages.ts derives them from the charts):
 *
 *   cert-manager (pinned release manifest; skipped when its CRD exists) -> its Deployments rolled
 *   out and its webhook's caBundle set -> the ingress-nginx controller, its DaemonSet and default
 *   backend rolled out and its admission webhook's caBundle set (the certgen Jobs) -> the lab's
 *   namespace -> the lab CA and its Certificates Ready -> each section and experiment, their
 *   Certificates Ready and workloads rolled out.
 *
 * With `--flavour gateway` (the lab as Gateway API, dist-gateway/): cert-manager -> Envoy Gateway's
 * release manifest (server-side; skipped when its CRD exists), its controller rolled out -> the
 * GatewayClass Accepted -> the namespace -> trust-manager with Helm (`helm` on PATH; its trust
 * namespace the lab's; skipped when its CRD exists) -> the charts, the lab CA's Bundle Synced ->
 * the Gateway Programmed, last.
 *
 * Before the stages it reads the server's Kubernetes version and picks the releases that support it
 * (lab/versions.ts: ingress-nginx, cert-manager, Envoy Gateway, trust-manager), refusing outside
 * every window, synthesises the lab for them, validates what it will apply against that version's
 * schemas and the CRDs of the cert-manager release it installs (validate.ts; refused with the
 * violations, nothing applied), and runs the pre-flight checks (preflight.ts).
 *
 * Idempotent: everything is `kubectl apply` (or `helm upgrade --install`); a second run re-applies
 * (unchanged) and waits again.
 *
 *   npm run lab:up -- [--flavour ingress-nginx|gateway] [--timeout 300] [--config overrides.json] [--dir dist]
 *                     [--cluster kind|k3s|minikube|generic] [--kubernetes-version 1.35] [--print] [--section <id>]
 *     --print    the plan for --kubernetes-version (releases, pre-flight checks, stages), without a cluster
 *     --cluster  the cluster kind, for its checks and notes (default generic)
 *     --kubernetes-version  with --print: the version to plan for; without: must match the cluster's
 *     --flavour  ingress-nginx (default, dist/) or gateway (Gateway API on Envoy Gateway, dist-gateway/)
 *     --timeout  seconds each wait may take (default 300)
 *     --config   a JSON file of lab/config.ts fields to override
 *     --section  one section of the seed (9.1 ... 9.4, exp1 ... exp7) and what it needs (scripts/lab/section.ts)
 *     --dir      apply these manifests (e.g. dist after npm run synth, dist-gateway after npm run synth:gateway)
 *                instead of synthesising lab/config.ts
 * Exit: 0 up (or planned), 1 refused, a pre-flight check or a stage failed (the message names the object and the wait), 2 bad usage.
 */
import * as path from 'path';
import { parseArgs } from 'util';
import { EXIT_FAILED, firstLine, flavourOf, LabIo, loadConfig, main, manifests, run, Run, seconds, UsageError } from './common';
import { LabConfig, LabFlavour } from '../../lab/config';
import { LabMirror, mirrorStages } from '../../lab/mirror';
import { ChartManifest, controllerVersion, Stage, upStages, Wait } from '../../lab/stages';
import { KubernetesVersion, LabReleases, parseKubernetesVersion, selectReleases } from '../../lab/versions';
import { downloadRewritten } from './mirror-release';
import { clusterOf, labHostPorts, printPlan } from './plan';
import { ClusterKind, Finding, PreflightInput, runPreflight } from './preflight';
import { SECTION_OPTION, selectUpStages } from './section';
import { describeValidation, validateLabObjects, violationsText } from './validate';

const RETRYABLE = /failed calling webhook|no endpoints available|connection refused|no matches for kind|ensure CRDs are installed/i;

class StageFailed extends Error {}

function kubectl(io: LabIo, args: string[], timeoutSeconds: number): Run {
  return run(io, 'kubectl', args, timeoutSeconds);
}

const where = (w: { namespace?: string }) => (w.namespace ? ` in namespace ${w.namespace}` : '');

/** How long a Gateway may be Accepted without an address before lab:up says why it will not be Programmed. */
export const GATEWAY_ADDRESS_GRACE_SECONDS = 60;

/** Why a Gateway is not Programmed: `<Accepted status> <Programmed reason>`, read with kubectl. */
function gatewayState(io: LabIo, w: Wait): { accepted?: string; reason?: string } {
  const jsonpath = 'jsonpath={.status.conditions[?(@.type=="Accepted")].status} {.status.conditions[?(@.type=="Programmed")].reason}';
  const r = kubectl(io, ['-n', w.namespace ?? 'default', 'get', w.object, '-o', jsonpath], 30);
  const [accepted, reason] = r.code === 0 ? r.stdout.trim().split(/\s+/) : [];
  return { accepted, reason };
}

/**
 * The Gateway Programmed. Envoy Gateway keeps a Gateway Programmed=False (AddressNotAssigned) while
 * its Service of type LoadBalancer has no address (internal/gatewayapi/status/gateway.go at v1.9.0):
 * on a cluster without a LoadBalancer that never changes, so after a grace period lab:up says so
 * instead of waiting out the whole timeout.
 */
function waitGateway(io: LabIo, w: Wait, timeout: number): Run {
  const ns = ['-n', w.namespace ?? 'default'];
  const first = Math.min(GATEWAY_ADDRESS_GRACE_SECONDS, timeout);
  const grace = Math.min(30, timeout);
  const r = kubectl(io, [...ns, 'wait', `--for=${w.for}`, w.object, `--timeout=${first}s`], first + grace);
  if (r.code === 0 || r.timedOut) return r;
  const state = gatewayState(io, w);
  if (state.accepted === 'True' && state.reason === 'AddressNotAssigned') {
    throw new StageFailed(`${w.object}${where(w)} is Accepted but has no address after ${first}s (Programmed=False, AddressNotAssigned): ` +
      'Envoy\'s Service of type LoadBalancer got no external IP, so this cluster has no LoadBalancer (plain kind, minikube without ' +
      '`minikube tunnel`, bare metal without MetalLB). Set gatewayNodePorts (e.g. {"http":30080,"https":30443} in --config) to ' +
      'expose Envoy on fixed node ports instead, or run `minikube tunnel` / install a LoadBalancer (cloud-provider-kind, MetalLB), ' +
      'then npm run lab:up -- --flavour gateway again; see docs/clusters.md');
  }
  const rest = timeout - first;
  return rest > 0 ? kubectl(io, [...ns, 'wait', `--for=${w.for}`, w.object, `--timeout=${rest}s`], rest + grace) : r;
}

function waitFor(io: LabIo, w: Wait, timeout: number): void {
  io.out(`  waiting up to ${timeout}s for ${w.object}${where(w)} to have ${w.condition === 'a non-empty caBundle' ? w.condition : `condition ${w.condition}`}\n`);
  const ns = w.namespace ? ['-n', w.namespace] : [];
  const started = io.now();
  const grace = Math.min(30, timeout);
  let r: Run;
  if (w.object.startsWith('gateway/') && w.for === 'condition=Programmed') {
    r = waitGateway(io, w, timeout);
  } else if (w.how === 'rollout') {
    r = kubectl(io, [...ns, 'rollout', 'status', w.object, `--timeout=${timeout}s`], timeout + grace);
  } else if (w.how === 'wait') {
    r = kubectl(io, [...ns, 'wait', `--for=${w.for}`, w.object, `--timeout=${timeout}s`], timeout + grace);
  } else {
    const interval = Math.min(2000, (timeout * 1000) / 5);
    for (;;) {
      r = kubectl(io, [...ns, 'get', w.object, '-o', 'jsonpath={.webhooks[*].clientConfig.caBundle}'], Math.max(5, timeout));
      if (r.code === 0 && r.stdout.trim().length > 0) break;
      if (r.timedOut || io.now() - started + interval > timeout * 1000) {
        r = { ...r, code: r.code === 0 ? 1 : r.code };
        break;
      }
      io.sleep(interval);
    }
  }
  if (r.code !== 0) {
    const why = r.timedOut ? `kubectl did not return within ${timeout + grace}s` : firstLine(r) || `kubectl exited with ${r.code}`;
    throw new StageFailed(`${w.object}${where(w)} did not reach ${w.condition} within ${timeout}s (${why})`);
  }
  io.out(`  ok: ${w.object} ${w.condition} after ${((io.now() - started) / 1000).toFixed(1)}s\n`);
}

/** kubectl apply, retried while a just-installed webhook or CRD is not served yet. */
function apply(io: LabIo, stage: Stage, file: string, namespace: string, timeout: number): void {
  const serverSide = stage.serverSide ? ['--server-side', ...(stage.forceConflicts ? ['--force-conflicts'] : [])] : [];
  const args = [...(stage.namespaced ? ['-n', namespace] : []), 'apply', '-f', file, ...serverSide];
  const started = io.now();
  const interval = Math.min(5000, (timeout * 1000) / 5);
  for (;;) {
    const r = kubectl(io, args, Math.max(10, timeout));
    if (r.code === 0) return;
    const retry = !r.timedOut && RETRYABLE.test(r.stderr) && io.now() - started + interval <= timeout * 1000;
    if (!retry) {
      const why = r.timedOut ? `kubectl did not return within ${Math.max(10, timeout)}s` : firstLine(r);
      throw new StageFailed(`kubectl apply -f ${file} failed: ${why}`);
    }
    io.out(`  not accepted yet (${firstLine(r)}); retrying in ${interval / 1000}s\n`);
    io.sleep(interval);
  }
}

/** `helm upgrade --install ... --wait`: the chart's objects ready, or why not. */
function helmInstall(io: LabIo, args: string[], timeout: number): void {
  const r = run(io, 'helm', [...args, '--wait', '--timeout', `${timeout}s`], timeout + Math.min(30, timeout));
  if (r.code !== 0) {
    const why = r.timedOut ? `helm did not return within ${timeout + Math.min(30, timeout)}s` : firstLine(r) || `helm exited with ${r.code}`;
    throw new StageFailed(`helm ${args.slice(0, 3).join(' ')} failed: ${why}`);
  }
}

/** The server's Kubernetes version (`kubectl version -o json`), or a StageFailed saying why not. */
function serverVersion(io: LabIo): KubernetesVersion {
  const version = kubectl(io, ['version', '-o', 'json'], 30);
  if (version.code !== 0) throw new StageFailed(`no cluster: kubectl version failed: ${firstLine(version)}`);
  let text = '';
  try {
    text = JSON.parse(version.stdout).serverVersion?.gitVersion ?? '';
  } catch { /* no JSON: said below */ }
  const parsed = parseKubernetesVersion(text);
  if (!parsed) throw new StageFailed(`cannot read the server's Kubernetes version from kubectl version -o json (${JSON.stringify(text)})`);
  return parsed;
}

/** `--kubernetes-version`: 1.x or v1.x.y. */
function kubernetesVersionOption(value: string | undefined): KubernetesVersion | undefined {
  if (value === undefined) return undefined;
  const parsed = parseKubernetesVersion(value);
  if (!parsed) throw new UsageError(`--kubernetes-version ${JSON.stringify(value)}: allowed: a Kubernetes version such as 1.35 or v1.35.2`);
  return parsed;
}

/** The releases chosen, printed; a StageFailed when lab:up refuses this version. */
function chooseReleases(io: LabIo, kubernetes: KubernetesVersion, flavour: LabFlavour): LabReleases {
  const releases = selectReleases(kubernetes, flavour);
  const chosen = [releases.ingressNginx, releases.certManager, releases.envoyGateway, releases.trustManager].filter(r => r !== undefined);
  io.out(`  cluster: Kubernetes ${kubernetes.text}: ${chosen.map(r => `${r.component} ${r.version}`).join(', ')}\n`);
  for (const w of releases.warnings) io.out(`  WARNING: ${w}\n`);
  if (releases.refusals.length > 0) throw new StageFailed(`refused for Kubernetes ${kubernetes.text}: ${releases.refusals.join('; ')}`);
  return releases;
}

/**
 * The objects the stages apply, validated strictly for this cluster (validate.ts: its Kubernetes
 * schemas, the CRDs of the cert-manager release it installs): printed; a StageFailed with the
 * violations, before anything is applied.
 */
function validateApplied(io: LabIo, charts: ChartManifest[], stages: Stage[], releases: LabReleases, dir: string | undefined): void {
  io.out('\n== validation\n');
  const applied = charts.filter(c => stages.some(s => s.apply === c.file));
  const v = validateLabObjects(applied, releases);
  for (const n of v.notValidated) io.out(`  not validated: ${n}\n`);
  const what = describeValidation(v);
  if (v.violations.length > 0) {
    const from = dir === undefined ? 'the lab synthesised for this cluster' : `the manifests of --dir ${dir}`;
    throw new StageFailed(`${from} would be refused: ${what}:\n${violationsText(v)}\n` +
      'nothing was applied' + (dir === undefined ? '' : ' (leave out --dir to synthesise for this cluster)'));
  }
  io.out(`  ok: ${what}\n`);
}

/** Runs the pre-flight checks: their findings printed; a StageFailed listing the failed ones. */
function preflight(io: LabIo, input: PreflightInput): Finding[] {
  io.out('\n== pre-flight checks\n');
  const findings = runPreflight(io, input);
  for (const f of findings) io.out(`  ${f.level === 'ok' ? 'ok' : f.level.toUpperCase()}: ${f.check}: ${f.message}\n`);
  const failed = findings.filter(f => f.level === 'fail');
  if (failed.length > 0) throw new StageFailed(`pre-flight: ${failed.map(f => `${f.check}: ${f.message}`).join('\n  ')}`);
  return findings;
}

/** A release manifest with its images re-pointed to the mirror (mirror-release.ts): downloaded, rewritten, applied from a temporary file. */
function applyRewritten(io: LabIo, stage: Stage, mirror: LabMirror, namespace: string, timeout: number): void {
  const fetched = downloadRewritten(io, stage.apply, mirror, timeout);
  if ('problem' in fetched) throw new StageFailed(fetched.problem);
  try {
    apply(io, stage, fetched.file, namespace, timeout);
  } finally {
    fetched.cleanup();
  }
}

/** One stage: its apply (or install, or skip) and its waits. */
function runStage(io: LabIo, stage: Stage, dir: string, namespace: string, timeout: number): void {
  if (stage.skipIfCrd) {
    const crd = kubectl(io, ['get', 'crd', stage.skipIfCrd, '-o', 'name'], Math.max(10, timeout));
    if (crd.code === 0) io.out(`  already installed (crd ${stage.skipIfCrd} exists): not ${stage.helm ? 'installing' : 'applying'} ${stage.apply}\n`);
    else if (stage.helm) helmInstall(io, stage.helm, timeout);
    else if (stage.rewriteImages) applyRewritten(io, stage, stage.rewriteImages, namespace, timeout);
    else apply(io, stage, stage.apply, namespace, timeout);
  } else if (stage.helm) {
    helmInstall(io, stage.helm, timeout);
  } else {
    apply(io, stage, path.join(dir, stage.apply), namespace, timeout);
  }
  for (const w of stage.waits) waitFor(io, w, timeout);
}

/** `lab:up` with these arguments: 0 up, 1 a stage failed (or refused); throws a UsageError on bad usage. */
export function labUp(argv: string[], io: LabIo): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      'timeout': { type: 'string' }, 'config': { type: 'string' }, 'dir': { type: 'string' }, 'flavour': { type: 'string' },
      'print': { type: 'boolean' }, 'kubernetes-version': { type: 'string' }, 'cluster': { type: 'string' }, ...SECTION_OPTION,
    },
  });
  const timeout = seconds('--timeout', values.timeout, 300);
  const flavour = flavourOf(values.flavour);
  const cluster = clusterOf(values.cluster);
  const config = loadConfig(values.config);
  const given = kubernetesVersionOption(values['kubernetes-version']);
  if (values.print) {
    if (!given) throw new UsageError('--print needs --kubernetes-version <1.x>: the plan is made without a cluster');
    return planOnly(io, config, flavour, cluster, given, values.section);
  }
  try {
    io.out(`lab:up: into namespace ${config.namespace} (kubectl's current context)\n`);
    const kubernetes = serverVersion(io);
    if (given && given.minor !== kubernetes.minor) {
      throw new StageFailed(`--kubernetes-version ${given.text}, but the cluster runs ${kubernetes.text}`);
    }
    const releases = chooseReleases(io, kubernetes, flavour);
    const run = { config: forReleases(config, releases, values.dir), flavour, cluster, releases, dir: values.dir, section: values.section, timeout };
    return upOn(io, run);
  } catch (e) {
    if (!(e instanceof StageFailed)) throw e;
    io.err(`lab:up: FAILED: ${e.message}\n`);
    return EXIT_FAILED;
  }
}

/** The configuration synthesised for the chosen releases (ingress-nginx's); as it is with `--dir` (ready-made manifests). */
function forReleases(config: LabConfig, releases: LabReleases, dir: string | undefined): LabConfig {
  if (dir !== undefined || !releases.ingressNginx) return config;
  return { ...config, ingressNginxRelease: releases.ingressNginx.version };
}

interface UpRun {
  readonly config: LabConfig;
  readonly flavour: LabFlavour;
  readonly cluster: ClusterKind;
  readonly releases: LabReleases;
  readonly dir?: string;
  readonly section?: string;
  readonly timeout: number;
}

/** The pre-flight checks and the stages, on a cluster whose releases are chosen. */
function upOn(io: LabIo, u: UpRun): number {
  const m = manifests(u.config, u.dir, u.flavour);
  try {
    const built = mirrorStages(selectUpStages(u.section, m.charts, charts => upStages(u.config, charts, u.releases)), u.config.mirror);
    const rendered = m.charts.map(c => controllerVersion(c)).find(v => v !== undefined);
    if (u.releases.ingressNginx && rendered && rendered !== u.releases.ingressNginx.version) {
      io.out(`  WARNING: the manifests of --dir ${u.dir} render ingress-nginx ${rendered}; this cluster's is ${u.releases.ingressNginx.version} ` +
        '(leave out --dir to synthesise for it)\n');
    }
    validateApplied(io, m.charts, built, u.releases, u.dir);
    const webhookPort = u.flavour === LabFlavour.INGRESS_NGINX ? u.config.controllerWebhookPort : undefined;
    const input = { config: u.config, flavour: u.flavour, cluster: u.cluster, releases: u.releases, hostPorts: labHostPorts(m.lab), webhookPort };
    const findings = preflight(io, input);
    const takeOver = findings.some(f => f.takeOver);
    const stages = built.map(s => (takeOver && s.serverSide ? { ...s, forceConflicts: true } : s));
    io.out(`\nlab:up: ${stages.length} stages\n`);
    stages.forEach((stage, i) => {
      io.out(`\n== stage ${i + 1}/${stages.length}: ${stage.name}\n`);
      try {
        runStage(io, stage, m.dir, u.config.namespace, u.timeout);
      } catch (e) {
        if (e instanceof StageFailed) throw new StageFailed(`stage "${stage.name}": ${e.message}`);
        throw e;
      }
    });
    const node = u.cluster === ClusterKind.KIND ? '127.0.0.1' : '<a node\'s IP>';
    const verify = u.flavour === LabFlavour.GATEWAY_API ? `npm run lab:verify -- --flavour gateway --node ${node}` : `npm run lab:verify -- --node ${node}`;
    io.out(`\nlab:up: done. Check it from a client: ${verify}\n`);
    return 0;
  } finally {
    m.cleanup();
  }
}

/** `--print`: the plan for a Kubernetes version, without a cluster. */
function planOnly(io: LabIo, config: LabConfig, flavour: LabFlavour, cluster: ClusterKind, kubernetes: KubernetesVersion, section?: string): number {
  const releases = selectReleases(kubernetes, flavour);
  if (releases.refusals.length > 0) return printPlan(io, { config, flavour, cluster, releases, hostPorts: [] });
  const labConfig = forReleases(config, releases, undefined);
  const m = manifests(labConfig, undefined, flavour);
  try {
    const stages = mirrorStages(selectUpStages(section, m.charts, charts => upStages(labConfig, charts, releases)), labConfig.mirror);
    const validation = validateLabObjects(m.charts.filter(c => stages.some(s => s.apply === c.file)), releases);
    return printPlan(io, { config: labConfig, flavour, cluster, releases, stages, hostPorts: labHostPorts(m.lab), validation });
  } finally {
    m.cleanup();
  }
}

if (require.main === module) main('lab:up', labUp);
