import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  ControllerKind, ControllerServiceType, DnsPolicy, IngressNginxController, IngressNginxImage,
} from '../constructs';
import { LabConfig } from './config';

/**
 * Experiment 1 (`values-prod.yaml` + `helm install`): ingress-nginx as a hostNetwork DaemonSet
 * with `--enable-ssl-passthrough`, no controller Service, a default backend and the admission
 * webhook; rendered as plain manifests, no Helm.
 */
export class IngressNginxChart extends Chart {
  public readonly controller: IngressNginxController;

  constructor(scope: Construct, id: string, config: LabConfig) {
    super(scope, id, { disableResourceNameHashes: true });
    const mirror = config.seedMirrorImages;
    this.controller = new IngressNginxController(this, 'IngressNginx', {
      kind: ControllerKind.DAEMON_SET,
      hostNetwork: true,
      dnsPolicy: DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET,
      enableSslPassthrough: true,
      serviceType: ControllerServiceType.NONE,
      defaultBackend: true,
      admissionWebhook: true,
      tolerations: config.controllerTolerations.length > 0 ? config.controllerTolerations : undefined,
      ...(mirror ? {
        // the seed's Docker Hub mirror, for clusters that cannot pull from registry.k8s.io
        controllerImage: IngressNginxImage.CONTROLLER.withRegistry('registry.hub.docker.com')
          .withImage('davidliyutong/ingress-nginx-controller').withoutDigest(),
        certgenImage: IngressNginxImage.KUBE_WEBHOOK_CERTGEN.withRegistry('registry.hub.docker.com')
          .withImage('davidliyutong/ingress-nginx-kube-webhook-certgen').withoutDigest(),
        defaultBackendImage: IngressNginxImage.DEFAULT_BACKEND.withRegistry('registry.hub.docker.com')
          .withImage('davidliyutong/ingress-nginx-defaultbackend-amd64'),
      } : {}),
    });
  }
}
