/**
 * A routing target renders exposures: ingress-nginx Ingresses, Gateway API routes, or anything
 * else a user writes (an OpenShift Route, a Traefik IngressRoute, a ConfigMap for a test).
 *
 * Choose one per scope with `Routing.of(scope).use(target)`; HttpIngress and TlsIngress build an
 * {@link Exposure} and call the target chosen for them. Only `render` is required.
 */
import { Construct, IConstruct } from 'constructs';
import { Exposure } from './exposure';

/**
 * Something that turns exposures into Kubernetes objects.
 * @experimental
 */
export interface IRoutingTarget {
  /**
   * Creates the objects of `exposure` under `scope` (the construct that declared it). The main
   * object's id should be `Resource`, so that it is the construct's `node.defaultChild`.
   * Throw an `ExposeValidationError` (e.g. `ProblemList.throwIfAny(scope)`) for an exposure the
   * target cannot render.
   */
  render(scope: Construct, exposure: Exposure): void;
}

const CHOSEN = new WeakMap<IConstruct, IRoutingTarget>();

/** Stores `target` as the choice of `scope` (Routing.use). */
export function chooseTarget(scope: IConstruct, target: IRoutingTarget): void {
  CHOSEN.set(scope, target);
}

/** The target chosen on `scope` itself, if any. */
export function targetChosenOn(scope: IConstruct): IRoutingTarget | undefined {
  return CHOSEN.get(scope);
}

/** The nearest scope at or above `construct` with a chosen target, and that target. */
export function chosenTargetFor(construct: IConstruct): { readonly target: IRoutingTarget; readonly scope: IConstruct } | undefined {
  const scopes = construct.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const target = CHOSEN.get(scopes[i]);
    if (target) return { target, scope: scopes[i] };
  }
  return undefined;
}
