// Run ids as the contract defines them (../runId.ts): sha256 of the canonical config, 16 hex digits.
export { canonicalJson, runId } from '../runId.js';
