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

const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/**
 * An environment variable name as the 1.27 API server checks it (`validateEnv` ->
 * apimachinery's `IsEnvVarName`): `[-._a-zA-Z][-._a-zA-Z0-9]*`, so neither empty, nor with '='
 * or a space, nor starting with a digit; and not '.', '..' or starting with '..' (`hasChDirPrefix`).
 * (Not the C-identifier rule, which only `envFrom` prefixes once used; the relaxed rule of 1.30+
 * is not available on 1.27.)
 */
export function validateEnvVarName(path: string, field: FieldPath, name: string): string {
  const problem = name.length === 0 ? 'it is empty'
    : !ENV_VAR_NAME.test(name) ? 'it must consist of letters, digits, \'_\', \'-\' or \'.\', and not start with a digit'
      : chDirProblem(name);
  if (problem !== undefined) {
    reject(path, field.toString(), `${show(name)} is not a valid environment variable name: ${problem}; allowed: ` +
      '[-._a-zA-Z][-._a-zA-Z0-9]* (e.g. "MY_ENV.NAME")');
  }
  return name;
}

/** apimachinery's `hasChDirPrefix`: not '.', not '..', not starting with '..'. */
function chDirProblem(value: string): string | undefined {
  if (value === '.') return 'it must not be \'.\'';
  if (value === '..') return 'it must not be \'..\'';
  if (value.startsWith('..')) return 'it must not start with \'..\'';
  return undefined;
}

/**
 * A key of a ConfigMap or Secret that a file is mounted from (`IsConfigMapKey`): 1-253 letters,
 * digits, '-', '_' or '.', not '.', '..' or starting with '..'. As a `subPath` it is therefore
 * relative and has no '..' component (`validateLocalDescendingPath`), and an empty key, which
 * would mount the whole volume instead of one file, is refused.
 */
export function validateMountedFileKey(path: string, field: FieldPath, key: string): string {
  const problem = key.length === 0 ? 'it is empty (an empty subPath mounts the whole volume, not one file)'
    : key.length > 253 ? `it has ${key.length} characters (at most 253)`
      : !/^[-._a-zA-Z0-9]+$/.test(key) ? (key.includes('/') ? 'it contains \'/\' (a key is a file name, and a subPath must be a relative path without \'..\')'
        : 'it must consist of letters, digits, \'-\', \'_\' or \'.\'')
        : chDirProblem(key);
  if (problem !== undefined) {
    reject(path, field.toString(), `${show(key)} is not a valid ConfigMap or Secret key: ${problem}; allowed: 1-253 letters, digits, ` +
      '\'-\', \'_\' or \'.\', not starting with \'..\' (e.g. "nginx.conf")');
  }
  return key;
}
