import { INVOICE_STATES } from '../src/contract/index';
import { NO_STORE } from './http/cache-control';
import { PAYME_ERRORS } from './payments/payme-merchant';
import { PAYME_BODY_MAX_BYTES } from './payments/payme-routes';
import { PAYME_ACCOUNT_FIELD, PAYME_SOURCE_RANGE } from './payments/payme-settings';

// Fees (docs/payments.md): the invoice a phone receives with its status, and Payme's Merchant API.

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const rpcAnswer = {
  description: 'Always 200, as Payme requires: a JSON-RPC result, or an error with the protocol\'s code.',
  headers: { 'Cache-Control': { description: NO_STORE, schema: { type: 'string', const: NO_STORE } } },
  content: { 'application/json': { schema: ref('PaymeAnswer') } },
};

const PAYME_DESCRIPTION =
  'The merchant side of Payme\'s Merchant API (JSON-RPC 2.0): Payme calls it while a person pays an invoice in a payment app. ' +
  `Authorization: Basic "Paycom:<cashbox key>". With a real cashbox (XIZMAT_PAYME_KEY) only ${PAYME_SOURCE_RANGE.first} to ` +
  `${PAYME_SOURCE_RANGE.last} may call (XIZMAT_PAYME_SOURCES otherwise); without one, a stand-in key kept in the database, which ` +
  '`npm run admin -- pay` signs in with. Methods: CheckPerformTransaction {amount, account}, CreateTransaction {id, time, amount, ' +
  'account}, PerformTransaction {id}, CancelTransaction {id, reason}, CheckTransaction {id}, GetStatement {from, to}; amounts in tiyin, ' +
  `times in milliseconds, account {${PAYME_ACCOUNT_FIELD}: "<12-digit invoice reference>"}. A repeated call about the same transaction ` +
  'gets the stored answer; an invoice takes one transaction at a time; a transaction unperformed after 12 hours is cancelled with ' +
  'reason 4; a performed one can be cancelled (refunded) only while its application is still "received". Errors: ' +
  Object.entries(PAYME_ERRORS).map(([name, code]) => `${code} ${name}`).join(', ') + '.';

export const paymentPaths = {
  '/payments/payme': {
    post: {
      summary: 'Payme\'s calls about an invoice: check, create, perform, cancel, check a transaction, statement.',
      description: PAYME_DESCRIPTION,
      requestBody: { required: true, content: { 'application/json': { schema: ref('PaymeRequest') } } },
      responses: {
        200: rpcAnswer,
        413: { description: 'body_too_large: far larger than any call of Payme\'s; nothing read.', content: { 'application/json': { schema: ref('ErrorBody') } } },
        415: { description: 'unsupported_media_type: a Content-Encoding other than gzip or none; nothing read.', content: { 'application/json': { schema: ref('ErrorBody') } } },
      },
    },
  },
} as const;

export const paymentSchemas = {
  Invoice: {
    type: 'object',
    required: ['reference', 'amountTiyin', 'state', 'issuedAt', 'dueAt', 'payLink'],
    description: 'An application\'s fee, billed on receipt from the form\'s computed sum (worked out on the server, never taken from the phone).',
    properties: {
      reference: { type: 'string', pattern: '^\\d{12}$', description: 'Two digits of the year, nine of a sequence, a Luhn check digit.' },
      amountTiyin: { type: 'integer', minimum: 1, description: '1 soʻm = 100 tiyin.' },
      state: { enum: INVOICE_STATES },
      issuedAt: { type: 'string', format: 'date-time' },
      dueAt: { type: 'string', format: 'date-time', description: 'Unpaid by then, the invoice expires and the application is rejected.' },
      paidAt: { type: 'string', format: 'date-time' },
      paidVia: { type: 'object', required: ['provider', 'transaction'], properties: { provider: { const: 'payme' }, transaction: { type: 'string' } } },
      payLink: { oneOf: [{ type: 'string' }, { type: 'null' }], description: 'While open: the Payme checkout address with merchant, reference and amount, for a QR code.' },
    },
  },
  PaymeRequest: {
    type: 'object',
    required: ['method', 'params'],
    description: `At most ${PAYME_BODY_MAX_BYTES} bytes.`,
    properties: {
      jsonrpc: { const: '2.0' },
      id: { oneOf: [{ type: 'integer' }, { type: 'string' }] },
      method: { enum: ['CheckPerformTransaction', 'CreateTransaction', 'PerformTransaction', 'CancelTransaction', 'CheckTransaction', 'GetStatement'] },
      params: { type: 'object' },
    },
  },
  PaymeAnswer: {
    type: 'object',
    required: ['jsonrpc', 'id'],
    properties: {
      jsonrpc: { const: '2.0' },
      id: { oneOf: [{ type: 'integer' }, { type: 'string' }, { type: 'null' }] },
      result: { type: 'object' },
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'integer' },
          message: { type: 'object', required: ['ru', 'uz', 'en'], properties: { ru: { type: 'string' }, uz: { type: 'string' }, en: { type: 'string' } } },
          data: { type: 'string', description: `The account field at fault (${PAYME_ACCOUNT_FIELD}) for account errors.` },
        },
      },
    },
  },
} as const;
