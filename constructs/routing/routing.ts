/**
 * Which target the exposures of an app or chart are rendered for: ingress-nginx (an Ingress with
 * `nginx.ingress.kubernetes.io/*` annotations, the default), Gateway API (routes on a Gateway of a
 * chosen GatewayClass) or any other {@link IRoutingTarget}. HttpIngress and TlsIngress describe an
 * exposure once; the target decides its objects.
 *
 * The choice is stored with the scope (no context string, nothing global), holds for the whole
 * subtree, and a chart can override its app's choice.
 */
import { App } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ProblemList } from '../core/errors';
import { FieldPath } from '../core/field-path';
import { forbidden, Problem, show } from '../core/problem';
import { chooseTarget, chosenTargetFor, IRoutingTarget, targetChosenOn } from '../exposure/routing-target';
import { RoutingTarget } from './routing-target';

const ROUTINGS = new WeakMap<IConstruct, Routing>();
const DEFAULT_TARGETS = new WeakMap<IConstruct, IRoutingTarget>();

/** `Routing.use` must come before the scope has children, so that the choice applies to all of them. */
export function routingBeforeChildrenProblems(field: FieldPath, children: string[]): Problem[] {
  if (children.length === 0) return [];
  return [forbidden(field, children, `the target is chosen after ${children.map(c => show(c)).join(', ')} were added, and cannot apply to them; ` +
    'allowed: Routing.of(scope).use(...) before adding constructs to the scope')];
}

/** A target is an object with a `render` method (anything else would silently render nothing). */
export function routingTargetProblems(field: FieldPath, target: unknown): Problem[] {
  if (typeof (target as IRoutingTarget | undefined)?.render === 'function') return [];
  return [forbidden(field, typeof target, `${target === null ? 'null' : typeof target} is not a routing target; allowed: an object with ` +
    'render(scope, exposure), e.g. RoutingTarget.ingressNginx() or RoutingTarget.gatewayApi({ ... })')];
}

/**
 * The rendering target of a scope (an App, a Chart, or any construct above the exposures).
 *
 * @example
 * Routing.of(app).use(RoutingTarget.gatewayApi({ gatewayClassName: 'eg', kubernetesVersion: '1.36' }));
 * const chart = new Chart(app, 'web');
 * new TlsIngress(chart, 'Web', { host: 'web.example.com', mode: TlsMode.TERMINATION, tlsSecretName: 'web-tls',
 *   backend: { serviceName: 'web', port: 80 } });   // a Gateway listener HTTPS/443 + an HTTPRoute (+ the redirect)
 * @experimental
 */
export class Routing {
  /** The Routing of `scope`. */
  public static of(scope: IConstruct): Routing {
    let routing = ROUTINGS.get(scope);
    if (!routing) {
      routing = new Routing(scope);
      ROUTINGS.set(scope, routing);
    }
    return routing;
  }

  /**
   * The target that renders exposures under `construct`: the one chosen on the nearest scope
   * above it, else ingress-nginx (one per app).
   */
  public static targetFor(construct: IConstruct): IRoutingTarget {
    const chosen = chosenTargetFor(construct);
    if (chosen) return chosen.target;
    const app = App.of(construct) as IConstruct;
    let target = DEFAULT_TARGETS.get(app);
    if (!target) {
      target = RoutingTarget.ingressNginx();
      DEFAULT_TARGETS.set(app, target);
    }
    return target;
  }

  private constructor(private readonly scope: IConstruct) {}

  /** The target chosen on this scope with `use`, if any (exposures without one render for ingress-nginx). */
  public get target(): IRoutingTarget | undefined {
    return targetChosenOn(this.scope);
  }

  /**
   * Renders every exposure under this scope with `target`. Call it before adding constructs to the
   * scope. The Gateway of a Gateway API target is created in this scope's chart (a chart
   * `gateway-api` when the scope is the App), with the exposures' listeners added as they render.
   */
  public use(target: IRoutingTarget): void {
    const path = this.scope.node.path || '(app)';
    new ProblemList()
      .add(routingTargetProblems(FieldPath.root('Routing.use').child('target'), target))
      .add(routingBeforeChildrenProblems(FieldPath.root('Routing.use'), this.scope.node.children.map(c => c.node.id)))
      .throwIfAny(path);
    chooseTarget(this.scope, target);
  }
}
