import { all, attribute, shortText } from '@/utils/detection/dom-text';
import { readReadingTimeValue } from '@/utils/detection/reading-time-value';
import type { ResourceKind } from '@/utils/detection/schema';

/**
 * schema.org in JSON-LD and microdata (signal 2): `timeRequired`, `duration` or `totalTime` of
 * the page's own item — a LearningResource, Course, CreativeWork, Article/BlogPosting,
 * VideoObject, AudioObject, PodcastEpisode or HowTo — including `@graph`, arrays and
 * `mainEntity`. Items nested elsewhere (an article's related videos, a list's items) are not the
 * page's own, so their durations are ignored. Broken or hostile JSON is skipped.
 */

export interface SchemaOrgFinding {
  kind?: ResourceKind;
  duration?: { seconds: number; raw: string };
}

const KIND_BY_TYPE: Record<string, ResourceKind> = {
  Course: 'course',
  CourseInstance: 'course',
  LearningResource: 'course',
  Quiz: 'course',
  VideoObject: 'video',
  Clip: 'video',
  Movie: 'video',
  TVEpisode: 'video',
  AudioObject: 'audio',
  PodcastEpisode: 'audio',
  RadioEpisode: 'audio',
  Episode: 'audio',
  MusicRecording: 'audio',
  BlogPosting: 'blog',
  LiveBlogPosting: 'blog',
  Article: 'article',
  NewsArticle: 'article',
  TechArticle: 'article',
  ScholarlyArticle: 'article',
  MedicalScholarlyArticle: 'article',
  AnalysisNewsArticle: 'article',
  ReportageNewsArticle: 'article',
  HowTo: 'article',
  Report: 'document',
  DigitalDocument: 'document',
  Book: 'document',
  CreativeWork: 'other',
};
const DURATION_KEYS = ['timeRequired', 'duration', 'totalTime'] as const;
const MAX_SCRIPTS = 20;
const MAX_JSON_CHARS = 512 * 1024;
const MAX_NODES = 200;

type JsonNode = Record<string, unknown>;

/**
 * Each JSON-LD script parsed once while its text stays the same: both the duration and the
 * page kind read it, and detection runs again as content arrives.
 */
const parsedScripts = new WeakMap<Element, { text: string; data: unknown }>();
function parseScript(script: Element): unknown {
  const text = script.textContent ?? '';
  const cached = parsedScripts.get(script);
  if (cached?.text === text) return cached.data;
  let data: unknown;
  try {
    data = text.length > MAX_JSON_CHARS ? undefined : JSON.parse(text);
  } catch {
    data = undefined;
  }
  parsedScripts.set(script, { text, data });
  return data;
}

