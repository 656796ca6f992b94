import { describe, expect, it } from 'vitest';
import { briefBbox, changedBbox } from './useCoverageExport';

describe('changedBbox (the brief frames everything that changed)', () => {
  it('spans every added site and every closed outlet, Bronx to Brooklyn', () => {
    const outlets = [{ branchId: 7, lng: -73.95, lat: 40.65 }, { branchId: 8, lng: -74.0, lat: 40.7 }];
    const b = changedBbox({ added: [{ id: 'a', lng: -73.9, lat: 40.85 }, { id: 'b', lng: -73.88, lat: 40.83 }], closed: [7], moved: [] }, outlets);
    expect(b).toEqual([-73.95, 40.65, -73.88, 40.85]);
  });
  it('widens a single site to ±0.01° and is null when nothing changes', () => {
    const b = changedBbox({ added: [{ id: 'a', lng: -73.9, lat: 40.8 }], closed: [], moved: [] }, [])!;
    expect(b[0]).toBeCloseTo(-73.91, 9);
    expect(b[3]).toBeCloseTo(40.81, 9);
    expect(changedBbox({ added: [], closed: [], moved: [] }, [])).toBeNull();
    expect(changedBbox(null, [])).toBeNull();
    // a closed outlet not among the base outlets is skipped
    expect(changedBbox({ added: [], closed: [99], moved: [] }, [])).toBeNull();
  });
});

describe('briefBbox', () => {
  const nyc: [number, number, number, number] = [-74.26, 40.49, -73.7, 40.92];
  it('is the whole study area when nothing changed or every change lies inside it', () => {
    expect(briefBbox(nyc, null)).toEqual(nyc);
    expect(briefBbox(nyc, [-74.0, 40.7, -73.9, 40.8])).toEqual(nyc);
  });
  it('widens the study area to a changed site outside it (a site at -74.3, west of Staten Island)', () => {
    expect(briefBbox(nyc, [-74.3, 40.71, -73.95, 40.73])).toEqual([-74.3, 40.49, -73.7, 40.92]);
  });
});
