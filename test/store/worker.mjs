// Child process for the store's multi-process tests. Usage: node worker.mjs <compiled store index.js> <json args>
// args: {dir, mode: 'write' | 'mixed' | 'crash' | 'stall', tag, count}
// 'stall' adds one record and stops itself (SIGSTOP) inside the lock on the first run of its update: `stopped` is
// printed just before; the test continues it with SIGCONT.
// Prints `ack <kind> <id> [<value>]` after each update() resolved, then `done` (except in crash mode, which never ends).
import {generateKeyPairSync, randomBytes} from 'node:crypto';

const [, , entry, json] = process.argv;
const {openStore} = await import(entry);
const {dir, mode, tag, count, opts} = JSON.parse(json);
// dir may be a postgresql:// URL (opts.dataDir then holds master.key).
const store = await openStore(dir, opts ?? {});
const {privateKey} = generateKeyPairSync('ec', {namedCurve: 'P-256'});
const keyPem = await store.sealKey(privateKey); // one sealed key reused: the store only checks it is encrypted

const ack = (...parts) => process.stdout.write(`ack ${parts.join(' ')}\n`);
// A certificate PEM of its own per record (and per edit): every record has a blob file of its own in the folder store.
const fakePem = (label) => `-----BEGIN CERTIFICATE-----\n${Buffer.from(label).toString('base64')}\n-----END CERTIFICATE-----\n`;

function record(id) {
  return {
    id,
    owner: {kind: 'operator', code: tag.toUpperCase().replace(/[^A-Z0-9_]/g, '_').slice(0, 16)},
    name: `Certyfikat ${id}`,
    type: 'A',
    env: 'D',
    mode: 'B',
    state: 'issued',
    serial: randomBytes(8).toString('hex').toUpperCase(),
    certPem: fakePem(id),
    keyPem,
    keyAlgorithm: 'EC-P256',
    subject: `CN=${id}, O=Demo Sp. z o.o.`,
    validFrom: '2026-01-01T00:00:00.000Z',
    validTo: '2028-01-01T00:00:00.000Z',
    source: 'generated',
    createdAt: new Date().toISOString(),
    createdBy: 'ADMIN',
  };
}

process.stdout.write('ready\n');

if (mode === 'write') {
  for (let i = 0; i < count; i++) {
    const id = `${tag}-${i}`;
    await store.update((d) => {
      d.certificates.push(record(id));
    });
    ack('add', id);
  }
} else if (mode === 'mixed') {
  const mine = [];
  for (let i = 0; i < count; i++) {
    const kind = mine.length === 0 ? 0 : i % 3;
    if (kind === 0) {
      const id = `${tag}-c${i}`;
      await store.addCertificate(record(id));
      mine.push(id);
      ack('add', id);
    } else if (kind === 1) {
      const id = mine[i % mine.length];
      const name = `Zmieniony ${tag} ${i}`;
      // The certificate changes too: a new blob, the old one swept once no document names it.
      await store.patchCertificate(id, {name, ksefStatus: 'Active', certPem: fakePem(`${id}@${i}`)});
      ack('edit', id, i);
    } else {
      const ev = await store.audit({operator: 'ADMIN', workstation: tag, action: 'export', details: `${tag}-a${i}`});
      ack('audit', ev.id, `${tag}-a${i}`);
    }
  }
} else if (mode === 'stall') {
  let runs = 0;
  const id = `${tag}-stalled`;
  await store.update((d) => {
    d.certificates.push(record(id));
    if (runs++ === 0) {
      process.stdout.write('stopped\n');
      process.kill(process.pid, 'SIGSTOP');
    }
  });
  ack('add', id, runs);
} else if (mode === 'crash') {
  let last;
  for (let i = 0; ; i++) {
    if (i % 2 === 0) {
      const id = `${tag}-c${i}`;
      await store.addCertificate(record(id));
      ack('add', id);
      last = id;
    } else if (i % 4 === 3) {
      // A new certificate PEM for the record just added: a blob replaced (and the old one swept) under kills.
      await store.patchCertificate(last, {certPem: fakePem(`${last}@${i}`)});
      ack('edit', last, i);
    } else {
      const details = `${tag}-a${i}`;
      await store.audit({operator: 'ADMIN', workstation: tag, action: 'export', details});
      ack('audit', details);
    }
  }
}
else if (mode === 'count') {
  // Read-modify-write through update(): a lost update between processes shows as a smaller final count.
  for (let i = 0; i < count; i++) {
    await store.update((d) => {
      d.company.name = String((Number(d.company.name) || 0) + 1);
    });
    ack('count', i);
  }
}
await store.close?.();
process.stdout.write('done\n');
