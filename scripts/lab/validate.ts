/**
 * What `npm run lab:up` applies, validated before anything is applied: every object of the charts
 * its stages apply (synthesised for the cluster, or read from `--dir`), strictly (the validation
 * plugin's validator, as `npm run synth`), against
 *
 * - the Kubernetes schemas held in schemas/ for the cluster's version: its own when held, else the
 *   held ones just below and just above it (the cluster's API lies between them; above the newest
 *   held, the newest alone);
 * - the CRDs of the releases lab:up installs there: cert-manager's chosen release
 *   (`crdReleases: { 'cert-manager': <version> }` of schemas/crds/: v1.16.5 on 1.25-1.32 refuses
 *   fields v1.21.1 accepts, such as Certificate `spec.signatureAlgorithm`), the Gateway API CRDs
 *   Envoy Gateway bundles (v1.6.1), and lab/crds/ (trust-manager's Bundle).
 *
 * Envoy Gateway's own kinds (`gateway.envoyproxy.io`: the EnvoyProxy of `gatewayNodePorts`) have no
 * CRD here (its install manifest brings them): they are listed as not validated, not refused.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ChartManifest } from '../../lab/stages';
import { KubernetesVersion, LabReleases } from '../../lab/versions';
import {
  DEFAULT_SCHEMAS_DIR, formatViolations, getSchemaValidator, ManifestObject, SchemaViolation, selectCrdFiles,
} from '../../validation-plugin/src/schema-validator';

/** The lab's own CRDs (trust-manager's Bundle), beside schemas/crds/. */
export const LAB_CRDS_DIR = path.resolve(__dirname, '..', '..', 'lab', 'crds');

/** API groups whose kinds no CRD here describes, and why (their objects are listed as not validated). */
export const UNVALIDATED_GROUPS: { readonly [group: string]: string } = {
  'gateway.envoyproxy.io': 'Envoy Gateway\'s own CRDs come with its install manifest; none is held in schemas/crds or lab/crds',
};

/** The Kubernetes versions whose schemas `dir` holds (`kubernetes-v1.27.0.json` -> `v1.27.0`), oldest first. */
export function heldKubernetesSchemas(dir = DEFAULT_SCHEMAS_DIR): string[] {
  const minorOf = (v: string) => Number(v.split('.')[1]);
  return fs.readdirSync(dir)
    .map(f => /^kubernetes-(v1\.\d+\.\d+)\.json$/.exec(f)?.[1])
    .filter((v): v is string => v !== undefined)
    .sort((a, b) => minorOf(a) - minorOf(b));
}

/**
 * The held schema versions to validate a cluster of `kubernetes` against: the cluster's minor when
 * held; else the nearest held below and the nearest held above (one of them at the ends).
 */
export function schemaVersionsFor(kubernetes: KubernetesVersion, held: readonly string[]): string[] {
  const minorOf = (v: string) => Number(v.split('.')[1]);
  const own = held.find(v => minorOf(v) === kubernetes.minor);
  if (own) return [own];
  const below = held.filter(v => minorOf(v) < kubernetes.minor).pop();
  const above = held.find(v => minorOf(v) > kubernetes.minor);
  return [below, above].filter((v): v is string => v !== undefined);
}

/** The CRD releases of what lab:up installs, as the validator's `crdReleases` (cert-manager's chosen release). */
export function crdReleasesOf(releases: LabReleases): { [project: string]: string } {
  return releases.certManager ? { 'cert-manager': releases.certManager.version } : {};
}

/** The outcome: what was validated against what, what was not, and the violations. */
export interface LabValidation {
  readonly objects: number;
  readonly files: number;
  readonly kubernetesVersions: readonly string[];
  readonly crdReleases: { readonly [project: string]: string };
  /** The CRD files used (their names: schemas/crds/ and lab/crds/). */
  readonly crdFiles: readonly string[];
  /** `EnvoyProxy envoy-gateway-system/lab-node-ports (why)`: objects no CRD here describes. */
  readonly notValidated: readonly string[];
  readonly violations: readonly SchemaViolation[];
}

/** Validates the objects of `charts` for a cluster of `releases.kubernetes` running `releases`. */
export function validateLabObjects(charts: readonly ChartManifest[], releases: LabReleases, schemasDir = DEFAULT_SCHEMAS_DIR): LabValidation {
  const kubernetesVersions = schemaVersionsFor(releases.kubernetes, heldKubernetesSchemas(schemasDir));
  const crdReleases = crdReleasesOf(releases);
  const crdFiles = [...selectCrdFiles(path.join(schemasDir, 'crds'), crdReleases), ...selectCrdFiles(LAB_CRDS_DIR)];
  const items: ManifestObject[] = [];
  const notValidated: string[] = [];
  for (const c of charts) {
    c.objects.forEach((object, index) => {
      const group = String(object?.apiVersion ?? '').split('/')[0];
      const why = UNVALIDATED_GROUPS[group];
      if (why === undefined) items.push({ object, file: c.file, index });
      else notValidated.push(`${object.kind} ${object.metadata?.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata?.name} (${why})`);
    });
  }
  const violations = getSchemaValidator({ kubernetesVersions, crdFiles }).validate(items);
  return {
    objects: items.length, files: charts.length, kubernetesVersions, crdReleases,
    crdFiles: crdFiles.map(f => path.basename(f)), notValidated, violations,
  };
}

/** One line saying what was validated against what. */
export function describeValidation(v: LabValidation): string {
  const releases = Object.entries(v.crdReleases).map(([p, r]) => `${p} ${r}`).join(', ');
  return `${v.objects} objects of ${v.files} files, strictly, against Kubernetes ${v.kubernetesVersions.join(' and ')} ` +
    `and the CRDs ${v.crdFiles.join(', ')}${releases ? ` (the releases installed: ${releases})` : ''}`;
}

/** The violations as the synth prints them: file (the chart's file name), document, object; schema, path, message. */
export function violationsText(v: LabValidation): string {
  return formatViolations([...v.violations], process.cwd());
}
