/**
 * The Gateway API renderer: an intent becomes routes attached to a Gateway of the GatewayClass
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
import { FieldPath } from '../../core/field-path';
import { sortKeys } from '../../core/records';
import { Warnings } from '../../core/warnings';
import {
  validateExistingGatewayListener, validateGatewayApiKubernetesVersion, validateGatewayPathType, validateRedirectStatusCode, validateGatewayShimCertificate, validateNoControllerAnnotations,
  validateRouteHostnamesIntersect, validateTlsRouteHostnames, validateTlsRouteRules, validateVerifiedBackendTls,
} from './rules';
import { validateDns1123Subdomain } from '../../validation/names';
import { ExistingGateway, GatewayApiOptions, GatewayApiSettings, UnverifiedBackendTls } from './options';
import { BackendProtocol, Exposure, TlsMode } from '../../exposure/exposure';
import { CrossObjectChecks } from '../../app-checks/cross-object-checks';
import { RuleFamily } from '../../app-checks/rule-families';
import { chosenTargetFor, IRoutingTarget } from '../../exposure/routing-target';
import { validateOneOf } from '../../validation/values';
import { backendRefPort, envoyGatewayInsecureBackend, verifyBackend } from './backends';
import { GATEWAY_API_RULE_FAMILIES } from './checks';
import { ExposeGateway, ListenerProtocol } from './gateway';

/** ingress-nginx's annotations, which a Gateway never reads (refused so that a migration does not lose them silently). */
const NGINX_ANNOTATION_PREFIX = 'nginx.ingress.kubernetes.io/';

const RULE0 = FieldPath.spec('rules').index(0);
const PATH_TYPES: Record<string, HttpRouteSpecRulesMatchesPathType> = {
  [PathType.PREFIX]: HttpRouteSpecRulesMatchesPathType.PATH_PREFIX,
  [PathType.EXACT]: HttpRouteSpecRulesMatchesPathType.EXACT,
};

function normalize(ns: string | undefined): string {
  return ns === undefined || ns === '' ? 'default' : ns;
}

interface ParentRef {
  readonly name: string;
  readonly namespace?: string;
  readonly sectionName?: string;
}

/** Where routes attach: listeners of the app's own Gateway, or of an existing one. */
class Parents {
  private readonly gateway?: ExposeGateway;

  constructor(private readonly scope: Construct, private readonly settings: GatewayApiSettings,
    private readonly intent: Exposure, private readonly routeNamespace: string) {
    if (!settings.existingGateway) this.gateway = ExposeGateway.of(settings);
  }

  /** The parentRef of a route served by a listener of `protocol` (HTTPS with the served Secret). */
  public parentFor(protocol: ListenerProtocol, why: string): ParentRef {
    const existing = this.settings.existingGateway;
    if (existing) {
      const namespace = existing.namespace === undefined ? this.routeNamespace : normalize(existing.namespace);
      const option = { HTTP: 'httpListenerName', HTTPS: 'httpsListenerName', TLS: 'tlsListenerName' }[protocol];
      const listener = (existing as any)[option] as string | undefined;
      const sectionName = protocol === ListenerProtocol.HTTP && why === 'plain HTTP' ? listener
        : validateExistingGatewayListener(this.scope.node.path, FieldPath.spec('parentRefs').index(0).child('sectionName'), existing.name, why, option, listener);
      return { name: existing.name, namespace: namespace !== this.routeNamespace ? namespace : undefined, sectionName };
    }
    const gateway = this.gateway!;
    const secretName = this.intent.tls?.secretName;
    const sectionName = gateway.addListener(this.scope, {
      protocol, hostname: this.intent.host, routeNamespace: this.routeNamespace,
      certificate: protocol === ListenerProtocol.HTTPS && secretName !== undefined ? { name: secretName, namespace: this.routeNamespace } : undefined,
    });
    validateRouteHostnamesIntersect(this.scope.node.path, FieldPath.spec('hostnames'), [this.intent.host], sectionName, this.intent.host);
    const namespace = gateway.gatewayNamespace;
    return { name: gateway.gatewayName, namespace: namespace !== this.routeNamespace ? namespace : undefined, sectionName };
  }

