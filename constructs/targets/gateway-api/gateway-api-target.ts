/**
 * The Gateway API target: an exposure becomes routes attached to a Gateway of the GatewayClass
 * chosen with `Routing.of(scope).use(RoutingTarget.gatewayApi(...))`.
 *
 * - plain HTTP: a listener HTTP/80 for the host + an HTTPRoute.
 * - TERMINATION: a listener HTTPS/443 (`tls.mode: Terminate`, `certificateRefs` to the served
 *   Secret) + an HTTPRoute; and, unless `httpsRedirect: false`, an HTTPRoute on the HTTP/80
 *   listener whose `RequestRedirect` filter answers with https (what ingress-nginx does by default).
 * - REENCRYPT with verification: TERMINATION + a BackendTLSPolicy on the Service (CA from the
 *   ConfigMap named like `backendCaSecretName`, key `ca.crt`; `validation.hostname` the server name).
 * - an HTTPS backend without verification: refused (Gateway API cannot skip verification), or the
 *   opted-into implementation-specific escape hatch.
 * - PASSTHROUGH: a listener TLS/443 (`tls.mode: Passthrough`) + a TLSRoute.
 * - cert-manager: a Certificate object stays next to the route (its Secret is what the listener
 *   serves); ingress-shim annotations go on the Gateway (cert-manager's gateway-shim).
 */
import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import {
  HttpRoute, HttpRouteSpecRulesFiltersRequestRedirectScheme, HttpRouteSpecRulesFiltersRequestRedirectStatusCode,
  HttpRouteSpecRulesFiltersType, HttpRouteSpecRulesMatchesPathType, TlsRoute,
} from '../../../imports/gateway.networking.k8s.io';
import { PathType } from '../../core/enums';
import { normalizeNamespace } from '../../core/naming';
import { FieldPath } from '../../core/field-path';
import { sortKeys } from '../../core/records';
import { Warnings } from '../../core/warnings';
import {
  controllerAnnotationProblems, existingGatewayListenerProblems, gatewayPathTypeProblems, gatewayShimProblems, hasUnverifiedHttpsBackend,
  httpRoutePathProblems, kubernetesVersionProblems, redirectStatusCodeProblems, routeHostnamesIntersectProblems, tlsRouteHostnamesProblems,
  tlsRouteRulesProblems, unverifiedBackendTlsProblems,
} from './rules';
import { ProblemList, requireNoProblems } from '../../core/errors';
import { Problem } from '../../core/problem';
import { dns1123SubdomainProblems } from '../../validation/names';
import { ExistingGateway, GatewayApiOptions, GatewayApiSettings, UnverifiedBackendTls } from './options';
import { Exposure, TlsMode } from '../../exposure/exposure';
import { CrossObjectChecks } from '../../app-checks/cross-object-checks';
import { RuleFamily } from '../../app-checks/rule-families';
import { chosenTargetFor, IRoutingTarget } from '../../exposure/routing-target';
import { oneOfProblems } from '../../validation/values';
import { backendRefPort, envoyGatewayInsecureBackend, verifyBackend } from './backends';
import { GATEWAY_API_RULE_FAMILIES } from './checks';
import { ExposeGateway, ListenerProtocol } from './gateway';
import { sharedPlatformProblems } from './platform-options';

const RULE0 = FieldPath.spec('rules').index(0);
const PATH_TYPES: Record<string, HttpRouteSpecRulesMatchesPathType> = {
  [PathType.PREFIX]: HttpRouteSpecRulesMatchesPathType.PATH_PREFIX,
  [PathType.EXACT]: HttpRouteSpecRulesMatchesPathType.EXACT,
};

interface ParentRef {
  readonly group?: string;
  readonly kind?: string;
  readonly name: string;
  readonly namespace?: string;
  readonly sectionName?: string;
}

