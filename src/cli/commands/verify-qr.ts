// `ksef-certs verify-qr LINK [--invoice F.xml] [--cert F.crt] [--json]`: checks a KOD I / KOD II link strictly
// (src/ksef/qr-verify.ts). Exit 0 valid, 1 invalid (each reason listed), 2 usage.
import {describeVerification, verifyQr, type VerifyQrDeps} from '../../flows/verify-qr.js';
import {readRegularFile} from '../../flows/fs-util.js';
import {CliError, EXIT, registerCommand, type CliContext} from '../registry.js';
import {runGuarded, writeJson} from '../command-kit.js';

const USAGE = 'ksef-certs verify-qr LINK [--invoice PLIK.xml] [--cert PLIK.crt] [--json]';

function parse(argv: string[]): {link: string; invoice?: string; cert?: string; json: boolean} {
  const out: {link?: string; invoice?: string; cert?: string; json: boolean} = {json: false};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') out.json = true;
    else if (a === '--invoice' || a === '--cert') {
      const v = argv[++i];
      const key = a === '--invoice' ? 'invoice' : 'cert';
      if (!v) throw new CliError(`Opcja ${a} wymaga wartości.\nUżycie: ${USAGE}`, EXIT.usage);
      if (out[key] !== undefined) throw new CliError(`Opcja ${a} podana dwa razy.\nUżycie: ${USAGE}`, EXIT.usage);
      out[key] = v;
    } else if (a.startsWith('--')) throw new CliError(`Nieznana opcja: ${a}\nUżycie: ${USAGE}`, EXIT.usage);
    else if (out.link === undefined) out.link = a;
    else throw new CliError(`Nieoczekiwany argument: ${a}\nUżycie: ${USAGE}`, EXIT.usage);
  }
  if (!out.link) throw new CliError(`Podaj link KOD I lub KOD II.\nUżycie: ${USAGE}`, EXIT.usage);
  return out as {link: string; invoice?: string; cert?: string; json: boolean};
}

async function run(ctx: CliContext, argv: string[]): Promise<number> {
  const a = parse(argv);
  const invoice = a.invoice ? await readRegularFile(a.invoice, 'faktury') : undefined;
  const certificate = a.cert ? await readRegularFile(a.cert, 'certyfikatu') : undefined;
  // The store is optional here: a certificate already imported or generated is found by its serial.
  const store = await ctx.openStore().catch(() => undefined);
  const deps: VerifyQrDeps = {gateway: ctx.gateway(), ...(store ? {store} : {})};
  const r = await verifyQr(deps, {link: a.link, invoice, certificate});
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
  summary: 'sprawdzenie linku KOD I / KOD II: środowisko, skrót faktury, podpis, certyfikat typu O, NIP i kontekst',
  usage: USAGE,
  run: (ctx, argv) => runGuarded(ctx, argv, () => run(ctx, argv)),
});