  /** cert-manager ingress-shim annotations belong on the Gateway (gateway-shim). */
  public addCertManagerAnnotations(annotations: { [key: string]: string }, field: FieldPath): void {
    if (Object.keys(annotations).length === 0) return;
    const path = this.scope.node.path;
    const gateway = this.gateway;
    if (!gateway) return validateGatewayShimCertificate(path, field, 'existing-gateway', `Gateway ${JSON.stringify(this.settings.existingGateway!.name)}`);
    if (gateway.gatewayNamespace !== this.routeNamespace) {
      validateGatewayShimCertificate(path, field, 'cross-namespace', `Gateway in ${JSON.stringify(gateway.gatewayNamespace)}, ` +
        `Secret ${JSON.stringify(this.intent.tls?.secretName)} in ${JSON.stringify(this.routeNamespace)}`);
    }
    const sorted = sortKeys(annotations);
    const current = gateway.certManagerAnnotations;
    if (current && JSON.stringify(current) !== JSON.stringify(sorted)) {
      validateGatewayShimCertificate(path, field, 'conflict', `${JSON.stringify(current)} vs ${JSON.stringify(sorted)}`);
    }
    gateway.setCertManagerAnnotations(sorted);
  }
}

function metadata(intent: Exposure, name: string) {
  const annotations = Object.keys((intent.annotations ?? {})).length > 0 ? sortKeys((intent.annotations ?? {})) : undefined;
  return { name, labels: intent.labels, annotations };
}

/** The backendRef of the route: the Service, or the escape hatch's Envoy Gateway Backend. */
function backendRef(scope: Construct, intent: Exposure, namespace: string, field: FieldPath) {
  const port = backendRefPort(scope, namespace, intent.backend, field.child('port'));
  const unverified = intent.backendProtocol === BackendProtocol.HTTPS && intent.tls?.mode !== TlsMode.PASSTHROUGH && !intent.tls?.backendVerification;
  if (!unverified) return { name: intent.backend.serviceName, port };
  // render() refused this unless the escape hatch is opted into
  return envoyGatewayInsecureBackend(scope, namespace, intent.name, intent.backend, port);
}

function renderPassthrough(scope: Construct, intent: Exposure, parents: Parents, namespace: string): ApiObject {
  const path = scope.node.path;
  validateTlsRouteHostnames(path, FieldPath.spec('hostnames'), [intent.host]);
  const parent = parents.parentFor(ListenerProtocol.TLS, 'TLS passthrough');
  const ref = backendRef(scope, intent, namespace, RULE0.child('backendRefs').index(0));
  const rules = [{ backendRefs: [ref] }];
  validateTlsRouteRules(path, FieldPath.spec('rules'), rules);
  return new TlsRoute(scope, 'Resource', {
    metadata: metadata(intent, intent.name),
    spec: { parentRefs: [parent], hostnames: [intent.host], rules },
  });
}

