import pg from 'pg';
import { createStaff, createSupport, createUser, type TestUser } from './setup/factories.js';
import { createTestApp, type TestApp } from './setup/test-app.js';
import { notFound, validationError } from './support/solaris-errors.js';

const PERSON_ID = /^[0-9a-f]{32}cper$/;
const BUSINESS_ID = /^[0-9a-f]{32}cbiz$/;
const DOCUMENT_ID = /^[0-9a-f]{32}cdoc$/;

const idsOf = (body: unknown) => (body as { id: string }[]).map((entry) => entry.id);

/** Every field of the Solaris person resource, as a new person without details shows it. */
const EMPTY_PERSON = {
  salutation: null,
  title: null,
  address: null,
  contact_address: null,
  email: null,
  mobile_number: null,
  birth_name: null,
  birth_date: null,
  birth_city: null,
  birth_country: null,
  birth_province: null,
  birth_post_code: null,
  nationality: null,
  employment_status: null,
  job_title: null,
  tax_information: null,
  fatca_relevant: null,
  fatca_crs_confirmed_at: null,
  business_purpose: null,
  industry: null,
  industry_key: null,
  terms_conditions_signed_at: null,
  own_economic_interest_signed_at: null,
  expected_monthly_revenue_cents: null,
  vat_number: null,
  website_social_media: null,
  business_trading_name: null,
  nace_code: null,
  business_address_line_1: null,
  business_address_line_2: null,
  business_postal_code: null,
  business_city: null,
  business_country: null,
  data_terms_signed_at: null,
  annual_income_range: null,
  branch: null,
  main_income_source: null,
  purpose_of_account_opening: null,
  socioprofessional_category: null,
  work_country: null,
  work_province: null,
  self_declared_as_pep: null,
  international_operativity_expectation: null,
  registration_number: null,
  flagged_by_compliance: false,
  screening_progress: 'NOT_SCREENED',
  aml_follow_up_date: null,
  aml_confirmed_on: null,
  risk_classification_status: 'NOT_SCORED',
  customer_vetting_status: 'NOT_VETTED',
  legitimation_valid_until: null,
};

/** The seed's update_for_development example, minus what compliance owns. */
const SEED_PERSON = {
  salutation: 'MR',
  title: 'DR',
  first_name: 'Peter',
  last_name: 'Mustermann',
  address: {
    line_1: 'Musterstraße 12',
    line_2: '2. OG',
    postal_code: '10409',
    city: 'Berlin',
    country: 'DE',
    state: 'BE',
  },
  contact_address: {
    line_1: 'Postfach 1',
    line_2: null,
    postal_code: '10117',
    city: 'Berlin',
    country: 'DE',
    state: null,
  },
  email: 'person@example.com',
  mobile_number: '49301234567',
  birth_name: 'Doe',
  birth_date: '1972-12-24',
  birth_city: 'Berlin',
  birth_country: 'DE',
  birth_province: 'BE',
  birth_post_code: '10233',
  nationality: 'DE',
  employment_status: 'FREELANCER',
  job_title: 'Head of everything',
  tax_information: { tax_assessment: 'SEPARATE', marital_status: 'MARRIED' },
  fatca_relevant: false,
  fatca_crs_confirmed_at: '2017-01-01T00:00:00.000Z',
  business_purpose: 'helping people to find themselves',
  industry: 'OTHER_SERVICES',
  industry_key: 'EDUCATION',
  terms_conditions_signed_at: '2017-01-01T00:00:00.000Z',
  own_economic_interest_signed_at: '2017-01-01T00:00:00.000Z',
  expected_monthly_revenue_cents: 20000,
  vat_number: 'DE123456789',
  website_social_media: 'http://social-network.com/my-company',
  business_trading_name: 'My Business',
  nace_code: 'I 56.30',
  business_address_line_1: 'StreetStrasse, 42',
  business_address_line_2: '4th floor',
  business_postal_code: '12345',
  business_city: 'Berlin',
  business_country: 'DE',
  data_terms_signed_at: '2017-01-01T00:00:00.000Z',
  annual_income_range: 'RANGE_1',
  branch: 'DE',
  main_income_source: 'PUBLIC_SUBSIDIES',
  purpose_of_account_opening: 'DAILY_EXPENSES',
  socioprofessional_category: 'EMPLOYEES',
  work_country: 'IT',
  work_province: 'VE',
  self_declared_as_pep: false,
  international_operativity_expectation: ['DE', 'IT'],
  registration_number: '1234567890',
};

