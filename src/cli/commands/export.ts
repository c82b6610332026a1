// `ksef-certs export SERIAL --dir D --password-file F [--overwrite] [--json]`: F4 export as a command. The password
// comes from the file (first line), KSEF_CERTS_EXPORT_PASSWORD or a hidden prompt — never from argv.
import {exportCertificate} from '../../flows/export.js';
import {readPasswordOption, refusePasswordInArgv} from '../password-source.js';
import {EXIT, registerCommand, type CliContext} from '../registry.js';
import {findBySerial, parseOrHelp, runGuarded, usage, writeJson} from '../command-kit.js';
import type {CommandSpec} from '../options.js';

const SPEC = {
  name: 'export',
  synopsis: 'cli.export.synopsis',
  maxPositionals: 1,
  options: {
    dir: {type: 'string', value: 'cli.ph.dir', help: 'cli.export.o.dir'},
    'password-file': {type: 'string', value: 'cli.ph.file', help: 'cli.o.passwordFile'},
    overwrite: {type: 'boolean', help: 'cli.export.o.overwrite'},
    json: {type: 'boolean', help: 'cli.o.json'},
  },
  notes: ['cli.export.note'],
} as const satisfies CommandSpec;

async function runExport(ctx: CliContext, argv: string[]): Promise<number> {
  return runGuarded(ctx, argv, async (json) => {
    const spec = {flag: '--password-file', env: 'KSEF_CERTS_EXPORT_PASSWORD', prompt: ctx.t('cli.export.prompt'), required: true};
    // Checked before parsing so a password typed into argv is never echoed back as an "unknown option".
    refusePasswordInArgv(argv, spec);
    const {values, positionals, help} = parseOrHelp(ctx, SPEC, argv);
    if (help) return EXIT.ok;
    if (!positionals[0]) throw usage(ctx, SPEC, 'cli.needSerial');
    if (!values.dir) throw usage(ctx, SPEC, 'cli.export.needDir');
    const {store, operator} = await ctx.login();
    const rec = await findBySerial(ctx, store, positionals[0]);
    // A key on a PKCS#11 token is never exported (only the .crt is written): no password to ask for.
    const password = rec.keyUri ? '' : (await readPasswordOption(ctx, argv, spec)) ?? '';
    const res = await exportCertificate({store, operator, workstation: ctx.workstation}, rec, {dir: values.dir, password, overwrite: !!values.overwrite});
    if (json) writeJson(ctx, {serial: rec.serial, certPath: res.certPath, keyPath: res.keyPath});
    else ctx.stdout.write(`${ctx.t('cli.export.done', {cert: res.certPath, key: res.keyPath})}\n`);
    return EXIT.ok;
  });
}

registerCommand({name: 'export', summary: 'cli.cmd.export', usage: SPEC.synopsis, run: runExport});
