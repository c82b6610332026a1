// The help-desk demo kit on top of the demo store (`--demo`): sample FA(3) invoices in <data>/faktury-demo for the
// QR screen, a PESEL for the demo operator JKOWALSKI (so the demo signer can sign for him with a TEST person
// identity and his certificates carry his name, not the company seal), a marker that says "this folder is a demo
// store", and `demo-reset`, which puts such a folder back to its first state. Never touches a store without the
// marker or the demo company.
import {promises as fs} from 'node:fs';
import path from 'node:path';
import {createDemoStore, DEMO_COMPANY, DEMO_CREDENTIALS, openStore, isDatabaseUrl, type OpenStoreOptions, type Store} from '../store/index.js';
import {catalogueError} from './errors.js';
import {DEMO_INVOICE_DIR, demoInvoices} from './demo-invoices.js';

export {DEMO_INVOICE_DIR} from './demo-invoices.js';
export {DEMO_CREDENTIALS} from '../store/index.js';

/** The demo operator's PESEL (valid checksum, invented: born 1975-01-01). */
export const DEMO_OPERATOR_PESEL = '75010112353';
/** Written into a demo data folder; demo-reset refuses a folder without it (or without the demo company). */
export const DEMO_MARKER = '.ksef-certs-demo';
/** Files demo-reset leaves in the folder (the repo's data/README.md). */
const KEEP = new Set(['README.md']);

/** Folder of the sample invoices for a data folder. */
export const demoInvoiceDir = (dataDir: string): string => path.join(dataDir, DEMO_INVOICE_DIR);

/**
 * Adds the kit to a demo store: on a new store the operator's PESEL; on every start the missing sample invoices and
 * the marker (an operator may delete an invoice; a PESEL an admin changed is left alone).
 */
export async function installDemoKit(store: Store, dataDir: string, created: boolean): Promise<{invoiceDir: string}> {
  if (created) {
    const op = (await store.listOperators()).find((o) => o.code === DEMO_CREDENTIALS.operator.code);
    if (op && !op.pesel) {
      await store.upsertOperator({code: op.code, name: op.name, role: op.role, branch: op.branch, pesel: DEMO_OPERATOR_PESEL}, DEMO_CREDENTIALS.admin.code);
    }
  }
  const invoiceDir = demoInvoiceDir(dataDir);
  await fs.mkdir(invoiceDir, {recursive: true, mode: 0o755});
  for (const inv of demoInvoices()) {
    // 'wx': an existing file (maybe edited by the help desk) is kept.
    await fs.writeFile(path.join(invoiceDir, inv.file), inv.xml, {flag: 'wx', mode: 0o644}).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
  }
  await fs.writeFile(path.join(dataDir, DEMO_MARKER), 'ksef-certs demo store (demo-reset may delete this folder\'s content)\n', {mode: 0o600});
  return {invoiceDir};
}

/** Creates the demo store if missing and installs the kit. `target`: the data folder or a postgresql:// URL. */
export async function prepareDemoStore(target: string, opts: OpenStoreOptions = {}): Promise<{created: boolean; invoiceDir: string}> {
  const {created} = await createDemoStore(target, opts);
  const store = await openStore(target, opts);
  try {
    const dataDir = opts.dataDir ?? store.info.dir;
    return {created, ...(await installDemoKit(store, dataDir, created))};
  } finally {
    await store.close?.();
  }
}

async function isDemoFolder(dir: string): Promise<boolean> {
  if (await fs.access(path.join(dir, DEMO_MARKER)).then(() => true, () => false)) return true;
  // A demo store from before the marker: recognised by the demo company.
  try {
    const store = await openStore(dir);
    try {
      const company = await store.company();
      return company.nip === DEMO_COMPANY.nip && company.name === DEMO_COMPANY.name;
    } finally {
      await store.close?.();
    }
  } catch {
    return false;
  }
}

export interface DemoResetResult {
  dir: string;
  invoiceDir: string;
}

/**
 * Deletes everything in the demo data folder `dir` (store, master key, simulator state, TEST identities, sign and
 * export files, invoices) except README.md, then creates the demo store and the kit again. `confirmed`: the caller
 * asked the user (CLI --yes).
 */
export async function resetDemo(dir: string, confirmed: boolean): Promise<DemoResetResult> {
  if (isDatabaseUrl(dir)) throw catalogueError('demo.reset.notFolder', undefined, 'notFolder');
  const abs = path.resolve(dir);
  const exists = await fs.stat(abs).then((s) => s.isDirectory(), () => false);
  if (exists && !(await isDemoFolder(abs))) throw catalogueError('demo.reset.notDemo', {dir: abs}, 'notDemo');
  if (!confirmed) throw catalogueError('demo.reset.needYes', {dir: abs}, 'needYes');
  if (exists) {
    for (const name of await fs.readdir(abs)) {
      if (!KEEP.has(name)) await fs.rm(path.join(abs, name), {recursive: true, force: true});
    }
  }
  const {invoiceDir} = await prepareDemoStore(abs);
  return {dir: abs, invoiceDir};
}
