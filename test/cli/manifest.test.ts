// The command manifest (what `--help` shows without loading any command module) matches what the modules register.
import {describe, expect, it} from 'vitest';
import {COMMAND_MANIFEST} from '../../src/cli/commands/manifest.js';
import {getCommand} from '../../src/cli/registry.js';

describe('command manifest', () => {
  it('lists every registered command with the same summary, and loading an entry registers that command', async () => {
    for (const [name, entry] of Object.entries(COMMAND_MANIFEST)) {
      await entry.load();
      expect(getCommand(name)?.summary, name).toBe(entry.summary);
    }
    await import('../../src/cli/commands/index.js');
    const {listCommands} = await import('../../src/cli/registry.js');
    const registered = listCommands().map((c) => c.name).filter((n) => n !== 'test-echo');
    expect(registered.sort()).toEqual(Object.keys(COMMAND_MANIFEST).sort());
  });
});
