import {
  DEVICE_EVENT_KINDS, ERROR_CODES, FEEDBACK_COMMENT_MAX_CHARS, LOCALES, MAX_ANSWER_CHARS, MAX_ANSWERS, MAX_BATCH_ITEMS, MAX_ITEM_DEPTH, MAX_RAW_CHARS, STATUS_MESSAGE_MAX_CHARS,
  type ApplicationStatus, type ErrorCode, type FieldProblemCode,
} from '../src/contract/index';
import { FIELD_KINDS } from './content/field-kinds';

// Each list is written as a record so that a value added to the contract is a compile error here.
const FIELD_PROBLEM_CODES = Object.keys({
  required: 1, too_short: 1, too_long: 1, not_text: 1, unknown_field: 1, pinfl_format: 1, pinfl_date: 1,
  pinfl_checksum: 1, phone_format: 1, date_format: 1, date_in_future: 1, option_unknown: 1,
  region_unknown: 1, district_unknown: 1, consent_required: 1, attachment_invalid: 1, not_applicable: 1,
  not_a_list: 1, email_format: 1, passport_format: 1, number_format: 1, number_not_whole: 1, number_too_small: 1,
  number_too_large: 1, date_too_early: 1, date_too_late: 1, age_too_young: 1, age_too_old: 1, choices_below_min: 1,
  choices_above_max: 1, items_below_min: 1, items_above_max: 1, name_format: 1, date_missing_day: 1, date_missing_month: 1,
  date_missing_year: 1, date_incomplete: 1, date_year_digits: 1,
} satisfies Record<FieldProblemCode, 1>);
const APPLICATION_STATUSES = Object.keys({
  received: 1, in_progress: 1, returned: 1, completed: 1, rejected: 1, awaiting_payment: 1,
} satisfies Record<ApplicationStatus, 1>);

/** One answer that is not a group: text, a tick, or the values ticked in a multiple choice. */
const ANSWER_SCALARS = [
  { type: 'string', maxLength: MAX_ANSWER_CHARS },
  { type: 'boolean' },
  { type: 'array', items: { type: 'string', maxLength: MAX_ANSWER_CHARS } },
];

/** parseDeviceEvent's bound on unsentBefore. */
const MAX_UNSENT_BEFORE = 999_999;

/** Published once and kept in the contract for older apps, but no longer sent: an operator's proof replaced it. */
const RETIRED_CODES: ErrorCode[] = [ERROR_CODES.operatorNotBound];
const FINAL = 'Final for this item: the phone does not send it again as it is.';
const NOT_FINAL = 'Not final: send the item again later (its receipt comes then if it had been stored after all).';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const localized = ref('Localized');
/** One item of a batch answered with an error instead of a receipt: its status, and the only codes that come with it. */
const itemRefused = (status: number, codes: ErrorCode[], description: string) => ({
  type: 'object', required: ['id', 'status', 'error'], description,
  properties: { id: { type: 'string' }, status: { const: status }, error: { ...ref('ApiError'), type: 'object', properties: { code: { enum: codes } } } },
});
/** The same pattern as the contract's isUuidV7: lower-case RFC 9562 version 7. */
export const UUID_V7_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$';

