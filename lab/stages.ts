/**
 * What `npm run lab:up` applies and waits for, and what `npm run lab:down` removes, derived from
 * the synthesised charts of the lab (never a hand-kept list): each chart's objects say what to
 * wait for (a Certificate to be Ready, a Deployment or DaemonSet to be rolled out, a Pod to be
 * Ready, an admission webhook to have a caBundle).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Names } from 'cdk8s';
import { parse } from 'yaml';
import { DeployPlan, ExposeApp } from '../constructs';
import { buildLabFlavour, LabSections } from './index';
import { LabCertificates, LabConfig, LabFlavour } from './config';
import type { MirroredRelease } from './mirror';
import {
  ENVOY_GATEWAY_CRD, ENVOY_GATEWAY_DEPLOYMENT, ENVOY_GATEWAY_NAMESPACE, TRUST_MANAGER_CHART, TRUST_MANAGER_DEPLOYMENT, TRUST_MANAGER_NAMESPACE,
} from './gateway';
import {
  certManagerManifestUrl, DIST_KUBERNETES_VERSION, envoyGatewayInstallUrl, LabReleases, parseKubernetesVersion, Release, selectReleases,
} from './versions';

// cert-manager's release manifest: the release lab/versions.ts picks for the cluster's Kubernetes
// version (v1.16.5 up to 1.32, v1.21.1 from 1.33). lab:up validates what it applies against the
// CRDs of that release (scripts/lab/validate.ts); dist/ is validated against v1.21.1's (cdk8s.yaml).
/** What tells that cert-manager is installed (its Certificate CRD). */
export const CERT_MANAGER_CRD = 'certificates.cert-manager.io';
/** The objects of cert-manager's release manifest that lab:up waits for. */
export const CERT_MANAGER_DEPLOYMENTS = ['cert-manager', 'cert-manager-cainjector', 'cert-manager-webhook'];
export const CERT_MANAGER_NAMESPACE = 'cert-manager';
export const CERT_MANAGER_WEBHOOK = 'cert-manager-webhook';

/** Something to wait for, with the kubectl command that waits (without --timeout) and what it means. */
export interface Wait {
  /** `deployment/cert-manager-webhook`. */
  readonly object: string;
  /** The object's namespace; undefined for cluster-scoped objects. */
  readonly namespace?: string;
  /** `rolled out`, `Ready`, `a non-empty caBundle`. */
  readonly condition: string;
  /** `rollout`: kubectl rollout status; `wait`: kubectl wait --for=<for>; `caBundle`: poll the webhook configuration. */
  readonly how: 'rollout' | 'wait' | 'caBundle';
  /** kubectl wait's --for (how = wait). */
  readonly for?: string;
}

/** One stage of lab:up: apply something (or install it with Helm), then wait; with a mirror, what mirrorStages adds (lab/mirror.ts). */
export interface Stage extends MirroredRelease {
  readonly name: string;
  /** A dist-style file name (`30-ingress-nginx.k8s.yaml`) or, for cert-manager and Envoy Gateway, the manifest URL. */
  readonly apply: string;
  /** Whether the applied file's objects are all in the lab's namespace (then `-n <namespace>` is passed). */
  readonly namespaced: boolean;
  /** `kubectl apply --server-side` (Envoy Gateway's manifest: its CRDs are too large for the last-applied annotation). */
  readonly serverSide?: boolean;
  /** With serverSide: `--force-conflicts` (Gateway API CRDs of the same minor applied by someone else, taken over). */
  readonly forceConflicts?: boolean;
  /** Installed with `helm` and these arguments (lab:up adds `--wait --timeout`) instead of applied (trust-manager). */
  readonly helm?: string[];
  /** Installed software only: skipped when this CRD is already there. */
  readonly skipIfCrd?: string;
  /** The release installed (cert-manager, Envoy Gateway, trust-manager) or rendered (ingress-nginx). */
  readonly release?: Release;
  readonly waits: Wait[];
}

/** A synthesised chart: its file name and objects. */
export interface ChartManifest {
  readonly file: string;
  readonly objects: any[];
}

