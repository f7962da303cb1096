/**
 * The one source of "what is applied when" for an app's objects: each object's stage (its kind's
 * stage, moved later by what it needs), read by the Argo CD sync waves an ExposeApp stamps
 * (`syncWaves`), by the Flux layout (./flux-layout.ts) and by `npm run lab:up`'s order of files.
 */
import { controllerWorkloads, dependenciesOf, ObjectDependency } from './dependencies';
import { DEPLOY_STAGES, DeployStage, kindStage, stageIndex } from './deploy-stage';

/** Argo CD's annotation: objects of a lower wave are applied and healthy before the next wave. */
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

/**
 * A group of objects applied together (a manifest file, a chart).
 * @experimental
 */
export interface ManifestGroup {
  /** The group's name (a file name). */
  readonly name: string;
  /** The group's objects, as rendered (plain JSON). */
  readonly objects: any[];
}

/**
 * The stage and Argo CD sync wave of every object of an app, and the dependencies they come
 * from. An object is in its kind's stage (`DeployStage`), or later: in the stage of each object
 * it needs, and after the stage of each object that must be ready before the API server admits
 * it (an admission webhook with failure policy `Fail` and the pods behind it).
 *
 * @example
 * const plan = DeployPlan.of(objects);        // objects: rendered manifests
 * plan.waveOf(0);                             // 0 .. 4
 * @experimental
 */
export class DeployPlan {
  /** The plan of `objects` (rendered manifests, as written). */
  public static of(objects: any[]): DeployPlan {
    return new DeployPlan(objects);
  }

  /**
   * The order in which to apply groups of objects (files, charts) one after the other: every
   * group after the groups holding what its objects need from an earlier stage (objects of one
   * stage may be applied together, as one sync wave is), groups of routes only after all others,
   * otherwise in the given order.
   * @returns the groups' indices in apply order
   */
  public static applyOrder(groups: ManifestGroup[]): number[] {
    const owner: number[] = groups.flatMap((g, i) => g.objects.map(() => i));
    const plan = DeployPlan.of(groups.flatMap(g => g.objects));
    const needs = groups.map(() => new Set<number>());
    for (const d of plan.dependencies) {
      const earlier = d.hard || plan.waveOf(d.needed) < plan.waveOf(d.dependent);
      if (earlier && owner[d.dependent] !== owner[d.needed]) needs[owner[d.dependent]].add(owner[d.needed]);
    }
    const routesOnly = groups.map((g, i) => g.objects.length > 0 && owner.every((o, j) => o !== i || plan.stages[j] === DeployStage.ROUTES));
    const order: number[] = [];
    const placed = new Set<number>();
    const ready = (i: number) => !placed.has(i) && [...needs[i]].every(n => placed.has(n));
    while (order.length < groups.length) {
      const candidates = groups.map((_, i) => i).filter(ready);
      // a cycle between groups: the rest in the given order
      const pick = candidates.find(i => !routesOnly[i]) ?? candidates[0] ?? groups.findIndex((_, i) => !placed.has(i));
      placed.add(pick);
      order.push(pick);
    }
    return order;
  }

  /** Every object's stage, in the order of the objects. */
  public readonly stages: DeployStage[];
  /** What each object needs, from the manifests. */
  public readonly dependencies: ObjectDependency[];

  private constructor(objects: any[]) {
    this.dependencies = dependenciesOf(objects);
    const controllers = controllerWorkloads(objects);
    const index = objects.map((o, i) => stageIndex(kindStage(o, controllers.has(i))));
    // later stages only, so this ends: at most one pass per stage and object
    for (let pass = 0; pass <= objects.length; pass++) {
      let changed = false;
      for (const d of this.dependencies) {
        const least = Math.min(index[d.needed] + (d.hard ? 1 : 0), DEPLOY_STAGES.length - 1);
        if (index[d.dependent] < least) {
          index[d.dependent] = least;
          changed = true;
        }
      }
      if (!changed) break;
    }
    this.stages = index.map(i => DEPLOY_STAGES[i]);
  }

  /** The stage of the object at `index`. */
  public stageOf(index: number): DeployStage {
    return this.stages[index];
  }

  /** The Argo CD sync wave of the object at `index`: its stage's place, 0 (foundation) to 4 (routes). */
  public waveOf(index: number): number {
    return stageIndex(this.stages[index]);
  }
}

/**
 * `obj` with the sync-wave annotation, in place: `metadata.annotations` keeps its keys sorted and
 * comes first in `metadata`, as cdk8s writes it. An object that sets a wave itself keeps it.
 * @internal
 */
export function stampSyncWave(obj: any, wave: number): void {
  if (typeof obj !== 'object' || obj === null) return;
  const metadata = obj.metadata ?? {};
  const annotations: Record<string, string> = { ...(metadata.annotations ?? {}) };
  if (annotations[SYNC_WAVE_ANNOTATION] !== undefined) return;
  annotations[SYNC_WAVE_ANNOTATION] = String(wave);
  const sorted: Record<string, string> = {};
  for (const key of Object.keys(annotations).sort()) sorted[key] = annotations[key];
  const rest = { ...metadata };
  delete rest.annotations;
  for (const key of Object.keys(metadata)) delete metadata[key];
  Object.assign(metadata, { annotations: sorted }, rest);
  obj.metadata = metadata;
}
