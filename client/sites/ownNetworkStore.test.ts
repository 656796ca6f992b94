import { describe, expect, it } from 'vitest';
import { createOwnNetworkStore, OWN_NETWORK_KEY, parseStoredInstitution } from './ownNetworkStore';

function memoryStorage(init: Record<string, string> = {}): Storage {
  const m = new Map(Object.entries(init));
  return {
    get length() { return m.size; },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => { m.delete(k); },
    setItem: (k, v) => { m.set(k, String(v)); },
  };
}

const chase = { id: 'cert:628', kind: 'institution' as const, name: 'JPMorgan Chase Bank, National Association', holdingCompany: 'JPMorgan Chase & Co.', branches: 4843 };
const apple = { id: 'cert:16068', kind: 'institution' as const, name: 'Apple Bank', holdingCompany: null, branches: 77 };

describe('own network store', () => {
  it('a pick made through one handle is seen by another subscriber and survives a reload (localStorage)', () => {
    const ls = memoryStorage();
    const store = createOwnNetworkStore(ls);
    expect(store.get()).toBeNull();
    const seen: (string | null)[] = [];
    const off = store.subscribe(() => seen.push(store.get()?.id ?? null));
    store.set(chase);             // e.g. picked in the Sites tab
    store.set({ ...chase });      // same id again: no event
    store.set(apple);             // picked in the Network coverage tab
    expect(seen).toEqual(['cert:628', 'cert:16068']);
    off();
    expect(JSON.parse(ls.getItem(OWN_NETWORK_KEY)!)).toEqual(apple);
    expect(createOwnNetworkStore(ls).get()).toEqual(apple); // reload
    store.set(null);              // cleared in Sites
    expect(ls.getItem(OWN_NETWORK_KEY)).toBeNull();
    expect(createOwnNetworkStore(ls).get()).toBeNull();
  });
  it('takes over the coverage tab\'s old key once, and ignores junk', () => {
    const ls = memoryStorage({ 'op.cov.own': JSON.stringify(chase) });
    const store = createOwnNetworkStore(ls);
    expect(store.get()).toEqual(chase);
    store.set(apple);
    expect(ls.getItem('op.cov.own')).toBeNull();
    expect(parseStoredInstitution('{"id":"bank 1","name":"x"}')).toBeNull();
    expect(parseStoredInstitution('not json')).toBeNull();
    expect(parseStoredInstitution('{"id":"hc:1039502","name":"JPMorgan Chase & Co."}')).toEqual(
      { id: 'hc:1039502', kind: 'holdingCompany', name: 'JPMorgan Chase & Co.', holdingCompany: null, branches: 0 });
  });
});
