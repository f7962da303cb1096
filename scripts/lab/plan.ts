/**
 * `npm run lab:up -- --print --kubernetes-version 1.35 [--flavour ...] [--cluster ...]`: the plan
 * without a cluster: the releases chosen for that Kubernetes version (and why, and what is only
 * warned), the validation of the lab's objects for it (validate.ts), the pre-flight checks
 * lab:up would run, each stage with what it installs or applies and what it waits for, and notes
 * for the cluster kind. Exit 1, saying why, for a combination lab:up would refuse (or objects it
 * would refuse).
 */
import { Lab, LabConfig, LabFlavour, LabSections } from '../../lab';
import { Stage } from '../../lab/stages';
import { LabReleases, parseKubernetesVersion, Release, selectReleases } from '../../lab/versions';
import { firstLine, LabIo, run, UsageError } from './common';
import { downloadArgs, downloadName, DOWNLOAD_DIR } from './mirror-release';
import { ClusterKind, HostPortUse, preflightChecks } from './preflight';
import { describeValidation, LabValidation, violationsText } from './validate';

/** `--cluster`: kind, k3s, minikube or generic (the default). */
export function clusterOf(value: string | undefined): ClusterKind {
  if (value === undefined) return ClusterKind.GENERIC;
  const kind = Object.values(ClusterKind).find(k => k === value);
  if (!kind) throw new UsageError(`--cluster ${JSON.stringify(value)}: allowed: ${Object.values(ClusterKind).join(', ')}`);
  return kind;
}

/** Every node port the lab's pods take: the controller's host listeners (ingress-nginx flavour), 9.1's hostPort, 9.2's port. */
export function labHostPorts(lab: LabSections): HostPortUse[] {
  const uses: HostPortUse[] = [];
  const controller = (lab as Partial<Lab>).ingressNginx?.controller;
  for (const l of controller?.hostListeners ?? []) uses.push({ port: l.port, by: `ingress-nginx controller ${l.purpose}` });
  uses.push({ port: lab.hostPort.pod.hostPort, by: '9.1 hostPort pod' });
  uses.push({ port: lab.hostNetwork.pod.containerPort, by: '9.2 hostNetwork pod' });
  return uses;
}

/** What each cluster kind needs before lab:up (docs/clusters.md has the commands). */
export const CLUSTER_NOTES: { readonly [kind in ClusterKind]: string[] } = {
  [ClusterKind.KIND]: [
    'create the cluster with the lab\'s port mappings: kind create cluster --config lab/kind-config.yaml',
    'check through the mappings: npm run lab:verify -- --node 127.0.0.1 (9.4 passes only where externalIp is the node container\'s address)',
    'gateway flavour: kind has no LoadBalancer: set gatewayNodePorts {"http":30080,"https":30443} (mapped by lab/kind-config.yaml) ' +
      'and check with npm run lab:verify -- --flavour gateway --node 127.0.0.1 --gateway-address 127.0.0.1',
  ],
  [ClusterKind.K3S]: [
    'k3s\'s traefik holds 80/443 through ServiceLB: install k3s with --disable=traefik',
  ],
  [ClusterKind.MINIKUBE]: [
    'minikube\'s ingress addon is another ingress-nginx on 80/443: minikube addons disable ingress',
    'the API server listens on the node\'s 8443: the controller\'s webhook must not (controllerWebhookPort, 8444 by default)',
    'gateway flavour: run minikube tunnel so that the Gateway gets an address, or set gatewayNodePorts',
  ],
  [ClusterKind.GENERIC]: [],
};

const windowOf = (r: Release) => `Kubernetes 1.${r.minMinor}-1.${r.maxMinor}`;

function releaseLines(releases: LabReleases): string[] {
  return [releases.ingressNginx, releases.certManager, releases.envoyGateway, releases.trustManager]
    .filter((r): r is Release => r !== undefined)
    .map(r => `  ${r.component} ${r.version} (${windowOf(r)}; ${r.source})`);
}

