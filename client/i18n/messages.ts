import { app } from './app';
import { sites } from './sites';
import { coverage } from './coverage';
import { editor } from './editor';
import { standards } from './standards';
import { auth } from './auth';
import { datasets } from './datasets';
import { forecast } from './forecast';
import { areas as studyAreas } from './areas';

export type Locale = 'en' | 'zh';
type Dict = Record<string, string>;

/** Merge of every area's dictionary. Add an area: create client/i18n/<area>.ts and list it here. */
const areas: { en: Dict; zh: Dict }[] = [app, sites, coverage, editor, standards, auth, datasets, forecast, studyAreas];

export const messages: Record<Locale, Dict> = {
  en: Object.assign({}, ...areas.map((a) => a.en)),
  zh: Object.assign({}, ...areas.map((a) => a.zh)),
};