/** JSON Schema (2020-12, as OpenAPI 3.1 uses it) of every type in src/contract that crosses the wire. */
export const openApiSchemas = {
  Localized: {
    type: 'object',
    description: 'A text in every locale of the app.',
    required: [...LOCALES],
    properties: Object.fromEntries(LOCALES.map((locale) => [locale, { type: 'string' }])),
  },
  CatalogueCategory: {
    type: 'object',
    required: ['id', 'name'],
    properties: { id: { type: 'string' }, name: localized },
  },
  ServiceEntry: {
    type: 'object',
    description: 'A service with its passport; docs/catalogue.md describes every field.',
    required: [
      'id', 'category', 'name', 'aliases', 'summary', 'applicants', 'documents', 'fee', 'feeBasis', 'term', 'agency',
      'legalBasis', 'automated', 'onBehalf', 'featured', 'formVersion', 'formBytes', 'provenance',
    ],
    properties: {
      id: { type: 'string' },
      category: { type: 'string', description: 'Id of a CatalogueCategory.' },
      name: localized,
      aliases: { type: 'array', items: { type: 'string' }, description: 'Other names people search by, any script.' },
      portalId: { type: 'integer', description: 'The service number on my.gov.uz, where known.' },
      summary: localized, applicants: localized, documents: { type: 'array', items: localized },
      fee: localized,
      feeBasis: {
        oneOf: [
          { type: 'object', required: ['kind'], properties: { kind: { const: 'free' } } },
          { type: 'object', required: ['kind', 'percent'], properties: { kind: { const: 'bhm' }, percent: { type: 'number' } } },
          { type: 'object', required: ['kind', 'amount'], properties: { kind: { const: 'sum' }, amount: { type: 'integer' } } },
          { type: 'object', required: ['kind'], properties: { kind: { const: 'varies' } } },
        ],
      },
      term: localized, agency: localized, legalBasis: localized,
      automated: { type: 'boolean' }, onBehalf: { type: 'boolean' },
      afterPayment: { enum: ['received', 'in_progress'], description: 'Where a paid application goes; "received" when absent.' },
      identity: { enum: ['required', 'optional'], description: 'Whether only a signed-in citizen (or an operator for a resident) may send it; "optional" when absent.' },
      featured: { type: 'boolean', description: 'Its form comes with the first sync.' },
      formVersion: { type: 'integer', minimum: 1, description: 'The form version new drafts start on.' },
      formBytes: { type: 'integer', description: 'Approximate bytes of that form on the wire (brotli).' },
      provenance: {
        type: 'object', required: ['sources', 'illustrative'],
        properties: {
          sources: { type: 'array', items: { type: 'string' } },
          illustrative: { type: 'array', items: { type: 'string' }, description: 'Passport fields that are illustrative, not confirmed.' },
        },
      },
    },
  },
  Catalogue: {
    type: 'object',
    required: ['epoch', 'version', 'categories', 'services'],
    properties: {
      epoch: { type: 'string', description: 'Changes when the server starts a new catalogue history.' },
      version: { type: 'integer', minimum: 1 },
      categories: { type: 'array', items: ref('CatalogueCategory') },
      services: { type: 'array', items: ref('ServiceEntry') },
    },
  },
  CatalogueDelta: {
    type: 'object',
    required: ['epoch', 'version', 'reset', 'since', 'services', 'removed'],
    properties: {
      epoch: { type: 'string' },
      version: { type: 'integer', minimum: 1 },
      reset: { type: 'boolean', description: 'true: replace everything the device holds with services.' },
      since: { type: ['integer', 'null'] },
      categories: { type: 'array', items: ref('CatalogueCategory'), description: 'Present when the list changed.' },
      services: { type: 'array', items: ref('ServiceEntry'), description: 'Added or changed after since, whole.' },
      removed: { type: 'array', items: { type: 'string' }, description: 'Ids removed after since.' },
    },
  },
  ServicePage: {
    type: 'object', required: ['service', 'form'],
    properties: { service: ref('ServiceEntry'), form: ref('FormDefinition') },
  },
  FormBatch: {
    type: 'object',
    required: ['forms'],
    properties: { forms: { type: 'array', items: ref('FormDefinition') } },
  },
  ChoiceOption: {
    type: 'object',
    required: ['value', 'label'],
    properties: { value: { type: 'string' }, label: localized },
  },
  FieldDefinition: {
    type: 'object',
    required: ['id', 'kind', 'label'],
    properties: {
      id: { type: 'string', description: 'Stable answer key.' },
      kind: { enum: FIELD_KINDS },
      label: localized,
      hint: localized,
      required: { type: 'boolean' },
      minLength: { type: 'integer', description: 'text and multiline only.' },
      maxLength: { type: 'integer', description: 'text and multiline only.' },
      autocomplete: { type: 'string', description: 'text and multiline only: an HTML autocomplete token.' },
      notInFuture: { type: 'boolean', description: 'date only.' },
      options: { type: 'array', items: ref('ChoiceOption'), description: 'choice only.' },
      regionField: { type: 'string', description: 'district only: the id of the region field it depends on.' },
    },
  },
  FormSection: {
    type: 'object',
    required: ['id', 'title', 'fields'],
    properties: { id: { type: 'string' }, title: localized, fields: { type: 'array', items: ref('FieldDefinition') } },
  },
  FormDefinition: {
    type: 'object',
    required: ['serviceId', 'version', 'sections'],
    properties: {
      serviceId: { type: 'string' },
      version: { type: 'integer', minimum: 1 },
      sections: { type: 'array', items: ref('FormSection') },
    },
  },
  Region: {
    type: 'object',
    required: ['code', 'name'],
    properties: { code: { type: 'string', description: 'SOATO code, e.g. 1726.' }, name: localized },
  },
  District: {
    type: 'object',
    required: ['code', 'region', 'type', 'name'],
    properties: {
      code: { type: 'string', description: 'SOATO code, e.g. 1726294.' },
      region: { type: 'string', description: 'SOATO code of its region.' },
      type: { enum: ['district', 'city'] },
      name: localized,
    },
  },
  SoatoList: {
    type: 'object',
    required: ['version', 'regions', 'districts'],
    properties: {
      version: { type: 'string' },
      regions: { type: 'array', items: ref('Region') },
      districts: { type: 'array', items: ref('District') },
    },
  },
  SubmissionItem: {
    type: 'object',
    required: ['id', 'serviceId', 'formVersion', 'finalisedAt', 'answers'],
    properties: {
      id: { type: 'string', pattern: UUID_V7_PATTERN, description: 'Made on the device when the draft started; the idempotency key forever.' },
      serviceId: { type: 'string', minLength: 1 },
      formVersion: { type: 'integer', minimum: 1 },
      finalisedAt: { type: 'string', format: 'date-time', description: 'Device clock; informational, not part of the payload hash.' },
      answers: {
        type: 'object',
        maxProperties: MAX_ANSWERS,
        description: 'Text, a tick, the values ticked in a multiple choice, or the items of a repeatable group (docs/forms.md).',
        // anyOf: an empty list fits both a multiple choice and a group.
        additionalProperties: {
          anyOf: [
            ...ANSWER_SCALARS,
            { type: 'array', items: { type: 'object', additionalProperties: { oneOf: ANSWER_SCALARS } } },
          ],
        },
      },
      raw: {
        type: 'object',
        description:
          'What the person typed, for each text answer that normalisation changed (NFC, Uzbek apostrophes), by the answer\'s path ' +
          '(`field`, or `group.index.field`); stored with the application.',
        additionalProperties: { type: 'string', maxLength: MAX_RAW_CHARS },
      },
      revision: {
        type: 'integer', minimum: 1,
        description: 'Absent or 1 for the first submission; n+1 for the correction of an application the agency returned, taken only from the phone or operator that sent revision 1.',
      },
      onBehalf: ref('OnBehalf'),
      delegation: {
        ...ref('DelegationProof'),
        description:
          'The operator\'s proof: required with onBehalf on a readable item (else 403 delegation_invalid for the item). Inside a sealed ' +
          'envelope it counts for nothing: a sealed item carries it beside the envelope (SealedItem.delegation).',
      },
      citizen: {
        ...ref('CitizenProof'),
        description:
          'A signed-in citizen\'s proof on their own application (never with onBehalf): required where the service\'s passport says ' +
          'identity "required" (else 403 identity_required for the item). A sealed item carries it beside the envelope (SealedItem.citizen).',
      },
      replyKey: {
        ...ref('P256PublicKey'),
        description:
          'The public half of the phone\'s reply key: this application\'s answers go back to a phone (a returned application in ' +
          '/statuses, a sealed item refused with validation_failed) only sealed to it, and not at all without one. Normally inside ' +
          'the sealed envelope, where nobody on the way can swap it. A correction\'s key replaces the stored one; a correction without one keeps it.',
      },
    },
  },
  FeedbackItem: {
    type: 'object',
    required: ['kind', 'id', 'serviceId', 'applicationId', 'rating', 'comment', 'givenAt'],
    properties: {
      kind: { const: 'feedback' },
      id: { type: 'string', pattern: UUID_V7_PATTERN, description: 'The idempotency key.' },
      serviceId: { type: 'string', minLength: 1 },
      applicationId: { oneOf: [{ type: 'string', pattern: UUID_V7_PATTERN }, { type: 'null' }], description: 'The application rated, or null for the service.' },
      rating: { type: 'integer', minimum: 1, maximum: 5 },
      comment: { type: 'string', maxLength: FEEDBACK_COMMENT_MAX_CHARS },
      givenAt: { type: 'string', format: 'date-time', description: 'Device clock; informational.' },
    },
  },
  DeviceEvent: {
    type: 'object',
    required: ['id', 'deviceId', 'kind', 'unsentBefore', 'detectedAt'],
    description: 'Something about a phone that no application carries: "storage_evicted", the browser deleted the app\'s data; "storage_upgrade_failed", a new version could not upgrade the app\'s database and works from it as it is.',
    properties: {
      id: { type: 'string', pattern: UUID_V7_PATTERN, description: 'The idempotency key: a resend is kept once.' },
      deviceId: { type: 'string', pattern: UUID_V7_PATTERN },
      kind: { enum: [...DEVICE_EVENT_KINDS] },
      unsentBefore: { type: 'integer', minimum: 0, maximum: MAX_UNSENT_BEFORE, description: 'Applications waiting on the phone: gone with evicted storage, still waiting after a failed upgrade.' },
      detectedAt: { type: 'string', format: 'date-time' },
    },
  },
  DeviceEventAccepted: {
    type: 'object', required: ['id'],
    properties: { id: { type: 'string', pattern: UUID_V7_PATTERN } },
  },
  StatusChange: {
    type: 'object',
    required: ['id', 'serviceId', 'number', 'status', 'message', 'changedAt', 'revision'],
    properties: {
      id: { type: 'string', pattern: UUID_V7_PATTERN },
      serviceId: { type: 'string' },
      number: { type: 'string' },
      status: { enum: APPLICATION_STATUSES },
      message: { oneOf: [{ type: 'object', additionalProperties: { type: 'string', maxLength: STATUS_MESSAGE_MAX_CHARS } }, { type: 'null' }], description: 'The agency\'s words by locale.' },
      changedAt: { type: 'string', format: 'date-time' },
      revision: { type: 'integer', minimum: 1 },
      reopenSealed: {
        ...ref('SealedReopen'),
        description:
          'Only with status "returned", and only when the application carried a reply key: what the server holds, sealed to that ' +
          'key, so the phone that made it can reopen it as a draft. No answers travel otherwise.',
      },
      invoice: { ...ref('Invoice'), description: 'Only for an application billed a fee: what to pay and how, then its receipt.' },
    },
    dependentSchemas: { reopenSealed: { properties: { status: { const: 'returned' } } } },
  },
  StatusesResponse: {
    type: 'object',
    required: ['changes', 'cursor', 'more'],
    properties: {
      changes: { type: 'array', items: ref('StatusChange') },
      cursor: { type: 'string', description: 'Send back as "since".' },
      more: { type: 'boolean' },
    },
  },
  SubmissionBatch: {
    type: 'object',
    required: ['items'],
    properties: {
      items: {
        type: 'array', minItems: 1, maxItems: MAX_BATCH_ITEMS,
        // Here rather than in SubmissionItem: the application inside a sealed envelope has onBehalf but its proof travels beside the envelope.
        items: { oneOf: [{ ...ref('SubmissionItem'), type: 'object', dependentRequired: { onBehalf: ['delegation'] } }, ref('FeedbackItem'), ref('SealedItem')] },
        description: `Ids must be distinct within the batch. Each item nests at most ${MAX_ITEM_DEPTH} levels deep (the item itself is level 1).`,
      },
    },
  },
  Receipt: {
    type: 'object',
    required: ['id', 'number', 'receivedAt'],
    properties: {
      id: { type: 'string', pattern: UUID_V7_PATTERN },
      number: { type: 'string', pattern: '^(XZ|FB)-\\d{4}-\\d{6,}$', examples: ['XZ-2026-000042', 'FB-2026-000007'] },
      receivedAt: { type: 'string', format: 'date-time' },
    },
  },
  FieldProblem: {
    type: 'object',
    required: ['field', 'code', 'severity'],
    properties: {
      field: { type: 'string' },
      code: { enum: FIELD_PROBLEM_CODES },
      severity: { enum: ['error', 'warning'], description: 'Warnings never block a submission.' },
    },
  },
  ApiError: {
    type: 'object',
    required: ['code', 'message'],
    properties: {
      code: { enum: Object.values(ERROR_CODES).filter((code) => !RETIRED_CODES.includes(code)), description: 'Stable; clients branch on it.' },
      message: { type: 'string', description: 'For people, in English; never parsed.' },
      fields: { type: 'array', items: ref('FieldProblem'), description: 'With validation_failed only: which answers, and why.' },
      reopenSealed: {
        ...ref('SealedReopen'),
        description:
          'With a per-item validation_failed of a sealed item that carried a reply key only: the answers the server opened, sealed to ' +
          'that key, so the phone that made the item (which cannot open its own envelope) can reopen the draft. Whoever else sends ' +
          'the envelope reads nothing; answers never come back in clear.',
      },
    },
    dependentSchemas: {
      fields: { properties: { code: { const: ERROR_CODES.validationFailed } } },
      reopenSealed: { properties: { code: { const: ERROR_CODES.validationFailed } } },
    },
  },
  ErrorBody: { type: 'object', required: ['error'], properties: { error: ref('ApiError') } },
  ItemResult: {
    oneOf: [
      {
        type: 'object',
        required: ['id', 'status', 'receipt'],
        properties: {
          id: { type: 'string' },
          status: { enum: [200, 201], description: '201 stored now; 200 stored before with the same payload (a replay).' },
          receipt: ref('Receipt'),
        },
      },
      itemRefused(403, [ERROR_CODES.delegationInvalid, ERROR_CODES.delegationRevoked],
        `${FINAL} An on-behalf application whose operator's proof is missing, does not verify, is another item's or names a key or ` +
        'operator it may not (delegation_invalid), or whose key\'s sign-in has ended (delegation_revoked): the operator signs it again after signing in. Nothing stored.'),
      itemRefused(403, [ERROR_CODES.identityRequired, ERROR_CODES.identityInvalid, ERROR_CODES.identityRevoked],
        `${FINAL} An own application of a service that needs a signed-in citizen sent without a citizen's proof (identity_required), ` +
        'with one that does not verify (identity_invalid), or by a key whose sign-in has ended (identity_revoked): the citizen signs in and the phone signs it again. Nothing stored.'),
      itemRefused(404, [ERROR_CODES.unknownService, ERROR_CODES.unknownFormVersion], `${FINAL} No such service, or no such form version of it.`),
      itemRefused(422, [ERROR_CODES.validationFailed, ERROR_CODES.idReused, ERROR_CODES.notReturned, ERROR_CODES.sealedInvalid, ERROR_CODES.sealKeyUnknown],
        `${FINAL} validation_failed (with fields, and reopenSealed for a sealed item with a reply key); id_reused; not_returned; ` +
        'sealed_invalid, or seal_key_unknown (fetch /seal-key again and seal afresh).'),
      itemRefused(429, [ERROR_CODES.rateLimited], `${NOT_FINAL} Too much feedback from this source address or from everyone.`),
      itemRefused(503, [ERROR_CODES.internal], `${NOT_FINAL} The server failed on this item alone.`),
    ],
  },
  BatchResult: {
    type: 'object',
    required: ['results'],
    properties: { results: { type: 'array', items: ref('ItemResult'), description: 'One per item, in the order sent.' } },
  },
  SubmissionStatus: {
    type: 'object',
    required: ['id', 'number', 'serviceId', 'status', 'receivedAt', 'updatedAt'],
    properties: {
      id: { type: 'string', pattern: UUID_V7_PATTERN },
      number: { type: 'string' },
      serviceId: { type: 'string' },
      status: { enum: APPLICATION_STATUSES },
      receivedAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
    },
  },
} as const;
