/**
 * Props to a resolved configuration: defaults filled in, every value checked by the rules in
 * constructs/validation, the flags and host listeners derived. The renderers read only this.
 */
import { DnsPolicy, ImagePullPolicy } from '../core/enums';
import { FieldPath } from '../core/field-path';
import { sortKeys } from '../core/records';
import { validateConfigMapKey } from '../validation/config-maps';
import { validateImageDigest, validateImageRegistry, validateImageRepository, validateImageTag } from '../validation/images';
import {
  validateCertgenImageNeedsCertgenJobs, validateDefaultBackendImageNeedsDefaultBackend, validateHostPortsWithoutHostNetwork,
  validateIssuerNeedsCertManager, validateReplicasNeedDeployment, validateReportNodeInternalIpNeedsHostNetwork,
  validateSnippetAnnotationsOff, validateStrictPathTypeOn, validateWebhookOptionNeedsWebhook,
} from './controller-rules';
import { validateLabels } from '../validation/labels';
import { validateDns1123Subdomain } from '../validation/names';
import { validateDnsPolicy } from '../validation/pod-rules';
import { validateToleration } from './toleration-rules';
import { validateIntegerRange, validateOneOf } from '../validation/values';
import { CertManagerIssuerKind, CertManagerIssuerRef, WebhookCertificateSource, WebhookFailurePolicy } from './admission-webhook';
import { controllerArgs, resolveExtraArgs, resolveHostListeners } from './flags';
import { IngressNginxImage } from './images';
import { OS_LINUX } from './names';
import { ControllerKind, ControllerServiceType, HostListener, IngressNginxControllerProps } from './props';
import { TaintEffect, Toleration, TolerationOperator } from './tolerations';

/** The controller's configuration after defaults and validation. */
export interface Resolved {
  readonly kind: ControllerKind;
  readonly replicas?: number;
  readonly hostNetwork: boolean;
  readonly useHostPorts: boolean;
  readonly dnsPolicy: DnsPolicy;
  readonly passthrough: boolean;
  /** Sorted by flag name; includes `enable-ssl-passthrough` when on. */
  readonly extraArgs: { [flag: string]: string };
  readonly reportNodeInternalIp: boolean;
  readonly serviceType: ControllerServiceType;
  readonly nodeSelector: { [key: string]: string };
  readonly tolerations: Toleration[];
  readonly controllerImage: IngressNginxImage;
  readonly pullPolicy: ImagePullPolicy;
  readonly defaultBackend: boolean;
  readonly defaultBackendImage: IngressNginxImage;
  readonly webhook: boolean;
  readonly certSource: WebhookCertificateSource;
  readonly issuer?: CertManagerIssuerRef;
  readonly failurePolicy: WebhookFailurePolicy;
  readonly certgenImage: IngressNginxImage;
  /** Sorted; without `allow-snippet-annotations`. */
  readonly config: { [key: string]: string };
  readonly defaultIngressClass: boolean;
  readonly args: string[];
  readonly hostListeners: HostListener[];
}

const POD_SPEC = FieldPath.spec('template', 'spec');

