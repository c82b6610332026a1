// A CertWorld with the demo company's test seal issued by the simulator (what signs auth.xml in the external-signature
// step, via xmlsec1), and a KSeF session opened with it: the set-up the generate / resume / enrollment tests share.
import fs from 'node:fs';
import {afterAll, beforeAll} from 'vitest';
import path from 'node:path';
import {prepareAuthRequest, submitSignedFile} from '../../src/flows/authorize.js';
import type {GenerateDeps} from '../../src/flows/generate.js';
import {DEMO_COMPANY} from '../../src/store/index.js';
import {signWithXmlsec1} from './simulator.js';
import {makeCertWorld, type CertWorld} from './revoke-world.js';

export interface Seal {
  certPem: string;
  keyPem: string;
}

/** A new world, the seal, and the sign folder of `workstation` (where the app puts auth.xml to sign). */
export async function makeSealWorld(workstation = 'ws-seal'): Promise<{w: CertWorld; seal: Seal; signFolder: string}> {
  const w = await makeCertWorld();
  const seal = await w.sim.issueTestIdentity({env: 'DEMO', kind: 'seal', nip: DEMO_COMPANY.nip, organizationName: DEMO_COMPANY.name});
  return {w, seal, signFolder: (await w.store.workstation(workstation)).signFolder};
}

/** A DEMO session in the company's context: auth.xml prepared in `<root>/<sub>`, signed with the seal by xmlsec1, submitted. */
export async function sealSession(w: CertWorld, seal: Seal, workstation: string, sub: string) {
  const req = await prepareAuthRequest({gateway: w.gateway, workstation}, {env: 'D', context: {type: 'Nip', value: DEMO_COMPANY.nip}, dir: path.join(w.root, sub)});
  return submitSignedFile(await w.gateway.client('D'), Buffer.from(signWithXmlsec1(fs.readFileSync(req.file, 'utf8'), seal.certPem, seal.keyPem)), {pollIntervalMs: 5});
}

/** What the generate use cases need, acting as the world's admin (a fast key-file KDF: tests only). */
export const adminGenerateDeps = (w: CertWorld, workstation: string): GenerateDeps =>
  ({store: w.store, gateway: w.gateway, operator: w.admin, workstation, keyIterations: 1000});

/** A company type-O certificate request in DEMO (mode B). */
export const companyRequest = (name: string) =>
  ({owner: {kind: 'company' as const}, env: 'D' as const, name, type: 'O' as const, mode: 'B' as const, keyPassword: 'Haslo-Klucza-2026!'});

/** A seal world for the whole test file (made in beforeAll, removed in afterAll), acting at `workstation`. */
export function sealWorldForFile(workstation: string) {
  const f = {} as {w: CertWorld; seal: Seal; session(): ReturnType<typeof sealSession>; deps(): GenerateDeps};
  beforeAll(async () => {
    ({w: f.w, seal: f.seal} = await makeSealWorld(workstation));
  }, 60_000);
  afterAll(() => f.w?.cleanup());
  f.session = () => sealSession(f.w, f.seal, workstation, workstation);
  f.deps = () => adminGenerateDeps(f.w, workstation);
  return f;
}
