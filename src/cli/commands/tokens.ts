// `ksef-certs tokens [--pkcs11-token ETYKIETA] [--json]`: the tokens the PKCS#11 module sees and, for one token,
// its certificate objects (CKA_ID, subject, serial, whether the key is there) — what `import --token-cert` picks.
import {listTokenCertificates, listTokens, TokenError} from '../../flows/import-token.js';
import {EXIT, registerCommand, type CliContext} from '../registry.js';
import {parseOrHelp, runGuarded, writeJson} from '../command-kit.js';
import type {CommandSpec} from '../options.js';
import {cliTokenAccess} from '../token.js';

const SPEC = {
  name: 'tokens',
  synopsis: 'cli.tokens.synopsis',
  options: {
    'pkcs11-token': {type: 'string', value: 'cli.ph.label', help: 'cli.tokens.o.token'},
    'pin-file': {type: 'string', value: 'cli.ph.file', help: 'cli.o.pinFile'},
    json: {type: 'boolean', help: 'cli.o.json'},
  },
} as const satisfies CommandSpec;

async function runTokens(ctx: CliContext, argv: string[]): Promise<number> {
  return runGuarded(ctx, argv, async (json) => {
    const {values, help} = parseOrHelp(ctx, SPEC, argv);
    if (help) return EXIT.ok;
    const {store} = await ctx.login();
    const access = await cliTokenAccess(ctx, argv, store);
    if (!access) throw new TokenError('noModule', {token: values['pkcs11-token'] ?? '?'});
    const label = values['pkcs11-token'];
    if (!label) {
      const tokens = listTokens(access.module);
      if (json) writeJson(ctx, {tokens});
      else ctx.stdout.write(tokens.map((t) => ctx.t('cli.tokens.token', {label: t.label, manufacturer: t.manufacturer, model: t.model, serial: t.serial})).join('\n') + (tokens.length ? '\n' : ''));
      return EXIT.ok;
    }
    const certs = await listTokenCertificates(access, label);
    if (json) writeJson(ctx, {token: label, certificates: certs});
    else ctx.stdout.write(certs.map((c) => `${c.id}  ${c.serial}  ${ctx.t(c.hasKey ? 'cli.tokens.keyYes' : 'cli.tokens.keyNo')}  ${c.subject}`).join('\n') + (certs.length ? '\n' : ''));
    return EXIT.ok;
  });
}

registerCommand({name: 'tokens', summary: 'cli.cmd.tokens', usage: SPEC.synopsis, run: runTokens});
