/**
 * The lab's Gateway API flavour (dist-gateway/): the same sections and experiments, with
 * experiments 3-7 rendered for Gateway API v1.6 instead of ingress-nginx, on Envoy Gateway.
 *
 * Why Envoy Gateway: its published conformance report for Gateway API v1.6,
 * kubernetes-sigs/gateway-api `conformance/reports/v1.6/envoy-gateway/experimental-v1.9.0-default-report.yaml`
 * (gatewayAPIVersion v1.6.1, Envoy Gateway v1.9.0, mode default), passes the GATEWAY-TLS profile's
 * core tests (TLSRoute is a core feature there) and lists `BackendTLSPolicy`,
 * `BackendTLSPolicySANValidation`, `HTTPRouteSchemeRedirect` and `HTTPRoute308RedirectStatusCode`
 * among GATEWAY-HTTP's supported features: every kind and feature the lab uses.
 *
 * What differs from the ingress-nginx flavour (docs/gateway-api.md, "The lab as Gateway API"):
 * - the controller: Envoy Gateway's release manifest (installed by `npm run lab:up -- --flavour
 *   gateway`) and a GatewayClass `eg` (30-gateway-class) instead of 30-ingress-nginx;
 * - the Gateway `cdk8s-expose` in the lab's namespace (the Gateway API target's own chart);
 * - the redirect of svc3/svc4 is an HTTPRoute answering 308, as ingress-nginx does;
 * - the lab CA's trust as a ConfigMap (`ca.crt`, what BackendTLSPolicy reads), produced by a
 *   trust-manager Bundle from the trust Secret (36-lab-ca-trust; trust-manager is installed by
 *   lab:up with the lab's namespace as its trust namespace);
 * - svc2's HTTPS backend is verified against the lab CA (Gateway API cannot skip verification).
 */
import { App, ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Routing, RoutingTarget } from '../constructs';
import { GatewayClass } from '../imports/gateway.networking.k8s.io';
import { LabBackends, LabConfig } from './config';
import { envoyProxyImageRepository } from './mirror';

/** Envoy Gateway: the version of the conformance report above, installed from its release manifest. */
export const ENVOY_GATEWAY_VERSION = 'v1.9.0';
/** Envoy Gateway's "Install with Kubernetes YAML" (Gateway API CRDs, Envoy Gateway CRDs, the controller); applied server-side. */
export const ENVOY_GATEWAY_INSTALL_URL = `https://github.com/envoyproxy/gateway/releases/download/${ENVOY_GATEWAY_VERSION}/install.yaml`;
/** What tells that Envoy Gateway is installed (a CRD only it installs). */
export const ENVOY_GATEWAY_CRD = 'envoyproxies.gateway.envoyproxy.io';
export const ENVOY_GATEWAY_NAMESPACE = 'envoy-gateway-system';
export const ENVOY_GATEWAY_DEPLOYMENT = 'envoy-gateway';
/** The `controllerName` Envoy Gateway reconciles GatewayClasses of. */
export const ENVOY_GATEWAY_CONTROLLER = 'gateway.envoyproxy.io/gatewayclass-controller';
/** The lab's GatewayClass (the name Envoy Gateway's quickstart uses). */
export const LAB_GATEWAY_CLASS = 'eg';
/** The lab's Gateway (in the lab's namespace). */
export const LAB_GATEWAY_NAME = 'cdk8s-expose';
/** The Kubernetes version the Gateway API output targets and is validated against. */
export const LAB_GATEWAY_KUBERNETES_VERSION = '1.36';

/**
 * trust-manager, installed with Helm (it publishes no release manifest), with the lab's namespace
 * as its trust namespace (`app.trust.namespace`): a Bundle reads its sources from there only.
 */
export const TRUST_MANAGER_VERSION = 'v0.24.0';
export const TRUST_MANAGER_CHART = 'oci://quay.io/jetstack/charts/trust-manager';
export const TRUST_MANAGER_CRD = 'bundles.trust.cert-manager.io';
export const TRUST_MANAGER_NAMESPACE = 'cert-manager';
export const TRUST_MANAGER_DEPLOYMENT = 'trust-manager';

/**
 * The EnvoyProxy of `gatewayNodePorts` and of a mirror registry (Envoy's image), in Envoy Gateway's
 * namespace, where a GatewayClass's parametersRef may point (named for its first use).
 */
export const LAB_ENVOY_PROXY = 'lab-node-ports';

/**
 * The lab's GatewayClass: Envoy Gateway's controller. Cluster-scoped. With
 * `config.gatewayNodePorts`, also an EnvoyProxy (`gateway.envoyproxy.io/v1alpha1`) that the class's
 * `parametersRef` names: Envoy's Service becomes a NodePort Service (externalTrafficPolicy
 * Cluster, so every node answers) with the Gateway's ports 80 and 443 on those fixed node ports
 * (a strategic-merge patch of the Service's ports, merged by `port`). Envoy Gateway then gives the
 * Gateway the nodes' addresses (`UpdateGatewayStatusProgrammedCondition`, ServiceTypeNodePort), so
 * it is Programmed on clusters without a LoadBalancer. With a mirror registry (`config.mirror`),
 * the same EnvoyProxy sets Envoy's image repository to the mirror's
 * (`envoyDeployment.container.imageRepository`, api/v1alpha1 shared_types.go at v1.9.0: the tag
 * stays Envoy Gateway's default, `distroless-v1.39.0` for v1.9.0).
 */
