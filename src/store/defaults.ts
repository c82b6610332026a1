// The empty document and a workstation's default configuration (split from store.ts; both backends use them).
import path from 'node:path';
import type {WorkstationConfig} from '../domain/index.js';
import {SCHEMA_VERSION, type StoreData} from './types.js';

export function emptyStoreData(): StoreData {
  return {
    schemaVersion: SCHEMA_VERSION,
    company: {nip: '', name: ''},
    branches: [],
    operators: [],
    workstations: [],
    certificates: [],
    audit: [],
    revision: 0,
  };
}

export function defaultWorkstation(dir: string, host: string): WorkstationConfig {
  return {host, signFolder: path.join(dir, 'podpis'), exportFolder: path.join(dir, 'eksport'), signCommand: '', lang: 'pl'};
}