function typesOf(node: JsonNode): string[] {
  const type = node['@type'];
  const list = Array.isArray(type) ? type : [type];
  return list
    .filter((value): value is string => typeof value === 'string')
    .map((value) => value.replace(/^(?:https?:\/\/)?schema\.org\//, ''));
}

function kindOf(types: string[]): ResourceKind | undefined {
  for (const type of types) {
    const kind = KIND_BY_TYPE[type];
    if (kind) return kind;
  }
  return undefined;
}

function durationValue(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return null; // unit unknown
  if (Array.isArray(value)) return durationValue(value[0]);
  if (value && typeof value === 'object') {
    const inner = (value as JsonNode)['value'] ?? (value as JsonNode)['@value'];
    return typeof inner === 'string' ? inner : null;
  }
  return null;
}

/** The page's own items: top-level nodes, `@graph` members and their `mainEntity`. */
function ownItems(root: unknown): JsonNode[] {
  const items: JsonNode[] = [];
  const queue: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  while (queue.length > 0 && items.length < MAX_NODES) {
    const { value, depth } = queue.shift()!;
    if (depth > 4 || value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const entry of value.slice(0, MAX_NODES)) queue.push({ value: entry, depth: depth + 1 });
      continue;
    }
    const node = value as JsonNode;
    items.push(node);
    for (const key of ['@graph', 'mainEntity']) {
      if (key in node) queue.push({ value: node[key], depth: depth + 1 });
    }
  }
  return items;
}

function itemUrl(node: JsonNode): string | null {
  for (const key of ['url', '@id', 'mainEntityOfPage']) {
    const value = node[key];
    if (typeof value === 'string') return value;
    if (value && typeof value === 'object' && typeof (value as JsonNode)['@id'] === 'string') {
      return (value as JsonNode)['@id'] as string;
    }
  }
  return null;
}

function samePage(candidate: string | null, pageUrl: URL): boolean {
  if (!candidate) return false;
  try {
    const url = new URL(candidate, pageUrl);
    return url.origin === pageUrl.origin && url.pathname === pageUrl.pathname;
  } catch {
    return false;
  }
}

function fromJsonLd(doc: Document, pageUrl: URL): SchemaOrgFinding[] {
  const findings: (SchemaOrgFinding & { ownPage: boolean })[] = [];
  for (const script of all(doc, 'script[type="application/ld+json" i]', MAX_SCRIPTS)) {
    const data = parseScript(script);
    if (data === undefined) continue;
    for (const node of ownItems(data)) {
      const kind = kindOf(typesOf(node));
      if (!kind) continue;
      const finding: SchemaOrgFinding & { ownPage: boolean } = {
        kind,
        ownPage: samePage(itemUrl(node), pageUrl),
      };
      for (const key of DURATION_KEYS) {
        const raw = durationValue(node[key]);
        const seconds = raw ? readReadingTimeValue(raw) : null;
        if (raw && seconds !== null && seconds > 0) {
          finding.duration = { seconds, raw: raw.trim() };
          break;
        }
      }
      findings.push(finding);
    }
  }
  // The item that names this page comes first; otherwise document order.
  return findings.sort((a, b) => Number(b.ownPage) - Number(a.ownPage));
}

function fromMicrodata(doc: Document): SchemaOrgFinding[] {
  const findings: SchemaOrgFinding[] = [];
  for (const scope of all(doc, '[itemscope][itemtype]', 50)) {
    if (scope.parentElement?.closest('[itemscope]')) continue; // nested: not the page's own item
    const types = (scope.getAttribute('itemtype') ?? '')
      .split(/\s+/)
      .map((type) => type.replace(/^https?:\/\/schema\.org\//, ''));
    const kind = kindOf(types);
    if (!kind) continue;
    const finding: SchemaOrgFinding = { kind };
    for (const element of all(
      scope,
      DURATION_KEYS.map((key) => `[itemprop~="${key}"]`).join(','),
      20,
    )) {
      if (element.closest('[itemscope]') !== scope && element !== scope) continue;
      const raw =
        attribute(element, 'content') ?? attribute(element, 'datetime') ?? shortText(element, 60);
      const seconds = raw ? readReadingTimeValue(raw) : null;
      if (raw && seconds !== null && seconds > 0) {
        finding.duration = { seconds, raw };
        break;
      }
    }
    findings.push(finding);
  }
  return findings;
}

/** The page's own schema.org item: its kind, and its duration when it states one. */
export function findSchemaOrg(doc: Document, pageUrl: URL): SchemaOrgFinding {
  const findings = [...fromJsonLd(doc, pageUrl), ...fromMicrodata(doc)];
  const withDuration = findings.find((finding) => finding.duration);
  const kind =
    withDuration?.kind ??
    findings.find((finding) => finding.kind !== 'other')?.kind ??
    findings[0]?.kind;
  return {
    ...(kind ? { kind } : {}),
    ...(withDuration?.duration ? { duration: withDuration.duration } : {}),
  };
}

export interface SchemaItem {
  /** Its schema.org types, without the schema.org prefix. */
  types: string[];
  node: JsonNode;
  /** Whether it is a learning resource's type (an article, course, video…). */
  learning: boolean;
  /** From JSON-LD (else microdata). */
  jsonLd: boolean;
}

/** The page's own schema.org items (JSON-LD and top-level microdata), for its page kind. */
export function schemaItems(doc: Document): SchemaItem[] {
  const items: SchemaItem[] = [];
  const add = (types: string[], node: JsonNode, jsonLd: boolean) => {
    const kind = kindOf(types);
    items.push({ types, node, learning: kind !== undefined && kind !== 'other', jsonLd });
  };
  for (const script of all(doc, 'script[type="application/ld+json" i]', MAX_SCRIPTS)) {
    const data = parseScript(script);
    if (data === undefined) continue;
    for (const node of ownItems(data)) add(typesOf(node), node, true);
  }
  for (const scope of all(doc, '[itemscope][itemtype]', 50)) {
    // Nested items count only as learning ones: a microdata Blog body holding its BlogPosting.
    const nested =
      scope.parentElement?.closest('[itemscope]') !== null &&
      scope.parentElement?.closest('[itemscope]') !== undefined;
    const types = (scope.getAttribute('itemtype') ?? '')
      .split(/\s+/)
      .map((type) => type.replace(/^https?:\/\/schema\.org\//, ''))
      .filter(Boolean);
    const start = scope.querySelector('[itemprop="startDate"]');
    const startDate = attribute(start, 'content') ?? attribute(start, 'datetime');
    if (nested) {
      const kind = kindOf(types);
      if (kind && kind !== 'other') add(types, {}, false);
      continue;
    }
    add(types, startDate ? { startDate } : {}, false);
  }
  return items;
}
