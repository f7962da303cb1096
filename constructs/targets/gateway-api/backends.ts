/**
 * The backend side of the Gateway API rendering: the Service port as Gateway API needs it (a
 * route's backendRef by number, a BackendTLSPolicy's `sectionName` by the port's name), the one
 * BackendTLSPolicy per verified Service, and the implementation-specific insecure backend.
 *
 * An IngressBackend gives the port by number or by name. Where the other half is needed, it is
 * read from the Service of this app at synth (the Service may be declared after the exposure).
 */
import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { BackendTlsPolicy } from '../../../imports/gateway.networking.k8s.io';
import { ProblemList, requireNoProblems } from '../../core/errors';
import { problemText } from '../../core/problem';
import { normalizeNamespace } from '../../core/naming';
import { FieldPath } from '../../core/field-path';
import { Warnings } from '../../core/warnings';
import { backendRefPortProblems, backendServerNameProblems, backendTlsPolicyAgreesProblems, backendTlsValidationProblems } from './rules';
import { dns1123SubdomainProblems } from '../../validation/names';
import { BackendVerification, IngressBackend } from '../../exposure/exposure';

/** A route's backendRef to something other than a Service. */
export interface BackendRef {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
}

interface ServicePort {
  readonly port: number;
  readonly name?: string;
}

/** The ports of Service `name` in `namespace` among the app's objects, or undefined if the app has no such Service. */
function servicePorts(scope: IConstruct, namespace: string, name: string): ServicePort[] | undefined {
  for (const c of scope.node.root.node.findAll()) {
    if (!ApiObject.isApiObject(c) || c.kind !== 'Service' || c.name !== name) continue;
    if (normalizeNamespace(c.metadata.namespace) !== namespace) continue;
    return (c.toJson().spec?.ports ?? []).map((p: any) => ({ port: p.port, name: p.name }));
  }
  return undefined;
}

/** The backend's port number: given, or the number of the named port of the app's Service (undefined: unknown). */
function portNumber(scope: IConstruct, namespace: string, backend: IngressBackend): number | undefined {
  if (backend.port !== undefined) return backend.port;
  return servicePorts(scope, namespace, backend.serviceName)?.find(p => p.name === backend.portName)?.port;
}

/**
 * The backendRef port: a number now, or one read from the app's Service at synth (a synth-time
 * error, CEL "Must have port for Service reference", when there is none).
 */
export function backendRefPort(scope: Construct, namespace: string, backend: IngressBackend, field: FieldPath): number {
  if (backend.port !== undefined) return backend.port;
  const why = `the port is named ${JSON.stringify(backend.portName)} and no Service of this app in namespace ${JSON.stringify(namespace)} names it`;
  scope.node.addValidation({
    validate: () => backendRefPortProblems(field, backend.serviceName, portNumber(scope, namespace, backend), why)
      .map(p => `[${scope.node.path}] ${problemText(p)}`),
  });
  return Lazy.any({ produce: () => portNumber(scope, namespace, backend) }) as unknown as number;
}

/**
 * The BackendTLSPolicy `sectionName`, at synth: the port's name, given or read from the app's
 * Service; undefined (the policy covers the whole Service) when the port has no name.
 */
function sectionName(scope: IConstruct, namespace: string, backend: IngressBackend): string | undefined {
  if (backend.portName !== undefined) return backend.portName;
  return servicePorts(scope, namespace, backend.serviceName)?.find(p => p.port === backend.port)?.name;
}

/** Warns at synth when the Service is not in the app: its port names, hence the policy's sectionName, are unknown. */
function warnIfServiceUnknown(scope: Construct, namespace: string, backend: IngressBackend): void {
  if (backend.portName !== undefined) return;
  scope.node.addValidation({
    validate: () => {
      if (servicePorts(scope, namespace, backend.serviceName) === undefined) {
        Warnings.of(scope).add(`BackendTLSPolicy for Service ${JSON.stringify(backend.serviceName)} has no sectionName (the Service is not in ` +
          'this app, so its port name is unknown): it applies to every port of the Service; give the backend by portName to target one port');
      }
      return [];
    },
  });
}

/** The ConfigMap a BackendTLSPolicy reads the CA from: the same name as the CA Secret ingress-nginx reads (`ca.crt`). */
export function caConfigMapName(verification: BackendVerification): string {
  return verification.caSecretName;
}

