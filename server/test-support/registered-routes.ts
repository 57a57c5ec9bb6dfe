import type { FastifyInstance } from 'fastify';

/** One line of Fastify's route tree: its indent, the path piece it adds, and the methods that end there. */
const TREE_LINE = /^((?:│ {3}| {4})*)[├└]── (\S+)(?: \(([A-Z, ]+)\))?$/;
const INDENT_CHARS = 4;

/**
 * Every method and URL the app has registered, read from Fastify's route tree (printRoutes with no
 * common prefixes, where each line adds a piece to its parent's path). Throws on a line it cannot
 * read, so a change of Fastify's format fails loudly rather than hiding routes.
 */
export function registeredRoutes(app: FastifyInstance): { method: string; url: string }[] {
  const routes: { method: string; url: string }[] = [];
  const parents: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n').filter((l) => l.trim() !== '')) {
    const match = TREE_LINE.exec(line);
    if (!match) throw new Error(`Cannot read this line of Fastify's route tree: ${JSON.stringify(line)}`);
    const depth = match[1]!.length / INDENT_CHARS;
    parents.length = depth;
    const url = `${parents.at(-1) ?? ''}${match[2]!}`;
    parents.push(url);
    for (const method of match[3]?.split(', ') ?? []) routes.push({ method, url });
  }
  return routes;
}
