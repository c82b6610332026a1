// In-memory Store for screen tests (no disk, no scrypt). Passwords are compared in plain text here only.
import crypto from 'node:crypto';
import type {Store, StoreData} from '../../src/store/types.js';
import {SCHEMA_VERSION, StoreError} from '../../src/store/types.js';
import type {Operator} from '../../src/domain/index.js';

export const FAKE_ADMIN = {code: 'ADMIN', password: 'Demo2026!ksef'};

export function fakeData(): StoreData {
  return {
    schemaVersion: SCHEMA_VERSION,
    company: {nip: '1111111111', name: 'Demo Sp. z o.o.'},
    branches: [{code: 'CENTRALA', name: 'Centrala', config: {defaultEnv: 'D', authMethod: 'ksefCertificate', contextType: 'Nip'}}],
    operators: [
      {code: 'ADMIN', name: 'Administrator', role: 'admin', branch: 'CENTRALA', passwordHash: `plain$${FAKE_ADMIN.password}`},
      {code: 'JAN', name: 'Jan Kowalski', role: 'operator', branch: 'CENTRALA', passwordHash: 'plain$Jan2026!ksefx'},
    ],
    workstations: [],
    certificates: [],
    audit: [],
    revision: 0,
  };
}

export class FakeStore implements Store {
  data: StoreData;
  readonly info = {dir: '/tmp/fake-store', file: '/tmp/fake-store/store.json'};
  constructor(data: StoreData = fakeData()) {
    this.data = data;
  }
  async snapshot() {
    return structuredClone(this.data);
  }
  async update<T>(fn: (d: StoreData) => T): Promise<T> {
    const copy = structuredClone(this.data);
    const r = fn(copy);
    this.data = copy;
    this.data.revision++;
    return r;
  }
  private locks = new Map<string, Promise<unknown>>();
  withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const next = (this.locks.get(name) ?? Promise.resolve()).then(fn, fn);
    this.locks.set(name, next.catch(() => {}));
    return next;
  }
  async company() {
    return structuredClone(this.data.company);
  }
  async listOperators() {
    return structuredClone(this.data.operators);
  }
  async authenticate(code: string, password: string, workstation: string): Promise<Operator | undefined> {
    const op = this.data.operators.find(o => o.code === code && !o.disabled);
    const ok = !!op && op.passwordHash === `plain$${password}`;
    await this.audit({operator: code, workstation, action: ok ? 'login' : 'loginFailed'});
    return ok ? structuredClone(op) : undefined;
  }
  async upsertOperator(op: Omit<Operator, 'passwordHash'> & {password?: string}) {
    await this.update(d => {
      const i = d.operators.findIndex(o => o.code === op.code);
      const {password, ...rest} = op;
      const prev = d.operators[i];
      const rec: Operator = {...rest, passwordHash: password ? `plain$${password}` : prev?.passwordHash ?? ''};
      if (i >= 0) d.operators[i] = rec;
      else d.operators.push(rec);
    });
  }
  async listBranches() {
    return structuredClone(this.data.branches);
  }
  async saveBranchConfig(code: string, config: StoreData['branches'][number]['config']) {
    await this.update(d => {
      const b = d.branches.find(x => x.code === code);
      if (!b) throw new StoreError('notFound', code);
      b.config = config;
    });
  }
  async workstation(host: string) {
    return this.data.workstations.find(w => w.host === host) ?? {host, signFolder: '', signCommand: '', exportFolder: '', lang: 'pl' as const};
  }
  async saveWorkstation(ws: StoreData['workstations'][number]) {
    await this.update(d => {
      d.workstations = [...d.workstations.filter(w => w.host !== ws.host), ws];
    });
  }
  async listCertificates() {
    return structuredClone(this.data.certificates);
  }
  async getCertificate(id: string) {
    return structuredClone(this.data.certificates.find(c => c.id === id || c.serial === id));
  }
  async addCertificate(rec: StoreData['certificates'][number], audit?: Parameters<Store['audit']>[0]) {
    await this.update(d => {
      if (rec.serial && d.certificates.some(c => c.serial === rec.serial)) throw new StoreError('duplicateSerial', rec.serial);
      d.certificates.push(rec);
      if (audit) d.audit.push(this.auditEvent(audit));
    });
  }
  async patchCertificate(id: string, patch: Partial<StoreData['certificates'][number]>, audit?: Parameters<Store['audit']>[0]) {
    return this.update(d => {
      const c = d.certificates.find(x => x.id === id);
      if (!c) throw new StoreError('notFound', id);
      Object.assign(c, patch);
      if (audit) d.audit.push(this.auditEvent(audit));
      return structuredClone(c);
    });
  }
  async removeCertificate(id: string) {
    await this.update(d => {
      d.certificates = d.certificates.filter(c => c.id !== id);
    });
  }
  auditEvent(event: Parameters<Store['audit']>[0]) {
    return {id: crypto.randomUUID(), at: event.at ?? new Date().toISOString(), ...event};
  }
  async audit(event: Parameters<Store['audit']>[0]) {
    return this.update(d => {
      const e = this.auditEvent(event);
      d.audit.push(e);
      return e;
    });
  }
  async listAudit() {
    return structuredClone(this.data.audit);
  }
  async sealKey(): Promise<string> {
    throw new Error('FakeStore.sealKey not supported');
  }
  async unsealKey(): Promise<never> {
    throw new Error('FakeStore.unsealKey not supported');
  }
}
