/**
 * The container options shared by HostPortPod, HostNetworkPod and AppDeployment, and the
 * one place that turns them into a Kubernetes container.
 *
 * Deliberately plain: no cdk8s-plus defaults (`runAsNonRoot`, `readOnlyRootFilesystem`,
 * 1-CPU requests), because common images such as the stock nginx start as root and write to
 * /var/cache/nginx. Add a security context yourself when your image supports it.
 */
import { ApiObject } from 'cdk8s';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import { validateDns1123Label, validateDns1123Subdomain } from '../validation/names';
import { validateImage, validateOneOf } from '../validation/values';
import { validateLabels } from '../validation/labels';
import { validatePortName, validatePortNumber } from '../validation/ports';
import { FieldPath } from '../core/field-path';
import { validateEnvVarName, validateMountedFileKey, validateMountPathAbsolute, validateMountPathUnique } from '../validation/container-rules';
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
 * Validates the shared container options and builds the container. `podSpec` is where the pod
 * spec sits in the manifest (`spec` for a Pod, `spec.template.spec` for a Deployment).
 * @internal
 */
export function buildContainer(path: string, podSpec: FieldPath, options: ContainerOptions,
  extraPort: Partial<k8s.ContainerPort> = {}): BuiltContainer {
  const field = podSpec.child('containers').index(0);
  const port = field.child('ports').index(0);
  const name = validateDns1123Label(path, field.child('name'), options.containerName ?? 'main');
  validateImage(path, field.child('image'), options.image);
  validatePortNumber(path, port.child('containerPort'), options.containerPort);
  const protocol = validateOneOf(path, port.child('protocol'), options.protocol ?? Protocol.TCP, Object.values(Protocol));
  if (options.portName !== undefined) validatePortName(path, port.child('name'), options.portName);
  const pullPolicy = validateOneOf(path, field.child('imagePullPolicy'), options.imagePullPolicy ?? ImagePullPolicy.IF_NOT_PRESENT,
    Object.values(ImagePullPolicy));
  if (options.nodeSelector) validateLabels(path, podSpec.child('nodeSelector'), options.nodeSelector);

  const volumes: k8s.Volume[] = [];
  const volumeMounts: k8s.VolumeMount[] = [];
  const volumeBySource = new Map<string, string>();
  (options.files ?? []).forEach((file, i) => {
    // one mount per file, in order: files[i] is volumeMounts[i]
    const mountPath = field.child('volumeMounts').index(i).child('mountPath');
    validateMountPathAbsolute(path, mountPath, file.mountPath);
    validateMountPathUnique(path, mountPath, file.mountPath, volumeMounts.map(m => m.mountPath));
    // files of one source share a volume, so sourceName has no single manifest field
    validateDns1123Subdomain(path, FieldPath.prop('files').index(i).child('sourceName'), file.sourceName);
    validateMountedFileKey(path, field.child('volumeMounts').index(i).child('subPath'), file.key);
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
  const env = (options.env ?? []).map((e, i) => ({ name: validateEnvVarName(path, field.child('env').index(i).child('name'), e.name), value: e.value }));

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
  return validateLabels(path, FieldPath.metadata('labels'), labels ?? { app: name }, true);
}

/**
 * The Deployment `Resource` of a workload: selector, pod labels and object labels are copies of
 * `labels` (no shared objects, so the YAML has no aliases).
 * @internal
 */
export function addDeployment(scope: Construct, name: string, labels: { [key: string]: string }, replicas: number,
  podSpec: k8s.PodSpec): ApiObject {
  return new k8s.KubeDeployment(scope, 'Resource', {
    metadata: { name, labels: { ...labels } },
    spec: {
      replicas,
      selector: { matchLabels: { ...labels } },
      template: { metadata: { labels: { ...labels } }, spec: podSpec },
    },
  });
}
