export * from './types.js';
export {openStore, emptyStoreData, defaultWorkstation, newestBackup, isDatabaseUrl, STORE_FILE} from './store.js';
export {redactStoreUrl} from './redact.js';
export {migrate, schemaVersionOf, MIGRATIONS, type StoreDataV0} from './migrations.js';
export {createDemoStore, DEMO_CREDENTIALS, DEMO_COMPANY} from './demo.js';
export {MASTER_KEY_FILE, ENCRYPTED_PEM_HEADER, hasPlainPrivateKey} from './secrets.js';
