/**
 * Where a Gateway's data plane (the proxies that carry its traffic to the backends) runs: an
 * implementation's choice, so an object that says it for one implementation.
 */

/**
 * Pods by namespace and labels: a NetworkPolicy peer.
 * @experimental
 */
export interface NetworkPeer {
  /** Their namespace. */
  readonly namespace: string;
  /** Labels that select exactly them. */
  readonly podLabels: { [key: string]: string };
}

/**
 * Where the data plane of a Gateway runs.
 * @experimental
 */
export interface IGatewayDataPlane {
  /** The proxies of the Gateway `gatewayName` in `gatewayNamespace`. */
  peerFor(gatewayName: string, gatewayNamespace: string): NetworkPeer;
}

/**
 * The built-in answers of {@link IGatewayDataPlane}.
 * @experimental
 */
export class GatewayDataPlane {
  /**
   * GEP-1762 (in-cluster Gateway deployments): the proxies run in the Gateway's namespace with the
   * label `gateway.networking.k8s.io/gateway-name: <name>` (Istio, NGINX Gateway Fabric, kgateway,
   * Envoy Gateway in its `GatewayNamespace` deploy mode).
   */
  public static inGatewayNamespace(): IGatewayDataPlane {
    return { peerFor: (name, namespace) => ({ namespace, podLabels: { 'gateway.networking.k8s.io/gateway-name': name } }) };
  }

  /**
   * Envoy Gateway's default deploy mode: the proxies run in the controller's namespace, labelled
   * `gateway.envoyproxy.io/owning-gateway-name` and `-namespace`.
   * @param controllerNamespace where Envoy Gateway runs; default `envoy-gateway-system`
   */
  public static envoyGateway(controllerNamespace?: string): IGatewayDataPlane {
    return {
      peerFor: (name, namespace) => ({
        namespace: controllerNamespace ?? 'envoy-gateway-system',
        podLabels: { 'gateway.envoyproxy.io/owning-gateway-name': name, 'gateway.envoyproxy.io/owning-gateway-namespace': namespace },
      }),
    };
  }

  /** The same pods for every Gateway (a shared data plane). */
  public static pods(peer: NetworkPeer): IGatewayDataPlane {
    return { peerFor: () => ({ namespace: peer.namespace, podLabels: { ...peer.podLabels } }) };
  }

  private constructor() {}
}
