/**
 * App-wide checks: what no single object's field check sees, and what an API server, the
 * scheduler or an ingress controller's admission webhook would reject (or silently mishandle)
 * once several objects meet on one cluster.
 *
 * They run over the synthesised JSON of every ApiObject in the app (so raw `k8s.Kube*`
 * objects take part too) when `app.synth()` validates the tree. Errors fail the synth;
 * warnings are recorded with `Warnings` and printed once, grouped, after synth.
 *
 * The rules come in families (`rule-families.ts`, one file each under `families/`); the
 * controller-neutral ones are built in, and each routing target or controller an app uses adds
 * those about what it emits (`_addRuleFamilies`), for that app only, with the reader of its kinds.
 * Every run builds one model of the app (`app-model.ts`) that all families read. Within one
 * synth of cdk8s's `App`, which validates the app once more per chart, they run once
 * (`synth-memo.ts`); a change between two synths is seen.
 *
 * Activation is automatic: every cdk8s-expose construct calls `CrossObjectChecks.of(app)`.
 * Call it yourself to check an app that uses only raw objects.
 */
import { ApiObject, App } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { Warnings } from '../core/warnings';
import { AppModel } from './app-model';
import { attachFact } from './construct-facts';
import { EXTERNAL_SECRET_FACT, INGRESS_CONTROLLER_FACT, IngressControllerFacts, NODE_ADDRESSES_FACT, normalizeNamespace } from './facts';
import { ProblemList } from '../core/errors';
import { ipAddressProblems } from '../validation/ip-addresses';
import { Finding, FindingSeverity } from './findings';
import { buildAppModel } from './model-builder';
import { NODE_PORT_RANGE_FACT, nodePortRangeProblems } from './node-port-range';
import { renderOf } from './render-cache';
import { builtInRuleFamilies, readersOf, RuleFamily } from './rule-families';
import { SynthMemo } from './synth-memo';

export { Finding, FindingSeverity } from './findings';
export { IngressControllerFacts } from './facts';

const CHECKS_ID = 'cdk8s-expose-checks';
let collator: Intl.Collator | undefined;
/**
 * `a.localeCompare(b)`'s order (the same default collator), without creating a collator per
 * comparison. Created on first use: setting up ICU costs about 9 ms, and a synth with fewer than
 * two findings never compares.
 */
function compareText(a: string, b: string): number {
  return (collator ??= new Intl.Collator()).compare(a, b);
}

/**
 * The app-wide checks of one app.
 * @experimental
 */
export class CrossObjectChecks extends Construct {
  /** The checks of the app `scope` belongs to, created (and wired into validation) on first use. */
  public static of(scope: IConstruct): CrossObjectChecks {
    const app = App.of(scope) as Construct;
    const existing = app.node.tryFindChild(CHECKS_ID);
    if (existing) return existing as CrossObjectChecks;
    return new CrossObjectChecks(app, CHECKS_ID);
  }

  /**
   * Declares that a Secret exists outside this app (created with `kubectl create secret`,
   * by another tool or another app), so references to it are not reported as undefined.
   */
  public static declareExternalSecret(scope: IConstruct, secretName: string, namespace?: string): void {
    CrossObjectChecks.of(scope);
    attachFact(scope, EXTERNAL_SECRET_FACT, { name: secretName, namespace: normalizeNamespace(namespace) });
  }

  /**
   * Declares IPs of the cluster's nodes (addresses clients use to reach a node), so that the
   * checks can tell when a Service's externalIP:port shadows a port the node itself serves.
   */
  public static declareNodeAddresses(scope: IConstruct, addresses: string[]): void {
    CrossObjectChecks.of(scope);
    new ProblemList().add(addresses.flatMap((ip, i) => ipAddressProblems(`addresses[${i}]`, ip))).throwIfAny(scope.node.path);
    attachFact(scope, NODE_ADDRESSES_FACT, [...addresses]);
  }

  /**
   * Declares the cluster's nodePort range (the API server's `--service-node-port-range`, both
   * ends included) for the whole app: every check of a nodePort uses it instead of 30000-32767 (the
   * Services' constructors, the app-wide `node-port` and `host-port-node-port` checks). Call it on
   * the app before creating Services with a nodePort.
   */
  public static declareNodePortRange(scope: IConstruct, min: number, max: number): void {
    const app = App.of(scope);
    CrossObjectChecks.of(app);
    new ProblemList().add(nodePortRangeProblems(min, max)).throwIfAny(`${scope.node.path || 'app'} (declareNodePortRange)`);
    attachFact(app, NODE_PORT_RANGE_FACT, { min, max, declared: true });
  }

  /** Registers an ingress controller (its construct) so that its host ports and flags take part in the checks. */
  public static registerIngressController(controller: IConstruct, facts: IngressControllerFacts): void {
    CrossObjectChecks.of(controller);
    attachFact(controller, INGRESS_CONTROLLER_FACT, { ...facts, hostPorts: [...facts.hostPorts] });
  }

  private readonly extraFamilies: RuleFamily[] = [];
  /** The result of this synth's first validation, for the validations cdk8s's App repeats per chart (synth-memo.ts). */
  private readonly memo = new SynthMemo<string[]>();

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    this.node.addValidation({
      validate: () => this.memo.get(this.node.root, this.extraFamilies.length, () => this.validateApp()).result,
    });
  }

  /** Runs the checks: records the warnings, returns the errors. */
  private validateApp(): string[] {
    const findings = this.run();
    const warnings = findings.filter(x => x.severity === FindingSeverity.WARNING);
    const byPath = warnings.length > 0 ? new Map(this.node.root.node.findAll().map(c => [c.node.path, c] as const)) : undefined;
    for (const f of warnings) {
      Warnings.of(byPath?.get(f.path) ?? this).add(f.message);
    }
    return findings.filter(f => f.severity === FindingSeverity.ERROR).map(f => `[${f.path}] ${f.message}`);
  }

  /**
   * Adds rule families to this app's checks (after the built-in ones, in the order added; a
   * family whose name is already there is not added again).
   * @internal
   */
  public _addRuleFamilies(families: readonly RuleFamily[]): void {
    for (const family of families) {
      if (builtInRuleFamilies().some(f => f.name === family.name)) throw new Error(`rule family ${JSON.stringify(family.name)} is built in`);
      if (!this.extraFamilies.some(f => f.name === family.name)) this.extraFamilies.push(family);
    }
  }

  /** Runs every check over the app as it is now; errors and warnings, sorted. */
  public run(): Finding[] {
    const families = [...builtInRuleFamilies(), ...this.extraFamilies];
    const model = this.model(families);
    const findings = families.flatMap(family => family.check(model));
    const seen = new Set<string>();
    return findings
      .filter(f => {
        const key = `${f.severity}|${f.path}|${f.message}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .sort((a, b) => compareText(a.severity, b.severity) || compareText(a.path, b.path) || compareText(a.message, b.message));
  }

  /** The model of the app as it is now, read with the readers of `families`. */
  private model(families: readonly RuleFamily[]): AppModel {
    const root = this.node.root;
    const constructs = root.node.findAll();
    const objects = constructs.filter((c): c is ApiObject => c instanceof ApiObject).map(c => ({ json: renderOf(root, c), group: '', construct: c }));
    return buildAppModel({ objects, constructs, readers: readersOf(families) });
  }
}
