/**
 * The seed's networking lab, one chart (one file in dist/) per section, in the seed's order,
 * after the lab's namespace (00) and in the order `kubectl apply -f dist` needs. The same lab
 * as Gateway API (dist-gateway/): `buildGatewayLab`, lab/gateway.ts.
 */
import { App } from 'cdk8s';
import { CrossObjectChecks } from '../constructs';
import { LabTls } from './certificates';
import { LabCertificates, LabConfig, LabFlavour } from './config';
import { ExternalIpChart } from './external-ip';
import { GatewayClassChart, LabCaTrustChart, useGatewayApi } from './gateway';
import { HostNetworkChart } from './host-network';
import { HostPortChart } from './host-port';
import { IngressNginxChart } from './ingress-nginx';
import {
  Svc1HttpChart, Svc2HttpsBackendChart, Svc3TlsTerminationChart, Svc4TlsReencryptChart, Svc5TlsPassthroughChart,
} from './ingress-experiments';
import { LabCaChart } from './lab-ca';
import { LabNamespaceChart } from './namespace';
import { NodePortChart } from './node-port';

import { mirrorApp } from './mirror';
export * from './config';
export * from './certificates';
export * from './gateway';
export * from './mirror';

/** The charts both flavours share, by section. */
export interface LabSections {
  /** The lab's namespace; absent for `default`. */
  readonly namespace?: LabNamespaceChart;
  readonly hostPort: HostPortChart;
  readonly hostNetwork: HostNetworkChart;
  readonly nodePort: NodePortChart;
  readonly externalIp: ExternalIpChart;
  /** Only with `LabCertificates.LAB_CA`. */
  readonly labCa?: LabCaChart;
  readonly svc1: Svc1HttpChart;
  readonly svc2: Svc2HttpsBackendChart;
  readonly svc3: Svc3TlsTerminationChart;
  readonly svc4: Svc4TlsReencryptChart;
  readonly svc5: Svc5TlsPassthroughChart;
}

/** The charts of the lab (the ingress-nginx flavour, dist/), by section. */
export interface Lab extends LabSections {
  readonly ingressNginx: IngressNginxChart;
}

/** The charts of the lab's Gateway API flavour (dist-gateway/). */
export interface GatewayLab extends LabSections {
  readonly gatewayClass: GatewayClassChart;
  /** The lab CA's trust as a ConfigMap (a trust-manager Bundle); only with `LabCertificates.LAB_CA`. */
  readonly labCaTrust?: LabCaTrustChart;
}

/**
 * The sections in dist/ order; `controller` adds the flavour's 30-* chart, `afterLabCa` what
 * goes between the lab CA and the experiments.
 */
function buildSections(app: App, config: LabConfig, flavour: LabFlavour, controller: () => void,
  afterLabCa: (labCa?: LabCaChart) => void = () => undefined): LabSections {
  const namespace = config.namespace !== 'default' ? new LabNamespaceChart(app, '00-namespace', config) : undefined;
  const hostPort = new HostPortChart(app, '10-pod1-host-port', config);
  const hostNetwork = new HostNetworkChart(app, '12-pod2-host-network', config);
  const nodePort = new NodePortChart(app, '20-service1-node-port', config);
  const externalIp = new ExternalIpChart(app, '22-service2-external-ip', config);
  // lets the app-wide checks see a section-9.4 port that would shadow a node's own port
  CrossObjectChecks.declareNodeAddresses(externalIp, config.nodeAddresses);
  controller();
  const labCa = config.certificates === LabCertificates.LAB_CA ? new LabCaChart(app, '35-lab-ca', config) : undefined;
  afterLabCa(labCa);
  const tls = new LabTls(config, labCa?.ca);
  return {
    namespace,
    hostPort,
    hostNetwork,
    nodePort,
    externalIp,
    labCa,
    svc1: new Svc1HttpChart(app, '40-svc1-http', config, tls, flavour),
    svc2: new Svc2HttpsBackendChart(app, '41-svc2-https-backend', config, tls, flavour),
    svc3: new Svc3TlsTerminationChart(app, '42-svc3-tls-termination', config, tls, flavour),
    svc4: new Svc4TlsReencryptChart(app, '43-svc4-tls-reencrypt', config, tls, flavour),
    svc5: new Svc5TlsPassthroughChart(app, '44-svc5-tls-passthrough', config, tls, flavour),
  };
}

/** Adds the whole lab (the ingress-nginx flavour) to `app`. Chart ids are the file names in dist/. */
export function buildLab(app: App, config: LabConfig): Lab {
  let ingressNginx: IngressNginxChart | undefined;
  const sections = buildSections(app, config, LabFlavour.INGRESS_NGINX, () => {
    ingressNginx = new IngressNginxChart(app, '30-ingress-nginx', config);
  });
  mirrorApp(app, config.mirror);
  return { ...sections, ingressNginx: ingressNginx! };
}

/**
 * Adds the lab's Gateway API flavour to `app` (which must have no children yet: the routing
 * target is set on it). Chart ids are the file names in dist-gateway/; the Gateway is in the
 * Gateway API target's own chart (`gateway-api`).
 */
export function buildGatewayLab(app: App, config: LabConfig): GatewayLab {
  useGatewayApi(app, config);
  let gatewayClass: GatewayClassChart | undefined;
  let labCaTrust: LabCaTrustChart | undefined;
  const sections = buildSections(app, config, LabFlavour.GATEWAY_API, () => {
    gatewayClass = new GatewayClassChart(app, '30-gateway-class', config);
  }, labCa => {
    if (labCa) labCaTrust = new LabCaTrustChart(app, '36-lab-ca-trust', config, labCa.ca.trustSecretName);
  });
  mirrorApp(app, config.mirror);
  return { ...sections, gatewayClass: gatewayClass!, labCaTrust };
}

/** The lab of either flavour. */
export function buildLabFlavour(app: App, config: LabConfig, flavour: LabFlavour): LabSections {
  return flavour === LabFlavour.GATEWAY_API ? buildGatewayLab(app, config) : buildLab(app, config);
}
