import type { HandoverFile } from '../../contract/index';

/** What a hand-over file holds, said to whoever is about to take it. */
export interface HandoverSummary {
  count: number;
  /** Applications an assistant made for residents, each with the assistant's signature. */
  onBehalf: number;
  /** The assistant the file names as its maker (words only: the signatures are what the server checks). */
  operatorName: string | null;
  /** When the earliest and the latest of them were made, and when the file was saved (ISO). */
  firstMadeAt: string;
  lastMadeAt: string;
  exportedAt: string;
  /** Distinct services, as ids. */
  services: string[];
  /** Photos and documents that travel in the file. */
  files: number;
  /** Of `count`, already on this phone (taken before, or its own): taking them again changes nothing. */
  alreadyHere: number;
}

/** The summary of a checked file (parseHandoverFile); `here` tells which ids this phone already holds. */
export function summariseHandover(file: HandoverFile, here: (id: string) => boolean): HandoverSummary {
  const made = file.items.map((item) => item.finalisedAt).sort();
  return {
    count: file.items.length,
    onBehalf: file.items.filter((item) => item.delegation !== undefined).length,
    operatorName: file.madeBy?.operatorName ?? null,
    firstMadeAt: made[0] ?? file.exportedAt,
    lastMadeAt: made.at(-1) ?? file.exportedAt,
    exportedAt: file.exportedAt,
    services: [...new Set(file.items.map((item) => item.serviceId))],
    files: file.items.reduce((n, item) => n + item.blobs.length, 0),
    alreadyHere: file.items.filter((item) => here(item.id)).length,
  };
}
