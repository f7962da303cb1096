/**
 * The same stages as Flux sees them: one folder per stage (the objects of that stage, in their
 * files, with the kustomization.yaml Flux recommends keeping in Git), and one Flux
 * `Kustomization` per stage that depends on the stage before it (`dependsOn`) and waits for
 * every object it applied to be ready (`wait: true`). Flux applies a Kustomization only once
 * those it depends on are Ready (kustomize-controller v1.9.4, docs/spec/v1/kustomizations.md).
 */
import { ProblemList } from '../core/errors';
import { invalid, Problem, required, show } from '../core/problem';
import { goDurationProblems } from '../validation/durations';
import { DeployPlan, ManifestGroup } from './deploy-plan';
import { DEPLOY_STAGES } from './deploy-stage';

/**
 * Where the Flux layout's Kustomizations find the stage folders, and how they reconcile.
 * @experimental
 */
export interface FluxLayoutOptions {
  /** The path of the layout's folder in the source (Git repository), as Flux's `spec.path` starts (`./clusters/lab/expose`). */
  readonly path: string;
  /**
   * The Flux source that holds the layout.
   * @default 'flux-system' (the GitRepository `flux bootstrap` creates)
   */
  readonly sourceName?: string;
  /**
   * The source's kind.
   * @default 'GitRepository'
   */
  readonly sourceKind?: string;
  /**
   * The namespace of the Kustomizations (and of the source).
   * @default 'flux-system'
   */
  readonly namespace?: string;
  /**
   * The Kustomizations' name prefix: `<prefix>-<n>-<stage>`.
   * @default 'cdk8s-expose'
   */
  readonly namePrefix?: string;
  /**
   * How often each stage is reconciled (a Go duration).
   * @default '10m'
   */
  readonly interval?: string;
  /**
   * How long a stage may take to apply and become ready (a Go duration).
   * @default '5m'
   */
  readonly timeout?: string;
  /**
   * Kustomizations (in the same namespace) the first stage depends on: what installs the
   * prerequisites outside the app, such as cert-manager and its CRDs.
   * @default - none
   */
  readonly dependsOn?: string[];
  /**
   * Whether Flux deletes what left the folder.
   * @default true
   */
  readonly prune?: boolean;
}

/**
 * One file of the Flux layout: its path inside the layout's folder and its documents.
 * @experimental
 */
export interface FluxLayoutFile {
  /** `2-certificates/35-lab-ca.k8s.yaml`, `flux/kustomizations.yaml`. */
  readonly path: string;
  /** The file's YAML documents (plain JSON). */
  readonly documents: any[];
}

/**
 * An app's manifests laid out for Flux: a folder per non-empty stage (`0-foundation/`,
 * `1-controllers/`, ...) holding that stage's objects in their original files, and
 * `flux/kustomizations.yaml` with one Kustomization per stage, each depending on the one before
 * and waiting for its objects. Apply the `flux/` folder (or point a Kustomization at it).
 *
 * @example
 * const layout = FluxLayout.of(groups, { path: './dist-flux' });
 * for (const f of layout.files) writeYaml(path.join('dist-flux', f.path), f.documents);
 * @experimental
 */
export class FluxLayout {
  /** The layout of `groups` (rendered manifest files, in apply order). */
  public static of(groups: ManifestGroup[], options: FluxLayoutOptions): FluxLayout {
    return new FluxLayout(groups, options);
  }

  /** Every file of the layout: the stage folders' manifests and kustomization.yaml files, then `flux/kustomizations.yaml`. */
  public readonly files: FluxLayoutFile[];
  /** The Flux Kustomizations, one per non-empty stage, in stage order. */
  public readonly kustomizations: any[];

  private constructor(groups: ManifestGroup[], options: FluxLayoutOptions) {
    new ProblemList().add(fluxLayoutOptionsProblems(options)).throwIfAny('FluxLayout');
    const plan = DeployPlan.of(groups.flatMap(g => g.objects));
    const files: FluxLayoutFile[] = [];
    const kustomizations: any[] = [];
    let at = 0;
    const placed = groups.map(g => g.objects.map(o => ({ obj: o, wave: plan.waveOf(at++) })));
    DEPLOY_STAGES.forEach((stage, wave) => {
      const folder = `${wave}-${stage}`;
      const stageFiles = groups.flatMap((g, i) => {
        const documents = placed[i].filter(p => p.wave === wave).map(p => p.obj);
        return documents.length > 0 ? [{ path: `${folder}/${g.name}`, documents }] : [];
      });
      if (stageFiles.length === 0) return;
      files.push(...stageFiles, {
        path: `${folder}/kustomization.yaml`,
        documents: [{ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: stageFiles.map(f => f.path.slice(folder.length + 1)) }],
      });
      kustomizations.push(fluxKustomization(options, folder, kustomizations[kustomizations.length - 1]));
    });
    files.push({ path: 'flux/kustomizations.yaml', documents: kustomizations });
    this.files = files;
    this.kustomizations = kustomizations;
  }
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The options' problems: a relative path in the source, Go durations, names Flux accepts. */
export function fluxLayoutOptionsProblems(options: FluxLayoutOptions): Problem[] {
  const problems: Problem[] = [];
  if (!options.path) problems.push(required('options.path', 'is required: the layout folder\'s path in the source, e.g. "./dist-flux"'));
  else if (options.path.startsWith('/') || options.path.split('/').includes('..')) {
    problems.push(invalid('options.path', options.path, `${show(options.path)} leaves the source; allowed: a path inside it, e.g. "./dist-flux"`));
  }
  if (options.interval !== undefined) problems.push(...goDurationProblems('options.interval', options.interval));
  if (options.timeout !== undefined) problems.push(...goDurationProblems('options.timeout', options.timeout));
  const names: Array<[string, string | undefined]> = [['options.namePrefix', options.namePrefix], ['options.namespace', options.namespace],
    ['options.sourceName', options.sourceName], ...(options.dependsOn ?? []).map((d, i): [string, string] => [`options.dependsOn[${i}]`, d])];
  for (const [field, value] of names) {
    if (value !== undefined && (!DNS_SUBDOMAIN.test(value) || value.length > 200)) {
      problems.push(invalid(field, value, `${show(value)} is not a Kubernetes object name; allowed: at most 200 lower-case letters, digits, '-' and '.', each part starting and ending alphanumeric`));
    }
  }
  return problems;
}

function fluxKustomization(options: FluxLayoutOptions, folder: string, previous: any): any {
  const base = options.path.replace(/\/+$/, '');
  const dependsOn = previous ? [previous.metadata.name as string] : [...(options.dependsOn ?? [])];
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: `${options.namePrefix ?? 'cdk8s-expose'}-${folder}`, namespace: options.namespace ?? 'flux-system' },
    spec: {
      ...(dependsOn.length > 0 ? { dependsOn: dependsOn.map(name => ({ name })) } : {}),
      interval: options.interval ?? '10m',
      path: `${base}/${folder}`,
      prune: options.prune ?? true,
      sourceRef: { kind: options.sourceKind ?? 'GitRepository', name: options.sourceName ?? 'flux-system' },
      timeout: options.timeout ?? '5m',
      wait: true,
    },
  };
}
