// `ksef-certs export SERIAL --dir D --password-file F [--overwrite] [--json]`: F4 export as a command. The password
// comes from the file (first line), KSEF_CERTS_EXPORT_PASSWORD or a hidden prompt — never from argv.
import {exportCertificate} from '../../flows/export.js';
import {readPasswordOption} from '../password-source.js';
import {EXIT, CliError, registerCommand, type CliContext} from '../registry.js';
import {findBySerial, parseFlags, runGuarded, writeJson} from '../command-kit.js';

const USAGE =
  'ksef-certs export NR_SERYJNY --dir FOLDER [--password-file PLIK] [--overwrite] [--json]\n' +
  '  Hasło do klucza (min. 12 znaków: wielka i mała litera, cyfra, znak specjalny): --password-file (pierwszy wiersz),\n' +
  '  zmienna KSEF_CERTS_EXPORT_PASSWORD lub pytanie w terminalu.';

async function runExport(ctx: CliContext, argv: string[]): Promise<number> {
  return runGuarded(ctx, argv, async (json) => {
    const spec = {flag: '--password-file', env: 'KSEF_CERTS_EXPORT_PASSWORD', prompt: 'Hasło do zaszyfrowania klucza prywatnego: ', required: true};
    // Checked before parsing so a password typed into argv is never echoed back as an "unknown option".
    const {values, flags, positional} = (() => {
      try {
        return parseFlags(argv, ['--dir', '--password-file'], ['--json', '--overwrite'], USAGE, 1);
      } catch (e) {
        if (argv.some((a) => /^--(password|pass|passin|key-password)(=|$)/.test(a))) {
          throw new CliError(`Hasła nie podaje się w wierszu poleceń — użyj --password-file PLIK, zmiennej ${spec.env} lub wpisz je po pytaniu w terminalu.`, EXIT.usage);
        }
        throw e;
      }
    })();
    if (flags.has('--help')) {
      ctx.stdout.write(`Użycie: ${USAGE}\n`);
      return EXIT.ok;
    }
    if (!positional[0]) throw new CliError(`Podaj numer seryjny certyfikatu.\nUżycie: ${USAGE}`, EXIT.usage);
    if (!values['--dir']) throw new CliError(`Podaj folder docelowy: --dir FOLDER.\nUżycie: ${USAGE}`, EXIT.usage);
    const {store, operator} = await ctx.login();
    const rec = await findBySerial(ctx, store, positional[0]);
    // A key on a PKCS#11 token is never exported (only the .crt is written): no password to ask for.
    const password = rec.keyUri ? '' : (await readPasswordOption(ctx, argv, spec)) ?? '';
    const res = await exportCertificate({store, operator, workstation: ctx.workstation}, rec, {dir: values['--dir'], password, overwrite: flags.has('--overwrite')});
    if (json) writeJson(ctx, {serial: rec.serial, certPath: res.certPath, keyPath: res.keyPath});
    else ctx.stdout.write(`Zapisano certyfikat: ${res.certPath}\nZapisano klucz prywatny (zaszyfrowany hasłem): ${res.keyPath}\n`);
    return EXIT.ok;
  });
}

registerCommand({name: 'export', summary: 'eksport certyfikatu i klucza (.crt + .key) — F4', usage: USAGE, run: runExport});
