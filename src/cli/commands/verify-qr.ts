// `ksef-certs verify-qr LINK [--invoice F.xml] [--cert F.crt] [--json]`: checks a KOD I / KOD II link strictly
// (src/ksef/qr-verify.ts). Exit 0 valid, 1 invalid (each reason listed), 2 usage.
import {describeVerification, verifyQr, type VerifyQrDeps} from '../../flows/verify-qr.js';
import {readRegularFile} from '../../flows/fs-util.js';
import {EXIT, registerCommand, type CliContext} from '../registry.js';
import {parseOrHelp, runGuarded, usage, writeJson} from '../command-kit.js';
import type {CommandSpec} from '../options.js';

const SPEC = {
  name: 'verify-qr',
  synopsis: 'cli.verifyQr.synopsis',
  maxPositionals: 1,
  options: {
    invoice: {type: 'string', value: 'cli.ph.file', help: 'cli.verifyQr.o.invoice'},
    cert: {type: 'string', value: 'cli.ph.file', help: 'cli.verifyQr.o.cert'},
    json: {type: 'boolean', help: 'cli.o.json'},
  },
} as const satisfies CommandSpec;

async function run(ctx: CliContext, argv: string[]): Promise<number> {
  const {values: a, positionals, help} = parseOrHelp(ctx, SPEC, argv);
  if (help) return EXIT.ok;
  const link = positionals[0];
  if (!link) throw usage(ctx, SPEC, 'cli.verifyQr.needLink');
  const invoice = a.invoice ? await readRegularFile(a.invoice, 'invoice') : undefined;
  const certificate = a.cert ? await readRegularFile(a.cert, 'cert') : undefined;
  // The store is optional here: a certificate already imported or generated is found by its serial.
  const store = await ctx.openStore().catch(() => undefined);
  const deps: VerifyQrDeps = {gateway: ctx.gateway(), ...(store ? {store} : {})};
  const r = await verifyQr(deps, {link, invoice, certificate});
  if (a.json) {
    writeJson(ctx, r);
  } else {
    const d = describeVerification(r, ctx.t);
    const mark = (ok: boolean | null) => (ok === true ? '[OK]' : ok === false ? '[!!]' : '[--]');
    ctx.stdout.write([d.headline, ...d.lines.map((l) => `${mark(l.ok)} ${l.text}`), ''].join('\n'));
  }
  return r.valid ? EXIT.ok : EXIT.refused;
}

registerCommand({
  name: 'verify-qr',
  summary: 'cli.cmd.verifyQr',
  usage: SPEC.synopsis,
  run: (ctx, argv) => runGuarded(ctx, argv, () => run(ctx, argv)),
});
