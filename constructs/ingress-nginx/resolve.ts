/**
 * Props to a resolved configuration: defaults filled in, every value checked by the controller's
 * rules (controller-rules.ts, flags.ts, toleration-rules.ts) and the shared ones in
 * constructs/validation, the flags and host listeners derived. The renderers read only this.
 */
import { DnsPolicy, ImagePullPolicy } from '../core/enums';
import { ProblemList } from '../core/errors';
import { FieldPath } from '../core/field-path';
import { sortKeys } from '../core/records';
import { labelsProblems } from '../validation/labels';
import { portNumberProblems } from '../validation/ports';
import { oneOfProblems } from '../validation/values';
import { dnsPolicyProblems } from '../workloads/pod-rules';
import { CertgenJobLifecycle, CertManagerIssuerRef, WebhookCertificateSource, WebhookFailurePolicy } from './admission-webhook';
import {
  certgenImageProblems, certgenJobLifecycleProblems, certManagerIssuerProblems, configProblems, defaultBackendImageProblems,
  ingressNginxImageProblems, replicasProblems, reportNodeInternalIpProblems, useHostPortsProblems, webhookOptionProblems,
} from './controller-rules';
import { controllerArgs, distinctListenerPortProblems, EXTRA_ARGS, extraArgsProblems, resolveExtraArgs, resolveHostListeners } from './flags';
import { IngressNginxImage } from './images';
import { OS_LINUX, WEBHOOK_PORT } from './names';
import { IngressNginxRelease } from './release';
import { ControllerKind, ControllerServiceType, HostListener, IngressNginxControllerProps } from './props';
import { tolerationProblems } from './toleration-rules';
import { Toleration, withDefaultOperator } from './tolerations';

/** The controller's configuration after defaults and validation. */
export interface Resolved {
  readonly release: IngressNginxRelease;
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
  readonly certgenJobs: CertgenJobLifecycle;
  /** The webhook's listening port (8443 unless moved). */
  readonly webhookPort: number;
  /** Sorted; without `allow-snippet-annotations`. */
  readonly config: { [key: string]: string };
  readonly defaultIngressClass: boolean;
  readonly args: string[];
  readonly hostListeners: HostListener[];
}

const POD_SPEC = FieldPath.spec('template', 'spec');

/**
 * Fills in defaults and adds every problem of the props to `problems`, which the construct throws
 * (all at once) before anything reads the result.
 */
export function resolveProps(props: IngressNginxControllerProps, problems: ProblemList): Resolved {
  const release = props.release ?? IngressNginxRelease.V1_11_8;
  const workload = resolveWorkload(props, problems);
  const images = resolveImages(props, release, problems);
  const webhook = resolveWebhook(props, release, problems);
  const config = props.config ?? {};
  const passthrough = props.enableSslPassthrough ?? false;
  problems.add(configProblems(FieldPath.root('data'), config)).add(extraArgsProblems(EXTRA_ARGS, props.extraArgs ?? {}));
  const extraArgs = resolveExtraArgs(props.extraArgs ?? {}, passthrough);
  const hostListeners = resolveHostListeners({ ...workload, ...webhook, passthrough, extraArgs });
  problems.add(distinctListenerPortProblems(EXTRA_ARGS, hostListeners));
  const args = controllerArgs({ ...workload, ...webhook, defaultBackend: images.defaultBackend, metricsFlag: release._facts.metricsFlag, extraArgs });
  return {
    release, ...workload, ...images, ...webhook, passthrough, extraArgs, config: sortKeys({ ...config }),
    defaultIngressClass: props.defaultIngressClass ?? false, args, hostListeners,
  };
}

type WorkloadOptions = Pick<Resolved,
  'kind' | 'replicas' | 'hostNetwork' | 'useHostPorts' | 'dnsPolicy' | 'reportNodeInternalIp' | 'serviceType' | 'nodeSelector' | 'tolerations'>;

