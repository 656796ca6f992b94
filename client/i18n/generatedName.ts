import { messages, type Locale } from './messages';
import { baseRunName } from '../../core/coverage/scenarioList';

/** Message keys of names the app generates and stores (scenario and site names). */
export const GENERATED_NAME_KEYS = ['cov.optimizeName', 'cov.optimizeNameForecast', 'cov.closureName', 'cov.newScenarioName', 'cov.mapSite', 'cov.gridSite'] as const;

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The template as a regex capturing each `{var}`; `{var|one|other}` plurals match either form. */
function templateRegex(template: string): { re: RegExp; vars: string[] } {
  const vars: string[] = [];
  const body = template.split(/(\{\w+(?:\|[^{}]*)?\})/).map((part) => {
    const plural = /^\{\w+\|([^|{}]*)\|([^|{}]*)\}$/.exec(part);
    if (plural) return `(?:${esc(plural[1])}|${esc(plural[2])})`;
    const v = /^\{(\w+)\}$/.exec(part);
    if (v) { vars.push(v[1]); return '(.+?)'; }
    return esc(part);
  }).join('');
  return { re: new RegExp(`^${body}$`), vars };
}

/**
 * A stored name the app generated in either language ("+5 best sites (1 km)", "情景 2", "Map site 3"), said in the
 * UI's language, with the run number the server adds to a repeated optimiser run kept ("… #2",
 * core/coverage/scenarioList.ts); any other name (typed by a user) is returned unchanged.
 */
export function localizeGeneratedName(name: string, t: (key: string, vars?: Record<string, string | number>) => string): string {
  const base = baseRunName(name);
  if (base !== name) {
    const said = localizeOne(base, t);
    return said === base ? name : `${said}${name.slice(base.length)}`;
  }
  return localizeOne(name, t);
}

function localizeOne(name: string, t: (key: string, vars?: Record<string, string | number>) => string): string {
  for (const key of GENERATED_NAME_KEYS) {
    for (const locale of ['en', 'zh'] as Locale[]) {
      const template = messages[locale][key];
      if (!template) continue;
      const { re, vars } = templateRegex(template);
      const m = re.exec(name);
      if (m) return t(key, Object.fromEntries(vars.map((v, i) => [v, /^\d+$/.test(m[i + 1]) ? Number(m[i + 1]) : m[i + 1]])));
    }
  }
  return name;
}
