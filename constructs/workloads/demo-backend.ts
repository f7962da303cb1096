/**
 * A general demo backend without an image build: a stock unprivileged nginx answers a fixed
 * reply ("Hello, I am svcN for ingress-controller demo!") from a ConfigMap, over HTTP or, with
 * a TLS secret mounted, HTTPS, on 8080.
 */
import { ApiObject, Chart } from 'cdk8s';
import * as k8s from '../../imports/k8s';
import { Construct } from 'constructs';
import { CrossObjectChecks } from '../app-checks/cross-object-checks';
import { ProblemList } from '../core/errors';
import { FieldPath } from '../core/field-path';
import { TlsCertificate, TlsCertificateSource } from '../tls/tls-certificate';
import { imageReferenceProblems } from '../validation/image-references';
import { dns1123LabelProblems, dns1123SubdomainProblems } from '../validation/names';
import { NameKind, resolveName } from '../validation/object-names';
import { addDeployment, replicasProblems } from './container';
import { workloadLabelPropsProblems, workloadLabelSet } from './workload-labels';
import { unprivilegedPortProblems } from './container-rules';
import { backendTlsProblems, nginxReturnTextProblems } from './demo-backend-rules';

/** How often (seconds) an HTTPS demo backend checks its mounted certificate for a renewal. */
const CERTIFICATE_CHECK_SECONDS = 30;

/**
 * Props of {@link DemoBackend}.
 * @stable
 */
export interface DemoBackendProps {
  /** The service name in the reply, `svc2` -> "Hello, I am svc2 for ingress-controller demo!". */
  readonly serviceName: string;
  /**
   * Serve HTTPS with this `kubernetes.io/tls` Secret (mounted at /etc/nginx/tls). It must be
   * defined in the app (e.g. `CertificateAuthority.addServerCertificate`) or declared external
   * (use `certificate: TlsCertificate.fromSecretName(...)` for a `kubectl create secret tls` one).
   * Give this or `certificate`, or neither for HTTP.
   * @default - HTTP, unless `certificate` is set
   */
  readonly tlsSecretName?: string;
  /**
   * Serve HTTPS with the Secret of this certificate source (FILES/CERT_MANAGER certificates must
   * already be used by an Ingress or be a fromSecretName; see also CertificateAuthority.addServerCertificate).
   * @default - HTTP, unless `tlsSecretName` is set
   */
  readonly certificate?: TlsCertificate;
  /**
   * The reply body.
   * @default `Hello, I am <serviceName> for ingress-controller demo!`
   */
  readonly message?: string;
  /**
   * The port nginx listens on.
   * @default 8080
   */
  readonly containerPort?: number;
  /**
   * Number of pods.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * The image (any nginx that can run as uid 101 with a read-only root).
   * @default DemoBackend.DEFAULT_IMAGE
   */
  readonly image?: string;
  /**
   * `metadata.name` of the Deployment; the ConfigMap is `<name>-nginx`.
   * @default - derived from the construct id (`Svc2Backend` -> `svc2-backend`)
   */
  readonly name?: string;
  /**
   * Labels of the pods (and the Deployment's selector): what the Service selects. The selector
   * can never change once applied; for labels that may change later use `selectorLabels` and
   * `podLabels` instead.
   * @default { app: <name> }
   */
  readonly labels?: { [key: string]: string };
  /**
   * The Deployment's selector, immutable once applied, and what the Service selects; the pods carry
   * them too. Not with `labels`.
   * @default - `labels`, else { app: <name> }
   */
  readonly selectorLabels?: { [key: string]: string };
  /**
   * More labels on the Deployment, its pods and its ConfigMap, outside the selector. They must not
   * contradict the selector.
   * @default - none
   */
  readonly podLabels?: { [key: string]: string };
}

