export * from './types.js';
export {emptyStoreData, defaultWorkstation, newestBackup, STORE_FILE} from './store.js';
export {openStore, isDatabaseUrl} from './open.js';
export {BLOB_DIR} from './blobs.js';
export {redactStoreUrl} from './redact.js';
export {migrate, schemaVersionOf, MIGRATIONS, type StoreDataV0} from './migrations.js';
export {createDemoStore, DEMO_CREDENTIALS, DEMO_COMPANY} from './demo.js';
export {MASTER_KEY_FILE, ENCRYPTED_PEM_HEADER, hasPlainPrivateKey} from './secrets.js';
