/**
 * Container rules (the API server's `validateContainers`/`ValidateVolumeMounts` family) for the
 * containers cdk8s-expose workloads render.
 */
import { FieldPath } from '../core/field-path';
import { duplicate, invalid, Problem, show } from '../core/problem';
import { portNumberProblems } from '../validation/ports';

/** A volume mount's `mountPath`: absolute, and not already used by another mount (`earlier`) of the same container. */
export function mountPathProblems(field: FieldPath, mountPath: string, earlier: readonly string[]): Problem[] {
  if (!mountPath.startsWith('/')) {
    return [invalid(field, mountPath, `${show(mountPath)} is not an absolute path; allowed: a path beginning with '/'`)];
  }
  if (earlier.includes(mountPath)) return [duplicate(field, mountPath, `${show(mountPath)} is mounted twice; allowed: each mountPath once`)];
  return [];
}

/**
 * A container port that a non-root user binds: a port number of 1024 or above, since binding a
 * lower port needs NET_BIND_SERVICE, which an unprivileged container does not have.
 */
export function unprivilegedPortProblems(field: FieldPath, port: number, uid: number): Problem[] {
  const number = portNumberProblems(field, port);
  if (number.length > 0 || port >= 1024) return number;
  return [invalid(field, port, `${port} is a privileged port, which uid ${uid} cannot bind without NET_BIND_SERVICE; ` +
    'allowed: 1024-65535 (e.g. 8080)')];
}

const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/**
 * An environment variable name as the 1.27 API server checks it (`validateEnv` ->
 * apimachinery's `IsEnvVarName`): `[-._a-zA-Z][-._a-zA-Z0-9]*`, so neither empty, nor with '='
 * or a space, nor starting with a digit; and not '.', '..' or starting with '..' (`hasChDirPrefix`).
 * (Not the C-identifier rule, which only `envFrom` prefixes once used; the relaxed rule of 1.30+
 * is not available on 1.27.)
 */
export function envVarNameProblems(field: FieldPath, name: string): Problem[] {
  const problem = name.length === 0 ? 'it is empty'
    : !ENV_VAR_NAME.test(name) ? 'it must consist of letters, digits, \'_\', \'-\' or \'.\', and not start with a digit'
      : chDirProblem(name);
  if (problem === undefined) return [];
  return [invalid(field, name, `${show(name)} is not a valid environment variable name: ${problem}; allowed: ` +
    '[-._a-zA-Z][-._a-zA-Z0-9]* (e.g. "MY_ENV.NAME")')];
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
export function mountedFileKeyProblems(field: FieldPath, key: string): Problem[] {
  const problem = key.length === 0 ? 'it is empty (an empty subPath mounts the whole volume, not one file)'
    : key.length > 253 ? `it has ${key.length} characters (at most 253)`
      : !/^[-._a-zA-Z0-9]+$/.test(key) ? (key.includes('/') ? 'it contains \'/\' (a key is a file name, and a subPath must be a relative path without \'..\')'
        : 'it must consist of letters, digits, \'-\', \'_\' or \'.\'')
        : chDirProblem(key);
  if (problem === undefined) return [];
  return [invalid(field, key, `${show(key)} is not a valid ConfigMap or Secret key: ${problem}; allowed: 1-253 letters, digits, ` +
    '\'-\', \'_\' or \'.\', not starting with \'..\' (e.g. "nginx.conf")')];
}