/**
 * A demo backend: a Deployment of `nginxinc/nginx-unprivileged` and a ConfigMap with its nginx
 * configuration, answering every path with a fixed plain-text reply over HTTP or HTTPS. Non-root (uid 101), read-only root filesystem,
 * no privilege escalation, all capabilities dropped, RuntimeDefault seccomp; `/tmp` is an
 * emptyDir for nginx's pid and temp files.
 *
 * Over HTTPS a small POSIX shell loop (`run.sh` in the ConfigMap, PID 1) runs nginx in the
 * foreground and, every 30 s, compares a checksum of the mounted `tls.crt` and `tls.key`: when
 * the kubelet has swapped in a renewed Secret (e.g. cert-manager renewing at 2/3 of the
 * lifetime), it tests the configuration and sends nginx `SIGHUP`, so the new certificate is
 * served without a restart. It exits with nginx's status if nginx dies.
 *
 * @example
 * const svc2 = new DemoBackend(chart, 'Svc2Backend', { serviceName: 'svc2', tlsSecretName: 'svc2-backend-tls' });
 * new ClusterIpService(chart, 'Svc2ClusterIp', { name: 'svc2-cluster-ip', selector: svc2.labels, port: 8888, targetPort: 8080 });
 * @stable
 */
export class DemoBackend extends Construct {
  /** The image it runs by default: nginx as uid 101, no root needed. */
  public static readonly DEFAULT_IMAGE = 'nginxinc/nginx-unprivileged:1.28-alpine';
  /** The unprivileged image's user and group. */
  public static readonly UID = 101;
  /** Where the ConfigMap (nginx.conf, server.conf) is mounted. */
  public static readonly CONFIG_DIR = '/etc/nginx/demo';
  /** Where the TLS secret (tls.crt, tls.key) is mounted for HTTPS. */
  public static readonly TLS_DIR = '/etc/nginx/tls';

  /** `metadata.name` of the Deployment. */
  public readonly name: string;
  /** `metadata.name` of the ConfigMap. */
  public readonly configMapName: string;
  /** The Deployment's selector labels (on every pod): what the Service selects. */
  public readonly labels: { [key: string]: string };
  /** Every label of the pods: the selector's and `podLabels`. */
  public readonly podLabels: { [key: string]: string };
  /** The port nginx listens on. */
  public readonly containerPort: number;
  /** Whether it serves HTTPS. */
  public readonly https: boolean;
  /** The TLS secret mounted (HTTPS), if any. */
  public readonly tlsSecretName?: string;
  /** The reply body. */
  public readonly message: string;
  /** The ConfigMap's `nginx.conf` (main context: pid, temp paths, logs; includes server.conf). */
  public readonly nginxConf: string;
  /** The ConfigMap's `server.conf` (the server block that answers). */
  public readonly serverConf: string;
  /**
   * The ConfigMap's `run.sh` (HTTPS only): nginx in the foreground, reloaded when the mounted certificate changes.
   * @default - none over HTTP
   */
  public readonly runScript?: string;
  /** The synthesised Deployment. */
  public readonly deployment: ApiObject;
  /** The synthesised ConfigMap. */
  public readonly configMap: ApiObject;

  constructor(scope: Construct, id: string, props: DemoBackendProps) {
    super(scope, id);
    // the ConfigMap's name and the default labels derive from the name: an invalid name is thrown first
    const name = resolveName(this, props.name, NameKind.DNS1123_SUBDOMAIN);
    const configMapName = `${name}-nginx`;
    const message = props.message ?? `Hello, I am ${props.serviceName} for ingress-controller demo!`;
    const port = props.containerPort ?? 8080;
    const replicas = props.replicas ?? 1;
    const image = props.image ?? DemoBackend.DEFAULT_IMAGE;
    const { selector: labels, pod: podLabels } = workloadLabelSet(name, props);
    new ProblemList()
      .add(dns1123SubdomainProblems(FieldPath.prop('name'), configMapName))
      .add(dns1123LabelProblems(FieldPath.prop('serviceName'), props.serviceName))
      // the reply and the port appear in the ConfigMap and the Deployment both: named by prop
      .add(nginxReturnTextProblems(FieldPath.prop('message'), message))
      .add(unprivilegedPortProblems(FieldPath.prop('containerPort'), port, DemoBackend.UID))
      .add(replicasProblems(replicas))
      .add(imageReferenceProblems(FieldPath.spec('template', 'spec', 'containers').index(0).child('image'), image))
      .add(workloadLabelPropsProblems(props, labels))
      .add(backendTlsProblems(props.tlsSecretName, props.certificate))
      .throwIfAny(this);
    const tlsSecretName = props.tlsSecretName ?? props.certificate?.secretName;
    if (props.certificate?.source === TlsCertificateSource.SECRET_NAME) {
      CrossObjectChecks.declareExternalSecret(this, tlsSecretName!, Chart.of(this).namespace);
    } else {
      CrossObjectChecks.of(this);
    }

    const https = tlsSecretName !== undefined;
    this.name = name;
    this.configMapName = configMapName;
    this.labels = labels;
    this.podLabels = podLabels;
    this.containerPort = port;
    this.https = https;
    this.tlsSecretName = tlsSecretName;
    this.message = message;
    this.serverConf = serverConf(port, https, message);
    this.nginxConf = mainConf();
    this.runScript = https ? runScript() : undefined;

    const data: { [key: string]: string } = { 'nginx.conf': this.nginxConf, 'server.conf': this.serverConf };
    if (this.runScript !== undefined) data['run.sh'] = this.runScript;
    this.configMap = new k8s.KubeConfigMap(this, 'Config', {
      metadata: { name: configMapName, labels: { ...podLabels } },
      data,
    });
    this.deployment = addDeployment(this, name, labels, replicas, podSpec(configMapName, image, port, tlsSecretName), podLabels);
  }
}