/** Fills in defaults and checks every prop; `path` is the controller's construct path. */
export function resolveProps(path: string, props: IngressNginxControllerProps): Resolved {
  const kind = validateOneOf(path, FieldPath.prop('kind').toString(), props.kind ?? ControllerKind.DEPLOYMENT, Object.values(ControllerKind));
  validateReplicasNeedDeployment(path, FieldPath.prop('replicas'), props.replicas, kind === ControllerKind.DEPLOYMENT);
  // unset -> omitted, as in upstream's manifest (Kubernetes defaults to 1)
  const replicas = props.replicas === undefined ? undefined
    : validateIntegerRange(path, FieldPath.spec('replicas').toString(), props.replicas, 0, 1000);
  const hostNetwork = props.hostNetwork ?? false;
  const useHostPorts = props.useHostPorts ?? false;
  validateHostPortsWithoutHostNetwork(path, FieldPath.prop('useHostPorts'), useHostPorts, hostNetwork);
  const dnsPolicy = validateDnsPolicy(path, POD_SPEC.child('dnsPolicy').toString(),
    props.dnsPolicy ?? (hostNetwork ? DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET : DnsPolicy.CLUSTER_FIRST));
  const reportNodeInternalIp = props.reportNodeInternalIp ?? false;
  validateReportNodeInternalIpNeedsHostNetwork(path, FieldPath.prop('reportNodeInternalIp'), reportNodeInternalIp, hostNetwork);
  const serviceType = validateOneOf(path, FieldPath.prop('serviceType').toString(),
    props.serviceType ?? (hostNetwork ? ControllerServiceType.NONE : ControllerServiceType.NODE_PORT),
    Object.values(ControllerServiceType));

  const nodeSelector = sortKeys({ ...OS_LINUX, ...validateLabels(path, POD_SPEC.child('nodeSelector').toString(), props.nodeSelector ?? {}) });
  const tolerations = (props.tolerations ?? []).map((t, i) => resolveToleration(path, POD_SPEC.child('tolerations').index(i), t));

  const pullPolicy = validateOneOf(path, FieldPath.prop('imagePullPolicy').toString(), props.imagePullPolicy ?? ImagePullPolicy.IF_NOT_PRESENT,
    Object.values(ImagePullPolicy));
  const controllerImage = validateImageParts(path, FieldPath.prop('controllerImage'), props.controllerImage ?? IngressNginxImage.CONTROLLER);

  const defaultBackend = props.defaultBackend ?? false;
  validateDefaultBackendImageNeedsDefaultBackend(path, FieldPath.prop('defaultBackendImage'), props.defaultBackendImage !== undefined, defaultBackend);
  const defaultBackendImage = validateImageParts(path, FieldPath.prop('defaultBackendImage'),
    props.defaultBackendImage ?? IngressNginxImage.DEFAULT_BACKEND);

  const webhook = props.admissionWebhook ?? true;
  for (const [field, value] of [['webhookCertificate', props.webhookCertificate], ['certManagerIssuer', props.certManagerIssuer],
    ['webhookFailurePolicy', props.webhookFailurePolicy], ['certgenImage', props.certgenImage]] as const) {
    validateWebhookOptionNeedsWebhook(path, FieldPath.prop(field), value !== undefined, webhook);
  }
  const certSource = validateOneOf(path, FieldPath.prop('webhookCertificate').toString(),
    props.webhookCertificate ?? WebhookCertificateSource.CERTGEN_JOBS, Object.values(WebhookCertificateSource));
  if (props.certManagerIssuer !== undefined) {
    const issuerField = FieldPath.prop('certManagerIssuer');
    validateIssuerNeedsCertManager(path, issuerField, true, certSource === WebhookCertificateSource.CERT_MANAGER);
    validateDns1123Subdomain(path, issuerField.child('name').toString(), props.certManagerIssuer.name);
    validateOneOf(path, issuerField.child('kind').toString(), props.certManagerIssuer.kind ?? CertManagerIssuerKind.ISSUER,
      Object.values(CertManagerIssuerKind));
  }
  validateCertgenImageNeedsCertgenJobs(path, FieldPath.prop('certgenImage'), props.certgenImage !== undefined,
    certSource === WebhookCertificateSource.CERTGEN_JOBS);
  const failurePolicy = validateOneOf(path, FieldPath.prop('webhookFailurePolicy').toString(),
    props.webhookFailurePolicy ?? WebhookFailurePolicy.FAIL, Object.values(WebhookFailurePolicy));
  const certgenImage = validateImageParts(path, FieldPath.prop('certgenImage'), props.certgenImage ?? IngressNginxImage.KUBE_WEBHOOK_CERTGEN);

  const config: { [key: string]: string } = {};
  for (const [key, value] of Object.entries(props.config ?? {})) {
    const field = FieldPath.root('data').key(key);
    validateConfigMapKey(path, field, key);
    validateSnippetAnnotationsOff(path, field, key);
    validateStrictPathTypeOn(path, field, key);
    config[key] = value;
  }

  const passthrough = props.enableSslPassthrough ?? false;
  const extraArgs = resolveExtraArgs(path, props.extraArgs ?? {}, passthrough);
  const hostListeners = resolveHostListeners(path, { hostNetwork, useHostPorts, webhook, passthrough, extraArgs });
  const args = controllerArgs({ defaultBackend, hostNetwork, reportNodeInternalIp, webhook, extraArgs });

  return {
    kind, replicas, hostNetwork, useHostPorts, dnsPolicy, passthrough, extraArgs, reportNodeInternalIp, serviceType,
    nodeSelector, tolerations, controllerImage, pullPolicy, defaultBackend, defaultBackendImage, webhook, certSource,
    issuer: props.certManagerIssuer, failurePolicy, certgenImage, config: sortKeys(config),
    defaultIngressClass: props.defaultIngressClass ?? false, args, hostListeners,
  };
}

function validateImageParts(path: string, field: FieldPath, image: IngressNginxImage): IngressNginxImage {
  validateImageRegistry(path, field.child('registry'), image.registry);
  validateImageRepository(path, field.child('image'), image.image);
  validateImageTag(path, field.child('tag'), image.tag);
  validateImageDigest(path, field.child('digest'), image.digest);
  return image;
}

function resolveToleration(path: string, field: FieldPath, t: Toleration): Toleration {
  const operator = validateOneOf(path, field.child('operator').toString(), t.operator ?? TolerationOperator.EQUAL,
    Object.values(TolerationOperator));
  if (t.effect !== undefined) validateOneOf(path, field.child('effect').toString(), t.effect, Object.values(TaintEffect));
  validateToleration(path, field, { ...t, operator });
  return { key: t.key, operator, value: t.value, effect: t.effect, tolerationSeconds: t.tolerationSeconds };
}
