/**
 * Which target the exposures of an app or chart are rendered for: ingress-nginx (an Ingress with
 * `nginx.ingress.kubernetes.io/*` annotations, the default) or Gateway API (routes on a Gateway of
 * a chosen GatewayClass). HttpIngress and TlsIngress describe an exposure once; the target
 * decides its objects.
 *
 * The choice is construct context (`cdk8s-expose:ingress-renderer`), so it holds for the whole
 * subtree and a chart can override its app's choice.
 */
import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { FieldPath } from '../core/field-path';
import { validateGatewayApiKubernetesVersion, validateRedirectStatusCode, validateRoutingBeforeChildren } from '../validation/gateway-api-rules';
import { validateDns1123Subdomain } from '../validation/names';
import { validateOneOf } from '../validation/values';
import { ExistingGateway, GatewayApiOptions, GatewayApiSettings, setGatewayApiSettings, UnverifiedBackendTls } from './model/gateway-api-options';
import { INGRESS_RENDERER_CONTEXT } from './model/renderer';
import './renderers';

export { ExistingGateway, GatewayApiOptions, UnverifiedBackendTls } from './model/gateway-api-options';

/** The kinds of target. */
export enum RoutingTargetKind {
  /** One Ingress per exposure, for ingress-nginx (retired upstream in March 2026). */
  INGRESS_NGINX = 'INGRESS_NGINX',
  /** Gateway API v1.6: Gateway listeners, HTTPRoute, TLSRoute, BackendTLSPolicy, ReferenceGrant. */
  GATEWAY_API = 'GATEWAY_API',
}

const RENDERER_NAMES: Record<RoutingTargetKind, string> = {
  [RoutingTargetKind.INGRESS_NGINX]: 'ingress-nginx',
  [RoutingTargetKind.GATEWAY_API]: 'gateway-api',
};

/** A rendering target. Create one with a static factory and pass it to `Routing.of(scope).use()`. */
export class RoutingTarget {
  /** ingress-nginx: today's output (an Ingress per exposure), also what applies when no target is chosen. */
  public static ingressNginx(): RoutingTarget {
    return new RoutingTarget(RoutingTargetKind.INGRESS_NGINX);
  }

  /** Gateway API with a GatewayClass, for a Kubernetes version of 1.31 or later. */
  public static gatewayApi(options: GatewayApiOptions): RoutingTarget {
    const where = 'RoutingTarget.gatewayApi';
    const option = (name: string) => FieldPath.root('options').child(name);
    validateDns1123Subdomain(where, option('gatewayClassName'), options.gatewayClassName);
    validateGatewayApiKubernetesVersion(where, option('kubernetesVersion'), options.kubernetesVersion);
    if (options.gatewayName !== undefined) validateDns1123Subdomain(where, option('gatewayName'), options.gatewayName);
    if (options.gatewayNamespace !== undefined) validateDns1123Subdomain(where, option('gatewayNamespace'), options.gatewayNamespace);
    if (options.existingGateway) validateExistingGateway(where, options.existingGateway);
    if (options.httpsRedirectStatusCode !== undefined) validateRedirectStatusCode(where, option('httpsRedirectStatusCode'), options.httpsRedirectStatusCode);
    validateOneOf(where, option('unverifiedBackendTls'), options.unverifiedBackendTls ?? UnverifiedBackendTls.REFUSE, Object.values(UnverifiedBackendTls));
    return new RoutingTarget(RoutingTargetKind.GATEWAY_API, { ...options });
  }

  /** The kind of target. */
  public readonly kind: RoutingTargetKind;
  /** The Gateway API options (GATEWAY_API only). */
  public readonly gatewayApiOptions?: GatewayApiOptions;

  private constructor(kind: RoutingTargetKind, gatewayApiOptions?: GatewayApiOptions) {
    this.kind = kind;
    this.gatewayApiOptions = gatewayApiOptions;
  }
}

function validateExistingGateway(where: string, gateway: ExistingGateway): void {
  const field = (name: string) => FieldPath.root('options').child('existingGateway').child(name);
  validateDns1123Subdomain(where, field('name'), gateway.name);
  if (gateway.namespace !== undefined) validateDns1123Subdomain(where, field('namespace'), gateway.namespace);
  for (const key of ['httpListenerName', 'httpsListenerName', 'tlsListenerName'] as const) {
    if (gateway[key] !== undefined) validateDns1123Subdomain(where, field(key), gateway[key]!);
  }
}

const ROUTINGS = new WeakMap<IConstruct, Routing>();

/**
 * The rendering target of a scope (an App, a Chart, or any construct above the exposures).
 *
 * @example
 * Routing.of(app).use(RoutingTarget.gatewayApi({ gatewayClassName: 'eg', kubernetesVersion: '1.36' }));
 * const chart = new Chart(app, 'web');
 * new TlsIngress(chart, 'Web', { host: 'web.example.com', mode: TlsMode.TERMINATION, tlsSecretName: 'web-tls',
 *   backend: { serviceName: 'web', port: 80 } });   // a Gateway listener HTTPS/443 + an HTTPRoute (+ the redirect)
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

  private _target?: RoutingTarget;

  private constructor(private readonly scope: IConstruct) {}

  /** The target chosen on this scope with `use`, if any (exposures without one render for ingress-nginx). */
  public get target(): RoutingTarget | undefined {
    return this._target;
  }

  /**
   * Renders every exposure under this scope for `target`. Call it before adding constructs to the
   * scope. The Gateway of a Gateway API target is created in this scope's chart (a chart
   * `gateway-api` when the scope is the App), with the exposures' listeners added as they render.
   */
  public use(target: RoutingTarget): void {
    const path = this.scope.node.path || '(app)';
    validateRoutingBeforeChildren(path, FieldPath.root('Routing.use'), this.scope.node.children.map(c => c.node.id));
    this.scope.node.setContext(INGRESS_RENDERER_CONTEXT, RENDERER_NAMES[target.kind]);
    this._target = target;
    const options = target.gatewayApiOptions;
    if (target.kind !== RoutingTargetKind.GATEWAY_API || !options) return;
    const chart = this.scope.node.scopes.slice().reverse().find(s => Chart.isChart(s)) as Chart | undefined;
    const settings: GatewayApiSettings = {
      gatewayClassName: options.gatewayClassName,
      kubernetesMinor: validateGatewayApiKubernetesVersion(path, FieldPath.root('options').child('kubernetesVersion'), options.kubernetesVersion),
      gatewayName: options.gatewayName ?? 'cdk8s-expose',
      gatewayNamespace: options.gatewayNamespace ?? (chart?.namespace || 'default'),
      existingGateway: options.existingGateway,
      httpsRedirect: options.httpsRedirect ?? true,
      httpsRedirectStatusCode: options.httpsRedirectStatusCode ?? 301,
      unverifiedBackendTls: options.unverifiedBackendTls ?? UnverifiedBackendTls.REFUSE,
      owner: this.scope,
    };
    setGatewayApiSettings(this.scope, settings);
  }
}
