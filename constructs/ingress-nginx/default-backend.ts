/**
 * The chart's default backend: a 404 server for requests no Ingress matches, with its
 * ServiceAccount, Deployment and Service.
 */
import * as k8s from '../../imports/k8s';
import { Construct } from 'constructs';
import { DEFAULT_BACKEND_NAME, DEFAULT_BACKEND_SA, NAMESPACE, OS_LINUX, RELEASE, labels, selectorLabels } from './names';
import { Resolved } from './resolve';

/** Adds the default backend's objects under `scope`. */
export function renderDefaultBackend(scope: Construct, o: Resolved): void {
  const backendLabels = labels('default-backend', o.release.version);
  new k8s.KubeServiceAccount(scope, 'DefaultBackendServiceAccount', {
    metadata: { name: DEFAULT_BACKEND_SA, namespace: NAMESPACE, labels: backendLabels },
    // the 404 server never calls the API server (the chart mounts a token anyway)
    automountServiceAccountToken: false,
  });
  const probe = (p: { failureThreshold: number; initialDelaySeconds: number; periodSeconds: number }): k8s.Probe => ({
    httpGet: { path: '/healthz', port: k8s.IntOrString.fromNumber(8080), scheme: 'HTTP' },
    ...p,
    successThreshold: 1,
    timeoutSeconds: 5,
  });
  new k8s.KubeDeployment(scope, 'DefaultBackendDeployment', {
    metadata: { name: DEFAULT_BACKEND_NAME, namespace: NAMESPACE, labels: backendLabels },
    spec: {
      replicas: 1,
      minReadySeconds: 0,
      revisionHistoryLimit: 10,
      selector: { matchLabels: selectorLabels('default-backend') },
      template: {
        metadata: { labels: { ...backendLabels } },
        spec: {
          containers: [{
            name: `${RELEASE}-default-backend`,
            image: o.defaultBackendImage.reference,
            imagePullPolicy: o.pullPolicy,
            livenessProbe: probe({ failureThreshold: 3, initialDelaySeconds: 30, periodSeconds: 10 }),
            readinessProbe: probe({ failureThreshold: 6, initialDelaySeconds: 0, periodSeconds: 5 }),
            ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: { drop: ['ALL'] },
              readOnlyRootFilesystem: true,
              runAsNonRoot: true,
              runAsUser: 65534,
              seccompProfile: { type: 'RuntimeDefault' },
            },
          }],
          nodeSelector: { ...OS_LINUX },
          serviceAccountName: DEFAULT_BACKEND_SA,
          terminationGracePeriodSeconds: 60,
        },
      },
    },
  });
  new k8s.KubeService(scope, 'DefaultBackendService', {
    metadata: { name: DEFAULT_BACKEND_NAME, namespace: NAMESPACE, labels: backendLabels },
    spec: {
      type: 'ClusterIP',
      selector: selectorLabels('default-backend'),
      ports: [{ name: 'http', appProtocol: 'http', port: 80, protocol: 'TCP', targetPort: k8s.IntOrString.fromString('http') }],
    },
  });
}
