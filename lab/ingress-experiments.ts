import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AppDeployment, BackendProtocol, ClusterIpService, DemoBackend, HttpIngress, IngressBase, TlsIngress, TlsMode,
} from '../constructs';
import { HttpsBackend, LabTls } from './certificates';
import { LabBackends, LabConfig } from './config';

type Svc = 'svc1' | 'svc2' | 'svc3' | 'svc4' | 'svc5';

/** The seed's `30_ingress/1N_svcN/ingress.yaml`: a Deployment, a ClusterIP Service and an Ingress. */
export abstract class IngressExperimentChart extends Chart {
  /** The backend: a DemoBackend, or the seed's image in an AppDeployment. */
  public readonly backend: DemoBackend | AppDeployment;
  public readonly service: ClusterIpService;
  public readonly ingress: IngressBase;
  /** `svcN.<domain>`. */
  public readonly host: string;

  protected constructor(scope: Construct, id: string, protected readonly config: LabConfig, protected readonly tls: LabTls,
    svc: Svc, httpsBackend: boolean) {
    super(scope, id, { disableResourceNameHashes: true, namespace: config.namespace });
    this.host = `${svc}.${config.domain}`;
    // the seed gives all five `app: nginx-ingress-demo`; `experiment` keeps each Service on its own pods
    const labels = { app: 'nginx-ingress-demo', experiment: svc };
    const name = `${svc}-deployment`;
    if (config.backends === LabBackends.SEED_IMAGES) {
      this.backend = new AppDeployment(this, 'Deployment', {
        name, labels, replicas: 2, containerName: 'ct-go-server', image: config.images[svc], containerPort: 8080,
      });
    } else {
      this.backend = new DemoBackend(this, 'Deployment', {
        name, labels, replicas: 2, serviceName: svc, containerPort: 8080,
        tlsSecretName: httpsBackend ? tls.backendSecretName(this, svc as HttpsBackend) : undefined,
      });
    }
    this.service = new ClusterIpService(this, 'ClusterIp', {
      name: `${svc}-cluster-ip`,
      selector: this.backend.labels,
      port: 8888,
      targetPort: 8080,
    });
    this.ingress = this.route(`${svc}-ingress`, { serviceName: this.service.name, port: this.service.port });
  }

  protected abstract route(name: string, backend: { serviceName: string; port: number }): IngressBase;
}

/** Experiment 3, HTTP -> Ingress -> HTTP. */
export class Svc1HttpChart extends IngressExperimentChart {
  constructor(scope: Construct, id: string, config: LabConfig, tls: LabTls) {
    super(scope, id, config, tls, 'svc1', false);
  }
  protected route(name: string, backend: { serviceName: string; port: number }): IngressBase {
    return new HttpIngress(this, 'Ingress', { name, host: this.host, backend });
  }
}

/**
 * Experiment 4, HTTP -> Ingress -> HTTPS: the backend speaks TLS on 8080. As in the seed,
 * ingress-nginx does not verify it here (experiment 6 shows verification).
 */
export class Svc2HttpsBackendChart extends IngressExperimentChart {
  constructor(scope: Construct, id: string, config: LabConfig, tls: LabTls) {
    super(scope, id, config, tls, 'svc2', true);
  }
  protected route(name: string, backend: { serviceName: string; port: number }): IngressBase {
    return new HttpIngress(this, 'Ingress', { name, host: this.host, backend, backendProtocol: BackendProtocol.HTTPS });
  }
}

/** Experiment 5, HTTPS -> Ingress (TLS termination) -> HTTP. */
export class Svc3TlsTerminationChart extends IngressExperimentChart {
  constructor(scope: Construct, id: string, config: LabConfig, tls: LabTls) {
    super(scope, id, config, tls, 'svc3', false);
  }
  protected route(name: string, backend: { serviceName: string; port: number }): IngressBase {
    return new TlsIngress(this, 'Ingress', { name, host: this.host, backend, mode: TlsMode.TERMINATION, certificate: this.tls.ingressCertificate('svc3') });
  }
}

/**
 * Experiment 6, HTTPS -> Ingress (terminate, re-encrypt) -> HTTPS. With the demo backends the
 * backend's certificate is verified against the lab CA; the seed's own images carry a
 * certificate of their own (CN=localhost), so with them it is not (and synth warns).
 */
export class Svc4TlsReencryptChart extends IngressExperimentChart {
  constructor(scope: Construct, id: string, config: LabConfig, tls: LabTls) {
    super(scope, id, config, tls, 'svc4', true);
  }
  protected route(name: string, backend: { serviceName: string; port: number }): IngressBase {
    const verify = this.config.backends === LabBackends.DEMO;
    return new TlsIngress(this, 'Ingress', {
      name, host: this.host, backend, mode: TlsMode.REENCRYPT, certificate: this.tls.ingressCertificate('svc4'),
      backendCaSecretName: verify ? this.tls.backendCaSecretName(this) : undefined,
      backendServerName: verify ? `${backend.serviceName}.${this.config.namespace}.svc` : undefined,
    });
  }
}

/** Experiment 7, HTTPS -> Ingress (SSL passthrough, by SNI) -> HTTPS: the pods serve svc5.<domain>'s certificate. */
export class Svc5TlsPassthroughChart extends IngressExperimentChart {
  constructor(scope: Construct, id: string, config: LabConfig, tls: LabTls) {
    super(scope, id, config, tls, 'svc5', true);
  }
  protected route(name: string, backend: { serviceName: string; port: number }): IngressBase {
    return new TlsIngress(this, 'Ingress', { name, host: this.host, backend, mode: TlsMode.PASSTHROUGH });
  }
}
