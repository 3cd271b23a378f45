import pg from 'pg';
import { OnboardingChecklists } from '../src/onboarding/checklists/onboarding-checklists.js';
import { COMPANY_REGISTRIES } from '../src/onboarding/registry/company-registry.js';
import { UsersService } from '../src/users/users.service.js';
import { generateApiKey } from '../src/common/auth/tokens.js';
import { createStaff, createSupport, createUser, type TestUser } from './setup/factories.js';
import { createTestApp, type TestApp } from './setup/test-app.js';
import {
  type ApiObject,
  auditOf,
  HEX32,
  ISO_DATE,
  justify,
  startVerification,
  useWaldurContract,
  uuidsOf,
} from './support/onboarding.js';
import { upstreamOperations } from './support/waldur-contract.js';

const HOUR_MS = 3_600_000;
const V = '/api/onboarding-verifications';
const J = '/api/onboarding-justifications';

/** The default checklists' question and option ids (see DEFAULT_ONBOARDING_CHECKLISTS). */
const Q = {
  name: '6f1c3a2e9b8d4c7a8e5f0a1b2c3d4e11',
  vat: '6f1c3a2e9b8d4c7a8e5f0a1b2c3d4e12',
  address: '6f1c3a2e9b8d4c7a8e5f0a1b2c3d4e13',
  email: '6f1c3a2e9b8d4c7a8e5f0a1b2c3d4e14',
  intent: '6f1c3a2e9b8d4c7a8e5f0a1b2c3d4e21',
  users: '6f1c3a2e9b8d4c7a8e5f0a1b2c3d4e22',
};
const RESEARCH = '6f1c3a2e9b8d4c7a8e5f0a1b2c3d4e31';
const CUSTOMER_CHECKLIST = '6f1c3a2e9b8d4c7a8e5f0a1b2c3d4e01';
const INTENT_CHECKLIST = '6f1c3a2e9b8d4c7a8e5f0a1b2c3d4e02';

