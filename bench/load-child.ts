// Child of the pg-list-10k figure: a cold process opens a store (folder or postgresql:// URL) and lists its
// certificates. Prints {loadMs, certificates} as the last line.
import {openStore} from '../src/store/index.js';
import {nowMs} from './lib.js';

const [target, dataDir] = process.argv.slice(2);
const t0 = nowMs();
const store = await openStore(target, {dataDir});
const list = await store.listCertificates();
const loadMs = nowMs() - t0;
await store.close?.();
console.log(JSON.stringify({loadMs, certificates: list.length}));
