// PKCS#11 access for commands: the module from KSEF_CERTS_PKCS11_MODULE (or the workstation's [A-1-5-2]), the PIN
// from --pin-file, KSEF_CERTS_PKCS11_PIN or a hidden prompt — read only when the token asks for a login, never logged.
import type {TokenAccess} from '../flows/token-keys.js';
import type {Store} from '../store/types.js';
import {readPasswordOption} from './password-source.js';
import type {CliContext} from './registry.js';

export const PIN_FLAG = '--pin-file';
export const MODULE_ENV = 'KSEF_CERTS_PKCS11_MODULE';

/** undefined when neither the environment nor the workstation names a module (store keys need none). */
export async function cliTokenAccess(ctx: CliContext, argv: readonly string[], store?: Store): Promise<TokenAccess | undefined> {
  const ws = store ? await store.workstation(ctx.workstation).catch(() => undefined) : undefined;
  const module = ctx.env[MODULE_ENV] || ws?.pkcs11Module;
  if (!module) return undefined;
  let cached: string | undefined;
  return {
    module,
    label: ws?.pkcs11Token,
    pin: async () => (cached ??= (await readPasswordOption(ctx, argv, {
      flag: PIN_FLAG, env: 'KSEF_CERTS_PKCS11_PIN', prompt: ctx.t('pkcs11.pinPrompt', {token: ws?.pkcs11Token ?? ''}), required: true,
    }))!),
  };
}
