import pg from 'pg';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import {
  createStaff,
  createSupport,
  createUser,
  type TestUser,
  createPerson as personOf,
  createBusiness as businessOf,
} from './setup/factories.js';
import { createTestApp, type TestApp } from './setup/test-app.js';
import { notFound, validationError } from './support/solaris-errors.js';

const SET_ID = /^[0-9a-f]{32}cqset$/;
const QUESTION_ID = /^[0-9a-f]{32}cqst$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Answered = { headers: Record<string, string> };

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** A real one-page PDF, as a customer's KYC report would be. */
async function kycReport(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  page.drawText('Annual KYC report 2026', {
    x: 72,
    y: 770,
    size: 18,
    font: await pdf.embedFont(StandardFonts.Helvetica),
  });
  return Buffer.from(await pdf.save());
}

function solarisError(res: Answered, status: number, code: string, title: string, detail: string) {
  return { errors: [{ id: res.headers['x-request-id'], status, code, title, detail }] };
}

describe('question sets (/v1/question_set)', () => {
  let t: TestApp;
  let db: pg.Client;
  let partner: TestUser;
  let other: TestUser;
  let staff: TestUser;
  let support: TestUser;
  let pdf: Buffer;

  beforeAll(async () => {
    t = await createTestApp();
    [partner, other, staff, support] = await Promise.all([
      createUser(t.app),
      createUser(t.app),
      createStaff(t.app),
      createSupport(t.app),
    ]);
    db = new pg.Client(t.databaseUrl);
    await db.connect();
    pdf = await kycReport();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const createPerson = (as: TestUser = partner) => personOf(t.http, as.auth);

  const createBusiness = (as: TestUser = partner) => businessOf(t.http, as.auth);

  const uploadDocument = async (
    ownerPath: string,
    documentType = 'KYC_REPORT',
    as: TestUser = partner,
  ): Promise<string> => {
    const res = await t.http
      .post(`${ownerPath}/documents`)
      .set('Authorization', as.auth)
      .field('document_type', documentType)
      .attach('file', pdf, { filename: 'kyc-report.pdf', contentType: 'application/pdf' })
      .expect(201);
    return (res.body as Json).id as string;
  };

  const setBody = (entityId: string, overrides: Json = {}): Json => ({
    entity_id: entityId,
    context_id: '1fa130f81d84ed3c75b32c428d5d7d93ccnt',
    description: 'some description',
    deadline: inDays(14),
    recipient: { recipient_id: entityId, recipient_type: 'CUSTOMER' },
    questions: [
      { question: 'What is the source of your funds?', answer_type: 'TEXT_ONLY' },
      {
        question: 'Provide your annual KYC report.',
        answer_type: 'TEXT_AND_FILES',
        allowed_document_types: ['KYC_REPORT'],
      },
    ],
    ...overrides,
  });

  const postSet = (body: Json, as: TestUser = staff) =>
    t.http.post('/v1/question_set').set('Authorization', as.auth).send(body);

  const createSet = async (entityId: string, overrides: Json = {}): Promise<Json> =>
    (await postSet(setBody(entityId, overrides)).expect(201)).body as Json;

  const answer = (set: Json, questionId: string, body: Json, as: TestUser = partner) =>
    t.http
      .patch(`/v1/question_set/${set.id}/questions/${questionId}/answer`)
      .set('Authorization', as.auth)
      .send(body);

  const getSet = (id: string, as: TestUser = partner) =>
    t.http.get(`/v1/question_set/${id}`).set('Authorization', as.auth);

  const auditOf = async (objectId: string): Promise<Json[]> => {
    const res = await t.http
      .get(`/api/audit-events/?object_uuid=${objectId}&page_size=300`)
      .set('Authorization', staff.auth)
      .expect(200);
    return res.body as Json[];
  };

  describe('POST /v1/question_set', () => {
    it('lets staff ask a person questions: 201 with the whole set, OPEN, audited', async () => {
      const personId = await createPerson();
      const body = setBody(personId, {
        deadline: '2099-12-07T00:00:00Z',
        questions: [
          { question: 'What is the source of your funds?', answer_type: 'TEXT_ONLY' },
          {
            question: 'Provide your annual KYC report.',
            answer_type: 'TEXT_AND_FILES',
            allowed_document_types: ['KYC_REPORT'],
            deadline: '2099-09-15T11:20:16.840Z',
          },
        ],
      });
      const res = await postSet(body).expect(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(SET_ID),
        entity_id: personId,
        context_id: '1fa130f81d84ed3c75b32c428d5d7d93ccnt',
        description: 'some description',
        deadline: '2099-12-07T00:00:00.000Z',
        status: 'OPEN',
        recipient: { recipient_id: personId, recipient_type: 'CUSTOMER' },
        questions: [
          {
            id: expect.stringMatching(QUESTION_ID),
            question: 'What is the source of your funds?',
            answer_type: 'TEXT_ONLY',
            deadline: '2099-12-07T00:00:00.000Z',
            allowed_document_types: [],
            created_at: expect.stringMatching(TIMESTAMP),
            updated_at: expect.stringMatching(TIMESTAMP),
            answer: null,
          },
          {
            id: expect.stringMatching(QUESTION_ID),
            question: 'Provide your annual KYC report.',
            answer_type: 'TEXT_AND_FILES',
            deadline: '2099-09-15T11:20:16.840Z',
            allowed_document_types: ['KYC_REPORT'],
            created_at: expect.stringMatching(TIMESTAMP),
            updated_at: expect.stringMatching(TIMESTAMP),
            answer: null,
          },
        ],
      });
      const set = res.body as Json;
      const [event] = await auditOf(set.id as string);
      expect(event).toMatchObject({
        action: 'question_set.created',
        object_type: 'question_set',
        actor_uuid: staff.user.id.replace(/-/g, ''),
        after: {
          entity_id: personId,
          question_ids: (set.questions as Json[]).map((question) => question.id as string),
        },
      });
    });

    it('asks a business too, with optional fields absent', async () => {
      const businessId = await createBusiness();
      const res = await postSet({
        entity_id: businessId,
        deadline: '2099-01-01T12:00:00+02:00',
        recipient: { recipient_type: 'PARTNER' },
        questions: [{ question: 'Who are your beneficial owners?', answer_type: 'TEXT_ONLY' }],
      }).expect(201);
      expect(res.body).toMatchObject({
        entity_id: businessId,
        context_id: null,
        description: null,
        deadline: '2099-01-01T10:00:00.000Z',
        recipient: { recipient_id: null, recipient_type: 'PARTNER' },
      });
    });

    it('is staff only: partners and support get 403 and nothing is created', async () => {
      const personId = await createPerson();
      for (const caller of [partner, support]) {
        const res = await postSet(setBody(personId), caller).expect(403);
        expect(res.body).toEqual(
          solarisError(
            res,
            403,
            'unauthorized_action',
            'Unauthorized Action',
            'You do not have permission to perform this action.',
          ),
        );
      }
      const { rows } = await db.query('SELECT 1 FROM question_sets WHERE person_id = $1', [
        personId,
      ]);
      expect(rows).toEqual([]);
    });

    it('needs an existing person or business as entity_id (400 naming it)', async () => {
      const message = 'must be the id of an existing person or business';
      for (const entityId of [
        '0123456789abcdef0123456789abcdefcper',
        '0123456789abcdef0123456789abcdefcbiz',
        'not-an-id',
      ]) {
        const res = await postSet(setBody(entityId)).expect(400);
        expect(res.body).toEqual(validationError(res, 'entity_id', message));
      }
      const missing = await postSet(
        setBody('', { entity_id: undefined, recipient: { recipient_type: 'CUSTOMER' } }),
      ).expect(400);
      expect(missing.body).toEqual(
        validationError(missing, 'entity_id', 'This field is required.'),
      );
    });

    it('rejects deadlines in the past, bare dates and question deadlines after the set', async () => {
      const personId = await createPerson();
      const past = await postSet(setBody(personId, { deadline: inDays(-1) })).expect(400);
      expect(past.body).toEqual(validationError(past, 'deadline', 'must be in the future'));

      const bare = await postSet(setBody(personId, { deadline: '2099-12-07' })).expect(400);
      expect(bare.body).toEqual(
        validationError(
          bare,
          'deadline',
          'must be an ISO 8601 date-time with a time zone, such as 2023-12-07T00:00:00Z',
        ),
      );

      const later = await postSet(
        setBody(personId, {
          deadline: inDays(7),
          questions: [{ question: 'Why?', answer_type: 'TEXT_ONLY', deadline: inDays(8) }],
        }),
      ).expect(400);
      expect(later.body).toEqual(
        validationError(
          later,
          'questions.0.deadline',
          "must not be later than the question set's deadline",
        ),
      );

      const pastQuestion = await postSet(
        setBody(personId, {
          questions: [{ question: 'Why?', answer_type: 'TEXT_ONLY', deadline: inDays(-1) }],
        }),
      ).expect(400);
      expect(pastQuestion.body).toEqual(
        validationError(pastQuestion, 'questions.0.deadline', 'must be in the future'),
      );
    });

    it('validates the questions and the recipient, naming the nested field', async () => {
      const personId = await createPerson();
      const badType = await postSet(
        setBody(personId, { questions: [{ question: 'Why?', answer_type: 'text_only' }] }),
      ).expect(400);
      expect(badType.body).toEqual(
        validationError(
          badType,
          'questions.0.answer_type',
          'answer_type must be one of the following values: TEXT_ONLY, TEXT_AND_FILES',
        ),
      );

      const typesOnText = await postSet(
        setBody(personId, {
          questions: [
            { question: 'Why?', answer_type: 'TEXT_ONLY', allowed_document_types: ['KYC_REPORT'] },
          ],
        }),
      ).expect(400);
      expect(typesOnText.body).toEqual(
        validationError(
          typesOnText,
          'questions.0.allowed_document_types',
          'must be empty for a TEXT_ONLY question',
        ),
      );

      const none = await postSet(setBody(personId, { questions: [] })).expect(400);
      expect(none.body).toEqual(
        validationError(none, 'questions', 'questions must contain at least 1 elements'),
      );

      const recipient = await postSet(
        setBody(personId, { recipient: { recipient_type: 'NOBODY' } }),
      ).expect(400);
      expect(recipient.body).toEqual(
        validationError(
          recipient,
          'recipient.recipient_type',
          'recipient_type must be one of the following values: CUSTOMER, PARTNER',
        ),
      );

      const padded = await postSet(
        setBody(personId, { questions: [{ question: ' Why? ', answer_type: 'TEXT_ONLY' }] }),
      ).expect(400);
      expect(padded.body).toEqual(
        validationError(padded, 'questions.0.question', 'must not start or end with whitespace'),
      );
    });

    it('replays a repeated Idempotency-Key and creates one set', async () => {
      const personId = await createPerson();
      const body = setBody(personId);
      const first = await postSet(body).set('Idempotency-Key', `qs-${personId}`).expect(201);
      const again = await postSet(body).set('Idempotency-Key', `qs-${personId}`).expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      const { rows } = await db.query('SELECT id FROM question_sets WHERE person_id = $1', [
        personId,
      ]);
      expect(rows).toEqual([{ id: (first.body as Json).id }]);
    });
  });

  describe('GET /v1/question_set/{question_set_id}', () => {
    it("shows the set to its customer's partner, staff and support; others get 404", async () => {
      const personId = await createPerson();
      const set = await createSet(personId);
      for (const caller of [partner, staff, support]) {
        expect((await getSet(set.id as string, caller).expect(200)).body).toEqual(set);
      }
      const foreign = await getSet(set.id as string, other).expect(404);
      expect(foreign.body).toEqual(notFound(foreign, 'QuestionSet', set.id as string));
    });

    it('answers 404 model_not_found for unknown and malformed ids', async () => {
      for (const id of ['0123456789abcdef0123456789abcdefcqset', 'nope', 'a'.repeat(300)]) {
        const res = await getSet(id, staff).expect(404);
        expect(res.body).toEqual(notFound(res, 'QuestionSet', id));
      }
    });
  });

  describe('PATCH /v1/question_set/{question_set_id}/questions/{question_id}/answer', () => {
    let personId: string;
    let personPath: string;

    beforeAll(async () => {
      personId = await createPerson();
      personPath = `/v1/persons/${personId}`;
    });

    const question = (set: Json, n: number) => (set.questions as Json[])[n].id as string;

    it('stores a draft answer (200, the question with its answer) and leaves the set OPEN', async () => {
      const set = await createSet(personId);
      const res = await answer(set, question(set, 0), {
        response: 'Savings from my salary',
        partner_notes: 'Checked with payslips',
      }).expect(200);
      expect(res.body).toEqual({
        ...(set.questions as Json[])[0],
        updated_at: expect.stringMatching(TIMESTAMP),
        answer: {
          response: 'Savings from my salary',
          partner_notes: 'Checked with payslips',
          attachments: [],
          ready_for_review: false,
        },
      });
      expect((await getSet(set.id as string).expect(200)).body).toMatchObject({ status: 'OPEN' });
      expect((await auditOf(question(set, 0))).map((event) => event.action)).toEqual([]);
    });

    it('keeps absent and null fields of an earlier answer; ready_for_review defaults to false', async () => {
      const set = await createSet(personId);
      await answer(set, question(set, 0), { response: 'First', partner_notes: 'Note' }).expect(200);
      const ready = await answer(set, question(set, 0), {
        partner_notes: null,
        ready_for_review: true,
      }).expect(200);
      expect((ready.body as Json).answer).toEqual({
        response: 'First',
        partner_notes: 'Note',
        attachments: [],
        ready_for_review: true,
      });
      const unready = await answer(set, question(set, 0), { response: 'Second' }).expect(200);
      expect((unready.body as Json).answer).toMatchObject({
        response: 'Second',
        ready_for_review: false,
      });
    });

    it('needs a response for an answer ready for review', async () => {
      const set = await createSet(personId);
      const res = await answer(set, question(set, 0), { ready_for_review: true }).expect(400);
      expect(res.body).toEqual(
        validationError(res, 'response', 'must not be empty when the answer is ready for review'),
      );
    });

    it('needs at least one attachment for a TEXT_AND_FILES answer ready for review', async () => {
      const set = await createSet(personId);
      const res = await answer(set, question(set, 1), {
        response: 'Attached',
        ready_for_review: true,
      }).expect(400);
      expect(res.body).toEqual(
        validationError(
          res,
          'attachments',
          'must name at least one document when a TEXT_AND_FILES answer is ready for review',
        ),
      );
      const emptyList = await answer(set, question(set, 1), {
        response: 'Attached',
        attachments: [],
        ready_for_review: true,
      }).expect(400);
      expect(emptyList.body).toEqual(
        validationError(
          emptyList,
          'attachments',
          'must name at least one document when a TEXT_AND_FILES answer is ready for review',
        ),
      );
    });

    it("accepts only documents of the set's own customer, of an allowed type", async () => {
      const set = await createSet(personId);
      const otherPerson = await createPerson();
      const foreignPartnerPerson = await createPerson(other);
      const strangers = [
        await uploadDocument(`/v1/persons/${otherPerson}`),
        await uploadDocument(`/v1/persons/${foreignPartnerPerson}`, 'KYC_REPORT', other),
        '0123456789abcdef0123456789abcdefcdoc',
        'not-a-document',
      ];
      for (const documentId of strangers) {
        const res = await answer(set, question(set, 1), {
          response: 'Attached',
          attachments: [documentId],
        }).expect(400);
        expect(res.body).toEqual(
          validationError(
            res,
            'attachments',
            `must be documents of ${personId}; '${documentId}' is not one`,
          ),
        );
      }

      const proofOfAddress = await uploadDocument(personPath, 'PROOF_OF_ADDRESS');
      const wrongType = await answer(set, question(set, 1), {
        response: 'Attached',
        attachments: [proofOfAddress],
      }).expect(400);
      expect(wrongType.body).toEqual(
        validationError(
          wrongType,
          'attachments',
          `must have one of the document types KYC_REPORT; '${proofOfAddress}' is PROOF_OF_ADDRESS`,
        ),
      );

      const onText = await answer(set, question(set, 0), {
        response: 'Text',
        attachments: [await uploadDocument(personPath)],
      }).expect(400);
      expect(onText.body).toEqual(
        validationError(onText, 'attachments', 'must be empty for a TEXT_ONLY question'),
      );

      const kyc = await uploadDocument(personPath);
      const ok = await answer(set, question(set, 1), {
        response: 'Attached',
        attachments: [kyc],
        ready_for_review: true,
      }).expect(200);
      expect((ok.body as Json).answer).toEqual({
        response: 'Attached',
        partner_notes: null,
        attachments: [kyc],
        ready_for_review: true,
      });
    });

    it('answers a business set with documents of that business', async () => {
      const businessId = await createBusiness();
      const set = await createSet(businessId, {
        questions: [
          { question: 'Provide your articles of association.', answer_type: 'TEXT_AND_FILES' },
        ],
      });
      const personalDocument = await uploadDocument(personPath);
      const wrong = await answer(set, question(set, 0), {
        response: 'Attached',
        attachments: [personalDocument],
      }).expect(400);
      expect((wrong.body as Json).errors[0].source.field).toBe('attachments');
      const document = await uploadDocument(`/v1/businesses/${businessId}`, 'ARTICLES');
      await answer(set, question(set, 0), {
        response: 'Attached',
        attachments: [document],
        ready_for_review: true,
      }).expect(200);
      expect((await getSet(set.id as string).expect(200)).body).toMatchObject({
        status: 'READY_FOR_REVIEW',
      });
      const business = await t.http
        .get(`/v1/businesses/${businessId}`)
        .set('Authorization', partner.auth)
        .expect(200);
      expect(business.body).toMatchObject({
        customer_vetting_status: 'INFORMATION_RECEIVED',
        risk_classification_status: 'INFORMATION_RECEIVED',
      });
      expect((await auditOf(businessId)).map((event) => event.action)).toEqual([
        'business.information_received',
      ]);
    });

    it('answers 404 for a question of another set and for unknown questions', async () => {
      const set = await createSet(personId);
      const otherSet = await createSet(personId);
      for (const questionId of [
        question(otherSet, 0),
        '0123456789abcdef0123456789abcdefcqst',
        'nope',
      ]) {
        const res = await answer(set, questionId, { response: 'x' }).expect(404);
        expect(res.body).toEqual(notFound(res, 'Question', questionId));
      }
    });

    it("hides another partner's set (404) and lets support only read (403)", async () => {
      const set = await createSet(personId);
      const foreign = await answer(set, question(set, 0), { response: 'x' }, other).expect(404);
      expect(foreign.body).toEqual(notFound(foreign, 'QuestionSet', set.id as string));
      const unknown = await t.http
        .patch(`/v1/question_set/0123456789abcdef0123456789abcdefcqset/questions/x/answer`)
        .set('Authorization', partner.auth)
        .send({ response: 'x' })
        .expect(404);
      expect(unknown.body).toEqual(
        notFound(unknown, 'QuestionSet', '0123456789abcdef0123456789abcdefcqset'),
      );
      const readOnly = await answer(set, question(set, 0), { response: 'x' }, support).expect(403);
      expect(readOnly.body).toEqual(
        solarisError(
          readOnly,
          403,
          'unauthorized_action',
          'Unauthorized Action',
          'You do not have permission to perform this action.',
        ),
      );
      await answer(set, question(set, 0), { response: 'By staff' }, staff).expect(200);
    });

    it("rejects answers once the set's or the question's deadline has passed (400)", async () => {
      const set = await createSet(personId);
      await db.query(
        `UPDATE question_sets SET deadline = now() - interval '1 minute' WHERE id = $1`,
        [set.id],
      );
      const { rows } = await db.query<{ deadline: Date }>(
        'SELECT deadline FROM question_sets WHERE id = $1',
        [set.id],
      );
      const late = await answer(set, question(set, 0), { response: 'Late' }).expect(400);
      expect(late.body).toEqual(
        solarisError(
          late,
          400,
          'validation_error',
          'Validation Error',
          `The deadline of question set '${set.id}' passed at ${rows[0].deadline.toISOString()}.`,
        ),
      );

      const fresh = await createSet(personId);
      await db.query(`UPDATE questions SET deadline = now() - interval '1 second' WHERE id = $1`, [
        question(fresh, 1),
      ]);
      const questionRow = await db.query<{ deadline: Date }>(
        'SELECT deadline FROM questions WHERE id = $1',
        [question(fresh, 1)],
      );
      const lateQuestion = await answer(fresh, question(fresh, 1), { response: 'Late' }).expect(
        400,
      );
      expect(lateQuestion.body).toEqual(
        solarisError(
          lateQuestion,
          400,
          'validation_error',
          'Validation Error',
          `The deadline of question '${question(fresh, 1)}' passed at ${questionRow.rows[0].deadline.toISOString()}.`,
        ),
      );
      await answer(fresh, question(fresh, 0), { response: 'In time' }).expect(200);
    });

    it('answers 409 once the set is READY_FOR_REVIEW, and changes nothing', async () => {
      const set = await createSet(personId, {
        questions: [{ question: 'Why?', answer_type: 'TEXT_ONLY' }],
      });
      await answer(set, question(set, 0), { response: 'Because', ready_for_review: true }).expect(
        200,
      );
      const res = await answer(set, question(set, 0), { response: 'Changed my mind' }).expect(409);
      expect(res.body).toEqual(
        solarisError(
          res,
          409,
          'conflict',
          'Conflict',
          `Question set '${set.id}' is READY_FOR_REVIEW: its answers can no longer be changed.`,
        ),
      );
      const stored = (await getSet(set.id as string).expect(200)).body as Json;
      expect(stored.questions[0].answer).toMatchObject({
        response: 'Because',
        ready_for_review: true,
      });
    });

    it('replays a repeated Idempotency-Key on an answer', async () => {
      const set = await createSet(personId);
      const key = `answer-${set.id}`;
      const body = { response: 'Once' };
      const first = await answer(set, question(set, 0), body).set('Idempotency-Key', key);
      expect(first.status).toBe(200);
      const again = await answer(set, question(set, 0), body).set('Idempotency-Key', key);
      expect(again.status).toBe(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      const reused = await answer(set, question(set, 0), { response: 'Twice' }).set(
        'Idempotency-Key',
        key,
      );
      expect(reused.status).toBe(422);
    });
  });

  describe('concurrency', () => {
    it('two answers completing a set at once make exactly one transition (10 sets, zero 5xx)', async () => {
      const personId = await createPerson();
      const sets = await Promise.all(
        Array.from({ length: 10 }, () =>
          createSet(personId, {
            questions: [
              { question: 'One?', answer_type: 'TEXT_ONLY' },
              { question: 'Two?', answer_type: 'TEXT_ONLY' },
            ],
          }),
        ),
      );
      const responses = await Promise.all(
        sets.flatMap((set) =>
          (set.questions as Json[]).map((q) =>
            answer(set, q.id as string, { response: 'Yes', ready_for_review: true }),
          ),
        ),
      );
      expect(responses.map((res) => res.status)).toEqual(responses.map(() => 200));
      for (const set of sets) {
        expect((await getSet(set.id as string).expect(200)).body).toMatchObject({
          status: 'READY_FOR_REVIEW',
        });
        expect((await auditOf(set.id as string)).map((event) => event.action).sort()).toEqual([
          'question_set.created',
          'question_set.ready_for_review',
        ]);
      }
      const transitions = await auditOf(personId);
      expect(transitions.map((event) => event.action)).toEqual(
        sets.map(() => 'person.information_received'),
      );
    });

    it('of concurrent answers to the last open question one wins, the others get 409', async () => {
      const personId = await createPerson();
      const set = await createSet(personId, {
        questions: [
          { question: 'One?', answer_type: 'TEXT_ONLY' },
          { question: 'Two?', answer_type: 'TEXT_ONLY' },
        ],
      });
      await answer(set, (set.questions as Json[])[0].id as string, {
        response: 'Yes',
        ready_for_review: true,
      }).expect(200);
      const last = (set.questions as Json[])[1].id as string;
      const responses = await Promise.all(
        Array.from({ length: 8 }, (_, n) =>
          answer(set, last, { response: `Answer ${n}`, ready_for_review: true }),
        ),
      );
      const statuses = responses.map((res) => res.status).sort();
      expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
      const winner = responses.find((res) => res.status === 200)!;
      const stored = (await getSet(set.id as string).expect(200)).body as Json;
      expect(stored.questions[1].answer.response).toBe((winner.body as Json).answer.response);
      expect((await auditOf(personId)).map((event) => event.action)).toEqual([
        'person.information_received',
      ]);
    });
  });

  it('story: staff ask, the partner uploads and answers, the person is vetted, all audited', async () => {
    const personId = await createPerson();
    const person = `/v1/persons/${personId}`;
    const before = await t.http.get(person).set('Authorization', partner.auth).expect(200);
    expect(before.body).toMatchObject({
      customer_vetting_status: 'NOT_VETTED',
      risk_classification_status: 'NOT_SCORED',
    });

    const set = await createSet(personId);
    const [funds, report] = (set.questions as Json[]).map((q) => q.id as string);
    const visible = await getSet(set.id as string).expect(200);
    expect(visible.body).toMatchObject({ status: 'OPEN', entity_id: personId });

    const documentId = await uploadDocument(person);
    await answer(set, funds, {
      response: 'Savings from my salary',
      ready_for_review: true,
    }).expect(200);
    expect((await getSet(set.id as string).expect(200)).body).toMatchObject({ status: 'OPEN' });
    const last = await answer(set, report, {
      response: 'Here is my answer to the question',
      partner_notes: 'Optional notes',
      attachments: [documentId],
      ready_for_review: true,
    }).expect(200);
    expect((last.body as Json).answer).toEqual({
      response: 'Here is my answer to the question',
      partner_notes: 'Optional notes',
      attachments: [documentId],
      ready_for_review: true,
    });

    const final = (await getSet(set.id as string).expect(200)).body as Json;
    expect(final.status).toBe('READY_FOR_REVIEW');
    expect(final.questions.map((q: Json) => q.answer.ready_for_review)).toEqual([true, true]);
    const after = await t.http.get(person).set('Authorization', partner.auth).expect(200);
    expect(after.body).toMatchObject({
      customer_vetting_status: 'INFORMATION_RECEIVED',
      risk_classification_status: 'INFORMATION_RECEIVED',
    });

    const trail = (
      await Promise.all([set.id as string, funds, report, personId].map((id) => auditOf(id)))
    )
      .flat()
      .map((event) => ({
        at: Date.parse(event.created as string),
        action: event.action as string,
        actor: event.actor_uuid as string,
        object: event.object_uuid as string,
      }))
      .sort((a, b) => a.at - b.at);
    const hex = (user: TestUser) => user.user.id.replace(/-/g, '');
    const step = ({ action, actor, object }: (typeof trail)[number]) => ({ action, actor, object });
    expect(trail.slice(0, 2).map(step)).toEqual([
      { action: 'question_set.created', actor: hex(staff), object: set.id },
      { action: 'question.answer_ready_for_review', actor: hex(partner), object: funds },
    ]);
    // The last answer, the set's transition and the person's change are one transaction: they
    // share its timestamp, after the earlier steps.
    const byAction = (a: { action: string }, b: { action: string }) =>
      a.action < b.action ? -1 : 1;
    expect(trail.slice(2).map(step).sort(byAction)).toEqual([
      { action: 'person.information_received', actor: hex(partner), object: personId },
      { action: 'question.answer_ready_for_review', actor: hex(partner), object: report },
      { action: 'question_set.ready_for_review', actor: hex(partner), object: set.id },
    ]);
    expect(new Set(trail.slice(2).map((event) => event.at)).size).toBe(1);
    expect(trail[0].at).toBeLessThan(trail[1].at);
    expect(trail[1].at).toBeLessThan(trail[2].at);
    const personEvent = (await auditOf(personId))[0];
    expect(personEvent).toMatchObject({
      before: { customer_vetting_status: 'NOT_VETTED', risk_classification_status: 'NOT_SCORED' },
      after: {
        customer_vetting_status: 'INFORMATION_RECEIVED',
        risk_classification_status: 'INFORMATION_RECEIVED',
        question_set_id: set.id,
      },
    });
  });
});
