import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  ControllerKind, ControllerServiceType, DnsPolicy, IngressNginxController, IngressNginxImage,
} from '../constructs';
import { LabConfig } from './config';
import { INGRESS_NGINX_RELEASES, ingressNginxReleaseOf } from './versions';

/**
 * Experiment 1 (`values-prod.yaml` + `helm install`): ingress-nginx as a hostNetwork DaemonSet
 * with `--enable-ssl-passthrough`, no controller Service and the admission webhook; rendered as
 * plain manifests, no Helm. Two changes from the seed's values: the webhook listens on
 * `config.controllerWebhookPort` (8444), not 8443, because in the host network 8443 is the API
 * server's port on minikube nodes; the default backend is off unless `config.defaultBackend`
 * (its image, `defaultbackend-amd64`, runs on amd64 nodes only; the controller's own catch-all
 * answers the same 404).
 */
export class IngressNginxChart extends Chart {
  public readonly controller: IngressNginxController;

  constructor(scope: Construct, id: string, config: LabConfig) {
    super(scope, id, { disableResourceNameHashes: true });
    const mirror = config.seedMirrorImages;
    const release = INGRESS_NGINX_RELEASES.find(r => r.version === config.ingressNginxRelease);
    if (!release) {
      throw new Error(`LabConfig.ingressNginxRelease ${JSON.stringify(config.ingressNginxRelease)}: allowed: ${INGRESS_NGINX_RELEASES.map(r => r.version).join(', ')}`);
    }
    this.controller = new IngressNginxController(this, 'IngressNginx', {
      release: ingressNginxReleaseOf(release),
      kind: ControllerKind.DAEMON_SET,
      hostNetwork: true,
      dnsPolicy: DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET,
      enableSslPassthrough: true,
      serviceType: ControllerServiceType.NONE,
      defaultBackend: config.defaultBackend,
      admissionWebhook: true,
      webhookPort: config.controllerWebhookPort,
      tolerations: config.controllerTolerations.length > 0 ? config.controllerTolerations : undefined,
      ...(mirror ? {
        // the seed's Docker Hub mirror (its tags: not checked to carry the chosen release), for clusters that cannot pull from registry.k8s.io
        controllerImage: ingressNginxReleaseOf(release).controllerImage.withRegistry('registry.hub.docker.com')
          .withImage('davidliyutong/ingress-nginx-controller').withoutDigest(),
        certgenImage: ingressNginxReleaseOf(release).certgenImage.withRegistry('registry.hub.docker.com')
          .withImage('davidliyutong/ingress-nginx-kube-webhook-certgen').withoutDigest(),
        ...(config.defaultBackend ? {
          defaultBackendImage: IngressNginxImage.DEFAULT_BACKEND.withRegistry('registry.hub.docker.com')
            .withImage('davidliyutong/ingress-nginx-defaultbackend-amd64'),
        } : {}),
      } : {}),
    });
  }
}
