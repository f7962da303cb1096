/**
 * What HttpIngress and TlsIngress share: one host, one path, one backend Service and a class
 * of controller. The base validates the shared options once, asks the subclass for its mode,
 * and hands the resulting {@link IngressIntent} to the renderer chosen for the scope
 * (`renderer.ts`; ingress-nginx by default).
 */
import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { CrossObjectChecks } from '../app-checks/cross-object-checks';
import { PathType } from '../core/enums';
import { FieldPath } from '../core/field-path';
import { NameKind, resolveName } from '../validation/object-names';
import { validateDns1123Subdomain, validateIngressHost } from '../validation/names';
import { validateIngressPath, validateNginxSafePath, validateStrictPathType } from '../validation/ingress-paths';
import { validateIngressNginxAnnotationValue } from '../validation/ingress-annotation-rules';
import { validateAnnotations, validateNamespaceName } from '../validation/metadata-rules';
import { INGRESS_FIELDS, validateIngressAnnotations, validateIngressBackend } from '../validation/ingress-rules';
import { validateLabels } from '../validation/labels';
import { validateOneOf } from '../validation/values';
import { allowsWildcardHost, BackendProtocol, IngressBackend, IngressIntent, IngressModeIntent } from './model/ingress-intent';
import { ingressRendererFor } from './model/renderer';
import './renderers';
import { INGRESS_NGINX_RENDERER } from './renderers/ingress-nginx';

export { BackendProtocol, IngressBackend } from './model/ingress-intent';
export { NGINX_ANNOTATION_PREFIX } from './renderers/ingress-nginx-annotations';
export { INGRESS_CLASS_ANNOTATION } from '../validation/ingress-rules';

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

/**
 * The mode-specific part of an Ingress in ingress-nginx terms.
 * @deprecated IngressBase no longer takes it: HttpIngress and TlsIngress describe their mode
 * controller-neutrally and the ingress-nginx renderer produces the annotations. Kept so that
 * code naming the type still compiles.
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

/** Base of HttpIngress and TlsIngress: validates the shared options and renders the intent. */
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
  /**
   * The validated intent this construct rendered.
   * @internal
   */
  protected readonly _intent: IngressIntent;

  protected constructor(scope: Construct, id: string, props: IngressOptions) {
    super(scope, id);
    CrossObjectChecks.of(this);
    const path = this.node.path;
    const renderer = ingressRendererFor(this);
    const mode = this._modeIntent(props);

    const name = resolveName(scope, id, props.name, NameKind.DNS1123_SUBDOMAIN);
    validateIngressHost(path, INGRESS_FIELDS.host.toString(), props.host, allowsWildcardHost(mode));
    const pathType = validateOneOf(path, INGRESS_FIELDS.pathType.toString(), props.pathType ?? PathType.PREFIX, Object.values(PathType));
    const httpPath = validateIngressPath(path, INGRESS_FIELDS.path.toString(), props.path ?? '/', pathType);
    // what ingress-nginx refuses or cannot render (other renderers have their own rules)
    const nginx = renderer.name === INGRESS_NGINX_RENDERER.name;
    if (nginx) {
      validateStrictPathType(path, INGRESS_FIELDS.path, httpPath, pathType);
      validateNginxSafePath(path, INGRESS_FIELDS.path, httpPath);
    }
    const className = validateDns1123Subdomain(path, INGRESS_FIELDS.ingressClassName.toString(), props.ingressClassName ?? renderer.defaultClassName);
    validateIngressBackend(path, props.backend);
    if (props.labels) validateLabels(path, INGRESS_FIELDS.labels.toString(), props.labels);
    const annotations = validateIngressAnnotations(path, props.annotations ?? {}, renderer.managedAnnotations(mode), this.constructor.name);
    validateAnnotations(path, FieldPath.metadata('annotations'), annotations);
    for (const [key, value] of Object.entries(nginx ? annotations : {})) {
      validateIngressNginxAnnotationValue(path, INGRESS_FIELDS.annotation(key), key, value);
    }
    const chartNamespace = Chart.of(this).namespace;
    if (chartNamespace !== undefined) validateNamespaceName(path, FieldPath.metadata('namespace'), chartNamespace);

    // the certificate's own checks (e.g. PEM files covering the host) come after the props' field checks
    const certificate = mode.tls?.certificate;
    const certificateField = FieldPath.prop('certificate').toString();
    const servedSecretName = certificate?._prepare(path, certificateField, { host: props.host, consumerName: name });
    const namespace = chartNamespace;
    this._intent = {
      ...mode, owner: this.constructor.name, name, namespace, host: props.host, path: httpPath, pathType,
      backend: { ...props.backend }, className, labels: props.labels, annotations, servedSecretName,
    };

    const rendered = renderer.render(this, this._intent);
    certificate?._bind(this, certificateField, { host: props.host, consumerName: name, namespace: rendered.namespace });
    // a Secret named by fromSecretName/tlsSecretName exists outside the app; fromFiles and cert-manager define theirs
    if (certificate && !certificate.definedInApp && servedSecretName !== undefined) {
      CrossObjectChecks.declareExternalSecret(this, servedSecretName, rendered.namespace ?? namespace);
    }

    this.name = name;
    this.host = props.host;
    this.path = httpPath;
    this.pathType = pathType;
    this.backend = this._intent.backend;
    this.ingressClassName = className;
    this.tlsSecretName = servedSecretName;
    this.annotations = rendered.annotations;
    this.apiObject = rendered.apiObject;
  }

  /**
   * The subclass's mode, validated (called once, from the constructor, after `super()`).
   * The default is plain HTTP to an HTTP backend.
   * @internal
   */
  protected _modeIntent(_props: IngressOptions): IngressModeIntent {
    return { backendProtocol: BackendProtocol.HTTP };
  }
}