/**
 * The lab's charts, synthesised into `outdir` (as dist/ or dist-gateway/), with their objects as
 * written (what kubectl applies). Read back from the files: `Chart.toJson()` would validate the
 * whole app again for every chart. A chart's file is named as cdk8s names it (the chart id when it
 * is a DNS label, as all the lab's are; the Gateway API target's own chart `GatewayApi` gets a hash).
 */
export function synthLabCharts(config: LabConfig, outdir: string, flavour = LabFlavour.INGRESS_NGINX): { lab: LabSections; charts: ChartManifest[] } {
  const app = new ExposeApp({ outdir, syncWaves: true });
  const lab = buildLabFlavour(app, config, flavour);
  app.synth();
  const charts = app.charts.map(c => {
    const file = `${Names.toDnsLabel(c)}${app.outputFileExtension}`;
    return { file, objects: readManifest(path.join(outdir, file)) };
  });
  return { lab, charts };
}

/** The objects of a manifest file (YAML documents separated by `---` lines). */
export function readManifest(file: string): any[] {
  return fs.readFileSync(file, 'utf8').split(/^---$/m).map(d => d.trim()).filter(d => d.length > 0).map(d => parse(d));
}

/** The waits an applied chart implies, in a useful order: Certificates, workloads, webhooks. */
export function waitsOf(objects: any[]): Wait[] {
  const waits: Wait[] = [];
  const of = (kind: string) => objects.filter(o => o.kind === kind);
  for (const o of of('Certificate')) {
    waits.push({ object: `certificate/${o.metadata.name}`, namespace: o.metadata.namespace, condition: 'Ready', how: 'wait', for: 'condition=Ready' });
  }
  for (const kind of ['Deployment', 'DaemonSet', 'StatefulSet']) {
    for (const o of of(kind)) {
      waits.push({ object: `${kind.toLowerCase()}/${o.metadata.name}`, namespace: o.metadata.namespace, condition: 'rolled out', how: 'rollout' });
    }
  }
  for (const o of of('Pod')) {
    waits.push({ object: `pod/${o.metadata.name}`, namespace: o.metadata.namespace, condition: 'Ready', how: 'wait', for: 'condition=Ready' });
  }
  for (const kind of ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration']) {
    for (const o of of(kind)) {
      waits.push({ object: `${kind.toLowerCase()}/${o.metadata.name}`, condition: 'a non-empty caBundle', how: 'caBundle' });
    }
  }
  // Gateway API: the controller accepted the class; the Gateway is configured and has an address (its conditions, per the spec)
  for (const o of of('GatewayClass')) {
    waits.push({ object: `gatewayclass/${o.metadata.name}`, condition: 'Accepted', how: 'wait', for: 'condition=Accepted' });
  }
  for (const o of of('Gateway')) {
    waits.push({ object: `gateway/${o.metadata.name}`, namespace: o.metadata.namespace, condition: 'Programmed', how: 'wait', for: 'condition=Programmed' });
  }
  // trust-manager wrote the Bundle's target (the lab CA's ConfigMap)
  for (const o of objects.filter(x => x.kind === 'Bundle' && String(x.apiVersion).startsWith('trust.cert-manager.io/'))) {
    waits.push({ object: `bundle/${o.metadata.name}`, condition: 'Synced', how: 'wait', for: 'condition=Synced' });
  }
  return waits;
}

const CONTROLLER_FILES = ['30-ingress-nginx.k8s.yaml', '30-gateway-class.k8s.yaml'];
const NAMESPACE_FILE = '00-namespace.k8s.yaml';
const isController = (file: string) => CONTROLLER_FILES.includes(file);
const hasKind = (c: ChartManifest, kind: string) => c.objects.some(o => o.kind === kind);

/** Envoy Gateway's release manifest, applied server-side, and its controller rolled out. */
function envoyGatewayStage(release: Release): Stage {
  return {
    name: `Envoy Gateway ${release.version}`,
    apply: envoyGatewayInstallUrl(release),
    namespaced: false,
    serverSide: true,
    skipIfCrd: ENVOY_GATEWAY_CRD,
    release,
    waits: [{ object: `deployment/${ENVOY_GATEWAY_DEPLOYMENT}`, namespace: ENVOY_GATEWAY_NAMESPACE, condition: 'rolled out', how: 'rollout' }],
  };
}

