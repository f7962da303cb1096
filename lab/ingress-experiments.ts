import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AppDeployment, BackendProtocol, ClusterIpService, DemoBackend, HttpIngress, IngressBase, TlsIngress, TlsMode,
} from '../constructs';
import { BackendTlsPolicy } from '../imports/gateway.networking.k8s.io';
import { HttpsBackend, LabTls } from './certificates';
import { LabBackends, LabConfig, LabFlavour } from './config';

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
    svc: Svc, httpsBackend: boolean, protected readonly flavour: LabFlavour) {
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
  constructor(scope: Construct, id: string, config: LabConfig, tls: LabTls, flavour = LabFlavour.INGRESS_NGINX) {
    super(scope, id, config, tls, 'svc1', false, flavour);
  }

  protected route(name: string, backend: { serviceName: string; port: number }): IngressBase {
    return new HttpIngress(this, 'Ingress', { name, host: this.host, backend });
  }
}

/**
 * Experiment 4, HTTP -> Ingress -> HTTPS: the backend speaks TLS on 8080. As in the seed,
 * ingress-nginx does not verify it here (experiment 6 shows verification).
 *
 * Gateway API has no standard way to reach an HTTPS backend without verifying it (the renderer
 * refuses `BackendProtocol.HTTPS`), so in the Gateway API flavour the route is a plain
 * `HttpIngress` and this chart adds a BackendTLSPolicy verifying the backend against the lab CA
 * (`ca.crt` of the ConfigMap named like the CA Secret, hostname = the Service's DNS name): the
 * Gateway speaks TLS to svc2 because the policy exists. The reply is the same; the difference
 * is that svc2's certificate is checked.
 */
export class Svc2HttpsBackendChart extends IngressExperimentChart {
  /** Gateway API flavour only: the policy that makes the Gateway speak (verified) TLS to svc2. */
  public get backendTlsPolicy(): BackendTlsPolicy | undefined {
    return this.node.tryFindChild('BackendTlsPolicy') as BackendTlsPolicy | undefined;
  }

  constructor(scope: Construct, id: string, config: LabConfig, tls: LabTls, flavour = LabFlavour.INGRESS_NGINX) {
    super(scope, id, config, tls, 'svc2', true, flavour);
  }

  protected route(name: string, backend: { serviceName: string; port: number }): IngressBase {
    if (this.flavour !== LabFlavour.GATEWAY_API) {
      return new HttpIngress(this, 'Ingress', { name, host: this.host, backend, backendProtocol: BackendProtocol.HTTPS });
    }
    // same shape as the renderer's own policies (svc4): <service>-backend-tls, the whole Service (its port has no name)
    new BackendTlsPolicy(this, 'BackendTlsPolicy', {
      metadata: { name: `${backend.serviceName}-backend-tls`, namespace: this.config.namespace },
      spec: {
        targetRefs: [{ group: '', kind: 'Service', name: backend.serviceName }],
        validation: {
          caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: this.tls.backendCaSecretName(this) }],
          hostname: `${backend.serviceName}.${this.config.namespace}.svc`,
        },
      },
    });
    return new HttpIngress(this, 'Ingress', { name, host: this.host, backend });
  }
}

/** Experiment 5, HTTPS -> Ingress (TLS termination) -> HTTP. */
export class Svc3TlsTerminationChart extends IngressExperimentChart {
  constructor(scope: Construct, id: string, config: LabConfig, tls: LabTls, flavour = LabFlavour.INGRESS_NGINX) {
    super(scope, id, config, tls, 'svc3', false, flavour);
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
  constructor(scope: Construct, id: string, config: LabConfig, tls: LabTls, flavour = LabFlavour.INGRESS_NGINX) {
    super(scope, id, config, tls, 'svc4', true, flavour);
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
  constructor(scope: Construct, id: string, config: LabConfig, tls: LabTls, flavour = LabFlavour.INGRESS_NGINX) {
    super(scope, id, config, tls, 'svc5', true, flavour);
  }

  protected route(name: string, backend: { serviceName: string; port: number }): IngressBase {
    return new TlsIngress(this, 'Ingress', { name, host: this.host, backend, mode: TlsMode.PASSTHROUGH });
  }
}
