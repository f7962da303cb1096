/**
 * package.json's scripts as the arguments of a Node process: for the tests and the benchmark,
 * which run a script's own command line with this Node, without npm's own start in front
 * (~0.15-0.25 s). (scripts/test.js does the same for "typecheck" in plain JavaScript.)
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');

/** `node <args>` -> `<args>`; throws for anything but a plain node command (no shell syntax). */
export function nodeArgsOf(command: string, what: string): string[] {
  const words = command.trim().split(/\s+/);
  if (words[0] !== 'node' || words.some(w => /["'$`\\|&;<>*?]/.test(w))) {
    throw new Error(`${what} is not a plain node command: ${command}`);
  }
  return words.slice(1);
}

/** The arguments after `node` of package.json's script `name`. */
export function npmScriptNodeArgs(name: string): string[] {
  const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf-8')) as { scripts: Record<string, string> }).scripts;
  if (scripts[name] === undefined) throw new Error(`package.json has no "${name}" script`);
  return nodeArgsOf(scripts[name], `package.json "${name}"`);
}
