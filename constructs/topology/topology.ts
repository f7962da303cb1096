/**
 * How an app is exposed, read from its synthesised objects: entry points, the hops that handle
 * them, Services and the pods they reach, and on every edge the protocol and where TLS is.
 *
 * It draws the app model (constructs/app-checks/app-model.ts) that the app-wide checks read too,
 * built with the readers of the built-in targets (ingress-nginx's Ingresses and controller pods,
 * Gateway API), whatever targets the app itself uses.
 */
import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { AppModel } from '../app-checks/app-model';
import { buildAppModel, chartObjects, ModelInput, ModelInputObject } from '../app-checks/model-builder';
import { GATEWAY_API_READER } from '../targets/gateway-api/model-reader';
import { INGRESS_NGINX_READER } from '../targets/ingress-nginx/model-reader';
import { addAdmissionCalls, isWebhookPort, webhookServices } from './admission';
import { renderDot } from './dot';
import { addNodeExposures, addServices, addServiceTargets } from './exposures';
import { addGateways } from './gateways';
import { GraphBuilder } from './graph';
import { addControllerDefaultBackends, addIngresses } from './ingresses';
import { renderMermaid } from './mermaid';
import { addPolicyEdges } from './policies';
import { TopologyEdge, TopologyNode, TopologyNodeKind, TopologyRenderOptions, TopologySource } from './types';

/** The readers a topology reads every app with. */
const READERS = [INGRESS_NGINX_READER, GATEWAY_API_READER];

/** The graph of a model. */
function graphOf(model: AppModel): { nodes: TopologyNode[]; edges: TopologyEdge[] } {
  const g = new GraphBuilder();
  const webhooks = webhookServices(model);
  addNodeExposures(g, model.pods, (pod, port) => !isWebhookPort(webhooks, pod, port));
  const services = addServices(g, model.services, model.pods);
  addAdmissionCalls(g, model, services);
  addControllerDefaultBackends(g, model.pods, services);
  addIngresses(g, model, services);
  addGateways(g, model, services);
  addServiceTargets(g, services);
  addPolicyEdges(g, model);
  return g.result();
}

/**
 * The exposure topology of a set of Kubernetes objects.
 * @experimental
 */
export class Topology {
  /**
   * The topology of every ApiObject in the charts under `scope` (an App or a Chart), raw ones and
   * cdk8s-plus ones included, one group per Chart (its id, which is also its output file's name).
   * Reads `chart.toJson()`: what `app.synth()` writes.
   */
  public static of(scope: IConstruct): Topology {
    const charts = scope.node.findAll().filter(c => Chart.isChart(c)) as Chart[];
    const objects: ModelInputObject[] = [];
    for (const chart of charts) {
      const json = chart.toJson();
      // the ApiObjects behind the JSON (for their constructs' facts), unless the chart renders something else
      const constructs = chartObjects(chart);
      const known = constructs.length === json.length && chart.toJson === Chart.prototype.toJson;
      json.forEach((o, i) => objects.push({ json: o, group: chart.node.id, construct: known ? constructs[i] : undefined }));
    }
    return Topology.fromInput({ objects, constructs: scope.node.findAll(), readers: READERS }, charts.map(c => c.node.id));
  }

  /**
   * The topology of objects given as synthesised JSON (a parsed YAML manifest), all in one group.
   * @param objects the objects
   * @param group their group's name; default: `manifests`
   */
  public static fromObjects(objects: any[], group?: string): Topology {
    return Topology.fromSources([{ group: group ?? 'manifests', objects }]);
  }

  /** The topology of several sources (charts or files), each its own group. */
  public static fromSources(sources: TopologySource[]): Topology {
    const objects = sources.flatMap(s => s.objects.map(json => ({ json, group: s.group })));
    return Topology.fromInput({ objects, readers: READERS }, sources.map(s => s.group));
  }

  private static fromInput(input: ModelInput, groups: string[]): Topology {
    const { nodes, edges } = graphOf(buildAppModel(input));
    return new Topology(nodes, edges, groups);
  }

  /** Every node: entry points, hops, Services, pods. */
  public readonly nodes: TopologyNode[];
  /** Every edge. */
  public readonly edges: TopologyEdge[];
  /** The groups (charts or files) the objects came from, in order, including ones with no exposure. */
  public readonly groups: string[];

  private constructor(nodes: TopologyNode[], edges: TopologyEdge[], groups: string[]) {
    this.nodes = nodes;
    this.edges = edges;
    this.groups = groups;
  }

  /** The addresses and ports clients connect to. */
  public get entryPoints(): TopologyNode[] {
    return this.nodes.filter(n => n.kind === TopologyNodeKind.ENTRY_POINT);
  }

  /** kubelet hostPort mappings, host networks, kube-proxy, ingress controllers and Gateways. */
  public get hops(): TopologyNode[] {
    return this.nodes.filter(n => n.kind === TopologyNodeKind.HOP);
  }

  /** The Services. */
  public get services(): TopologyNode[] {
    return this.nodes.filter(n => n.kind === TopologyNodeKind.SERVICE);
  }

  /** The pods, one node per workload. */
  public get pods(): TopologyNode[] {
    return this.nodes.filter(n => n.kind === TopologyNodeKind.PODS);
  }

  /**
   * The node with this id.
   * @returns undefined when there is none
   */
  public findNode(id: string): TopologyNode | undefined {
    return this.nodes.find(n => n.id === id);
  }

  /** Edges that leave the node with this id. */
  public edgesFrom(id: string): TopologyEdge[] {
    return this.edges.filter(e => e.from === id);
  }

  /** Edges that reach the node with this id. */
  public edgesTo(id: string): TopologyEdge[] {
    return this.edges.filter(e => e.to === id);
  }

  /**
   * What one group exposes: its edges and their nodes (a controller or Service of another group
   * that they reach included), and its nodes that have no edge.
   */
  public forGroup(group: string): Topology {
    const edges = this.edges.filter(e => e.group === group);
    const ids = new Set<string>(edges.flatMap(e => [e.from, e.to]));
    const nodes = this.nodes.filter(n => ids.has(n.id) || n.group === group);
    return new Topology(nodes, edges, this.groups.includes(group) ? [group] : []);
  }

  /** Graphviz DOT: clusters for the clients, the nodes, the cluster and the controllers' namespaces; a legend. */
  public toDot(options?: TopologyRenderOptions): string {
    return renderDot(this.nodes, this.edges, options ?? {});
  }

  /** A Mermaid flowchart (for Markdown), with the same groups and edge styles as the DOT. */
  public toMermaid(options?: TopologyRenderOptions): string {
    return renderMermaid(this.nodes, this.edges, options ?? {});
  }
}
