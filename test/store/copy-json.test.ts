// copyJson: the store's read copies share strings but no objects with the cached document.
import {describe, expect, it} from 'vitest';
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {copyJson} from '../../src/store/store.js';
import {createDemoStore, openStore} from '../../src/store/index.js';

describe('copyJson', () => {
  it('copies objects and arrays deeply, keeps key order and values, and is safe with a "__proto__" key', () => {
    const doc = JSON.parse('{"a":[1,{"b":"Łódź","c":null}],"d":{"e":true},"__proto__":{"polluted":1},"z":0}');
    const copy = copyJson(doc);
    expect(copy).toEqual(doc);
    expect(Object.keys(copy)).toEqual(['a', 'd', '__proto__', 'z']);
    expect(copy.a).not.toBe(doc.a);
    expect(copy.a[1]).not.toBe(doc.a[1]);
    expect(copy.d).not.toBe(doc.d);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect((copy as {polluted?: number}).polluted).toBeUndefined();
    copy.a[1].b = 'zmienione';
    copy.d.e = false;
    expect(doc.a[1].b).toBe('Łódź');
    expect(doc.d.e).toBe(true);
    // Not plain JSON (e.g. a Date put in by a caller): structuredClone keeps its type.
    const withDate = {when: new Date(0)};
    const c2 = copyJson(withDate);
    expect(c2.when).toBeInstanceOf(Date);
    expect(c2.when).not.toBe(withDate.when);
  });

  it('listCertificates/getCertificate copies: changing them changes neither the next read nor the file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'copy-json-'));
    try {
      await createDemoStore(dir);
      const store = await openStore(dir);
      for (const [i, name] of ['Pierwszy Łódź', 'Drugi'].entries()) {
        await store.addCertificate({
          id: `c${i}`, owner: {kind: 'operator', code: 'ADMIN'}, name, type: 'O', env: 'D', mode: 'B', state: 'issued', serial: `0${i}AB`,
          keyPem: '', keyAlgorithm: 'EC-P256', source: 'imported', createdAt: new Date(0).toISOString(), createdBy: 'ADMIN',
        });
      }
      const first = await store.listCertificates();
      expect(first.length).toBeGreaterThan(0);
      first[0].name = 'zmieniona';
      first[0].owner = {kind: 'company'};
      first.pop();
      const again = await store.listCertificates();
      expect(again.length).toBe(first.length + 1);
      expect(again[0].name).not.toBe('zmieniona');
      const one = (await store.getCertificate(again[0].id))!;
      one.name = 'inna';
      expect((await store.getCertificate(again[0].id))!.name).toBe(again[0].name);
      const reopened = await openStore(dir);
      expect((await reopened.listCertificates())[0]).toEqual(again[0]);
    } finally {
      await rm(dir, {recursive: true, force: true});
    }
  });
});