/** What a route attaches to a listener for: the listener's protocol, and how messages name it. */
enum Attachment {
  PLAIN_HTTP = 'plain HTTP',
  HTTPS_REDIRECT = 'the HTTP->HTTPS redirect (httpsRedirect)',
  TERMINATION = 'TLS termination',
  PASSTHROUGH = 'TLS passthrough',
}
const PROTOCOL_OF: Record<Attachment, ListenerProtocol> = {
  [Attachment.PLAIN_HTTP]: ListenerProtocol.HTTP,
  [Attachment.HTTPS_REDIRECT]: ListenerProtocol.HTTP,
  [Attachment.TERMINATION]: ListenerProtocol.HTTPS,
  [Attachment.PASSTHROUGH]: ListenerProtocol.TLS,
};
const EXISTING_LISTENER_OPTION: Record<ListenerProtocol, 'httpListenerName' | 'httpsListenerName' | 'tlsListenerName'> = {
  HTTP: 'httpListenerName', HTTPS: 'httpsListenerName', TLS: 'tlsListenerName',
};

/** Where routes attach: listeners of the app's own Gateway, or of an existing one. */
class Parents {
  private readonly gateway?: ExposeGateway;

  constructor(private readonly scope: Construct, private readonly settings: GatewayApiSettings,
    private readonly exposure: Exposure, private readonly routeNamespace: string) {
    if (!settings.existingGateway) this.gateway = ExposeGateway.of(settings);
  }

  /** The parentRef of a route attached for `attachment` (HTTPS with the served Secret). */
  public parentFor(attachment: Attachment): ParentRef {
    const protocol = PROTOCOL_OF[attachment];
    const existing = this.settings.existingGateway;
    if (existing) {
      const namespace = existing.namespace === undefined ? this.routeNamespace : normalizeNamespace(existing.namespace);
      const option = EXISTING_LISTENER_OPTION[protocol];
      const sectionName = existing[option];
      // plain HTTP may attach to the whole Gateway; the other attachments need their listener
      if (attachment !== Attachment.PLAIN_HTTP) {
        requireNoProblems(this.scope, existingGatewayListenerProblems(FieldPath.spec('parentRefs').index(0).child('sectionName'),
          existing.name, attachment, option, sectionName), sectionName);
      }
      return { name: existing.name, namespace: namespace !== this.routeNamespace ? namespace : undefined, sectionName };
    }
    const gateway = this.gateway!;
    const secretName = this.exposure.tls?.secretName;
    const sectionName = gateway.addListener(this.scope, {
      protocol, hostname: this.exposure.host, routeNamespace: this.routeNamespace,
      certificate: protocol === ListenerProtocol.HTTPS && secretName !== undefined ? { name: secretName, namespace: this.routeNamespace } : undefined,
    });
    requireNoProblems(this.scope, routeHostnamesIntersectProblems(FieldPath.spec('hostnames'), [this.exposure.host], sectionName, this.exposure.host),
      sectionName);
    const namespace = gateway.gatewayNamespace;
    return { ...gateway.parentKind, name: gateway.gatewayName, namespace: namespace !== this.routeNamespace ? namespace : undefined, sectionName };
  }

  /** cert-manager ingress-shim annotations belong on the Gateway (gateway-shim). */
  public addCertManagerAnnotations(annotations: { [key: string]: string }, field: FieldPath): void {
    if (Object.keys(annotations).length === 0) return;
    const gateway = this.gateway;
    const wanted = sortKeys(annotations);
    requireNoProblems(this.scope, gatewayShimProblems(field, {
      existingGateway: this.settings.existingGateway?.name, gatewayNamespace: gateway?.gatewayNamespace, routeNamespace: this.routeNamespace,
      secretName: this.exposure.tls?.secretName, wanted, current: gateway?.certManagerAnnotations,
    }), undefined);
    gateway!.setCertManagerAnnotations(wanted);
  }
}

function metadata(exposure: Exposure, name: string) {
  const annotations = exposure.annotations && Object.keys(exposure.annotations).length > 0 ? sortKeys(exposure.annotations) : undefined;
  return { name, labels: exposure.labels, annotations };
}

/** The backendRef of the route: the Service, or the escape hatch's Envoy Gateway Backend. */
function backendRef(scope: Construct, exposure: Exposure, namespace: string, field: FieldPath) {
  const port = backendRefPort(scope, namespace, exposure.backend, field.child('port'));
  if (!hasUnverifiedHttpsBackend(exposure)) return { name: exposure.backend.serviceName, port };
  // render() refused this unless the escape hatch is opted into
  return envoyGatewayInsecureBackend(scope, namespace, exposure.name, exposure.backend, port);
}

