import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { canReadAll, type Principal } from '../common/auth/principal.js';
import {
  ConflictError,
  ModelNotFoundError,
  ValidationFailedError,
} from '../common/errors/api-error.js';
import { isSolarisId, newSolarisId } from '../common/ids/ids.js';
import { pageOf, type Page, type PageWindow } from '../common/pagination/page.js';
import { timeBoundsOf } from '../common/validation/time-range.js';
import { lockedQuery, Transactions } from '../database/transactions.js';
import { CustomersService } from '../persons/customers.service.js';
import type { Business } from '../persons/entities/business.entity.js';
import { Person } from '../persons/entities/person.entity.js';
import type { CreateTermsDocumentDto } from './dto/terms-document.dto.js';
import type { CreateTermsEventDto } from './dto/terms-event.dto.js';
import type { TermsEventsQuery } from './dto/terms-events-query.dto.js';
import { TermsDocument } from './entities/terms-document.entity.js';
import { TermsEvent } from './entities/terms-event.entity.js';
import { termsEventsQuery } from './terms-events.query.js';
import { TERMS_DOCUMENT } from './terms.models.js';

export const ALREADY_APPROVED =
  'The customer has already approved the Terms & Conditions document.';

export const UNKNOWN_DOCUMENT = () =>
  ValidationFailedError.field('document_id', 'must be an existing Terms and Conditions document');

export const UNKNOWN_SIGNER = () =>
  ValidationFailedError.field('signed_by', 'must be an existing person of yours');

/** The product whose approval is the customer's acceptance of the banking T&C on the person. */
const SIGNS_PERSON_TERMS = 'DIGITAL_BANKING';

