/**
 * The display spelling of an FDIC institution or holding-company name — the one place names are cased.
 *
 * The FDIC Summary of Deposits spells holding companies in capitals (`JPMORGAN CHASE & CO.`) and, from the 2021
 * survey on, institutions in a mechanical title case that lowers brands and acronyms (`Jpmorgan Chase Bank`,
 * `Keybank National Association`, `Ctbc Bank Corp. (Usa)`, `M.y. Safra Bank, FSB`; the 2018 survey still had
 * `JPMorgan Chase Bank`, `KeyBank`). This restores a readable spelling:
 * - a name without lower-case letters is title-cased word by word (hyphenated parts too: `Toronto-Dominion`);
 * - known brand spellings and acronyms are restored from `KNOWN_SPELLINGS` (`JPMorgan`, `KeyBank`, `BMO`, `CTBC`, `USA`, `N.A.`…);
 * - words joined by `&` and dotted initials are capitals (`M&T`, `BB&T`, `F&M`, `U.S.`, `M.Y.`);
 * - words of 2–5 letters without a vowel (y counts as one) are acronyms (`Fnb` → `FNB`, `Pcsb` → `PCSB`), except
 *   the abbreviations `St`, `Mt`, `Ft`, `Dr`, `Jr`, `Sr`, `Mr`, `Ltd`, `Bldg`;
 * - `Mc`/`O'` names get their inner capital (`Mcgregor` → `McGregor`, `O'bannon` → `O'Bannon`);
 * - `of`, `and`, `for`, `the`, `in`, `at`, `a`, `on`, `by`, `du`, `de` are lower case inside a name, except right after
 *   a comma for `The` (`PNC Financial Services Group, Inc., The`; `Citizens State Bank, of Arlington`).
 * Other words are kept as the FDIC wrote them. Idempotent: a displayed name comes back unchanged.
 * @param raw the FDIC name (NAMEFULL or NAMEHCR), any casing.
 * @returns the display name; `''` for an empty name.
 */
export function institutionDisplayName(raw: string): string {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (!name) return '';
  const shouting = !/\p{Ll}/u.test(name);
  const words = name.split(' ');
  return words.map((word, i) => displayWord(shouting ? titleCase(word) : word, i === 0 ? 'first' : /,$/.test(words[i - 1]) ? 'afterComma' : 'inside')).join(' ');
}

/** Display names computed by {@link cachedInstitutionDisplayName}, keyed by the raw name. */
const displayNames = new Map<string, string>();

/** Names {@link cachedInstitutionDisplayName} keeps before it starts over (the FDIC SOD 2023 has ≈ 10,000 distinct ones). */
const DISPLAY_NAMES_KEPT = 100_000;

/**
 * {@link institutionDisplayName}, each distinct raw name cased once per process: the branches' names at load time and
 * the institution picker's list share the spellings (casing 20,000 names afresh for one list held a server's event
 * loop ≈ 60 ms). Same arguments, results and errors as {@link institutionDisplayName}.
 */
export function cachedInstitutionDisplayName(raw: string): string {
  let d = displayNames.get(raw);
  if (d === undefined) {
    if (displayNames.size >= DISPLAY_NAMES_KEPT) displayNames.clear();
    displayNames.set(raw, (d = institutionDisplayName(raw)));
  }
  return d;
}

/**
 * Brand spellings and acronyms the rules cannot guess, keyed by the lower-case word without surrounding punctuation
 * (checked on the institution and holding-company names of the FDIC SOD 2023 in New York City and of the largest
 * US networks, against the institutions' own spellings).
 */
export const KNOWN_SPELLINGS: ReadonlyMap<string, string> = new Map([
  'JPMorgan', 'KeyBank', 'KeyCorp', 'BankUnited', 'ConnectOne', 'FieldPoint', 'OceanFirst', 'PromiseOne', 'NewtekOne',
  'MetroCity', 'EastBank', 'NewBank', 'FirstBank', 'WesBanco', 'MidFirst', 'PlainsCapital', 'BancorpSouth', 'SunTrust',
  'HomeStreet', 'TrustCo', 'ServisFirst', 'BankFinancial', 'FirstMerit', 'WaFd', 'BankNewport', 'NexBank', 'TowneBank',
  'USA', 'US', 'BMO', 'BNY', 'CIBC', 'CTBC', 'KEB', 'HSBC', 'TD', 'PNC', 'RBC', 'UBS', 'BBVA', 'BCB', 'PCB', 'SNBNY',
  'BOKF', 'CNB', 'IC', 'IBW', 'IFB', 'NMB', 'RBB', 'CRB', 'ESB', 'AVB', 'ACB', 'UNB', 'QNB', 'ANB', 'BAC', 'BNA', 'CIT', 'SVB', 'UMB',
  'FSB', 'N.A.', 'S.A.', 'S.B.', 'AG', 'PLC', 'LLC', 'LLP', 'NY', 'NYC', 'II', 'III', 'IV',
].map((w) => [w.toLowerCase(), w]));

const SMALL_WORDS = new Set(['of', 'and', 'for', 'the', 'in', 'at', 'a', 'on', 'by', 'du', 'de']);
const ABBREVIATIONS = new Set(['st', 'mt', 'ft', 'dr', 'jr', 'sr', 'mr', 'ltd', 'bldg']);

/** `JPMORGAN` → `Jpmorgan`, `TORONTO-DOMINION` → `Toronto-Dominion`, `(CAYMAN)` → `(Cayman)`. */
function titleCase(word: string): string {
  return word.toLowerCase().replace(/(^|[-(/"])(\p{L})/gu, (_, pre: string, c: string) => pre + c.toUpperCase());
}

/** One word of a name (already title-cased when the name was in capitals), at the start, after a comma or inside. */
function displayWord(word: string, at: 'first' | 'afterComma' | 'inside'): string {
  const m = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}.]*)$/u.exec(word);
  if (!m || !m[2]) return word;
  const [, pre, core0, post] = m;
  const core = core0; // with a trailing dot ("Inc.", "N.A."): the known spellings are looked up with and without it
  const key = core.toLowerCase();
  const known = KNOWN_SPELLINGS.get(key) ?? KNOWN_SPELLINGS.get(key.replace(/\.$/, ''));
  let out: string;
  if (known) out = KNOWN_SPELLINGS.has(key) ? known : known + '.';
  else if (/^(\p{L}\.)+$/u.test(core)) out = core.toUpperCase(); // U.S., M.Y., N.A., K.I.S.S.
  else if (/^[\p{L}]{1,4}&[\p{L}]{1,4}$/u.test(core)) out = core.toUpperCase(); // M&T, BB&T, F&M, CB&S
  else if (/^\p{L}{2,5}$/u.test(core) && !/[aeiouy]/i.test(core) && !ABBREVIATIONS.has(key)) out = core.toUpperCase(); // FNB, PCSB
  else if (SMALL_WORDS.has(key)) out = at === 'first' || (at === 'afterComma' && key === 'the') ? core[0].toUpperCase() + core.slice(1) : key;
  else if (/^Mc\p{Ll}{3,}$/u.test(core)) out = 'Mc' + core[2].toUpperCase() + core.slice(3);
  else if (/^O'\p{Ll}{2,}$/u.test(core)) out = "O'" + core[2].toUpperCase() + core.slice(3);
  else out = core;
  return pre + out + post;
}
