// pg-list-10k: the 10,000-certificate store copied into PostgreSQL (a throwaway cluster on loopback, or the server
// in KSEF_CERTS_BENCH_PG), then `openStore(url) + listCertificates` in cold child processes, alternated with the same
// on the folder store. Reported beside the folder figure (no target: it is a network database).
import path from 'node:path';
import pg from 'pg';
import {copyStore} from '../src/flows/store-copy.js';
import {openStore} from '../src/store/index.js';
import {lastJson, median, row, runNode, type BenchResult} from './lib.js';
import {pgBin, startCluster, type Cluster} from './pg-cluster.js';

const CHILD = path.join(path.dirname(new URL(import.meta.url).pathname), 'load-child.js');

export async function benchPg(dataDir: string, runs = 5): Promise<BenchResult[]> {
  let cluster: Cluster | undefined;
  let server = process.env.KSEF_CERTS_BENCH_PG ?? process.env.KSEF_CERTS_TEST_PG;
  if (!server) {
    if (!pgBin('initdb')) throw new Error('pg-list-10k: no PostgreSQL (set KSEF_CERTS_BENCH_PG or install postgresql)');
    cluster = await startCluster();
    server = cluster.url;
  }
  try {
    const db = `ksef_bench_${process.pid}`;
    const admin = new pg.Client({connectionString: server});
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.query(`CREATE DATABASE ${db}`);
    await admin.end();
    const u = new URL(server);
    u.pathname = `/${db}`;
    const url = u.toString();
    const source = await openStore(dataDir);
    const copy = await copyStore({store: source, operator: {code: 'ADMIN', role: 'admin'}, workstation: 'bench'}, url, {dataDir});
    const count = copy.collections.find((c) => c.name === 'certificates')?.count ?? 0;
    const folder: number[] = [];
    const database: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const f = lastJson<{loadMs: number; certificates: number}>(await runNode([CHILD, dataDir, dataDir]));
      const d = lastJson<{loadMs: number; certificates: number}>(await runNode([CHILD, url, dataDir]));
      if (d.certificates !== count || f.certificates !== count) throw new Error(`pg-list-10k: ${d.certificates}/${f.certificates} of ${count} listed`);
      if (i === 0) continue; // warm-up: page cache, database buffers
      folder.push(f.loadMs);
      database.push(d.loadMs);
    }
    return [
      row({
        name: 'pg-list-10k', value: median(database), unit: 'ms (median)', baseline: median(folder),
        baselineLabel: 'the same 10,000 certificates from the folder store (openStore + listCertificates), same run',
        target: 'report', pass: true,
        note: `${count} certificates copied by store copy (counts and checksums verified); cold child processes, ${runs} runs alternated: ` +
          `PostgreSQL ${database.map((x) => x.toFixed(0)).join('/')} ms, folder ${folder.map((x) => x.toFixed(0)).join('/')} ms; ` +
          `server ${cluster ? 'throwaway cluster on loopback (fsync off)' : 'KSEF_CERTS_BENCH_PG/KSEF_CERTS_TEST_PG'}`,
      }),
    ];
  } finally {
    cluster?.stop();
  }
}
