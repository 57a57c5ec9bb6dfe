import {
  DELEGATION_CONTEXT, DELEGATION_OPERATOR_ID, DELEGATION_SIGNATURE, MAX_SEALED_CHARS, P256_COORDINATE, THUMBPRINT,
} from '../src/contract/index';

// The schemas of what is sealed or signed on the wire (docs/security.md): items sealed to the
// server, answers sealed back to a phone's reply key, operators' proofs on on-behalf items, and
// the P-256 public keys they name. Merged into server/openapi.ts.

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const B64URL = '^[A-Za-z0-9_-]+$';
const KEY_ID = '^[A-Za-z0-9_-]{1,64}$';
const point = {
  type: 'object', required: ['kty', 'crv', 'x', 'y'],
  properties: { kty: { const: 'EC' }, crv: { const: 'P-256' }, x: { type: 'string', pattern: B64URL }, y: { type: 'string', pattern: B64URL } },
};

export const sealingSchemas = {
  P256PublicKey: {
    type: 'object', required: ['kty', 'crv', 'x', 'y'],
    description:
      'A P-256 public key as a JWK (a delegation key, a reply key): a point on the curve, each coordinate the one base64url ' +
      'encoding of its 32 bytes. Members a WebCrypto export adds (ext, key_ops) are let through and not kept; a private ' +
      'member d refuses the key, as does a point off the curve.',
    properties: {
      kty: { const: 'EC' }, crv: { const: 'P-256' },
      x: { type: 'string', pattern: P256_COORDINATE.source }, y: { type: 'string', pattern: P256_COORDINATE.source },
      d: false,
    },
  },
  DelegationProof: {
    type: 'object', required: ['operatorId', 'keyId', 'signature'],
    description:
      'An operator\'s signature on an on-behalf application (docs/security.md, "Who vouches for an on-behalf application"): ' +
      'ECDSA P-256 with SHA-256, by the delegation key the phone registered at sign-in (POST /auth/login), over the UTF-8 text ' +
      `"${DELEGATION_CONTEXT}\\n{id}\\n{operatorId}\\n{digest}". digest is the lower-case hex SHA-256 of the item as it travels ` +
      'without its delegation member, as canonical JSON (object keys sorted at every depth, no spaces): the readable ' +
      'application, or { id, sealed } of a sealed one, so the phone can sign a sealed item again without opening it. The ' +
      'server takes it only from a key of the operator it names whose sign-in still lasts, whichever phone brings it.',
    properties: {
      operatorId: {
        type: 'string', pattern: DELEGATION_OPERATOR_ID.source,
        description: 'The operator the signing phone was signed in as (OperatorInfo.id); the item\'s onBehalf.operatorId must be the same.',
      },
      keyId: { type: 'string', pattern: THUMBPRINT.source, description: 'The RFC 7638 thumbprint of the delegation key.' },
      signature: { type: 'string', pattern: DELEGATION_SIGNATURE.source, description: 'r and s, 32 bytes each (as WebCrypto signs), in base64url.' },
    },
  },
  SealKey: {
    type: 'object', required: ['keyId', 'publicKey'],
    properties: {
      keyId: { type: 'string', pattern: KEY_ID, description: 'The key\'s RFC 7638 thumbprint.' },
      publicKey: {
        type: 'object', required: ['kty', 'crv', 'x', 'y'], additionalProperties: false,
        properties: { kty: { const: 'EC' }, crv: { const: 'P-256' }, x: { type: 'string' }, y: { type: 'string' } },
      },
    },
  },
  SealedEnvelope: {
    type: 'object', required: ['v', 'keyId', 'epk', 'iv', 'ct'],
    description:
      'JSON sealed to a P-256 key: ECDH with a one-time key pair (epk, its public half), HKDF-SHA-256 salted with keyId, ' +
      'AES-256-GCM with the application id as additional data, so an envelope opens only under its own id.',
    properties: {
      v: { const: 1 },
      keyId: { type: 'string', pattern: KEY_ID, description: 'Names the key it is sealed to: the seal key\'s keyId, or a reply key\'s RFC 7638 thumbprint.' },
      epk: point,
      iv: { type: 'string', pattern: B64URL, description: '12 bytes.' },
      ct: { type: 'string', pattern: B64URL, maxLength: MAX_SEALED_CHARS, description: 'The ciphertext and its tag.' },
    },
  },
  SealedItem: {
    type: 'object', required: ['id', 'sealed'],
    description:
      'An application or feedback item sealed to the seal key. The server opens it and judges the item inside, which must ' +
      'carry the same id, exactly as if it had been sent readable: the same receipt either way. An on-behalf application\'s ' +
      'operator proof travels beside the envelope; one inside it counts for nothing.',
    properties: {
      id: { type: 'string' },
      sealed: ref('SealedEnvelope'),
      delegation: {
        ...ref('DelegationProof'),
        description: 'Required when the application inside has onBehalf (else 403 delegation_invalid for the item); its digest covers { id, sealed }.',
      },
      citizen: {
        ...ref('CitizenProof'),
        description: 'A signed-in citizen\'s proof on the own application inside; its digest covers { id, sealed }.',
      },
    },
  },
  SealedReopen: {
    type: 'object', required: ['formVersion', 'sealed'],
    description:
      'An application\'s answers as they leave the server: { answers, raw? } as JSON, sealed to the reply key the application ' +
      'carried (the envelope\'s keyId is that key\'s thumbprint, the application id its additional data). Only the phone that ' +
      'holds the key\'s private half reads them; the device key, the sealed item or a hand-over file alone read nothing.',
    properties: {
      formVersion: { type: 'integer', minimum: 1, description: 'The form version the answers belong to.' },
      revision: { type: 'integer', minimum: 1, description: 'In a 422 only, when the refused item named its revision.' },
      sealed: ref('SealedEnvelope'),
    },
  },
} as const;
