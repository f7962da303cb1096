/**
 * What HttpIngress and TlsIngress share: one host, one path, one backend Service. The base
 * validates the shared options (the neutral rules every target needs), asks the subclass for its
 * TLS handling, binds the certificate, builds the {@link Exposure} and hands it to the target
 * chosen for the scope (`Routing`; ingress-nginx by default). It knows no target by name.
 */
import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { CrossObjectChecks } from '../app-checks/cross-object-checks';
import { PathType } from '../core/enums';
import { ProblemList } from '../core/errors';
import { FieldPath } from '../core/field-path';
import { allowsWildcardHost, BackendProtocol, Exposure, INGRESS_CLASS_NAME_OPTION, IngressBackend } from '../exposure/exposure';
import { Routing } from '../routing/routing';
import { annotationsProblems, namespaceNameProblems } from '../validation/metadata-rules';
import { ingressHostProblems } from '../validation/names';
import { ingressPathProblems } from '../validation/ingress-paths';
import { labelsProblems } from '../validation/labels';
import { NameKind, objectNameFor, objectNameProblems } from '../validation/object-names';
import { oneOfProblems } from '../validation/values';
import { ingressBackendProblems, INGRESS_FIELDS } from './exposure-rules';
import { IngressModeChoice } from './mode-choice';

export { BackendProtocol, IngressBackend } from '../exposure/exposure';

/**
 * Props shared by HttpIngress and TlsIngress.
 * @stable
 */
export interface IngressOptions {
  /** The host this Ingress serves, e.g. `svc1.example.com` (no IP; `*.` wildcard only where the mode allows). */
  readonly host: string;
  /** The backend Service (`ServiceBackend.fromService(service)` refers to a Service object). */
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
   * `spec.ingressClassName` when rendered for ingress-nginx (other targets ignore it); the
   * deprecated `kubernetes.io/ingress.class` annotation is never set.
   * @default - the target's (`RoutingTarget.ingressNginx({ ingressClassName })`, 'nginx')
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
   * target manages for the mode cannot be set here.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/**
 * The mode-specific part of an Ingress in ingress-nginx terms.
 * @deprecated IngressBase no longer takes it: HttpIngress and TlsIngress describe their mode
 * as an `Exposure` and the target renders it. Kept so that code naming the type still compiles.
 */
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

/** The neutral rules of the shared options (what any target needs), in field order. */
function optionProblems(scope: Construct, props: IngressOptions, mode: IngressModeChoice, pathType: PathType): ProblemList {
  const problems = new ProblemList()
    .add(mode.problems)
    .add(ingressHostProblems(INGRESS_FIELDS.host, props.host, allowsWildcardHost(mode.tls)))
    .add(oneOfProblems(INGRESS_FIELDS.pathType, pathType, Object.values(PathType)))
    .add(ingressPathProblems(INGRESS_FIELDS.path, props.path ?? '/', pathType))
    .add(ingressBackendProblems(props.backend));
  if (props.labels) problems.add(labelsProblems(INGRESS_FIELDS.labels, props.labels));
  if (props.annotations) problems.add(annotationsProblems(FieldPath.metadata('annotations'), props.annotations));
  const chartNamespace = Chart.of(scope).namespace;
  if (chartNamespace !== undefined) problems.add(namespaceNameProblems(FieldPath.metadata('namespace'), chartNamespace));
  return problems;
}

/**
 * Base of HttpIngress and TlsIngress: validates the shared options and renders the exposure with the scope's target.
 * @stable
 */
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
  /** The TLS secret the controller serves, if it terminates TLS. */
  public readonly tlsSecretName?: string;
  /** The main object the target rendered (the Ingress for ingress-nginx, the route for Gateway API). */
  public readonly apiObject: ApiObject;
  /**
   * The exposure this construct rendered.
   * @internal
   */
  protected readonly _exposure: Exposure;
  /**
   * The mode the subclass chose.
   * @internal
   */
  protected readonly _mode: IngressModeChoice;
  private readonly requestedClassName?: string;

  protected constructor(scope: Construct, id: string, props: IngressOptions) {
    super(scope, id);
    CrossObjectChecks.of(this);
    const mode = this._modeChoice(props);
    const pathType = props.pathType ?? PathType.PREFIX;
    const name = objectNameFor(id, props.name);
    optionProblems(this, props, mode, pathType).add(objectNameProblems(id, props.name, NameKind.DNS1123_SUBDOMAIN)).throwIfAny(this);

    // the certificate's own checks (e.g. PEM files covering the host) need valid props: they come after them
    const certificate = mode.tls?.certificate;
    const certificateField = FieldPath.prop('certificate');
    const namespace = Chart.of(this).namespace;
    const use = { host: props.host, consumerName: name, namespace };
    new ProblemList().add(certificate?._prepareProblems(this, certificateField, use) ?? []).throwIfAny(this);
    const secretName = certificate?._servedSecretName(use);
    this._mode = mode;
    this._exposure = {
      name, namespace, host: props.host, path: props.path ?? '/', pathType, backend: { ...props.backend }, backendProtocol: mode.backendProtocol,
      tls: mode.tls && {
        mode: mode.tls.mode, secretName, backendVerification: mode.tls.backendVerification,
        issuerAnnotations: certificate && Object.keys(certificate.ingressAnnotations).length > 0 ? certificate.ingressAnnotations : undefined,
      },
      labels: props.labels, annotations: props.annotations,
      targetOptions: props.ingressClassName !== undefined ? { [INGRESS_CLASS_NAME_OPTION]: props.ingressClassName } : undefined,
    };
    Routing.targetFor(this).render(this, this._exposure);
    certificate?._bind(this, certificateField, use);
    mode.tls?.backendCa?._bind(this, namespace);
    // a Secret named by fromSecretName/tlsSecretName exists outside the app; fromFiles and cert-manager define theirs
    if (certificate && !certificate.definedInApp && secretName !== undefined) {
      CrossObjectChecks.declareExternalSecret(this, secretName, namespace);
    }

    this.name = name;
    this.host = props.host;
    this.path = this._exposure.path;
    this.pathType = pathType;
    this.backend = this._exposure.backend;
    this.tlsSecretName = secretName;
    this.apiObject = this.node.defaultChild as ApiObject;
    this.requestedClassName = props.ingressClassName;
  }

  /** `spec.ingressClassName` of the rendered Ingress ('' when the target renders no Ingress). */
  public get ingressClassName(): string {
    return this.apiObject.toJson().spec?.ingressClassName ?? this.requestedClassName ?? '';
  }

  /** All annotations of the main object. */
  public get annotations(): { [key: string]: string } {
    return { ...this.apiObject.metadata.toJson().annotations };
  }

  /**
   * The subclass's mode, with the problems of its own props (called once, from the constructor,
   * after `super()`). The default is plain HTTP to an HTTP backend.
   * @internal
   */
  protected _modeChoice(_props: IngressOptions): IngressModeChoice {
    return { backendProtocol: BackendProtocol.HTTP, problems: [] };
  }
}
