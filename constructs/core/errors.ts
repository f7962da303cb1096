/**
 * Telling cdk8s-expose's validation errors apart, in every jsii language.
 *
 * The error class itself (`ExposeValidationError`, a subclass of Error) is TypeScript-only:
 * import it from `cdk8s-expose/errors`. The package entry exports `ExposeErrors`.
 */
const VALIDATION_ERROR_BRAND = Symbol.for('cdk8s-expose.ExposeValidationError');

/**
 * Thrown for any input that Kubernetes, ingress-nginx or cdk8s-expose would reject.
 *
 * TypeScript-only (a subclass of Error is not jsii-compatible): it is exported from
 * `cdk8s-expose/errors`; the package entry has `ExposeErrors.isValidationError()` for every language.
 */
export class ExposeValidationError extends Error {
  /** Whether `x` is an ExposeValidationError, also one thrown by another copy of this package. */
  public static isExposeValidationError(x: unknown): x is ExposeValidationError {
    return typeof x === 'object' && x !== null && (x as any)[VALIDATION_ERROR_BRAND] === true;
  }

  /** The construct path of the construct whose input is wrong. */
  public readonly constructPath: string;
  /** The field, as a Kubernetes field path or a props name (`spec.ports[0].nodePort`, `props.host`). */
  public readonly field: string;

  constructor(constructPath: string, field: string, message: string) {
    super(`[${constructPath}] ${field}: ${message}`);
    this.name = 'ExposeValidationError';
    Object.defineProperty(this, VALIDATION_ERROR_BRAND, { value: true });
    this.constructPath = constructPath;
    this.field = field;
  }
}

/**
 * Throws the standard error: `[construct path] field: message`. Rules in `validation/` call it;
 * constructors call rules.
 */
export function reject(path: string, field: string, message: string): never {
  throw new ExposeValidationError(path, field, message);
}

/** A value as it appears in a message: strings quoted, everything else as is. */
export function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}


/** Inspects errors thrown by cdk8s-expose constructs. */
export class ExposeErrors {
  /** Whether `error` is a cdk8s-expose validation error (bad input caught at construction). */
  public static isValidationError(error: any): boolean {
    return ExposeValidationError.isExposeValidationError(error);
  }

  /**
   * The construct path of the construct whose input was wrong.
   * @returns undefined if `error` is not a cdk8s-expose validation error
   */
  public static constructPathOf(error: any): string | undefined {
    return ExposeValidationError.isExposeValidationError(error) ? error.constructPath : undefined;
  }

  /**
   * The field that was wrong (`spec.ports[0].nodePort`, `props.host`).
   * @returns undefined if `error` is not a cdk8s-expose validation error
   */
  public static fieldOf(error: any): string | undefined {
    return ExposeValidationError.isExposeValidationError(error) ? error.field : undefined;
  }

  private constructor() {}
}
