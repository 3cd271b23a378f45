import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Injectable, StreamableFile } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { create as contentDisposition } from 'content-disposition';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { Transactions } from '../../database/transactions.js';
import { ModelNotFoundError, RequestValidationError } from '../errors/api-error.js';
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
  constructor(
    private readonly transactions: Transactions,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

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

  /**
   * A download of the file as an attachment that browsers will neither sniff, render nor cache.
   *
   * The bytes are read in a transaction of the download's own (REPEATABLE READ, read only), begun
   * before the headers go out and ended when the stream closes, however it closes: every chunk
   * comes from one snapshot, so a file deleted or changed while it is sent still arrives whole and
   * as it was, and one already gone (or no longer the file the caller looked up) answers 404
   * instead of a short or wrong body. The stream cannot outlive its transaction, nor read after it.
   */
  async download(response: Response, file: StoredFile, fileName: string): Promise<StreamableFile> {
    const body = await this.openSnapshot(file);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    return new StreamableFile(body, {
      type: file.contentType,
      length: file.size,
      disposition: contentDisposition(fileName),
    });
  }

  async remove(id: string): Promise<void> {
    await this.transactions.manager.getRepository(StoredFile).delete({ id });
  }

  private async openSnapshot(file: StoredFile): Promise<Readable> {
    const runner = this.dataSource.createQueryRunner('slave');
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      try {
        await runner.rollbackTransaction();
      } finally {
        await runner.release();
      }
    };
    try {
      await runner.startTransaction('REPEATABLE READ');
      await runner.query('SET TRANSACTION READ ONLY');
      const current = await runner.manager.findOneBy(StoredFile, { id: file.id });
      if (current?.sha256 !== file.sha256 || current.size !== file.size) {
        throw new ModelNotFoundError('Document', file.id);
      }
    } catch (error) {
      await close();
      throw error;
    }
    async function* chunks() {
      let sent = 0;
      for (let seq = 0; !closed; seq += CHUNKS_PER_READ) {
        const rows = await runner.manager
          .getRepository(StoredFileChunk)
          .createQueryBuilder('chunk')
          .select(['chunk.seq', 'chunk.data'])
          .where('chunk.file_id = :id AND chunk.seq >= :seq', { id: file.id, seq })
          .orderBy('chunk.seq')
          .limit(CHUNKS_PER_READ)
          .getMany();
        for (const row of rows) {
          sent += row.data.length;
          yield row.data;
        }
        if (rows.length < CHUNKS_PER_READ) break;
      }
      // Within one snapshot the chunks add up to the size; if they did not, fail the stream (the
      // client sees a body shorter than Content-Length) rather than end it as if complete.
      if (sent !== file.size)
        throw new Error(`stored file ${file.id} has ${sent} of ${file.size} bytes`);
    }
    const body = Readable.from(chunks());
    body.once('close', () => void close());
    return body;
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
