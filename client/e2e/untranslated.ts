import type { Page } from 'playwright-core';
import { messages } from '../i18n/messages';

/**
 * English UI strings left on a page that should be Chinese: every visible text node, `title`, `placeholder` and
 * `aria-label` is matched against the English dictionary (messages whose Chinese differs and that hold a word of
 * 3+ Latin letters outside their {placeholders}; a template matches with its placeholders as wildcards).
 * @returns the offending texts with the dictionary key they match (empty when the page is fully Chinese).
 */
export async function untranslatedTexts(page: Page): Promise<{ text: string; key: string }[]> {
  const patterns: { key: string; re: RegExp }[] = [];
  for (const [key, en] of Object.entries(messages.en)) {
    if (messages.zh[key] === en) continue;
    const literal = en.replace(/\{\w+(\|[^{}]*)?\}/g, '');
    if (!/[A-Za-z]{3,}/.test(literal)) continue;
    const re = en.split(/(\{\w+(?:\|[^{}]*)?\})/).map((part) => {
      const plural = /^\{\w+\|([^|{}]*)\|([^|{}]*)\}$/.exec(part);
      if (plural) return `(?:${esc(plural[1])}|${esc(plural[2])})`;
      return /^\{\w+\}$/.test(part) ? '.+?' : esc(part);
    }).join('');
    patterns.push({ key, re: new RegExp(`^${re}$`, 's') });
  }
  const texts = await page.evaluate(() => {
    const out: string[] = [];
    const visible = (el: Element | null) => !!el && (el as HTMLElement).offsetParent !== null;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const s = n.textContent?.trim();
      if (s && visible(n.parentElement)) out.push(s);
    }
    for (const el of document.querySelectorAll('[title], [placeholder], [aria-label]')) {
      if (!visible(el)) continue;
      for (const a of ['title', 'placeholder', 'aria-label']) { const v = el.getAttribute(a)?.trim(); if (v) out.push(v); }
    }
    return out;
  });
  const bad: { text: string; key: string }[] = [];
  for (const text of new Set(texts)) {
    const hit = patterns.find((p) => p.re.test(text));
    if (hit) bad.push({ text, key: hit.key });
  }
  return bad;
}

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
