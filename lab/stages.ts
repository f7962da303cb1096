/**
 * What `npm run lab:up` applies and waits for, and what `npm run lab:down` removes, derived from
 * the synthesised charts of the lab (never a hand-kept list): each chart's objects say what to
 * wait for (a Certificate to be Ready, a Deployment or DaemonSet to be rolled out, a Pod to be
 * Ready, an admission webhook to have a caBundle).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { ExposeApp } from '../constructs';
import { buildLab, Lab } from './index';
import { LabCertificates, LabConfig } from './config';

/**
 * cert-manager's release manifest, pinned. cert-manager 1.16 lists Kubernetes 1.25 -> 1.32 as
 * supported (1.27 -> 1.31 tested) on its supported-releases page; it reached end of life with
 * the release of 1.18. The lab's objects use cert-manager.io/v1 fields that 1.16 serves (they
 * are validated against the v1.21.1 CRDs in schemas/crds/).
 */
export const CERT_MANAGER_VERSION = 'v1.16.5';
export const CERT_MANAGER_MANIFEST_URL = `https://github.com/cert-manager/cert-manager/releases/download/${CERT_MANAGER_VERSION}/cert-manager.yaml`;
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

/** One stage of lab:up: apply something, then wait. */
export interface Stage {
  readonly name: string;
  /** A dist-style file name (`30-ingress-nginx.k8s.yaml`) or, for cert-manager, the manifest URL. */
  readonly apply: string;
  /** Whether the applied file's objects are all in the lab's namespace (then `-n <namespace>` is passed). */
  readonly namespaced: boolean;
  /** cert-manager only: skipped when its CRD is already there. */
  readonly skipIfCrd?: string;
  readonly waits: Wait[];
}

/** A synthesised chart: its file name and objects. */
export interface ChartManifest {
  readonly file: string;
  readonly objects: any[];
}

/**
 * The lab's charts, synthesised into `outdir` (as dist/), with their objects as written (what
 * kubectl applies). Read back from the files: `Chart.toJson()` would validate the whole app again
 * for every chart.
 */
export function synthLabCharts(config: LabConfig, outdir: string): { lab: Lab; charts: ChartManifest[] } {
  const app = new ExposeApp({ outdir });
  const lab = buildLab(app, config);
  app.synth();
  const charts = app.charts.map(c => {
    const file = `${c.node.id}.k8s.yaml`;
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
  return waits;
}

const CONTROLLER_FILE = '30-ingress-nginx.k8s.yaml';
const NAMESPACE_FILE = '00-namespace.k8s.yaml';

/** The stages of lab:up, in order: cert-manager (when the lab needs it), the controller, the namespace, then every chart in file order. */
export function upStages(config: LabConfig, charts: ChartManifest[]): Stage[] {
  const stages: Stage[] = [];
  const needsCertManager = charts.some(c => c.objects.some(o => String(o.apiVersion).startsWith('cert-manager.io/')));
  if (needsCertManager || config.certificates === LabCertificates.LAB_CA) {
    stages.push({
      name: `cert-manager ${CERT_MANAGER_VERSION}`,
      apply: CERT_MANAGER_MANIFEST_URL,
      namespaced: false,
      skipIfCrd: CERT_MANAGER_CRD,
      waits: [
        ...CERT_MANAGER_DEPLOYMENTS.map(d => ({ object: `deployment/${d}`, namespace: CERT_MANAGER_NAMESPACE, condition: 'rolled out', how: 'rollout' as const })),
        { object: `validatingwebhookconfiguration/${CERT_MANAGER_WEBHOOK}`, condition: 'a non-empty caBundle', how: 'caBundle' },
      ],
    });
  }
  const byFile = new Map(charts.map(c => [c.file, c] as const));
  const controller = byFile.get(CONTROLLER_FILE);
  if (controller) stages.push({ name: 'ingress-nginx controller', apply: CONTROLLER_FILE, namespaced: false, waits: waitsOf(controller.objects) });
  const ns = byFile.get(NAMESPACE_FILE);
  if (ns) stages.push({ name: `namespace ${config.namespace}`, apply: NAMESPACE_FILE, namespaced: false, waits: [] });
  for (const c of charts) {
    if (c.file === CONTROLLER_FILE || c.file === NAMESPACE_FILE) continue;
    stages.push({ name: c.file.replace(/\.k8s\.yaml$/, ''), apply: c.file, namespaced: true, waits: waitsOf(c.objects) });
  }
  return stages;
}

/** One step of lab:down. */
export interface DownStep {
  readonly name: string;
  /** kubectl arguments (without --timeout / --wait). */
  readonly args: string[];
}

/**
 * The steps of lab:down: the charts in reverse order (the Secrets cert-manager wrote for the
 * lab's Certificates with them, which deleting a Certificate leaves behind), the namespace, the
 * controller; cert-manager only when asked (it may serve others).
 */
export function downSteps(config: LabConfig, charts: ChartManifest[], dir: string, withCertManager: boolean): DownStep[] {
  const steps: DownStep[] = [];
  const ns = config.namespace;
  for (const c of [...charts].reverse()) {
    if (c.file === CONTROLLER_FILE || c.file === NAMESPACE_FILE) continue;
    steps.push({ name: c.file.replace(/\.k8s\.yaml$/, ''), args: ['-n', ns, 'delete', '-f', `${dir}/${c.file}`, '--ignore-not-found'] });
    const secrets = c.objects.filter(o => o.kind === 'Certificate').map(o => o.spec.secretName as string);
    if (secrets.length > 0) {
      steps.push({ name: `${c.file.replace(/\.k8s\.yaml$/, '')} secrets`, args: ['-n', ns, 'delete', 'secret', ...secrets, '--ignore-not-found'] });
    }
  }
  if (charts.some(c => c.file === NAMESPACE_FILE)) {
    steps.push({ name: `namespace ${ns}`, args: ['delete', '-f', `${dir}/${NAMESPACE_FILE}`, '--ignore-not-found'] });
  }
  if (charts.some(c => c.file === CONTROLLER_FILE)) {
    steps.push({ name: 'ingress-nginx controller', args: ['delete', '-f', `${dir}/${CONTROLLER_FILE}`, '--ignore-not-found'] });
  }
  if (withCertManager) {
    steps.push({ name: `cert-manager ${CERT_MANAGER_VERSION}`, args: ['delete', '-f', CERT_MANAGER_MANIFEST_URL, '--ignore-not-found'] });
  }
  return steps;
}
