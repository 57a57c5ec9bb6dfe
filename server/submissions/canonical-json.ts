// The phone signs what it sends with the same canonical form (src/contract/canonical-json.ts).
export { canonicalJson } from '../../src/contract/index';