function renderPassthrough(scope: Construct, exposure: Exposure, parents: Parents, namespace: string): ApiObject {
  requireNoProblems(scope, tlsRouteHostnamesProblems(FieldPath.spec('hostnames'), [exposure.host]), undefined);
  const parent = parents.parentFor(Attachment.PASSTHROUGH);
  const ref = backendRef(scope, exposure, namespace, RULE0.child('backendRefs').index(0));
  const rules = [{ backendRefs: [ref] }];
  requireNoProblems(scope, tlsRouteRulesProblems(FieldPath.spec('rules'), rules), undefined);
  return new TlsRoute(scope, 'Resource', {
    metadata: metadata(exposure, exposure.name),
    spec: { parentRefs: [parent], hostnames: [exposure.host], rules },
  });
}

function renderHttp(scope: Construct, exposure: Exposure, parents: Parents, namespace: string, settings: GatewayApiSettings): ApiObject {
  const tls = exposure.tls;
  const match = { path: { type: PATH_TYPES[exposure.pathType], value: exposure.path } };
  const parent = parents.parentFor(tls ? Attachment.TERMINATION : Attachment.PLAIN_HTTP);
  if (tls) parents.addCertManagerAnnotations(tls.issuerAnnotations ?? {}, FieldPath.prop('certificate'));
  const route = new HttpRoute(scope, 'Resource', {
    metadata: metadata(exposure, exposure.name),
    spec: {
      parentRefs: [parent],
      hostnames: [exposure.host],
      rules: [{ matches: [match], backendRefs: [backendRef(scope, exposure, namespace, RULE0.child('backendRefs').index(0))] }],
    },
  });
  if (tls?.backendVerification) verifyBackend(scope, namespace, exposure.backend, tls.backendVerification);
  if (tls && settings.httpsRedirect) {
    const redirectParent = parents.parentFor(Attachment.HTTPS_REDIRECT);
    const redirectName = requireNoProblems(scope, dns1123SubdomainProblems(FieldPath.metadata('name'), `${exposure.name}-https-redirect`),
      `${exposure.name}-https-redirect`);
    new HttpRoute(scope, 'HttpsRedirect', {
      metadata: { name: redirectName, labels: exposure.labels },
      spec: {
        parentRefs: [redirectParent],
        hostnames: [exposure.host],
        rules: [{
          matches: [match],
          filters: [{
            type: HttpRouteSpecRulesFiltersType.REQUEST_REDIRECT,
            requestRedirect: {
              scheme: HttpRouteSpecRulesFiltersRequestRedirectScheme.HTTPS,
              statusCode: settings.httpsRedirectStatusCode as HttpRouteSpecRulesFiltersRequestRedirectStatusCode,
            },
          }],
        }],
      },
    });
  }
  if (settings.existingGateway && tls?.secretName !== undefined) {
    Warnings.of(scope).add(`the existing Gateway ${JSON.stringify(settings.existingGateway.name)} must serve ${JSON.stringify(exposure.host)} ` +
      `with Secret ${JSON.stringify(tls.secretName)} (namespace ${JSON.stringify(namespace)}) on listener ` +
      `${JSON.stringify(settings.existingGateway.httpsListenerName)}: this app does not change that Gateway`);
  }
  return route;
}

/**
 * Gateway API v1.6: routes on a Gateway of a chosen GatewayClass. Made by `RoutingTarget.gatewayApi(options)`.
 * @experimental
 */
export class GatewayApiTarget implements IRoutingTarget {
  /** The options, as given (validated). */
  public readonly options: GatewayApiOptions;
  /** @internal */
  public readonly _ruleFamilies: RuleFamily[] = GATEWAY_API_RULE_FAMILIES;
  private readonly settings = new WeakMap<IConstruct, GatewayApiSettings>();

  public constructor(options: GatewayApiOptions) {
    new ProblemList().add(gatewayApiOptionsProblems(options)).throwIfAny('RoutingTarget.gatewayApi');
    this.options = { ...options };
  }