const EMPTY_BUSINESS = {
  address: null,
  sector: null,
  industry: null,
  industry_key: null,
  legal_form: null,
  registration_type: null,
  registration_number: null,
  registration_issuer: null,
  registration_date: null,
  foundation_date: null,
  tax_country: null,
  vat_number: null,
  website_social_media: null,
  business_purpose: null,
  international_operativity_expectation: null,
  flagged_by_compliance: false,
  screening_progress: 'NOT_SCREENED',
  aml_follow_up_date: null,
  aml_confirmed_on: null,
  risk_classification_status: 'NOT_SCORED',
  customer_vetting_status: 'NOT_VETTED',
};

const minimalPdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

describe('persons and businesses (/v1)', () => {
  let t: TestApp;
  let partner: TestUser;
  let other: TestUser;
  let staff: TestUser;
  let support: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    partner = await createUser(t.app);
    other = await createUser(t.app);
    staff = await createStaff(t.app);
    support = await createSupport(t.app);
  });
  afterAll(() => t.close());

  const createPerson = async (as: TestUser, body: object = {}) => {
    const res = await t.http
      .post('/v1/persons')
      .set('Authorization', as.auth)
      .send({ first_name: 'Erika', last_name: 'Musterfrau', ...body })
      .expect(201);
    return res.body as { id: string } & Record<string, unknown>;
  };

  describe('POST /v1/persons', () => {
    it('creates a person with every field of the resource, null where unknown', async () => {
      const res = await t.http
        .post('/v1/persons')
        .set('Authorization', partner.auth)
        .send({ first_name: 'Erika', last_name: 'Musterfrau' })
        .expect(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(PERSON_ID),
        first_name: 'Erika',
        last_name: 'Musterfrau',
        ...EMPTY_PERSON,
      });
      expect(Object.keys(res.body)).toHaveLength(Object.keys(EMPTY_PERSON).length + 3);
    });

    it('keeps every person field of the seed example and reads it back alike', async () => {
      const res = await t.http
        .post('/v1/persons')
        .set('Authorization', partner.auth)
        .send(SEED_PERSON)
        .expect(201);
      expect(res.body).toEqual({
        ...EMPTY_PERSON,
        ...SEED_PERSON,
        id: expect.stringMatching(PERSON_ID),
      });
      const read = await t.http
        .get(`/v1/persons/${res.body.id}`)
        .set('Authorization', partner.auth)
        .expect(200);
      expect(read.body).toEqual(res.body);
    });

    it('ignores unknown keys and the fields compliance owns', async () => {
      const res = await t.http
        .post('/v1/persons')
        .set('Authorization', partner.auth)
        .send({
          first_name: 'Max',
          last_name: 'Mustermann',
          favourite_colour: 'blue',
          screening_progress: 'SCREENED_ACCEPTED',
          customer_vetting_status: 'RISK_ACCEPTED',
          aml_follow_up_date: '2030-01-01',
          flagged_by_compliance: true,
          id: 'ffffffffffffffffffffffffffffffffcper',
        })
        .expect(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(PERSON_ID),
        first_name: 'Max',
        last_name: 'Mustermann',
        ...EMPTY_PERSON,
      });
      expect(res.body.id).not.toBe('ffffffffffffffffffffffffffffffffcper');
    });

    it('requires first_name and last_name', async () => {
      const res = await t.http
        .post('/v1/persons')
        .set('Authorization', partner.auth)
        .send({ last_name: 'Mustermann' })
        .expect(400);
      expect(res.body).toEqual(validationError(res, 'first_name', 'This field is required.'));
    });

    it.each([
      ['first_name', { first_name: ' Peter' }],
      ['last_name', { last_name: 'Mustermann ' }],
      ['business_trading_name', { business_trading_name: 'My Business\n' }],
      ['address.city', { address: { ...SEED_PERSON.address, city: 'Berlin\t' } }],
      ['job_title', { job_title: ' ' }],
    ])('rejects leading or trailing whitespace in %s', async (field, body) => {
      const res = await t.http
        .post('/v1/persons')
        .set('Authorization', partner.auth)
        .send({ first_name: 'Peter', last_name: 'Mustermann', ...body })
        .expect(400);
      expect(res.body).toEqual(
        validationError(res, field, 'must not start or end with whitespace'),
      );
    });

    it('treats enums case-sensitively', async () => {
      const res = await t.http
        .post('/v1/persons')
        .set('Authorization', partner.auth)
        .send({ first_name: 'Peter', last_name: 'Mustermann', salutation: 'mr' })
        .expect(400);
      expect(res.body).toEqual(
        validationError(
          res,
          'salutation',
          'salutation must be one of the following values: MR, MS',
        ),
      );
      const code = await t.http
        .post('/v1/persons')
        .set('Authorization', partner.auth)
        .send({ first_name: 'Peter', last_name: 'Mustermann', employment_status: 'Freelancer' })
        .expect(400);
      expect(code.body.errors[0].source.field).toBe('employment_status');
    });

    it('answers 400, not 500, for a NUL character PostgreSQL cannot store', async () => {
      const text = await t.http
        .post('/v1/persons')
        .set('Authorization', partner.auth)
        .send({ first_name: 'Pe\u0000ter', last_name: 'Mustermann' })
        .expect(400);
      expect(text.body.errors[0]).toMatchObject({ status: 400, code: 'validation_error' });
      const json = await t.http
        .post('/v1/persons')
        .set('Authorization', partner.auth)
        .send({
          first_name: 'Peter',
          last_name: 'Mustermann',
          address: { line_1: 'A\u0000', postal_code: '1', city: 'B', country: 'DE' },
        })
        .expect(400);
      expect(json.body.errors[0]).toMatchObject({ status: 400, code: 'validation_error' });
      const path = await t.http
        .get('/v1/persons/%00')
        .set('Authorization', partner.auth)
        .expect(404);
      expect(path.body).toEqual(notFound(path, 'Person', '\u0000'));
    });

    it.each(['2021-02-30', '1972-13-01', '24.12.1972', '1972-12-24T00:00:00Z'])(
      'rejects birth_date %j',
      async (birthDate) => {
        const res = await t.http
          .post('/v1/persons')
          .set('Authorization', partner.auth)
          .send({ first_name: 'Peter', last_name: 'Mustermann', birth_date: birthDate })
          .expect(400);
        expect(res.body).toEqual(
          validationError(res, 'birth_date', 'must be a valid date in the format YYYY-MM-DD'),
        );
      },
    );

    it.each([
      ['first_name', { first_name: 42 }],
      ['fatca_relevant', { fatca_relevant: 'yes' }],
      ['expected_monthly_revenue_cents', { expected_monthly_revenue_cents: -1 }],
      ['nationality', { nationality: 'de' }],
      ['address.postal_code', { address: { line_1: 'x', city: 'Berlin', country: 'DE' } }],
      ['international_operativity_expectation', { international_operativity_expectation: 'DE' }],
      ['terms_conditions_signed_at', { terms_conditions_signed_at: 'yesterday' }],
    ])('rejects a bad %s with 400 naming the field', async (field, body) => {
      const res = await t.http
        .post('/v1/persons')
        .set('Authorization', partner.auth)
        .send({ first_name: 'Peter', last_name: 'Mustermann', ...body })
        .expect(400);
      expect(
        (res.body as { errors: { source: { field: string } }[] }).errors.map((e) => e.source.field),
      ).toContain(field);
      expect(res.body.errors[0]).toMatchObject({ status: 400, code: 'validation_error' });
    });
  });

  describe('GET /v1/persons/{id}', () => {
    it("answers 404 model_not_found for an unknown id and for another partner's person", async () => {
      const person = await createPerson(partner);
      const unknown = await t.http
        .get('/v1/persons/00000000000000000000000000000000cper')
        .set('Authorization', partner.auth)
        .expect(404);
      expect(unknown.body).toEqual(
        notFound(unknown, 'Person', '00000000000000000000000000000000cper'),
      );
      const foreign = await t.http
        .get(`/v1/persons/${person.id}`)
        .set('Authorization', other.auth)
        .expect(404);
      expect(foreign.body).toEqual(notFound(foreign, 'Person', person.id));
    });

    it('lets staff and support read any person', async () => {
      const person = await createPerson(partner);
      for (const reader of [staff, support]) {
        const res = await t.http
          .get(`/v1/persons/${person.id}`)
          .set('Authorization', reader.auth)
          .expect(200);
        expect(res.body).toEqual(person);
      }
    });

    it('needs a token', async () => {
      const res = await t.http.get('/v1/persons/whatever').expect(401);
      expect(res.body.errors[0]).toMatchObject({ status: 401, code: 'token_required' });
    });
  });

  describe('GET /v1/persons', () => {
    let lister: TestApp;
    let owner: TestUser;
    let stranger: TestUser;
    const created: string[] = [];

    beforeAll(async () => {
      lister = await createTestApp();
      owner = await createUser(lister.app);
      stranger = await createUser(lister.app);
      for (let i = 0; i < 23; i++) {
        const res = await lister.http
          .post('/v1/persons')
          .set('Authorization', owner.auth)
          .send({ first_name: `P${i}`, last_name: 'Lister' })
          .expect(201);
        created.push(res.body.id);
      }
      // Distinct creation times, one second apart, so "newest first" has one right answer.
      const client = new pg.Client(lister.databaseUrl);
      await client.connect();
      try {
        await client.query(
          `UPDATE persons SET created_at = timestamptz '2026-01-01T00:00:00Z' + array_position($1::text[], id) * interval '1 second'
           WHERE id = ANY($1)`,
          [created],
        );
      } finally {
        await client.end();
      }
      await lister.http
        .post('/v1/persons')
        .set('Authorization', stranger.auth)
        .send({ first_name: 'Not', last_name: 'Yours' })
        .expect(201);
    });
    afterAll(() => lister.close());

    const relations = (header: string) =>
      Object.fromEntries(
        header.split(', ').map((part) => {
          const [, url, rel] = /^<([^>]+)>; rel="(\w+)"$/.exec(part)!;
          return [rel, new URL(url).pathname + new URL(url).search];
        }),
      );

    it("lists only the caller's persons, newest first, and the Link header walks every page once", async () => {
      const first = await lister.http
        .get('/v1/persons?page[size]=10')
        .set('Authorization', owner.auth)
        .expect(200);
      expect(first.headers.total).toBe('23');
      expect(first.headers['per-page']).toBe('10');
      const seen: string[] = idsOf(first.body);
      let next = relations(first.headers.link).next;
      let pages = 1;
      while (next) {
        const page = await lister.http.get(next).set('Authorization', owner.auth).expect(200);
        seen.push(...idsOf(page.body));
        next = relations(page.headers.link).next;
        pages++;
      }
      expect(pages).toBe(3);
      expect(seen).toEqual([...created].reverse());
    });

    it('shows staff every person', async () => {
      const admin = await createStaff(lister.app);
      const res = await lister.http
        .get('/v1/persons?page[size]=1')
        .set('Authorization', admin.auth)
        .expect(200);
      expect(res.headers.total).toBe('24');
    });

    it.each(['page[size]=0', 'page[size]=101', 'page[number]=-1', 'page[number]=x'])(
      'rejects %s with 400',
      async (query) => {
        const res = await lister.http
          .get(`/v1/persons?${query}`)
          .set('Authorization', owner.auth)
          .expect(400);
        expect(res.body.errors[0]).toMatchObject({ status: 400, code: 'validation_error' });
      },
    );
  });

  describe('PATCH /v1/persons/{id}/update_for_development (sandbox)', () => {
    it('sets the AML dates and birth city, answers the full person and audits the change', async () => {
      const person = await createPerson(partner, { birth_city: 'Hamburg' });
      const res = await t.http
        .patch(`/v1/persons/${person.id}/update_for_development`)
        .set('Authorization', partner.auth)
        .send({
          aml_follow_up_date: '2021-09-27T00:00:00.000Z',
          aml_confirmed_on: '2021-07-27',
          birth_city: 'Berlin',
        })
        .expect(200);
      expect(res.body).toEqual({
        ...person,
        aml_follow_up_date: '2021-09-27',
        aml_confirmed_on: '2021-07-27',
        birth_city: 'Berlin',
      });
      const events = await t.http
        .get(`/api/audit-events/?object_uuid=${person.id}`)
        .set('Authorization', staff.auth)
        .expect(200);
      expect(events.body).toEqual([
        {
          uuid: expect.stringMatching(/^[0-9a-f]{32}$/),
          created: expect.any(String),
          actor_uuid: partner.user.id.replace(/-/g, ''),
          action: 'person.aml_updated',
          object_type: 'person',
          object_uuid: person.id,
          before: { aml_follow_up_date: null, aml_confirmed_on: null, birth_city: 'Hamburg' },
          after: {
            aml_follow_up_date: '2021-09-27',
            aml_confirmed_on: '2021-07-27',
            birth_city: 'Berlin',
          },
          request_id: res.headers['x-request-id'],
        },
      ]);
    });

    it('ignores null and absent values', async () => {
      const person = await createPerson(partner, { birth_city: 'Hamburg' });
      await t.http
        .patch(`/v1/persons/${person.id}/update_for_development`)
        .set('Authorization', partner.auth)
        .send({ aml_follow_up_date: '2030-01-31' })
        .expect(200);
      const res = await t.http
        .patch(`/v1/persons/${person.id}/update_for_development`)
        .set('Authorization', partner.auth)
        .send({ aml_follow_up_date: null, birth_city: null, aml_confirmed_on: '2029-12-01' })
        .expect(200);
      expect(res.body).toMatchObject({
        aml_follow_up_date: '2030-01-31',
        aml_confirmed_on: '2029-12-01',
        birth_city: 'Hamburg',
      });
    });

    it.each([
      ['aml_follow_up_date', { aml_follow_up_date: '2021-02-30' }],
      ['aml_confirmed_on', { aml_confirmed_on: 'soon' }],
    ])('rejects an invalid %s', async (field, body) => {
      const person = await createPerson(partner);
      const res = await t.http
        .patch(`/v1/persons/${person.id}/update_for_development`)
        .set('Authorization', partner.auth)
        .send(body)
        .expect(400);
      expect(res.body).toEqual(
        validationError(res, field, 'must be a valid date (YYYY-MM-DD) or ISO 8601 date-time'),
      );
    });

    it('rejects a birth_city with surrounding whitespace', async () => {
      const person = await createPerson(partner);
      const res = await t.http
        .patch(`/v1/persons/${person.id}/update_for_development`)
        .set('Authorization', partner.auth)
        .send({ birth_city: 'Berlin ' })
        .expect(400);
      expect(res.body).toEqual(
        validationError(res, 'birth_city', 'must not start or end with whitespace'),
      );
    });

    it("answers 404 for another partner's person, 403 for support, and staff may write", async () => {
      const person = await createPerson(partner);
      const path = `/v1/persons/${person.id}/update_for_development`;
      const foreign = await t.http
        .patch(path)
        .set('Authorization', other.auth)
        .send({ birth_city: 'Bonn' })
        .expect(404);
      expect(foreign.body).toEqual(notFound(foreign, 'Person', person.id));
      const readOnly = await t.http
        .patch(path)
        .set('Authorization', support.auth)
        .send({ birth_city: 'Bonn' })
        .expect(403);
      expect(readOnly.body.errors[0]).toMatchObject({ status: 403, code: 'unauthorized_action' });
      await t.http
        .patch(path)
        .set('Authorization', staff.auth)
        .send({ birth_city: 'Bonn' })
        .expect(200);
      const read = await t.http
        .get(`/v1/persons/${person.id}`)
        .set('Authorization', partner.auth)
        .expect(200);
      expect(read.body.birth_city).toBe('Bonn');
    });
  });

  describe('with SANDBOX=false', () => {
    let production: TestApp;

    beforeAll(async () => {
      production = await createTestApp({
        databaseUrl: t.databaseUrl,
        config: { sandbox: false },
      });
    });
    afterAll(() => production.close());

    it('answers update_for_development like a route that does not exist', async () => {
      const person = await createPerson(partner);
      const path = `/v1/persons/${person.id}/update_for_development`;
      for (const auth of [partner.auth, staff.auth]) {
        const res = await production.http
          .patch(path)
          .set('Authorization', auth)
          .send({ birth_city: 'Bonn' })
          .expect(404);
        expect(res.body).toEqual({
          errors: [
            {
              id: res.headers['x-request-id'],
              status: 404,
              code: 'not_found',
              title: 'Not Found',
              detail: `Cannot PATCH ${path}`,
            },
          ],
        });
      }
      const absent = await production.http.patch(`${path}x`).send({}).expect(404);
      const unauthenticated = await production.http.patch(path).send({}).expect(404);
      expect(unauthenticated.body.errors[0].detail).toBe(`Cannot PATCH ${path}`);
      expect(absent.body.errors[0].detail).toBe(`Cannot PATCH ${path}x`);
      await production.http
        .get(`/v1/persons/${person.id}`)
        .set('Authorization', partner.auth)
        .expect(200);
    });
  });

  describe('businesses', () => {
    it('creates a business with every field, null where unknown', async () => {
      const res = await t.http
        .post('/v1/businesses')
        .set('Authorization', partner.auth)
        .send({ name: 'Mustermann Consulting GmbH', unknown_key: 1 })
        .expect(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(BUSINESS_ID),
        name: 'Mustermann Consulting GmbH',
        ...EMPTY_BUSINESS,
      });
    });

    it('keeps the details it is given and reads them back', async () => {
      const details = {
        name: 'Mustermann Consulting GmbH',
        address: {
          line_1: 'Unter den Linden 1',
          line_2: null,
          postal_code: '10117',
          city: 'Berlin',
          country: 'DE',
          state: null,
        },
        sector: 'OTHER_COMPANIES',
        industry: 'OTHER_SERVICES',
        industry_key: 'EDUCATION',
        legal_form: 'GMBH',
        registration_type: 'HRB',
        registration_number: 'HRB 12345',
        registration_issuer: 'Amtsgericht Berlin-Charlottenburg',
        registration_date: '2015-03-01',
        foundation_date: '2015-01-15',
        tax_country: 'DE',
        vat_number: 'DE123456789',
        website_social_media: 'https://example.com',
        business_purpose: 'IT consulting',
        international_operativity_expectation: ['DE', 'AT'],
      };
      const res = await t.http
        .post('/v1/businesses')
        .set('Authorization', partner.auth)
        .send(details)
        .expect(201);
      expect(res.body).toEqual({
        ...EMPTY_BUSINESS,
        ...details,
        id: expect.stringMatching(BUSINESS_ID),
      });
      const read = await t.http
        .get(`/v1/businesses/${res.body.id}`)
        .set('Authorization', partner.auth)
        .expect(200);
      expect(read.body).toEqual(res.body);
      const foreign = await t.http
        .get(`/v1/businesses/${res.body.id}`)
        .set('Authorization', other.auth)
        .expect(404);
      expect(foreign.body).toEqual(notFound(foreign, 'Business', res.body.id));
    });

    it("lists only the caller's businesses, newest first", async () => {
      const owner = await createUser(t.app);
      const made: string[] = [];
      for (const name of ['First GmbH', 'Second AG', 'Third KG']) {
        const res = await t.http
          .post('/v1/businesses')
          .set('Authorization', owner.auth)
          .send({ name })
          .expect(201);
        made.push(res.body.id);
      }
      const client = new pg.Client(t.databaseUrl);
      await client.connect();
      try {
        await client.query(
          `UPDATE businesses SET created_at = timestamptz '2026-01-01T00:00:00Z' + array_position($1::text[], id) * interval '1 second'
           WHERE id = ANY($1)`,
          [made],
        );
      } finally {
        await client.end();
      }
      const res = await t.http
        .get('/v1/businesses?page[size]=2')
        .set('Authorization', owner.auth)
        .expect(200);
      expect(res.headers.total).toBe('3');
      expect(idsOf(res.body)).toEqual([made[2], made[1]]);
      const rest = await t.http
        .get('/v1/businesses?page[size]=2&page[number]=2')
        .set('Authorization', owner.auth)
        .expect(200);
      expect(idsOf(rest.body)).toEqual([made[0]]);
    });

    it('requires a name without surrounding whitespace', async () => {
      const missing = await t.http
        .post('/v1/businesses')
        .set('Authorization', partner.auth)
        .send({})
        .expect(400);
      expect(missing.body).toEqual(validationError(missing, 'name', 'This field is required.'));
      const padded = await t.http
        .post('/v1/businesses')
        .set('Authorization', partner.auth)
        .send({ name: ' ACME' })
        .expect(400);
      expect(padded.body).toEqual(
        validationError(padded, 'name', 'must not start or end with whitespace'),
      );
    });
  });

  describe('customer documents', () => {
    const uploadTo = (path: string, as: TestUser, documentType = 'KYC_REPORT') =>
      t.http
        .post(path)
        .set('Authorization', as.auth)
        .field('document_type', documentType)
        .attach('file', minimalPdf, { filename: 'KYC report.pdf', contentType: 'application/pdf' });

    it('stores a document for a person and for a business', async () => {
      const person = await createPerson(partner);
      const res = await uploadTo(`/v1/persons/${person.id}/documents`, partner).expect(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(DOCUMENT_ID),
        document_type: 'KYC_REPORT',
        file_name: 'KYC report.pdf',
        file_size: minimalPdf.length,
        content_type: 'application/pdf',
        created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      });
      const business = await t.http
        .post('/v1/businesses')
        .set('Authorization', partner.auth)
        .send({ name: 'ACME' })
        .expect(201);
      const biz = await uploadTo(
        `/v1/businesses/${business.body.id}/documents`,
        partner,
        'ANNUAL_FINANCIAL_STATEMENT',
      ).expect(201);
      expect(biz.body.document_type).toBe('ANNUAL_FINANCIAL_STATEMENT');

      const client = new pg.Client(t.databaseUrl);
      await client.connect();
      try {
        const rows = await client.query(
          'SELECT person_id, business_id FROM customer_documents WHERE id = ANY($1) ORDER BY person_id',
          [[res.body.id, biz.body.id]],
        );
        expect(rows.rows).toEqual([
          { person_id: person.id, business_id: null },
          { person_id: null, business_id: business.body.id },
        ]);
      } finally {
        await client.end();
      }
    });

    it("answers 404 for another partner's or an unknown person", async () => {
      const person = await createPerson(partner);
      const foreign = await uploadTo(`/v1/persons/${person.id}/documents`, other).expect(404);
      expect(foreign.body).toEqual(notFound(foreign, 'Person', person.id));
      const unknown = await uploadTo('/v1/businesses/nope/documents', partner).expect(404);
      expect(unknown.body).toEqual(notFound(unknown, 'Business', 'nope'));
    });

    it('validates the document type, the file and its content', async () => {
      const person = await createPerson(partner);
      const path = `/v1/persons/${person.id}/documents`;
      const badType = await uploadTo(path, partner, 'kyc report').expect(400);
      expect(badType.body.errors[0].source.field).toBe('document_type');
      const noFile = await t.http
        .post(path)
        .set('Authorization', partner.auth)
        .field('document_type', 'KYC_REPORT')
        .expect(400);
      expect(noFile.body).toEqual(validationError(noFile, 'file', 'No file was submitted.'));
      const html = await t.http
        .post(path)
        .set('Authorization', partner.auth)
        .field('document_type', 'KYC_REPORT')
        .attach('file', Buffer.from('<html><script>alert(1)</script>'), {
          filename: 'x.pdf',
          contentType: 'application/pdf',
        })
        .expect(415);
      expect(html.body.errors[0]).toMatchObject({ status: 415, code: 'unsupported_media_type' });
    });
  });
});
