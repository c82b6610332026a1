// `simulator` and `simulator-identity`: thin routes to the simulator's own CLI (src/simulator/index.ts).
// Dynamic import: only main/CLI may reach the simulator, and only through its entry point (test/arch.test.ts).
import {registerCommand, CliError} from '../registry.js';

async function loadSimulator() {
  try {
    return await import('../../simulator/index.js');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') throw new CliError('Symulator KSeF nie jest dostępny w tej wersji programu.');
    throw e;
  }
}

registerCommand({
  name: 'simulator',
  summary: 'cli.cmd.simulator',
  usage: 'ksef-certs simulator [--port N] [opcje symulatora; --help]',
  run: async (_ctx, argv) => (await loadSimulator()).runSimulatorCli(argv),
});

registerCommand({
  name: 'simulator-identity',
  summary: 'cli.cmd.simulatorIdentity',
  usage: 'ksef-certs simulator-identity [opcje; --help]',
  run: async (_ctx, argv) => (await loadSimulator()).runSimulatorIdentityCli(argv),
});
