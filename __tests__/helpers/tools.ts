/**
 * Tests that need Debian's openssl, curl or nginx. Tools are looked up on PATH only (Debian keeps
 * nginx in /usr/sbin, which a user's PATH may lack: then it counts as missing). A missing tool
 * skips the tests that need it, with one line on stderr saying why, unless
 * CDK8S_EXPOSE_REQUIRE_TOOLS=1 (set by .ci/run, which installs them): then they run and fail.
 */
import * as fs from 'fs';
import * as path from 'path';

export const REQUIRE_TOOLS_ENV = 'CDK8S_EXPOSE_REQUIRE_TOOLS';

/** The tool's path on PATH, if it is there. */
export function which(name: string): string | undefined {
  for (const d of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const p = path.join(d, name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      if (fs.statSync(p).isFile()) return p;
    } catch { /* next */ }
  }
  return undefined;
}

/** The tool's path; throws a clear error when it is missing. */
export function tool(name: string): string {
  const p = which(name);
  if (p === undefined) {
    throw new Error(`${name} is not on PATH: the real-tool tests need Debian's openssl, curl and nginx ` +
      `(apt-get install openssl curl nginx; nginx is in /usr/sbin). ${REQUIRE_TOOLS_ENV}=1 makes a missing tool fail the run, as in .ci/run`);
  }
  return p;
}

const announced = new Set<string>();

/** `describe` when the tools are there (or required), else `describe.skip` with the reason in its title and one line on stderr. */
export function describeWithTools(tools: string[], title: string, fn: () => void): void {
  const missing = tools.filter(t => which(t) === undefined);
  if (missing.length === 0 || process.env[REQUIRE_TOOLS_ENV] === '1') {
    describe(title, fn);
    return;
  }
  const reason = `skipped: ${missing.join(', ')} not on PATH`;
  if (!announced.has(reason)) {
    announced.add(reason);
    process.stderr.write(`[real tools] skipping the tests that need ${missing.join(', ')}: not on PATH ` +
      `(apt-get install ${missing.join(' ')}; ${REQUIRE_TOOLS_ENV}=1 makes this a failure, as in .ci/run)\n`);
  }
  describe.skip(`${title} [${reason}]`, fn);
}
