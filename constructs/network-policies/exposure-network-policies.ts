/**
 * NetworkPolicies that let each exposure of an app through in namespaces that deny by default:
 * one allow rule per exposed pod template and traffic source, from where the traffic really comes
 * (app-checks/exposure-paths.ts) to exactly the pod port.
 */
import { ApiObject, App, Chart } from 'cdk8s';
import * as k8s from '../../imports/k8s';
import { Construct, IConstruct } from 'constructs';
import { exposurePaths, ExposurePath, TrafficSource, TrafficSourceKind } from '../app-checks/exposure-paths';
import { buildAppModel } from '../app-checks/model-builder';
import { CrossObjectChecks } from '../app-checks/cross-object-checks';
import { ProblemList } from '../core/errors';
import { FieldPath } from '../core/field-path';
import { Problem } from '../core/problem';
import { cidrProblems } from '../validation/ip-addresses';
import { labelsProblems } from '../validation/labels';
import { namespaceNameProblems } from '../validation/metadata-rules';
import { GATEWAY_API_READER } from '../targets/gateway-api/model-reader';
import { INGRESS_NGINX_READER } from '../targets/ingress-nginx/model-reader';
import { GatewayDataPlane, IGatewayDataPlane, NetworkPeer } from './gateway-data-plane';

/** The pods of ingress-nginx's upstream manifests and Helm chart (namespace `ingress-nginx`). */
const INGRESS_NGINX_UPSTREAM: NetworkPeer = {
  namespace: 'ingress-nginx',
  podLabels: { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' },
};
const NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Props of {@link ExposureNetworkPolicies}.
 * @experimental
 */
export interface ExposureNetworkPoliciesProps {
  /**
   * Where the data plane of the app's Gateways runs (Gateway API routes).
   * @default GatewayDataPlane.inGatewayNamespace() (GEP-1762)
   */
  readonly gatewayDataPlane?: IGatewayDataPlane;
  /**
   * The ingress controller's pods, for Ingresses whose controller is not in the app.
   * @default - ingress-nginx as its upstream manifests deploy it (namespace `ingress-nginx`, `app.kubernetes.io/component: controller`)
   */
  readonly ingressController?: NetworkPeer;
  /**
   * The CIDRs allowed for traffic that arrives through nodes (nodePorts, load balancers,
   * externalIPs, hostPorts, hostNetwork controllers, the API server to admission webhooks): your
   * clients', load balancers' and nodes' ranges, as your network plugin sees the source (see the
   * limits in docs/production.md: with `externalTrafficPolicy: Cluster` it may be a node address,
   * which Cilium's `ipBlock` matches only with `policy-cidr-match-mode=nodes`).
   * @default - any source (the rule has no `from`; the pod port stays the only opening)
   */
  readonly externalSources?: string[];
  /**
   * Also render a default-deny ingress policy (`default-deny-ingress`) in each namespace with an exposure.
   * @default false
   */
  readonly defaultDeny?: boolean;
}

interface Allow {
  readonly path: ExposurePath;
  readonly ports: Map<string, { port: number | string; protocol: string }>;
}

/**
 * For every exposure under `scope` (an App or a Chart) that exists when it is created, a
 * NetworkPolicy in the exposed pods' namespace that allows exactly that traffic: from the
 * ingress controller's pods or the Gateway's data plane for routes, from anywhere for nodePorts,
 * load balancers, externalIPs and hostPorts (kube-proxy and the CNI pass clients and nodes on),
 * from anywhere to an admission webhook (the API server's addresses are not known). Create it
 * after the exposures; an exposure added later and denied by a policy of the app is reported
 * (`network-policy` warning).
 *
 * @example
 * // ... exposures of the chart
 * new ExposureNetworkPolicies(chart, 'NetworkPolicies', { defaultDeny: true });
 * @experimental
 */
export class ExposureNetworkPolicies extends Construct {
  /** The names (`namespace/name`) of the policies rendered. */
  public readonly policyNames: string[] = [];
  /** Where the policies go: this construct in a chart, else a chart `network-policies` of the app. */
  private readonly host: Construct;

  constructor(scope: Construct, id: string, props: ExposureNetworkPoliciesProps = {}) {
    super(scope, id);
    new ProblemList()
      .add(props.ingressController ? peerProblems(FieldPath.prop('ingressController'), props.ingressController) : [])
      .add((props.externalSources ?? []).flatMap((c, i) => cidrProblems(FieldPath.prop('externalSources').index(i), c)))
      .throwIfAny(this);
    CrossObjectChecks.of(this);
    this.host = hostOf(this);
    const root = App.of(this) as IConstruct;
    const constructs = root.node.findAll();
    const objects = constructs.filter((c): c is ApiObject => c instanceof ApiObject).map(c => ({ json: c.toJson(), group: '', construct: c }));
    const model = buildAppModel({ objects, constructs, readers: [INGRESS_NGINX_READER, GATEWAY_API_READER] });
    const prefix = scope.node.path === '' ? '' : `${scope.node.path}/`;
    const paths = exposurePaths(model).filter(p => prefix === '' || p.objectPath.startsWith(prefix));
    const allows = new Map<string, Allow>();
    for (const path of paths) {
      const key = `${path.pod.namespace}/${policyName(path)}`;
      let allow = allows.get(key);
      if (!allow) allows.set(key, allow = { path, ports: new Map() });
      allow.ports.set(`${path.protocol}/${path.port}`, { port: path.port, protocol: path.protocol });
    }
    const dataPlane = props.gatewayDataPlane ?? GatewayDataPlane.inGatewayNamespace();
    for (const [key, allow] of [...allows].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)) {
      this.render(key, allow, peersOf(allow.path.from, dataPlane, props.ingressController ?? INGRESS_NGINX_UPSTREAM, props.externalSources));
    }
    if (props.defaultDeny) {
      for (const ns of [...new Set(paths.map(p => p.pod.namespace))].sort()) {
        new k8s.KubeNetworkPolicy(this.host, this.childId(`DefaultDeny-${ns}`), {
          metadata: { name: 'default-deny-ingress', namespace: ns },
          spec: { podSelector: {}, policyTypes: ['Ingress'] },
        });
        this.policyNames.push(`${ns}/default-deny-ingress`);
      }
    }
  }

  private render(key: string, allow: Allow, from: k8s.NetworkPolicyPeer[] | undefined): void {
    const [namespace, name] = key.split('/');
    const ports = [...allow.ports.entries()].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0).map(([, p]) => ({
      protocol: p.protocol, port: typeof p.port === 'number' ? k8s.IntOrString.fromNumber(p.port) : k8s.IntOrString.fromString(p.port),
    }));
    new k8s.KubeNetworkPolicy(this.host, this.childId(`Allow-${namespace}-${name}`), {
      metadata: {
        name, namespace,
        annotations: { 'cdk8s-expose/allows': `${allow.path.what} from ${allow.path.from.description}` },
      },
      spec: {
        podSelector: { matchLabels: { ...allow.path.pod.labels } },
        policyTypes: ['Ingress'],
        ingress: [{ from, ports }],
      },
    });
    this.policyNames.push(key);
  }

  private childId(id: string): string {
    return this.host === this ? id : `${this.node.id}-${id}`;
  }
}

