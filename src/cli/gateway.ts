// Composition of the KSeF gateway for the CLI and the TUI: the embedded simulator keeps its own state in
// <data>/simulator and is started in-process only when a command first talks to KSeF.
import path from 'node:path';
import {KsefGateway} from '../flows/gateway.js';
import type {GlobalOptions} from './args.js';

/** `KSEF_CERTS_TIMEOUT_MS`: per-attempt KSeF HTTP limit (default: the client's 30 s); tests use a short one. */
export function clientTimeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const ms = Number(env.KSEF_CERTS_TIMEOUT_MS);
  return Number.isInteger(ms) && ms > 0 ? ms : undefined;
}

export function createGateway(options: Pick<GlobalOptions, 'ksef' | 'api' | 'dataDir'>): KsefGateway {
  const timeoutMs = clientTimeoutFromEnv();
  return new KsefGateway({
    target: options.ksef,
    apiOverride: options.api,
    ...(timeoutMs ? {client: {timeoutMs}} : {}),
    startSimulator: async () => {
      // Dynamic import: the simulator is a separate part and is not loaded unless used.
      const sim = await import('../simulator/index.js');
      const handle = await sim.startSimulator({dataDir: path.resolve(options.dataDir, 'simulator'), port: 0, quiet: true});
      return {apiBase: (env) => handle.apiBase(env), close: () => handle.close()};
    },
  });
}