/** The workload's options: kind, replicas, host network and ports, DNS, the Service, where the pods run. */
function resolveWorkload(props: IngressNginxControllerProps, problems: ProblemList): WorkloadOptions {
  const kind = props.kind ?? ControllerKind.DEPLOYMENT;
  const hostNetwork = props.hostNetwork ?? false;
  const useHostPorts = props.useHostPorts ?? false;
  const dnsPolicy = props.dnsPolicy ?? (hostNetwork ? DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET : DnsPolicy.CLUSTER_FIRST);
  const reportNodeInternalIp = props.reportNodeInternalIp ?? false;
  const serviceType = props.serviceType ?? (hostNetwork ? ControllerServiceType.NONE : ControllerServiceType.NODE_PORT);
  const nodeSelector = props.nodeSelector ?? {};
  const tolerations = props.tolerations ?? [];
  problems
    .add(oneOfProblems(FieldPath.prop('kind'), kind, Object.values(ControllerKind)))
    .add(replicasProblems(props.replicas, kind))
    .add(useHostPortsProblems(FieldPath.prop('useHostPorts'), useHostPorts, hostNetwork))
    .add(dnsPolicyProblems(POD_SPEC.child('dnsPolicy'), dnsPolicy))
    .add(reportNodeInternalIpProblems(FieldPath.prop('reportNodeInternalIp'), reportNodeInternalIp, hostNetwork))
    .add(oneOfProblems(FieldPath.prop('serviceType'), serviceType, Object.values(ControllerServiceType)))
    .add(labelsProblems(POD_SPEC.child('nodeSelector'), nodeSelector));
  tolerations.forEach((t, i) => problems.add(tolerationProblems(POD_SPEC.child('tolerations').index(i), t)));
  return {
    // unset replicas -> omitted, as in upstream's manifest (Kubernetes defaults to 1)
    kind, replicas: props.replicas, hostNetwork, useHostPorts, dnsPolicy, reportNodeInternalIp, serviceType,
    nodeSelector: sortKeys({ ...OS_LINUX, ...nodeSelector }), tolerations: tolerations.map(withDefaultOperator),
  };
}

type ImageOptions = Pick<Resolved, 'pullPolicy' | 'controllerImage' | 'defaultBackend' | 'defaultBackendImage'>;

/** The pull policy, the controller image, the default backend and its image. */
function resolveImages(props: IngressNginxControllerProps, release: IngressNginxRelease, problems: ProblemList): ImageOptions {
  const pullPolicy = props.imagePullPolicy ?? ImagePullPolicy.IF_NOT_PRESENT;
  const controllerImage = props.controllerImage ?? release.controllerImage;
  const defaultBackend = props.defaultBackend ?? false;
  const defaultBackendImage = props.defaultBackendImage ?? IngressNginxImage.DEFAULT_BACKEND;
  problems
    .add(oneOfProblems(FieldPath.prop('imagePullPolicy'), pullPolicy, Object.values(ImagePullPolicy)))
    .add(ingressNginxImageProblems(FieldPath.prop('controllerImage'), controllerImage))
    .add(defaultBackendImageProblems(FieldPath.prop('defaultBackendImage'), props.defaultBackendImage, defaultBackend))
    .add(ingressNginxImageProblems(FieldPath.prop('defaultBackendImage'), defaultBackendImage));
  return { pullPolicy, controllerImage, defaultBackend, defaultBackendImage };
}

type WebhookOptions = Pick<Resolved, 'webhook' | 'certSource' | 'issuer' | 'failurePolicy' | 'certgenImage' | 'certgenJobs' | 'webhookPort'>;

/** The admission webhook: on or off, its certificate's source and issuer, its failure policy, the certgen image. */
function resolveWebhook(props: IngressNginxControllerProps, release: IngressNginxRelease, problems: ProblemList): WebhookOptions {
  const webhook = props.admissionWebhook ?? true;
  const certSource = props.webhookCertificate ?? WebhookCertificateSource.CERTGEN_JOBS;
  const failurePolicy = props.webhookFailurePolicy ?? WebhookFailurePolicy.FAIL;
  const certgenImage = props.certgenImage ?? release.certgenImage;
  const webhookPort = props.webhookPort ?? WEBHOOK_PORT;
  for (const [name, option] of [['webhookCertificate', props.webhookCertificate], ['certManagerIssuer', props.certManagerIssuer],
    ['webhookFailurePolicy', props.webhookFailurePolicy], ['certgenImage', props.certgenImage], ['certgenJobLifecycle', props.certgenJobLifecycle],
    ['webhookPort', props.webhookPort]] as const) {
    problems.add(webhookOptionProblems(FieldPath.prop(name), option, webhook));
  }
  problems
    .add(oneOfProblems(FieldPath.prop('webhookCertificate'), certSource, Object.values(WebhookCertificateSource)))
    .add(certManagerIssuerProblems(FieldPath.prop('certManagerIssuer'), props.certManagerIssuer, certSource))
    .add(certgenImageProblems(FieldPath.prop('certgenImage'), props.certgenImage, certSource))
    .add(oneOfProblems(FieldPath.prop('webhookFailurePolicy'), failurePolicy, Object.values(WebhookFailurePolicy)))
    .add(ingressNginxImageProblems(FieldPath.prop('certgenImage'), certgenImage))
    .add(certgenJobLifecycleProblems(FieldPath.prop('certgenJobLifecycle'), props.certgenJobLifecycle, certSource))
    .add(portNumberProblems(FieldPath.prop('webhookPort'), webhookPort));
  const certgenJobs = props.certgenJobLifecycle ?? CertgenJobLifecycle.DELETE_WHEN_FINISHED;
  return { webhook, certSource, issuer: props.certManagerIssuer, failurePolicy, certgenImage, certgenJobs, webhookPort };
}