describe('onboarding: Waldur 8.0.5 compatibility', () => {
  let t: TestApp;
  let db: pg.Client;
  let owner: TestUser;
  let other: TestUser;
  let staff: TestUser;
  let reviewer: TestUser;
  let support: TestUser;

  /** A user with a full name, made through the real service. */
  async function namedUser(fullName: string): Promise<TestUser> {
    const users = t.app.get(UsersService);
    const user = await users.create({
      username: `named_${Date.now()}_${Math.random()}`.replace('.', ''),
      full_name: fullName,
    });
    const token = generateApiKey();
    await users.setKey(user.id, token);
    return { user, token, auth: `Token ${token}` };
  }

  beforeAll(async () => {
    t = await createTestApp();
    db = new pg.Client(t.databaseUrl);
    await db.connect();
    owner = await namedUser('Mari Maasikas');
    other = await createUser(t.app);
    staff = await createStaff(t.app);
    reviewer = await createStaff(t.app);
    support = await createSupport(t.app);
  });
  const contract = useWaldurContract('onboarding compatibility', () => t);
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const hex = (user: TestUser) => user.user.id.replace(/-/g, '');
  const userUrl = (user: TestUser) => `${t.baseUrl}/api/users/${hex(user)}/`;
  const as = (user: TestUser) => ({ Authorization: user.auth });
  const submit = (user: TestUser, uuid: string, answers: unknown) =>
    t.http
      .post(`${V}/${uuid}/submit_answers/`)
      .set(as(user))
      .send(answers as object);
  const approve = (uuid: string) =>
    t.http.post(`${J}/${uuid}/approve/`).set(as(reviewer)).send({}).expect(200);

  /** A manual verification approved by staff: verified, justified, no checklist answered. */
  async function approvedManual(user: TestUser, company: Record<string, string>) {
    const verification = await startVerification(t, user, company);
    const justification = await justify(t, user, verification.uuid);
    await approve(justification.uuid);
    return verification;
  }

  const answerAll = (user: TestUser, uuid: string) =>
    submit(user, uuid, [
      { question_uuid: Q.name, answer_data: 'Complete Checklist Company OÜ' },
      { question_uuid: Q.vat, answer_data: 'EE123456789' },
      { question_uuid: Q.intent, answer_data: RESEARCH },
    ]).expect(200);

  describe('POST / (create)', () => {
    it('creates a manual verification of the caller: 201, escalated, expiring after 48 hours', async () => {
      const before = Date.now();
      const res = await t.http
        .post(`${V}/`)
        .set(as(owner))
        .send({ country: 'LV', legal_person_identifier: '40003', legal_name: 'Riga SIA' })
        .expect(201);
      expect(res.body).toEqual({
        uuid: expect.stringMatching(HEX32),
        user: userUrl(owner),
        user_full_name: 'Mari Maasikas',
        country: 'LV',
        legal_person_identifier: '40003',
        legal_name: 'Riga SIA',
        status: 'escalated',
        justifications: [],
        validation_method: '',
        verified_user_roles: [],
        verified_company_data: {},
        raw_response: null,
        error_traceback: '',
        error_message: '',
        validated_at: null,
        expires_at: expect.stringMatching(ISO_DATE),
        customer: null,
        onboarding_metadata: {},
        user_submitted_customer_data: {},
        can_customer_be_created: false,
        customer_creation_error_message:
          "Verification status must be 'verified', currently 'escalated'",
        created: expect.stringMatching(ISO_DATE),
        modified: expect.stringMatching(ISO_DATE),
      });
      expect(Date.parse(res.body.expires_at) - before).toBeGreaterThanOrEqual(48 * HOUR_MS);
    });

    it('takes an empty body and an explicit expires_at; refuses a malformed one', async () => {
      const empty = await t.http.post(`${V}/`).set(as(owner)).send({}).expect(201);
      expect(empty.body).toMatchObject({ country: '', legal_name: '', status: 'escalated' });
      const dated = await t.http
        .post(`${V}/`)
        .set(as(owner))
        .send({ expires_at: '2030-05-06T07:08:09Z' })
        .expect(201);
      expect(dated.body.expires_at).toBe('2030-05-06T07:08:09.000Z');
      await t.http
        .post(`${V}/`)
        .set(as(owner))
        .send({ expires_at: 17 })
        .expect(400, {
          expires_at: [
            'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].',
          ],
        });
    });
  });

  describe('run_validation/ with the sandbox registry', () => {
    const run = (user: TestUser, uuid: string, body: object = {}) =>
      t.http.post(`${V}/${uuid}/run_validation/`).set(as(user)).send(body);

    it('verifies an authorized representative, with roles, company data and the raw answer', async () => {
      const started = await startVerification(t, owner, {
        validation_method: 'ariregister',
        legal_person_identifier: '70000310',
        legal_name: 'Registrite ja Infosüsteemide Keskus',
      });
      const res = await run(owner, started.uuid, { civil_number: '37906094930' }).expect(200);
      expect(res.body).toMatchObject({
        status: 'verified',
        validation_method: 'ariregister',
        verified_user_roles: ['ASES'],
        verified_company_data: {
          name: 'Registrite ja Infosüsteemide Keskus',
          legal_person_identifier: '70000310',
          status: 'Entered into the register',
          registry: 'Sandbox registry (ariregister)',
        },
        raw_response: null,
        error_message: '',
        error_traceback: '',
        validated_at: expect.stringMatching(ISO_DATE),
      });
      const asStaff = await t.http.get(`${V}/${started.uuid}/`).set(as(staff)).expect(200);
      expect(asStaff.body.raw_response).toEqual({
        sandbox: true,
        validation_method: 'ariregister',
        registration_code: '70000310',
      });
      const events = await auditOf(t, staff, started.uuid);
      expect(events.at(-1)).toMatchObject({
        action: 'verification.validated',
        actor_uuid: hex(owner),
        after: { status: 'verified', validation_method: 'ariregister', error_message: '' },
      });
      await run(owner, started.uuid).expect(409, {
        detail: 'A verified verification cannot be validated again.',
      });
    });

    it('escalates what the registry refuses, with its code and message', async () => {
      const cases: [string, string, string][] = [
        ['99999404', 'COMPANY_NOT_FOUND', 'Company with registration code 99999404 not found'],
        [
          '70000403',
          'NOT_AUTHORIZED',
          'User 37906094930 is not listed as authorized representative',
        ],
        [
          '70000502',
          'API_ERROR',
          'Backend error: the sandbox registry is unreachable for this code',
        ],
      ];
      for (const [code, errorMessage, traceback] of cases) {
        const started = await startVerification(t, owner, {
          validation_method: 'bolagsverket',
          legal_person_identifier: code,
        });
        const res = await run(owner, started.uuid, { civil_number: '37906094930' }).expect(200);
        expect(res.body).toMatchObject({
          status: 'escalated',
          error_message: errorMessage,
          error_traceback: traceback,
          verified_user_roles: [],
        });
        // Escalated: the applicant may now justify it.
        await justify(t, owner, started.uuid);
      }
    });

    it('refuses a manual verification, other users, staff and bad fields', async () => {
      const manual = await startVerification(t, owner);
      await run(owner, manual.uuid).expect(400, {
        non_field_errors: [
          'No validation_method specified. This verification requires manual approval.',
        ],
      });
      const automated = await startVerification(t, owner, { validation_method: 'breg' });
      await run(other, automated.uuid).expect(404, { detail: 'Not found.' });
      await run(staff, automated.uuid).expect(403, {
        detail: 'You do not have permission to perform this action.',
      });
      await run(owner, automated.uuid, { birth_date: '1979-13-45', civil_number: 7 }).expect(400, {
        civil_number: ['Not a valid string.'],
        birth_date: ['Date has wrong format. Use one of these formats instead: YYYY-MM-DD.'],
      });
      const res = await run(owner, automated.uuid, {
        first_name: 'Mari',
        last_name: 'Maasikas',
        birth_date: '1979-06-09',
      }).expect(200);
      expect(res.body.status).toBe('verified');
    });
  });

  describe('checklists', () => {
    it('shows the intent checklist by default, with its questions and no answers', async () => {
      const verification = await startVerification(t, owner);
      const res = await t.http
        .get(`${V}/${verification.uuid}/checklist/`)
        .set(as(owner))
        .expect(200);
      expect(res.body).toEqual({
        checklist: {
          uuid: INTENT_CHECKLIST,
          name: 'Intended use',
          description: 'What the organization intends to use the service for.',
          checklist_type: 'onboarding_intent_data',
          questions_count: 2,
        },
        completion: {
          uuid: expect.stringMatching(HEX32),
          is_completed: false,
          completion_percentage: 0,
          unanswered_required_questions: [
            { uuid: Q.intent, description: 'Main purpose of the account' },
          ],
          checklist_name: 'Intended use',
          checklist_description: 'What the organization intends to use the service for.',
          created: expect.stringMatching(ISO_DATE),
          modified: expect.stringMatching(ISO_DATE),
        },
        questions: [
          {
            uuid: Q.intent,
            description: 'Main purpose of the account',
            user_guidance: null,
            question_type: 'single_select',
            required: true,
            order: 1,
            existing_answer: null,
            question_options: [
              { uuid: RESEARCH, label: 'Research', order: 1 },
              { uuid: '6f1c3a2e9b8d4c7a8e5f0a1b2c3d4e32', label: 'Teaching', order: 2 },
              { uuid: '6f1c3a2e9b8d4c7a8e5f0a1b2c3d4e33', label: 'Commercial services', order: 3 },
            ],
            min_value: null,
            max_value: null,
            allowed_file_types: [],
            allowed_mime_types: [],
            max_file_size_mb: null,
            max_files_count: null,
            dependencies_info: null,
          },
          {
            uuid: Q.users,
            description: 'Expected number of users',
            user_guidance: null,
            question_type: 'number',
            required: false,
            order: 2,
            existing_answer: null,
            question_options: null,
            min_value: '1.0000',
            max_value: '100000.0000',
            allowed_file_types: [],
            allowed_mime_types: [],
            max_file_size_mb: null,
            max_files_count: null,
            dependencies_info: null,
          },
        ],
      });
      const customer = await t.http
        .get(`${V}/${verification.uuid}/checklist/`)
        .query({ checklist_type: 'customer', include_all: 'true' })
        .set(as(support))
        .expect(200);
      expect(customer.body.checklist.uuid).toBe(CUSTOMER_CHECKLIST);
      expect(customer.body.questions.map((q: ApiObject) => q.uuid)).toEqual([
        Q.name,
        Q.vat,
        Q.address,
        Q.email,
      ]);
      await t.http
        .get(`${V}/${verification.uuid}/checklist/`)
        .query({ checklist_type: 'legal' })
        .set(as(owner))
        .expect(400, { checklist_type: ['"legal" is not a valid choice.'] });
      await t.http.get(`${V}/${verification.uuid}/checklist/`).set(as(other)).expect(404);
    });

    it('takes answers to either checklist, reports completion, and maps them into the verification', async () => {
      const verification = await startVerification(t, owner);
      const res = await submit(owner, verification.uuid, [
        { question_uuid: Q.vat, answer_data: 'EE123456789' },
        { question_uuid: Q.intent, answer_data: RESEARCH },
        { question_uuid: Q.users, answer_data: 25 },
      ]).expect(200);
      expect(res.body).toMatchObject({
        uuid: verification.uuid,
        user_submitted_customer_data: { vat_code: 'EE123456789' },
        onboarding_metadata: { business_intent: RESEARCH, expected_users: 25 },
      });
      const intent = await t.http
        .get(`${V}/${verification.uuid}/completion_status/`)
        .set(as(owner))
        .expect(200);
      expect(intent.body).toMatchObject({
        is_completed: true,
        completion_percentage: 100,
        unanswered_required_questions: [],
        checklist_name: 'Intended use',
      });
      const customer = await t.http
        .get(`${V}/${verification.uuid}/completion_status/`)
        .query({ checklist_type: 'customer' })
        .set(as(staff))
        .expect(200);
      expect(customer.body).toMatchObject({
        is_completed: false,
        completion_percentage: 50,
        unanswered_required_questions: [
          { uuid: Q.name, description: 'Official name of the organization' },
        ],
      });
      const checklist = await t.http
        .get(`${V}/${verification.uuid}/checklist/`)
        .query({ checklist_type: 'customer' })
        .set(as(owner))
        .expect(200);
      expect(checklist.body.questions[1].existing_answer).toEqual({
        uuid: expect.stringMatching(HEX32),
        answer_data: 'EE123456789',
        created: expect.stringMatching(ISO_DATE),
        modified: expect.stringMatching(ISO_DATE),
      });
      // A second answer replaces the first; null removes it.
      await submit(owner, verification.uuid, [{ question_uuid: Q.users, answer_data: 40 }]).expect(
        200,
      );
      const removed = await submit(owner, verification.uuid, [
        { question_uuid: Q.vat, answer_data: null },
      ]).expect(200);
      expect(removed.body.user_submitted_customer_data).toEqual({});
      expect(removed.body.onboarding_metadata).toEqual({
        business_intent: RESEARCH,
        expected_users: 40,
      });
      const justification = await justify(t, owner, verification.uuid);
      expect(justification.onboarding_metadata).toEqual({
        business_intent: RESEARCH,
        expected_users: 40,
      });
    });

    it('refuses answers that do not fit, unknown questions, other users and staff', async () => {
      const verification = await startVerification(t, owner);
      const uuid = verification.uuid;
      await submit(owner, uuid, { question_uuid: Q.vat }).expect(400, {
        non_field_errors: ['Expected a list of items but got type "dict".'],
      });
      await submit(owner, uuid, []).expect(400, {
        non_field_errors: ['This list may not be empty.'],
      });
      await submit(owner, uuid, [
        { question_uuid: 'nope', answer_data: 1 },
        { answer_data: 1 },
        { question_uuid: Q.vat },
      ]).expect(400, {
        '0.question_uuid': ['Must be a valid UUID.'],
        '1.question_uuid': ['This field is required.'],
        '2.answer_data': ['This field is required.'],
      });
      const unknown = '0'.repeat(32);
      await submit(owner, uuid, [{ question_uuid: unknown, answer_data: 'x' }]).expect(400, {
        non_field_errors: [
          `Question ${unknown} does not belong to any configured checklist for this verification`,
        ],
      });
      await submit(owner, uuid, [
        { question_uuid: Q.name, answer_data: 'Fine OÜ' },
        { question_uuid: Q.users, answer_data: 0 },
      ]).expect(400, {
        '1.answer_data': ['Ensure this value is greater than or equal to 1.'],
      });
      await submit(owner, uuid, [{ question_uuid: Q.intent, answer_data: 'Research' }]).expect(
        400,
        {
          '0.answer_data': ['Select one of the question options (by uuid).'],
        },
      );
      await submit(owner, uuid, [{ question_uuid: Q.email, answer_data: 'not-mail' }]).expect(400, {
        '0.answer_data': ['Enter a valid email address.'],
      });
      await submit(owner, uuid, [{ question_uuid: Q.vat, answer_data: 'EE'.repeat(11) }]).expect(
        400,
        { '0.answer_data': ['Ensure this answer has no more than 20 characters.'] },
      );
      // Nothing of the refused batches was stored.
      const status = await t.http
        .get(`${V}/${uuid}/completion_status/`)
        .query({ checklist_type: 'customer' })
        .set(as(owner))
        .expect(200);
      expect(status.body.completion_percentage).toBe(0);
      await submit(other, uuid, [{ question_uuid: Q.vat, answer_data: 'x' }]).expect(404);
      await submit(staff, uuid, [{ question_uuid: Q.vat, answer_data: 'x' }]).expect(403);
    });

    it('previews the checklists before any verification (GET and HEAD)', async () => {
      const all = await t.http.get(`${V}/available_checklists/`).set(as(other)).expect(200);
      expect(Object.keys(all.body)).toEqual(['customer_checklist', 'intent_checklist']);
      expect(all.body.customer_checklist).toMatchObject({
        uuid: CUSTOMER_CHECKLIST,
        checklist_type: 'onboarding_customer_data',
      });
      expect(all.body.customer_checklist.questions[1]).toMatchObject({
        uuid: Q.vat,
        user_guidance: 'With the country prefix, e.g. EE123456789.',
        onboarding_metadata: { maps_to_customer_field: 'vat_code', intent_field: '' },
      });
      const intent = await t.http
        .get(`${V}/available_checklists/`)
        .query({ checklist_type: 'intent' })
        .set(as(other))
        .expect(200);
      expect(intent.body.customer_checklist).toBeNull();
      expect(intent.body.intent_checklist.uuid).toBe(INTENT_CHECKLIST);
      await t.http
        .get(`${V}/available_checklists/`)
        .query({ checklist_type: 'both' })
        .set(as(other))
        .expect(400, { checklist_type: ['"both" is not a valid choice.'] });
      const head = await t.http.head(`${V}/available_checklists/`).set(as(other)).expect(200);
      expect(head.text).toBeFalsy();
      await t.http.get(`${V}/available_checklists/`).expect(401);
    });

    it('gives the checklist template of a new verification for its user (GET and HEAD)', async () => {
      const res = await t.http
        .get(`${V}/checklist-template/`)
        .query({ parent_uuid: hex(other) })
        .set(as(other))
        .expect(200);
      expect(res.body.checklist.uuid).toBe(INTENT_CHECKLIST);
      expect(res.body.questions).toHaveLength(2);
      expect(res.body.initial_visible_questions).toEqual(res.body.questions);
      expect(res.body.questions[0]).toEqual({
        uuid: Q.intent,
        description: 'Main purpose of the account',
        question_type: 'single_select',
        required: true,
        order: 1,
        min_value: null,
        max_value: null,
        allowed_file_types: [],
        allowed_mime_types: [],
        max_file_size_mb: null,
        max_files_count: null,
        user_guidance: '',
        question_options: [
          { uuid: RESEARCH, label: 'Research', order: 1 },
          { uuid: '6f1c3a2e9b8d4c7a8e5f0a1b2c3d4e32', label: 'Teaching', order: 2 },
          { uuid: '6f1c3a2e9b8d4c7a8e5f0a1b2c3d4e33', label: 'Commercial services', order: 3 },
        ],
        operator: '',
        review_answer_value: null,
        always_requires_review: false,
        guidance_answer_value: null,
        guidance_operator: '',
        always_show_guidance: false,
        dependency_logic_operator: 'and',
      });
      await t.http
        .get(`${V}/checklist-template/`)
        .query({ parent_uuid: hex(owner) })
        .set(as(staff))
        .expect(200);
      await t.http
        .get(`${V}/checklist-template/`)
        .query({ parent_uuid: hex(owner) })
        .set(as(other))
        .expect(404, { detail: 'Parent object not found' });
      await t.http
        .get(`${V}/checklist-template/`)
        .query({ parent_uuid: '0'.repeat(32) })
        .set(as(staff))
        .expect(404, { detail: 'Parent object not found' });
      await t.http
        .get(`${V}/checklist-template/`)
        .set(as(other))
        .expect(400, { parent_uuid: ['This field is required.'] });
      await t.http
        .head(`${V}/checklist-template/`)
        .query({ parent_uuid: hex(other) })
        .set(as(other))
        .expect(200);
    });
  });

  describe('create_customer/', () => {
    it('creates the customer of an approved manual verification once both checklists are done', async () => {
      const verification = await approvedManual(owner, {
        country: 'EE',
        legal_person_identifier: '11223344',
        legal_name: 'Complete Checklist Company OÜ',
      });
      const blocked = await t.http
        .post(`${V}/${verification.uuid}/create_customer/`)
        .set(as(staff))
        .expect(400);
      expect(JSON.stringify(blocked.body).toLowerCase()).toMatch(/checklist.*required/);
      const view = await t.http.get(`${V}/${verification.uuid}/`).set(as(owner)).expect(200);
      expect(view.body).toMatchObject({
        status: 'verified',
        can_customer_be_created: false,
        customer_creation_error_message:
          'The customer checklist is not completed: 2 required question(s) unanswered',
      });
      const answered = await answerAll(owner, verification.uuid);
      expect(answered.body).toMatchObject({
        can_customer_be_created: true,
        customer_creation_error_message: null,
      });
      await t.http.post(`${V}/${verification.uuid}/create_customer/`).set(as(other)).expect(404);
      await t.http.post(`${V}/${verification.uuid}/create_customer/`).set(as(support)).expect(403);
      const res = await t.http
        .post(`${V}/${verification.uuid}/create_customer/`)
        .set(as(staff))
        .expect(201);
      expect(res.body).toEqual({
        url: expect.stringMatching(new RegExp(`^${t.baseUrl}/api/customers/[0-9a-f]{32}/$`)),
        uuid: expect.stringMatching(HEX32),
        created: expect.stringMatching(ISO_DATE),
        name: 'Complete Checklist Company OÜ',
        display_name: 'Complete Checklist Company OÜ',
        registration_code: '11223344',
        country: 'EE',
        vat_code: 'EE123456789',
        address: '',
        postal: '',
      });
      const after = await t.http.get(`${V}/${verification.uuid}/`).set(as(owner)).expect(200);
      expect(after.body).toMatchObject({
        customer: res.body.url,
        can_customer_be_created: false,
        customer_creation_error_message: 'Customer already exists for this verification',
      });
      const customer = await t.http.get(new URL(res.body.url).pathname).set(as(owner)).expect(200);
      expect(customer.body).toEqual(res.body);
      await t.http.get(new URL(res.body.url).pathname).set(as(other)).expect(404);
      await t.http
        .post(`${V}/${verification.uuid}/create_customer/`)
        .set(as(owner))
        .expect(400, {
          non_field_errors: [
            'Cannot create customer: Customer already exists for this verification',
          ],
        });
      const [event] = (await auditOf(t, staff, verification.uuid)).filter(
        (e) => e.action === 'verification.customer_created',
      );
      expect(event).toMatchObject({
        actor_uuid: hex(staff),
        after: { customer_uuid: res.body.uuid },
      });

      // The company now exists: approving another justification of it is refused, unchanged.
      const again = await startVerification(t, other, {
        country: 'EE',
        legal_person_identifier: '11223344',
      });
      const second = await justify(t, other, again.uuid);
      await t.http
        .post(`${J}/${second.uuid}/approve/`)
        .set(as(reviewer))
        .send({})
        .expect(400, {
          non_field_errors: [
            "A customer with registration code '11223344' already exists. Customer name: 'Complete Checklist Company OÜ'. Cannot approve this justification.",
          ],
        });
      const unchanged = await t.http.get(`${J}/${second.uuid}/`).set(as(other)).expect(200);
      expect(unchanged.body.validation_decision).toBe('pending');
    });

    it('needs only the intent checklist after an automated verification, named from the registry', async () => {
      const started = await startVerification(t, owner, {
        country: 'EE',
        validation_method: 'ariregister',
        legal_person_identifier: '55667788',
        legal_name: '',
      });
      const verified = await t.http
        .post(`${V}/${started.uuid}/run_validation/`)
        .set(as(owner))
        .send({})
        .expect(200);
      expect(verified.body.customer_creation_error_message).toBe(
        'The intent checklist is not completed: 1 required question(s) unanswered',
      );
      await submit(owner, started.uuid, [
        { question_uuid: Q.intent, answer_data: RESEARCH },
      ]).expect(200);
      const res = await t.http
        .post(`${V}/${started.uuid}/create_customer/`)
        .set(as(owner))
        .expect(201);
      expect(res.body).toMatchObject({ name: 'Company 55667788', registration_code: '55667788' });
    });

    it('refuses a verification that is not verified', async () => {
      const verification = await startVerification(t, owner);
      await t.http
        .post(`${V}/${verification.uuid}/create_customer/`)
        .set(as(owner))
        .expect(400, {
          non_field_errors: [
            "Cannot create customer: Verification status must be 'verified', currently 'escalated'",
          ],
        });
    });
  });

  describe('justification bodies', () => {
    it('takes user_justification null on create, PUT and PATCH', async () => {
      const verification = await startVerification(t, owner);
      const created = await t.http
        .post(`${J}/`)
        .set(as(owner))
        .send({ verification: verification.uuid, user_justification: null })
        .expect(201);
      expect(created.body.user_justification).toBeNull();
      const patched = await t.http
        .patch(`${J}/${created.body.uuid}/`)
        .set(as(owner))
        .send({ user_justification: 'Now with words' })
        .expect(200);
      expect(patched.body.user_justification).toBe('Now with words');
      const put = await t.http
        .put(`${J}/${created.body.uuid}/`)
        .set(as(owner))
        .send({ verification: verification.uuid, user_justification: null })
        .expect(200);
      expect(put.body.user_justification).toBeNull();
    });
  });

  describe('filters', () => {
    let lister: TestUser;
    const made: ApiObject[] = [];

    beforeAll(async () => {
      lister = await createUser(t.app);
      made.push(
        await startVerification(t, lister, {
          legal_name: 'Alpha OÜ',
          legal_person_identifier: 'A-1',
        }),
      );
      made.push(
        await startVerification(t, lister, {
          legal_name: 'Beta AS',
          legal_person_identifier: 'B-2',
          validation_method: 'breg',
        }),
      );
      made.push(
        await startVerification(t, lister, {
          legal_name: 'Gamma AB',
          legal_person_identifier: 'alpha-3',
          validation_method: 'bolagsverket',
        }),
      );
      await t.http
        .post(`${V}/${made[2].uuid}/run_validation/`)
        .set(as(lister))
        .send({})
        .expect(200);
    });

    const uuids = async (path: string, query: Record<string, unknown>) =>
      uuidsOf((await t.http.get(path).query(query).set(as(lister)).expect(200)).body);

    it('filters verifications by status and validation_method, by value or label, repeated', async () => {
      expect(await uuids(`${V}/`, { status: 'Escalated for manual validation' })).toEqual([
        made[0].uuid,
      ]);
      expect(await uuids(`${V}/`, { status: ['Verified', 'pending'] })).toEqual([
        made[2].uuid,
        made[1].uuid,
      ]);
      expect(await uuids(`${V}/`, { status: ['Failed', 'Expired'] })).toEqual([]);
      expect(
        await uuids(`${V}/`, { validation_method: 'Norwegian Business Register (Brreg)' }),
      ).toEqual([made[1].uuid]);
      expect(
        await uuids(`${V}/`, {
          validation_method: ['breg', 'Swedish Business Register (Bolagsverket)'],
        }),
      ).toEqual([made[2].uuid, made[1].uuid]);
      await t.http
        .get(`${V}/`)
        .query({ validation_method: ['breg', 'dnb_fi'] })
        .set(as(lister))
        .expect(400, {
          validation_method: ['Select a valid choice. dnb_fi is not one of the available choices.'],
        });
    });

    it('searches legal name and identifier with query, on both families', async () => {
      expect(await uuids(`${V}/`, { query: 'ALPHA' })).toEqual([made[2].uuid, made[0].uuid]);
      expect(await uuids(`${V}/`, { query: 'b-2' })).toEqual([made[1].uuid]);
      const justification = await justify(t, lister, made[0].uuid);
      expect(await uuids(`${J}/`, { query: 'alpha oü' })).toEqual([justification.uuid]);
      expect(await uuids(`${J}/`, { query: 'nothing like it' })).toEqual([]);
    });

    it('orders by o on both families, and refuses unknown orderings', async () => {
      expect(await uuids(`${V}/`, { o: 'created' })).toEqual(made.map((m) => m.uuid));
      expect(await uuids(`${V}/`, { o: '-created' })).toEqual(made.map((m) => m.uuid).reverse());
      // Only the validated one has validated_at; PostgreSQL sorts NULLs last ascending.
      expect((await uuids(`${V}/`, { o: 'validated_at,created' }))[0]).toBe(made[2].uuid);
      await t.http
        .get(`${V}/`)
        .query({ o: 'status' })
        .set(as(lister))
        .expect(400, { o: ['Select a valid choice. status is not one of the available choices.'] });
      const all = await uuids(`${J}/`, { o: 'created' });
      expect(await uuids(`${J}/`, { o: '-created' })).toEqual([...all].reverse());
      await t.http
        .get(`${J}/`)
        .query({ o: '-expires_at' })
        .set(as(lister))
        .expect(400, {
          o: ['Select a valid choice. -expires_at is not one of the available choices.'],
        });
    });

    it('filters justifications by validation_decision, by value or label, repeated', async () => {
      const decider = await createUser(t.app);
      const a = await justify(t, decider, (await startVerification(t, decider)).uuid);
      const b = await justify(t, decider, (await startVerification(t, decider)).uuid);
      await approve(a.uuid);
      const list = (query: Record<string, unknown>) =>
        t.http.get(`${J}/`).query(query).set(as(decider)).expect(200);
      expect(uuidsOf((await list({ validation_decision: 'Approved' })).body)).toEqual([a.uuid]);
      expect(uuidsOf((await list({ validation_decision: 'Pending Review' })).body)).toEqual([
        b.uuid,
      ]);
      expect(uuidsOf((await list({ validation_decision: ['pending', 'Approved'] })).body)).toEqual([
        b.uuid,
        a.uuid,
      ]);
      expect(uuidsOf((await list({ validation_decision: 'Rejected' })).body)).toEqual([]);
    });
  });

  describe('DRF paging', () => {
    let pager: TestUser;

    beforeAll(async () => {
      pager = await createUser(t.app);
      await db.query(
        `INSERT INTO onboarding_verifications (user_id, country, legal_person_identifier, legal_name, status, created)
         SELECT $1, 'EE', 'P-' || n, 'Paged ' || n, 'escalated', now() - make_interval(secs => n)
           FROM generate_series(1, 305) AS n`,
        [pager.user.id],
      );
    });

    const page = (query: Record<string, unknown>) =>
      t.http.get(`${V}/`).query(query).set(as(pager));

    it('serves page=last, defaults an invalid page_size and caps a large one at 300', async () => {
      const last = await page({ page: 'last', page_size: 100 }).expect(200);
      expect(last.body).toHaveLength(5);
      expect(last.body.at(-1).legal_name).toBe('Paged 305');
      expect(last.headers.link).toContain('rel="prev"');
      expect(last.headers.link).not.toContain('rel="next"');
      const defaulted = await page({ page_size: 'abc' }).expect(200);
      expect(defaulted.body).toHaveLength(10);
      expect((await page({ page_size: 0 }).expect(200)).body).toHaveLength(10);
      const capped = await page({ page_size: 500 }).expect(200);
      expect(capped.body).toHaveLength(300);
      expect(capped.headers['x-result-count']).toBe('305');
      expect(capped.headers.link).toContain('page=2');
      const head = await t.http.head(`${V}/`).query({ page: 'last' }).set(as(pager)).expect(200);
      expect(head.headers['x-result-count']).toBe('305');
    });

    it('answers 404 "Invalid page." for page 0, a word, or past the end', async () => {
      for (const value of ['0', 'abc', '-1', '1.5', '32']) {
        await page({ page: value }).expect(404, { detail: 'Invalid page.' });
      }
      await t.http
        .get(`${J}/`)
        .query({ page: 'first' })
        .set(as(pager))
        .expect(404, { detail: 'Invalid page.' });
      const lastJustifications = await t.http
        .get(`${J}/`)
        .query({ page: 'last' })
        .set(as(pager))
        .expect(200);
      expect(lastJustifications.body).toEqual([]);
    });
  });

  it('documents every upstream onboarding route in /docs-json', async () => {
    const doc = (await t.http.get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const normalize = (path: string) => path.replace(/\/?$/, '/');
    const ours = new Set(
      Object.entries(doc.paths).flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${normalize(path)}`),
      ),
    );
    const missing = upstreamOperations().filter((operation) => !ours.has(operation));
    expect(missing).toEqual([]);
    expect(upstreamOperations()).toHaveLength(28);
  });

  describe('without checklists or registries configured', () => {
    let bare: TestApp;
    let user: TestUser;

    beforeAll(async () => {
      bare = await createTestApp({
        customize: (builder) =>
          builder
            .overrideProvider(OnboardingChecklists)
            .useValue(new OnboardingChecklists([]))
            .overrideProvider(COMPANY_REGISTRIES)
            .useValue([]),
      });
      bare.http = contract.wrap(bare.http);
      user = await createUser(bare.app);
    });
    afterAll(() => bare.close());

    it('answers 400 for the checklists and escalates automated checks (NO_BACKEND_AVAILABLE)', async () => {
      const started = await startVerification(bare, user, { validation_method: 'ariregister' });
      await bare.http
        .get(`${V}/${started.uuid}/checklist/`)
        .set(as(user))
        .expect(400, { detail: 'No intent checklist configured for this verification' });
      await bare.http
        .get(`${V}/${started.uuid}/completion_status/`)
        .query({ checklist_type: 'customer' })
        .set(as(user))
        .expect(400, { detail: 'No customer checklist configured for this verification' });
      await bare.http
        .get(`${V}/available_checklists/`)
        .set(as(user))
        .expect(200, { customer_checklist: null, intent_checklist: null });
      await bare.http
        .get(`${V}/checklist-template/`)
        .query({ parent_uuid: hex(user) })
        .set(as(user))
        .expect(400, { detail: 'No checklist configured for new objects' });
      const res = await bare.http
        .post(`${V}/${started.uuid}/run_validation/`)
        .set(as(user))
        .send({})
        .expect(200);
      expect(res.body).toMatchObject({
        status: 'escalated',
        error_message: 'NO_BACKEND_AVAILABLE',
        error_traceback: "No validation backend available for method 'ariregister'",
        // Nothing to fill in: an automated verification that got verified could make its customer.
        onboarding_metadata: {},
      });
    });
  });
});