/** The construct itself inside a chart; outside one (on the App), the app's chart `network-policies`. */
function hostOf(policies: Construct): Construct {
  if (policies.node.scopes.some(s => Chart.isChart(s))) return policies;
  const app = App.of(policies) as Construct;
  return (app.node.tryFindChild('network-policies') as Construct | undefined) ?? new Chart(app, 'network-policies', { disableResourceNameHashes: true });
}

/** `<pods>-from-<source>`, a DNS-1123 subdomain of at most 253 characters. */
function policyName(path: ExposurePath): string {
  const name = `${path.pod.object.name}-from-${path.from.slug}`.toLowerCase().replace(/[^a-z0-9.-]/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return name.slice(0, 253).replace(/[^a-z0-9]+$/, '');
}

/** The `from` of a source: undefined (anywhere), or a peer of pods by namespace and labels. */
function peersOf(from: TrafficSource, dataPlane: IGatewayDataPlane, ingressController: NetworkPeer, externalSources: string[] | undefined):
k8s.NetworkPolicyPeer[] | undefined {
  if (from.kind === TrafficSourceKind.ANYWHERE) return externalSources ? externalSources.map(cidr => ({ ipBlock: { cidr } })) : undefined;
  let peer: NetworkPeer;
  if (from.kind === TrafficSourceKind.PODS) peer = { namespace: from.namespace!, podLabels: from.podLabels! };
  else if (from.gateway) peer = dataPlane.peerFor(from.gateway.name, from.gateway.namespace);
  else peer = ingressController;
  return [{ namespaceSelector: { matchLabels: { [NAME_LABEL]: peer.namespace } }, podSelector: { matchLabels: { ...peer.podLabels } } }];
}

/** A peer: a namespace name and at least one valid label. */
export function peerProblems(field: FieldPath, peer: NetworkPeer): Problem[] {
  return [...namespaceNameProblems(field.child('namespace'), peer.namespace), ...labelsProblems(field.child('podLabels'), peer.podLabels, true)];
}