export class GatewayClassChart extends Chart {
  public readonly gatewayClass: GatewayClass;
  /** The EnvoyProxy, with `gatewayNodePorts` or a mirror registry only. */
  public readonly envoyProxy?: ApiObject;

  constructor(scope: Construct, id: string, config?: LabConfig) {
    super(scope, id, { disableResourceNameHashes: true });
    const nodePorts = config?.gatewayNodePorts;
    // a mirror registry: Envoy's image from it (issue 25); its tag stays Envoy Gateway's default
    const envoyImage = envoyProxyImageRepository(config?.mirror);
    const withProxy = nodePorts !== undefined || envoyImage !== undefined;
    if (withProxy) {
      this.envoyProxy = new ApiObject(this, 'EnvoyProxy', {
        apiVersion: 'gateway.envoyproxy.io/v1alpha1',
        kind: 'EnvoyProxy',
        metadata: { name: LAB_ENVOY_PROXY, namespace: ENVOY_GATEWAY_NAMESPACE },
        spec: {
          provider: {
            type: 'Kubernetes',
            kubernetes: {
              ...(envoyImage ? { envoyDeployment: { container: { imageRepository: envoyImage } } } : {}),
              ...(nodePorts ? {
                envoyService: {
                  type: 'NodePort',
                  externalTrafficPolicy: 'Cluster',
                  patch: {
                    type: 'StrategicMerge',
                    value: { spec: { ports: [{ port: 80, nodePort: nodePorts.http }, { port: 443, nodePort: nodePorts.https }] } },
                  },
                },
              } : {}),
            },
          },
        },
      });
    }
    this.gatewayClass = new GatewayClass(this, 'GatewayClass', {
      metadata: { name: LAB_GATEWAY_CLASS },
      spec: {
        controllerName: ENVOY_GATEWAY_CONTROLLER,
        ...(withProxy ? {
          parametersRef: { group: 'gateway.envoyproxy.io', kind: 'EnvoyProxy', name: LAB_ENVOY_PROXY, namespace: ENVOY_GATEWAY_NAMESPACE },
        } : {}),
      },
    });
  }
}

/** Why `gatewayNodePorts` is refused, or undefined: two distinct ports of the default NodePort range (30000-32767). */
export function gatewayNodePortsProblem(config: LabConfig): string | undefined {
  const np = config.gatewayNodePorts;
  if (!np) return undefined;
  const bad = [np.http, np.https].filter(p => !Number.isInteger(p) || p < 30000 || p > 32767);
  if (bad.length > 0) return `gatewayNodePorts ${JSON.stringify(np)}: ${bad.join(', ')} not in 30000-32767 (the default NodePort range)`;
  if (np.http === np.https) return `gatewayNodePorts ${JSON.stringify(np)}: http and https need distinct ports`;
  const taken = [config.externalIpPort, config.hostNetworkPort, 30888, 30890].filter(p => p === np.http || p === np.https);
  if (taken.length > 0) return `gatewayNodePorts ${JSON.stringify(np)}: ${taken.join(', ')} already used by the lab's sections`;
  return undefined;
}

/**
 * The lab CA's trust as a ConfigMap: a trust-manager Bundle (cluster-scoped) named like the trust
 * Secret, whose source is that Secret's `ca.crt` (in the trust namespace, the lab's) and whose
 * target is a ConfigMap of the same name with the key `ca.crt` in the lab's namespace only. That
 * is the ConfigMap the BackendTLSPolicies of svc2 and svc4 name. cert-manager cannot write a
 * ConfigMap itself.
 */
export class LabCaTrustChart extends Chart {
  public readonly bundle: ApiObject;
  /** The ConfigMap trust-manager writes (= the Bundle's and the trust Secret's name). */
  public readonly configMapName: string;

  constructor(scope: Construct, id: string, config: LabConfig, trustSecretName: string) {
    super(scope, id, { disableResourceNameHashes: true });
    this.configMapName = trustSecretName;
    this.bundle = new ApiObject(this, 'Bundle', {
      apiVersion: 'trust.cert-manager.io/v1alpha1',
      kind: 'Bundle',
      metadata: { name: trustSecretName },
      spec: {
        sources: [{ secret: { name: trustSecretName, key: 'ca.crt' } }],
        target: {
          configMap: { key: 'ca.crt' },
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': config.namespace } },
        },
      },
    });
  }
}

/** Why the Gateway API flavour refuses a configuration, or undefined. */
export function gatewayFlavourProblem(config: LabConfig): string | undefined {
  const nodePorts = gatewayNodePortsProblem(config);
  if (nodePorts) return nodePorts;
  if (config.backends === LabBackends.SEED_IMAGES) {
    return 'the Gateway API flavour needs LabBackends.DEMO: the seed\'s images serve their own certificate (CN=localhost) on svc2 and ' +
      'svc4, which a Gateway can only reach by verifying it (Gateway API has no standard way to skip verification)';
  }
  return undefined;
}

/** Sets the Gateway API target on the lab's App (before any chart is added). */
export function useGatewayApi(app: App, config: LabConfig): void {
  const problem = gatewayFlavourProblem(config);
  if (problem) throw new Error(problem);
  Routing.of(app).use(RoutingTarget.gatewayApi({
    gatewayClassName: LAB_GATEWAY_CLASS,
    kubernetesVersion: LAB_GATEWAY_KUBERNETES_VERSION,
    gatewayName: LAB_GATEWAY_NAME,
    gatewayNamespace: config.namespace,
    // ingress-nginx's ssl-redirect answers 308: the same reply in both flavours
    httpsRedirectStatusCode: 308,
  }));
}
