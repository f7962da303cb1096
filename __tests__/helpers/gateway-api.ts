/**
 * Gateway API test helpers: an app whose exposures render for Gateway API, and strict validation
 * of the synthesised objects against the v1.6.1 CRDs (schemas/crds) and the Kubernetes 1.36
 * schema, with the validation plugin's validator (strict: unknown fields are errors).
 */
import { App, Chart, Testing } from 'cdk8s';
import { GatewayApiOptions, Routing, RoutingTarget } from '../../constructs';
import { formatViolations, getSchemaValidator } from '../../validation-plugin/src/schema-validator';
import { testValidatorCache } from './test-cache';

/** The options most tests use: Envoy Gateway's quickstart class, Kubernetes 1.36. */
export const GATEWAY_OPTIONS: GatewayApiOptions = { gatewayClassName: 'eg', kubernetesVersion: '1.36' };

/** An app rendering for Gateway API and a chart in it (namespace optional). */
export function gatewayApp(options: Partial<GatewayApiOptions> = {}, namespace?: string): { app: App; chart: Chart } {
  const app = Testing.app();
  Routing.of(app).use(RoutingTarget.gatewayApi({ ...GATEWAY_OPTIONS, ...options }));
  return { app, chart: new Chart(app, 'apps', { namespace, disableResourceNameHashes: true }) };
}

/** Every object of the app (all charts, the Gateway's included), after the app's synth-time validations. */
export function synthAll(app: App): any[] {
  const errors = app.node.validate();
  if (errors.length > 0) throw new Error(errors.join('\n'));
  return app.charts.flatMap(c => c.toJson());
}

/** Kinds validated here; the implementation-specific escape hatch's Envoy Gateway Backend has no CRD in schemas/. */
const CRD_KINDS = ['Gateway', 'HTTPRoute', 'TLSRoute', 'BackendTLSPolicy', 'ReferenceGrant'];

/** Throws with every violation unless each Gateway API object is valid for the CRDs and Kubernetes 1.36. */
export function expectValidGatewayApiObjects(objects: any[]): void {
  const validator = getSchemaValidator({ kubernetesVersions: ['v1.36.0'], cacheDir: testValidatorCache() });
  const gatewayObjects = objects.filter(o => CRD_KINDS.includes(o.kind) && String(o.apiVersion).startsWith('gateway.networking.k8s.io/'));
  expect(gatewayObjects.length).toBeGreaterThan(0);
  const violations = validator.validate(gatewayObjects);
  if (violations.length > 0) throw new Error(formatViolations(violations));
}

/** The objects of `kind`. */
export function ofKind(objects: any[], kind: string): any[] {
  return objects.filter(o => o.kind === kind);
}
