/**
 * The seed's networking lab, one chart (one file in dist/) per section, in the seed's order,
 * after the lab's namespace (00) and in the order `kubectl apply -f dist` needs.
 */
import { App } from 'cdk8s';
import { CrossObjectChecks } from '../constructs';
import { LabTls } from './certificates';
import { LabCertificates, LabConfig } from './config';
import { ExternalIpChart } from './external-ip';
import { HostNetworkChart } from './host-network';
import { HostPortChart } from './host-port';
import { IngressNginxChart } from './ingress-nginx';
import {
  Svc1HttpChart, Svc2HttpsBackendChart, Svc3TlsTerminationChart, Svc4TlsReencryptChart, Svc5TlsPassthroughChart,
} from './ingress-experiments';
import { LabCaChart } from './lab-ca';
import { LabNamespaceChart } from './namespace';
import { NodePortChart } from './node-port';

export * from './config';
export * from './certificates';

/** The charts of the lab, by section. */
export interface Lab {
  /** The lab's namespace; absent for `default`. */
  readonly namespace?: LabNamespaceChart;
  readonly hostPort: HostPortChart;
  readonly hostNetwork: HostNetworkChart;
  readonly nodePort: NodePortChart;
  readonly externalIp: ExternalIpChart;
  readonly ingressNginx: IngressNginxChart;
  /** Only with `LabCertificates.LAB_CA`. */
  readonly labCa?: LabCaChart;
  readonly svc1: Svc1HttpChart;
  readonly svc2: Svc2HttpsBackendChart;
  readonly svc3: Svc3TlsTerminationChart;
  readonly svc4: Svc4TlsReencryptChart;
  readonly svc5: Svc5TlsPassthroughChart;
}

/** Adds the whole lab to `app`. Chart ids are the file names in dist/. */
export function buildLab(app: App, config: LabConfig): Lab {
  const namespace = config.namespace !== 'default' ? new LabNamespaceChart(app, '00-namespace', config) : undefined;
  const hostPort = new HostPortChart(app, '10-pod1-host-port', config);
  const hostNetwork = new HostNetworkChart(app, '12-pod2-host-network', config);
  const nodePort = new NodePortChart(app, '20-service1-node-port', config);
  const externalIp = new ExternalIpChart(app, '22-service2-external-ip', config);
  // lets the app-wide checks see a section-9.4 port that would shadow a node's own port
  CrossObjectChecks.declareNodeAddresses(externalIp, config.nodeAddresses);
  const ingressNginx = new IngressNginxChart(app, '30-ingress-nginx', config);
  const labCa = config.certificates === LabCertificates.LAB_CA ? new LabCaChart(app, '35-lab-ca', config) : undefined;
  const tls = new LabTls(config, labCa?.ca);
  return {
    namespace,
    hostPort,
    hostNetwork,
    nodePort,
    externalIp,
    ingressNginx,
    labCa,
    svc1: new Svc1HttpChart(app, '40-svc1-http', config, tls),
    svc2: new Svc2HttpsBackendChart(app, '41-svc2-https-backend', config, tls),
    svc3: new Svc3TlsTerminationChart(app, '42-svc3-tls-termination', config, tls),
    svc4: new Svc4TlsReencryptChart(app, '43-svc4-tls-reencrypt', config, tls),
    svc5: new Svc5TlsPassthroughChart(app, '44-svc5-tls-passthrough', config, tls),
  };
}