function renderHttp(scope: Construct, intent: Exposure, parents: Parents, namespace: string, settings: GatewayApiSettings): ApiObject {
  const path = scope.node.path;
  const tls = intent.tls;
  const match = { path: { type: PATH_TYPES[intent.pathType], value: intent.path } };
  const parent = parents.parentFor(tls ? ListenerProtocol.HTTPS : ListenerProtocol.HTTP, tls ? 'TLS termination' : 'plain HTTP');
  if (tls) parents.addCertManagerAnnotations(tls.issuerAnnotations ?? {}, FieldPath.prop('certificate'));
  const route = new HttpRoute(scope, 'Resource', {
    metadata: metadata(intent, intent.name),
    spec: {
      parentRefs: [parent],
      hostnames: [intent.host],
      rules: [{ matches: [match], backendRefs: [backendRef(scope, intent, namespace, RULE0.child('backendRefs').index(0))] }],
    },
  });
  if (tls?.backendVerification) verifyBackend(scope, namespace, intent.backend, tls.backendVerification);
  if (tls && settings.httpsRedirect) {
    const redirectParent = parents.parentFor(ListenerProtocol.HTTP, 'the HTTP->HTTPS redirect (httpsRedirect)');
    new HttpRoute(scope, 'HttpsRedirect', {
      metadata: { name: validateDns1123Subdomain(path, FieldPath.metadata('name'), `${intent.name}-https-redirect`), labels: intent.labels },
      spec: {
        parentRefs: [redirectParent],
        hostnames: [intent.host],
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
  if (tls && settings.existingGateway && intent.tls?.secretName !== undefined) {
    Warnings.of(scope).add(`the existing Gateway ${JSON.stringify(settings.existingGateway.name)} must serve ${JSON.stringify(intent.host)} ` +
      `with Secret ${JSON.stringify(intent.tls?.secretName)} (namespace ${JSON.stringify(namespace)}) on listener ` +
      `${JSON.stringify(settings.existingGateway.httpsListenerName)}: this app does not change that Gateway`);
  }
  return route;
}

/** Gateway API v1.6: routes on a Gateway of a chosen GatewayClass. Made by `RoutingTarget.gatewayApi(options)`. */
export class GatewayApiTarget implements IRoutingTarget {
  /** The options, as given (validated). */
  public readonly options: GatewayApiOptions;
  /** @internal */
  public readonly _ruleFamilies: RuleFamily[] = GATEWAY_API_RULE_FAMILIES;
  private readonly settings = new WeakMap<IConstruct, GatewayApiSettings>();

  public constructor(options: GatewayApiOptions) {
    validateGatewayApiOptions('RoutingTarget.gatewayApi', options);
    this.options = { ...options };
  }

  /** Routes (and the Gateway listeners, policies and grants they need) under `scope`, the route's id `Resource`. */
  public render(scope: Construct, exposure: Exposure): void {
    const path = scope.node.path;
    const settings = this.settingsFor(scope);
    CrossObjectChecks.of(scope)._addRuleFamilies(this._ruleFamilies);
    validateGatewayPathType(path, RULE0.child('matches').index(0).child('path').child('type'), exposure.pathType);
    validateNoControllerAnnotations(path, FieldPath.metadata('annotations'), exposure.annotations ?? {}, NGINX_ANNOTATION_PREFIX);
    const mode = exposure.tls?.mode;
    if (exposure.backendProtocol === BackendProtocol.HTTPS && mode !== TlsMode.PASSTHROUGH && !exposure.tls?.backendVerification) {
      validateVerifiedBackendTls(path, FieldPath.prop(mode ? 'backendCaSecretName' : 'backendProtocol'), exposure.backend.serviceName,
        settings.unverifiedBackendTls === UnverifiedBackendTls.ENVOY_GATEWAY_INSECURE_BACKEND);
    }
    const namespace = normalize(exposure.namespace);
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
        kubernetesMinor: validateGatewayApiKubernetesVersion(owner.node.path || '(app)', FieldPath.root('options').child('kubernetesVersion'),
          options.kubernetesVersion),
        gatewayName: options.gatewayName ?? 'cdk8s-expose',
        gatewayNamespace: options.gatewayNamespace ?? (chart?.namespace || 'default'),
        existingGateway: options.existingGateway,
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
function validateGatewayApiOptions(where: string, options: GatewayApiOptions): void {
  const option = (name: string) => FieldPath.root('options').child(name);
  validateDns1123Subdomain(where, option('gatewayClassName'), options.gatewayClassName);
  validateGatewayApiKubernetesVersion(where, option('kubernetesVersion'), options.kubernetesVersion);
  if (options.gatewayName !== undefined) validateDns1123Subdomain(where, option('gatewayName'), options.gatewayName);
  if (options.gatewayNamespace !== undefined) validateDns1123Subdomain(where, option('gatewayNamespace'), options.gatewayNamespace);
  if (options.existingGateway) validateExistingGateway(where, options.existingGateway);
  if (options.httpsRedirectStatusCode !== undefined) validateRedirectStatusCode(where, option('httpsRedirectStatusCode'), options.httpsRedirectStatusCode);
  validateOneOf(where, option('unverifiedBackendTls'), options.unverifiedBackendTls ?? UnverifiedBackendTls.REFUSE, Object.values(UnverifiedBackendTls));
}

function validateExistingGateway(where: string, gateway: ExistingGateway): void {
  const field = (name: string) => FieldPath.root('options').child('existingGateway').child(name);
  validateDns1123Subdomain(where, field('name'), gateway.name);
  if (gateway.namespace !== undefined) validateDns1123Subdomain(where, field('namespace'), gateway.namespace);
  for (const key of ['httpListenerName', 'httpsListenerName', 'tlsListenerName'] as const) {
    if (gateway[key] !== undefined) validateDns1123Subdomain(where, field(key), gateway[key]!);
  }
}
