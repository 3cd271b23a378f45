import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HttpStatus } from '@nestjs/common';
import type { Request } from 'express';
import type { StorageEngine } from 'multer';
import { ApiError } from '../errors/api-error.js';
import { detectContentType, type DocumentContentType, SNIFF_BYTES } from './file-types.js';

/* eslint-disable @typescript-eslint/no-namespace -- augmenting multer's global Express.Multer.File */
declare global {
  namespace Express {
    namespace Multer {
      interface File {
        /** Hex SHA-256 of the content, computed while it streamed in. */
        sha256?: string;
        /** The type recognised from the content; undefined only for an empty file. */
        detectedType?: DocumentContentType;
      }
    }
  }
}
/* eslint-enable @typescript-eslint/no-namespace */

export const UNSUPPORTED_DOCUMENT_TYPE = 'Only PDF, PNG and JPEG documents are accepted.';

/** Checks the leading bytes, hashes and counts, passing the bytes through unchanged. */
class Inspector extends Transform {
  readonly hash = createHash('sha256');
  size = 0;
  detectedType?: DocumentContentType;
  private head: Buffer[] = [];
  private headLength = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.size += chunk.length;
    if (this.detectedType || this.headLength >= SNIFF_BYTES) return done(null, chunk);
    this.head.push(chunk);
    this.headLength += chunk.length;
    if (this.headLength < SNIFF_BYTES) return done(null, chunk);
    done(this.decide(), chunk);
  }

  override _flush(done: TransformCallback): void {
    done(this.size === 0 || this.detectedType ? null : this.decide());
  }

  private decide(): Error | null {
    this.detectedType = detectContentType(Buffer.concat(this.head));
    this.head = [];
    return this.detectedType
      ? null
      : new ApiError(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          'unsupported_media_type',
          UNSUPPORTED_DOCUMENT_TYPE,
        );
  }
}

/**
 * multer storage engine: streams the upload to a private temp file while hashing it and checking
 * its type by content, so memory stays flat whatever the size. The temp file lives only as long
 * as the request; FileStorage copies it into the database inside the handler's transaction.
 * Each process stages under its own PID, so the files of a process that died without cleaning up
 * (kill -9, power loss) are recognised and removed when the next one opens the engine.
 */
export class SniffingStorageEngine implements StorageEngine {
  private constructor(private readonly dir: string) {}

  /** The engine for this process under `root`, after removing what dead processes left there. */
  static async open(root: string): Promise<SniffingStorageEngine> {
    await mkdir(root, { recursive: true, mode: 0o700 });
    for (const entry of await readdir(root)) {
      if (!/^\d+$/.test(entry) || isAlive(Number(entry))) continue;
      await rm(join(root, entry), { recursive: true, force: true });
    }
    const dir = join(root, String(process.pid));
    await mkdir(dir, { recursive: true, mode: 0o700 });
    return new SniffingStorageEngine(dir);
  }

  _handleFile(
    request: Request,
    file: Express.Multer.File,
    callback: (error?: unknown, info?: Partial<Express.Multer.File>) => void,
  ): void {
    const path = join(this.dir, `${randomUUID()}.upload`);
    const inspector = new Inspector();
    pipeline(file.stream, inspector, createWriteStream(path, { flags: 'wx', mode: 0o600 })).then(
      () => {
        request.res?.once('close', () => void unlink(path).catch(() => undefined));
        callback(null, {
          path,
          size: inspector.size,
          sha256: inspector.hash.digest('hex'),
          detectedType: inspector.detectedType,
        });
      },
      (error: unknown) => {
        void unlink(path)
          .catch(() => undefined)
          .then(() => callback(error));
      },
    );
  }

  _removeFile(
    _request: Request,
    file: Express.Multer.File,
    callback: (error: Error | null) => void,
  ): void {
    unlink(file.path).then(
      () => callback(null),
      () => callback(null),
    );
  }
}

/** Whether a process with this PID exists (EPERM: it does, under another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