  /** Routes (and the Gateway listeners, policies and grants they need) under `scope`, the route's id `Resource`. */
  public render(scope: Construct, exposure: Exposure): void {
    const settings = this.settingsFor(scope);
    CrossObjectChecks.of(scope)._addRuleFamilies(this._ruleFamilies);
    new ProblemList()
      .add(gatewayPathTypeProblems(RULE0.child('matches').index(0).child('path').child('type'), exposure.pathType))
      .add(exposure.tls?.mode === TlsMode.PASSTHROUGH ? [] : httpRoutePathProblems(RULE0.child('matches').index(0).child('path').child('value'), exposure.path))
      .add(controllerAnnotationProblems(FieldPath.metadata('annotations'), exposure.annotations ?? {}))
      .add(unverifiedBackendTlsProblems(exposure, settings.unverifiedBackendTls))
      .throwIfAny(scope);
    const mode = exposure.tls?.mode;
    const namespace = normalizeNamespace(exposure.namespace);
    const parents = new Parents(scope, settings, exposure, namespace);
    if (mode === TlsMode.PASSTHROUGH) renderPassthrough(scope, exposure, parents, namespace);
    else renderHttp(scope, exposure, parents, namespace, settings);
  }

  /** The settings for exposures under `scope`: the options with defaults, for the scope this target was chosen on. */
  private settingsFor(scope: IConstruct): GatewayApiSettings {
    const chosen = chosenTargetFor(scope);
    const owner = chosen?.target === this ? chosen.scope : Chart.of(scope);
    let settings = this.settings.get(owner);
    if (!settings) {
      const options = this.options;
      const chart = owner.node.scopes.slice().reverse().find(s => Chart.isChart(s)) as Chart | undefined;
      settings = {
        gatewayClassName: options.gatewayClassName,
        gatewayName: options.gatewayName ?? 'cdk8s-expose',
        gatewayNamespace: options.gatewayNamespace ?? (chart?.namespace || 'default'),
        gatewayNamespaceDefaulted: options.gatewayNamespace === undefined && !chart?.namespace,
        existingGateway: options.existingGateway,
        platformGateway: options.platformGateway,
        addresses: options.addresses,
        infrastructure: options.infrastructure,
        httpsRedirect: options.httpsRedirect ?? true,
        httpsRedirectStatusCode: options.httpsRedirectStatusCode ?? 301,
        unverifiedBackendTls: options.unverifiedBackendTls ?? UnverifiedBackendTls.REFUSE,
        owner,
      };
      this.settings.set(owner, settings);
    }
    return settings;
  }
}

/** The options' own rules, checked when the target is made. */
export function gatewayApiOptionsProblems(options: GatewayApiOptions): Problem[] {
  const option = (name: string) => FieldPath.root('options').child(name);
  const problems = [
    ...dns1123SubdomainProblems(option('gatewayClassName'), options.gatewayClassName),
    ...kubernetesVersionProblems(option('kubernetesVersion'), options.kubernetesVersion),
    ...oneOfProblems(option('unverifiedBackendTls'), options.unverifiedBackendTls ?? UnverifiedBackendTls.REFUSE, Object.values(UnverifiedBackendTls)),
  ];
  if (options.gatewayName !== undefined) problems.push(...dns1123SubdomainProblems(option('gatewayName'), options.gatewayName));
  if (options.gatewayNamespace !== undefined) problems.push(...dns1123SubdomainProblems(option('gatewayNamespace'), options.gatewayNamespace));
  if (options.existingGateway) problems.push(...existingGatewayProblems(options.existingGateway));
  if (options.httpsRedirectStatusCode !== undefined) problems.push(...redirectStatusCodeProblems(option('httpsRedirectStatusCode'), options.httpsRedirectStatusCode));
  problems.push(...sharedPlatformProblems(options));
  return problems;
}

/** `existingGateway`: its name, namespace and listener names are names the API server accepts. */
function existingGatewayProblems(gateway: ExistingGateway): Problem[] {
  const field = (name: string) => FieldPath.root('options').child('existingGateway').child(name);
  const names: Array<[string, string | undefined]> = [['name', gateway.name], ['namespace', gateway.namespace], ['httpListenerName', gateway.httpListenerName],
    ['httpsListenerName', gateway.httpsListenerName], ['tlsListenerName', gateway.tlsListenerName]];
  return names.flatMap(([key, value]) => value === undefined ? [] : dns1123SubdomainProblems(field(key), value));
}
