/**
 * The built-in routing targets, made by static factories (the pattern of aws-cdk's
 * `ListenerAction`): each returns an object that renders exposures itself. Any other
 * {@link IRoutingTarget} works the same way with `Routing.of(scope).use(target)`.
 */
import { IRoutingTarget } from '../exposure/routing-target';
import { GatewayApiOptions } from '../targets/gateway-api/options';
import { GatewayApiTarget } from '../targets/gateway-api/gateway-api-target';
import { IngressNginxTarget, IngressNginxTargetOptions } from '../targets/ingress-nginx/ingress-nginx-target';

/**
 * The kinds of built-in target.
 * @deprecated targets are objects now (`IRoutingTarget`); compare with `instanceof IngressNginxTarget` / `GatewayApiTarget`.
 */
export enum RoutingTargetKind {
  /** One Ingress per exposure, for ingress-nginx (retired upstream in March 2026). */
  INGRESS_NGINX = 'INGRESS_NGINX',
  /** Gateway API v1.6: Gateway listeners, HTTPRoute, TLSRoute, BackendTLSPolicy, ReferenceGrant. */
  GATEWAY_API = 'GATEWAY_API',
}

/**
 * Factories of the built-in targets. Pass what they return to `Routing.of(scope).use()`.
 * @experimental
 */
export class RoutingTarget {
  /** ingress-nginx: an Ingress per exposure; also what applies when no target is chosen. */
  public static ingressNginx(options?: IngressNginxTargetOptions): IRoutingTarget {
    return new IngressNginxTarget(options);
  }

  /** Gateway API with a GatewayClass, for a Kubernetes version of 1.31 or later. */
  public static gatewayApi(options: GatewayApiOptions): IRoutingTarget {
    return new GatewayApiTarget(options);
  }

  private constructor() {}
}
