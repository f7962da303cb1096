/**
 * The Gateway the Gateway API renderer creates: one per `Routing.use(...)` setting, with one
 * listener per (port, protocol, hostname) the exposures need, added as they render. Listeners are
 * checked as they are added, the way the Gateway CRD's CEL rules and the spec would refuse them,
 * and the errors carry the path of the exposure that asked. Secrets served from other namespaces
 * get a ReferenceGrant there; routes from other namespaces are admitted by `allowedRoutes`.
 */
import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { Gateway, GatewaySpecListenersTlsMode, ListenerSet, ReferenceGrant } from '../../../imports/gateway.networking.k8s.io';
import { Warnings } from '../../core/warnings';
import { FieldPath } from '../../core/field-path';
import { ProblemList } from '../../core/errors';
import {
  listenerCertificateRefsProblems, listenerCountProblems, listenerNameProblems, listenerNameUniqueProblems, listenerTlsAgreesProblems,
  sniListenerClashProblems,
} from './rules';
import { GatewayApiSettings } from './options';

/** The listener protocols the renderer uses, and their ports. */
export enum ListenerProtocol {
  HTTP = 'HTTP',
  HTTPS = 'HTTPS',
  TLS = 'TLS',
}
const PORTS: Record<ListenerProtocol, number> = { HTTP: 80, HTTPS: 443, TLS: 443 };

/** A Secret a listener serves. */
export interface ServedSecret {
  readonly name: string;
  /** Normalised namespace of the Secret. */
  readonly namespace: string;
}

/** What an exposure asks of the Gateway. */
export interface ListenerRequest {
  readonly protocol: ListenerProtocol;
  readonly hostname: string;
  /** HTTPS: the Secret to serve. */
  readonly certificate?: ServedSecret;
  /** Normalised namespace of the route that will attach. */
  readonly routeNamespace: string;
}

interface Listener {
  readonly name: string;
  readonly port: number;
  readonly protocol: ListenerProtocol;
  readonly hostname: string;
  readonly certificate?: ServedSecret;
  readonly routeNamespaces: Set<string>;
  /** Construct paths of the exposures using the listener. */
  readonly exposures: Set<string>;
}

const LISTENERS = FieldPath.spec('listeners');
const GATEWAYS = new WeakMap<GatewayApiSettings, ExposeGateway>();

/** The listener name for a protocol and host: `https-svc3.example.com`, `http-wildcard.example.com` for `*.example.com`. */
export function listenerNameFor(protocol: ListenerProtocol, hostname: string): string {
  return `${protocol.toLowerCase()}-${hostname.replace(/^\*\./, 'wildcard.')}`;
}

function describeTls(l: { protocol: ListenerProtocol; certificate?: ServedSecret }): string {
  if (l.protocol === ListenerProtocol.TLS) return 'TLS passthrough';
  if (l.protocol === ListenerProtocol.HTTP) return 'plain HTTP';
  return `Secret ${JSON.stringify(`${l.certificate?.namespace}/${l.certificate?.name}`)}`;
}

/** The chart the Gateway goes in: the one `Routing.of()` was called on (or is inside), else a new one under it. */
function gatewayChart(settings: GatewayApiSettings): Chart {
  const owner = settings.owner;
  const chart = owner.node.scopes.slice().reverse().find(s => Chart.isChart(s)) as Chart | undefined;
  if (chart) return chart;
  return new Chart(owner as Construct, 'gateway-api', { namespace: settings.gatewayNamespace, disableResourceNameHashes: true });
}

/** The Gateway of a Routing setting, its listeners and the ReferenceGrants for the Secrets it serves. */
export class ExposeGateway extends Construct {
  /** The Gateway of `settings`, created on first use. */
  public static of(settings: GatewayApiSettings): ExposeGateway {
    let gateway = GATEWAYS.get(settings);
    if (!gateway) {
      gateway = new ExposeGateway(gatewayChart(settings), 'ExposeGateway', settings);
      GATEWAYS.set(settings, gateway);
    }
    return gateway;
  }

  public readonly gatewayName: string;
  public readonly gatewayNamespace: string;
  public readonly apiObject: ApiObject;
  /** What routes name in their parentRefs besides the name: the kind for a ListenerSet (a Gateway is the default). */
  public readonly parentKind: { group?: string; kind?: string };
  private readonly fromKind: string;
  private readonly listeners: Listener[] = [];
  private readonly grants = new Map<string, Set<string>>();
  private shimAnnotations?: { [key: string]: string };

  private constructor(scope: Construct, id: string, settings: GatewayApiSettings) {
    super(scope, id);
    this.gatewayName = settings.gatewayName;
    this.gatewayNamespace = settings.gatewayNamespace;
    const metadata = { name: this.gatewayName, namespace: this.gatewayNamespace };
    const listeners = Lazy.any({ produce: () => this.listeners.map(l => this.listenerJson(l)) }) as any;
    const platform = settings.platformGateway;
    if (platform) {
      this.parentKind = { group: 'gateway.networking.k8s.io', kind: 'ListenerSet' };
      this.fromKind = 'ListenerSet';
      const parentNamespace = platform.namespace !== undefined && platform.namespace !== this.gatewayNamespace ? platform.namespace : undefined;
      this.apiObject = new ListenerSet(this, 'Resource', {
        metadata,
        spec: { parentRef: { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: platform.name, namespace: parentNamespace }, listeners },
      });
    } else {
      this.parentKind = {};
      this.fromKind = 'Gateway';
      this.apiObject = new Gateway(this, 'Resource', {
        metadata,
        spec: {
          gatewayClassName: settings.gatewayClassName,
          addresses: settings.addresses?.map(a => ({ type: a.type ?? 'IPAddress', value: a.value })),
          infrastructure: settings.infrastructure
            ? { labels: settings.infrastructure.labels, annotations: settings.infrastructure.annotations } : undefined,
          listeners,
        },
      });
    }
    if (settings.gatewayNamespaceDefaulted) {
      Warnings.of(this).add(`the ${this.fromKind} ${JSON.stringify(this.gatewayName)} goes in namespace "default" because neither gatewayNamespace ` +
        'nor a chart namespace says where; two apps that keep the default name and namespace write the same object and undo each other\'s ' +
        'listeners; set gatewayNamespace (and gatewayName), or call Routing.of() on a chart with a namespace');
    }
  }

