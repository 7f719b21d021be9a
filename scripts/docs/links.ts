import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './sources.ts';

export interface Link {
  readonly file: string;
  readonly line: number;
  readonly target: string;
}

/** Fenced code blocks hold examples, not headings or links; blanked so line numbers stay. */
function withoutFences(text: string): string {
  return text.replace(/^```[\s\S]*?^```/gm, (block) => block.replace(/[^\n]/g, ' '));
}

/** Inline code holds examples too (but a heading's inline code is part of its anchor). */
function withoutCode(text: string): string {
  return withoutFences(text).replace(/`[^`\n]*`/g, (span) => ' '.repeat(span.length));
}

const INLINE_LINK = /\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const EXTERNAL = /^[a-z][a-z0-9+.-]*:/i;

/** The relative links (and anchors) of one markdown file. */
export function linksOf(file: string, text: string): Link[] {
  const links: Link[] = [];
  withoutCode(text)
    .split('\n')
    .forEach((lineText, index) => {
      for (const match of lineText.matchAll(INLINE_LINK)) {
        const target = match[1]!;
        if (!EXTERNAL.test(target)) links.push({ file, line: index + 1, target });
      }
    });
  return links;
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .replace(/`/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Every anchor a markdown file offers (repeated headings get -1, -2, … as on GitHub). */
export function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const match of withoutFences(text).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = slug(match[1]!);
    const count = seen.get(base) ?? 0;
    anchors.add(count === 0 ? base : `${base}-${count}`);
    seen.set(base, count + 1);
  }
  return anchors;
}

/** Why a link does not resolve, or null when it does. */
export function brokenReason(link: Link): string | null {
  const [pathPart = '', anchor] = link.target.split('#', 2);
  const resolved = pathPart === '' ? link.file : path.posix.join(path.posix.dirname(link.file), decodeURI(pathPart));
  const absolute = path.join(ROOT, resolved);
  if (!existsSync(absolute)) return `${resolved} does not exist`;
  if (anchor === undefined || anchor === '' || !resolved.endsWith('.md') || statSync(absolute).isDirectory())
    return null;
  return anchorsOf(readFileSync(absolute, 'utf8')).has(anchor) ? null : `${resolved} has no heading #${anchor}`;
}
