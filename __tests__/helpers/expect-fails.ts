import { ExposeValidationError } from '../../constructs/core/errors';

/** Runs `fn`, expects an ExposeValidationError and checks that its message contains every part. */
export function expectFails(fn: () => unknown, ...parts: string[]): ExposeValidationError {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ExposeValidationError);
  const e = error as ExposeValidationError;
  for (const part of parts) expect(e.message).toContain(part);
  return e;
}
