// `ksef-certs sign-demo FILE` — TEST-ONLY signer for the demo (`--demo`): signs an AuthTokenRequest with a seal
// identity for the demo company issued by the embedded simulator's TEST "qualified" CA (accepted by the simulator
// only, never by the real KSeF) and writes `auth-signed.xml` next to FILE. The identity lives in
// `<data>/demo-identity/` (certificate + key sealed with the store's master key — never a plain key on disk).
import 'reflect-metadata';
import {promises as fs} from 'node:fs';
import path from 'node:path';
import {readPrivateKey} from '../../ksef/keys.js';
import {signAuthTokenRequest} from '../../ksef/xades.js';
import {DEMO_IDENTITY_DIR, DEMO_SIGNED_NAME} from '../../flows/generate-demo.js';
import {CliError, EXIT, registerCommand, type CliContext} from '../registry.js';
import {parseOrHelp, runGuarded, usage, writeJson} from '../command-kit.js';
import type {CommandSpec} from '../options.js';
import {makeDir, writePrivateFile} from '../../flows/fs-util.js';

const SPEC = {
  name: 'sign-demo',
  synopsis: 'cli.signDemo.synopsis',
  maxPositionals: 1,
  options: {json: {type: 'boolean', help: 'cli.o.json'}},
} as const satisfies CommandSpec;

/** Creates the demo seal identity on first use; returns its certificate and key. */
export async function ensureDemoIdentity(ctx: CliContext): Promise<{certPem: string; key: import('node:crypto').KeyObject}> {
  const store = await ctx.openStore();
  const dir = path.join(store.info.dir, DEMO_IDENTITY_DIR);
  const certFile = path.join(dir, 'seal-TEST-ONLY.crt');
  const keyFile = path.join(dir, 'seal-TEST-ONLY.key');
  const have = await fs.readFile(certFile, 'utf8').then((c) => fs.readFile(keyFile, 'utf8').then((k) => [c, k] as const), () => undefined);
  if (have) return {certPem: have[0], key: await store.unsealKey(have[1])};
  const company = await store.company();
  const sim = await import('../../simulator/index.js');
  const handle = await sim.startSimulator({dataDir: path.join(store.info.dir, 'simulator'), port: 0, quiet: true});
  try {
    const id = await handle.issueTestIdentity({env: 'DEMO', kind: 'seal', nip: company.nip, organizationName: company.name || 'Demo'});
    const key = readPrivateKey(Buffer.from(id.keyPem));
    await makeDir(dir, 0o700);
    await fs.writeFile(certFile, id.certPem, {mode: 0o644});
    await fs.writeFile(keyFile, await store.sealKey(key), {mode: 0o600});
    await fs.writeFile(path.join(dir, 'CZYTAJ-TO.txt'), 'Tożsamość TESTOWA symulatora KSeF (pieczęć firmy demonstracyjnej). Tylko do trybu --demo; prawdziwy KSeF jej nie przyjmie.\n');
    return {certPem: id.certPem, key};
  } finally {
    await handle.close();
  }
}

async function runSignDemo(ctx: CliContext, argv: string[]): Promise<number> {
  return runGuarded(ctx, argv, async (json) => {
    const {positionals, help} = parseOrHelp(ctx, SPEC, argv);
    if (help) return EXIT.ok;
    if (!positionals[0]) throw usage(ctx, SPEC, 'cli.signDemo.needFile');
    const file = path.resolve(positionals[0]);
    const xml = await fs.readFile(file, 'utf8');
    const id = await ensureDemoIdentity(ctx);
    const signed = await signAuthTokenRequest(xml, {certPem: id.certPem, key: id.key, type: 'A'});
    const out = path.join(path.dirname(file), DEMO_SIGNED_NAME);
    // 0600, exclusive temp file with an unpredictable name, renamed: complete for the folder watcher, and a symlink
    // planted in the (shared) sign folder is never written through.
    await writePrivateFile(out, signed);
    if (json) writeJson(ctx, {file: out, testOnly: true});
    else ctx.stdout.write(`${ctx.t('cli.signDemo.done', {file: out})}\n`);
    return EXIT.ok;
  });
}

registerCommand({name: 'sign-demo', summary: 'cli.cmd.signDemo', usage: SPEC.synopsis, run: runSignDemo});
