// `simulator` and `simulator-identity`: thin routes to the simulator's own CLI (src/simulator/index.ts).
// Dynamic import: only main/CLI may reach the simulator, and only through its entry point (test/arch.test.ts).
// The global --data (the app's data folder) is handed on: the simulator's state lives in DATA/simulator, the same
// folder the embedded simulator of that data folder uses.
import path from 'node:path';
import {registerCommand, CliError, type CliContext} from '../registry.js';

async function loadSimulator(ctx: CliContext) {
  try {
    return await import('../../simulator/index.js');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') throw new CliError(ctx.t('cli.simulator.missing'));
    throw e;
  }
}

registerCommand({
  name: 'simulator',
  summary: 'cli.cmd.simulator',
  usage: 'ksef-certs [--data KATALOG] simulator [--port N] [opcje symulatora; --help]',
  run: async (ctx, argv) => (await loadSimulator(ctx)).runSimulatorCli(argv, {stateDir: path.resolve(ctx.options.dataDir, 'simulator')}),
});

registerCommand({
  name: 'simulator-identity',
  summary: 'cli.cmd.simulatorIdentity',
  usage: 'ksef-certs [--data KATALOG] simulator-identity [opcje; --help]',
  run: async (ctx, argv) => (await loadSimulator(ctx)).runSimulatorIdentityCli(argv, {stateDir: path.resolve(ctx.options.dataDir, 'simulator')}),
});