/**
 * trust-manager with Helm, the lab's namespace as its trust namespace (where a Bundle's sources are
 * read). Never skipped: the chart's Role and RoleBinding live in the trust namespace, which lab:down
 * deletes with the lab, so a later lab:up must install them again (`helm upgrade --install` is
 * idempotent: an unchanged release is upgraded in place and its missing objects re-created).
 */
function trustManagerStage(config: LabConfig, release: Release): Stage {
  return {
    name: `trust-manager ${release.version}`,
    apply: TRUST_MANAGER_CHART,
    namespaced: false,
    helm: ['upgrade', '--install', 'trust-manager', TRUST_MANAGER_CHART, '--version', release.version,
      '--namespace', TRUST_MANAGER_NAMESPACE, '--set', `app.trust.namespace=${config.namespace}`],
    release,
    waits: [{ object: `deployment/${TRUST_MANAGER_DEPLOYMENT}`, namespace: TRUST_MANAGER_NAMESPACE, condition: 'rolled out', how: 'rollout' }],
  };
}

/**
 * The stages of lab:up, in order: cert-manager (when the lab needs it), the controller (Gateway API:
 * Envoy Gateway, then the GatewayClass), the namespace, trust-manager (when a chart has a Bundle: its
 * trust namespace must exist first), then every chart in file order; the Gateway last, so that
 * the Secrets its listeners serve are issued before it is waited for.
 */
export function upStages(config: LabConfig, charts: ChartManifest[], releases: LabReleases = distReleases(charts)): Stage[] {
  const stages: Stage[] = [];
  const needsCertManager = charts.some(c => c.objects.some(o => String(o.apiVersion).startsWith('cert-manager.io/')));
  if (needsCertManager || config.certificates === LabCertificates.LAB_CA) {
    const release = required(releases.certManager, 'cert-manager');
    stages.push({
      name: `cert-manager ${release.version}`,
      apply: certManagerManifestUrl(release),
      namespaced: false,
      skipIfCrd: CERT_MANAGER_CRD,
      release,
      waits: [
        ...CERT_MANAGER_DEPLOYMENTS.map(d => ({ object: `deployment/${d}`, namespace: CERT_MANAGER_NAMESPACE, condition: 'rolled out', how: 'rollout' as const })),
        { object: `validatingwebhookconfiguration/${CERT_MANAGER_WEBHOOK}`, condition: 'a non-empty caBundle', how: 'caBundle' },
      ],
    });
  }
  const gatewayApi = charts.some(c => hasKind(c, 'GatewayClass') || hasKind(c, 'Gateway'));
  if (gatewayApi) stages.push(envoyGatewayStage(required(releases.envoyGateway, 'Envoy Gateway')));
  for (const controller of charts.filter(c => isController(c.file))) {
    const gatewayClass = hasKind(controller, 'GatewayClass');
    const name = gatewayClass ? 'GatewayClass' : `ingress-nginx controller ${controllerVersion(controller) ?? ''}`.trim();
    stages.push({ name, apply: controller.file, namespaced: false, waits: waitsOf(controller.objects) });
  }
  if (charts.some(c => c.file === NAMESPACE_FILE)) stages.push({ name: `namespace ${config.namespace}`, apply: NAMESPACE_FILE, namespaced: false, waits: [] });
  if (charts.some(c => hasKind(c, 'Bundle'))) stages.push(trustManagerStage(config, required(releases.trustManager, 'trust-manager')));
  const rest = charts.filter(c => !isController(c.file) && c.file !== NAMESPACE_FILE);
  // after what their objects need (the library's DeployPlan, which also gives the sync waves): the Gateway after its certificates
  const ordered = DeployPlan.applyOrder(rest.map(c => ({ name: c.file, objects: c.objects }))).map(i => rest[i]);
  for (const c of ordered) {
    stages.push({ name: c.file.replace(/\.k8s\.yaml$/, ''), apply: c.file, namespaced: true, waits: waitsOf(c.objects) });
  }
  return stages;
}