/**
 * The BackendTLSPolicy verifying `backend` (one per Service in a chart, shared by its exposures):
 * `targetRefs` the Service and port, `validation.caCertificateRefs` the CA's ConfigMap and
 * `validation.hostname` the name the certificate must carry (also sent as SNI).
 */
export function verifyBackend(scope: Construct, namespace: string, backend: IngressBackend, verification: BackendVerification): ApiObject {
  const chart = Chart.of(scope);
  const id = `BackendTlsPolicy-${namespace}-${backend.serviceName}`;
  const validation = FieldPath.spec('validation');
  const caRefs = [{ group: '', kind: 'ConfigMap', name: caConfigMapName(verification) }];
  const wanted = `ConfigMap ${JSON.stringify(caRefs[0].name)} and hostname ${JSON.stringify(verification.serverName)}`;
  const existing = chart.node.tryFindChild(id) as VerifiedService | undefined;
  const name = `${backend.serviceName}-backend-tls`;
  const problems = new ProblemList().add(backendTlsValidationProblems(validation, caRefs.length, undefined))
    .add(backendServerNameProblems(validation.child('hostname'), verification.serverName));
  if (existing) problems.add(backendTlsPolicyAgreesProblems(validation, backend.serviceName, wanted, existing.describe));
  else problems.add(dns1123SubdomainProblems(FieldPath.metadata('name'), name));
  problems.throwIfAny(scope);
  warnIfServiceUnknown(scope, namespace, backend);
  if (existing) {
    existing.addPort(() => sectionName(scope, namespace, backend));
    return existing.apiObject;
  }
  return new VerifiedService(chart, id, { name, namespace, backend, caRefs, hostname: verification.serverName, describe: wanted,
    sectionName: () => sectionName(scope, namespace, backend) }).apiObject;
}

class VerifiedService extends Construct {
  public readonly apiObject: ApiObject;
  public readonly describe: string;
  private readonly sections: Array<() => string | undefined> = [];

  constructor(scope: Construct, id: string, p: {
    name: string; namespace: string; backend: IngressBackend; caRefs: Array<{ group: string; kind: string; name: string }>;
    hostname: string; describe: string; sectionName: () => string | undefined;
  }) {
    super(scope, id);
    this.describe = p.describe;
    this.sections.push(p.sectionName);
    const sections = this.sections;
    this.apiObject = new BackendTlsPolicy(this, 'Resource', {
      metadata: { name: p.name, namespace: p.namespace },
      spec: {
        // a port without a name (undefined) covers the whole Service, so it absorbs the named ones
        targetRefs: Lazy.any({
          produce: () => {
            const names = new Set(sections.map(section => section()));
            return (names.has(undefined) ? [undefined] : [...names].sort())
              .map(s => ({ group: '', kind: 'Service', name: p.backend.serviceName, sectionName: s }));
          },
        }) as any,
        validation: { caCertificateRefs: p.caRefs, hostname: p.hostname },
      },
    });
  }

  public addPort(section: () => string | undefined): void {
    this.sections.push(section);
  }
}

/**
 * The Envoy Gateway escape hatch: a `gateway.envoyproxy.io/v1alpha1` Backend that reaches the
 * Service by its cluster DNS name over TLS without verifying it. The route's backendRef points at it.
 */
export function envoyGatewayInsecureBackend(scope: Construct, namespace: string, name: string, backend: IngressBackend, port: number): BackendRef {
  const backendName = requireNoProblems(scope, dns1123SubdomainProblems(FieldPath.metadata('name'), `${name}-insecure-backend`), `${name}-insecure-backend`);
  new ApiObject(scope, 'InsecureBackend', {
    apiVersion: 'gateway.envoyproxy.io/v1alpha1',
    kind: 'Backend',
    metadata: { name: backendName, namespace },
    spec: {
      endpoints: [{ fqdn: { hostname: `${backend.serviceName}.${namespace}.svc.cluster.local`, port } }],
      tls: { insecureSkipVerify: true },
    },
  });
  Warnings.of(scope).add(`the HTTPS backend ${JSON.stringify(backend.serviceName)} is reached WITHOUT verifying its certificate through an ` +
    `Envoy Gateway Backend ${JSON.stringify(backendName)} (tls.insecureSkipVerify; implementation-specific, needs Envoy Gateway's ` +
    'Backend API enabled): give backendCaSecretName and backendServerName to verify it with a BackendTLSPolicy instead');
  return { group: 'gateway.envoyproxy.io', kind: 'Backend', name: backendName };
}
