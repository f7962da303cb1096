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
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  HttpRoute, HttpRouteSpecRulesFiltersRequestRedirectScheme, HttpRouteSpecRulesFiltersRequestRedirectStatusCode,
  HttpRouteSpecRulesFiltersType, HttpRouteSpecRulesMatchesPathType, TlsRoute,
} from '../../../imports/gateway.networking.k8s.io';
import { PathType } from '../../core/enums';
import { FieldPath } from '../../core/field-path';
import { sortKeys } from '../../core/records';
import { Warnings } from '../../core/warnings';
import {
  validateExistingGatewayListener, validateGatewayApiTargetSet, validateGatewayPathType, validateGatewayShimCertificate, validateNoControllerAnnotations,
  validateRouteHostnamesIntersect, validateTlsRouteHostnames, validateTlsRouteRules, validateVerifiedBackendTls,
} from '../../validation/gateway-api-rules';
import { validateDns1123Subdomain } from '../../validation/names';
import { GatewayApiSettings, gatewayApiSettingsFor, UnverifiedBackendTls } from '../model/gateway-api-options';
import { BackendProtocol, IngressIntent, TlsMode } from '../model/ingress-intent';
import { IngressRenderer, RenderedIngress } from '../model/renderer';
import { backendRefPort, envoyGatewayInsecureBackend, verifyBackend } from './gateway-api-backends';
import { GATEWAY_API_RULE_FAMILIES } from './gateway-api-checks';
import { ExposeGateway, ListenerProtocol } from './gateway-api-gateway';
import { NGINX_ANNOTATION_PREFIX } from './ingress-nginx-annotations';

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
    private readonly intent: IngressIntent, private readonly routeNamespace: string) {
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
    const secretName = this.intent.servedSecretName;
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
        `Secret ${JSON.stringify(this.intent.servedSecretName)} in ${JSON.stringify(this.routeNamespace)}`);
    }
    const sorted = sortKeys(annotations);
    const current = gateway.certManagerAnnotations;
    if (current && JSON.stringify(current) !== JSON.stringify(sorted)) {
      validateGatewayShimCertificate(path, field, 'conflict', `${JSON.stringify(current)} vs ${JSON.stringify(sorted)}`);
    }
    gateway.setCertManagerAnnotations(sorted);
  }
}

function metadata(intent: IngressIntent, name: string) {
  const annotations = Object.keys(intent.annotations).length > 0 ? sortKeys(intent.annotations) : undefined;
  return { name, labels: intent.labels, annotations };
}

/** The backendRef of the route: the Service, or the escape hatch's Envoy Gateway Backend. */
function backendRef(scope: Construct, intent: IngressIntent, namespace: string, field: FieldPath) {
  const port = backendRefPort(scope, namespace, intent.backend, field.child('port'));
  const unverified = intent.backendProtocol === BackendProtocol.HTTPS && intent.tls?.mode !== TlsMode.PASSTHROUGH && !intent.tls?.backendVerification;
  if (!unverified) return { name: intent.backend.serviceName, port };
  // render() refused this unless the escape hatch is opted into
  return envoyGatewayInsecureBackend(scope, namespace, intent.name, intent.backend, port);
}

function renderPassthrough(scope: Construct, intent: IngressIntent, parents: Parents, namespace: string): ApiObject {
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

function renderHttp(scope: Construct, intent: IngressIntent, parents: Parents, namespace: string, settings: GatewayApiSettings): ApiObject {
  const path = scope.node.path;
  const tls = intent.tls;
  const match = { path: { type: PATH_TYPES[intent.pathType], value: intent.path } };
  const parent = parents.parentFor(tls ? ListenerProtocol.HTTPS : ListenerProtocol.HTTP, tls ? 'TLS termination' : 'plain HTTP');
  if (tls) parents.addCertManagerAnnotations(tls.certificate?.ingressAnnotations ?? {}, FieldPath.prop('certificate'));
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
  if (tls && settings.existingGateway && intent.servedSecretName !== undefined) {
    Warnings.of(scope).add(`the existing Gateway ${JSON.stringify(settings.existingGateway.name)} must serve ${JSON.stringify(intent.host)} ` +
      `with Secret ${JSON.stringify(intent.servedSecretName)} (namespace ${JSON.stringify(namespace)}) on listener ` +
      `${JSON.stringify(settings.existingGateway.httpsListenerName)}: this app does not change that Gateway`);
  }
  return route;
}

function render(scope: Construct, intent: IngressIntent): RenderedIngress {
  const path = scope.node.path;
  const settings = validateGatewayApiTargetSet(path, FieldPath.prop('routing'), gatewayApiSettingsFor(scope));
  validateGatewayPathType(path, RULE0.child('matches').index(0).child('path').child('type'), intent.pathType);
  validateNoControllerAnnotations(path, FieldPath.metadata('annotations'), intent.annotations, NGINX_ANNOTATION_PREFIX);
  const mode = intent.tls?.mode;
  if (intent.backendProtocol === BackendProtocol.HTTPS && mode !== TlsMode.PASSTHROUGH && !intent.tls?.backendVerification) {
    validateVerifiedBackendTls(path, FieldPath.prop(mode ? 'backendCaSecretName' : 'backendProtocol'), intent.backend.serviceName,
      settings.unverifiedBackendTls === UnverifiedBackendTls.ENVOY_GATEWAY_INSECURE_BACKEND);
  }
  const namespace = normalize(intent.namespace);
  const parents = new Parents(scope, settings, intent, namespace);
  const apiObject = mode === TlsMode.PASSTHROUGH
    ? renderPassthrough(scope, intent, parents, namespace)
    : renderHttp(scope, intent, parents, namespace, settings);
  return { apiObject, annotations: sortKeys(intent.annotations) };
}

/** Gateway API: routes on a Gateway of the GatewayClass set with `Routing`. */
export const GATEWAY_API_RENDERER: IngressRenderer = {
  name: 'gateway-api',
  // IngressBase's class check needs a name; Gateway API uses GatewayApiOptions.gatewayClassName instead
  defaultClassName: 'gateway-api',
  ruleFamilies: GATEWAY_API_RULE_FAMILIES,
  managedAnnotations: () => [],
  render,
};
