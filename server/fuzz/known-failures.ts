import type { Finding, FindingKind } from './check-answer';
import type { FuzzRequest } from './fuzz-request';

/**
 * Failures the fuzz finds that are known and being fixed elsewhere. The suite passes over these
 * and fails on anything else; it also fails when one of them no longer occurs, so this list is
 * emptied as the fixes land and cannot hide a failure that came back under another name.
 * Each says, in the words of the report that found it, what is wrong, and issue-reproductions.ts
 * holds a request that shows it in every run.
 */
interface KnownFailure {
  id: string;
  /** What is wrong, as the report that found it says. */
  words: string;
  kinds: FindingKind[];
  matches(request: FuzzRequest): boolean;
}

/** None: every failure found so far is fixed, and its request is still sent in every run (issue-reproductions.ts). */
export const KNOWN_FAILURES: KnownFailure[] = [];

/** The known failure a finding is, or undefined when it is new. */
export function knownFailureOf(finding: Finding, request: FuzzRequest): KnownFailure | undefined {
  return KNOWN_FAILURES.find((known) => known.kinds.includes(finding.kind) && known.matches(request));
}