function stageLines(stages: Stage[], namespace: string): string[] {
  const lines: string[] = [];
  stages.forEach((s, i) => {
    // a mirror registry: the manifest downloaded and its images re-pointed first (mirror-release.ts)
    const file = s.rewriteImages ? `${DOWNLOAD_DIR}/${downloadName(s.apply)}` : s.apply;
    const download = s.rewriteImages ? `curl ${downloadArgs(s.apply, file).join(' ')}, ` +
      `its image references re-pointed to ${s.rewriteImages.registry}, then ` : '';
    const how = s.helm ? `helm ${s.helm.join(' ')}`
      : `${download}kubectl ${s.namespaced ? `-n ${namespace} ` : ''}apply -f ${file}${s.serverSide ? ' --server-side' : ''}`;
    lines.push(`  ${i + 1}. ${s.name}: ${how}${s.skipIfCrd ? ` (skipped when crd ${s.skipIfCrd} exists)` : ''}`);
    if (s.images) lines.push(`       images (the mirror must carry them): ${s.images.join(', ')}`);
    for (const w of s.waits) lines.push(`       wait: ${w.object}${w.namespace ? ` -n ${w.namespace}` : ''} ${w.condition}`);
  });
  return lines;
}

/** What `--print` needs. */
export interface PlanInput {
  readonly config: LabConfig;
  readonly flavour: LabFlavour;
  readonly cluster: ClusterKind;
  readonly releases: LabReleases;
  /** Built from the configuration for the chosen releases; undefined when refused (nothing to build). */
  readonly stages?: Stage[];
  readonly hostPorts: HostPortUse[];
  /** What lab:up would apply, validated for this version (validate.ts); undefined when refused. */
  readonly validation?: LabValidation;
}

/** Prints the plan: 0, or 1 when lab:up would refuse this combination. */
export function printPlan(io: LabIo, p: PlanInput): number {
  const flavour = p.flavour === LabFlavour.GATEWAY_API ? 'gateway' : 'ingress-nginx';
  const out: string[] = [
    `lab:up plan for Kubernetes ${p.releases.kubernetes.text}, flavour ${flavour}, cluster ${p.cluster}, namespace ${p.config.namespace} (nothing is run)`,
    'releases:', ...releaseLines(p.releases),
  ];
  if (p.releases.warnings.length > 0) out.push('warnings:', ...p.releases.warnings.map(w => `  - ${w}`));
  out.push('pre-flight checks:', ...preflightChecks(p.flavour).map(c => `  - ${c.name}: ${c.describe}`));
  if (p.hostPorts.length > 0) out.push(`  node ports the lab takes: ${p.hostPorts.map(u => u.port).sort((a, b) => a - b).join(', ')}`);
  if (p.validation) {
    const v = p.validation;
    out.push(`validation (before anything is applied): ${describeValidation(v)}: ${v.violations.length === 0 ? 'no violation' : `${v.violations.length} violation(s)`}`);
    out.push(...v.notValidated.map(n => `  not validated: ${n}`));
  }
  if (p.stages) out.push('stages:', ...stageLines(p.stages, p.config.namespace));
  const notes = CLUSTER_NOTES[p.cluster];
  if (notes.length > 0) out.push(`${p.cluster}:`, ...notes.map(n => `  - ${n}`));
  io.out(`${out.join('\n')}\n`);
  if (p.releases.refusals.length > 0) {
    io.err(`lab:up: REFUSED for Kubernetes ${p.releases.kubernetes.text}:\n${p.releases.refusals.map(r => `  - ${r}`).join('\n')}\n`);
    return 1;
  }
  if (p.validation && p.validation.violations.length > 0) {
    io.err(`lab:up: REFUSED for Kubernetes ${p.releases.kubernetes.text}: the lab's objects would be refused:\n${violationsText(p.validation)}\n`);
    return 1;
  }
  return 0;
}

/**
 * The releases for the cluster of kubectl's current context (lab:down removes the cert-manager and
 * Envoy Gateway releases lab:up installed there); undefined, said on io, when its version cannot be read.
 */
export function clusterReleases(io: LabIo, flavour: LabFlavour): LabReleases | undefined {
  const r = run(io, 'kubectl', ['version', '-o', 'json'], 30);
  let text = '';
  try {
    text = r.code === 0 ? JSON.parse(r.stdout).serverVersion?.gitVersion ?? '' : '';
  } catch { /* said below */ }
  const version = parseKubernetesVersion(text);
  if (!version) {
    io.out(`  cluster version not read (${r.code === 0 ? JSON.stringify(text) : firstLine(r)}): removing the releases dist/ targets\n`);
    return undefined;
  }
  return selectReleases(version, flavour);
}
