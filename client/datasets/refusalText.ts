import { fillTemplate, isRefusalCode, type RefusalParam, type RefusalText } from '../../core/datasets/refusals';
import type { ImportProblem } from '../../core/datasets/types';
import { translate } from '../i18n/i18n';
import type { Locale } from '../i18n/messages';
import { problemMessage } from './problemText';

/**
 * A whole-file refusal of an import in the UI language. The server's error body carries the refusal's
 * `messageCode` and `params` (core/datasets/refusals.ts) beside its English `message`; the text is the template
 * `datasets.refusal.<code>` of client/i18n/datasets.ts filled with the parameters (a parameter that is a list of
 * refusal texts — column problems, a field's name — is written in the same language, joined with "; " / "；").
 * A code or parameter this client does not know (an older client, a body without a code) gives `fallback`,
 * the server's English message. A parameter that is the message of one of `problems` (the report's first problem
 * quoted by "nothing to import") is written as the report writes that problem (client/datasets/problemText.ts).
 */
export function refusalInLocale(code: unknown, params: unknown, locale: Locale, fallback: string, problems: readonly ImportProblem[] = []): string {
  const text = asRefusal(code, params);
  if (!text) return fallback;
  for (const [k, v] of Object.entries(text.params)) {
    const p = typeof v === 'string' ? problems.find((q) => q.message === v) : undefined;
    if (p) text.params[k] = problemMessage(p, locale);
  }
  return write(text, locale);
}

function write(t: RefusalText, locale: Locale): string {
  return fillTemplate(translate(locale, `datasets.refusal.${t.code}`), t.params, (n) => write(n, locale), locale === 'zh' ? '；' : '; ');
}

/** `code` and `params` as a refusal text, or null when any part of them is not one this client knows. */
function asRefusal(code: unknown, params: unknown): RefusalText | null {
  if (!isRefusalCode(code)) return null;
  if (params === undefined || params === null) return { code, params: {} };
  if (typeof params !== 'object' || Array.isArray(params)) return null;
  const out: Record<string, RefusalParam> = {};
  for (const [k, v] of Object.entries(params as Record<string, unknown>)) {
    if (typeof v === 'string' || typeof v === 'number') out[k] = v;
    else if (Array.isArray(v)) {
      const items = v.map((i) => (i && typeof i === 'object' ? asRefusal((i as { code?: unknown }).code, (i as { params?: unknown }).params) : null));
      if (items.some((i) => i === null)) return null;
      out[k] = items as RefusalText[];
    } else return null;
  }
  return { code, params: out };
}
