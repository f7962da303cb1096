/**
 * The controller's DaemonSet or Deployment: upstream's container (args, ports, probes, security
 * context, webhook certificate volume) with the resolved options applied.
 */
import { ApiObject } from 'cdk8s';
import * as k8s from '../../imports/k8s';
import { Construct } from 'constructs';
import { WebhookCertificateSource } from './admission-webhook';
import { ADMISSION_NAME, CONTROLLER_NAME, HEALTHZ_PORT, NAMESPACE, RELEASE, labels, selectorLabels } from './names';
import { ControllerKind } from './props';
import { Resolved } from './resolve';
import { toKubeToleration } from './tolerations';

/** Adds the DaemonSet or Deployment under `scope` and returns it. */
export function renderControllerWorkload(scope: Construct, o: Resolved): ApiObject {
  const controllerLabels = labels('controller', o.release.version);
  const ports: k8s.ContainerPort[] = [
    { name: 'http', containerPort: 80, protocol: 'TCP', ...(o.useHostPorts ? { hostPort: 80 } : {}) },
    { name: 'https', containerPort: 443, protocol: 'TCP', ...(o.useHostPorts ? { hostPort: 443 } : {}) },
  ];
  if (o.webhook) ports.push({ name: 'webhook', containerPort: o.webhookPort, protocol: 'TCP' });
  const probe = (failureThreshold: number): k8s.Probe => ({
    failureThreshold,
    httpGet: { path: '/healthz', port: k8s.IntOrString.fromNumber(HEALTHZ_PORT), scheme: 'HTTP' },
    initialDelaySeconds: 10,
    periodSeconds: 10,
    successThreshold: 1,
    timeoutSeconds: 1,
  });
  const container: k8s.Container = {
    name: 'controller',
    image: o.controllerImage.reference,
    imagePullPolicy: o.pullPolicy,
    args: [...o.args],
    env: [
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      { name: 'LD_PRELOAD', value: '/usr/local/lib/libmimalloc.so' },
    ],
    lifecycle: { preStop: { exec: { command: ['/wait-shutdown'] } } },
    livenessProbe: probe(5),
    readinessProbe: probe(3),
    ports,
    resources: { requests: { cpu: k8s.Quantity.fromString('100m'), memory: k8s.Quantity.fromString('90Mi') } },
    securityContext: {
      allowPrivilegeEscalation: false,
      capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
      readOnlyRootFilesystem: false,
      ...(o.release._facts.controllerRunAsGroup !== undefined ? { runAsGroup: o.release._facts.controllerRunAsGroup } : {}),
      runAsNonRoot: true,
      runAsUser: 101,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    volumeMounts: o.webhook ? [{ mountPath: '/usr/local/certificates/', name: 'webhook-cert', readOnly: true }] : undefined,
  };
  const podSpec: k8s.PodSpec = {
    automountServiceAccountToken: o.release._facts.podToken ? true : undefined,
    containers: [container],
    dnsPolicy: o.dnsPolicy,
    hostNetwork: o.hostNetwork ? true : undefined,
    nodeSelector: { ...o.nodeSelector },
    tolerations: o.tolerations.length > 0 ? o.tolerations.map(toKubeToleration) : undefined,
    serviceAccountName: RELEASE,
    terminationGracePeriodSeconds: 300,
    volumes: o.webhook ? [{
      name: 'webhook-cert',
      secret: o.certSource === WebhookCertificateSource.CERT_MANAGER
        // cert-manager writes tls.crt/tls.key; the controller reads cert/key
        ? { secretName: ADMISSION_NAME, items: [{ key: 'tls.crt', path: 'cert' }, { key: 'tls.key', path: 'key' }] }
        : { secretName: ADMISSION_NAME },
    }] : undefined,
  };
  const metadata = { name: CONTROLLER_NAME, namespace: NAMESPACE, labels: controllerLabels };
  const template = { metadata: { labels: { ...controllerLabels } }, spec: podSpec };
  const selector = { matchLabels: selectorLabels('controller') };
  if (o.kind === ControllerKind.DAEMON_SET) {
    return new k8s.KubeDaemonSet(scope, 'DaemonSet', {
      metadata,
      spec: { minReadySeconds: 0, revisionHistoryLimit: 10, selector, template },
    });
  }
  return new k8s.KubeDeployment(scope, 'Deployment', {
    metadata,
    spec: {
      replicas: o.replicas,
      minReadySeconds: 0,
      revisionHistoryLimit: 10,
      selector,
      strategy: { rollingUpdate: { maxUnavailable: k8s.IntOrString.fromNumber(1) }, type: 'RollingUpdate' },
      template,
    },
  });
}