/** The releases for the Kubernetes version dist/ and dist-gateway/ target (DIST_KUBERNETES_VERSION), by the charts' flavour. */
export function distReleases(charts: ChartManifest[]): LabReleases {
  const gatewayApi = charts.some(c => hasKind(c, 'GatewayClass') || hasKind(c, 'Gateway'));
  return selectReleases(parseKubernetesVersion(DIST_KUBERNETES_VERSION)!, gatewayApi ? LabFlavour.GATEWAY_API : LabFlavour.INGRESS_NGINX);
}

/** A release lab/versions.ts must have chosen (lab:up refuses before building stages otherwise). */
function required(release: Release | undefined, component: string): Release {
  if (!release) throw new Error(`no ${component} release chosen for this cluster`);
  return release;
}

/** The ingress-nginx version a controller chart renders (its controller image's tag), e.g. `v1.15.1`. */
export function controllerVersion(chart: ChartManifest): string | undefined {
  for (const o of chart.objects.filter(x => x.kind === 'DaemonSet' || x.kind === 'Deployment')) {
    const image = String(o.spec?.template?.spec?.containers?.[0]?.image ?? '');
    const m = /\/ingress-nginx\/controller:(v[0-9.]+)/.exec(image) ?? /ingress-nginx-controller:(v[0-9.]+)/.exec(image);
    if (m) return m[1];
  }
  return undefined;
}

/** One step of lab:down. */
export interface DownStep {
  readonly name: string;
  /** The tool: kubectl (the default) or helm. */
  readonly tool?: 'kubectl' | 'helm';
  /** The tool's arguments (without --timeout / --wait). */
  readonly args: string[];
}

/**
 * The steps of lab:down: the charts in reverse order (the Secrets cert-manager wrote for the
 * lab's Certificates with them, which deleting a Certificate leaves behind), the namespace, the
 * controller (or the GatewayClass); cert-manager (and trust-manager, which needs it) and Envoy
 * Gateway only when asked (they may serve others).
 */
export function downSteps(
  config: LabConfig, charts: ChartManifest[], dir: string, withCertManager: boolean, withEnvoyGateway = false,
  releases: LabReleases = distReleases(charts),
): DownStep[] {
  const steps: DownStep[] = [];
  const ns = config.namespace;
  for (const c of [...charts].reverse()) {
    if (isController(c.file) || c.file === NAMESPACE_FILE) continue;
    steps.push({ name: c.file.replace(/\.k8s\.yaml$/, ''), args: ['-n', ns, 'delete', '-f', `${dir}/${c.file}`, '--ignore-not-found'] });
    const secrets = c.objects.filter(o => o.kind === 'Certificate').map(o => o.spec.secretName as string);
    if (secrets.length > 0) {
      steps.push({ name: `${c.file.replace(/\.k8s\.yaml$/, '')} secrets`, args: ['-n', ns, 'delete', 'secret', ...secrets, '--ignore-not-found'] });
    }
  }
  if (charts.some(c => c.file === NAMESPACE_FILE)) {
    steps.push({ name: `namespace ${ns}`, args: ['delete', '-f', `${dir}/${NAMESPACE_FILE}`, '--ignore-not-found'] });
  }
  for (const controller of charts.filter(c => isController(c.file))) {
    const name = hasKind(controller, 'GatewayClass') ? 'GatewayClass' : 'ingress-nginx controller';
    steps.push({ name, args: ['delete', '-f', `${dir}/${controller.file}`, '--ignore-not-found'] });
  }
  if (withEnvoyGateway && releases.envoyGateway) {
    const eg = releases.envoyGateway;
    steps.push({ name: `Envoy Gateway ${eg.version}`, args: ['delete', '-f', envoyGatewayInstallUrl(eg), '--ignore-not-found'] });
  }
  if (withCertManager && charts.some(c => hasKind(c, 'Bundle')) && releases.trustManager) {
    const args = ['uninstall', 'trust-manager', '--namespace', TRUST_MANAGER_NAMESPACE];
    steps.push({ name: `trust-manager ${releases.trustManager.version}`, tool: 'helm', args });
  }
  if (withCertManager && releases.certManager) {
    const cm = releases.certManager;
    steps.push({ name: `cert-manager ${cm.version}`, args: ['delete', '-f', certManagerManifestUrl(cm), '--ignore-not-found'] });
  }
  return steps;
}
