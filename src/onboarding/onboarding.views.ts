import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { StoredFile } from '../common/storage/entities/stored-file.entity.js';
import { Transactions } from '../database/transactions.js';
import { JustificationDocument } from './entities/justification-document.entity.js';
import { Justification } from './entities/justification.entity.js';
import { Verification } from './entities/verification.entity.js';

/** A document with the size of its stored bytes. */
export interface DocumentView {
  document: JustificationDocument;
  fileSize: number;
}

/** A justification with what its response shows: its verification and its documents. */
export interface JustificationView {
  justification: Justification;
  verification: Verification;
  documents: DocumentView[];
}

/** A verification with its justifications. */
export interface VerificationView {
  verification: Verification;
  justifications: JustificationView[];
}

const NEWEST_FIRST = { created: 'DESC', id: 'ASC' } as const;

/** Loads what the responses show in a fixed number of queries, whatever the page size. */
@Injectable()
export class OnboardingViews {
  constructor(private readonly transactions: Transactions) {}

  async ofJustifications(justifications: Justification[]): Promise<JustificationView[]> {
    if (justifications.length === 0) return [];
    const manager = this.transactions.manager;
    const verificationIds = [...new Set(justifications.map((j) => j.verificationId))];
    const verifications = new Map(
      (await manager.findBy(Verification, { id: In(verificationIds) })).map((v) => [v.id, v]),
    );
    const documents = await this.documentsOf(justifications.map((j) => j.id));
    return justifications.map((justification) => ({
      justification,
      verification: verifications.get(justification.verificationId)!,
      documents: documents.get(justification.id) ?? [],
    }));
  }

  async ofVerifications(verifications: Verification[]): Promise<VerificationView[]> {
    if (verifications.length === 0) return [];
    const byId = new Map(verifications.map((v) => [v.id, v]));
    const justifications = await this.transactions.manager.find(Justification, {
      where: { verificationId: In([...byId.keys()]) },
      order: NEWEST_FIRST,
    });
    const documents = await this.documentsOf(justifications.map((j) => j.id));
    return verifications.map((verification) => ({
      verification,
      justifications: justifications
        .filter((j) => j.verificationId === verification.id)
        .map((justification) => ({
          justification,
          verification,
          documents: documents.get(justification.id) ?? [],
        })),
    }));
  }

  /** Documents per justification, newest first, with the sizes of their stored files. */
  private async documentsOf(justificationIds: string[]): Promise<Map<string, DocumentView[]>> {
    const byJustification = new Map<string, DocumentView[]>();
    if (justificationIds.length === 0) return byJustification;
    const { entities, raw } = await this.transactions.manager
      .createQueryBuilder(JustificationDocument, 'document')
      .innerJoin(StoredFile, 'file', 'file.id = document.stored_file_id')
      .addSelect('file.size', 'file_size')
      .where('document.justification_id IN (:...ids)', { ids: justificationIds })
      .orderBy('document.created', 'DESC')
      .addOrderBy('document.id', 'ASC')
      .getRawAndEntities<{ file_size: string }>();
    entities.forEach((document, index) => {
      const views = byJustification.get(document.justificationId) ?? [];
      views.push({ document, fileSize: Number(raw[index].file_size) });
      byJustification.set(document.justificationId, views);
    });
    return byJustification;
  }
}
