/** Shared by the ingress-nginx controller tests: synth one controller, find objects, the seed's props. */
import { Chart, Testing } from 'cdk8s';
import { ControllerKind, ControllerServiceType, DnsPolicy, IngressNginxController, IngressNginxControllerProps, IngressNginxImage } from '../../constructs';
import { ManifestObject as Obj } from '../fixtures/ingress-nginx-v1.11.8';

export function key(o: Obj): string {
  return `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}
export function byKey(objs: Obj[]): Map<string, Obj> {
  return new Map(objs.map(o => [key(o), o]));
}
export function find(objs: Obj[], kind: string, name: string): Obj {
  const found = objs.find(o => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in [${objs.map(key).join(', ')}]`);
  return found;
}
export function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x));
}
export function synth(
  props: IngressNginxControllerProps = {}, chartProps?: { namespace?: string },
): { objs: Obj[]; controller: IngressNginxController } {
  const chart = chartProps ? new Chart(Testing.app(), 'test', chartProps) : Testing.chart();
  const controller = new IngressNginxController(chart, 'IngressNginx', props);
  return { objs: Testing.synth(chart) as Obj[], controller };
}

/** The mirror images the seed's values-prod.yaml uses (registry.hub.docker.com/davidliyutong/...). */
export const MIRROR = 'registry.hub.docker.com';
export const SEED_PROPS: IngressNginxControllerProps = {
  kind: ControllerKind.DAEMON_SET,
  hostNetwork: true,
  dnsPolicy: DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET,
  enableSslPassthrough: true,
  serviceType: ControllerServiceType.NONE,
  defaultBackend: true,
  admissionWebhook: true,
};
export const SEED_MIRROR_PROPS: IngressNginxControllerProps = {
  ...SEED_PROPS,
  controllerImage: IngressNginxImage.CONTROLLER.withRegistry(MIRROR).withImage('davidliyutong/ingress-nginx-controller').withoutDigest(),
  certgenImage: IngressNginxImage.KUBE_WEBHOOK_CERTGEN.withRegistry(MIRROR).withImage('davidliyutong/ingress-nginx-kube-webhook-certgen').withoutDigest(),
  defaultBackendImage: IngressNginxImage.DEFAULT_BACKEND.withRegistry(MIRROR).withImage('davidliyutong/ingress-nginx-defaultbackend-amd64'),
};
