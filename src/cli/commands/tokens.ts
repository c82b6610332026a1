// `ksef-certs tokens [--pkcs11-token ETYKIETA] [--json]`: the tokens the PKCS#11 module sees and, for one token,
// its certificate objects (CKA_ID, subject, serial, whether the key is there) — what `import --token-cert` picks.
import {listTokenCertificates} from '../../flows/import-token.js';
import {listTokens} from '../../ksef/pkcs11/token.js';
import {TokenError} from '../../ksef/pkcs11/errors.js';
import {EXIT, registerCommand, type CliContext} from '../registry.js';
import {parseFlags, runGuarded, writeJson} from '../command-kit.js';
import {cliTokenAccess, PIN_FLAG} from '../token.js';

const USAGE = 'ksef-certs tokens [--pkcs11-token ETYKIETA [--pin-file PLIK]] [--json]   (moduł: KSEF_CERTS_PKCS11_MODULE)';

async function runTokens(ctx: CliContext, argv: string[]): Promise<number> {
  return runGuarded(ctx, argv, async (json) => {
    const {values, flags} = parseFlags(argv, ['--pkcs11-token', PIN_FLAG], ['--json'], USAGE);
    if (flags.has('--help')) {
      ctx.stdout.write(`Użycie: ${USAGE}\n`);
      return EXIT.ok;
    }
    const {store} = await ctx.login();
    const access = await cliTokenAccess(ctx, argv, store);
    if (!access) throw new TokenError('noModule', {token: values['--pkcs11-token'] ?? '?'});
    const label = values['--pkcs11-token'];
    if (!label) {
      const tokens = listTokens(access.module);
      if (json) writeJson(ctx, {tokens});
      else ctx.stdout.write(tokens.map((t) => `${t.label}  (${t.manufacturer} ${t.model}, nr ${t.serial})`).join('\n') + (tokens.length ? '\n' : ''));
      return EXIT.ok;
    }
    const certs = await listTokenCertificates(access, label);
    if (json) writeJson(ctx, {token: label, certificates: certs});
    else ctx.stdout.write(certs.map((c) => `${c.id}  ${c.serial}  ${c.hasKey ? 'klucz: tak' : 'klucz: brak'}  ${c.subject}`).join('\n') + (certs.length ? '\n' : ''));
    return EXIT.ok;
  });
}

registerCommand({name: 'tokens', summary: 'tokeny PKCS#11 i certyfikaty na nich (do importu)', usage: USAGE, run: runTokens});
