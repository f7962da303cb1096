/**
 * The container options shared by HostPortPod, HostNetworkPod and AppDeployment, and the
 * one place that turns them into a Kubernetes container.
 *
 * Deliberately plain: no cdk8s-plus defaults (`runAsNonRoot`, `readOnlyRootFilesystem`,
 * 1-CPU requests), because the images these labs run (nginx) start as root and write to
 * /var/cache/nginx. Add a security context yourself when your image supports it.
 */
import { k8s } from 'cdk8s-plus-27';
import { validateDns1123Label, validateDns1123Subdomain } from '../validation/names';
import { validateImage, validateOneOf } from '../validation/values';
import { validateLabels } from '../validation/labels';
import { validatePortName, validatePortNumber } from '../validation/ports';
import { reject } from '../core/errors';
import { ImagePullPolicy, Protocol } from '../core/enums';

/** A file from a ConfigMap or Secret key, mounted into the container at `mountPath`. */
export interface MountedFile {
  /** Name of the ConfigMap (or Secret, with `fromSecret`) that holds the file. */
  readonly sourceName: string;
  /** The key in that ConfigMap or Secret. */
  readonly key: string;
  /** Absolute path of the file inside the container. */
  readonly mountPath: string;
  /**
   * Read the key from a Secret instead of a ConfigMap.
   * @default false
   */
  readonly fromSecret?: boolean;
}

/** A container's environment variable. */
export interface EnvVariable {
  /** Variable name. */
  readonly name: string;
  /** Value. */
  readonly value: string;
}

/** Options of the one container of a cdk8s-expose workload. */
export interface ContainerOptions {
  /** Container image, e.g. `nginx:1.9.0`. */
  readonly image: string;
  /** The port the container listens on. */
  readonly containerPort: number;
  /**
   * Protocol of the container port.
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;
  /**
   * Name of the container port (IANA_SVC_NAME, at most 15 characters), so a Service can
   * target it by name.
   * @default - the port is unnamed
   */
  readonly portName?: string;
  /**
   * Name of the container.
   * @default 'main'
   */
  readonly containerName?: string;
  /**
   * Image pull policy.
   * @default ImagePullPolicy.IF_NOT_PRESENT
   */
  readonly imagePullPolicy?: ImagePullPolicy;
  /**
   * Entrypoint override.
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];
  /**
   * Arguments.
   * @default - the image's CMD
   */
  readonly args?: string[];
  /**
   * Environment variables, in this order.
   * @default - none
   */
  readonly env?: EnvVariable[];
  /**
   * Files mounted from ConfigMaps or Secrets (one volume per source, `subPath` mounts).
   * @default - none
   */
  readonly files?: MountedFile[];
  /**
   * Node labels the pod must run on.
   * @default - any node
   */
  readonly nodeSelector?: { [key: string]: string };
}

/** What `buildContainer` returns: the container and the pod volumes it needs. */
export interface BuiltContainer {
  readonly container: k8s.Container;
  readonly volumes: k8s.Volume[];
}

/**
 * Validates the shared container options and builds the container.
 * @internal
 */
export function buildContainer(path: string, options: ContainerOptions, extraPort: Partial<k8s.ContainerPort> = {}): BuiltContainer {
  const name = validateDns1123Label(path, 'spec.containers[0].name', options.containerName ?? 'main');
  validateImage(path, 'spec.containers[0].image', options.image);
  validatePortNumber(path, 'spec.containers[0].ports[0].containerPort', options.containerPort);
  const protocol = validateOneOf(path, 'spec.containers[0].ports[0].protocol', options.protocol ?? Protocol.TCP,
    Object.values(Protocol));
  if (options.portName !== undefined) validatePortName(path, 'spec.containers[0].ports[0].name', options.portName);
  const pullPolicy = validateOneOf(path, 'spec.containers[0].imagePullPolicy', options.imagePullPolicy ?? ImagePullPolicy.IF_NOT_PRESENT,
    Object.values(ImagePullPolicy));
  if (options.nodeSelector) validateLabels(path, 'spec.nodeSelector', options.nodeSelector);

  const volumes: k8s.Volume[] = [];
  const volumeMounts: k8s.VolumeMount[] = [];
  const volumeBySource = new Map<string, string>();
  (options.files ?? []).forEach((file, i) => {
    const field = `props.files[${i}]`;
    if (!file.mountPath.startsWith('/')) {
      reject(path, `${field}.mountPath`, `${JSON.stringify(file.mountPath)} is not an absolute path; allowed: a path beginning with '/'`);
    }
    // The API server requires each mountPath of a container to be unique.
    if (volumeMounts.some(m => m.mountPath === file.mountPath)) {
      reject(path, `${field}.mountPath`, `${JSON.stringify(file.mountPath)} is mounted twice; allowed: each mountPath once`);
    }
    validateDns1123Subdomain(path, `${field}.sourceName`, file.sourceName);
    const sourceKey = `${file.fromSecret ? 'secret' : 'configmap'}/${file.sourceName}`;
    let volumeName = volumeBySource.get(sourceKey);
    if (!volumeName) {
      volumeName = `${file.fromSecret ? 'secret' : 'config'}-${volumes.length}`;
      volumeBySource.set(sourceKey, volumeName);
      volumes.push(file.fromSecret
        ? { name: volumeName, secret: { secretName: file.sourceName } }
        : { name: volumeName, configMap: { name: file.sourceName } });
    }
    volumeMounts.push({ name: volumeName, mountPath: file.mountPath, subPath: file.key, readOnly: true });
  });
  const env = (options.env ?? []).map(e => ({ name: e.name, value: e.value }));

  const container: k8s.Container = {
    name,
    image: options.image,
    imagePullPolicy: pullPolicy,
    command: options.command,
    args: options.args,
    env: env.length > 0 ? env : undefined,
    ports: [{
      name: options.portName,
      containerPort: options.containerPort,
      protocol,
      ...extraPort,
    }],
    volumeMounts: volumeMounts.length > 0 ? volumeMounts : undefined,
  };
  return { container, volumes };
}

/**
 * `{ app: name }` unless labels are given; validated either way.
 * @internal
 */
export function resolveLabels(path: string, name: string, labels: { [key: string]: string } | undefined): { [key: string]: string } {
  return validateLabels(path, 'metadata.labels', labels ?? { app: name }, true);
}
