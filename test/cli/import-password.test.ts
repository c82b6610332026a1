// Password sources shared by CLI commands: file → env → hidden prompt on a TTY; never argv.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {afterAll, describe, expect, it} from 'vitest';
import {CliError} from '../../src/cli/registry.js';
import {optionValue, readPasswordOption} from '../../src/cli/password-source.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ksef-pass-'));
afterAll(() => fs.rmSync(dir, {recursive: true, force: true}));
const SPEC = {flag: '--password-file', env: 'KSEF_CERTS_PASSWORD', prompt: 'Hasło klucza: '};

function ctx(env: NodeJS.ProcessEnv, tty: boolean) {
  const stdin = new PassThrough() as PassThrough & {isTTY?: boolean; setRawMode?: (on: boolean) => void};
  const raw: boolean[] = [];
  if (tty) {
    stdin.isTTY = true;
    stdin.setRawMode = (on) => void raw.push(on);
  }
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (d) => (err += d));
  return {env, stdin, stderr, err: () => err, raw};
}

describe('readPasswordOption', () => {
  it('the file wins over the env; the env over the prompt', async () => {
    const f = path.join(dir, 'hasło z pliku.txt');
    fs.writeFileSync(f, 'z-pliku\nz drugiej linii\n');
    expect(await readPasswordOption(ctx({KSEF_CERTS_PASSWORD: 'z-env'}, true), ['--password-file', f], SPEC)).toBe('z-pliku');
    expect(await readPasswordOption(ctx({KSEF_CERTS_PASSWORD: 'z-env'}, true), [`--password-file=${f}`], SPEC)).toBe('z-pliku');
    expect(await readPasswordOption(ctx({KSEF_CERTS_PASSWORD: 'z-env'}, true), [], SPEC)).toBe('z-env');
    expect(await readPasswordOption(ctx({KSEF_CERTS_PASSWORD: ''}, false), [], SPEC)).toBe('');
  });

  it('asks on a TTY in raw mode, echoes nothing, Backspace edits', async () => {
    const c = ctx({}, true);
    const p = readPasswordOption(c, ['--json'], SPEC);
    c.stdin.write('Tajne1\x7fź\r');
    expect(await p).toBe('Tajneź');
    expect(c.err()).toBe('Hasło klucza: \n');
    expect(c.raw).toEqual([true, false]);
  });

  it('Ctrl+C at the prompt is a refusal (exit 1), not a crash', async () => {
    const c = ctx({}, true);
    const p = readPasswordOption(c, [], SPEC);
    c.stdin.write('abc\x03');
    await expect(p).rejects.toMatchObject({name: 'CliError', exitCode: 1, message: 'Przerwano wpisywanie hasła.'});
  });

  it('no source and no terminal: undefined, or a Polish refusal when required', async () => {
    expect(await readPasswordOption(ctx({}, false), [], SPEC)).toBeUndefined();
    await expect(readPasswordOption(ctx({}, false), [], {...SPEC, required: true})).rejects.toThrow(/Brak hasła: podaj --password-file PLIK/);
  });

  it('a password on the command line is refused as a usage error', async () => {
    for (const argv of [['--password', 'x'], ['--password=x'], ['--passin', 'pass:x']]) {
      const e = await readPasswordOption(ctx({}, false), argv, SPEC).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(CliError);
      expect(e).toMatchObject({exitCode: 2});
      expect((e as Error).message).not.toContain('x ');
    }
  });

  it('optionValue needs a value', () => {
    expect(optionValue(['--a', '1', '--password-file', 'p'], '--password-file')).toBe('p');
    expect(() => optionValue(['--password-file'], '--password-file')).toThrow(/wymaga wartości/);
    expect(() => optionValue(['--password-file', '--json'], '--password-file')).toThrow(/wymaga wartości/);
  });

  it('a folder as the password file is refused in Polish', async () => {
    await expect(readPasswordOption(ctx({}, false), ['--password-file', dir], SPEC)).rejects.toThrow(/katalog zamiast pliku z hasłem/);
  });
});
