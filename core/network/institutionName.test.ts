import { describe, expect, it } from 'vitest';
import { cachedInstitutionDisplayName, institutionDisplayName } from './institutionName';

// Real names from the FDIC Summary of Deposits 2023 (NAMEFULL / NAMEHCR of New York City branches), with the
// spelling the institutions use (and the SOD 2018 still had, e.g. "JPMorgan Chase Bank", "KeyBank").
const CASES: [string, string][] = [
  ['Jpmorgan Chase Bank, National Association', 'JPMorgan Chase Bank, National Association'],
  ['JPMORGAN CHASE & CO.', 'JPMorgan Chase & Co.'],
  ['Bmo Harris Bank National Association', 'BMO Harris Bank National Association'],
  ['Bny Mellon, National Association', 'BNY Mellon, National Association'],
  ['Ctbc Bank Corp. (Usa)', 'CTBC Bank Corp. (USA)'],
  ['Keb Hana Bank Usa, National Association', 'KEB Hana Bank USA, National Association'],
  ['Keybank National Association', 'KeyBank National Association'],
  ['M.y. Safra Bank, FSB', 'M.Y. Safra Bank, FSB'],
  ['M&T BANK CORPORATION', 'M&T Bank Corporation'],
  ['BB&T CORPORATION', 'BB&T Corporation'],
  ['TD Bank, National Association', 'TD Bank, National Association'],
  ['Santander Bank, N.A.', 'Santander Bank, N.A.'],
  ['HSBC HOLDINGS PLC', 'HSBC Holdings PLC'],
  ['Apple Bank For Savings', 'Apple Bank for Savings'],
  ['PNC FINANCIAL SERVICES GROUP, INC., THE', 'PNC Financial Services Group, Inc., The'],
  ['TORONTO-DOMINION BANK, THE', 'Toronto-Dominion Bank, The'],
  ['CTBC FINANCIAL HOLDING CO., LTD.', 'CTBC Financial Holding Co., Ltd.'],
  ['K.I.S.S. DYNASTY TRUST NO. 9', 'K.I.S.S. Dynasty Trust No. 9'],
  ['U.S. BANCORP', 'U.S. Bancorp'],
  ['KEYCORP', 'KeyCorp'],
  ['Bankunited, National Association', 'BankUnited, National Association'],
  ['Oceanfirst Bank, National Association', 'OceanFirst Bank, National Association'],
  // acronyms without a vowel, Mc/O' names (SOD 2023 vs its 2018 spelling, outside NYC)
  ['Fnb Bank', 'FNB Bank'],
  ['Mcgregor State Bank', 'McGregor State Bank'],
  ["O'bannon Bank", "O'Bannon Bank"],
  ['First National Bank In Mount Dora', 'First National Bank in Mount Dora'],
  ['St. Charles Bank & Trust', 'St. Charles Bank & Trust'],
];

describe('institutionDisplayName', () => {
  it.each(CASES)('%s → %s', (raw, display) => {
    expect(institutionDisplayName(raw)).toBe(display);
  });
  it('is idempotent, and keeps names already spelt right', () => {
    for (const [, display] of CASES) expect(institutionDisplayName(display)).toBe(display);
    expect(institutionDisplayName('Wells Fargo Bank, National Association')).toBe('Wells Fargo Bank, National Association');
    expect(institutionDisplayName('The Bank of New York Mellon')).toBe('The Bank of New York Mellon');
  });
  it('trims and collapses spaces; an empty name stays empty', () => {
    expect(institutionDisplayName('  CITIGROUP   INC. ')).toBe('Citigroup Inc.');
    expect(institutionDisplayName('  ')).toBe('');
  });
});

describe('cachedInstitutionDisplayName', () => {
  it('gives institutionDisplayName\'s spelling, the first time and from its memory', () => {
    for (const [raw, display] of CASES) {
      expect(cachedInstitutionDisplayName(raw)).toBe(display);
      expect(cachedInstitutionDisplayName(raw)).toBe(display);
    }
    expect(cachedInstitutionDisplayName('  ')).toBe('');
  });
});
