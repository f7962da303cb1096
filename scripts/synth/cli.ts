/**
 * The safe synth's other path: the real `cdk8s synth` into a per-run directory, for projects
 * whose cdk8s.yaml declares validation plugins besides ours (or with `--cli`).
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_KUBERNETES_VERSIONS } from '../../validation-plugin/src/schema-validator';
import { CDK8S_CLI, PLUGIN_DIR } from '../synth-plugin';

/** Runs `cdk8s synth --output <output>`; resolves with its exit code and captured stdout. */
export function runCli(project: string, output: string, reportsFile: string): Promise<{ code: number; stdout: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, CDK8S_RECORD_CONSTRUCT_METADATA: 'true', CDK8S_CHECK_UPGRADE: 'false' };
  // Options the CLI would read from the environment (yargs .env('CDK8S')) or that change the output.
  for (const k of ['CDK8S_OUTPUT', 'CDK8S_STDOUT', 'CDK8S_FORMAT', 'CDK8S_APP', 'CDK8S_VALIDATE', 'CDK8S_OUTDIR', 'CDK8S_DISABLE_SORT', 'CDK8S_VALIDATION_REPORTS_OUTPUT_FILE']) delete env[k];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [
      CDK8S_CLI, 'synth', '--no-check-upgrade', '--output', output, '--validation-reports-output-file', reportsFile,
    ], { cwd: project, env, stdio: ['ignore', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout: Buffer.concat(chunks).toString('utf-8') }));
  });
}

/** Whether the CLI already ran this repo's SchemaValidation plugin successfully (then we need not repeat it). */
export function pluginPassed(reportsFile: string): boolean {
  if (!fs.existsSync(reportsFile)) return false;
  try {
    const { reports } = JSON.parse(fs.readFileSync(reportsFile, 'utf-8')) as { reports: { summary: { status: string; plugin: string; metadata?: { Schemas?: string } } }[] };
    // Same plugin, same schemas (its report names the Kubernetes versions it used), and it passed.
    const schemas = `Kubernetes ${DEFAULT_KUBERNETES_VERSIONS.join(', ')} + CRDs`;
    return reports.some(r => path.resolve(r.summary.plugin) === PLUGIN_DIR && r.summary.status === 'success' && r.summary.metadata?.Schemas === schemas);
  } catch {
    return false;
  }
}
