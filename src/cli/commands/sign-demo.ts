// `ksef-certs sign-demo FILE [--as OPERATOR]` — TEST-ONLY signer for the demo (`--demo`): signs an AuthTokenRequest
// with a seal identity for the demo company — or, with --as, a person identity for that operator's PESEL (so his
// certificate carries his name, not the company) — issued by the embedded simulator's TEST "qualified" CA (accepted
// by the simulator only, never by the real KSeF) and writes `auth-signed.xml` next to FILE. The identities live in
// `<data>/demo-identity/` (certificate + key sealed with the store's master key — never a plain key on disk).
import {promises as fs} from 'node:fs';
import path from 'node:path';
import {readDemoKey, signWithDemoIdentity} from '../../flows/demo-sign.js';
import {DEMO_IDENTITY_DIR, DEMO_SIGNED_NAME} from '../../flows/generate-demo.js';
import {CliError, EXIT, registerCommand, type CliContext} from '../registry.js';
import {parseOrHelp, runGuarded, usage, writeJson} from '../command-kit.js';
import type {CommandSpec} from '../options.js';
import {makeDir, writePrivateFile} from '../../flows/fs-util.js';

const SPEC = {
  name: 'sign-demo',
  synopsis: 'cli.signDemo.synopsis',
  maxPositionals: 1,
  options: {
    as: {type: 'string', value: 'cli.ph.code', help: 'cli.signDemo.o.as'},
    json: {type: 'boolean', help: 'cli.o.json'},
  },
} as const satisfies CommandSpec;

type Identity = {certPem: string; key: import('node:crypto').KeyObject};

/** Creates the demo seal identity (or, with `person`, the operator's person identity) on first use. */
export async function ensureDemoIdentity(ctx: CliContext, person?: {code: string; pesel: string; name: string}): Promise<Identity> {
  const store = await ctx.openStore();
  const dir = path.join(store.info.dir, DEMO_IDENTITY_DIR);
  const base = person ? `person-${person.code}-${person.pesel}-TEST-ONLY` : 'seal-TEST-ONLY';
  const certFile = path.join(dir, `${base}.crt`);
  const keyFile = path.join(dir, `${base}.key`);
  const have = await fs.readFile(certFile, 'utf8').then((c) => fs.readFile(keyFile, 'utf8').then((k) => [c, k] as const), () => undefined);
  if (have) return {certPem: have[0], key: await store.unsealKey(have[1])};
  const company = await store.company();
  const sim = await import('../../simulator/index.js');
  const handle = await sim.startSimulator({dataDir: path.join(store.info.dir, 'simulator'), port: 0, quiet: true});
  try {
    const [given, ...rest] = (person?.name ?? '').split(/\s+/).filter(Boolean);
    // A person identity is granted owner rights in the company's DEMO context by the simulator (its test data).
    const id = person
      ? await handle.issueTestIdentity({env: 'DEMO', kind: 'person', nip: company.nip, pesel: person.pesel, givenNames: [given ?? person.code], surname: rest.join(' ') || person.code})
      : await handle.issueTestIdentity({env: 'DEMO', kind: 'seal', nip: company.nip, organizationName: company.name || 'Demo'});
    const key = readDemoKey(id.keyPem);
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
    const {positionals, values, help} = parseOrHelp(ctx, SPEC, argv);
    if (help) return EXIT.ok;
    if (!positionals[0]) throw usage(ctx, SPEC, 'cli.signDemo.needFile');
    let person: {code: string; pesel: string; name: string} | undefined;
    if (values.as) {
      const code = values.as.toUpperCase();
      const op = (await (await ctx.openStore()).listOperators()).find((o) => o.code === code);
      if (!op) throw new CliError(ctx.t('demo.sign.unknownOperator', {operator: code}));
      if (!op.pesel) throw new CliError(ctx.t('demo.sign.noPesel', {operator: code}));
      person = {code, pesel: op.pesel, name: op.name};
    }
    const file = path.resolve(positionals[0]);
    const xml = await fs.readFile(file, 'utf8');
    const id = await ensureDemoIdentity(ctx, person);
    const signed = await signWithDemoIdentity(xml, id);
    const out = path.join(path.dirname(file), DEMO_SIGNED_NAME);
    // 0600, exclusive temp file with an unpredictable name, renamed: complete for the folder watcher, and a symlink
    // planted in the (shared) sign folder is never written through.
    await writePrivateFile(out, signed);
    if (json) writeJson(ctx, {file: out, testOnly: true, ...(person ? {pesel: person.pesel} : {})});
    else ctx.stdout.write(`${ctx.t('demo.sign.signed', {who: person ? `${person.code} (PESEL ${person.pesel})` : `NIP ${(await (await ctx.openStore()).company()).nip}`, file: out})}\n`);
    return EXIT.ok;
  });
}

registerCommand({name: 'sign-demo', summary: 'cli.cmd.signDemo', usage: SPEC.synopsis, run: runSignDemo});
