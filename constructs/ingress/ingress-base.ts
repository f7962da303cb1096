/**
 * What HttpIngress and TlsIngress share: one host, one path, one backend Service, an
 * IngressClass, and the ingress-nginx annotations they manage.
 */
import { ApiObject, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { CrossObjectChecks } from '../app-checks/cross-object-checks';
import { PathType } from '../core/enums';
import { sortKeys } from '../core/records';
import { pathOf } from '../core/naming';
import { reject } from '../core/errors';
import { validateDns1035Label, validateDns1123Subdomain, validateIngressHost } from '../validation/names';
import { validateIngressPath } from '../validation/ingress-paths';
import { validateLabels } from '../validation/labels';
import { validateOneOf } from '../validation/values';
import { validatePortName, validatePortNumber } from '../validation/ports';
import { NameKind, resolveName } from '../core/naming';

/** The prefix of every ingress-nginx annotation. */
export const NGINX_ANNOTATION_PREFIX = 'nginx.ingress.kubernetes.io/';

/** The deprecated class annotation; the API server rejects it together with `spec.ingressClassName`. */
export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** The Service an Ingress sends traffic to. Give `port` or `portName`, not both. */
export interface IngressBackend {
  /** Name of the Service (in the Ingress's namespace). */
  readonly serviceName: string;
  /**
   * The Service port number.
   * @default - use `portName`
   */
  readonly port?: number;
  /**
   * The Service port name (IANA_SVC_NAME, at most 15 characters).
   * @default - use `port`
   */
  readonly portName?: string;
}

/** The protocol ingress-nginx speaks to the backend pods. */
export enum BackendProtocol {
  /** Plain HTTP (ingress-nginx's default). */
  HTTP = 'HTTP',
  /** HTTPS: ingress-nginx opens a TLS connection to the pods. */
  HTTPS = 'HTTPS',
}

/** Props shared by HttpIngress and TlsIngress. */
export interface IngressOptions {
  /** The host this Ingress serves, e.g. `svc1.example.com` (no IP; `*.` wildcard only where the mode allows). */
  readonly host: string;
  /** The backend Service. */
  readonly backend: IngressBackend;
  /**
   * The path.
   * @default '/'
   */
  readonly path?: string;
  /**
   * How `path` matches.
   * @default PathType.PREFIX
   */
  readonly pathType?: PathType;
  /**
   * `spec.ingressClassName`; the deprecated `kubernetes.io/ingress.class` annotation is never set.
   * @default 'nginx'
   */
  readonly ingressClassName?: string;
  /**
   * `metadata.name`.
   * @default - derived from the construct id (`Svc1Ingress` -> `svc1-ingress`)
   */
  readonly name?: string;
  /**
   * Labels of the Ingress object.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Extra annotations (e.g. other `nginx.ingress.kubernetes.io/...` settings). Annotations the
   * construct manages for its mode cannot be set here.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/** The mode-specific part a subclass hands to {@link IngressBase}. */
export interface IngressModeSpec {
  /** ingress-nginx annotations the mode needs (keys without the prefix). */
  readonly nginxAnnotations: { [key: string]: string };
  /** Annotation keys (without the prefix) the mode manages, set or not. */
  readonly managedAnnotations: string[];
  /** TLS secret for `spec.tls`, if the controller terminates TLS. */
  readonly tlsSecretName?: string;
  /** Whether a `*.` wildcard host is allowed. */
  readonly allowWildcardHost: boolean;
  /** The namespace to pin in `metadata.namespace`, if the mode needs one. */
  readonly namespace?: string;
  /**
   * Secrets the Ingress refers to that exist outside the app (e.g. a `tlsSecretName` made with
   * `kubectl create secret tls`), declared for the app-wide secret check.
   * @default - none
   */
  readonly externalSecretNames?: string[];
}

/** Base of HttpIngress and TlsIngress: validates the shared options and builds the object. */
export abstract class IngressBase extends Construct {
  /** `metadata.name`. */
  public readonly name: string;
  /** The host served. */
  public readonly host: string;
  /** The path served. */
  public readonly path: string;
  /** How the path matches. */
  public readonly pathType: PathType;
  /** The backend Service. */
  public readonly backend: IngressBackend;
  /** `spec.ingressClassName`. */
  public readonly ingressClassName: string;
  /** The TLS secret the controller serves, if it terminates TLS. */
  public readonly tlsSecretName?: string;
  /** All annotations of the Ingress. */
  public readonly annotations: { [key: string]: string };
  /** The synthesised Ingress. */
  public readonly apiObject: ApiObject;

  protected constructor(scope: Construct, id: string, props: IngressOptions, mode: IngressModeSpec) {
    const path = pathOf(scope, id);
    const name = resolveName(scope, id, props.name, NameKind.DNS1123_SUBDOMAIN);
    validateIngressHost(path, 'spec.rules[0].host', props.host, mode.allowWildcardHost);
    const pathType = validateOneOf(path, 'spec.rules[0].http.paths[0].pathType', props.pathType ?? PathType.PREFIX,
      Object.values(PathType));
    const httpPath = validateIngressPath(path, 'spec.rules[0].http.paths[0].path', props.path ?? '/', pathType);
    const ingressClassName = validateDns1123Subdomain(path, 'spec.ingressClassName', props.ingressClassName ?? 'nginx');
    validateBackend(path, props.backend);
    if (props.labels) validateLabels(path, 'metadata.labels', props.labels);
    if (mode.tlsSecretName !== undefined) validateDns1123Subdomain(path, 'spec.tls[0].secretName', mode.tlsSecretName);

    const managed = new Set(mode.managedAnnotations.map(a => NGINX_ANNOTATION_PREFIX + a));
    const annotations: { [key: string]: string } = {};
    for (const [key, value] of Object.entries(props.annotations ?? {})) {
      if (key === INGRESS_CLASS_ANNOTATION) {
        reject(path, `metadata.annotations[${JSON.stringify(key)}]`,
          'is deprecated and rejected together with spec.ingressClassName; allowed: set props.ingressClassName instead');
      }
      if (managed.has(key)) {
        reject(path, `metadata.annotations[${JSON.stringify(key)}]`,
          `is managed by ${new.target.name} for this mode; allowed: other annotations (remove ${JSON.stringify(key)})`);
      }
      annotations[key] = value;
    }
    for (const [key, value] of Object.entries(mode.nginxAnnotations)) annotations[NGINX_ANNOTATION_PREFIX + key] = value;
    super(scope, id);
    CrossObjectChecks.of(this);
    for (const secret of mode.externalSecretNames ?? []) {
      CrossObjectChecks.declareExternalSecret(this, secret, mode.namespace ?? Chart.of(this).namespace);
    }

    this.name = name;
    this.host = props.host;
    this.path = httpPath;
    this.pathType = pathType;
    this.backend = { ...props.backend };
    this.ingressClassName = ingressClassName;
    this.tlsSecretName = mode.tlsSecretName;
    this.annotations = sortKeys(annotations);
    const hasAnnotations = Object.keys(this.annotations).length > 0;
    this.apiObject = new k8s.KubeIngress(this, 'Resource', {
      metadata: {
        name,
        namespace: mode.namespace,
        labels: props.labels,
        annotations: hasAnnotations ? { ...this.annotations } : undefined,
      },
      spec: {
        ingressClassName,
        tls: mode.tlsSecretName !== undefined ? [{ hosts: [props.host], secretName: mode.tlsSecretName }] : undefined,
        rules: [{
          host: props.host,
          http: {
            paths: [{
              path: httpPath,
              pathType,
              backend: {
                service: {
                  name: props.backend.serviceName,
                  port: props.backend.port !== undefined ? { number: props.backend.port } : { name: props.backend.portName },
                },
              },
            }],
          },
        }],
      },
    });
  }
}

function validateBackend(path: string, backend: IngressBackend): void {
  const field = 'spec.rules[0].http.paths[0].backend.service';
  validateDns1035Label(path, `${field}.name`, backend.serviceName);
  if ((backend.port === undefined) === (backend.portName === undefined)) {
    reject(path, `${field}.port`, `has ${backend.port === undefined ? 'neither' : 'both'} port and portName; allowed: exactly one of them`);
  }
  if (backend.port !== undefined) validatePortNumber(path, `${field}.port.number`, backend.port);
  if (backend.portName !== undefined) validatePortName(path, `${field}.port.name`, backend.portName);
}
