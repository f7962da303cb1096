/**
 * Telling cdk8s-expose's validation errors apart, in every jsii language.
 *
 * The error class itself (`ExposeValidationError`, a subclass of Error) is TypeScript-only:
 * import it from `cdk8s-expose/errors`. The package entry exports `ExposeErrors`.
 */
import { ExposeValidationError } from '../validation/field-validation';

export { ExposeValidationError };

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
