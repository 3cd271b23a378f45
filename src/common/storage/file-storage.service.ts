import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Injectable, StreamableFile } from '@nestjs/common';
import { create as contentDisposition } from 'content-disposition';
import type { Response } from 'express';
import { Transactions } from '../../database/transactions.js';
import { RequestValidationError } from '../errors/api-error.js';
import { StoredFileChunk } from './entities/stored-file-chunk.entity.js';
import { StoredFile } from './entities/stored-file.entity.js';

export const CHUNK_BYTES = 256 * 1024;
/** Chunks fetched per query while downloading: bounds the memory one download holds. */
const CHUNKS_PER_READ = 4;

/** A complete upload: present and not empty, with the metadata the storage engine attached. */
export type Upload = Express.Multer.File &
  Required<Pick<Express.Multer.File, 'sha256' | 'detectedType'>>;

/** 400 on a missing or empty `file` part: a request error, never stored as an idempotent outcome. */
export function requireUpload(file: Express.Multer.File | undefined): Upload {
  if (!file) throw RequestValidationError.field('file', 'No file was submitted.');
  if (file.size === 0 || !file.detectedType || !file.sha256) {
    throw RequestValidationError.field('file', 'The submitted file is empty.');
  }
  return file as Upload;
}

/**
 * Keeps files in PostgreSQL, chunked: written inside the caller's transaction (a rolled-back
 * request leaves nothing behind, every replica sees the same files) and streamed back out.
 */
@Injectable()
export class FileStorage {
  constructor(private readonly transactions: Transactions) {}

  /** Copies an upload's temp file into the database, chunk by chunk. */
  store(upload: Upload): Promise<StoredFile> {
    return this.write(
      createReadStream(upload.path, { highWaterMark: CHUNK_BYTES }),
      upload.detectedType,
      upload.size,
      upload.sha256,
    );
  }

  /** Stores bytes the service produced itself (generated documents). */
  storeBuffer(content: Buffer, contentType: string): Promise<StoredFile> {
    const sha256 = createHash('sha256').update(content).digest('hex');
    return this.write(Readable.from(sliceChunks(content)), contentType, content.length, sha256);
  }

  async get(id: string): Promise<StoredFile | null> {
    return this.transactions.manager.getRepository(StoredFile).findOneBy({ id });
  }

  /** The file's bytes, read a few chunks at a time. */
  open(file: StoredFile): Readable {
    const manager = this.transactions.manager;
    async function* chunks() {
      for (let seq = 0; ; seq += CHUNKS_PER_READ) {
        const rows = await manager
          .getRepository(StoredFileChunk)
          .createQueryBuilder('chunk')
          .select(['chunk.seq', 'chunk.data'])
          .where('chunk.file_id = :id AND chunk.seq >= :seq', { id: file.id, seq })
          .orderBy('chunk.seq')
          .limit(CHUNKS_PER_READ)
          .getMany();
        for (const row of rows) yield row.data;
        if (rows.length < CHUNKS_PER_READ) return;
      }
    }
    return Readable.from(chunks());
  }

  /** A download of the file as an attachment that browsers will neither sniff, render nor cache. */
  download(response: Response, file: StoredFile, fileName: string): StreamableFile {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    return new StreamableFile(this.open(file), {
      type: file.contentType,
      length: file.size,
      disposition: contentDisposition(fileName),
    });
  }

  async remove(id: string): Promise<void> {
    await this.transactions.manager.getRepository(StoredFile).delete({ id });
  }

  private write(
    source: Readable,
    contentType: string,
    size: number,
    sha256: string,
  ): Promise<StoredFile> {
    return this.transactions.run(async (tx) => {
      const file = await tx
        .getRepository(StoredFile)
        .save(tx.getRepository(StoredFile).create({ contentType, size, sha256 }));
      let seq = 0;
      for await (const data of rechunk(source)) {
        // A plain statement: the query builder would copy every chunk once more.
        await tx.query('INSERT INTO stored_file_chunks (file_id, seq, data) VALUES ($1, $2, $3)', [
          file.id,
          seq++,
          data,
        ]);
      }
      return file;
    });
  }
}

function* sliceChunks(content: Buffer): Generator<Buffer> {
  for (let offset = 0; offset < content.length; offset += CHUNK_BYTES) {
    yield content.subarray(offset, offset + CHUNK_BYTES);
  }
}

/** Regroups a stream into CHUNK_BYTES pieces (the last one shorter). */
async function* rechunk(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingLength = 0;
  for await (const piece of source) {
    // The usual case (a file read with highWaterMark = CHUNK_BYTES): pass it through uncopied.
    if (pendingLength === 0 && piece.length === CHUNK_BYTES) {
      yield piece;
      continue;
    }
    pending.push(piece);
    pendingLength += piece.length;
    while (pendingLength >= CHUNK_BYTES) {
      const joined = Buffer.concat(pending);
      yield joined.subarray(0, CHUNK_BYTES);
      pending = [joined.subarray(CHUNK_BYTES)];
      pendingLength = joined.length - CHUNK_BYTES;
    }
  }
  if (pendingLength > 0) yield Buffer.concat(pending);
}
