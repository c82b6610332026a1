// Demo mode only: how the generate screen signs auth.xml when the workstation has no signing command configured.
// The bundled TEST-ONLY signer `ksef-certs sign-demo {file}` (src/cli/commands/sign-demo.ts) signs with a seal
// identity issued by the embedded simulator's test CA and drops `auth-signed.xml` next to the file — standing in for
// the qualified e-signature program a real user runs. Never used outside `--demo`.
import path from 'node:path';

export const DEMO_IDENTITY_DIR = 'demo-identity';
export const DEMO_SIGNED_NAME = 'auth-signed.xml';

const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Command line that runs this same program's `sign-demo` on `{file}` for the data folder (argv[1] = the entry).
 * `asOperator`: a certificate for that operator — signed with his TEST person identity (his PESEL), not the seal.
 */
export function demoSignCommand(dataDir: string, entry: string | undefined = process.argv[1], node: string = process.execPath, asOperator?: string): string | undefined {
  if (!entry || !/main\.(js|ts)$/.test(entry)) return undefined;
  const as = asOperator && /^[A-Za-z0-9_.-]+$/.test(asOperator) ? ` --as ${q(asOperator)}` : '';
  return `${q(node)} ${q(path.resolve(entry))} --data ${q(path.resolve(dataDir))} sign-demo {file}${as}`;
}
