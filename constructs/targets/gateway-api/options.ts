/**
 * What the Gateway API target needs besides the exposures: which GatewayClass, which Gateway, the
 * Kubernetes version it targets, and the few choices the mapping leaves open
 * (`RoutingTarget.gatewayApi(options)`; `GatewayApiTarget` turns them into settings per scope).
 */
import { IConstruct } from 'constructs';
import { GatewayAddress, GatewayInfrastructure, PlatformGateway } from './platform';

/**
 * How an HTTPS backend that is not verified (an HTTP exposure with `BackendProtocol.HTTPS`, or
 * REENCRYPT without a CA) is rendered. Gateway API has no standard way to skip verification:
 * a BackendTLSPolicy always verifies, and without one the Gateway speaks plain HTTP.
 * @experimental
 */
export enum UnverifiedBackendTls {
  /** Refuse the exposure, saying so and what to do (give the backend's CA). */
  REFUSE = 'REFUSE',
  /**
   * Implementation-specific: an Envoy Gateway `Backend` (`gateway.envoyproxy.io/v1alpha1`) with
   * `tls.insecureSkipVerify: true` pointing at the Service, and the route's backendRef to it.
   * Envoy Gateway must run with its Backend API enabled (`extensionApis.enableBackend: true`);
   * other implementations do not understand it. Warned about at synth.
   */
  ENVOY_GATEWAY_INSECURE_BACKEND = 'ENVOY_GATEWAY_INSECURE_BACKEND',
}

/**
 * A Gateway managed outside this app that the routes attach to.
 * @experimental
 */
export interface ExistingGateway {
  /** `metadata.name` of the Gateway. */
  readonly name: string;
  /**
   * Its namespace.
   * @default - the namespace of each route (the chart's)
   */
  readonly namespace?: string;
  /**
   * The listener (protocol HTTP) plain-HTTP routes and HTTP->HTTPS redirects attach to
   * (`parentRefs[].sectionName`). Required for the redirect.
   * @default - plain-HTTP routes attach to the whole Gateway
   */
  readonly httpListenerName?: string;
  /**
   * The listener (protocol HTTPS, `tls.mode: Terminate`) terminated routes attach to. Required
   * for TERMINATION and REENCRYPT; its owner must give it the exposure's certificate.
   * @default - TERMINATION and REENCRYPT are refused
   */
  readonly httpsListenerName?: string;
  /**
   * The listener (protocol TLS, `tls.mode: Passthrough`) TLSRoutes attach to. Required for PASSTHROUGH.
   * @default - PASSTHROUGH is refused
   */
  readonly tlsListenerName?: string;
}

/**
 * Options of `RoutingTarget.gatewayApi`.
 * @experimental
 */
export interface GatewayApiOptions {
  /**
   * `spec.gatewayClassName` of the Gateway this app creates (e.g. Envoy Gateway's `eg`); unused
   * with `platformGateway` (the platform's Gateway has its class).
   */
  readonly gatewayClassName: string;
  /**
   * The Kubernetes version the output targets, `1.31` or later (`1.36`, `v1.36.0`). The
   * Gateway API v1.6 CRDs need 1.31: TLSRoute's CEL validation calls `isIP`.
   */
  readonly kubernetesVersion: string;
  /**
   * `metadata.name` of the Gateway this app creates.
   * @default 'cdk8s-expose'
   */
  readonly gatewayName?: string;
  /**
   * `metadata.namespace` of the Gateway this app creates. Routes in other namespaces are
   * admitted by `allowedRoutes`, and the Secrets it serves from them by ReferenceGrants.
   * @default - the namespace of the chart `Routing.of()` was called on; `default` when called on
   * the App (warned about at synth: two apps with the default name would write one Gateway)
   */
  readonly gatewayNamespace?: string;
  /**
   * Put the app's listeners in a ListenerSet (Gateway API v1.6 standard) named `gatewayName`, in
   * `gatewayNamespace`, attached to this platform Gateway, which must allow it
   * (`spec.allowedListeners`); routes attach to the ListenerSet's listeners.
   * @default - the app creates its own Gateway
   */
  readonly platformGateway?: PlatformGateway;
  /**
   * `spec.addresses` of the Gateway this app creates (e.g. a static IP the load balancer should use).
   * @default - the implementation assigns the addresses
   */
  readonly addresses?: GatewayAddress[];
  /**
   * `spec.infrastructure` of the Gateway this app creates: labels and annotations for what the
   * implementation generates (the load balancer's Service: internal or external, its type, DNS names).
   * @default - none
   */
  readonly infrastructure?: GatewayInfrastructure;
  /**
   * Attach to this Gateway instead of creating one.
   * @default - a Gateway is created, one listener per host, protocol and port
   */
  readonly existingGateway?: ExistingGateway;
  /**
   * TERMINATION and REENCRYPT: also answer plain HTTP on port 80 with a redirect to HTTPS (an
   * HTTPRoute with a `RequestRedirect` filter), as ingress-nginx does by default for a host with TLS.
   * @default true
   */
  readonly httpsRedirect?: boolean;
  /**
   * The redirect's status code: 301 or 302 (core), 303, 307 or 308 (extended support; ingress-nginx
   * answers 308).
   * @default 301
   */
  readonly httpsRedirectStatusCode?: number;
  /**
   * How an HTTPS backend that is not verified is rendered.
   * @default UnverifiedBackendTls.REFUSE
   */
  readonly unverifiedBackendTls?: UnverifiedBackendTls;
}

/** The options after validation, with the defaults applied. */
export interface GatewayApiSettings {
  readonly gatewayClassName: string;
  readonly gatewayName: string;
  /** Normalised: never undefined or ''. */
  readonly gatewayNamespace: string;
  /** The namespace fell back to `default` (no option, no chart namespace). */
  readonly gatewayNamespaceDefaulted: boolean;
  readonly existingGateway?: ExistingGateway;
  readonly platformGateway?: PlatformGateway;
  readonly addresses?: GatewayAddress[];
  readonly infrastructure?: GatewayInfrastructure;
  readonly httpsRedirect: boolean;
  readonly httpsRedirectStatusCode: number;
  readonly unverifiedBackendTls: UnverifiedBackendTls;
  /** The construct `Routing.of()` was called on (the target's scope). */
  readonly owner: IConstruct;
}
