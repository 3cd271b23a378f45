import type { ChecklistType } from '../entities/checklist-completion.entity.js';

/** Waldur's question types; the checklists below use a few of them. */
export type QuestionType =
  | 'boolean'
  | 'single_select'
  | 'multi_select'
  | 'text_input'
  | 'text_area'
  | 'number'
  | 'date'
  | 'email'
  | 'country';

export interface QuestionOption {
  uuid: string;
  label: string;
  order: number;
}

export interface QuestionDefinition {
  uuid: string;
  description: string;
  userGuidance: string;
  questionType: QuestionType;
  required: boolean;
  order: number;
  options: QuestionOption[];
  minValue: number | null;
  maxValue: number | null;
  /** Text answers: the longest accepted (the customer field's length where one is mapped). */
  maxLength?: number;
  /** Where an answer goes when the customer is created (create_customer/). */
  mapsToCustomerField?: CustomerField;
  /** The key of the answer in `onboarding_metadata`. */
  intentField?: string;
}

export type CustomerField = 'name' | 'vat_code' | 'address' | 'postal' | 'email' | 'country';

export interface ChecklistDefinition {
  uuid: string;
  checklistType: ChecklistType;
  name: string;
  description: string;
  questions: QuestionDefinition[];
}

const question = (
  fields: Omit<QuestionDefinition, 'userGuidance' | 'options' | 'minValue' | 'maxValue'> &
    Partial<QuestionDefinition>,
): QuestionDefinition => ({
  userGuidance: '',
  options: [],
  minValue: null,
  maxValue: null,
  ...fields,
});

/**
 * The portal's onboarding checklists: the customer checklist collects the organization's data for
 * a manual (justified) verification, the intent checklist what the organization means to do; an
 * automated verification needs only the latter. Ids are fixed so clients may refer to them.
 */
export const DEFAULT_ONBOARDING_CHECKLISTS: ChecklistDefinition[] = [
  {
    uuid: '6f1c3a2e9b8d4c7a8e5f0a1b2c3d4e01',
    checklistType: 'customer',
    name: 'Organization details',
    description: 'The organization to be created once the verification is approved.',
    questions: [
      question({
        uuid: '6f1c3a2e9b8d4c7a8e5f0a1b2c3d4e11',
        description: 'Official name of the organization',
        questionType: 'text_input',
        required: true,
        order: 1,
        mapsToCustomerField: 'name',
        maxLength: 150,
      }),
      question({
        uuid: '6f1c3a2e9b8d4c7a8e5f0a1b2c3d4e12',
        description: 'VAT number',
        userGuidance: 'With the country prefix, e.g. EE123456789.',
        questionType: 'text_input',
        required: true,
        order: 2,
        mapsToCustomerField: 'vat_code',
        maxLength: 20,
      }),
      question({
        uuid: '6f1c3a2e9b8d4c7a8e5f0a1b2c3d4e13',
        description: 'Registered address',
        questionType: 'text_area',
        required: false,
        order: 3,
        mapsToCustomerField: 'address',
        maxLength: 300,
      }),
      question({
        uuid: '6f1c3a2e9b8d4c7a8e5f0a1b2c3d4e14',
        description: 'Contact email of the organization',
        questionType: 'email',
        required: false,
        order: 4,
        mapsToCustomerField: 'email',
        maxLength: 75,
      }),
    ],
  },
  {
    uuid: '6f1c3a2e9b8d4c7a8e5f0a1b2c3d4e02',
    checklistType: 'intent',
    name: 'Intended use',
    description: 'What the organization intends to use the service for.',
    questions: [
      question({
        uuid: '6f1c3a2e9b8d4c7a8e5f0a1b2c3d4e21',
        description: 'Main purpose of the account',
        questionType: 'single_select',
        required: true,
        order: 1,
        intentField: 'business_intent',
        options: [
          { uuid: '6f1c3a2e9b8d4c7a8e5f0a1b2c3d4e31', label: 'Research', order: 1 },
          { uuid: '6f1c3a2e9b8d4c7a8e5f0a1b2c3d4e32', label: 'Teaching', order: 2 },
          { uuid: '6f1c3a2e9b8d4c7a8e5f0a1b2c3d4e33', label: 'Commercial services', order: 3 },
        ],
      }),
      question({
        uuid: '6f1c3a2e9b8d4c7a8e5f0a1b2c3d4e22',
        description: 'Expected number of users',
        questionType: 'number',
        required: false,
        order: 2,
        intentField: 'expected_users',
        minValue: 1,
        maxValue: 100000,
      }),
    ],
  },
];

/**
 * The checklists a verification is asked to fill, by type. A provider (built by the module from
 * DEFAULT_ONBOARDING_CHECKLISTS), so that a deployment or a test can configure others, or none.
 */
export class OnboardingChecklists {
  private readonly byType: Map<ChecklistType, ChecklistDefinition>;
  private readonly questions = new Map<string, [ChecklistDefinition, QuestionDefinition]>();

  constructor(definitions: ChecklistDefinition[]) {
    this.byType = new Map(definitions.map((definition) => [definition.checklistType, definition]));
    for (const definition of definitions) {
      for (const q of definition.questions) this.questions.set(q.uuid, [definition, q]);
    }
  }

  of(type: ChecklistType): ChecklistDefinition | undefined {
    return this.byType.get(type);
  }

  /** A question (hex uuid) with its checklist. */
  question(uuid: string): [ChecklistDefinition, QuestionDefinition] | undefined {
    return this.questions.get(uuid);
  }
}
