import {
  Body,
  Controller,
  HttpCode,
  Injectable,
  Module,
  Param,
  Patch,
  Post,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { Response } from 'express';
import { memoryStorage } from 'multer';
import { CurrentUser } from '../../src/common/auth/auth.decorators.js';
import type { Principal } from '../../src/common/auth/principal.js';
import { ConflictError, ModelNotFoundError } from '../../src/common/errors/api-error.js';
import { IdempotencyModule } from '../../src/common/idempotency/idempotency.module.js';
import { StorageModule } from '../../src/common/storage/storage.module.js';
import { Idempotent } from '../../src/common/idempotency/idempotent.decorator.js';
import { DocumentUpload } from '../../src/common/storage/document-upload.decorator.js';
import { requireUpload } from '../../src/common/storage/file-storage.service.js';
import { Transactions } from '../../src/database/transactions.js';

/** The table the probe writes; each suite creates it in its own database. */
export const PROBE_TABLE_SQL = `
  CREATE TABLE IF NOT EXISTS idempotency_probe_items (
    id serial PRIMARY KEY,
    owner text NOT NULL,
    name text NOT NULL,
    grp text,
    sha256 text,
    created_at timestamptz NOT NULL DEFAULT now()
  )`;

class ProbeItemBody {
  @IsString() @MinLength(1) @MaxLength(100) name: string;
  /** Keeps the transaction open this long after the insert. */
  @IsOptional() @IsInt() @Min(0) @Max(5000) sleep_ms?: number;
  /** A business rule rejects the request after its insert. */
  @IsOptional() @IsIn(['conflict', 'not_found']) reject?: string;
  @IsOptional() @IsString() idempotency_key?: string;
}

class ProbeUploadBody {
  @IsString() @MinLength(1) name: string;
}

/** Failures the tests arm by item name: the next request for that name fails with a 500. */
@Injectable()
export class ProbeFaults {
  private readonly armed = new Set<string>();

  failOnce(name: string): void {
    this.armed.add(name);
  }

  take(name: string): boolean {
    return this.armed.delete(name);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

@Injectable()
class ProbeItems {
  constructor(
    private readonly transactions: Transactions,
    private readonly faults: ProbeFaults,
  ) {}

  create(owner: string, body: ProbeItemBody, group: string | null = null, sha256?: string) {
    return this.transactions.run(async (tx) => {
      const [{ id }] = await tx.query<[{ id: number }]>(
        'INSERT INTO idempotency_probe_items (owner, name, grp, sha256) VALUES ($1, $2, $3, $4) RETURNING id',
        [owner, body.name, group, sha256 ?? null],
      );
      if (body.sleep_ms) await sleep(body.sleep_ms);
      if (this.faults.take(body.name)) throw new Error('probe: injected fault');
      if (body.reject === 'conflict') throw new ConflictError(`Probe ${body.name} conflicts.`);
      if (body.reject === 'not_found') throw new ModelNotFoundError('Person', body.name);
      return { id, name: body.name, ...(group === null ? {} : { group }) };
    });
  }

  rename(owner: string, id: string, name: string) {
    return this.transactions.run(async (tx) => {
      const [rows] = await tx.query<[{ id: number }[], number]>(
        'UPDATE idempotency_probe_items SET name = $3 WHERE id = $1 AND owner = $2 RETURNING id',
        [Number(id), owner, name],
      );
      if (rows.length === 0) throw new ModelNotFoundError('ProbeItem', id);
      return { id: Number(id), name };
    });
  }
}

/** Routes that exist only in the idempotency suite, under both API families. */
function probeController(prefix: 'api' | 'v1') {
  @Controller(`${prefix}/idempotency-probe`)
  class IdempotencyProbeController {
    constructor(private readonly items: ProbeItems) {}

    @Post('items')
    @Idempotent()
    async create(
      @CurrentUser() user: Principal,
      @Body() body: ProbeItemBody,
      @Res({ passthrough: true }) response: Response,
    ) {
      const item = await this.items.create(user.id, body);
      response.setHeader('Location', `/${prefix}/idempotency-probe/items/${item.id}`);
      return item;
    }

    @Post('plain')
    plain(@CurrentUser() user: Principal, @Body() body: ProbeItemBody) {
      return this.items.create(user.id, body);
    }

    @Post('groups/:group/items')
    @HttpCode(200)
    @Idempotent({ bodyKey: 'idempotency_key' })
    createInGroup(
      @CurrentUser() user: Principal,
      @Param('group') group: string,
      @Body() body: ProbeItemBody,
    ) {
      return this.items.create(user.id, body, group);
    }

    @Patch('items/:id')
    @Idempotent()
    rename(@CurrentUser() user: Principal, @Param('id') id: string, @Body() body: ProbeItemBody) {
      return this.items.rename(user.id, id, body.name);
    }

    @Post('memory-uploads')
    @Idempotent()
    @UseInterceptors(FileInterceptor('file', { storage: memoryStorage() }))
    memoryUpload(
      @CurrentUser() user: Principal,
      @Body() body: ProbeUploadBody,
      @UploadedFile() file: Express.Multer.File,
    ) {
      return this.items.create(user.id, body, null, String(file.size));
    }

    @Post('documents')
    @Idempotent()
    @DocumentUpload()
    document(
      @CurrentUser() user: Principal,
      @Body() body: ProbeUploadBody,
      @UploadedFile() file: Express.Multer.File | undefined,
    ) {
      const upload = requireUpload(file);
      return this.items.create(user.id, body, null, upload.sha256);
    }
  }
  return IdempotencyProbeController;
}

@Module({
  imports: [IdempotencyModule, StorageModule],
  controllers: [probeController('api'), probeController('v1')],
  providers: [ProbeItems, ProbeFaults],
})
export class IdempotencyProbeModule {}
