import { Injectable } from '@nestjs/common';
import { FileStorage } from '../common/storage/file-storage.service.js';
import { Transactions } from '../database/transactions.js';
import { JustificationDocument } from './entities/justification-document.entity.js';
import { Justification } from './entities/justification.entity.js';

/**
 * The stored files behind justification documents. A document row refers to its file, so rows
 * are deleted first and their files right after, in the same transaction.
 */
@Injectable()
export class OnboardingDocuments {
  constructor(
    private readonly transactions: Transactions,
    private readonly storage: FileStorage,
  ) {}

  /** Runs `deleteRows` (which cascades to documents), then removes the documents' files. */
  async deleteWithFiles(
    scope: { verificationIds: string[] } | { justificationIds: string[] },
    deleteRows: () => Promise<unknown>,
  ): Promise<void> {
    // Lock the justifications first: an upload holds its justification FOR SHARE until it
    // commits, so its document is listed (and its file removed) rather than cascaded away and
    // its file orphaned.
    const justifications = this.transactions.manager
      .createQueryBuilder(Justification, 'justification')
      .select('justification.id')
      .setLock('pessimistic_write');
    if ('verificationIds' in scope) {
      justifications.where('justification.verification_id IN (:...ids)', {
        ids: scope.verificationIds,
      });
    } else {
      justifications.where('justification.id IN (:...ids)', { ids: scope.justificationIds });
    }
    await justifications.getMany();
    const qb = this.transactions.manager
      .createQueryBuilder(JustificationDocument, 'document')
      .select('document.stored_file_id', 'file_id');
    if ('verificationIds' in scope) {
      qb.innerJoin('document.justification', 'justification').where(
        'justification.verification_id IN (:...ids)',
        { ids: scope.verificationIds },
      );
    } else {
      qb.where('document.justification_id IN (:...ids)', { ids: scope.justificationIds });
    }
    const files = await qb.getRawMany<{ file_id: string }>();
    await deleteRows();
    for (const { file_id } of files) await this.storage.remove(file_id);
  }
}