@Injectable()
export class TermsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly customers: CustomersService,
    private readonly audit: AuditService,
  ) {}

  createDocument(caller: Principal, dto: CreateTermsDocumentDto): Promise<TermsDocument> {
    return this.transactions.run(async (tx) => {
      const documents = tx.getRepository(TermsDocument);
      const document = await documents.save(
        documents.create({
          id: newSolarisId(TERMS_DOCUMENT),
          name: dto.name,
          productName: dto.product_name,
          version: dto.version ?? null,
          createdBy: caller.id,
        }),
      );
      await this.audit.record({
        actorId: caller.id,
        action: 'terms.document_created',
        objectType: 'terms_document',
        objectId: document.id,
        after: {
          name: document.name,
          product_name: document.productName,
          version: document.version,
        },
      });
      return document;
    });
  }

  async listDocuments(window: PageWindow): Promise<Page<TermsDocument>> {
    const [documents, total] = await this.transactions.manager
      .getRepository(TermsDocument)
      .createQueryBuilder('document')
      .orderBy('document.createdAt', 'DESC')
      .addOrderBy('document.id', 'DESC')
      .offset(window.skip)
      .limit(window.take)
      .getManyAndCount();
    return pageOf(documents, total, window);
  }

  /**
   * Records a person's approval or rejection. A second APPROVED in a row for the same document,
   * signer and business is a 409: the conditional upsert of the latest decision lets exactly one
   * of any number of concurrent approvals through (the others wait on its row, then find it
   * APPROVED). An approved DIGITAL_BANKING document signs the person's terms.
   */
  recordEvent(caller: Principal, dto: CreateTermsEventDto): Promise<TermsEvent> {
    return this.transactions.run(async (tx) => {
      const document = await this.document(dto.document_id);
      if (document.productName !== dto.product_name) {
        throw ValidationFailedError.field('product_name', 'must be the product of the document');
      }
      const signer = await this.signer(caller, dto.signed_by);
      const onBehalfOf = dto.signed_on_behalf_of ?? undefined;
      const business =
        onBehalfOf === undefined ? undefined : await this.business(caller, onBehalfOf, signer);

      const decided = await tx.query<unknown[]>(
        `INSERT INTO terms_consents (document_id, signed_by, on_behalf_of, latest_event_type)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (document_id, signed_by, on_behalf_of) DO UPDATE
           SET latest_event_type = EXCLUDED.latest_event_type, updated_at = now()
           WHERE terms_consents.latest_event_type <> 'APPROVED'
              OR EXCLUDED.latest_event_type <> 'APPROVED'
         RETURNING latest_event_type`,
        [document.id, signer.id, business?.id ?? '', dto.event_type],
      );
      if (decided.length === 0) {
        throw new ConflictError(ALREADY_APPROVED);
      }

      const events = tx.getRepository(TermsEvent);
      // insert, not save: the id is new, so save's look-up of an existing row would be wasted.
      const event = events.create({
        // Solaris shows T&C event ids as bare 32 hex, without a type suffix.
        id: randomBytes(16).toString('hex'),
        documentId: document.id,
        documentName: document.name,
        eventTimestamp: new Date(dto.event_timestamp),
        eventType: dto.event_type,
        signedBy: signer.id,
        signedOnBehalfOf: business?.id ?? null,
        productName: dto.product_name,
        partnerId: signer.partnerId,
      });
      await events.insert(event);
      const signsTerms = event.eventType === 'APPROVED' && event.productName === SIGNS_PERSON_TERMS;
      let signedBefore: Date | null = null;
      if (signsTerms) {
        const locked = await lockedQuery(tx, Person, 'person')
          .where('person.id = :id', { id: signer.id })
          .getOneOrFail();
        signedBefore = locked.termsConditionsSignedAt;
        await tx
          .getRepository(Person)
          .update({ id: signer.id }, { termsConditionsSignedAt: event.eventTimestamp });
      }
      await this.audit.record({
        actorId: caller.id,
        action: 'terms.event_recorded',
        objectType: 'terms_event',
        objectId: event.id,
        before: signsTerms
          ? { terms_conditions_signed_at: signedBefore?.toISOString() ?? null }
          : null,
        after: {
          document_id: event.documentId,
          event_type: event.eventType,
          event_timestamp: event.eventTimestamp.toISOString(),
          signed_by: event.signedBy,
          signed_on_behalf_of: event.signedOnBehalfOf,
          product_name: event.productName,
          ...(signsTerms ? { terms_conditions_signed_at: event.eventTimestamp.toISOString() } : {}),
        },
      });
      return event;
    });
  }

  /** Events newest first; partners see only those of their own persons. */
  async listEvents(
    caller: Principal,
    query: TermsEventsQuery,
    window: PageWindow,
  ): Promise<Page<TermsEvent>> {
    const filter = query.filter;
    const qb = termsEventsQuery(
      this.transactions.manager,
      {
        partnerId: canReadAll(caller) ? undefined : caller.id,
        id: filter?.id,
        documentId: filter?.document_id,
        signedBy: filter?.signed_by,
        signedOnBehalfOf: filter?.signed_on_behalf_of,
        productName: filter?.product_name,
        eventType: filter?.event_type,
        bounds: timeBoundsOf(filter?.event_timestamp, 'filter.event_timestamp'),
      },
      window,
    );
    const [events, total] = await qb.getManyAndCount();
    return pageOf(events, total, window);
  }

  private async document(id: string): Promise<TermsDocument> {
    const document = isSolarisId(id, TERMS_DOCUMENT)
      ? await this.transactions.manager.getRepository(TermsDocument).findOneBy({ id })
      : null;
    if (!document) throw UNKNOWN_DOCUMENT();
    return document;
  }

  /** The signer: a person of the caller (staff: any), else 400 naming `signed_by`. */
  private async signer(caller: Principal, id: string): Promise<Person> {
    try {
      return await this.customers.person(caller, id, 'write');
    } catch (error) {
      if (error instanceof ModelNotFoundError) {
        throw UNKNOWN_SIGNER();
      }
      throw error;
    }
  }

  /** A business of the signer's partner, else 400 naming `signed_on_behalf_of`. */
  private async business(caller: Principal, id: string, signer: Person): Promise<Business> {
    const invalid = () =>
      ValidationFailedError.field('signed_on_behalf_of', 'must be an existing business of yours');
    let business: Business;
    try {
      business = await this.customers.business(caller, id, 'write');
    } catch (error) {
      if (error instanceof ModelNotFoundError) throw invalid();
      throw error;
    }
    if (business.partnerId !== signer.partnerId) throw invalid();
    return business;
  }
}
