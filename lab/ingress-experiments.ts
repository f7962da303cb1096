import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AppDeployment, BackendProtocol, ClusterIpService, HttpIngress, IngressBase, TlsIngress, TlsMode,
} from '../constructs';
import { LabConfig } from './config';

/** The seed's `30_ingress/1N_svcN/ingress.yaml`: a Deployment, a ClusterIP Service and an Ingress. */
export abstract class IngressExperimentChart extends Chart {
  public readonly deployment: AppDeployment;
  public readonly service: ClusterIpService;
  public readonly ingress: IngressBase;
  /** `svcN.<domain>`. */
  public readonly host: string;

  protected constructor(scope: Construct, id: string, config: LabConfig, svc: 'svc1' | 'svc2' | 'svc3' | 'svc4' | 'svc5') {
    super(scope, id, { disableResourceNameHashes: true });
    this.host = `${svc}.${config.domain}`;
    this.deployment = new AppDeployment(this, 'Deployment', {
      name: `${svc}-deployment`,
      // the seed gives all five `app: nginx-ingress-demo`; `experiment` keeps each Service on its own pods
      labels: { app: 'nginx-ingress-demo', experiment: svc },
      replicas: 2,
      containerName: 'ct-go-server',
      image: config.images[svc],
      containerPort: 8080,
    });
    this.service = new ClusterIpService(this, 'ClusterIp', {
      name: `${svc}-cluster-ip`,
      selector: this.deployment.labels,
      port: 8888,
      targetPort: 8080,
    });
    this.ingress = this.route(`${svc}-ingress`, { serviceName: this.service.name, port: this.service.port });
  }

  protected abstract route(name: string, backend: { serviceName: string; port: number }): IngressBase;
}

/** Experiment 3, HTTP -> Ingress -> HTTP. */
export class Svc1HttpChart extends IngressExperimentChart {
  constructor(scope: Construct, id: string, config: LabConfig) {
    super(scope, id, config, 'svc1');
  }
  protected route(name: string, backend: { serviceName: string; port: number }): IngressBase {
    return new HttpIngress(this, 'Ingress', { name, host: this.host, backend });
  }
}

/** Experiment 4, HTTP -> Ingress -> HTTPS: the Go server speaks TLS on 8080. */
export class Svc2HttpsBackendChart extends IngressExperimentChart {
  constructor(scope: Construct, id: string, config: LabConfig) {
    super(scope, id, config, 'svc2');
  }
  protected route(name: string, backend: { serviceName: string; port: number }): IngressBase {
    return new HttpIngress(this, 'Ingress', { name, host: this.host, backend, backendProtocol: BackendProtocol.HTTPS });
  }
}

/** Experiment 5, HTTPS -> Ingress (TLS termination) -> HTTP. */
export class Svc3TlsTerminationChart extends IngressExperimentChart {
  constructor(scope: Construct, id: string, config: LabConfig) {
    super(scope, id, config, 'svc3');
  }
  protected route(name: string, backend: { serviceName: string; port: number }): IngressBase {
    return new TlsIngress(this, 'Ingress', { name, host: this.host, backend, mode: TlsMode.TERMINATION, tlsSecretName: 'secret-tls-svc3' });
  }
}

/** Experiment 6, HTTPS -> Ingress (terminate, re-encrypt) -> HTTPS. */
export class Svc4TlsReencryptChart extends IngressExperimentChart {
  constructor(scope: Construct, id: string, config: LabConfig) {
    super(scope, id, config, 'svc4');
  }
  protected route(name: string, backend: { serviceName: string; port: number }): IngressBase {
    return new TlsIngress(this, 'Ingress', { name, host: this.host, backend, mode: TlsMode.REENCRYPT, tlsSecretName: 'secret-tls-svc4' });
  }
}

/** Experiment 7, HTTPS -> Ingress (SSL passthrough, by SNI) -> HTTPS. */
export class Svc5TlsPassthroughChart extends IngressExperimentChart {
  constructor(scope: Construct, id: string, config: LabConfig) {
    super(scope, id, config, 'svc5');
  }
  protected route(name: string, backend: { serviceName: string; port: number }): IngressBase {
    return new TlsIngress(this, 'Ingress', { name, host: this.host, backend, mode: TlsMode.PASSTHROUGH });
  }
}