/** The pod: non-root, read-only root, the ConfigMap and, over HTTPS, the TLS Secret mounted; /tmp an emptyDir. */
function podSpec(configMapName: string, image: string, port: number, tlsSecretName: string | undefined): k8s.PodSpec {
  const https = tlsSecretName !== undefined;
  const volumes: k8s.Volume[] = [
    { name: 'config', configMap: { name: configMapName } },
    { name: 'tmp', emptyDir: { sizeLimit: k8s.Quantity.fromString('16Mi') } },
  ];
  const volumeMounts: k8s.VolumeMount[] = [
    { name: 'config', mountPath: DemoBackend.CONFIG_DIR, readOnly: true },
    { name: 'tmp', mountPath: '/tmp' },
  ];
  if (tlsSecretName !== undefined) {
    // 0440 + fsGroup: readable by uid 101 only through its group, not world-readable
    const items = [{ key: 'tls.crt', path: 'tls.crt' }, { key: 'tls.key', path: 'tls.key' }];
    volumes.push({ name: 'tls', secret: { secretName: tlsSecretName, defaultMode: 0o440, items } });
    volumeMounts.push({ name: 'tls', mountPath: DemoBackend.TLS_DIR, readOnly: true });
  }
  const probe: k8s.Probe = { httpGet: { path: '/', port: k8s.IntOrString.fromNumber(port), scheme: https ? 'HTTPS' : 'HTTP' }, periodSeconds: 10 };
  return {
    automountServiceAccountToken: false,
    securityContext: {
      runAsNonRoot: true,
      runAsUser: DemoBackend.UID,
      runAsGroup: DemoBackend.UID,
      fsGroup: DemoBackend.UID,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    containers: [{
      name: 'nginx',
      image,
      imagePullPolicy: 'IfNotPresent',
      // bypass the image's entrypoint scripts (they rewrite /etc/nginx, which is read-only here);
      // over HTTPS run.sh starts the same nginx and reloads it when the certificate is renewed
      command: https
        ? ['/bin/sh', `${DemoBackend.CONFIG_DIR}/run.sh`]
        : ['nginx', '-c', `${DemoBackend.CONFIG_DIR}/nginx.conf`, '-e', 'stderr', '-g', 'daemon off;'],
      ports: [{ name: https ? 'https' : 'http', containerPort: port, protocol: 'TCP' }],
      readinessProbe: probe,
      livenessProbe: { ...probe, initialDelaySeconds: 5 },
      resources: {
        requests: { cpu: k8s.Quantity.fromString('10m'), memory: k8s.Quantity.fromString('16Mi') },
        limits: { memory: k8s.Quantity.fromString('64Mi') },
      },
      securityContext: {
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      },
      volumeMounts,
    }],
    volumes,
  };
}

/**
 * The image the demo backends run: nginx as uid 101, no root needed.
 * @deprecated use DemoBackend.DEFAULT_IMAGE
 */
export const DEMO_BACKEND_IMAGE = DemoBackend.DEFAULT_IMAGE;

/**
 * The unprivileged image's user and group.
 * @deprecated use DemoBackend.UID
 */
export const DEMO_BACKEND_UID = DemoBackend.UID;

/**
 * Where the ConfigMap (nginx.conf, server.conf) is mounted.
 * @deprecated use DemoBackend.CONFIG_DIR
 */
export const DEMO_BACKEND_CONFIG_DIR = DemoBackend.CONFIG_DIR;

/**
 * Where the TLS secret (tls.crt, tls.key) is mounted for HTTPS.
 * @deprecated use DemoBackend.TLS_DIR
 */
export const DEMO_BACKEND_TLS_DIR = DemoBackend.TLS_DIR;

/** The main context. Everything writable is under /tmp (an emptyDir), so the root filesystem can be read-only. */
function mainConf(): string {
  return [
    '# cdk8s-expose DemoBackend: main context; the server is in server.conf',
    'worker_processes 1;',
    'pid /tmp/nginx.pid;',
    'error_log stderr warn;',
    '',
    'events {',
    '    worker_connections 256;',
    '}',
    '',
    'http {',
    '    access_log /dev/stdout;',
    '    server_tokens off;',
    '    client_body_temp_path /tmp/client_temp;',
    '    proxy_temp_path /tmp/proxy_temp;',
    '    fastcgi_temp_path /tmp/fastcgi_temp;',
    '    uwsgi_temp_path /tmp/uwsgi_temp;',
    '    scgi_temp_path /tmp/scgi_temp;',
    `    include ${DemoBackend.CONFIG_DIR}/server.conf;`,
    '}',
    '',
  ].join('\n');
}

/** The server block: the fixed reply (no trailing newline), on every path. */
function serverConf(port: number, https: boolean, message: string): string {
  const lines = [
    // this line is in the synthesised ConfigMap (dist/): rewording it changes every DemoBackend manifest
    '# cdk8s-expose DemoBackend: answers like the seed\'s Go server',
    'server {',
    `    listen ${port}${https ? ' ssl' : ''};`,
    '    server_name _;',
  ];
  if (https) {
    lines.push(
      `    ssl_certificate ${DemoBackend.TLS_DIR}/tls.crt;`,
      `    ssl_certificate_key ${DemoBackend.TLS_DIR}/tls.key;`,
      '    ssl_protocols TLSv1.2 TLSv1.3;',
    );
  }
  lines.push(
    '    location / {',
    '        default_type "text/plain; charset=utf-8";',
    `        return 200 "${message}";`,
    '    }',
    '}',
    '',
  );
  return lines.join('\n');
}

/**
 * PID 1 of an HTTPS backend (POSIX sh: busybox in the alpine image): nginx in the foreground, a
 * checksum of the mounted certificate and key every CERTIFICATE_CHECK_SECONDS, SIGHUP after a
 * successful `nginx -t` when it changed; SIGTERM is passed on as a graceful SIGQUIT.
 */
function runScript(): string {
  return [
    '# cdk8s-expose DemoBackend: nginx in the foreground, reloaded when the mounted certificate changes',
    `conf=${DemoBackend.CONFIG_DIR}/nginx.conf`,
    `tls=${DemoBackend.TLS_DIR}`,
    'nginx -c "$conf" -e stderr -g \'daemon off;\' &',
    'pid=$!',
    'trap \'kill -QUIT "$pid" 2>/dev/null; wait "$pid"; exit 0\' TERM INT QUIT',
    'sum() { cat "$tls/tls.crt" "$tls/tls.key" 2>/dev/null | cksum; }',
    'last=$(sum)',
    'while kill -0 "$pid" 2>/dev/null; do',
    `  sleep ${CERTIFICATE_CHECK_SECONDS} &`,
    '  wait $!',
    '  now=$(sum)',
    '  if [ "$now" != "$last" ] && nginx -c "$conf" -e stderr -t -q; then',
    '    echo "demo-backend: certificate changed, reloading nginx" >&2',
    '    kill -HUP "$pid"',
    '    last=$now',
    '  fi',
    'done',
    'wait "$pid"',
    '',
  ].join('\n');
}
