/**
 * The app-wide checks once per synth of cdk8s's own `App`.
 *
 * `App.synth()` (and `synthYaml()`) validates the whole app, then renders each chart with
 * `chart.toJson()`, which validates the whole app again (cdk8s 2.70 `App._synthChart`): an app
 * of C charts is validated 1 + C times per synth, and the checks, which render every object,
 * would cost C + 1 times their work (quadratic at one chart per exposure). Between those
 * validations only cdk8s runs (dependency resolution, rendering of the previous chart), never
 * the user's code, so the objects cannot change; the first validation's result holds for the
 * others.
 *
 * Which validation is which is read from the call stack (`new Error().stack`, V8's documented
 * format), nothing is patched: a validation that cdk8s's `validate` runs directly from
 * `App.synth`/`App.synthYaml` (no `_synthChart` between) starts a synth and computes; one that
 * runs under `_synthChart` under `App.synth`/`App.synthYaml` reuses that result when the app's
 * root has the same children and the attached facts and the rule families are still those it
 * was computed with. Anything else (a direct `chart.toJson()`, `Testing.synth`, `ExposeApp`,
 * `CrossObjectChecks.run()`, a stack the reading does not recognise) computes, as before, and
 * every synth starts with a fresh computation: a change between two synths is always seen, and
 * a wrong reading of the stack can only cost time, never give a stale result.
 *
 * The whole tree is not compared within a synth: walking it once more per chart would cost as
 * much as cdk8s's own walks (the 1.3x target of `npm run bench` against raw cdk8s-plus-27 with
 * `App` would not hold), and only cdk8s's rendering runs between those validations.
 */
import { IConstruct } from 'constructs';
import { factsVersion } from './construct-facts';

/** Where a validation of the app runs, as far as the memo is concerned. */
export enum SynthPhase {
  /** cdk8s's App.synth()/synthYaml() validating before it renders: compute, and keep the result. */
  APP_SYNTH_START = 'app-synth-start',
  /** cdk8s's chart.toJson() inside App.synth()/synthYaml(): the kept result may be reused. */
  CHART_IN_APP_SYNTH = 'chart-in-app-synth',
  /** Anything else: compute. */
  OTHER = 'other',
}

/**
 * A stack frame in cdk8s's app module: `at <receiver>.<method> (<path>/cdk8s/lib/app.js:L:C)`, or
 * `.../cdk8s/src/app.ts` where source maps are applied (`node --enable-source-maps`, jest).
 */
const CDK8S_APP_FRAME = /^\s*at (?:\S+\.)?(\w+) \(.*[\\/]cdk8s[\\/](?:lib[\\/]app\.js|src[\\/]app\.ts):\d+:\d+\)$/;
/**
 * Frames enough to reach App.synth from a validation (ours, constructs' Node.validate, cdk8s's
 * validate, _synthChart, Chart.toJson, App.synth), with margin.
 */
const FRAMES = 24;

/** The phase of the validation running now, read from the call stack. */
export function currentSynthPhase(): SynthPhase {
  const limit = Error.stackTraceLimit;
  let stack: string | undefined;
  try {
    Error.stackTraceLimit = Math.max(limit, FRAMES);
    stack = new Error().stack;
  } finally {
    Error.stackTraceLimit = limit;
  }
  return phaseOfStack(stack ?? '');
}

/** The phase a stack trace shows (the method names of its frames in cdk8s's lib/app.js, innermost first). */
export function phaseOfStack(stack: string): SynthPhase {
  const methods: string[] = [];
  for (const line of stack.split('\n')) {
    const m = CDK8S_APP_FRAME.exec(line);
    if (m) methods.push(m[1]);
  }
  // innermost first: cdk8s's own validate(), then its caller
  if (methods[0] !== 'validate') return SynthPhase.OTHER;
  const caller = methods[1];
  if (caller === 'synth' || caller === 'synthYaml') return SynthPhase.APP_SYNTH_START;
  if (caller === '_synthChart' && (methods[2] === 'synth' || methods[2] === 'synthYaml')) return SynthPhase.CHART_IN_APP_SYNTH;
  return SynthPhase.OTHER;
}

/** The state a result was computed in. */
interface Computed<T> {
  /** The root's direct children (charts, the checks): cheap, and what a chart added by a rendering hook would change. */
  readonly charts: readonly IConstruct[];
  readonly facts: number;
  readonly families: number;
  readonly result: T;
}

/** One app's kept result of the checks: valid within the synth that computed it, while nothing changed. */
export class SynthMemo<T> {
  private kept?: Computed<T>;

  /**
   * The result for the validation running now: the kept one when this validation is a chart's
   * inside the same App synth and the tree, facts and families are unchanged, else `compute()`'s.
   * `fresh` tells the caller whether it computed (then, e.g., it records warnings).
   */
  public get(root: IConstruct, families: number, compute: () => T): { result: T; fresh: boolean } {
    const phase = currentSynthPhase();
    const charts = root.node.children;
    const kept = this.kept;
    const unchanged = kept !== undefined && kept.families === families && kept.facts === factsVersion() && sameList(kept.charts, charts);
    if (phase === SynthPhase.CHART_IN_APP_SYNTH && kept && unchanged) {
      return { result: kept.result, fresh: false };
    }
    const result = compute();
    this.kept = phase === SynthPhase.APP_SYNTH_START ? { charts, facts: factsVersion(), families, result } : undefined;
    return { result, fresh: true };
  }
}

function sameList(a: readonly IConstruct[], b: readonly IConstruct[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
