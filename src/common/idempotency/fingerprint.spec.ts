import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  canonicalJson,
  fingerprintOf,
  type RequestDescription,
  uploadedFilesOf,
} from './fingerprint.js';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

const request = (overrides: Partial<RequestDescription> = {}): RequestDescription => ({
  method: 'POST',
  route: '/v1/persons/:id/documents',
  params: { id: 'p1' },
  query: {},
  body: { name: 'a' },
  files: [],
  ...overrides,
});

describe('canonicalJson', () => {
  it('sorts object keys recursively', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: 1 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":1,"z":0}]},"b":1}',
    );
  });

  it('keeps the order of arrays', () => {
    expect(canonicalJson([3, 1, 2])).not.toBe(canonicalJson([1, 2, 3]));
    expect(canonicalJson({ list: ['b', 'a'] })).toBe('{"list":["b","a"]}');
  });

  it('keeps Unicode as it is, without normalizing it', () => {
    expect(canonicalJson({ name: 'Müller 😀' })).toBe('{"name":"Müller 😀"}');
    expect(canonicalJson({ name: 'Mu\u0308ller' })).not.toBe(canonicalJson({ name: 'Müller' }));
  });

  it('sorts keys by code unit, so non-ASCII keys have one order too', () => {
    expect(canonicalJson({ é: 1, z: 2, A: 3 })).toBe('{"A":3,"z":2,"é":1}');
  });

  it('serializes like JSON.stringify: toJSON, undefined members dropped, in arrays null', () => {
    expect(
      canonicalJson({ at: new Date('2026-11-21T00:00:00Z'), gone: undefined, list: [undefined] }),
    ).toBe('{"at":"2026-11-21T00:00:00.000Z","list":[null]}');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('keeps a "__proto__" member as data', () => {
    const body = JSON.parse('{"__proto__":{"admin":true},"a":1}') as object;
    expect(canonicalJson(body)).toBe('{"__proto__":{"admin":true},"a":1}');
  });

  it('treats bodies without a prototype (multer fields) like plain objects', () => {
    const fields = Object.assign(Object.create(null) as object, { b: '2', a: '1' });
    expect(canonicalJson(fields)).toBe('{"a":"1","b":"2"}');
  });
});

describe('fingerprintOf', () => {
  it('is a SHA-256', async () => {
    expect(await fingerprintOf(request())).toHaveLength(32);
  });

  it('ignores key order and formatting of the body', async () => {
    const a = await fingerprintOf(request({ body: { name: 'a', nested: { x: 1, y: 2 } } }));
    const b = await fingerprintOf(request({ body: { nested: { y: 2, x: 1 }, name: 'a' } }));
    expect(a.equals(b)).toBe(true);
  });

  it.each<[string, Partial<RequestDescription>]>([
    ['method', { method: 'PATCH' }],
    ['route', { route: '/v1/businesses/:id/documents' }],
    ['path params', { params: { id: 'p2' } }],
    ['query', { query: { dry_run: 'true' } }],
    ['body', { body: { name: 'b' } }],
    ['nested body', { body: { name: 'a', extra: { deep: [1] } } }],
  ])('changes with the %s', async (_what, change) => {
    const base = await fingerprintOf(request());
    expect(base.equals(await fingerprintOf(request(change)))).toBe(false);
  });

  describe('uploaded files', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'fingerprint-'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    const file = { fieldname: 'file', size: 5 };

    it('uses the SHA-256 the storage engine computed, else the buffer, else the file on disk', async () => {
      const path = join(dir, 'upload');
      await writeFile(path, 'hello');
      const fromEngine = await fingerprintOf(
        request({ files: [{ ...file, sha256: sha256('hello').toUpperCase() }] }),
      );
      const fromBuffer = await fingerprintOf(
        request({ files: [{ ...file, buffer: Buffer.from('hello') }] }),
      );
      const fromDisk = await fingerprintOf(request({ files: [{ ...file, path }] }));
      expect(fromBuffer.equals(fromEngine)).toBe(true);
      expect(fromDisk.equals(fromEngine)).toBe(true);
    });

    it('changes with the content, the size and the field name of a file', async () => {
      const base = await fingerprintOf(request({ files: [{ ...file, sha256: sha256('hello') }] }));
      for (const changed of [
        { ...file, sha256: sha256('hellp') },
        { ...file, size: 6, sha256: sha256('hello') },
        { ...file, fieldname: 'other', sha256: sha256('hello') },
      ]) {
        expect(base.equals(await fingerprintOf(request({ files: [changed] })))).toBe(false);
      }
      expect(base.equals(await fingerprintOf(request()))).toBe(false);
    });

    it('refuses a file it cannot read', async () => {
      await expect(fingerprintOf(request({ files: [file] }))).rejects.toThrow(
        'Uploaded file "file" has neither sha256, buffer nor path',
      );
    });
  });
});

describe('uploadedFilesOf', () => {
  const part = (fieldname: string) => ({ fieldname, size: 1, sha256: fieldname });

  it('collects request.file and request.files in either shape', () => {
    expect(uploadedFilesOf({})).toEqual([]);
    expect(uploadedFilesOf({ file: part('file') })).toEqual([part('file')]);
    expect(uploadedFilesOf({ files: [part('a'), part('b')] })).toEqual([part('a'), part('b')]);
    expect(uploadedFilesOf({ files: { z: [part('z')], a: [part('a1'), part('a2')] } })).toEqual([
      part('a1'),
      part('a2'),
      part('z'),
    ]);
  });
});
