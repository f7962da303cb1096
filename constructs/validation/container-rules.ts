/**
 * Container rules (the API server's `validateContainers`/`ValidateVolumeMounts` family) for the
 * containers cdk8s-expose workloads render.
 */
import { reject, show } from '../core/errors';
import { FieldPath } from '../core/field-path';

/** A volume mount's `mountPath`: absolute. */
export function validateMountPathAbsolute(path: string, field: FieldPath, mountPath: string): string {
  if (!mountPath.startsWith('/')) {
    reject(path, field.toString(), `${show(mountPath)} is not an absolute path; allowed: a path beginning with '/'`);
  }
  return mountPath;
}

/** A volume mount's `mountPath`: not already used by another mount of the same container. */
export function validateMountPathUnique(path: string, field: FieldPath, mountPath: string, earlier: readonly string[]): string {
  if (earlier.includes(mountPath)) {
    reject(path, field.toString(), `${show(mountPath)} is mounted twice; allowed: each mountPath once`);
  }
  return mountPath;
}

/**
 * A container port that a non-root user binds: 1024 or above, since binding a lower port needs
 * NET_BIND_SERVICE, which an unprivileged container does not have.
 */
export function validateUnprivilegedPort(path: string, field: FieldPath, port: number, uid: number): number {
  if (port < 1024) {
    reject(path, field.toString(), `${port} is a privileged port, which uid ${uid} cannot bind without NET_BIND_SERVICE; ` +
      'allowed: 1024-65535 (e.g. 8080)');
  }
  return port;
}

/**
 * Text that nginx returns from a double-quoted string: 1-1024 printable ASCII characters without
 * what would end or interpolate the string (`"`, `\`, `$`).
 */
export function validateNginxReturnText(path: string, field: FieldPath, text: string): string {
  if (text.length === 0 || text.length > 1024 || !/^[\x20-\x7e]*$/.test(text) || /["\\$]/.test(text)) {
    reject(path, field.toString(), `${show(text)} is not allowed; allowed: 1-1024 printable ASCII characters without '"', '\\' or '$'`);
  }
  return text;
}