  /**
   * The listener for `request` (created, or shared with earlier exposures of the same host,
   * protocol and port); its name is the routes' `sectionName`. Throws for the requester's path.
   */
  public addListener(requester: IConstruct, request: ListenerRequest): string {
    const port = PORTS[request.protocol];
    const name = listenerNameFor(request.protocol, request.hostname);
    const index = this.listeners.findIndex(l => l.name === name);
    const field = LISTENERS.index(index >= 0 ? index : this.listeners.length);
    const key = (l: { protocol: ListenerProtocol; hostname: string }) => `${PORTS[l.protocol]}/${l.protocol}/${l.hostname}`;
    const existing = this.listeners[index];
    const problems = new ProblemList()
      .add(listenerNameProblems(field.child('name'), name))
      .add(listenerNameUniqueProblems(field.child('name'), name, key(request), existing && key(existing)));
    if (existing) {
      problems.add(listenerTlsAgreesProblems(field.child('tls'), name, describeTls(request), describeTls(existing))).throwIfAny(requester);
      existing.routeNamespaces.add(request.routeNamespace);
      existing.exposures.add(requester.node.path);
      return name;
    }
    if (request.protocol !== ListenerProtocol.HTTP) {
      problems
        .add(sniListenerClashProblems(field.child('hostname'), { name, port, protocol: request.protocol, hostname: request.hostname }, this.listeners))
        .add(listenerCertificateRefsProblems(field.child('tls').child('certificateRefs'),
          request.protocol === ListenerProtocol.HTTPS ? GatewaySpecListenersTlsMode.TERMINATE : GatewaySpecListenersTlsMode.PASSTHROUGH,
          request.certificate ? 1 : 0));
    }
    const exposures = new Set([...this.listeners.flatMap(l => [...l.exposures]), requester.node.path]);
    problems.add(listenerCountProblems(field, this.gatewayName, this.listeners.length + 1, [...exposures])).throwIfAny(requester);
    this.listeners.push({ name, port, protocol: request.protocol, hostname: request.hostname, certificate: request.certificate,
      routeNamespaces: new Set([request.routeNamespace]), exposures: new Set([requester.node.path]) });
    if (request.certificate && request.certificate.namespace !== this.gatewayNamespace) this.grantSecret(request.certificate);
    return name;
  }

  /** The cert-manager annotations already on the Gateway (undefined: none yet). */
  public get certManagerAnnotations(): { [key: string]: string } | undefined {
    return this.shimAnnotations;
  }

  /** Puts cert-manager's annotations on the Gateway (the caller checked they agree with earlier ones). */
  public setCertManagerAnnotations(annotations: { [key: string]: string }): void {
    if (this.shimAnnotations) return;
    this.shimAnnotations = annotations;
    for (const [k, v] of Object.entries(annotations)) this.apiObject.metadata.addAnnotation(k, v);
    if (this.fromKind === 'ListenerSet') {
      Warnings.of(this).add('cert-manager reads its annotations on a ListenerSet from v1.20 on, with its ListenerSet support enabled ' +
        '(https://cert-manager.io/docs/usage/gateway/#listenerset); older versions issue no certificate for these listeners');
    }
  }

  private listenerJson(l: Listener): unknown {
    const others = [...l.routeNamespaces].filter(ns => ns !== this.gatewayNamespace);
    return {
      name: l.name,
      hostname: l.hostname,
      port: l.port,
      protocol: l.protocol,
      tls: l.protocol === ListenerProtocol.HTTP ? undefined : {
        mode: l.protocol === ListenerProtocol.TLS ? GatewaySpecListenersTlsMode.PASSTHROUGH : GatewaySpecListenersTlsMode.TERMINATE,
        certificateRefs: l.certificate ? [{
          group: '', kind: 'Secret', name: l.certificate.name,
          namespace: l.certificate.namespace !== this.gatewayNamespace ? l.certificate.namespace : undefined,
        }] : undefined,
      },
      allowedRoutes: others.length === 0 ? undefined : {
        namespaces: {
          from: 'Selector',
          selector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: [...l.routeNamespaces].sort() }] },
        },
      },
    };
  }

  /** A ReferenceGrant in the Secret's namespace letting this Gateway serve it. */
  private grantSecret(secret: ServedSecret): void {
    let names = this.grants.get(secret.namespace);
    if (!names) {
      names = new Set();
      this.grants.set(secret.namespace, names);
      const granted = names;
      new ReferenceGrant(this, `SecretsGrant-${secret.namespace}`, {
        metadata: { name: `${this.gatewayName}-${this.gatewayNamespace}-secrets`, namespace: secret.namespace },
        spec: {
          from: [{ group: 'gateway.networking.k8s.io', kind: this.fromKind, namespace: this.gatewayNamespace }],
          to: Lazy.any({ produce: () => [...granted].sort().map(name => ({ group: '', kind: 'Secret', name })) }) as any,
        },
      });
    }
    names.add(secret.name);
  }
}
